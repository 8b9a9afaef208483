"""The whole path: `iisgraph ingest` of real texts into a fresh store, `iisgraph serve`, ask over
HTTP. The ITU question is asked over the five founding texts (corpus/texts/00*.txt), whose answer
is known exactly; the whole bundled corpus is ingested and re-ingested too."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from tests.conftest import ITU_SUPPORTERS, ROOT, LiveServer

pytestmark = pytest.mark.slow


def iisgraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


SEEDS = sorted((ROOT / "corpus" / "texts").glob("00*.txt"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    store = tmp_path_factory.mktemp("e2e") / "store"
    assert len(SEEDS) == 5
    done = iisgraph("ingest", *map(str, SEEDS), "--store", str(store))
    assert done.returncode == 0, done.stderr
    live = LiveServer(store)
    yield live
    live.stop()


ITU_SUPPORTERS_QUERY = """
PREFIX iis: <https://w3id.org/iisgraph/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?code ?instrument ?date ?quote ?source ?namedInText ?viaOrganization WHERE {
  ?position iis:topic <https://w3id.org/iisgraph/id/topic/itu-role> ;
            iis:stance <https://w3id.org/iisgraph/id/stance/supports> ;
            iis:statedIn ?instrument ;
            iis:evidence ?evidence .
  ?evidence oa:hasSource ?source ; oa:hasSelector/oa:exact ?quote .
  ?instrument iis:qualifiedHolding ?holding .
  ?holding iis:holdingState/iis:publicId ?code ; iis:namedInText ?namedInText .
  OPTIONAL { ?instrument dcterms:date ?date }
  OPTIONAL { ?holding iis:viaMembership/org:organization/iis:publicId ?viaOrganization }
}"""


def test_sparql_answers_which_states_support_an_expanded_itu_role(server: LiveServer) -> None:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(ITU_SUPPORTERS_QUERY)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert isinstance(result, dict), result
    rows = result["results"]["bindings"]
    by_state: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_state.setdefault(row["code"]["value"], []).append(
            {k: v["value"] for k, v in row.items()}
        )
    assert sorted(by_state) == ITU_SUPPORTERS, json.dumps(rows, ensure_ascii=False)[:2000]
    texts = {p.stem: p.read_text("utf-8") for p in (ROOT / "corpus" / "texts").glob("*.txt")}
    for code, evidence in by_state.items():
        for row in evidence:
            assert row["instrument"], code
            source = row["source"].rsplit("/", 1)[-1]
            assert row["quote"] in texts[source], f"{code}: quote not verbatim in {source}"
    # China is bound through the SCO statement of 2020-11-10, not named in it.
    china = by_state["CHN"]
    assert {r["namedInText"] for r in china} == {"false"}
    assert {r.get("viaOrganization") for r in china} == {"SCO"}
    assert {r["date"] for r in china} == {"2020-11-10"}
    # Russia and Uzbekistan are named in their joint statement.
    assert "true" in {r["namedInText"] for r in by_state["UZB"]}


def test_health_reports_the_ingested_sources(server: LiveServer) -> None:
    body = server.client.get("/health").json()
    assert body["status"] == "ok"
    assert body["sources"] == len(SEEDS)


def test_by_default_a_server_reads_a_store_that_fits_from_its_copy_in_memory(
    server: LiveServer,
) -> None:
    deadline = time.monotonic() + 60
    reads = server.client.get("/health").json()["reads"]
    while reads == "disk-until-copied" and time.monotonic() < deadline:
        time.sleep(0.1)
        reads = server.client.get("/health").json()["reads"]
    assert reads == "memory"


def test_reingesting_the_corpus_is_idempotent(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = iisgraph("ingest", str(ROOT / "corpus" / "texts"), "--store", str(store))
    assert first.returncode == 0, first.stderr
    dump_before = iisgraph("export", "--format", "nquads", "--store", str(store)).stdout
    again = iisgraph("ingest", str(ROOT / "corpus" / "texts"), "--store", str(store))
    assert again.returncode == 0, again.stderr
    assert "0 changed" in again.stderr
    dump_after = iisgraph("export", "--format", "nquads", "--store", str(store)).stdout
    assert sorted(dump_before.splitlines()) == sorted(dump_after.splitlines())
