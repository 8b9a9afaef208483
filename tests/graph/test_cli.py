"""The `iisgraph` command as a user runs it."""

from __future__ import annotations

import csv
import gc
import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from graph.cli import main
from tests.conftest import ROOT, LiveServer, free_port

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
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
    codes = {"CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"}
    assert {r["code"]["value"] for r in rows} == codes
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


def test_issue_17_a_named_query_answers_in_the_format_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    assert main(["ingest", str(SEED), "--store", store]) == 0
    capsys.readouterr()
    named = ["query", "--name", "states-supporting-topic", "--param", "topic=itu-role"]
    assert main([*named, "--format", "csv", "--store", store]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["code"] for row in table} >= {"CHN", "RUS"}
    assert main([*named, "--format", "tsv", "--store", store]) == 0
    assert capsys.readouterr().out.startswith("?")  # a TSV header names ?variables
    assert main([*named, "--format", "xml", "--store", store]) == 0
    assert "<sparql" in capsys.readouterr().out
    construct = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3"
    assert main(["query", construct, "--store", store]) == 0  # Turtle when not asked
    assert len(Graph().parse(data=capsys.readouterr().out, format="turtle")) == 3


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


@pytest.fixture
def held_store(tmp_path: Path) -> Iterator[tuple[str, LiveServer]]:
    """A store with one source, held by `iisgraph serve` in a child process."""
    store = tmp_path / "store"
    assert main(["ingest", str(SEED), "--store", str(store)]) == 0
    gc.collect()  # the engine's lock goes with its last reference
    live = LiveServer(store)
    yield str(store), live
    live.stop()


@pytest.mark.slow  # a real server process
def test_issue_17_reads_go_through_the_server_that_holds_the_store(
    held_store: tuple[str, LiveServer], capsys: pytest.CaptureFixture[str]
) -> None:
    store, live = held_store
    capsys.readouterr()
    assert main(["stats", "--store", store]) == 0, live.output()
    captured = capsys.readouterr()
    assert json.loads(captured.out)["sources"] == 1
    assert live.url in captured.err and "reading through it" in captured.err, captured.err
    named = ["query", "--name", "states-supporting-topic", "--param", "topic=itu-role"]
    assert main([*named, "--format", "csv", "--store", store]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["code"] for row in table} >= {"CHN", "RUS"}
    assert main(["export", "--format", "nquads", "--store", store]) == 0
    dataset = Dataset().parse(data=capsys.readouterr().out, format="nquads")
    assert len(dataset) > 1000


@pytest.mark.slow  # a real server process
def test_issue_17_a_write_says_which_process_holds_the_store(
    held_store: tuple[str, LiveServer], capsys: pytest.CaptureFixture[str]
) -> None:
    store, live = held_store
    capsys.readouterr()
    assert main(["ingest", str(SEED), "--store", store]) == 2
    message = capsys.readouterr().err
    assert "held by `iisgraph serve` (process" in message, message
    assert live.url in message and "POST" in message, message
    assert main(["stats", "--store", store]) == 0  # the server is untouched


@pytest.mark.slow  # a real server process
def test_a_second_server_of_a_held_store_stops_and_leaves_the_first_ones_note(
    held_store: tuple[str, LiveServer], capsys: pytest.CaptureFixture[str]
) -> None:
    store, live = held_store
    for workers in ("1", "2"):
        port = str(free_port())
        assert main(["serve", "--store", store, "--port", port, "--workers", workers]) == 2
    capsys.readouterr()
    assert main(["stats", "--store", store]) == 0, live.output()
    assert "reading through it" in capsys.readouterr().err


def test_a_store_held_by_a_process_that_serves_nothing_is_named_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(store)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        assert main(["stats", "--store", str(store)]) == 2
        message = capsys.readouterr().err
        assert f"process {holder.pid}" in message and "cannot read" in message, message
    finally:
        holder.terminate()
        holder.wait(timeout=10)


# a process that opens a store and keeps it until it is stopped
HOLD = """
import sys, time
from graph.settings import Settings
from graph.store import open_store
store = open_store(Settings(store=sys.argv[1]))
print("holding", flush=True)
time.sleep(120)
"""


def _rejection(source: str, quote: str, topic: str) -> dict[str, object]:
    base = "https://w3id.org/iisgraph/"
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "assessing",
        "target": {
            "source": f"{base}id/source/{source}",
            "selector": {"type": "TextQuoteSelector", "exact": quote},
        },
        "body": [
            {
                "type": "SpecificResource",
                "source": f"{base}id/topic/{topic}",
                "purpose": "identifying",
            },
            {
                "type": "SpecificResource",
                "source": f"{base}id/stance/supports",
                "purpose": "identifying",
            },
            {"type": "TextualBody", "value": "rejected", "purpose": "assessing"},
        ],
    }


def test_curation_round_trip_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    assert main(["ingest", str(SEED), "--store", store]) == 0
    assert main(["curate", "add-curator", "alice"]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[1].startswith("alice\tsha256:") and said[3] not in said[1]
    acts = tmp_path / "acts.jsonld"
    acts.write_text(
        json.dumps(
            [_rejection(SEED.stem, "повышения роли Международного союза электросвязи", "itu-role")]
        )
    )
    assert main(["curate", "import", str(acts), "--store", store]) == 0
    assert "imported 1 acts" in capsys.readouterr().err
    assert main(["curate", "import", str(acts), "--store", store]) == 0
    assert "imported 1 acts (0 were there already)" in capsys.readouterr().err  # no id: new
    exported = tmp_path / "out.jsonld"
    assert main(["curate", "export", "-o", str(exported), "--store", store]) == 0
    assert json.loads(exported.read_text())["total"] == 2
    gold = tmp_path / "gold"
    assert main(["export", "--gold", str(gold), "--reviewed-only", "--store", store]) == 0
    settled = json.loads((gold / f"{SEED.stem}.json").read_text())
    topics = {p["topic"] for i in settled["instruments"] for p in i["positions"]}
    assert "itu-role" not in topics and "un-norms" in topics
    assert main(["curate", "orphans", "--store", store]) == 0
    assert "0 acts do nothing now" in capsys.readouterr().err


@pytest.mark.slow  # a real server process
def test_serve_with_two_web_processes_shares_one_engine_and_both_see_every_write(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    assert main(["ingest", str(SEED), "--store", str(store)]) == 0
    gc.collect()  # the engine's lock goes with its last reference
    live = LiveServer(store, workers=2, environment={"IISGRAPH_WRITE_TOKEN": "t0ken"})
    try:
        children = _children(live.process.pid)
        processes = [_command_line(pid) for pid in children]
        assert sum("graph.store.process" in c for c in processes) == 1, processes
        assert sum("spawn_main" in c for c in processes) == 2, processes
        before = live.client.get("/topics").headers["etag"]
        text = (ROOT / "corpus" / "texts" / "003_5ee55c2dbda9f476.txt").read_bytes()
        posted = live.client.post(
            "/sources",
            params={"name": "003.txt"},
            content=text,
            headers={"Authorization": "Bearer t0ken", "Content-Type": "text/plain"},
        )
        assert posted.status_code == 201, posted.text
        # whichever process answers, it counts the new source and shares one new version
        etags = {live.client.get("/topics").headers["etag"] for _ in range(12)}
        assert len(etags) == 1 and before not in etags
        assert all(live.client.get("/sources").json()["totalItems"] == 2 for _ in range(12))
    finally:
        live.stop()
    assert _ended(children)  # the engine too
    assert main(["stats", "--store", str(store)]) == 0  # the store is free again


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


def _ended(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _command_line(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
