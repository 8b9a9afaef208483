"""N-Quads shards: extracted and validated sources in files a bulk loader takes.

``iisgraph extract --format nquads -o DIR`` cuts the texts (in the order given) into runs of
``per_shard`` and writes each run's sources that pass the shapes to one file,
``DIR/{prefix}-00000.nq``, each source in the named graph the store keeps it in. A shard is
written whole (a temporary file renamed into place) and a run whose shard is already there is
skipped, so a batch job that stopped goes on where it stopped when started again; machines
sharing a corpus take a slice of it each, with a prefix of their own.

``iisgraph load`` reads shards back, checks and validates every source, and stores them as
``ingest`` does; a server's own bulk loader followed by ``iisgraph derive`` is the fast path
for millions of sources (docs/remote-store.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.exceptions import ParserError

from graph.errors import BadInput, IisgraphError
from graph.ingest import Extracted, Failure, Pipeline, extracted_in_parallel
from graph.namespaces import Ids

SUFFIX = ".nq"
_SOURCE_ID = re.compile(r"[A-Za-z0-9._~-]+")  # what graph.namespaces.source_id makes


@dataclass(frozen=True)
class Shard:
    """One written (or kept) shard: its file, the texts of its run, the sources it holds."""

    path: Path
    texts: int
    sources: int
    kept: bool = False  # written by an earlier run and left as it was


def shard_path(folder: Path, prefix: str, index: int) -> Path:
    return folder / f"{prefix}-{index:05d}{SUFFIX}"


def shard_files(paths: Iterable[str | Path]) -> list[Path]:
    """The shard files named, folders expanded to their ``*.nq`` (sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(path.glob(f"*{SUFFIX}")))
        elif path.is_file():
            out.append(path)
        else:
            raise BadInput(f"{path}: no such file or folder")
    return out


def nquads(ids: Ids, items: Iterable[Extracted]) -> bytes:
    """The sources as N-Quads, each in its source graph."""
    dataset = Dataset()
    for item in items:
        target = dataset.graph(ids.source_graph(item.source_id))
        for triple in item.graph:
            target.add(triple)
    return dataset.serialize(format="nquads", encoding="utf-8")


def write_shards(
    pipeline: Pipeline,
    texts: Sequence[Path],
    folder: Path,
    *,
    per_shard: int = 1000,
    prefix: str = "shard",
    workers: int = 1,
    on_failure: Callable[[Failure], None] | None = None,
) -> Iterator[Shard]:
    """Extract and validate ``texts`` into shards in ``folder``; yields each shard as it is
    written (or found written). A text that fails is reported and left out of its shard."""
    if per_shard < 1:
        raise BadInput("a shard holds at least one text")
    folder.mkdir(parents=True, exist_ok=True)
    runs = [list(texts[i : i + per_shard]) for i in range(0, len(texts), per_shard)]
    missing = {i for i in range(len(runs)) if not shard_path(folder, prefix, i).exists()}
    todo = [path for i in sorted(missing) for path in runs[i]]
    items = (
        pipeline.graphs(todo)
        if workers <= 1
        else extracted_in_parallel(pipeline.ids.base, todo, workers)
    )
    for index, run in enumerate(runs):
        target = shard_path(folder, prefix, index)
        if index not in missing:
            yield Shard(target, len(run), 0, kept=True)
            continue
        passed: list[Extracted] = []
        for _ in run:
            item = next(items)
            if isinstance(item, Failure):
                if on_failure is not None:
                    on_failure(item)
            else:
                passed.append(item)
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(nquads(pipeline.ids, passed))
        partial.replace(target)  # whole or not there: a stopped job never leaves half a shard
        yield Shard(target, len(run), len(passed))


def _bad_line(path: Path) -> str:
    """Where a shard that failed to parse goes wrong: the first line that fails alone."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            try:
                Dataset().parse(data=line, format="nquads")
            except (ParserError, ValueError) as exc:
                reason = str(exc).splitlines()[0]
                return f"line {number}: not N-Quads ({reason})"
    return "not N-Quads"


def sources_in_shard(path: Path, ids: Ids) -> list[tuple[str, Graph]]:
    """The sources a shard holds (source id, graph), in the order of their ids.

    Raises ``BadInput`` naming the file (and line) for a shard that does not parse, a triple
    outside a named graph, or a graph that is not a source graph under the store's base."""
    dataset = Dataset()
    try:
        dataset.parse(path, format="nquads")
    except (ParserError, ValueError, UnicodeDecodeError) as exc:
        where = _bad_line(path) if not isinstance(exc, UnicodeDecodeError) else "not UTF-8"
        raise BadInput(f"{path}: {where}") from exc
    out: list[tuple[str, Graph]] = []
    for graph in dataset.graphs():
        if not len(graph):
            continue
        name = graph.identifier
        if name == dataset.default_graph.identifier:
            raise BadInput(f"{path}: a triple outside a named graph (shards hold sources only)")
        source_id = ids.source_id_of_graph(str(name)) if isinstance(name, URIRef) else None
        if source_id is None or not _SOURCE_ID.fullmatch(source_id):
            raise BadInput(
                f"{path}: graph <{name}> is not a source graph under {ids.base} "
                f"(shards hold sources only, as iisgraph extract --format nquads writes them)"
            )
        source = Graph()
        for triple in graph:
            source.add(triple)
        out.append((source_id, source))
    return sorted(out, key=lambda item: item[0])


def loaded_sources(pipeline: Pipeline, shards: Iterable[Path]) -> Iterator[Extracted | Failure]:
    """The sources of each shard, validated again (a shard may have been edited since it was
    written); a shard that cannot be read is one failure and none of its sources is given."""
    for path in shards:
        try:
            sources = sources_in_shard(path, pipeline.ids)
        except IisgraphError as exc:
            yield Failure(str(path), exc.message)
            continue
        for source_id, graph in sources:
            try:
                yield pipeline.validated(source_id, graph)
            except IisgraphError as exc:
                yield Failure(f"{path} ({source_id})", exc.message)
