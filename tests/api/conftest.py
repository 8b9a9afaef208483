"""The bundled corpus, ingested once and served over HTTP for the API's read tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ingest import Pipeline, text_files
from graph.namespaces import DEFAULT_BASE
from graph.settings import Settings
from graph.store import open_store
from tests.conftest import ROOT, ThreadedServer


@pytest.fixture(scope="session")
def corpus_server(
    tmp_path_factory: pytest.TempPathFactory, reference_store_dir: Path
) -> Iterator[ThreadedServer]:
    """The five founding texts in an on-disk store, served by the app (read-only use)."""
    path = tmp_path_factory.mktemp("corpus") / "store"
    shutil.copytree(reference_store_dir, path)
    store = open_store(Settings(store=str(path)))
    Pipeline(DEFAULT_BASE).ingest(store, text_files([ROOT / "corpus" / "texts"]))
    server = ThreadedServer(store)
    yield server
    server.stop()
    store.close()
