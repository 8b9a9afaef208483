"""One web process or several sharing the engine: how busy the cores get under 4 clients.

``python benchmarks/workers.py [PATH] [--rounds N] [--requests N]`` serves the cached 1 M store
(``api_load.py``: the store's copy in memory, no response cache) with one web process and then
with a web process a core, in turn, ``--rounds`` times each, and asks ``PATH`` from one client
and then from 4. For each it prints the p50, the requests a second, the CPU a request of the
whole server (web processes and engine, read from ``/proc``) and of the load, and how many of
the cores were busy. One web process runs the Python of its requests one at a time (its
interpreter lock): with 4 clients on 2 cores it kept about 1.5 of them busy. Linux only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time

import httpx
from api_load import WORKERS, ensure_store, free_port, serve, stop
from cpu_split import children, cpu_seconds

ACCEPT = {"Accept": "application/ld+json"}


def tree(pid: int) -> list[int]:
    """``pid`` and every process under it."""
    return [pid, *(p for child in children(pid) for p in tree(child))]


def measure(port: int, pids: list[int], path: str, clients: int, requests: int) -> str:
    """A table row: ``clients`` threads asking ``path`` ``requests`` times each."""
    latencies: list[float] = []

    def client() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=ACCEPT, timeout=60) as c:
            for _ in range(requests):
                started = time.perf_counter()
                c.get(path).raise_for_status()
                latencies.append(time.perf_counter() - started)

    server, load, wall = sum(map(cpu_seconds, pids)), time.process_time(), time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    server = sum(map(cpu_seconds, pids)) - server
    load, wall = time.process_time() - load, time.perf_counter() - wall
    n = len(latencies)
    return (
        f"| {clients} | {statistics.median(latencies) * 1000:.1f} | {n / wall:.1f} "
        f"| {server * 1000 / n:.1f} | {load * 1000 / n:.1f} | {(server + load) / wall:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default="/topics/itu-role/supporters")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--requests", type=int, default=40, help="a client's requests")
    args = parser.parse_args()
    ensure_store()
    print(f"`{args.path}`, {time.strftime('%Y-%m-%d %H:%M')}, load {os.getloadavg()[0]:.1f}\n")
    print(
        "| web processes | clients | p50 ms | req/s | server CPU ms a request "
        "| load CPU ms a request | cores busy |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for _ in range(args.rounds):
        for workers in (1, WORKERS):
            port = free_port()
            server = serve(port, 0, True, workers=workers)
            try:
                pids = tree(server.pid)
                with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=ACCEPT) as c:
                    for _ in range(20):  # warm: the first answers fill the term caches
                        c.get(args.path).raise_for_status()
                for clients in (1, 4):
                    row = measure(port, pids, args.path, clients, args.requests)
                    print(f"| {workers} {row}", flush=True)
            finally:
                stop(server)


if __name__ == "__main__":
    main()
