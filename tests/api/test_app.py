"""The application opens its own store up to date, and a serving process settles its heap."""

from __future__ import annotations

import gc
from pathlib import Path

from fastapi.testclient import TestClient

from api import heap
from api.app import create_app
from graph.holders import PROLOGUE
from graph.ontology import ontology_graph, reference_graph
from graph.settings import Settings
from graph.store import open_store
from tests.conftest import StatementBuilder

HOLDER_TALLIES = PROLOGUE + "ASK { ?t a iis:HolderTally }"


def test_serving_a_store_of_an_older_version_brings_its_tallies_up_to_date(
    tmp_path: Path, statement: StatementBuilder
) -> None:
    settings = Settings(store=str(tmp_path / "store"))
    store = open_store(settings)
    store.replace_reference(ontology_graph(), reference_graph(settings.base))
    store.replace_source("s1", statement())
    # as an older iisgraph left it: no tallies graph
    store._store.update(f"DROP GRAPH <{store.ids.tallies_graph}>")  # type: ignore[attr-defined]
    assert not store.ask(HOLDER_TALLIES)
    store.close()
    del store
    gc.collect()  # the engine lets the directory go when its store is freed
    app = create_app(settings)
    try:
        assert app.state.store.ask(HOLDER_TALLIES)
    finally:
        app.state.store.close()


def test_serving_its_own_store_moves_the_start_out_of_the_collectors_sight(
    tmp_path: Path,
) -> None:
    defaults = gc.get_threshold()
    settings = Settings(store=str(tmp_path / "store"))
    try:
        with TestClient(create_app(settings)) as client:
            assert client.get("/health").status_code == 200
            assert gc.get_freeze_count() > 10_000  # routes, templates, ontology...
            assert gc.get_threshold()[0] == heap.YOUNG
    finally:
        gc.unfreeze()
        gc.set_threshold(*defaults)


def test_an_application_given_a_store_leaves_the_collector_as_it_was() -> None:
    defaults = gc.get_threshold()
    settings = Settings(store=":memory:")
    with TestClient(create_app(settings, open_store(settings))) as client:
        assert client.get("/health").status_code == 200
        assert gc.get_freeze_count() == 0
        assert gc.get_threshold() == defaults
