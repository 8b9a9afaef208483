"""How fast this machine is right now: two fixed workloads timed, to print beside every figure.

The machine the benchmarks run on is shared, and its speed moves by the hour. The same request
paths, same code, took a third more time at some hours than at others (``speed-results.md``,
sessions 11 and 12). A figure without the machine's speed at the time cannot be compared with
another one. So the benchmarks time these two workloads at the start and at the end of a run:

* *Python*: the interpreter's work of a view (dicts, strings, sorting), 30,000 small records;
* *engine*: pyoxigraph answering a grouped query over 20,000 triples in memory.

Each is run 21 times, and the median is given with the fastest run. The machine switches
between a fast and a slow pace within seconds (twice this Python work, run 30 times on
2026-12-07, took ~35 or ~55 ms and flipped six times), so the fastest run says what it can do
and the median which pace held: the Python workload's median is about 14 ms at a fast pace,
23–37 ms at a slow one. The engine workload's store stays in the processor's cache, so it
shows a slow pace less than the engine's walks over a large store do (``speed-results.md``,
thirteenth session). Lower is faster. ``python benchmarks/machine_speed.py`` prints them.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import NamedTuple

import pyoxigraph as ox

RUNS = 21
RECORDS = 30_000
TRIPLES = 20_000
QUERY = (
    "SELECT ?kind (COUNT(?s) AS ?n) (MAX(?v) AS ?top) "
    "WHERE { ?s <https://e.org/kind> ?kind ; <https://e.org/value> ?v } GROUP BY ?kind"
)
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


class Pace(NamedTuple):
    median_ms: float
    fastest_ms: float

    def __str__(self) -> str:
        return f"{self.median_ms:.1f} ms (fastest {self.fastest_ms:.1f})"


class Speed(NamedTuple):
    python: Pace
    engine: Pace

    def __str__(self) -> str:
        return f"Python workload {self.python}, engine workload {self.engine}"


def _timed(work: Callable[[], object]) -> Pace:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return Pace(statistics.median(times), min(times))


def _python_work() -> int:
    records = [
        {"id": f"https://e.org/item/{n}", "kind": f"k{n % 97}", "value": n * 7 % 1009}
        for n in range(RECORDS)
    ]
    grouped: dict[str, list[str]] = {}
    for record in records:
        grouped.setdefault(str(record["kind"]), []).append(str(record["id"]))
    return sum(len(sorted(ids)) for ids in grouped.values())


def _engine_store() -> ox.Store:
    store = ox.Store()
    kind, value = ox.NamedNode("https://e.org/kind"), ox.NamedNode("https://e.org/value")
    store.extend(
        ox.Quad(ox.NamedNode(f"https://e.org/item/{n}"), p, o)
        for n in range(TRIPLES // 2)
        for p, o in (
            (kind, ox.NamedNode(f"https://e.org/kind/{n % 97}")),
            (value, ox.Literal(str(n * 7 % 1009), datatype=ox.NamedNode(XSD_INTEGER))),
        )
    )
    return store


def machine_speed() -> Speed:
    """The two workloads' times on this machine now (milliseconds, lower is faster)."""
    store = _engine_store()
    return Speed(
        _timed(_python_work),
        _timed(lambda: list(store.query(QUERY))),  # type: ignore[arg-type]
    )


if __name__ == "__main__":
    print(machine_speed())
