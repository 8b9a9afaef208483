"""Positions: an actor's stance on a topic stated in an instrument, with the verbatim evidence;
the list filters by holding state, topic, stance and the instrument's date."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Literal, URIRef

from api.views import (
    ALL_TIME,
    Document,
    Paging,
    Period,
    count,
    items_values,
    must_exist,
    page_document,
    page_items,
    period_filter,
    rows_values,
    thing,
    values_row,
)
from api.views.describe import (
    INSTRUMENT,
    NOT_WITHDRAWN,
    POSITION,
    REVIEWED,
    SOURCE,
    branch,
    evidence_branches,
    gathered,
    labels_of,
    link,
)
from graph.namespaces import Ids, T, iri_ref
from graph.store import Store


def _branches(held: str | None = None) -> list[str]:
    """What a page of positions shows; ``held`` (a VALUES block of instrument ``?i`` and
    holding ``?h`` rows) adds how the state asked for holds each instrument."""
    branches = [
        branch("BIND(?item AS ?s)", (*POSITION, "prov:wasDerivedFrom", "iis:confidence")),
        labels_of("?item iis:topic|iis:stance ?s ."),
        *evidence_branches("?item"),
        branch("?item iis:statedIn ?s .", INSTRUMENT),
        labels_of("?item iis:statedIn/(iis:instrumentType|iis:issuer|iis:place) ?s ."),
        branch("?item prov:wasDerivedFrom ?s .", SOURCE),
    ]
    if held is not None:  # its holding only, nested in the instrument
        branches += [
            link(held, "?i", "iis:qualifiedHolding", "?h"),
            branch(f"{held} BIND(?h AS ?s)"),
            branch(f"{held} ?h iis:viaMembership ?s ."),
        ]
    return branches


def positions(
    store: Store,
    ids: Ids,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
    *,
    state: str | None = None,
    topic: str | None = None,
    stance: str | None = None,
    period: Period = ALL_TIME,
    reviewed_only: bool = False,
) -> Document:
    """Positions, latest first, none a curator withdrew; ``reviewed_only``: those curators
    confirmed, corrected or added."""
    bound: dict[str, URIRef | Literal] = {}
    where = f"?item a iis:Position ; iis:statedIn ?instrument . {NOT_WITHDRAWN % '?item'}"
    if reviewed_only:
        where += " " + REVIEWED % "?item"
    if topic:
        bound["topic"] = thing(ids, "topic", topic, "topic")
        where += " ?item iis:topic ?topic ."
    if stance:
        bound["stance"] = thing(ids, "stance", stance, "stance")
        where += " ?item iis:stance ?stance ."
    if state:
        bound["state"] = thing(ids, "state", state, "state")
        where += " ?instrument iis:holder ?state ."
    where += " " + period_filter(period)
    where = values_row(bound) + " " + where + " OPTIONAL { ?instrument dcterms:date ?sortDate }"
    items = page_items(store, where, "DESC(STR(?sortDate)) ?item", paging)
    head = items_values(items)
    held = None
    if state and items:
        # the state's holdings of these instruments, found once (from the state's side the
        # engine would walk every holding it has: 0.5 s on 10,000 instruments)
        held = rows_values(
            store,
            ("i", "h"),
            f"SELECT DISTINCT ?i ?h WHERE {{ {head} ?item iis:statedIn ?i . "
            f"?i iis:qualifiedHolding ?h . ?h iis:holdingState {iri_ref(str(bound['state']))} }}",
        )
    graph = gathered(store, head, _branches(held))
    return page_document(
        graph,
        items,
        count(store, where),
        paging,
        collection,
        page_iri,
        "Positions",
        template="positions.html",
    )


def position(store: Store, iri: URIRef, key: str) -> Document:
    must_exist(store, iri, T.Position, f"position {key!r}")
    graph = gathered(store, values_row({"item": iri}), _branches())
    return Document(graph, iri, f"Position {key}")
