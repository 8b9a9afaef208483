"""The same graph of about a million triples on each backend: the embedded store, Oxigraph
server and Virtuoso 7, in one run.

For each backend, from empty:

1. **Bulk load**: the synthetic corpus (``benchmarks/synthetic.py``, about 9,900 sources,
   880,000 source triples, written once as N-Quads shards of 1,000 sources into
   ``benchmarks/.cache/shards-1m``) put in by the backend's own loader (``oxigraph load``;
   Oxigraph server's ``POST /store``; Virtuoso's ``ld_dir`` + ``rdf_loader_run``), then
   ``iisgraph derive`` (reference data, every holder and tally): docs/remote-store.md.
2. **Ingest into the full store**: 1,000 more synthetic sources stored through iisgraph
   (``replace_sources``, ``BATCH`` per request on a server; one per transaction embedded),
   each with its holders and tallies kept right; then the 20 real texts of the development
   set extracted, validated and stored with ``--workers 2``.
3. **Curated queries**: ``iisgraph serve`` on the store (response cache off, so every answer
   is computed), each endpoint asked once to warm up and ``ROUNDS`` times more: the server's
   own time (``Server-Timing``), p50 and max.

``make bench`` runs it; results go to ``benchmarks/backends-results.md``. A backend whose
server is not installed is reported as skipped.
"""

from __future__ import annotations

import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from api_load import free_port, wait_for  # noqa: E402
from pages import richest_instrument, server_ms  # noqa: E402
from rdflib.namespace import RDF  # noqa: E402
from synthetic import documents  # noqa: E402

from graph.ingest import Extracted, Failure, store_all, text_files  # noqa: E402
from graph.namespaces import DEFAULT_BASE, Ids, T  # noqa: E402
from graph.ontology import reference_graph  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.shards import nquads  # noqa: E402
from graph.store import Store, open_store  # noqa: E402
from graph.to_rdf import to_rdf  # noqa: E402
from tests.sparql_servers import (  # noqa: E402
    SparqlServer,
    oxigraph_bulk_load,
    start_oxigraph,
    start_virtuoso,
    virtuoso_bulk_load,
)

SHARDS = ROOT / "benchmarks" / ".cache" / "shards-1m"
RESULTS = ROOT / "benchmarks" / "backends-results.md"
SOURCE_TRIPLES = 880_000  # with reference data, holders and tallies: about a million
PER_SHARD = 1000
MORE = 1000  # sources stored through iisgraph into the full store
BATCH = 10
MORE_SECONDS = 240.0  # a slower backend stores fewer of the MORE in that time
ROUNDS = 7
OXIGRAPH = Path(sys.executable).with_name("oxigraph")
DEV_TEXTS = ROOT / "tests" / "data" / "dev" / "texts"
JSONLD = {"Accept": "application/ld+json"}
ENDPOINTS = [
    ("supporters of a topic", "/topics/itu-role/supporters"),
    ("supporters, period", "/topics/itu-role/supporters?from=2015&to=2020"),
    ("a state", "/states/RUS"),
    ("an organization", "/organizations/SCO"),
    ("an instrument", "{instrument}"),
    ("topics (tallies)", "/topics"),
    ("states (tallies)", "/states"),
    ("instruments list", "/instruments"),
    ("matrix", "/matrix"),
    ("named query states-supporting-topic", "/queries/states-supporting-topic?topic=itu-role"),
    ("named query members-on-date", "/queries/members-on-date?organization=SCO&date=2020-11-10"),
]
RESULTS_JSON = {"Accept": "application/sparql-results+json"}


@dataclass
class Run:
    backend: str
    skipped: str = ""
    quads_loaded: int = 0
    load_s: float = 0.0
    derive_s: float = 0.0
    quads: int = 0
    more: int = 0
    more_s: float = 0.0
    more_triples: int = 0
    texts: int = 0
    texts_s: float = 0.0
    latencies: list[tuple[str, float, float]] = field(default_factory=list)


def synthetic_graphs() -> Iterator[Extracted]:
    ids = Ids(DEFAULT_BASE)
    reference = reference_graph(DEFAULT_BASE)

    def is_state(code: str) -> bool:
        return (ids.state(code), RDF.type, T.State) in reference

    for doc in documents():
        yield Extracted(doc.source.removesuffix(".txt"), to_rdf(doc, ids, is_state))


def ensure_shards() -> tuple[list[Path], list[Extracted], int]:
    """The shards of the corpus (written once), the sources that come after them, and the
    number of quads the shards hold."""
    ids = Ids(DEFAULT_BASE)
    graphs = synthetic_graphs()
    marker = SHARDS / "complete"
    if not marker.exists():
        shutil.rmtree(SHARDS, ignore_errors=True)
        SHARDS.mkdir(parents=True)
        total, index = 0, 0
        while total < SOURCE_TRIPLES:
            items = [next(graphs) for _ in range(PER_SHARD)]
            total += sum(len(i.graph) for i in items)
            (SHARDS / f"shard-{index:05d}.nq").write_bytes(nquads(ids, items))
            index += 1
        marker.write_text(f"{index * PER_SHARD} {total}\n")
    sources, quads = (int(n) for n in marker.read_text().split())
    for _ in range(sources):
        next(graphs)
    more = [next(graphs) for _ in range(MORE)]
    return sorted(SHARDS.glob("*.nq")), more, quads


def iisgraph(*args: str, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "graph.cli", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def environment(server: SparqlServer | None) -> dict[str, str]:
    env = {
        **os.environ,
        "IISGRAPH_RESPONSE_CACHE": "0",
        "IISGRAPH_QUERY_TIMEOUT": "120",
        "IISGRAPH_MAX_RESULTS": "1000000",  # every quote behind the supporters: 10,000+ rows
    }
    if server is not None and server.user and server.password:
        env |= {"IISGRAPH_STORE_USER": server.user, "IISGRAPH_STORE_PASSWORD": server.password}
    return env


def settings(location: str, server: SparqlServer | None) -> Settings:
    if server is None:
        return Settings(store=location)
    return Settings(store=location, store_user=server.user, store_password=server.password)


def bulk_load(backend: str, location: str, server: SparqlServer | None, shards: list[Path]) -> None:
    if backend == "embedded":
        for shard in shards:
            subprocess.run(
                [OXIGRAPH, "load", "--location", location, "--file", shard],
                check=True,
                capture_output=True,
            )
    elif backend == "oxigraph":
        assert server is not None
        oxigraph_bulk_load(server, shards)
    else:
        assert server is not None and server.folder is not None
        readable = server.folder / "shards"  # Virtuoso reads only from its DirsAllowed
        shutil.copytree(SHARDS, readable, ignore=shutil.ignore_patterns("complete"))
        errors = virtuoso_bulk_load(server, readable)
        if errors:
            raise RuntimeError(f"Virtuoso's loader: {errors}")


def stored_more(store: Store, more: list[Extracted], batch: int) -> tuple[int, float]:
    """Store the sources ``batch`` at a time for at most ``MORE_SECONDS``; (how many were
    stored, seconds)."""
    started = time.perf_counter()
    done = 0
    for start in range(0, len(more), batch):
        outcomes = store_all(store, more[start : start + batch], batch=batch)
        failed = [o for o in outcomes if isinstance(o, Failure)]
        if failed:
            raise RuntimeError(f"{len(failed)} sources not stored: {failed[0]}")
        done += len(outcomes)
        if time.perf_counter() - started > MORE_SECONDS:
            break
    return done, time.perf_counter() - started


def latencies(location: str, server: SparqlServer | None) -> list[tuple[str, float, float]]:
    port = free_port()
    command = [sys.executable, "-m", "graph.cli", "serve", "--store", location]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=ROOT,
        env=environment(server),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        wait_for(f"http://127.0.0.1:{port}/health", process, 300)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            known = {"instrument": richest_instrument(client)}
            for name, template in ENDPOINTS:
                path = template.format(**known)
                accept = RESULTS_JSON if path.startswith("/queries/") else JSONLD
                warm = client.get(path, headers=accept)
                if warm.status_code != 200:
                    raise RuntimeError(f"{path}: {warm.status_code} {warm.text[:300]}")
                times = [server_ms(client.get(path, headers=accept)) for _ in range(ROUNDS)]
                rows.append((name, statistics.median(times), max(times)))
                print(f"    {name}: {statistics.median(times):.0f} ms", file=sys.stderr)
    finally:
        process.terminate()
        process.wait(timeout=60)
    return rows


def measure(backend: str, shards: list[Path], more: list[Extracted], quads: int) -> Run:
    run = Run(backend, quads_loaded=quads)
    folder = Path(tempfile.mkdtemp(prefix=f"iisgraph-bench-{backend}-"))
    server: SparqlServer | None = None
    try:
        if backend == "embedded":
            if not OXIGRAPH.exists():
                return Run(backend, skipped="the oxigraph command is not installed")
            location = str(folder / "store")
        else:
            start = start_oxigraph if backend == "oxigraph" else start_virtuoso
            try:
                server = start(folder)
            except pytest.skip.Exception as exc:
                return Run(backend, skipped=str(exc))
            location = server.store
        print(f"  {backend}: bulk load", file=sys.stderr)
        started = time.perf_counter()
        bulk_load(backend, location, server, shards)
        run.load_s = time.perf_counter() - started
        print(f"  {backend}: derive", file=sys.stderr)
        run.derive_s = iisgraph("derive", "--store", location, env=environment(server))

        print(f"  {backend}: {MORE} more sources", file=sys.stderr)
        store = open_store(settings(location, server))
        try:
            run.more, run.more_s = stored_more(store, more, BATCH if server else 1)
            run.more_triples = sum(len(i.graph) for i in more[: run.more])
        finally:
            store.close()
            del store
            gc.collect()  # pyoxigraph lets go of the store's lock only when it is collected
        print(f"    {run.more_s:.1f} s", file=sys.stderr)
        texts = text_files([DEV_TEXTS])
        run.texts = len(texts)
        print(f"  {backend}: {len(texts)} real texts", file=sys.stderr)
        run.texts_s = iisgraph(
            "ingest",
            str(DEV_TEXTS),
            "--store",
            location,
            "--workers",
            "2",
            "--batch",
            "10",
            env=environment(server),
        )
        counted = open_store(settings(location, server))
        run.quads = counted.triple_count()
        counted.close()
        del counted
        gc.collect()
        print(f"  {backend}: curated queries", file=sys.stderr)
        run.latencies = latencies(location, server)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return run


def write_results(runs: list[Run], wall: float) -> None:
    done = [r for r in runs if not r.skipped]
    lines = [
        "# Backends: embedded, Oxigraph server, Virtuoso",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, in {wall / 60:.0f} min. "
        "Command: `make bench` (`python benchmarks/backends.py`). Virtuoso: Debian's "
        "virtuoso-opensource-7-bin with the test suite's settings (`tests/sparql_servers.py`: "
        "20,000 buffers); Oxigraph server: the `oxigraph` package (same engine as the embedded "
        "store, over HTTP).",
        "",
        "## Loading about a million triples",
        "",
        "| backend | bulk load (own loader) | quads/s | `iisgraph derive` | "
        f"more sources through iisgraph (≤ {MORE}, ≤ {MORE_SECONDS:.0f} s) | "
        "sources/s | triples/s | "
        "20 real texts, 2 workers | texts/s | quads in the end |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in done:
        lines.append(
            f"| {r.backend} | {r.load_s:.1f} s | {r.quads_loaded / r.load_s:,.0f} | "
            f"{r.derive_s:.1f} s | {r.more} in {r.more_s:.1f} s | {r.more / r.more_s:.1f} | "
            f"{r.more_triples / r.more_s:,.0f} | {r.texts_s:.1f} s | "
            f"{r.texts / r.texts_s:.1f} | {r.quads:,} |"
        )
    lines += [
        "",
        f"The bulk load puts {done[0].quads_loaded:,} source quads in "
        f"({len(list(SHARDS.glob('*.nq')))} shards of {PER_SHARD} sources) by each backend's own "
        "loader; `iisgraph derive` then loads the ontology and reference data and derives every "
        "holder and tally. The more sources go through iisgraph into the full store, each "
        f"replacing its graph and moving its holders and tallies ({BATCH} sources per update "
        "request to a server, one transaction each embedded). The real texts time includes "
        "starting the command, extraction and SHACL validation (`--workers 2 --batch 10`)."
        if done
        else "No backend ran.",
        "",
        "## Curated queries on the full store (server time, ms)",
        "",
        "| endpoint | " + " | ".join(f"{r.backend} p50 | max" for r in done) + " |",
        "|---|" + "---:|---:|" * len(done),
    ]
    for index, (name, _) in enumerate(ENDPOINTS):
        cells = " | ".join(
            f"{r.latencies[index][1]:.0f} | {r.latencies[index][2]:.0f}" for r in done
        )
        lines.append(f"| {name} | {cells} |")
    lines += [
        "",
        "Each endpoint as JSON-LD (the named queries as SPARQL JSON results), once to warm up "
        f"and {ROUNDS} times measured, response cache "
        "off (`IISGRAPH_RESPONSE_CACHE=0`): with it on, a repeated question is answered from "
        "memory on every backend. `states-supporting-topic` lists every quote behind every "
        "supporter (more rows than the default `IISGRAPH_MAX_RESULTS` of 10,000 at this size, "
        "raised for the run); the curated supporters view pages them.",
    ]
    for r in runs:
        if r.skipped:
            lines.append(f"\n{r.backend}: skipped ({r.skipped}).")
    RESULTS.write_text("\n".join(lines) + "\n")


def main() -> None:
    started = time.perf_counter()
    print("backends: shards of the synthetic corpus", file=sys.stderr)
    shards, more, quads = ensure_shards()
    chosen = sys.argv[1:] or ["embedded", "oxigraph", "virtuoso"]
    runs = [measure(backend, shards, more, quads) for backend in chosen]
    write_results(runs, time.perf_counter() - started)
    print(RESULTS.read_text())


if __name__ == "__main__":
    main()
