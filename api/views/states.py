"""States: the list (filtered by membership) and one state with what it committed to."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from api.views import (
    Document,
    Paging,
    count,
    must_exist,
    page_document,
    page_items,
    rows_values,
    thing,
    values_row,
)
from api.views.describe import (
    INSTRUMENT,
    LABEL,
    MEETING,
    POSITION,
    branch,
    evidence_branches,
    gathered,
    labels_of,
    link,
)
from api.views.topics import TALLY_COUNTS
from graph.namespaces import Ids, T
from graph.store import Store

MEMBER_ON = """
  ?m org:member ?item ; org:organization ?organization ; org:role/iis:publicId "member" ;
     org:memberDuring ?period .
  ?period time:hasBeginning/time:inXSDDate ?start .
  OPTIONAL { ?period time:hasEnd/time:inXSDDate ?end }
"""
TALLIES = ("iis:heldPositionCount", "iis:heldInstrumentCount")
HOLDINGS_SHOWN = 20


def _latest_first(*names: str) -> str:
    """The order of a state's latest holdings and meetings, the first ``HOLDINGS_SHOWN``: each
    row (of ``names``) once, grouped so a date reported by several sources is one row, not one
    per source; by its latest date (``?latest``, as a string, so partial dates sort with full
    ones; undated last), then by IRI, so ties come out the same every time."""
    return f"ORDER BY DESC(?latest) {' '.join('?' + n for n in names)} LIMIT {HOLDINGS_SHOWN}"


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
    must_exist(store, iri, T.State, f"state {code!r} (use an ISO 3166 alpha-3 code such as RUS)")
    head = values_row({"state": iri})
    held = rows_values(
        store,
        ("i", "h"),
        f"""SELECT ?i ?h WHERE {{ {{ SELECT ?i ?h (MAX(STR(?d)) AS ?latest) WHERE {{ {head}
        ?i iis:qualifiedHolding ?h . ?h iis:holdingState ?state .
        OPTIONAL {{ ?i dcterms:date ?d }} }} GROUP BY ?i ?h }} }} {_latest_first("i", "h")}""",
    )
    attended = rows_values(
        store,
        ("meeting", "part"),
        f"""SELECT ?meeting ?part WHERE {{ {{ SELECT ?meeting ?part (MAX(STR(?d)) AS ?latest)
        WHERE {{ {head} ?meeting iis:participation ?part . ?part iis:participant ?state .
        OPTIONAL {{ ?meeting dcterms:date ?d }} }} GROUP BY ?meeting ?part }} }}
        {_latest_first("meeting", "part")}""",
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
            branch(f"{held} BIND(?i AS ?s)", INSTRUMENT),
            link(held, "?i", "iis:qualifiedHolding", "?h"),
            branch(f"{held} ?h iis:viaMembership/org:organization ?s .", LABEL),
            branch(f"{held} ?s iis:statedIn ?i .", POSITION),
            *evidence_branches("?pos", f"{held} ?pos iis:statedIn ?i ."),
            labels_of(f"{held} ?i iis:instrumentType|iis:status|iis:place|iis:issuer ?s ."),
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
