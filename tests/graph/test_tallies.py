"""Tallies kept at ingest equal a count from scratch after any sequence of changes."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any, cast

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.holders import PROLOGUE, derive_holders
from graph.namespaces import TIME, Ids, T
from graph.store import Store, embedded
from graph.tallies import LATEST, recount
from tests.conftest import StatementBuilder

TALLIES = """
PREFIX iis: <https://w3id.org/iisgraph/ontology#>
SELECT ?x ?count ?n WHERE {
  GRAPH <https://w3id.org/iisgraph/graph/tallies> { ?x ?count ?n }
  FILTER(?count IN (iis:positionCount, iis:instrumentCount, iis:heldPositionCount,
                    iis:heldInstrumentCount, iis:holderCount))
}"""


YEARS = """
PREFIX iis: <https://w3id.org/iisgraph/ontology#>
SELECT ?x ?p ?o WHERE {
  GRAPH <https://w3id.org/iisgraph/graph/tallies> { ?x ?p ?o }
  FILTER(?p IN (iis:yearOf, iis:year, iis:tallyInstrument))
}"""


def year_links(store: Store) -> set[tuple[str, str, str]]:
    """Each year tally's holder or stance tally, year and instruments."""
    return {(str(r["x"]), str(r["p"]), str(r["o"])) for r in store.select(YEARS)}


def tallies(store: Store) -> set[tuple[str, str, int]]:
    return {(str(r["x"]), str(r["count"]), int(str(r["n"]))) for r in store.select(TALLIES)}


def from_scratch(store: Store) -> set[tuple[str, str, int]]:
    ids = store.ids
    # the recount alone, as one update (embedded and remote stores both run updates)
    cast(Any, store).update(PROLOGUE + recount(str(ids.tallies_graph), str(ids.derived_graph)))
    return tallies(store)


def random_changes(
    store: Store, rng: random.Random, sources: int, deleted: float, build: Callable[[str], Graph]
) -> Callable[[int], Iterator[int]]:
    """Steps of random changes: each stores one of ``sources`` sources again (its graph made
    by ``build``), or deletes it (a share ``deleted`` of the times it is stored)."""

    def steps(count: int) -> Iterator[int]:
        live: set[str] = set()
        for step in range(count):
            name = f"s{rng.randrange(sources)}"
            if name in live and rng.random() < deleted:
                assert store.delete_source(name)
                live.discard(name)
            else:
                store.replace_source(name, build(name))
                live.add(name)
            yield step

    return steps


def test_tallies_follow_every_change_and_equal_a_recount(
    store: Store, statement: StatementBuilder
) -> None:
    rng = random.Random(7)
    issuers = [("SCO",), ("CSTO",), ("RUS", "CHN"), ("BRICS",), ("KAZ",)]
    topics = ["itu-role", "un-norms", "state-sovereignty"]
    stances = ["supports", "supports", "opposes", "concerned"]
    dates = ["2020-11-10", "2015-07-10", None, "2023-07-04"]
    changes = random_changes(
        store,
        rng,
        sources=8,
        deleted=0.3,
        build=lambda name: statement(
            source=f"{name}.txt",
            issuers=rng.choice(issuers),
            date=rng.choice(dates),
            topic=rng.choice(topics),
            stance=rng.choice(stances),
        ),
    )
    for step in changes(40):
        kept, links = tallies(store), year_links(store)
        assert kept == from_scratch(store), f"step {step}"
        assert links == year_links(store), f"step {step}"
    assert kept, "nothing was counted"
    assert any(p.endswith("tallyInstrument") for _, p, _ in links), "no instrument was linked"


def test_year_tally_links_the_instruments_of_each_year_of_a_holder(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("a", statement(source="a.txt", issuers=("SCO",), date="2020-11-10"))
    store.replace_source("b", statement(source="b.txt", issuers=("RUS", "CHN"), date=None))
    tally = "https://w3id.org/iisgraph/id/topic/itu-role#supports-RUS"
    linked = {
        (x.removeprefix(tally), o.rsplit("/", 1)[-1])
        for x, p, o in year_links(store)
        if x.startswith(tally) and p.endswith("tallyInstrument")
    }
    assert {year for year, _ in linked} == {"-2020", "-none"}
    store.delete_source("a")
    assert {x for x, p, _ in year_links(store) if x.startswith(tally)} == {f"{tally}-none"}


def test_a_position_reported_by_two_sources_counts_once(
    store: Store, statement: StatementBuilder
) -> None:
    rus = "https://w3id.org/iisgraph/id/state/RUS"
    positions = "https://w3id.org/iisgraph/ontology#heldPositionCount"
    instruments = "https://w3id.org/iisgraph/ontology#heldInstrumentCount"
    tally = "https://w3id.org/iisgraph/id/topic/itu-role#supports"

    def held() -> dict[str, int]:
        return {c: n for x, c, n in tallies(store) if x in (rus, tally)}

    before = held()  # the agreements of the reference data RUS is party to
    # Two sources describe one SCO statement (same issuers, day and type): one instrument,
    # whose one stance on the topic both report.
    store.replace_source("a", statement(source="a.txt", issuers=("SCO",)))
    store.replace_source("b", statement(source="b.txt", issuers=("SCO",)))
    assert held()[positions] == before.get(positions, 0) + 1
    assert held()[instruments] == before[instruments] + 1
    count = "https://w3id.org/iisgraph/ontology#positionCount"
    assert {(x, n) for x, c, n in tallies(store) if c == count and x == tally} == {(tally, 1)}
    assert not store.replace_source("b", statement(source="b.txt", issuers=("SCO",))).changed
    store.delete_source("a")
    assert held()[positions] == before.get(positions, 0) + 1
    assert tallies(store) == from_scratch(store)
    store.delete_source("b")
    assert held() == before


def test_topic_tally_counts_positions_by_stance(store: Store, statement: StatementBuilder) -> None:
    store.replace_source("a", statement(source="a.txt", stance="supports"))
    store.replace_source("b", statement(source="b.txt", issuers=("CSTO",), stance="opposes"))
    rows = store.select(
        """PREFIX iis: <https://w3id.org/iisgraph/ontology#>
        SELECT ?stance ?n WHERE { ?t iis:tallyOf <https://w3id.org/iisgraph/id/topic/itu-role> ;
          iis:stance ?stance ; iis:positionCount ?n }"""
    )
    counts = {str(r["stance"]).rsplit("/", 1)[-1]: int(str(r["n"])) for r in rows}
    assert counts == {"supports": 1, "opposes": 1}
    holders = store.select(
        """PREFIX iis: <https://w3id.org/iisgraph/ontology#>
        SELECT ?n WHERE { ?t iis:tallyOf <https://w3id.org/iisgraph/id/topic/itu-role> ;
          iis:stance <https://w3id.org/iisgraph/id/stance/supports> ; iis:holderCount ?n }"""
    )
    # the SCO statement of 2020-11-10 binds the eight SCO members of that day
    assert [int(str(r["n"])) for r in holders] == [8]


def test_holder_tally_counts_what_each_state_holds_on_a_topic(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("a", statement(source="a.txt", issuers=("SCO",), date="2020-11-10"))
    store.replace_source("b", statement(source="b.txt", issuers=("RUS", "CHN"), date="2015-07-10"))
    rows = store.select(
        """PREFIX iis: <https://w3id.org/iisgraph/ontology#>
        SELECT ?state ?np ?ni WHERE { ?t a iis:HolderTally ;
          iis:tallyTopic <https://w3id.org/iisgraph/id/topic/itu-role> ;
          iis:stance <https://w3id.org/iisgraph/id/stance/supports> ;
          iis:tallyHolder ?state ; iis:positionCount ?np ; iis:instrumentCount ?ni }"""
    )
    counts = {str(r["state"]).rsplit("/", 1)[-1]: (int(r["np"]), int(r["ni"])) for r in rows}
    # SCO members on 2020-11-10 hold the first, Russia and China name themselves in the second
    assert counts == {
        "CHN": (2, 2),
        "IND": (1, 1),
        "KAZ": (1, 1),
        "KGZ": (1, 1),
        "PAK": (1, 1),
        "RUS": (2, 2),
        "TJK": (1, 1),
        "UZB": (1, 1),
    }


def test_tallies_follow_a_membership_correction_without_reingest(
    store: Store, statement: StatementBuilder, ontology: Graph, reference: Graph, ids: Ids
) -> None:
    store.replace_source("s1", statement(issuers=("SCO",), date="2020-11-10"))
    india = str(ids.state("IND"))
    held = "https://w3id.org/iisgraph/ontology#heldPositionCount"
    assert (india, held, 1) in tallies(store)
    corrected = Graph() + reference
    start = URIRef(f"{ids.thing('membership', 'SCO-IND-2017-06-09')}#start")
    corrected.set((start, TIME.inXSDDate, Literal("2021-01-01", datatype=XSD.date)))
    assert store.replace_reference(ontology, corrected)
    assert not any(x == india and count == held for x, count, _ in tallies(store))
    assert not any(x.endswith("-IND-2020") for x, _, _ in year_links(store))
    kept = tallies(store)
    assert kept == from_scratch(store)


def test_a_position_quoting_an_agreement_of_the_reference_data_is_counted(
    store: Store, statement: StatementBuilder, ids: Ids
) -> None:
    graph = statement(source="a.txt")
    agreement = ids.agreement("sco-2009-iis")
    position = ids.thing("position", "a/quoted-agreement")
    graph.add((position, RDF.type, T.Position))
    graph.add((position, T.topic, ids.topic("un-norms")))
    graph.add((position, T.stance, ids.stance("supports")))
    graph.add((position, T.statedIn, agreement))
    store.replace_source("a", graph)
    # the stance tally counts it in the year of the agreement's date (2009-06-16)
    stance_tally = f"{ids.topic('un-norms')}#supports"
    links = year_links(store)
    assert (f"{stance_tally}-2009", str(T.yearOf), stance_tally) in links
    assert (f"{stance_tally}-2009", str(T.tallyInstrument), str(agreement)) in links
    assert tallies(store) == from_scratch(store)
    store.delete_source("a")
    assert not any(o == stance_tally for _, _, o in year_links(store))
    assert tallies(store) == from_scratch(store)


HOLDING_YEARS = """
PREFIX iis: <https://w3id.org/iisgraph/ontology#>
SELECT ?y ?year ?n ?i WHERE {
  GRAPH <https://w3id.org/iisgraph/graph/tallies> {
    ?y a iis:HoldingYear ; iis:yearHolder ?state ; iis:year ?year ; iis:instrumentCount ?n ;
       iis:tallyInstrument ?i } }"""


def test_holding_years_link_a_states_instruments_by_the_year_their_latest_date_begins_with(
    store: Store, statement: StatementBuilder
) -> None:
    rus = store.ids.state("RUS")

    def years() -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for row in store.select(HOLDING_YEARS.replace("?state", f"<{rus}>")):
            out.setdefault(str(row["year"]), set()).add(str(row["i"]))
            assert int(str(row["n"])) >= len(out[str(row["year"])])
        return out

    def held() -> int:
        rows = store.select(f"SELECT ?n WHERE {{ <{rus}> <{T.heldInstrumentCount}> ?n }}")
        return int(str(rows[0]["n"])) if rows else 0

    before, held_before = years(), held()  # the agreements of the reference data
    for name, date in (("a", "2040-11-10"), ("b", "2041"), ("c", "--11-19"), ("d", None)):
        store.replace_source(name, statement(f"{name}.txt", ("RUS",), date))
    after = years()
    added = {y: after[y] - before.get(y, set()) for y in after}
    assert {y: len(i) for y, i in added.items() if i} == {"2040": 1, "2041": 1, "none": 2}
    rows = store.select(HOLDING_YEARS.replace("?state", f"<{rus}>"))
    assert {str(r["year"]): int(str(r["n"])) for r in rows} == {y: len(i) for y, i in after.items()}
    assert held() == held_before + 4 == sum(len(i) for i in after.values())
    store.delete_source("c")
    assert len(years().get("none", set()) - before.get("none", set())) == 1
    assert held() == held_before + 3


def test_a_derivation_in_batches_equals_one_in_one_update(
    store: Store, statement: StatementBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = store.ids
    issuers = [("SCO",), ("CSTO",), ("RUS", "CHN"), ("BRICS",), ("KAZ",)]
    dates = ["2020-11-10", "2015-07-10", None, "2023-07-04"]
    for n in range(7):
        graph = statement(source=f"s{n}.txt", issuers=issuers[n % 5], date=dates[n % 4])
        store.replace_source(f"s{n}", graph)
    derived, counted = str(ids.derived_graph), str(ids.tallies_graph)
    whole = PROLOGUE + derive_holders(derived, None).strip(" ;\n") + " ;\n"
    cast(Any, store).update(whole + recount(counted, derived))
    at_once = (store.graph_of(ids.derived_graph), store.graph_of(ids.tallies_graph))
    # batches of two instruments, deletions five quads at a time: several of each
    monkeypatch.setattr(embedded, "DERIVE_BATCH", 2)
    monkeypatch.setattr(embedded, "DELETE_BATCH", 5)
    store.rederive()
    batched = (store.graph_of(ids.derived_graph), store.graph_of(ids.tallies_graph))
    assert len(at_once[0]) > 10 and len(at_once[1]) > 10
    assert set(batched[0]) == set(at_once[0])
    assert set(batched[1]) == set(at_once[1])


LATEST_LINKS = """
PREFIX iis: <https://w3id.org/iisgraph/ontology#>
SELECT ?h ?i WHERE { GRAPH <https://w3id.org/iisgraph/graph/tallies> {
  ?h iis:latestInstrument ?i } }"""

# every instrument each holder tally's years link, with its dates as read and as curated
LINKED_DATES = """
PREFIX iis: <https://w3id.org/iisgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?h ?i ?d ?c WHERE {
  GRAPH <https://w3id.org/iisgraph/graph/tallies> {
    ?h a iis:HolderTally . ?y iis:yearOf ?h ; iis:tallyInstrument ?i }
  OPTIONAL { ?i dcterms:date ?d } OPTIONAL { ?i iis:curatedDate ?c } }"""


def latest_kept(store: Store) -> set[tuple[str, str]]:
    return {(str(r["h"]), str(r["i"])) for r in store.select(LATEST_LINKS)}


def latest_of_every_instrument(store: Store) -> set[tuple[str, str]]:
    """Each holder tally's ``LATEST`` latest instruments, ordered here from every instrument
    it counts: by the latest curated date, else the latest date as read, then by IRI."""
    read: dict[tuple[str, str], set[str]] = {}
    curated: dict[tuple[str, str], set[str]] = {}
    for row in store.select(LINKED_DATES):
        key = (str(row["h"]), str(row["i"]))
        read.setdefault(key, set())
        if "d" in row:
            read[key].add(str(row["d"]))
        if "c" in row:
            curated.setdefault(key, set()).add(str(row["c"]))
    ordered: dict[str, list[tuple[str, str]]] = {}
    for (h, i), dates in read.items():
        date = max(curated.get((h, i)) or dates or {""})
        ordered.setdefault(h, []).append((date, i))
    return {(h, i) for h, rows in ordered.items() for _, i in sorted(rows, reverse=True)[:LATEST]}


def test_holder_tally_keeps_its_latest_instruments_through_every_change(
    store: Store, statement: StatementBuilder
) -> None:
    rng = random.Random(11)
    issuers = [("SCO",), ("RUS", "CHN"), ("RUS",), ("CSTO",), ("RUS", "KAZ")]
    # full dates in a few years (ties among them), partial dates, none
    dates = [
        "2020-11-10",
        "2020-03-01",
        "2021-05-05",
        "2019-12-31",
        "2021",
        "2021-05",
        "--05-12",
        None,
        "2022-01-01",
    ]
    changes = random_changes(
        store,
        rng,
        sources=14,
        deleted=0.25,
        build=lambda name: statement(
            source=f"{name}.txt",
            issuers=rng.choice(issuers),
            date=rng.choice(dates),
            type=rng.choice(["statement", "declaration"]),
            stance=rng.choice(["supports", "supports", "opposes"]),
        ),
    )
    for step in changes(50):
        kept = latest_kept(store)
        assert kept == latest_of_every_instrument(store), f"step {step}"
    assert len([h for h, _ in kept if h.endswith("#supports-RUS")]) == LATEST, "too few shown"
    from_scratch(store)
    assert latest_kept(store) == kept
