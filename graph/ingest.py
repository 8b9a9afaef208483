"""Text in, validated graph out, stored: the path every source takes.

read → extract → to_rdf → validate (SHACL) → store. A source that fails any step is reported
with its file and reason and nothing of it is stored; the others go on.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from graph.errors import BadInput, IisgraphError
from graph.extract import extract
from graph.namespaces import Ids, source_id
from graph.ontology import ontology_graph, reference_graph, stored_ontology_graph
from graph.readers import read_text
from graph.reference import Reference
from graph.review import refresh_reviews
from graph.same_day import with_same_day
from graph.settings import Settings
from graph.store import ReplaceResult, Store, open_store
from graph.summary import Summary, summarize
from graph.to_rdf import to_rdf
from graph.validate import TypeIndex, validate

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".pdf"}


def text_files(paths: Iterable[str | Path]) -> list[Path]:
    """The text files named, folders expanded (sorted); a missing path is an error."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES))
        elif path.is_file():
            out.append(path)
        else:
            raise BadInput(f"{path}: no such file or folder")
    return out


@dataclass(frozen=True)
class Extracted:
    source_id: str
    graph: Graph


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


class Pipeline:
    """Turns texts into validated graphs under one IRI base."""

    def __init__(self, base: str, shapes: Graph | None = None) -> None:
        self.ids = Ids(base)
        self.shapes = shapes  # None: the shapes of shapes/

    @cached_property
    def reference(self) -> Reference:
        return Reference.load(self.ids.base)

    @cached_property
    def types(self) -> TypeIndex:
        return TypeIndex(reference_graph(self.ids.base), ontology_graph())

    def graph_of_text(self, text: str, name: str) -> Extracted:
        """Extract and validate one text; raises ``InvalidGraph`` when it fails the shapes."""
        doc = extract(text, name, self.reference)
        graph = to_rdf(doc, self.ids, self.reference.is_state)
        validate(graph, self.types.context_for(graph), name=name, shapes=self.shapes)
        return Extracted(source_id(name), graph)

    def validated(self, source: str, graph: Graph) -> Extracted:
        """A source's graph checked against the shapes (read back from a shard, say);
        raises ``InvalidGraph`` when it fails them."""
        validate(graph, self.types.context_for(graph), name=source, shapes=self.shapes)
        return Extracted(source, graph)

    def graph_of_file(self, path: Path) -> Extracted:
        return self.graph_of_text(read_text(path), path.name)

    def graphs(self, paths: Iterable[Path]) -> Iterator[Extracted | Failure]:
        for path in paths:
            try:
                yield self.graph_of_file(path)
            except IisgraphError as exc:
                yield Failure(str(path), exc.message)

    def summaries(self, paths: Iterable[Path]) -> Iterator[tuple[Path, Summary] | Failure]:
        """The extraction summary of each text, read back from a scratch in-memory store."""
        memory = open_store(Settings(store=":memory:", base=self.ids.base))
        self.ensure_reference(memory)
        for path in paths:
            try:
                item = self.graph_of_file(path)
            except IisgraphError as exc:
                yield Failure(str(path), exc.message)
                continue
            memory.replace_sources(with_same_day(memory, [(item.source_id, item.graph)]))
            yield path, summarize(memory, item.source_id)

    def ensure_reference(self, store: Store) -> bool:
        """Load the ontology and reference data into the store if they changed."""
        return store.replace_reference(
            stored_ontology_graph(self.ids.base), reference_graph(self.ids.base)
        )

    def ingest(
        self,
        store: Store,
        paths: Iterable[Path],
        on_result: Callable[[ReplaceResult | Failure], None] | None = None,
        *,
        workers: int = 1,
        batch: int = 1,
    ) -> list[ReplaceResult | Failure]:
        """Store every text that passes; report each outcome.

        ``workers`` processes extract and validate while this one stores; ``batch`` sources
        go to the store together (one request to a SPARQL server). A source or batch the
        store refuses is reported as failed, with the sources it held, and the others go on:
        running the same ingest again stores what failed (what was stored is unchanged)."""
        self.ensure_reference(store)
        items = (
            self.graphs(paths)
            if workers <= 1
            else extracted_in_parallel(self.ids.base, paths, workers)
        )
        return store_all(store, items, on_result, batch=batch)


def store_all(
    store: Store,
    items: Iterable[Extracted | Failure],
    on_result: Callable[[ReplaceResult | Failure], None] | None = None,
    *,
    batch: int = 1,
) -> list[ReplaceResult | Failure]:
    """Store the extracted items ``batch`` at a time, passing failures through; report each
    outcome as it comes."""
    outcomes: list[ReplaceResult | Failure] = []

    def emit(outcome: ReplaceResult | Failure) -> None:
        outcomes.append(outcome)
        if on_result is not None:
            on_result(outcome)

    waiting: list[Extracted] = []
    for item in items:
        if isinstance(item, Failure):
            emit(item)
            continue
        waiting.append(item)
        if len(waiting) >= batch:
            for outcome in stored(store, waiting):
                emit(outcome)
            waiting = []
    for outcome in stored(store, waiting):
        emit(outcome)
    return outcomes


def written(store: Store, items: Sequence[Extracted]) -> list[ReplaceResult]:
    """Store the items: one alone, several as one batch (one transaction, or one request),
    with the stored sources a report lacking the year makes change key (``graph/same_day.py``);
    the curators' acts on a changed source are anchored again in what was stored. The results
    of the items; raises what the store raises."""
    writes = with_same_day(store, [(i.source_id, i.graph) for i in items])
    if len(writes) == 1:
        results = [store.replace_source(*writes[0])]
    else:
        results = list(store.replace_sources(writes))
    reviewed_again(store, results)
    return results[: len(items)]


def stored(store: Store, items: list[Extracted]) -> list[ReplaceResult | Failure]:
    """Store the items as ``written`` does; a refused write is the failure of each item."""
    if not items:
        return []
    try:
        return list(written(store, items))
    except IisgraphError as exc:
        if len(items) == 1:
            return [Failure(items[0].source_id, f"not stored: {exc.message}")]
        held = ", ".join(i.source_id for i in items)
        return [
            Failure(i.source_id, f"not stored (a batch of {len(items)}: {held}): {exc.message}")
            for i in items
        ]


def reviewed_again(store: Store, results: list[ReplaceResult]) -> None:
    changed = [result.source_id for result in results if result.changed]
    if changed:
        refresh_reviews(store, changed)


_WORKER: Pipeline | None = None


def _start_worker(base: str) -> None:
    global _WORKER
    _WORKER = Pipeline(base)


def _extract_in_worker(path: Path) -> Extracted | Failure:
    assert _WORKER is not None
    try:
        return _WORKER.graph_of_file(path)
    except IisgraphError as exc:
        return Failure(str(path), exc.message)


def extracted_in_parallel(
    base: str, paths: Iterable[Path], workers: int
) -> Iterator[Extracted | Failure]:
    """Extracted and validated texts from ``workers`` processes, in the order of ``paths``
    (at most a few per worker ahead of the one storing them)."""
    ahead = workers * 8
    context = multiprocessing.get_context("spawn")  # no copy of the parent's open store
    with ProcessPoolExecutor(workers, context, _start_worker, (base,)) as pool:
        running: deque[Future[Extracted | Failure]] = deque()
        for path in paths:
            running.append(pool.submit(_extract_in_worker, path))
            if len(running) >= ahead:
                yield running.popleft().result()
        while running:
            yield running.popleft().result()
