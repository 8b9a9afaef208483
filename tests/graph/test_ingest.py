"""Ingest: a text that fails SHACL is rejected whole and the store stays as it was."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from graph.errors import InvalidGraph, StoreUnavailable
from graph.ingest import Failure, Pipeline, text_files
from graph.namespaces import DEFAULT_BASE, T
from graph.settings import Settings
from graph.store import ReplaceResult, Store, open_store
from graph.summary import summarize
from graph.validate import shapes_graph
from tests.conftest import ROOT, SEED_TEXTS

TEXTS = ROOT / "corpus" / "texts"

# A deployment's extra rule: an instrument with positions must be dated. Seed 001's draft is not.
DATED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix iis: <https://w3id.org/iisgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<urn:test:DatedInstrument> a sh:NodeShape ;
    sh:targetObjectsOf iis:statedIn ;
    sh:property [ sh:path dcterms:date ; sh:minCount 1 ;
                  sh:message "An instrument must be dated" ] .
"""


def strict_pipeline(store: Store) -> Pipeline:
    shapes = Graph() + shapes_graph()
    shapes.parse(data=DATED, format="turtle")
    return Pipeline(store.ids.base, shapes=shapes)


def dump(store: Store) -> list[bytes]:
    return sorted(store.export("application/n-quads").splitlines())


def test_text_failing_shacl_leaves_store_unchanged(store: Store) -> None:
    Pipeline(store.ids.base).ingest(store, [TEXTS / "002_ed7b2ff3aa98ea85.txt"])
    before = dump(store)
    outcomes = strict_pipeline(store).ingest(store, [TEXTS / "001_876ecc46e4de017f.txt"])
    assert isinstance(outcomes[0], Failure)
    assert "An instrument must be dated" in outcomes[0].reason
    assert "001_876ecc46e4de017f.txt" in outcomes[0].reason
    assert dump(store) == before


def test_failing_text_does_not_replace_its_earlier_version(store: Store) -> None:
    draft = TEXTS / "001_876ecc46e4de017f.txt"
    Pipeline(store.ids.base).ingest(store, [draft])
    before = dump(store)
    with pytest.raises(InvalidGraph):
        strict_pipeline(store).graph_of_file(draft)
    strict_pipeline(store).ingest(store, [draft])
    assert dump(store) == before


def test_other_texts_are_stored_when_one_fails(store: Store) -> None:
    outcomes = strict_pipeline(store).ingest(store, list(SEED_TEXTS))
    failed = [o for o in outcomes if isinstance(o, Failure)]
    stored = [o for o in outcomes if isinstance(o, ReplaceResult)]
    assert [Path(f.path).name for f in failed] == ["001_876ecc46e4de017f.txt"]
    assert len(stored) == 4
    assert store.source_ids() == sorted(o.source_id for o in stored)


def test_missing_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no such file"):
        text_files([tmp_path / "nope"])


def test_an_unlisted_organization_is_stored_with_its_evidence_but_not_listed_as_known() -> None:
    pipeline = Pipeline(DEFAULT_BASE)
    text = (
        "МОСКВА, 13 апреля. /ТАСС/. Совместное заявление России и Белоруссии о сотрудничестве "
        "в области международной информационной безопасности принято в Минске. Об этом сообщили "
        "в пресс-службе Совета Безопасности Российской Федерации."
    )
    item = pipeline.graph_of_text(text, "u.txt")
    unlisted = list(item.graph.subjects(RDF.type, T.UnlistedOrganization))
    assert len(unlisted) == 1
    assert str(item.graph.value(unlisted[0], RDFS.label)) == "Совет Безопасности"
    assert str(unlisted[0]).endswith("/id/unlisted-organization/sovet-bezopasnosti")
    assert item.graph.value(unlisted[0], T.evidence) is not None
    store = open_store(Settings(store=":memory:"))
    pipeline.ensure_reference(store)
    store.replace_source(item.source_id, item.graph)
    assert summarize(store, item.source_id)["organizations_mentioned"] == []


def test_a_batch_the_store_refuses_is_reported_with_its_sources_and_a_rerun_stores_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = list(SEED_TEXTS)
    refused = files[2].stem  # the batch holding the third text fails (and the text, alone)
    one, many = store.replace_source, store.replace_sources

    def refuse_one(source_id: str, graph: Graph) -> ReplaceResult:
        if source_id == refused:
            raise StoreUnavailable("the server is busy")
        return one(source_id, graph)

    def refuse_many(items: Sequence[tuple[str, Graph]]) -> list[ReplaceResult]:
        if any(source_id == refused for source_id, _ in items):
            raise StoreUnavailable("the server is busy")
        return many(items)

    monkeypatch.setattr(store, "replace_source", refuse_one)
    monkeypatch.setattr(store, "replace_sources", refuse_many)
    outcomes = Pipeline(store.ids.base).ingest(store, files, batch=2)
    failed = [o for o in outcomes if isinstance(o, Failure)]
    stored = [o.source_id for o in outcomes if isinstance(o, ReplaceResult)]
    batch = [f.stem for f in files[2:4]]
    assert [f.path for f in failed] == batch
    assert all("the server is busy" in f.reason for f in failed)
    assert all(", ".join(batch) in f.reason for f in failed)  # the batch names its sources
    assert sorted(stored + batch) == sorted(f.stem for f in files)
    assert sorted(store.source_ids()) == sorted(stored)

    monkeypatch.undo()
    again = Pipeline(store.ids.base).ingest(store, files, batch=2)
    assert all(isinstance(o, ReplaceResult) for o in again)
    assert {o.source_id for o in again if isinstance(o, ReplaceResult) and o.changed} == set(batch)
    assert sorted(store.source_ids()) == sorted(f.stem for f in files)


@pytest.mark.slow  # worker processes
def test_two_workers_store_what_one_worker_stores(tmp_path: Path) -> None:
    def quads(workers: int) -> set[bytes]:
        store = open_store(Settings(store=str(tmp_path / f"store-{workers}")))
        outcomes = Pipeline(DEFAULT_BASE).ingest(store, list(SEED_TEXTS), workers=workers)
        assert all(isinstance(o, ReplaceResult) for o in outcomes)
        dumped = store.export("application/n-quads").splitlines()
        store.close()
        return {line for line in dumped if b"_:" not in line}  # blank node labels differ

    assert quads(2) == quads(1)
