"""Two to four states side by side, topic by topic: how many positions of each stance each
holds (the holder tallies kept at ingest) and the latest quotes behind each count, so an
analyst sees where they agree and reads the words where they differ. The states that hold an
instrument are linked (``rdfs:seeAlso``) with their names: the ones a reader can pick."""

from __future__ import annotations

from collections import defaultdict

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from api.views import HYDRA, PREFIXES, Document, Triples, must_exist, thing
from api.views.describe import (
    INSTRUMENT,
    POSITION,
    branch,
    evidence_branches,
    gathered,
    labels_of,
    link,
)
from api.views.topics import TALLY_COUNTS
from graph.errors import BadInput
from graph.namespaces import Ids, T, iri_ref
from graph.store import Store

# The quotes come from each state's latest instruments: a bounded read however many it holds
# (the counts cover them all, and each cell links to every position behind it).
RECENT_INSTRUMENTS = 100
QUOTES_PER_CELL = 2
# the states a reader can pick: those holding an instrument (the others have nothing to compare)
PICKABLE = "?state a iis:State ; iis:heldInstrumentCount ?held ."


def states_compared(raw: list[str]) -> list[str]:
    """The state codes of a request (``RUS,CHN`` or repeated), up to four of them: none or one
    (a state page's "compare with other states") is nothing compared yet, the page shows its
    form with the one state chosen."""
    codes = list(dict.fromkeys(c.strip().upper() for part in raw for c in part.split(",")))
    codes = [c for c in codes if c]
    if len(codes) > 4:
        raise BadInput(
            f"states: compare two to four states (ISO alpha-3 codes such as RUS,CHN), "
            f"got {len(codes)}"
        )
    return codes


def comparison(store: Store, ids: Ids, url: URIRef, codes: list[str]) -> Document:
    states = [thing(ids, "state", code, "state") for code in codes]
    for code, iri in zip(codes, states, strict=True):
        must_exist(store, iri, T.State, f"state {code!r} (use an ISO 3166 alpha-3 code)")
    values = "VALUES ?state { " + " ".join(iri_ref(str(s)) for s in states) + " }"
    reach = f"{values} ?tally a iis:HolderTally ; iis:tallyHolder ?state ."
    graph = gathered(
        store,
        "",
        [
            branch(f"{reach} BIND(?tally AS ?s)", TALLY_COUNTS),
            labels_of(
                "{ SELECT DISTINCT ?s WHERE { "
                f"{reach} ?tally iis:tallyHolder|iis:tallyTopic|iis:stance ?s . }} }}"
            ),
            labels_of(f"{values} BIND(?state AS ?s)"),
            labels_of(f"{PICKABLE} BIND(?state AS ?s)"),
            link(PICKABLE, iri_ref(str(url)), "rdfs:seeAlso", "?state"),
        ],
    )
    tallies = {
        (holder, topic, stance): tally for tally, holder, topic, stance in _tally_keys(graph)
    }
    latest = _latest_positions(store, states)
    shown: list[URIRef] = []
    for key, positions in latest.items():
        tally = tallies.get(key)
        if tally is None:
            continue
        for position in positions[:QUOTES_PER_CELL]:
            graph.add((tally, T.countedPosition, position))
            shown.append(position)
    if shown:
        head = "VALUES ?pos { " + " ".join(iri_ref(str(p)) for p in shown) + " }"
        for triple in gathered(
            store,
            head,
            [
                branch("BIND(?pos AS ?s)", POSITION),
                *evidence_branches("?pos"),
                branch("?pos iis:statedIn ?s .", INSTRUMENT),
                labels_of("?pos iis:statedIn/iis:issuer ?s ."),
            ],
        ):
            graph.add(triple)
    graph.add((url, RDF.type, HYDRA.Collection))
    for tally in sorted(tallies.values(), key=str):
        graph.add((url, HYDRA.member, tally))
    graph.add((url, HYDRA.totalItems, Literal(len(tallies))))
    title = "Compare states" + (": " + ", ".join(codes) if codes else "")
    graph.add((url, DCTERMS.title, Literal(title, lang="en")))
    return Document(graph, url, title, template="compare.html")


def _tally_keys(graph: Triples) -> list[tuple[URIRef, URIRef, URIRef, URIRef]]:
    """(tally, holder, topic, stance) of each holder tally in the graph."""
    found: dict[URIRef, dict[URIRef, URIRef]] = defaultdict(dict)
    for s, p, o in graph:
        if p in (T.tallyHolder, T.tallyTopic, T.stance):
            found[URIRef(str(s))][URIRef(str(p))] = URIRef(str(o))
    return [
        (tally, links[T.tallyHolder], links[T.tallyTopic], links[T.stance])
        for tally, links in found.items()
        if len(links) == 3
    ]


def _latest_positions(
    store: Store, states: list[URIRef]
) -> dict[tuple[URIRef, URIRef, URIRef], list[URIRef]]:
    """Per (state, topic, stance): the positions of the state's latest instruments, newest
    first."""
    out: dict[tuple[URIRef, URIRef, URIRef], list[URIRef]] = defaultdict(list)
    for state in states:
        rows = store.select(
            f"""{PREFIXES}SELECT ?pos ?topic ?stance WHERE {{
              {{ SELECT ?i (MAX(STR(?date)) AS ?d) WHERE {{
                  ?i iis:qualifiedHolding/iis:holdingState {iri_ref(str(state))} .
                  OPTIONAL {{ ?i dcterms:date ?date }}
                }} GROUP BY ?i ORDER BY DESC(?d) ?i LIMIT {RECENT_INSTRUMENTS} }}
              ?pos iis:statedIn ?i ; iis:topic ?topic ; iis:stance ?stance .
            }} ORDER BY DESC(?d) ?pos"""
        )
        for row in rows:
            key = (state, URIRef(str(row["topic"])), URIRef(str(row["stance"])))
            position = URIRef(str(row["pos"]))
            if position not in out[key]:
                out[key].append(position)
    return out
