"""The `iisgraph` command as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from graph.cli import main
from tests.conftest import ROOT

SEED = ROOT / "corpus" / "texts" / "002_ed7b2ff3aa98ea85.txt"


def test_extract_prints_one_summary_line_per_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["extract", str(SEED), str(ROOT / "corpus" / "texts" / "003_5ee55c2dbda9f476.txt")])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["source"] == SEED.name
    assert first["instruments"][0]["issuers"] == ["SCO"]
    assert first["instruments"][0]["holders"] == [
        "CHN",
        "IND",
        "KAZ",
        "KGZ",
        "PAK",
        "RUS",
        "TJK",
        "UZB",
    ]


def test_extract_turtle_parses(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED), "--format", "turtle"]) == 0
    graph = Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert len(graph) > 50


def test_extract_nquads_names_each_source_graph(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED), "--format", "nquads"]) == 0
    dataset = Dataset().parse(data=capsys.readouterr().out, format="nquads")
    named = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert named == {"https://w3id.org/iisgraph/graph/source/002_ed7b2ff3aa98ea85"}


@pytest.mark.slow  # worker processes
def test_shards_extracted_to_a_folder_are_loaded_and_derived(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts, shards, store = tmp_path / "texts", tmp_path / "shards", str(tmp_path / "s")
    texts.mkdir()
    for seed in sorted((ROOT / "corpus" / "texts").glob("00*.txt")):  # the five founding texts
        (texts / seed.name).write_bytes(seed.read_bytes())
    broken = tmp_path / "more" / "empty.txt"
    broken.parent.mkdir()
    broken.write_bytes(b"")
    extract = ["extract", str(texts), str(broken), "--format", "nquads", "-o", str(shards)]
    assert main([*extract, "--per-shard", "2", "--workers", "2"]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:" in err
    assert f"wrote 3 shards of 5 sources to {shards} (1 failed)" in err
    assert sorted(p.name for p in shards.iterdir()) == [
        "shard-00000.nq",
        "shard-00001.nq",
        "shard-00002.nq",
    ]

    assert main(["load", str(shards), "--store", store, "--batch", "2"]) == 0
    assert "loaded 5 sources of 3 shards" in capsys.readouterr().err
    assert main(["derive", "--store", store]) == 0
    assert "holdings and every tally" in capsys.readouterr().err
    assert main(["stats", "--store", store]) == 0
    assert json.loads(capsys.readouterr().out)["sources"] == 5


def test_shards_are_not_written_over_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken"
    taken.write_text("mine")
    assert main(["extract", str(SEED), "--format", "nquads", "-o", str(taken)]) == 2
    assert "-o names a folder for the shards" in capsys.readouterr().err
    assert taken.read_text() == "mine"


def test_extract_fails_with_one_line_per_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    code = main(["extract", str(empty), str(SEED), str(binary)])
    captured = capsys.readouterr()
    assert code != 0
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(str(empty))
    assert errors[1].startswith(str(binary))
    assert len(captured.out.splitlines()) == 1


def test_ingest_query_export_and_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    assert main(["ingest", str(SEED), "--store", store]) == 0
    assert "1 changed" in capsys.readouterr().err
    assert main(["query", "--name", "states-supporting-topic", "--store", store]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["code"] for r in rows} == {"CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"}
    assert main(["query", "ASK { ?s ?p ?o }", "--store", store]) == 0
    assert json.loads(capsys.readouterr().out)["boolean"] is True
    out = tmp_path / "dump.trig"
    assert main(["export", "--format", "trig", "-o", str(out), "--store", store]) == 0
    dataset = Dataset()
    dataset.parse(out, format="trig")
    assert len(list(dataset.graphs())) >= 4
    for fmt, parse_as in (("nquads", "nquads"), ("jsonld", "json-ld")):
        assert main(["export", "--format", fmt, "--store", store]) == 0
        Dataset().parse(data=capsys.readouterr().out, format=parse_as)
    assert main(["export", "--format", "turtle", "--store", store]) == 0
    assert len(Graph().parse(data=capsys.readouterr().out, format="turtle")) > 1000
    assert main(["stats", "--store", store]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["sources"] == 1
    assert stats["instruments"] >= 1


def test_validate_reports_conformance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SEED)]) == 0
    assert "conforms" in capsys.readouterr().out
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix iis: <https://w3id.org/iisgraph/ontology#> .\n"
        "<https://w3id.org/iisgraph/id/position/x> a iis:Position .\n"
    )
    assert main(["validate", str(bad)]) == 1
    assert "bad.ttl" in capsys.readouterr().err


def test_bad_sparql_exits_with_a_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELECT ?s WHERE {", "--store", str(tmp_path / "s")]) == 2
    assert "does not parse" in capsys.readouterr().err
