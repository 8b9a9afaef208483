"""A runaway query against the served store: is it stopped in time, and do other clients wait?

The store (the corpus with its reference data) runs in its engine process, as `iisgraph serve`
runs it. Four client threads ask a small query over and over; one second in, a fifth sends a
query that would run for hours, with a two-second limit. The figures: when the runaway was
stopped, whether its process is gone (its CPU freed), and the other clients' latencies before,
while and after it ran. `make bench` writes benchmarks/runaway-results.md.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.errors import QueryTimeout  # noqa: E402
from graph.ingest import Pipeline, text_files  # noqa: E402
from graph.namespaces import DEFAULT_BASE, Ids  # noqa: E402
from graph.store.process import ProcessStore  # noqa: E402

LIMIT = 2.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LIGHT = (
    "PREFIX iis: <https://w3id.org/iisgraph/ontology#> "
    "SELECT ?p ?t WHERE { ?p a iis:Position ; iis:topic ?t } LIMIT 20"
)
CLIENTS = 4


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = ProcessStore(str(Path(folder) / "store"), Ids(DEFAULT_BASE))
        Pipeline(DEFAULT_BASE).ingest(store, text_files([ROOT / "corpus" / "texts"]))
        samples: list[tuple[float, float]] = []  # (start, seconds)
        errors: list[str] = []
        stop = threading.Event()

        def client() -> None:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    store.select(LIGHT)
                except Exception as exc:  # counted and reported, not raised
                    errors.append(type(exc).__name__)
                samples.append((started, time.perf_counter() - started))

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        origin = time.perf_counter()
        for t in threads:
            t.start()
        time.sleep(1.0)
        pid = store.engine_pid
        sent = time.perf_counter()
        try:
            store.query_serialized(RUNAWAY, "application/sparql-results+json", timeout=LIMIT)
            outcome = "answered (not a runaway on this machine)"
        except QueryTimeout:
            outcome = "stopped with QueryTimeout"
        stopped_after = time.perf_counter() - sent
        gone = not os.path.exists(f"/proc/{pid}")
        time.sleep(2.0)
        stop.set()
        for t in threads:
            t.join()
        store.close()

    def window(a: float, b: float) -> list[float]:
        return [s for start, s in samples if a <= start - origin < b]

    before = window(0.0, 1.0)
    during = window(1.0, 1.0 + stopped_after)
    after = window(1.0 + stopped_after, 99.0)
    rows = [("before", before), ("while it ran and was stopped", during), ("after", after)]
    lines = [
        "# Runaway query benchmark",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')}: the corpus in the engine process, {CLIENTS} "
        f"client threads asking a small query, one runaway query with a {LIMIT:g} s limit. "
        "Command: `make bench`.",
        "",
        f"- The runaway query was {outcome} {stopped_after:.2f} s after it was sent; "
        f"its engine process {'is gone (CPU freed)' if gone else 'is STILL RUNNING'}.",
        f"- Failed requests of the other clients: {len(errors)}.",
        "",
        "| other clients' requests | count | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, values in rows:
        lines.append(
            f"| {name} | {len(values)} | {1000 * statistics.median(values or [0]):.1f} | "
            f"{1000 * percentile(values, 0.95):.1f} | {1000 * max(values or [0]):.1f} |"
        )
    lines += [
        "",
        "Target (issue 4): the runaway is stopped at its limit and no other client waits longer",
        f"than the limit ({LIMIT:g} s): the longest wait is the engine's restart.",
        "",
    ]
    out = ROOT / "benchmarks" / "runaway-results.md"
    out.write_text("\n".join(lines), "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
