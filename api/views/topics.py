"""Topics: the list with counts kept at ingest, one topic, and the question analysts ask most:
which states hold a stance on it, each with the instruments, dates and quotes behind it and
how it is bound (named in the text, or a member of the issuing organization on that date)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from api.views import (
    PREFIXES,
    Document,
    Paging,
    count,
    items_values,
    must_exist,
    page_document,
    page_items,
    thing,
    title_of,
    values_row,
)
from api.views.describe import (
    CONCEPT,
    INSTRUMENT,
    LABEL,
    POSITION,
    branch,
    evidence_branches,
    gathered,
    labels_of,
    link,
)
from graph.namespaces import Ids, T, iri_ref
from graph.store import Store

TALLY = ("rdf:type", "iis:tallyOf", "iis:stance", "iis:positionCount")
TALLY_COUNTS = (
    "rdf:type",
    "iis:tallyTopic",
    "iis:stance",
    "iis:tallyHolder",
    "iis:positionCount",
    "iis:instrumentCount",
)
# binds ?tally and ?item for the ?topic and ?stance of the view
HOLDER_TALLY = (
    "?tally a iis:HolderTally ; iis:tallyTopic ?topic ; iis:stance ?stance ; "
    "iis:tallyHolder ?item ."
)


def topics(
    store: Store, ids: Ids, paging: Paging, collection: URIRef, page_iri: Callable[[int], str]
) -> Document:
    where = "?item a iis:Topic ; iis:publicId ?key ."
    items = page_items(store, where, "?key", paging)
    head = items_values(items)
    graph = gathered(
        store,
        head,
        [
            branch("BIND(?item AS ?s)", (*CONCEPT, "skos:definition", "iis:positionCount")),
            branch("?s iis:tallyOf ?item .", TALLY),
            labels_of("?tally iis:tallyOf ?item ; iis:stance ?s ."),
        ],
    )
    return page_document(graph, items, count(store, where), paging, collection, page_iri, "Topics")


def topic(store: Store, ids: Ids, key: str, supporters_url: str, positions_url: str) -> Document:
    iri = thing(ids, "topic", key, "topic")
    must_exist(store, iri, T.Topic, f"topic {key!r} (ids as in /topics)")
    graph = gathered(
        store,
        values_row({"topic": iri}),
        [
            branch("BIND(?topic AS ?s)"),
            branch("?s iis:tallyOf ?topic .", TALLY),
            labels_of("?tally iis:tallyOf ?topic ; iis:stance ?s ."),
        ],
    )
    graph.add((iri, RDFS.seeAlso, URIRef(supporters_url)))
    graph.add((iri, RDFS.seeAlso, URIRef(positions_url)))
    return Document(graph, iri, title_of(graph, iri, key))


def supporters(
    store: Store,
    ids: Ids,
    key: str,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
    *,
    stance: str = "supports",
    date_from: Literal | None = None,
    date_to: Literal | None = None,
    per_state: int = 5,
    positions_url: Callable[[str], str] | None = None,
) -> Document:
    """The states holding ``stance`` on the topic, each with how many positions and instruments
    it holds (the tallies kept at ingest, without a period), its latest ``per_state``
    instruments (date, title, quotes) with the holding that binds it to each, and a link to
    all its positions (``positions_url`` of its code)."""
    iri = thing(ids, "topic", key, "topic")
    must_exist(store, iri, T.Topic, f"topic {key!r} (ids as in /topics)")
    bound: dict[str, URIRef | Literal] = {
        "topic": iri,
        "stance": thing(ids, "stance", stance, "stance"),
    }
    held = (
        "?position iis:topic ?topic ; iis:stance ?stance ; iis:statedIn ?instrument . "
        "?instrument iis:qualifiedHolding ?holding . ?holding iis:holdingState ?item . "
    )
    dated = date_from is not None or date_to is not None
    if dated:
        held += " ?instrument dcterms:date ?date FILTER(datatype(?date) = xsd:date)"
        if date_from is not None:
            bound["from"] = date_from
            held += " FILTER(?date >= ?from)"
        if date_to is not None:
            bound["to"] = date_to
            held += " FILTER(?date <= ?to)"
        # a period: scan the positions (the tallies count every date)
        where = f"{values_row(bound)} {held} ?item iis:publicId ?code ."
    else:
        where = f"{values_row(bound)} {HOLDER_TALLY} ?item iis:publicId ?code ."
    items = page_items(store, where, "?code", paging)
    total = count(store, where)
    shown = _latest_per_state(store, f"{values_row(bound)} {held}", items, per_state)
    rows = " ".join(f"({iri_ref(str(s))} {iri_ref(str(h))} {iri_ref(str(i))})" for s, h, i in shown)
    head = values_row(bound) + f" VALUES (?item ?holding ?instrument) {{ {rows} }}"
    if not rows:
        head = "FILTER(false)"
    branches = [
        branch("?holding iis:viaMembership ?s .", exclude=("org:member",)),
        branch("BIND(?holding AS ?s)"),
        # the member is the state the holding is about: no second path to it
        branch("?holding iis:viaMembership/org:memberDuring ?s ."),
        branch("?holding iis:viaMembership/org:memberDuring/(time:hasBeginning|time:hasEnd) ?s ."),
        labels_of("?holding iis:viaMembership/org:organization ?s ."),
        link("", "?instrument", "iis:qualifiedHolding", "?holding"),
        branch("BIND(?instrument AS ?s)", INSTRUMENT),
        labels_of("?instrument iis:instrumentType|iis:issuer|iis:place ?s ."),
        branch("?s iis:statedIn ?instrument ; iis:topic ?topic ; iis:stance ?stance .", POSITION),
        *evidence_branches(
            "?pos", "?pos iis:statedIn ?instrument ; iis:topic ?topic ; iis:stance ?stance ."
        ),
    ]
    graph = gathered(store, head, branches)
    # the states of the page (with or without instruments shown), their tallies, the concepts
    states = gathered(
        store,
        values_row(bound) + " " + items_values(items),
        [
            branch("BIND(?item AS ?s)", LABEL),
            *([] if dated else [branch(f"{HOLDER_TALLY} BIND(?tally AS ?s)", TALLY_COUNTS)]),
            labels_of("BIND(?topic AS ?s)"),
            labels_of("BIND(?stance AS ?s)"),
        ],
    )
    for triple in states:
        graph.add(triple)
    if positions_url is not None:
        for item in items:
            graph.add((item, RDFS.seeAlso, URIRef(positions_url(str(item).rsplit("/", 1)[-1]))))
    title = f"States that {stance.replace('-', ' ')}: {title_of(graph, iri, key)}"
    return page_document(graph, items, total, paging, collection, page_iri, title)


def _latest_per_state(
    store: Store, where: str, items: list[URIRef], per_state: int
) -> list[tuple[URIRef, URIRef, URIRef]]:
    """For each state of the page, its latest ``per_state`` (holding, instrument) pairs."""
    if not items:
        return []
    rows = store.select(
        f"{PREFIXES}SELECT DISTINCT ?item ?holding ?instrument ?sortDate "
        f"WHERE {{ {items_values(items)} "
        f"{where} OPTIONAL {{ ?instrument <http://purl.org/dc/terms/date> ?sortDate }} }} "
        "ORDER BY ?item DESC(STR(?sortDate)) ?instrument"
    )
    kept: dict[str, list[tuple[URIRef, URIRef, URIRef]]] = defaultdict(list)
    for row in rows:
        state = URIRef(str(row["item"]))
        picked = kept[str(state)]
        pair = (state, URIRef(str(row["holding"])), URIRef(str(row["instrument"])))
        if len(picked) < per_state and pair not in picked:
            picked.append(pair)
    return [pair for state in items for pair in kept.get(str(state), [])]
