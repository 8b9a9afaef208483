"""States: the list (filtered by membership) and one state with what it committed to."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from api.views import (
    PREFIXES,
    Document,
    Paging,
    count,
    must_exist,
    page_document,
    page_items,
    thing,
    values_row,
)
from api.views.at_once import at_once
from api.views.describe import (
    INSTRUMENT,
    LABEL,
    MEETING,
    NOT_WITHDRAWN,
    POSITION,
    branch,
    curated_dates,
    evidence_branches,
    gathered,
    labels_of,
    link,
)
from api.views.topics import TALLY_COUNTS
from graph.holders import holding
from graph.namespaces import Ids, T, iri_ref
from graph.store import Store

MEMBER_ON = """
  ?m org:member ?item ; org:organization ?organization ; org:role/iis:publicId "member" ;
     org:memberDuring ?period .
  ?period time:hasBeginning/time:inXSDDate ?start .
  OPTIONAL { ?period time:hasEnd/time:inXSDDate ?end }
"""
TALLIES = ("iis:heldPositionCount", "iis:heldInstrumentCount")
HOLDINGS_SHOWN = 20


def _newest_years(store: Store, state: URIRef, count: str) -> str:
    """The state's newest years (kept at ingest: holding years by ``iis:instrumentCount``,
    participation years by ``iis:meetingCount``) that hold ``HOLDINGS_SHOWN`` things, as a
    VALUES block of ``?y``. Every date of a newer year sorts after those of an older one in
    ``_latest``'s order, and the dates without a year (``none``) before none of them, so
    ``none`` is read only when the years hold too few."""
    years = store.select(
        f"{PREFIXES}SELECT ?y ?year ?n WHERE {{ "
        f"?y iis:yearHolder {iri_ref(str(state))} ; iis:year ?year ; {count} ?n }}"
    )
    newest = sorted(
        ((str(r["year"]) != "none", str(r["year"]), int(str(r["n"])), str(r["y"])) for r in years),
        reverse=True,
    )
    wanted: list[str] = []
    enough = 0
    for _, year, n, key in newest:  # "none" last
        if enough >= HOLDINGS_SHOWN:
            break
        wanted.append(key)
        if year != "none":
            enough += n
    if not wanted:
        return "FILTER(false)"
    return f"VALUES ?y {{ {' '.join(iri_ref(y) for y in wanted)} }}"


def _latest(
    store: Store, names: tuple[str, ...], query: str, dated: Mapping[str, str] = {}
) -> list[tuple[str, ...]]:
    """The first ``HOLDINGS_SHOWN`` rows (of ``names``) of ``query``, which groups so each is
    one row with its latest date (``?latest``, as a string, so partial dates sort with full
    ones), not one per source that reports a date: latest first (undated last), then by the
    names' IRIs, so ties come out the same every time. ``dated``: dates that replace the
    query's for the first name's values (an instrument's date as a curator set it)."""
    rows = [
        (dated.get(str(r[names[0]])) or str(r.get("latest", "")), *(str(r[n]) for n in names))
        for r in store.select(PREFIXES + query)
    ]
    by_iri = sorted(rows, key=lambda r: r[1:])
    latest = sorted(by_iri, key=lambda r: r[0], reverse=True)  # stable: IRIs stay ascending
    return [row[1:] for row in latest[:HOLDINGS_SHOWN]]


def _values(names: tuple[str, str], rows: list[tuple[str, ...]]) -> str:
    if not rows:
        return "FILTER(false)"
    shown = " ".join(f"({iri_ref(a)} {iri_ref(b)})" for a, b in rows)
    return f"VALUES (?{names[0]} ?{names[1]}) {{ {shown} }}"


def _latest_held(store: Store, state: URIRef, code: str) -> str:
    """The VALUES rows (``?i ?h``) of the state's latest holdings, read from its newest
    holding years instead of from its every holding (RUS holds 3,000 instruments on the 1 M
    store; looking up all their dates costs 50 ms)."""
    years, dated = at_once(
        lambda: _newest_years(store, state, "iis:instrumentCount"),
        lambda: curated_dates(store),
    )
    rows = _latest(
        store,
        ("i",),
        f"SELECT ?i (MAX(STR(?d)) AS ?latest) WHERE {{ {years} ?y iis:tallyInstrument ?i "
        "OPTIONAL { ?i dcterms:date ?d } } GROUP BY ?i",
        dated,
    )
    # one holding of each instrument binds the state: graph/holders.py names it
    return _values(("i", "h"), [(i, str(holding(URIRef(i), code))) for (i,) in rows])


def _latest_attended(store: Store, state: URIRef) -> str:
    """The VALUES rows (``?meeting ?part``) of the meetings the state attended last, read
    from its newest participation years."""
    years = _newest_years(store, state, "iis:meetingCount")
    rows = _latest(
        store,
        ("meeting", "part"),
        "SELECT ?meeting ?part (MAX(STR(?d)) AS ?latest) WHERE { "
        f"{years} ?y iis:tallyMeeting ?meeting . ?meeting iis:participation ?part . "
        f"?part iis:participant {iri_ref(str(state))} "
        "OPTIONAL { ?meeting dcterms:date ?d } } GROUP BY ?meeting ?part",
    )
    return _values(("meeting", "part"), rows)


def states(
    store: Store,
    ids: Ids,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
    organization: str | None = None,
    on: Literal | None = None,
    region: str | None = None,
) -> Document:
    bound: dict[str, URIRef | Literal] = {}
    where = "?item a iis:State ; iis:publicId ?code ."
    if region:
        bound["region"] = thing(ids, "region", region, "region")
        # a subregion (central-asia) or a whole region (asia)
        where += " ?item iis:region/skos:broader? ?region ."
    if organization:
        bound["organization"] = thing(ids, "organization", organization, "organization")
        where += MEMBER_ON
        if on is not None:
            bound["on"] = on
            where += "FILTER(?start <= ?on && (!BOUND(?end) || ?on < ?end))"
    where = values_row(bound) + where
    items = page_items(store, where, "?code", paging)
    total = count(store, where)
    graph = gathered(
        store,
        "VALUES ?item { " + " ".join(f"<{i}>" for i in items) + " }" if items else "FILTER(false)",
        [branch("BIND(?item AS ?s)", (*LABEL, *TALLIES))],
    )
    return page_document(graph, items, total, paging, collection, page_iri, "States")


def state(store: Store, ids: Ids, code: str, see_also: Sequence[str] = ()) -> Document:
    """A state: names, memberships with periods, how it holds instruments (named in the text,
    or as a member of an issuing organization on the date) with their positions and evidence,
    instruments it issued, meetings it attended (the latest ``HOLDINGS_SHOWN`` of each; the
    counts kept at ingest say how many there are, ``see_also`` links to the full lists)."""
    iri = ids.state(code)
    head = values_row({"state": iri})
    # the first here: its own questions go together too (not from the pool's threads)
    held, _, attended = at_once(
        lambda: _latest_held(store, iri, code),
        lambda: must_exist(
            store, iri, T.State, f"state {code!r} (use an ISO 3166 alpha-3 code such as RUS)"
        ),
        lambda: _latest_attended(store, iri),
    )
    graph = gathered(
        store,
        head,
        [
            branch("BIND(?state AS ?s)", exclude=("skos:hiddenLabel",)),
            branch("?state iis:region ?s .", (*LABEL, "skos:prefLabel", "skos:broader")),
            labels_of("?state iis:region/skos:broader ?s ."),
            branch("?s org:member ?state ."),
            branch("?m org:member ?state ; org:organization ?s .", LABEL),
            branch("?m org:member ?state ; org:memberDuring ?s ."),
            branch("?m org:member ?state ; org:memberDuring/(time:hasBeginning|time:hasEnd) ?s ."),
            # what it holds, topic by topic (the tallies kept at ingest)
            branch("?s iis:tallyHolder ?state .", TALLY_COUNTS),
            labels_of("?tally iis:tallyHolder ?state ; iis:tallyTopic|iis:stance ?s ."),
            branch(f"{held} BIND(?h AS ?s)"),
            branch(f"{held} BIND(?i AS ?s)", (*INSTRUMENT, "iis:madeAt")),
            link(held, "?i", "iis:qualifiedHolding", "?h"),
            branch(f"{held} ?h iis:viaMembership/org:organization ?s .", LABEL),
            branch(f"{held} ?s iis:statedIn ?i . {NOT_WITHDRAWN % '?s'}", POSITION),
            *evidence_branches("?pos", f"{held} ?pos iis:statedIn ?i ."),
            labels_of(
                f"{held} ?i iis:instrumentType|iis:status|iis:place|iis:issuer|iis:madeAt ?s ."
            ),
            labels_of(f"{held} ?pos iis:statedIn ?i . ?pos iis:topic|iis:stance ?s ."),
            branch(f"{attended} BIND(?part AS ?s)"),
            labels_of(f"{attended} ?part iis:role ?s ."),
            branch(f"{attended} BIND(?meeting AS ?s)", MEETING),
            link(attended, "?meeting", "iis:participation", "?part"),
            labels_of(f"{attended} ?meeting iis:meetingKind|iis:place|iis:organizer ?s ."),
        ],
    )
    for url in see_also:
        graph.add((iri, RDFS.seeAlso, URIRef(url)))
    title = next(
        (str(o) for o in graph.objects(iri, RDFS.label) if getattr(o, "language", None) == "en"),
        code,
    )
    return Document(graph, iri, title, template="state.html")
