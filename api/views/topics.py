"""Topics: the list with counts kept at ingest, one topic, and the question analysts ask most:
which states hold a stance on it, each with the instruments, dates and quotes behind it and
how it is bound (named in the text, or a member of the issuing organization on that date)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from api.views import (
    ALL_TIME,
    PREFIXES,
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
    title_of,
    values_row,
)
from api.views.at_once import at_once, shares
from api.views.describe import (
    CONCEPT,
    INSTRUMENT,
    LABEL,
    NOT_WITHDRAWN,
    POSITION,
    REVIEWED,
    branch,
    curated_dates,
    evidence_branches,
    gathered,
    labels_of,
    link,
)
from graph.holders import holding
from graph.namespaces import Ids, T, iri_ref
from graph.store import Store
from graph.tallies import LATEST, holder_tally

TALLY = ("rdf:type", "iis:tallyOf", "iis:stance", "iis:positionCount", "iis:holderCount")
TALLY_COUNTS = (
    "rdf:type",
    "iis:tallyTopic",
    "iis:stance",
    "iis:tallyHolder",
    "iis:positionCount",
    "iis:instrumentCount",
)
STANCE_HEADINGS = {
    "supports": "States that support",
    "opposes": "States that oppose",
    "concerned": "States concerned about",
}
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
    topic_ref = iri_ref(str(iri))
    graph = gathered(
        store,
        values_row({"topic": iri}),
        [
            branch("BIND(?topic AS ?s)"),
            branch("?s iis:tallyOf ?topic .", TALLY),
            labels_of("?tally iis:tallyOf ?topic ; iis:stance ?s ."),
            # every state holding a stance on it, with its counts (kept at ingest)
            branch("?s iis:tallyTopic ?topic .", TALLY_COUNTS),
            branch(
                "?tally iis:tallyTopic ?topic ; iis:tallyHolder ?s .",
                (*LABEL, "skos:prefLabel", "iis:region"),
            ),
            # their regions (UN M49), each within its continent
            # (a subquery does not see the head's ?topic: the checked IRI is written in)
            branch(
                "{ SELECT DISTINCT ?s WHERE { "
                f"?tally iis:tallyTopic {topic_ref} ; iis:tallyHolder/iis:region ?s }} }}",
                (*CONCEPT, "skos:broader"),
            ),
            labels_of(
                "{ SELECT DISTINCT ?s WHERE { "
                f"?tally iis:tallyTopic {topic_ref} ; "
                "iis:tallyHolder/iis:region/skos:broader ?s } }"
            ),
        ],
    )
    # how many states each region has: the page shows holders as a share of them
    for row in store.select(
        f"{PREFIXES}SELECT ?region (COUNT(?state) AS ?n) WHERE {{ "
        "?state a iis:State ; iis:region ?region } GROUP BY ?region"
    ):
        region = URIRef(str(row["region"]))
        if any(True for _ in graph.objects(region, RDF.type)):
            graph.add((region, T.stateCount, Literal(int(str(row["n"])), datatype=XSD.integer)))
    graph.add((iri, RDFS.seeAlso, URIRef(supporters_url)))
    graph.add((iri, RDFS.seeAlso, URIRef(positions_url)))
    return Document(graph, iri, title_of(graph, iri, key), template="topic.html")


def supporters(
    store: Store,
    ids: Ids,
    key: str,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
    *,
    stance: str = "supports",
    period: Period = ALL_TIME,
    per_state: int = 5,
    positions_url: Callable[[str], str] | None = None,
    reviewed_only: bool = False,
) -> Document:
    """The states holding ``stance`` on the topic, each with how many positions and instruments
    it holds (the tallies kept at ingest, without a period), its latest ``per_state``
    instruments (date, title, quotes) with the holding that binds it to each, and a link to
    all its positions (``positions_url`` of its code). ``reviewed_only``: from positions
    curators confirmed, corrected or added alone (found through the positions, as a period
    is: the tallies count every position not withdrawn)."""
    iri = thing(ids, "topic", key, "topic")
    stance_iri = thing(ids, "stance", stance, "stance")
    # Checked IRIs of our own are written into the query: bound by VALUES, the engine joins
    # from the topic's every position instead of from the instruments (5× slower).
    on_topic = f"?position iis:topic {iri_ref(str(iri))} ; iis:stance {iri_ref(str(stance_iri))}"
    dated = period_filter(period) + (" " + REVIEWED % "?position" if reviewed_only else "")
    known = f"topic {key!r} (ids as in /topics)"
    if dated:
        # a period (or reviewed positions only): find the states through the positions (the
        # tallies count every date and every position not withdrawn)
        where = (
            f"{on_topic} ; iis:statedIn ?instrument . ?instrument iis:qualifiedHolding ?h . "
            f"?h iis:holdingState ?item . ?item iis:publicId ?code . {dated}"
        )
        _, items, total = at_once(
            lambda: must_exist(store, iri, T.Topic, known),
            lambda: page_items(store, where, "?code", paging),
            lambda: count(store, where),
        )
    else:
        items, total = _holders_page(store, iri, stance_iri, paging)
        if not total:
            must_exist(store, iri, T.Topic, known)
    # the states of the page (with or without instruments shown), their tallies, the concepts
    states_head = values_row({"topic": iri, "stance": stance_iri}) + " " + items_values(items)
    states_branches = [
        branch("BIND(?item AS ?s)", LABEL),
        *([] if dated else [branch(f"{HOLDER_TALLY} BIND(?tally AS ?s)", TALLY_COUNTS)]),
        labels_of("BIND(?topic AS ?s)"),
        labels_of("BIND(?stance AS ?s)"),
    ]
    # the first call runs in this thread: its own questions can go together too
    shown, states = at_once(
        lambda: (
            _latest_per_state(store, on_topic, dated, items, per_state)
            if dated
            else _latest_kept(store, iri, stance_iri, items, per_state)
        ),
        lambda: gathered(store, states_head, states_branches),
    )
    # each holding and each instrument once (an instrument of an organization is shown for
    # each of its members): every branch opens with the rows it needs, not all of them
    holdings = instruments = pairs = memberships = positions = "FILTER(false)"
    if shown:
        distinct = list(dict.fromkeys(iri_ref(str(i)) for _, _, i in shown))
        holdings = f"VALUES ?holding {{ {' '.join(iri_ref(str(h)) for _, h, _ in shown)} }}"
        positions, memberships = at_once(
            lambda: rows_values(
                store,
                ("instrument", "pos"),
                "SELECT DISTINCT ?instrument ?pos WHERE { "
                f"VALUES ?instrument {{ {' '.join(distinct)} }} "
                f"{on_topic.replace('?position', '?pos')} ; iis:statedIn ?instrument "
                f"{NOT_WITHDRAWN % '?pos'} {REVIEWED % '?pos' if reviewed_only else ''} }}",
            ),
            # the memberships the holdings go through, each once (a state's holdings mostly
            # share one or two): their periods and organizations are read from them
            lambda: rows_values(
                store,
                ("m",),
                f"SELECT DISTINCT ?m WHERE {{ {holdings} ?holding iis:viaMembership ?m }}",
            ),
        )
        instruments = f"VALUES ?instrument {{ {' '.join(distinct)} }}"
        rows = " ".join(f"({iri_ref(str(h))} {iri_ref(str(i))})" for _, h, i in shown)
        pairs = f"VALUES (?holding ?instrument) {{ {rows} }}"
    branches = [
        # the member is the state the holding is about: no second path to it
        branch(f"{memberships} BIND(?m AS ?s)", exclude=("org:member",)),
        branch(f"{holdings} BIND(?holding AS ?s)"),
        branch(f"{memberships} ?m org:memberDuring ?s ."),
        branch(f"{memberships} ?m org:memberDuring/(time:hasBeginning|time:hasEnd) ?s ."),
        labels_of(f"{memberships} ?m org:organization ?s ."),
        link(pairs, "?instrument", "iis:qualifiedHolding", "?holding"),
        branch(f"{instruments} BIND(?instrument AS ?s)", INSTRUMENT),
        labels_of(f"{instruments} ?instrument iis:instrumentType|iis:issuer|iis:place ?s ."),
    ]
    evidence = [branch("BIND(?pos AS ?s)", POSITION), *evidence_branches("?pos")]
    graph, stated = at_once(
        lambda: gathered(store, "", branches),
        lambda: gathered(store, positions, evidence),
    )
    graph.update(stated)
    graph.update(states)
    if positions_url is not None:
        for item in items:
            graph.add((item, RDFS.seeAlso, URIRef(positions_url(str(item).rsplit("/", 1)[-1]))))
    title = f"{STANCE_HEADINGS.get(stance, stance)}: {title_of(graph, iri, key)}"
    document = page_document(graph, items, total, paging, collection, page_iri, title)
    return replace(document, template="supporters.html")


BATCHES = (64, 512)


def _holders_page(
    store: Store, topic: URIRef, stance: URIRef, paging: Paging
) -> tuple[list[URIRef], int]:
    """The page of states holding ``stance`` on ``topic`` (by their code), and how many there
    are: every holder tally of the two read in one question (one a state: a few hundred at
    most, whatever the store's size) instead of a page and a count."""
    rows = store.select(
        f"{PREFIXES}SELECT ?item ?code WHERE {{ "
        f"{values_row({'topic': topic, 'stance': stance})} {HOLDER_TALLY} "
        "?item iis:publicId ?code }"
    )
    ordered = sorted((str(row["code"]), str(row["item"])) for row in rows)
    page = ordered[paging.offset : paging.offset + paging.per_page]
    return [URIRef(item) for _, item in page], len(ordered)


def _latest_kept(
    store: Store, topic: URIRef, stance: URIRef, items: list[URIRef], per_state: int
) -> list[tuple[URIRef, URIRef, URIRef]]:
    """For each state of the page, its latest ``per_state`` (state, holding, instrument): the
    ones its holder tally keeps at ingest (``graph/tallies.py``: ``LATEST`` of them), read in
    one question, or from its newest years when more are asked for."""
    if not items:
        return []
    tallies = {holder_tally(topic, stance, state): state for state in items}
    if per_state > LATEST:
        return _latest_from_years(store, tallies, items, per_state)
    # an instrument's date as curators left it, else its latest date as read ("" for none)
    # (apart: Virtuoso cannot compile two aggregates in one expression)
    rows = store.select(
        f"{PREFIXES}SELECT ?tally ?instrument (MAX(STR(?curated)) AS ?c) (MAX(STR(?d)) AS ?r) "
        f"WHERE {{ VALUES ?tally {{ {' '.join(iri_ref(str(t)) for t in tallies)} }} "
        "?tally iis:latestInstrument ?instrument "
        "OPTIONAL { ?instrument dcterms:date ?d } "
        "OPTIONAL { ?instrument iis:curatedDate ?curated } "
        "} GROUP BY ?tally ?instrument"
    )
    newest = sorted(
        (
            (
                str(r.get("c") or r.get("r") or ""),
                str(r["instrument"]),
                tallies[URIRef(str(r["tally"]))],
            )
            for r in rows
        ),
        reverse=True,
    )
    kept: dict[URIRef, list[tuple[URIRef, URIRef, URIRef]]] = defaultdict(list)
    for _, instrument, state in newest:
        if len(kept[state]) < per_state:
            code = state.rsplit("/", 1)[-1]
            kept[state].append((state, holding(URIRef(instrument), code), URIRef(instrument)))
    return [triple for state in items for triple in kept.get(state, [])]


def _latest_from_years(
    store: Store, tallies: dict[URIRef, URIRef], items: list[URIRef], per_state: int
) -> list[tuple[URIRef, URIRef, URIRef]]:
    """For each state of the page, its latest ``per_state`` (state, holding, instrument), from
    the year tallies kept at ingest: each state's newest years that hold that many
    instruments, and the instruments without a full date (whose partial dates may sort after
    a full one), instead of every instrument on the topic. The engine orders each state's
    instruments and keeps its latest (at 10 M triples a state's newest year holds ~90 of
    them: 2,000 rows a page read back to keep 105)."""
    years = store.select(
        f"{PREFIXES}SELECT ?tally ?year ?n WHERE {{ "
        f"VALUES ?tally {{ {' '.join(iri_ref(str(t)) for t in tallies)} }} "
        "?yearly iis:yearOf ?tally ; iis:year ?year ; iis:instrumentCount ?n }"
    )
    wanted: dict[URIRef, list[str]] = defaultdict(list)
    enough: dict[str, int] = defaultdict(int)
    for row in sorted(years, key=lambda r: (str(r["tally"]), str(r["year"])), reverse=True):
        tally, year = str(row["tally"]), str(row["year"])
        if year == "none" or enough[tally] < per_state:
            wanted[tallies[URIRef(tally)]].append(iri_ref(f"{tally}-{year}"))
            if year != "none":
                enough[tally] += int(str(row["n"]))
    if not wanted:
        return []
    # an instrument's date as curators left it, else its latest date as read ("" for none)
    # (the two dates apart, then chosen: Virtuoso cannot compile two aggregates in one
    # expression)
    latest = (
        "SELECT ?item ?instrument ?date WHERE {{ "
        "{{ SELECT ?item ?instrument (MAX(STR(?curated)) AS ?c) (MAX(STR(?d)) AS ?r) WHERE {{ "
        "VALUES ?yearly {{ {years} }} BIND({state} AS ?item) "
        "?yearly iis:tallyInstrument ?instrument "
        "OPTIONAL {{ ?instrument dcterms:date ?d }} "
        "OPTIONAL {{ ?instrument iis:curatedDate ?curated }} "
        "}} GROUP BY ?item ?instrument }} "
        'BIND(COALESCE(?c, ?r, "") AS ?date) }} '
        f"ORDER BY DESC(?date) DESC(STR(?instrument)) LIMIT {per_state}"
    )
    each_state = [
        "{ " + latest.format(years=" ".join(keys), state=iri_ref(str(state))) + " }"
        for state, keys in wanted.items()
    ]
    # in a few queries sent together, as a view's branches
    answers = at_once(
        *(
            partial(
                store.select,
                f"{PREFIXES}SELECT ?item ?instrument ?date WHERE {{ {' UNION '.join(part)} }}",
            )
            for part in shares(each_state)
        )
    )
    newest = sorted(
        (row for rows in answers for row in rows),
        key=lambda r: (str(r.get("date", "")), str(r["instrument"])),
        reverse=True,
    )
    kept: dict[str, list[tuple[URIRef, URIRef, URIRef]]] = defaultdict(list)
    for row in newest:
        state, instrument = URIRef(str(row["item"])), URIRef(str(row["instrument"]))
        code = state.rsplit("/", 1)[-1]
        kept[str(state)].append((state, holding(instrument, code), instrument))
    return [triple for state in items for triple in kept.get(str(state), [])]


def _latest_per_state(
    store: Store,
    on_topic: str,
    period: str,
    items: list[URIRef],
    per_state: int,
) -> list[tuple[URIRef, URIRef, URIRef]]:
    """For each state of the page, its latest ``per_state`` (state, holding, instrument).

    The instruments on the topic are taken newest first, and their holders asked for in
    growing batches until every state of the page has its share: a page of states that
    hold recent instruments needs only the first batch."""
    if not items:
        return []
    dated = store.select(
        f"{PREFIXES}SELECT ?instrument (MAX(STR(?d)) AS ?date) WHERE {{ "
        f"{on_topic} ; iis:statedIn ?instrument . {period} "
        "OPTIONAL { ?instrument dcterms:date ?d } } GROUP BY ?instrument"
    )
    curated = curated_dates(store)
    newest = sorted(
        (
            (curated.get(str(r["instrument"])) or str(r.get("date", "")), str(r["instrument"]))
            for r in dated
        ),
        reverse=True,
    )
    wanted = {str(i) for i in items}
    kept: dict[str, list[tuple[URIRef, URIRef, URIRef]]] = defaultdict(list)
    start = 0
    for size in (*BATCHES, len(newest)):
        batch = [iri for _, iri in newest[start : start + size]]
        start += size
        short = [s for s in wanted if len(kept[s]) < per_state]
        if not batch or not short:
            break
        rows = store.select(
            f"{PREFIXES}SELECT ?instrument ?holding ?item WHERE {{ "
            f"VALUES ?instrument {{ {' '.join(iri_ref(i) for i in batch)} }} "
            "?instrument iis:qualifiedHolding ?holding . ?holding iis:holdingState ?item "
            # a filter, not VALUES: the engine would start from every holding of the states
            f"FILTER(?item IN ({', '.join(iri_ref(s) for s in short)})) }}"
        )
        order = {iri: n for n, iri in enumerate(batch)}
        for row in sorted(rows, key=lambda r: (order[str(r["instrument"])], str(r["holding"]))):
            picked = kept[str(row["item"])]
            if len(picked) < per_state:
                picked.append(
                    (
                        URIRef(str(row["item"])),
                        URIRef(str(row["holding"])),
                        URIRef(str(row["instrument"])),
                    )
                )
    return [triple for state in items for triple in kept.get(str(state), [])]
