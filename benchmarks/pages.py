"""How long each web page takes to render on the server: the bundled corpus, and the synthetic
store of about a million triples (10,500 instruments) for "usable with 10,000 instruments".

``iisgraph serve`` serves each store with the response cache off (every answer computed, as
for the first visitor after a write); each page is asked for as HTML (a browser's ``Accept``)
once to warm up and then ``ROUNDS`` times in turn. The server's own time comes from the
``Server-Timing`` header the app sends; the size is the HTML sent. Target: under 200 ms on
the bundled corpus.

``make bench`` runs it (after ``api_load.py``, which builds the cached store); results go to
``benchmarks/pages-results.md``.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from api_load import CACHE, ensure_store, free_port, wait_for  # noqa: E402

RESULTS = ROOT / "benchmarks" / "pages-results.md"
ROUNDS = 7
TARGET_MS = 200.0
HTML = {"Accept": "text/html,application/xhtml+xml"}
PAGES = [
    ("home", "/"),
    ("search", "/search?q=%D0%A0%D0%BE%D1%81%D1%81"),  # Росс
    ("topic", "/topics/itu-role"),
    ("supporters", "/topics/itu-role/supporters"),
    ("supporters, period", "/topics/itu-role/supporters?from=2015&to=2020"),
    ("matrix", "/matrix"),
    ("matrix, SCO members on a date", "/matrix?organization=SCO&on=2020-01-01"),
    ("matrix, period", "/matrix?from=2015&to=2020"),
    ("compare 3 states", "/compare?states=RUS,CHN,KAZ"),
    ("timeline", "/timeline"),
    ("timeline, SCO", "/timeline?organization=SCO"),
    ("state", "/states/RUS"),
    ("organization", "/organizations/SCO"),
    ("instrument", "{instrument}"),
    ("meeting", "{meeting}"),
    ("positions of a state on a topic", "/positions?state=RUS&topic=itu-role"),
    ("instruments list", "/instruments"),
    ("states list", "/states"),
    ("Russian: supporters", "/topics/itu-role/supporters?lang=ru"),
    ("SPARQL editor", "/sparql"),
]


def corpus_store(folder: Path) -> Path:
    """The bundled corpus (``corpus/texts``) ingested into a fresh store."""
    path = folder / "corpus-store"
    texts = str(ROOT / "corpus" / "texts")
    subprocess.run(
        [sys.executable, "-m", "graph.cli", "ingest", texts, "--store", str(path)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return path


def serve(store: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "IISGRAPH_RESPONSE_CACHE": "0", "IISGRAPH_QUERY_TIMEOUT": "120"}
    command = [sys.executable, "-m", "graph.cli", "serve", "--store", str(store)]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # an older store gets this version's reference data first: that can take a while
    wait_for(f"http://127.0.0.1:{port}/health", server, 900)
    return server


def first_item(client: httpx.Client, path: str, route: str) -> str:
    """The page of the first item of a list (its IRI's key under ``route``)."""
    body = client.get(path, params={"per_page": 1}).json()
    items = body.get("items", [])
    item = items[0] if isinstance(items, list) else items
    key = str(item["id"]).rsplit("/", 1)[-1]
    kind = str(item["id"]).rsplit("/", 2)[-2]
    return f"/{'agreements' if kind == 'agreement' else route}/{key}"


def richest_instrument(client: httpx.Client) -> str:
    """The page of the instrument with the most positions (its source texts highlighted)."""
    query = (
        "PREFIX iis: <https://w3id.org/iisgraph/ontology#> SELECT ?i (COUNT(?p) AS ?n) "
        "WHERE { ?p iis:statedIn ?i } GROUP BY ?i ORDER BY DESC(?n) ?i LIMIT 1"
    )
    rows = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    iri = rows.text.splitlines()[1].split(",")[0]
    kind, key = iri.rsplit("/", 2)[-2:]
    return f"/{'agreements' if kind == 'agreement' else 'instruments'}/{key}"


def server_ms(response: httpx.Response) -> float:
    found = re.search(r"app;dur=([0-9.]+)", response.headers.get("server-timing", ""))
    if not found:
        raise RuntimeError(f"{response.url}: no Server-Timing header")
    return float(found.group(1))


def measure(store: Path) -> list[dict[str, object]]:
    port = free_port()
    server = serve(store, port)
    rows: list[dict[str, object]] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            known = {
                "instrument": richest_instrument(client),
                "meeting": first_item(client, "/meetings", "meetings"),
            }
            for name, template in PAGES:
                path = template.format(**known)
                warm = client.get(path, headers=HTML)
                if warm.status_code != 200:
                    raise RuntimeError(f"{path}: {warm.status_code} {warm.text[:300]}")
                times = [server_ms(client.get(path, headers=HTML)) for _ in range(ROUNDS)]
                rows.append(
                    {
                        "page": name,
                        "path": path,
                        "p50": statistics.median(times),
                        "max": max(times),
                        "kb": len(warm.content) / 1024,
                    }
                )
                print(f"  {name}: {statistics.median(times):.0f} ms", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return rows


def table(rows: list[dict[str, object]], target: float | None) -> list[str]:
    lines = [
        "| page | path | p50 ms | max ms | HTML KB |" + (" < 200 ms |" if target else ""),
        "|---|---|---:|---:|---:|" + ("---|" if target else ""),
    ]
    for r in rows:
        mark = ""
        if target:
            mark = " yes |" if float(str(r["p50"])) < target else " **no** |"
        lines.append(
            f"| {r['page']} | `{r['path']}` | {float(str(r['p50'])):.1f} | "
            f"{float(str(r['max'])):.1f} | {float(str(r['kb'])):.0f} |{mark}"
        )
    return lines


def main() -> None:
    started = time.strftime("%Y-%m-%d %H:%M")
    with tempfile.TemporaryDirectory() as folder:
        print("bundled corpus", file=sys.stderr, flush=True)
        small = measure(corpus_store(Path(folder)))
    print("synthetic store", file=sys.stderr, flush=True)
    size, built = ensure_store()
    with tempfile.TemporaryDirectory() as folder:
        # served from a copy: the cached store stays as the load benchmark built it
        copy = Path(folder) / "store"
        shutil.copytree(CACHE, copy)
        large = measure(copy)
    slow = [r["page"] for r in small if float(str(r["p50"])) >= TARGET_MS]
    out = [
        "# Page render times",
        "",
        f"Run {started} on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()} (`python benchmarks/pages.py`, part of `make bench`).",
        "Server time from the app's `Server-Timing` header (arrival of the request to the start of",
        f"the answer), response cache off, p50 and max of {ROUNDS} requests after a warm-up.",
        "",
        "## Bundled corpus (`corpus/texts`)",
        "",
        *table(small, TARGET_MS),
        "",
        "All pages under 200 ms." if not slow else f"Over 200 ms: {', '.join(map(str, slow))}.",
        "",
        f"## Synthetic store: {size:,} quads, about 10,500 instruments",
        "",
        f"The store of `api_load.py` ({built}). Every list is paged, every entity page shows",
        "its latest items with counts and links to the rest.",
        "",
        *table(large, None),
        "",
        "Over 1 s: "
        + (", ".join(str(r["page"]) for r in large if float(str(r["p50"])) >= 1000) or "none")
        + ".",
        "",
    ]
    RESULTS.write_text("\n".join(out), encoding="utf-8")
    print(RESULTS.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
