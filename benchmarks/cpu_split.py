"""Where a computed answer's CPU goes: the server's web process and its engine process apart.

``python benchmarks/cpu_split.py [--requests N] [paths...]`` serves the cached 1 M store as
``api_load.py`` does (the store's copy in memory, no response cache), asks each path ``N``
times from one client, and reads both processes' CPU time from ``/proc`` before and after.

Latency alone cannot say how a view behaves under load: with 4 clients on 2 cores a request
waits for the CPU the others use, so the CPU a request costs bounds the 4-client p50 from
below (4 × CPU ÷ 2 cores), however many threads or processes serve it. The web process's
share is also what its interpreter lock serialises. Prints a Markdown table; Linux only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import httpx
from api_load import ensure_store, free_port, serve, stop
from machine_speed import machine_speed

PATHS = ("/topics/itu-role/supporters", "/states/RUS", "/topics", "/matrix?from=2015&to=2020")
CORES = 2  # the machine the targets are set for
CLIENTS = 4


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the server's engine)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=list(PATHS))
    parser.add_argument("--requests", type=int, default=150, help="requests to each path")
    args = parser.parse_args()
    ensure_store()
    before = machine_speed()
    port = free_port()
    server = serve(port, 0, True, workers=1)  # one web process: its CPU and the engine's apart
    engines = children(server.pid)
    rows = []
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}",
            # JSON-LD from a view, SPARQL's JSON results from /sparql?query=...
            headers={"Accept": "application/ld+json, application/sparql-results+json;q=0.9"},
            timeout=120,
        ) as client:
            for path in args.paths:
                for _ in range(10):  # warm: the first answers read the store's pages
                    client.get(path).raise_for_status()
                web, engine = cpu_seconds(server.pid), sum(map(cpu_seconds, engines))
                latencies = []
                for _ in range(args.requests):
                    started = time.perf_counter()
                    client.get(path).raise_for_status()
                    latencies.append(time.perf_counter() - started)
                web = (cpu_seconds(server.pid) - web) * 1000 / args.requests
                engine = (sum(map(cpu_seconds, engines)) - engine) * 1000 / args.requests
                p50 = statistics.median(latencies) * 1000
                rows.append((path, p50, web, engine))
                print(f"{path}: {p50:.1f} ms", file=sys.stderr, flush=True)
    finally:
        stop(server)
    print(f"Run {time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.1f}, ")
    print(f"{args.requests} requests a path from one client. The machine's pace (lower is")
    print(f"faster): before, {before}; after, {machine_speed()}.\n")
    print(
        "| path | p50 alone ms | web process CPU ms | engine CPU ms | "
        f"{CLIENTS}-client floor ms ({CLIENTS} × CPU ÷ {CORES} cores) |"
    )
    print("|---|---:|---:|---:|---:|")
    for path, p50, web, engine in rows:
        floor = CLIENTS * (web + engine) / CORES
        print(f"| `{path}` | {p50:.1f} | {web:.1f} | {engine:.1f} | {floor:.0f} |")


if __name__ == "__main__":
    main()
