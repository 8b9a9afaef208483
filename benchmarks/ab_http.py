"""Two versions of the server side by side: is a change faster?

On this kind of machine the speed drifts by a quarter within minutes, so two benchmark runs
made one after the other cannot tell a change of 10 % apart. This script serves the working
tree and another commit at once, each on its own copy of the 1 M store (the engine locks its
directory), with the store's copy in memory and no response cache (every answer computed),
and asks them in turn:

* alone: one request to the old, one to the new, ``--alone`` times each;
* 4 clients: ``--four`` requests from each of 4 threads on one server, then on the other,
  four rounds, the order swapped each round.

It prints p50, mean and p90 of both, per path, and what one request alone cost each server in
CPU, its web process and its engine apart (``cpu_split.py``: with 4 clients on 2 cores, that
CPU bounds the latency from below)::

    python benchmarks/ab_http.py 2be7f38 /topics/itu-role/supporters /states/RUS
    python benchmarks/ab_http.py HEAD~1 sparql:STATE   # a query of api_load.py, by name

The commit is checked out into ``benchmarks/.cache/ab/<commit>`` (a git worktree) and its
framer compiled there when it has a ``setup.py``; the store is the one ``api_load.py`` builds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import api_load  # noqa: E402  (the benchmarks folder is not a package)
from cpu_split import children, cpu_seconds  # noqa: E402

WORKTREES = ROOT / "benchmarks" / ".cache" / "ab"
STORE_COPY = ROOT / "benchmarks" / ".cache" / "store-1m-ab"
ENV = {
    **os.environ,
    "IISGRAPH_STORE_MEMORY": "1",
    "IISGRAPH_RESPONSE_CACHE": "0",
    "IISGRAPH_CLIENT_QUERY_SECONDS": "1000000",  # one address asks everything
    "IISGRAPH_QUERY_TIMEOUT": "120",
    "IISGRAPH_MAX_RESULTS": "100000",
}
SERVE = [sys.executable, "-m", "graph.cli", "serve"]
ACCEPT = "application/ld+json, application/sparql-results+json;q=0.9"


def checkout(commit: str) -> Path:
    """A worktree of ``commit``, its framer compiled when it has one to compile."""
    rev = subprocess.run(
        ["git", "rev-parse", "--short", commit], cwd=ROOT, capture_output=True, text=True
    )
    if rev.returncode != 0:
        raise SystemExit(f"ab_http: no commit {commit!r}: {rev.stderr.strip()}")
    tree = WORKTREES / rev.stdout.strip()
    if not tree.exists():
        WORKTREES.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(tree), commit], cwd=ROOT, check=True
        )
        if (tree / "setup.py").exists():
            subprocess.run(
                [sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
                cwd=tree,
                check=True,
                capture_output=True,
            )
    return tree


def url_of(path: str) -> str:
    """A path as asked: ``sparql:NAME`` is the query ``NAME`` of api_load.py, as a GET."""
    if path.startswith("sparql:"):
        query = getattr(api_load, path.removeprefix("sparql:"))
        return "/sparql?" + urllib.parse.urlencode({"query": query})
    return path


def client(port: int) -> httpx.Client:
    return httpx.Client(
        base_url=f"http://127.0.0.1:{port}", headers={"Accept": ACCEPT}, timeout=120
    )


def figures(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    return f"{statistics.median(ms):.1f} / {statistics.mean(ms):.1f} / {ms[int(len(ms) * 0.9)]:.1f}"


class Measured(NamedTuple):
    """One server's answers to one path: seconds each, alone and with 4 clients, and the CPU
    one request alone cost its web process and its engine (milliseconds)."""

    alone: list[float]
    four: list[float]
    web_cpu_ms: float
    engine_cpu_ms: float


def measure(
    ports: dict[str, int], pids: dict[str, int], url: str, alone_n: int, four_n: int
) -> dict[str, Measured]:
    """Each server's answers to ``url``: alone (one request to each in turn), then with 4
    clients (four rounds, the servers' order swapped each round)."""
    clients = {name: client(port) for name, port in ports.items()}
    for c in clients.values():
        for _ in range(10):  # warm: the first answers fill the term caches
            c.get(url).raise_for_status()
    alone: dict[str, list[float]] = {name: [] for name in ports}
    engines = {name: children(pid) for name, pid in pids.items()}
    cpu = {name: [0.0, 0.0] for name in ports}  # web process, engine: seconds
    for _ in range(alone_n):
        for name, c in clients.items():
            web, engine = cpu_seconds(pids[name]), sum(map(cpu_seconds, engines[name]))
            started = time.perf_counter()
            c.get(url).raise_for_status()
            alone[name].append(time.perf_counter() - started)
            cpu[name][0] += cpu_seconds(pids[name]) - web
            cpu[name][1] += sum(map(cpu_seconds, engines[name])) - engine
    for c in clients.values():
        c.close()
    four: dict[str, list[float]] = {name: [] for name in ports}

    def ask(name: str) -> None:
        with client(ports[name]) as c:
            for _ in range(four_n):
                started = time.perf_counter()
                c.get(url).raise_for_status()
                four[name].append(time.perf_counter() - started)

    for round_ in range(4):
        for name in list(ports)[:: 1 if round_ % 2 == 0 else -1]:
            threads = [threading.Thread(target=ask, args=(name,)) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    return {
        name: Measured(alone[name], four[name], *(s * 1000 / alone_n for s in cpu[name]))
        for name in ports
    }


@contextmanager
def side_by_side(commit: str) -> Iterator[tuple[dict[str, int], dict[str, int]]]:
    """``commit`` and the working tree served at once, each on its own copy of the 1 M store:
    the ports and process ids of ``old (<commit>)`` and ``new (working tree)``."""
    if not api_load.CACHE.exists():
        raise SystemExit(f"ab_http: no store at {api_load.CACHE}: run benchmarks/api_load.py")
    old = checkout(commit)
    shutil.rmtree(STORE_COPY, ignore_errors=True)
    shutil.copytree(api_load.CACHE, STORE_COPY)
    servers = {
        f"old ({commit})": (old, api_load.CACHE, 8791),
        "new (working tree)": (ROOT, STORE_COPY, 8792),
    }
    processes = {
        name: subprocess.Popen(
            [*SERVE, "--store", str(store), "--port", str(port)],
            cwd=tree,  # the tree's own code comes first on the path
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for name, (tree, store, port) in servers.items()
    }
    try:
        for name, (_, _, port) in servers.items():
            api_load.wait_for(f"http://127.0.0.1:{port}/health", processes[name], 900)
        ports = {name: port for name, (_, _, port) in servers.items()}
        yield ports, {name: process.pid for name, process in processes.items()}
    finally:
        for process in processes.values():
            process.terminate()
            process.wait(timeout=60)
        shutil.rmtree(STORE_COPY, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit", help="the old version (a commit, a branch, HEAD~1...)")
    parser.add_argument("paths", nargs="*", default=["/topics/itu-role/supporters", "/states/RUS"])
    parser.add_argument("--alone", type=int, default=120, help="requests alone to each")
    parser.add_argument("--four", type=int, default=20, help="requests of each of 4 clients")
    args = parser.parse_args()
    with side_by_side(args.commit) as (ports, pids):
        print(
            "| path | server | alone p50 / mean / p90 ms | CPU alone, web / engine ms | "
            "4 clients p50 / mean / p90 ms |"
        )
        print("|---|---|---|---|---|")
        for path in args.paths:
            for name, m in measure(ports, pids, url_of(path), args.alone, args.four).items():
                print(
                    f"| {path[:40]} | {name} | {figures(m.alone)} | "
                    f"{m.web_cpu_ms:.1f} / {m.engine_cpu_ms:.1f} | {figures(m.four)} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
