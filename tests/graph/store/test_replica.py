"""The embedded store's copy in memory (``IISGRAPH_STORE_MEMORY``): it answers reads once
made, every write reaches the disk and the copy, and a copy that misses a write is made again."""

from __future__ import annotations

import gc
import shutil
import threading
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from pydantic import ValidationError

from graph.errors import QueryTimeout
from graph.namespaces import DEFAULT_BASE, Ids
from graph.settings import Settings
from graph.store import open_serving_store, open_store, replica
from graph.store.embedded import EmbeddedStore
from graph.store.process import ProcessStore
from graph.store.replica import MemoryCopy, copy_fits, disk_bytes
from tests.conftest import StatementBuilder, holders
from tests.graph.store.test_process import RUNAWAY

A = ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("1"), ox.NamedNode("urn:g"))
B = ox.Quad(ox.NamedNode("urn:b"), ox.NamedNode("urn:p"), ox.Literal("2"), ox.NamedNode("urn:g"))
ALL = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s"


def subjects(store: Any) -> list[str]:
    return [row["s"].value for row in store.query(ALL)]


def test_once_made_the_copy_answers_reads_and_every_write_reaches_the_disk_and_the_copy() -> None:
    disk = ox.Store()
    disk.add(A)
    copy = MemoryCopy(disk)
    assert copy.wait_until_made(30)
    assert copy.answering == "memory"
    assert subjects(copy) == ["urn:a"]

    copy.update("INSERT DATA { GRAPH <urn:g> { <urn:c> <urn:p> 3 } }")
    copy.add(B)
    assert subjects(copy) == subjects(disk) == ["urn:a", "urn:b", "urn:c"]

    disk.remove(A)  # behind the copy's back: the copy, not the disk, answers
    assert subjects(copy) == ["urn:a", "urn:b", "urn:c"]


class _Refusing:
    """An in-memory store that fails every write (as one out of memory would)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def update(self, text: str) -> None:
        raise MemoryError

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def test_a_write_the_copy_misses_sends_reads_to_the_disk_and_the_copy_is_made_again() -> None:
    disk = ox.Store()
    copy = MemoryCopy(disk)
    assert copy.wait_until_made(30)
    copy._memory = _Refusing(copy._memory)  # type: ignore[assignment]

    copy.update("INSERT DATA { GRAPH <urn:g> { <urn:c> <urn:p> 3 } }")

    assert subjects(disk) == ["urn:c"]  # the disk, the store of record, took it
    assert copy.wait_until_made(30)  # made again from the disk
    assert subjects(copy) == ["urn:c"]


@pytest.fixture
def path(tmp_path: Path, reference_store_dir: Path) -> Path:
    """An on-disk store holding the ontology and the reference data."""
    copied = tmp_path / "store"
    shutil.copytree(reference_store_dir, copied)
    return copied


def test_a_store_with_a_copy_holds_on_disk_what_it_answered(
    path: Path, statement: StatementBuilder
) -> None:
    store = open_store(Settings(store=str(path), store_memory="on"))
    assert isinstance(store, EmbeddedStore)
    store.replace_sources([("s1", statement(issuers=("SCO",))), ("s2", statement(source="b"))])
    store.replace_source("s1", statement(issuers=("RUS",), date="2020-11-10"))
    assert store.delete_source("s2")
    answered = sorted(store.export("application/n-quads").splitlines())
    seen = holders(store)
    store.close()
    del store
    gc.collect()  # the store's lock on its folder goes with the object

    plain = EmbeddedStore(str(path), Ids(DEFAULT_BASE))  # the disk alone
    assert sorted(plain.export("application/n-quads").splitlines()) == answered
    assert holders(plain) == seen == {"RUS": True}
    plain.close()


def test_the_server_engine_keeps_a_copy_when_the_setting_asks(
    path: Path, statement: StatementBuilder
) -> None:
    served = open_serving_store(Settings(store=str(path), store_memory="on"))
    try:
        assert isinstance(served, ProcessStore)
        assert served.memory_copy_made()  # made before the engine answered
        served.replace_source("s1", statement(issuers=("RUS",)))
        assert holders(served) == {"RUS": True}
    finally:
        served.close()


def test_an_engine_with_a_copy_started_again_after_a_stopped_query_answers_the_same(
    path: Path, statement: StatementBuilder
) -> None:
    engine = ProcessStore(str(path), Ids(DEFAULT_BASE), memory_copy=True)
    try:
        engine.replace_source("s1", statement(issuers=("RUS",)))
        before = engine.engine_pid
        with pytest.raises(QueryTimeout):
            engine.query_serialized(RUNAWAY, "application/sparql-results+json", timeout=0.5)
        assert engine.engine_pid != before
        assert holders(engine) == {"RUS": True}  # from the disk, or the copy made again
        engine.replace_source("s2", statement(source="b", issuers=("UZB",)))
        assert engine.source_ids() == ["s1", "s2"]
    finally:
        engine.close()


@pytest.mark.parametrize(
    ("value", "setting"),
    [("1", "on"), ("true", "on"), ("on", "on"), ("0", "off"), ("false", "off"), ("AUTO", "auto")],
)
def test_the_copy_is_asked_for_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, setting: str
) -> None:
    monkeypatch.setenv("IISGRAPH_STORE_MEMORY", value)
    assert Settings().store_memory == setting


def test_the_copy_setting_is_auto_unless_said_and_refuses_other_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("IISGRAPH_STORE_MEMORY", raising=False)
    assert Settings().store_memory == "auto"
    monkeypatch.setenv("IISGRAPH_STORE_MEMORY", "sometimes")
    with pytest.raises(ValidationError, match="auto"):
        Settings()


def test_a_copy_fits_when_it_takes_at_most_a_quarter_of_the_memory_available(
    tmp_path: Path,
) -> None:
    # a folder of known files (a live RocksDB folder changes size as it flushes)
    (tmp_path / "store" / "sub").mkdir(parents=True)
    (tmp_path / "store" / "000001.sst").write_bytes(b"x" * 600)
    (tmp_path / "store" / "sub" / "LOG").write_bytes(b"x" * 200)
    folder = str(tmp_path / "store")
    assert disk_bytes(folder) == 800
    assert copy_fits(folder, available=4 * 1000)  # a copy of 1.25 × 800 bytes
    assert not copy_fits(folder, available=4 * 1000 - 4)
    assert copy_fits(str(tmp_path / "not-made-yet"), available=0)


def test_a_server_keeps_a_copy_by_default_when_it_fits(
    path: Path, statement: StatementBuilder
) -> None:
    served = open_serving_store(Settings(store=str(path)))
    try:
        assert isinstance(served, ProcessStore)
        assert served.memory_copy_made(timeout=30)
        assert served.reads_from() == "memory"
        served.replace_source("s1", statement(issuers=("RUS",)))
        assert holders(served) == {"RUS": True}
    finally:
        served.close()


def test_a_server_answers_from_the_disk_when_the_copy_would_not_fit_and_says_why(
    path: Path,
    statement: StatementBuilder,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(replica, "memory_available", lambda: 1000)
    served = open_serving_store(Settings(store=str(path)))
    try:
        assert isinstance(served, ProcessStore)
        served.replace_source("s1", statement(issuers=("RUS",)))
        assert holders(served) == {"RUS": True}
        assert not served.memory_copy_made()
        assert served.reads_from() == "disk"
    finally:
        served.close()
    assert "would not fit in 25% of the 0 MB of memory available" in caplog.text


def test_a_server_told_off_keeps_no_copy(path: Path) -> None:
    served = open_serving_store(Settings(store=str(path), store_memory="off"))
    try:
        assert isinstance(served, ProcessStore)
        assert not served.memory_copy_made()
    finally:
        served.close()


def test_one_shot_commands_copy_the_store_only_when_asked(path: Path) -> None:
    store = open_store(Settings(store=str(path)))
    assert isinstance(store, EmbeddedStore)
    assert not store.memory_copy_made()
    assert store.reads_from() == "disk"
    store.close()


def test_a_store_in_memory_reads_from_memory() -> None:
    store = open_store(Settings(store=":memory:"))
    assert store.reads_from() == "memory"
    store.close()


def test_reads_go_to_the_disk_until_the_copy_is_made(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = threading.Event()
    make = MemoryCopy._make

    def slow_make(copy: MemoryCopy) -> None:  # as a large store's copy takes seconds
        made.wait(10)
        make(copy)

    monkeypatch.setattr(MemoryCopy, "_make", slow_make)
    store = EmbeddedStore(str(path), Ids(DEFAULT_BASE), memory_copy=True)
    assert store.reads_from() == "disk-until-copied"
    made.set()
    assert store.memory_copy_made(timeout=10)
    assert store.reads_from() == "memory"
    store.close()
