"""The application opens its own store up to date."""

from __future__ import annotations

import gc
from pathlib import Path

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
