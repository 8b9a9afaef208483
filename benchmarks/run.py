"""Extraction and ingest throughput, and peak memory: `make bench` writes benchmarks/results.md.

Texts: the twenty annotated development texts, as they are (1–9 KB), and cut to 2 KB and padded
to 10 KB by repeating their sentences, so that both sizes of the targets are measured. Each
figure is for one process on one core: extraction alone (text → findings → RDF), then ingest
end to end (extract + SHACL + store in a fresh on-disk store).
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.extract import extract  # noqa: E402
from graph.ingest import Pipeline  # noqa: E402
from graph.namespaces import DEFAULT_BASE, source_id  # noqa: E402
from graph.ontology import reference_graph, stored_ontology_graph  # noqa: E402
from graph.reference import Reference  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store import open_store  # noqa: E402
from graph.to_rdf import to_rdf  # noqa: E402
from graph.validate import validate  # noqa: E402

TEXTS = sorted((ROOT / "tests" / "data" / "dev" / "texts").glob("*.txt"))
ROUNDS = 3


def sized(text: str, size: int) -> str:
    """The text cut or repeated to about ``size`` bytes of UTF-8, at a line break."""
    out = text
    while len(out.encode()) < size:
        out += "\n" + text
    data = out.encode()[:size].decode("utf-8", errors="ignore")
    return data.rsplit("\n", 1)[0] if "\n" in data else data


def corpus(kind: str) -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text("utf-8")) for p in TEXTS]
    if kind == "as is":
        return texts
    size = {"2 KB": 2048, "5 KB": 5120, "10 KB": 10240}[kind]
    return [(name, sized(text, size)) for name, text in texts]


def extraction_rate(
    texts: list[tuple[str, str]], reference: Reference
) -> tuple[float, float, float]:
    """Texts/s on the first pass (word caches cold for these texts), then over later passes."""
    pipeline = Pipeline(DEFAULT_BASE)
    passes = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for name, text in texts:
            doc = extract(text, name, reference)
            to_rdf(doc, pipeline.ids, reference.is_state)
        passes.append(time.perf_counter() - started)
    megabytes = sum(len(t.encode()) for _, t in texts) / 1e6
    warm = sum(passes[1:]) / (ROUNDS - 1)
    return len(texts) / passes[0], len(texts) / warm, megabytes / warm


def ingest_rate(texts: list[tuple[str, str]]) -> float:
    pipeline = Pipeline(DEFAULT_BASE)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Settings(store=str(Path(folder) / "store")))
        store.replace_reference(stored_ontology_graph(DEFAULT_BASE), reference_graph(DEFAULT_BASE))
        started = time.perf_counter()
        for round_ in range(ROUNDS):
            for name, text in texts:
                item = pipeline.graph_of_text(text, f"{round_}-{name}")
                store.replace_source(source_id(f"{round_}-{name}"), item.graph)
        seconds = time.perf_counter() - started
        store.close()
    return len(texts) * ROUNDS / seconds


def workers_speedup(copies: int = 8) -> list[tuple[str, int, float, float]]:
    """Wall time of ``iisgraph ingest`` and of ``iisgraph extract --format nquads -o DIR``
    over the texts ``copies`` times (renamed), with 1 and 2 worker processes; (what, texts,
    seconds with 1, seconds with 2). Command start-up included, as a user sees it."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        texts = Path(folder) / "texts"
        texts.mkdir()
        for copy in range(copies):
            for path in TEXTS:
                (texts / f"{copy}-{path.name}").write_bytes(path.read_bytes())
        count = copies * len(TEXTS)
        for what, command in (
            ("ingest", ["ingest", str(texts), "--store"]),
            ("extract shards", ["extract", str(texts), "--format", "nquads", "-o"]),
        ):
            seconds = []
            for workers in (1, 2):
                target = str(Path(folder) / f"{what}-{workers}")
                started = time.perf_counter()
                subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "graph.cli",
                        *command,
                        target,
                        "--workers",
                        str(workers),
                    ],
                    cwd=ROOT,
                    check=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                seconds.append(time.perf_counter() - started)
            rows.append((what, count, seconds[0], seconds[1]))
    return rows


def main() -> None:
    reference = Reference.load(DEFAULT_BASE)
    pipeline = Pipeline(DEFAULT_BASE)
    # Warm every cache (lexicons, shapes, morphology) outside the timings.
    for name, text in corpus("as is"):
        item = pipeline.graph_of_text(text, name)
        validate(item.graph, pipeline.types.context_for(item.graph))
    rows = []
    for kind in ("2 KB", "5 KB", "as is", "10 KB"):
        texts = corpus(kind)
        cold, warm, mb = extraction_rate(texts, reference)
        rows.append((kind, cold, warm, mb, ingest_rate(texts)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    parallel = workers_speedup()
    lines = [
        "# Benchmark results",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} on {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, one process (one core), {len(TEXTS)} texts × "
        f"{ROUNDS} rounds. Command: `make bench`.",
        "",
        "| texts | extraction texts/s, first pass | later passes | MB/s | "
        "ingest texts/s (extract+SHACL+store) |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, cold, warm, mb, ingest in rows:
        lines.append(f"| {kind} | {cold:.1f} | {warm:.1f} | {mb:.3f} | {ingest:.1f} |")
    lines += [
        "",
        f"Peak resident memory of the benchmark process: {peak_mb:.0f} MB.",
        "",
        "The first pass over a set meets its words for the first time (the lemma cache is warm",
        "only from the warm-up over the texts as they are); later passes repeat the same texts.",
        "",
        "Targets (issue 3): extraction ≥ 40 texts/s on 2–5 KB texts, ingest ≥ 20 texts/s.",
        "",
        f"## Worker processes ({os.cpu_count()} cores)",
        "",
        "| command | texts | 1 worker | 2 workers | speed-up |",
        "|---|---:|---:|---:|---:|",
    ]
    for what, count, one, two in parallel:
        lines.append(f"| {what} | {count} | {one:.1f} s | {two:.1f} s | {one / two:.2f}× |")
    lines += [
        "",
        "Wall time of the command (start-up included) over the development texts 8 times "
        "(renamed), into a fresh store or shard folder. Extraction and validation run in the "
        "workers; storing (ingest) and writing shards stay in the first process.",
        "",
    ]
    out = ROOT / "benchmarks" / "results.md"
    out.write_text("\n".join(lines), "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
