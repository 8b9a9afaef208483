"""The positions matrix: every state × every topic, with how many positions of each stance
the state holds, filtered by organization membership and by period.

Without a period the holder tallies kept at ingest answer at once; with one, the positions of
instruments dated in the period are counted (a tally of the same shape, made for this page)."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD
from rdflib.term import Node

from api.views import (
    ALL_TIME,
    HYDRA,
    PREFIXES,
    Document,
    Period,
    Triples,
    must_exist,
    period_filter,
    rows_values,
    thing,
    values_row,
)
from api.views.describe import branch, gathered, labels_of
from api.views.states import MEMBER_ON
from api.views.topics import TALLY_COUNTS
from graph.namespaces import Ids, T, iri_ref
from graph.store import Store


def matrix(
    store: Store,
    ids: Ids,
    url: URIRef,
    organization: str | None = None,
    on: Literal | None = None,
    period: Period = ALL_TIME,
) -> Document:
    members = ""
    if organization:
        # the members first, as a table: joined after the tallies the engine is 10× slower
        iri = thing(ids, "organization", organization, "organization")
        what = f"organization {organization!r} (ids as in /organizations)"
        must_exist(store, iri, (T.Organization, T.OrganizationalUnit), what)
        bound: dict[str, URIRef | Literal] = {"organization": iri}
        when = ""
        if on is not None:
            bound["on"] = on
            when = "FILTER(?start <= ?on && (!BOUND(?end) || ?on < ?end))"
        members = rows_values(
            store,
            ("item",),
            f"SELECT DISTINCT ?item WHERE {{ {values_row(bound)} {MEMBER_ON} {when} }}",
        )
    dated = period_filter(period)
    if dated:
        years = _whole_years(period, store)
        if years is not None:
            graph = _tallied(store, url, members, iri_ref(str(ids.tallies_graph)), *years)
        else:
            graph = _counted(store, url, members, dated)
        naming = (T.tallyHolder, T.tallyTopic, T.stance)
        named = {o for s, p, o in graph if p in naming}
        if named:
            values = (
                "VALUES ?s { " + " ".join(iri_ref(str(n)) for n in sorted(named, key=str)) + " }"
            )
            graph.update(gathered(store, "", [labels_of(values)]))
    else:
        reach = f"{members} ?tally a iis:HolderTally ; iis:tallyHolder ?item ."
        graph = gathered(
            store,
            "",
            [
                branch(f"{reach} BIND(?tally AS ?s)", TALLY_COUNTS),
                # each state, topic and stance once (not once per tally)
                labels_of(
                    "{ SELECT DISTINCT ?s WHERE { "
                    f"{reach} ?tally iis:tallyHolder|iis:tallyTopic|iis:stance ?s . }} }}"
                ),
            ],
        )
    graph.add((url, RDF.type, HYDRA.Collection))
    kind = T.HolderTally
    tallies = {s for s, p, o in graph if p == RDF.type and o == kind}
    for tally in sorted(tallies, key=str):
        graph.add((url, HYDRA.member, tally))
    graph.add((url, HYDRA.totalItems, Literal(len(tallies))))
    title = "Positions by state and topic"
    if organization:
        title += f": members of {organization}"
    if period:
        title += f" ({period.start or '…'} – {period.end or '…'})"
    graph.add((url, DCTERMS.title, Literal(title, lang="en")))
    return Document(graph, url, title, template="matrix.html")


def _whole_years(period: Period, store: Store) -> tuple[int, int] | None:
    """The first and last year of a period of whole years (None: it starts or ends mid-year),
    narrowed to the years the tallies have."""
    first, last = str(period.start or "0000-01-01"), str(period.end or "9999-12-31")
    if first[4:] != "-01-01" or last[4:] != "-12-31":
        return None
    rows = store.select(
        f"{PREFIXES}SELECT (MIN(?y) AS ?first) (MAX(?y) AS ?last) WHERE {{ "
        f"GRAPH {iri_ref(str(store.ids.tallies_graph))} {{ ?t iis:year ?y }} "
        'FILTER(?y != "none") }'
    )
    known = rows[0] if rows else {}
    if "first" not in known or "last" not in known:
        return int(first[:4]), int(first[:4]) - 1  # no year: an empty range
    return max(int(first[:4]), int(str(known["first"]))), min(
        int(last[:4]), int(str(known["last"]))
    )


def _tallied(
    store: Store, url: URIRef, members: str, tallies: str, first: int, last: int
) -> Triples:
    """The tallies of a period of whole years: the year tallies kept at ingest, summed (an
    instrument counts in the year of its latest full date)."""
    # each year of the period looked up by its value (a range filter reads every year tally),
    # summed per holder tally before the tally's state, topic and stance are joined
    years = " UNION ".join(
        f'{{ ?yearly iis:year "{year:04d}" ; iis:yearOf ?tally ; iis:positionCount ?np }}'
        for year in range(first, last + 1)
    )
    if not years:
        return Triples()
    rows = store.select(
        f"{PREFIXES}SELECT ?item ?topic ?stance ?positions (?positions AS ?instruments) WHERE {{ "
        f"{{ SELECT ?tally (SUM(?np) AS ?positions) WHERE {{ GRAPH {tallies} {{ {years} }} }} "
        f"GROUP BY ?tally }} {members} GRAPH {tallies} {{ ?tally iis:tallyHolder ?item ; "
        "iis:tallyTopic ?topic ; iis:stance ?stance } }"
    )
    return _as_tallies(url, rows)


def _counted(store: Store, url: URIRef, members: str, period: str) -> Triples:
    """Tallies of the positions stated in instruments of the period, per state (named in the
    text or bound as a member on the date), topic and stance: a position of an instrument
    counts once, however many sources report it (as in the tallies kept at ingest)."""
    rows = store.select(
        f"{PREFIXES}SELECT ?item ?topic ?stance (COUNT(DISTINCT ?instrument) AS ?positions) "
        "(COUNT(DISTINCT ?instrument) AS ?instruments) WHERE { "
        # the period first: from the holders the engine reads every instrument (20% slower)
        f"{members} {period} ?instrument iis:holder ?item . "
        "?position iis:statedIn ?instrument ; iis:topic ?topic ; iis:stance ?stance . "
        "} GROUP BY ?item ?topic ?stance"
    )
    return _as_tallies(url, rows)


def _as_tallies(url: URIRef, rows: list[dict[str, Node]]) -> Triples:
    kind, holder, topic_, stance_ = T.HolderTally, T.tallyHolder, T.tallyTopic, T.stance
    positions, instruments = T.positionCount, T.instrumentCount
    graph = Triples()
    for row in rows:
        item, topic, stance = row["item"], row["topic"], row["stance"]
        keys = "-".join(str(x).rsplit("/", 1)[-1] for x in (item, topic, stance))
        tally = URIRef(f"{url}#tally-{keys}")
        graph.add((tally, RDF.type, kind))
        graph.add((tally, holder, item))
        graph.add((tally, topic_, topic))
        graph.add((tally, stance_, stance))
        graph.add((tally, positions, _integer(row["positions"])))
        graph.add((tally, instruments, _integer(row["instruments"])))
    return graph


def _integer(count: Node) -> Literal:
    """A count as the store gave it (an xsd:integer), or made one."""
    if isinstance(count, Literal) and count.datatype == XSD.integer:
        return count
    return Literal(int(str(count)), datatype=XSD.integer)
