"""The store in an engine process: the same answers, and a query over its time limit stopped."""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.errors import BadQuery, QueryTimeout, StoreUnavailable
from graph.ingest import Pipeline
from graph.namespaces import DEFAULT_BASE, Ids
from graph.settings import Settings
from graph.store import Store, open_store
from graph.store.process import ENGINE_FOLDER, ENGINE_KEY, AttachedStore, ProcessStore
from tests.conftest import StatementBuilder

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
POSITIONS = "SELECT ?p WHERE { ?p a <https://w3id.org/iisgraph/ontology#Position> }"


@pytest.fixture
def engine(
    tmp_path: Path, reference_store_dir: Path, statement: StatementBuilder
) -> Iterator[ProcessStore]:
    # thousands of triples to join: the ontology and reference data, loaded once a session
    shutil.copytree(reference_store_dir, tmp_path / "engine")
    store = ProcessStore(str(tmp_path / "engine"), Ids(DEFAULT_BASE))
    Pipeline(DEFAULT_BASE).ensure_reference(store)  # found there: nothing to load
    store.replace_source("s1", statement())
    yield store
    store.close()


def test_the_engine_answers_as_the_embedded_store_does(
    engine: ProcessStore, store: Store, statement: StatementBuilder
) -> None:
    Pipeline(DEFAULT_BASE).ensure_reference(store)
    store.replace_source("s1", statement())
    assert engine.source_ids() == store.source_ids() == ["s1"]
    assert engine.triple_count() == store.triple_count()
    assert engine.select(POSITIONS) == store.select(POSITIONS)
    assert engine.ask("ASK { ?s ?p ?o }") is True
    # the typed things of iisgraph's graphs (Virtuoso's default graph also holds its own
    # system graphs: docs/remote-store.md)
    typed = (
        "CONSTRUCT { ?s a ?o } WHERE { GRAPH ?g { ?s a ?o } "
        'FILTER(STRSTARTS(STR(?g), "https://w3id.org/iisgraph/")) }'
    )
    assert len(engine.construct(typed)) == len(store.construct(typed))
    media = "application/sparql-results+json"
    assert engine.query_serialized(POSITIONS, media) == store.query_serialized(POSITIONS, media)
    assert engine.replace_source("s1", statement()).changed is False
    assert engine.delete_source("s1") is True
    assert engine.source_ids() == []


def test_an_error_in_the_engine_comes_back_as_the_same_error(engine: ProcessStore) -> None:
    with pytest.raises(BadQuery, match="does not parse"):
        engine.select("SELECT * WHERE { ?s ?p }")
    with pytest.raises(BadQuery, match="expected a SELECT query"):
        engine.select("CONSTRUCT WHERE { ?s a ?o }")
    with pytest.raises(BadQuery, match="expected a CONSTRUCT or DESCRIBE query"):
        engine.triples("SELECT * WHERE { ?s a ?o }")


# Every kind of term, as the engine writes it: escapes in a string, numbers it writes bare
# (the engine keeps them in canonical form: "007" is read back as "7"), a datatype of its own,
# no text.
ODD_LITERALS = [
    Literal('line\nnext\tcell "quoted" back\\slash', lang="ru"),
    Literal("Москва", lang="ru"),
    Literal("1.50", datatype=XSD.decimal),
    Literal("007", datatype=XSD.integer),
    Literal("-3", datatype=XSD.integer),
    Literal("1.0E0", datatype=XSD.double),
    Literal("true", datatype=XSD.boolean),
    Literal("2020-11-10", datatype=XSD.date),
    Literal("x", datatype=URIRef("urn:datatype")),
    Literal("plain"),
    Literal(""),
]


@pytest.mark.parametrize("where", ["engine process", "this process"])
def test_terms_are_read_back_as_they_were_stored(
    where: str, engine: ProcessStore, tmp_path: Path
) -> None:
    a, b = URIRef("urn:a"), BNode()
    graph = Graph()
    for literal in ODD_LITERALS:
        graph.add((a, URIRef("urn:p"), literal))
    graph.add((a, URIRef("urn:q"), b))
    graph.add((b, URIRef("urn:r"), Literal("2", datatype=XSD.integer)))
    one = engine if where == "engine process" else open_store(Settings(store=":memory:"))
    one.replace_source("terms", graph)
    # what the engine keeps, read term by term (not through query results)
    name = one.ids.source_graph("terms")
    kept = one.graph_of(name)
    stored = sorted(o.n3() for o in kept.objects(a, URIRef("urn:p")))
    assert len(stored) == len(ODD_LITERALS)
    rows = one.select("SELECT ?o ?v WHERE { <urn:a> ?p ?o OPTIONAL { ?o <urn:r> ?v } }")
    read = sorted(r["o"].n3() for r in rows if not isinstance(r["o"], BNode) and "v" not in r)
    assert read == stored
    assert [r["v"] for r in rows if isinstance(r["o"], BNode)] == [
        Literal("2", datatype=XSD.integer)
    ]
    assert one.select("SELECT ?o WHERE { <urn:a> <urn:none> ?o }") == []
    assert one.select("SELECT ?o WHERE { OPTIONAL { <urn:a> <urn:none> ?o } }") == [{}]
    construct = "CONSTRUCT WHERE { <urn:a> ?p ?o . ?o ?r ?v }"
    assert isomorphic(
        _graph(one.triples(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")),
        kept,
    )
    assert len(one.triples(construct)) == 2


def _graph(triples: list[tuple[Node, Node, Node]]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def test_a_query_over_its_time_limit_is_stopped_and_the_store_answers_again(
    engine: ProcessStore,
) -> None:
    before = engine.engine_pid
    with pytest.raises(QueryTimeout, match=r"longer than 0\.5 s"):
        engine.query_serialized(RUNAWAY, "application/sparql-results+json", timeout=0.5)
    assert engine.engine_pid != before  # the process that ran it is gone, with its CPU
    assert engine.source_ids() == ["s1"]
    assert len(engine.select(POSITIONS)) == 1


def test_other_clients_are_answered_while_a_runaway_query_is_stopped(
    engine: ProcessStore,
) -> None:
    failures: list[Exception] = []
    answered = 0
    stop = threading.Event()

    def other_client() -> None:
        nonlocal answered
        while not stop.is_set():
            try:
                assert len(engine.select(POSITIONS)) == 1
                answered += 1
            except Exception as exc:  # every failure is a finding of this test
                failures.append(exc)

    clients = [threading.Thread(target=other_client) for _ in range(3)]
    for client in clients:
        client.start()
    with pytest.raises(QueryTimeout):
        engine.query_serialized(RUNAWAY, "application/sparql-results+json", timeout=0.5)
    stop.set()
    for client in clients:
        client.join(10)
    assert failures == []
    assert answered > 0


def test_an_engine_that_cannot_open_the_store_says_why(tmp_path: Path) -> None:
    path = str(tmp_path / "store")
    holder = open_store(Settings(store=path))  # one process may write the store
    try:
        with pytest.raises(StoreUnavailable, match="cannot open the store"):
            ProcessStore(path, Ids(DEFAULT_BASE))
    finally:
        holder.close()


def test_closing_stops_the_engine(tmp_path: Path) -> None:
    store = ProcessStore(str(tmp_path / "store"), Ids(DEFAULT_BASE))
    engine = store._engine
    store.close()
    assert not engine.alive
    reopened = open_store(Settings(store=str(tmp_path / "store")))  # the lock is free again
    reopened.close()


def test_the_engine_folder_is_locked_against_tmp_cleaners_while_the_store_is_open(
    tmp_path: Path,
) -> None:
    store = ProcessStore(str(tmp_path / "store"), Ids(DEFAULT_BASE))
    folder = store.share()[ENGINE_FOLDER]
    # what systemd-tmpfiles tries on each folder it would age, skipping those it cannot take
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    finally:
        os.close(descriptor)
    store.close()
    assert not os.path.exists(folder)
    with open(os.devnull) as unrelated:  # may reuse the lock's descriptor number
        store.close()  # a second close lets go of nothing else
        assert not unrelated.closed and os.fstat(unrelated.fileno())


@pytest.fixture
def shared(engine: ProcessStore) -> Iterator[AttachedStore]:
    """Another process's view of ``engine`` (as a worker of ``iisgraph serve --workers``)."""
    environment = engine.share()
    worker = AttachedStore(
        environment[ENGINE_FOLDER], bytes.fromhex(environment[ENGINE_KEY]), engine.ids
    )
    yield worker
    worker.close()


def test_a_write_through_a_shared_engine_changes_the_version_every_process_reads(
    engine: ProcessStore, shared: AttachedStore, statement: StatementBuilder
) -> None:
    before = engine.version()
    assert shared.version() == before and shared.sources_version() == engine.sources_version()
    shared.replace_source("s2", statement("s2.txt"))
    assert engine.version() == shared.version() != before
    assert engine.sources_version() == shared.sources_version()
    assert engine.source_ids() == shared.source_ids() == ["s1", "s2"]


def test_a_runaway_query_of_a_process_sharing_the_engine_stops_it_and_it_starts_again(
    engine: ProcessStore, shared: AttachedStore
) -> None:
    before = engine.engine_pid
    with pytest.raises(QueryTimeout, match=r"longer than 0\.5 s"):
        shared.query_serialized(RUNAWAY, "application/sparql-results+json", timeout=0.5)
    # the owner started another engine where the stopped one was; both reach it
    assert shared.source_ids() == engine.source_ids() == ["s1"]
    assert engine.engine_pid == shared.engine_pid != before
    assert len(shared.select(POSITIONS)) == len(engine.select(POSITIONS)) == 1


def test_a_process_sharing_the_engine_lets_go_of_it_without_stopping_it(
    engine: ProcessStore, shared: AttachedStore
) -> None:
    shared.close()
    assert engine.source_ids() == ["s1"]


def test_a_process_finds_the_engine_it_shares_in_its_environment(
    engine: ProcessStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert AttachedStore.from_environment(engine.ids) is None
    for name, value in engine.share().items():
        monkeypatch.setenv(name, value)
    worker = AttachedStore.from_environment(engine.ids)
    assert worker is not None
    try:
        assert worker.source_ids() == ["s1"]
    finally:
        worker.close()
