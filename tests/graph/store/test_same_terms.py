"""Every backend gives back the terms it was given: the same texts stored in the embedded store
and in a SPARQL server export the same RDF, graph by graph (booleans stay booleans, decimals
decimals); the embedded store's dump is the same byte for byte across clean builds."""

from __future__ import annotations

from pathlib import Path

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


def test_every_backend_exports_what_the_embedded_store_exports(
    store: Store, tmp_path: Path
) -> None:
    Pipeline(DEFAULT_BASE).ingest(store, SEED_TEXTS)
    embedded = built(tmp_path / "embedded")
    expected, got = graphs(embedded), graphs(store)
    embedded.close()
    assert set(got) == set(expected)
    for name, graph in expected.items():
        if not isomorphic(graph, got[name]):
            _, only_expected, only_got = graph_diff(to_isomorphic(graph), to_isomorphic(got[name]))
            raise AssertionError(
                f"{name}: {sorted(only_expected)[:3]} came back as {sorted(only_got)[:3]}"
            )


def test_two_clean_builds_dump_byte_for_byte_alike(tmp_path: Path) -> None:
    first, second = built(tmp_path / "one"), built(tmp_path / "two")
    try:
        assert first.export("application/n-quads") == second.export("application/n-quads")
    finally:
        first.close()
        second.close()
