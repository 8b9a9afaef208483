"""Every backend gives back the terms it was given: the same texts stored in the embedded store
and in a SPARQL server export the same RDF, graph by graph (booleans stay booleans, decimals
decimals); the embedded store's dump is the same byte for byte across clean builds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.ingest import Pipeline
from graph.namespaces import DEFAULT_BASE
from graph.ontology import reference_graph, stored_ontology_graph
from graph.settings import Settings
from graph.store import Store, open_store
from tests.conftest import SEED_TEXTS


def graphs(store: Store) -> dict[str, Graph]:
    dataset = Dataset()
    dataset.parse(data=store.export("application/n-quads"), format="nquads")
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def built(path: Path) -> Store:
    store = open_store(Settings(store=str(path)))
    store.replace_reference(stored_ontology_graph(DEFAULT_BASE), reference_graph(DEFAULT_BASE))
    Pipeline(DEFAULT_BASE).ingest(store, SEED_TEXTS)
    return store


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The seeds built into a new embedded store, once for the module (read-only use)."""
    store = built(tmp_path_factory.mktemp("clean") / "store")
    yield store
    store.close()


def test_every_backend_exports_what_the_embedded_store_exports(
    store: Store, clean_build: Store
) -> None:
    Pipeline(DEFAULT_BASE).ingest(store, SEED_TEXTS)
    expected, got = graphs(clean_build), graphs(store)
    assert set(got) == set(expected)
    for name, graph in expected.items():
        if not isomorphic(graph, got[name]):
            _, only_expected, only_got = graph_diff(to_isomorphic(graph), to_isomorphic(got[name]))
            raise AssertionError(
                f"{name}: {sorted(only_expected)[:3]} came back as {sorted(only_got)[:3]}"
            )


def test_two_clean_builds_dump_byte_for_byte_alike(clean_build: Store, tmp_path: Path) -> None:
    second = built(tmp_path / "two")
    try:
        assert clean_build.export("application/n-quads") == second.export("application/n-quads")
    finally:
        second.close()
