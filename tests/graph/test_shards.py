"""Shards: validated N-Quads for a bulk load, read back and stored as ingest stores them, or
loaded by a server's own loader and completed by a full derive."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from graph.errors import BadInput
from graph.ingest import Failure, Pipeline, store_all
from graph.namespaces import DEFAULT_BASE, Ids
from graph.settings import Settings
from graph.shards import loaded_sources, shard_path, sources_in_shard, write_shards
from graph.store import ReplaceResult, Store, open_store
from tests.conftest import ROOT, SEED_TEXTS, remote_settings
from tests.graph.test_ingest import strict_pipeline
from tests.guards import missing
from tests.sparql_servers import SparqlServer, oxigraph_bulk_load, virtuoso_bulk_load

OXIGRAPH_CLI = Path(sys.executable).with_name("oxigraph")
_NUMBERS = {XSD.integer, XSD.decimal, XSD.double, XSD.float}


def _comparable(term: Node) -> object:
    """A term as every backend gives it back: blank nodes alike, numbers by value."""
    if isinstance(term, BNode):
        return "_"
    if isinstance(term, Literal) and term.datatype in _NUMBERS:
        return ("number", float(term))
    return term


def content(store: Store) -> set[tuple[object, ...]]:
    """Every quad of the sources, the derived holders and the tallies, comparable."""
    ids = store.ids
    rows = store.select(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{ids.base}graph/source/") '
        f"|| ?g IN (<{ids.derived_graph}>, <{ids.tallies_graph}>)) }}"
    )
    return {tuple(_comparable(row[v]) for v in ("g", "s", "p", "o")) for row in rows}


def emptied_of_sources(store: Store) -> None:
    for source_id in store.source_ids():
        store.delete_source(source_id)


def test_each_shard_holds_its_texts_that_pass_each_in_its_store_graph(tmp_path: Path) -> None:
    texts = list(SEED_TEXTS)
    failed: list[Failure] = []
    pipeline = strict_pipeline(open_store(Settings(store=":memory:")))  # seed 001 is undated
    shards = list(write_shards(pipeline, texts, tmp_path, per_shard=2, on_failure=failed.append))
    assert [s.path.name for s in shards] == ["shard-00000.nq", "shard-00001.nq", "shard-00002.nq"]
    assert [(s.texts, s.sources) for s in shards] == [(2, 1), (2, 2), (1, 1)]
    assert [Path(f.path).name for f in failed] == ["001_876ecc46e4de017f.txt"]
    ids = Ids(DEFAULT_BASE)
    first = Dataset().parse(shards[0].path, format="nquads")
    names = {g.identifier for g in first.graphs() if len(g)}
    assert names == {ids.source_graph("000_65bda562d0d878a3")}
    assert [sid for sid, _ in sources_in_shard(shards[1].path, ids)] == [
        "002_ed7b2ff3aa98ea85",
        "003_5ee55c2dbda9f476",
    ]
    assert not list(tmp_path.glob("*.partial"))


def test_a_stopped_extraction_goes_on_where_it_stopped(tmp_path: Path) -> None:
    texts = list(SEED_TEXTS)
    pipeline = Pipeline(DEFAULT_BASE)
    first = list(write_shards(pipeline, texts, tmp_path, per_shard=2))
    shard_path(tmp_path, "shard", 1).unlink()  # as if the job stopped while writing it
    again = list(write_shards(pipeline, texts, tmp_path, per_shard=2))
    assert [s.kept for s in again] == [True, False, True]
    assert again[1].sources == 2
    assert again[1].path.read_bytes() == first[1].path.read_bytes()


@pytest.mark.slow  # worker processes
def test_two_workers_write_the_shards_one_worker_writes(tmp_path: Path) -> None:
    texts = list(SEED_TEXTS)

    def sources(folder: Path, workers: int) -> dict[str, int]:
        shards = write_shards(Pipeline(DEFAULT_BASE), texts, folder, workers=workers)
        ids = Ids(DEFAULT_BASE)
        return {sid: len(g) for s in shards for sid, g in sources_in_shard(s.path, ids)}

    assert sources(tmp_path / "two", 2) == sources(tmp_path / "one", 1)


def test_loading_shards_stores_what_ingesting_the_texts_stores(
    store: Store, tmp_path: Path
) -> None:
    texts = list(SEED_TEXTS)
    pipeline = Pipeline(store.ids.base)
    pipeline.ingest(store, texts)
    ingested = content(store)
    emptied_of_sources(store)
    shards = [s.path for s in write_shards(pipeline, texts, tmp_path, per_shard=2)]

    outcomes = store_all(store, loaded_sources(pipeline, shards), batch=3)

    assert all(isinstance(o, ReplaceResult) and o.changed for o in outcomes)
    assert len(outcomes) == len(texts)
    assert content(store) == ingested


def test_a_malformed_shard_is_named_with_its_line_and_none_of_it_is_stored(
    store: Store, tmp_path: Path
) -> None:
    pipeline = Pipeline(store.ids.base)
    good, broken = (
        s.path for s in write_shards(pipeline, list(SEED_TEXTS)[:2], tmp_path, per_shard=1)
    )
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace(" .\n", "\n")  # the final dot of line 6 lost
    broken.write_text("".join(lines), encoding="utf-8")

    outcomes = store_all(store, loaded_sources(pipeline, [good, broken]))

    assert isinstance(outcomes[0], ReplaceResult)
    assert isinstance(outcomes[1], Failure)
    assert outcomes[1].path == str(broken)
    assert "line 6: not N-Quads" in outcomes[1].reason
    assert store.source_ids() == [outcomes[0].source_id]


@pytest.mark.parametrize(
    ("quads", "refused"),
    [
        ("<urn:a> <urn:b> <urn:c> .\n", "a triple outside a named graph"),
        (
            "<urn:a> <urn:b> <urn:c> <https://w3id.org/iisgraph/graph/reference> .\n",
            "graph <https://w3id.org/iisgraph/graph/reference> is not a source graph",
        ),
    ],
)
def test_a_shard_holding_more_than_sources_is_refused(
    tmp_path: Path, quads: str, refused: str
) -> None:
    shard = tmp_path / "x.nq"
    shard.write_text(quads, encoding="utf-8")
    with pytest.raises(BadInput, match=refused):
        sources_in_shard(shard, Ids(DEFAULT_BASE))


def test_a_source_edited_in_its_shard_to_fail_the_shapes_is_not_stored(
    store: Store, tmp_path: Path
) -> None:
    pipeline = Pipeline(store.ids.base)
    (shard,) = write_shards(pipeline, list(SEED_TEXTS)[:1], tmp_path)
    kept = [
        line
        for line in shard.path.read_text(encoding="utf-8").splitlines(keepends=True)
        if "/ontology#evidence>" not in line  # facts left without their place in the text
    ]
    shard.path.write_text("".join(kept), encoding="utf-8")

    (outcome,) = store_all(store, loaded_sources(pipeline, [shard.path]))

    assert isinstance(outcome, Failure)
    assert "000_65bda562d0d878a3" in outcome.path
    assert store.source_ids() == []


def _environment(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    if settings.store_user:
        env["IISGRAPH_STORE_USER"] = settings.store_user
    if settings.store_password:
        env["IISGRAPH_STORE_PASSWORD"] = settings.store_password.get_secret_value()
    return env


def _bulk_loaded_by_the_server(server: SparqlServer, shards: list[Path]) -> None:
    """Each shard given to the server's own loader: Virtuoso's ``ld_dir``/``rdf_loader_run``,
    Oxigraph server's ``POST /store``."""
    if server.name == "virtuoso":
        assert server.folder is not None
        assert not virtuoso_bulk_load(server, shards[0].parent)
        return
    oxigraph_bulk_load(server, shards)


@pytest.mark.parametrize("server_name", ["oxigraph", "virtuoso"])
def test_sources_bulk_loaded_by_the_servers_loader_are_completed_by_derive(
    request: pytest.FixtureRequest, server_name: str, ontology: Graph, reference: Graph
) -> None:
    from tests.conftest import fresh_remote_store

    server: SparqlServer = request.getfixturevalue(f"{server_name}_server")
    store = fresh_remote_store(server, ontology, reference)
    texts = list(SEED_TEXTS)
    pipeline = Pipeline(store.ids.base)
    pipeline.ingest(store, texts)
    ingested = content(store)
    emptied_of_sources(store)
    assert server.folder is not None
    folder = server.folder / f"shards-{uuid.uuid4().hex[:8]}"  # where Virtuoso may read
    shards = [s.path for s in write_shards(pipeline, texts, folder, per_shard=2)]

    _bulk_loaded_by_the_server(server, shards)
    assert content(store) != ingested  # the sources are there, their holders not yet
    done = subprocess.run(
        [sys.executable, "-m", "graph.cli", "derive", "--store", server.store],
        cwd=ROOT,
        env=_environment(remote_settings(server)),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "holdings and every tally" in done.stderr
    assert content(store) == ingested


@pytest.mark.slow  # end to end: the oxigraph command loads, iisgraph derive completes
def test_an_embedded_store_loaded_by_oxigraph_load_is_completed_by_derive(
    tmp_path: Path,
) -> None:
    if not OXIGRAPH_CLI.exists():
        missing("needs the oxigraph command (pip install oxigraph)")
    texts = list(SEED_TEXTS)
    ingested_store = open_store(Settings(store=str(tmp_path / "ingested")))
    Pipeline(DEFAULT_BASE).ingest(ingested_store, texts)
    ingested = content(ingested_store)
    ingested_store.close()
    shards = [s.path for s in write_shards(Pipeline(DEFAULT_BASE), texts, tmp_path / "shards")]
    location = tmp_path / "loaded"
    for shard in shards:
        subprocess.run(
            [OXIGRAPH_CLI, "load", "--location", location, "--file", shard],
            check=True,
            capture_output=True,
        )

    done = subprocess.run(
        [sys.executable, "-m", "graph.cli", "derive", "--store", str(location)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    loaded = open_store(Settings(store=str(location)))
    assert content(loaded) == ingested
    loaded.close()


def test_a_source_graph_of_another_base_is_refused(tmp_path: Path) -> None:
    shard = tmp_path / "x.nq"
    other = URIRef("https://example.org/graph/source/a")
    shard.write_text(f"<urn:a> <urn:b> <urn:c> <{other}> .\n", encoding="utf-8")
    with pytest.raises(BadInput, match=f"not a source graph under {DEFAULT_BASE}"):
        sources_in_shard(shard, Ids(DEFAULT_BASE))
