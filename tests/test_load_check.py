"""A bounded load check on loopback: one client sends the patterns that used to take the
engine down (thousands of nested groups, twenty thousand OR terms) and a query that runs past
the time limit, while another asks for health, runs simple queries and stores and deletes
sources. The other client sees no failure at all; the attacker gets 400s and 503s.
"""

from __future__ import annotations

import collections
import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.ingest import Pipeline
from graph.namespaces import DEFAULT_BASE
from graph.settings import Settings
from graph.store import open_store
from tests.conftest import SEED_TEXTS, LiveServer

pytestmark = pytest.mark.slow

NESTED = "SELECT * WHERE " + "{" * 5_000 + " ?s ?p ?o " + "}" * 5_000
ORS = "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(f"?o={i}" for i in range(20_000)) + ") }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SIMPLE = "SELECT ?s WHERE { ?s a <https://w3id.org/iisgraph/ontology#State> } LIMIT 5"
TEXT = "Россия и Китай выступают за повышение роли Международного союза электросвязи."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path: Path = tmp_path_factory.mktemp("load") / "store"
    store = open_store(Settings(store=str(path)))
    Pipeline(DEFAULT_BASE).ingest(store, SEED_TEXTS)
    store.close()
    del store
    gc.collect()  # the on-disk store's lock goes with the last reference to it
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IISGRAPH_QUERY_TIMEOUT", "1")
        env.setenv("IISGRAPH_WRITE_TOKEN", "load")
        live = LiveServer(path)
    yield live
    live.stop()


def test_crash_and_runaway_patterns_cost_the_other_clients_nothing(server: LiveServer) -> None:
    seen: collections.Counter[str] = collections.Counter()
    lock = threading.Lock()

    def count(what: str) -> None:
        with lock:
            seen[what] += 1

    def attacker() -> None:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            for query in [NESTED, ORS, RUNAWAY] * 8:
                answer = client.post("/sparql", data={"query": query})
                count(f"attack {answer.status_code}")

    def reader() -> None:
        with httpx.Client(base_url=server.url, timeout=60) as client:
            for _ in range(60):
                try:
                    count(f"health {client.get('/health').status_code}")
                    answer = client.get(
                        "/sparql", params={"query": SIMPLE}, headers={"Accept": "text/csv"}
                    )
                    count(f"query {answer.status_code}")
                except httpx.HTTPError as exc:
                    count(f"reader {type(exc).__name__}")

    def writer() -> None:
        auth = {"Authorization": "Bearer load"}
        with httpx.Client(base_url=server.url, timeout=60) as client:
            for i in range(6):
                stored = client.post(
                    "/sources",
                    params={"name": f"load{i}.txt"},
                    content=f"{TEXT} Заявление {i}.".encode(),
                    headers={**auth, "Content-Type": "text/plain"},
                )
                count(f"write {stored.status_code}")
                count(f"delete {client.delete(f'/sources/load{i}', headers=auth).status_code}")

    threads = [threading.Thread(target=f) for f in (attacker, reader, writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {k: v for k, v in seen.items() if not k.startswith("attack")} == {
        "health 200": 60,
        "query 200": 60,
        "write 201": 6,
        "delete 204": 6,
    }, seen
    assert seen["attack 400"] == 16  # refused before the engine: nesting, terms
    assert seen["attack 503"] == 8  # stopped at the time limit, the engine restarted
