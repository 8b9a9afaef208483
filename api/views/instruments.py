"""Instruments (statements, declarations, agreements...): the list with filters, and one
instrument with its holders (named in the text or derived through membership), positions with
their evidence, the agreements it refers to, and the sources that report it."""

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
    thing,
    title_of,
    values_row,
)
from api.views.describe import (
    INSTRUMENT,
    POSITION,
    SOURCE,
    branch,
    evidence_branches,
    gathered,
    labels_of,
)
from graph.namespaces import Ids, T, iri_ref
from graph.store import Store


def actor(store: Store, ids: Ids, key: str, what: str) -> URIRef:
    """The state (ISO alpha-3) or organization (SCO, SCO-CHS) ``key`` names: both are three
    capital letters at times, so the store says which exists."""
    state = thing(ids, "state", key, what)
    if store.ask(f"ASK {{ {iri_ref(str(state))} a {iri_ref(str(T.State))} }}"):
        return state
    return thing(ids, "organization", key, what)


def instruments(
    store: Store,
    ids: Ids,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
    *,
    agreements_only: bool = False,
    type_: str | None = None,
    status: str | None = None,
    issuer: str | None = None,
    holder: str | None = None,
    topic: str | None = None,
    period: Period = ALL_TIME,
) -> Document:
    bound: dict[str, URIRef | Literal] = {}
    where = "?item a iis:Agreement ." if agreements_only else "?item a iis:Instrument ."
    if type_:
        bound["type"] = thing(ids, "instrument-type", type_, "type")
        where += " ?item iis:instrumentType ?type ."
    if status:
        bound["status"] = thing(ids, "instrument-status", status, "status")
        where += " ?item iis:status ?status ."
    if issuer:
        bound["issuer"] = actor(store, ids, issuer, "issuer")
        # an organization issues through its units too (SCO through its Council of Heads)
        where += " ?issuer org:hasUnit? ?by . ?item iis:issuer ?by ."
    if holder:
        bound["holder"] = thing(ids, "state", holder, "holder")
        where += " ?item iis:holder ?holder ."
    if topic:
        bound["topic"] = thing(ids, "topic", topic, "topic")
        where += " ?position iis:statedIn ?item ; iis:topic ?topic ."
    where += " " + period_filter(period, "?item")
    where = values_row(bound) + " " + where + " OPTIONAL { ?item dcterms:date ?sortDate }"
    items = page_items(store, where, "DESC(STR(?sortDate)) ?item", paging)
    graph = gathered(
        store,
        items_values(items),
        [
            branch("BIND(?item AS ?s)", INSTRUMENT),
            labels_of("?item iis:instrumentType|iis:status|iis:place|iis:issuer ?s ."),
        ],
    )
    title = "Agreements" if agreements_only else "Instruments"
    return page_document(graph, items, count(store, where), paging, collection, page_iri, title)


def instrument(store: Store, iri: URIRef, key: str) -> Document:
    must_exist(store, iri, T.Instrument, f"instrument {key!r}")
    head = values_row({"i": iri})
    graph = gathered(
        store,
        head,
        [
            branch("BIND(?i AS ?s)", exclude=("skos:hiddenLabel", "iis:holder")),
            labels_of("?i iis:instrumentType|iis:status|iis:place|iis:issuer|iis:party ?s ."),
            labels_of("?i iis:issuerMember|iis:refersTo ?s ."),
            branch("?i iis:qualifiedHolding ?s ."),
            labels_of("?i iis:qualifiedHolding/iis:holdingState ?s ."),
            branch("?i iis:qualifiedHolding/iis:viaMembership ?s ."),
            branch("?i iis:qualifiedHolding/iis:viaMembership/org:memberDuring ?s ."),
            branch(
                "?i iis:qualifiedHolding/iis:viaMembership/org:memberDuring"
                "/(time:hasBeginning|time:hasEnd) ?s ."
            ),
            labels_of("?i iis:qualifiedHolding/iis:viaMembership/org:organization ?s ."),
            branch("?s iis:statedIn ?i .", POSITION),
            labels_of("?pos iis:statedIn ?i ; iis:topic|iis:stance ?s ."),
            *evidence_branches("?pos", "?pos iis:statedIn ?i ."),
            *evidence_branches("?i"),
            # the texts themselves: the evidence's offsets point into them
            branch("?i prov:wasDerivedFrom ?s .", (*SOURCE, "iis:text")),
            branch("?s iis:refersTo ?i .", INSTRUMENT),
        ],
    )
    return Document(graph, iri, title_of(graph, iri, key), template="instrument.html")
