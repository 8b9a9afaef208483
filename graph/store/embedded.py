"""The embedded store: pyoxigraph on disk (with ``replica.py``, its copy in memory, the only
importers of pyoxigraph).

Used directly, not through rdflib's store layer (which costs 1.5–4x here). Every change of
sources or curation is one SPARQL update, which pyoxigraph applies as one transaction: "either
the full operation succeeds, or nothing is written". A whole-store derivation (``rederive``,
changed reference data) goes in batches, as the engine holds a transaction in memory. The
on-disk store allows one writer process.
"""

from __future__ import annotations

import io
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from graph import tallies
from graph.errors import BadQuery, StoreUnavailable, TooLarge, UnknownFormat
from graph.holders import PROLOGUE, derive_holders, reference_digest
from graph.namespaces import Ids
from graph.store import Bindings, ReplaceResult, Triple
from graph.store.changes import (
    curation_change,
    every_instrument_query,
    instruments_in,
    instruments_query,
    source_change,
)
from graph.store.replica import MemoryCopy
from graph.store.terms import from_ox, rows_from_tsv, to_ox, triples_from_ntriples, triples_text

Counted = TypeVar("Counted")

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,  # expanded form: pyoxigraph does not compact
}
DATASET_FORMATS = {"application/n-quads", "application/trig"}
FLUSH_EVERY = 100  # writes between flushes of the engine's buffers (see EmbeddedStore._written)
# A whole-store derivation goes in transactions of this many instruments (holders and tally
# links: ~80 quads an instrument) and deletions: the engine holds a transaction in memory,
# and one of every holder and tally of 10 M triples grew past 14 GB.
DERIVE_BATCH = 500
DELETE_BATCH = 100_000
# holders from each instrument's issuers and dates taken once (``derive_holders``): the
# engine answers that form right, and a much-reported instrument is stored as fast
ONCE = True


class _Over(Exception):
    """More lines than a ``_Capped`` output takes."""


class _Capped(io.BytesIO):
    """A binary output for pyoxigraph's serialisers that takes ``lines`` lines and raises
    ``_Over`` past them (the serialiser stops there, and with it the query's evaluation)."""

    def __init__(self, lines: int | None) -> None:
        super().__init__()
        self.left = lines

    def write(self, data: Any) -> int:
        written = super().write(data)
        if self.left is not None:
            self.left -= bytes(data).count(b"\n")
            if self.left < 0:
                raise _Over
        return written

    def lines(self, count: int | None) -> bytes:
        """The first ``count`` lines written (all of them for None)."""
        written = self.getvalue()
        if count is None:
            return written
        end = -1
        for _ in range(count):
            end = written.find(b"\n", end + 1)
            if end < 0:
                return written
        return written[: end + 1]


def _one_per_line(
    result: ox.QuerySolutions | ox.QueryTriples, fmt: Any, header: int, limit: int | None
) -> tuple[bytes, bool]:
    """``result`` written in a format of one row (or triple) a line after ``header`` lines
    (TSV, N-Triples): its first ``limit`` rows, and whether there were more. Counting rows on
    the serialiser's output keeps them out of Python (reading each as an object and writing
    it back cost 20 ms on 1,000 rows of six terms)."""
    out = _Capped(None if limit is None else limit + header)
    try:
        result.serialize(out, format=fmt)
    except _Over:
        return out.lines(None if limit is None else limit + header), True
    return out.lines(None), False


def _too_large(limit: int | None, what: str) -> TooLarge:
    return TooLarge(
        f"the query returns more than {limit} {what}, the most this endpoint returns: "
        "narrow it or add a LIMIT"
    )


class EmbeddedStore:
    """A pyoxigraph store on disk (or in memory when ``path`` is None); ``memory_copy``: its
    reads answered by a copy in memory (``replica.py``)."""

    def __init__(self, path: str | None, ids: Ids, *, memory_copy: bool = False) -> None:
        self.ids = ids
        # One write at a time: tallies are read and rewritten by each write's update, and two
        # concurrent transactions would both start from the same count.
        self._writing = threading.Lock()
        self._opened = secrets.token_hex(6)
        self._changes = 0
        self._source_changes = 0  # writes other than curation acts (see sources_version)
        self._unflushed = 0
        # what /health asks (every graph listed, every quad counted: 0.27 s at 1 M triples on
        # disk, 6.5 s at 10 M), kept for the version it was counted at
        self._counted: dict[str, tuple[int, Any]] = {}
        try:
            disk = ox.Store(path) if path else ox.Store()
        except OSError as exc:
            raise StoreUnavailable(f"cannot open the store at {path!r}: {exc}") from exc
        self._store: ox.Store | MemoryCopy = MemoryCopy(disk) if path and memory_copy else disk
        self._on_disk = bool(path)

    def reads_from(self) -> str:
        if isinstance(self._store, MemoryCopy):
            return "memory" if self._store.answering == "memory" else "disk-until-copied"
        return "disk" if self._on_disk else "memory"

    def memory_copy_made(self, timeout: float | None = None) -> bool:
        """Whether a copy in memory answers the reads, waiting up to ``timeout`` seconds for
        it to be made (False at once for a store without one)."""
        return isinstance(self._store, MemoryCopy) and self._store.wait_until_made(timeout)

    # -- writes ----------------------------------------------------------------------------

    def _instruments_in(self, graph_name: URIRef) -> set[URIRef]:
        # graph_name is one of our own IRIs (built by Ids from a checked key), safe to write.
        rows = self._store.query(instruments_query(graph_name))
        assert isinstance(rows, ox.QuerySolutions)
        return {URIRef(row["i"].value) for row in rows}

    def _same_content(self, graph_name: URIRef, graph: Graph) -> bool:
        name = ox.NamedNode(graph_name)
        old = {
            (q.subject, q.predicate, q.object)
            for q in self._store.quads_for_pattern(None, None, None, name)
        }
        if len(old) != len(graph):
            return False
        # Compare with what the store would keep: it canonicalises some literals
        # ("1.0"^^xsd:decimal is kept as "1", xsd:nonNegativeInteger as xsd:integer).
        canonical = ox.Store()
        canonical.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in graph)  # type: ignore[arg-type]
        return old == {(q.subject, q.predicate, q.object) for q in canonical}

    @contextmanager
    def _change(self, sources: bool = True) -> Iterator[None]:
        """One write at a time; the versions move before and after it, so a reader never
        keeps a half-seen version (``sources``: the write may change more than curation)."""
        with self._writing:
            self._changes += 1
            self._source_changes += sources
            try:
                yield
            finally:
                self._changes += 1
                self._source_changes += sources

    def replace_source(self, source_id: str, graph: Graph) -> ReplaceResult:
        with self._change():
            return self._replace_sources([(source_id, graph)])[0]

    def replace_sources(self, items: Sequence[tuple[str, Graph]]) -> list[ReplaceResult]:
        """Replace several sources in one transaction (a bulk load's batch): every one of
        them, or none when the update fails."""
        with self._change():
            return self._replace_sources(items)

    def delete_source(self, source_id: str) -> bool:
        with self._change():
            return self._delete_source(source_id)

    def replace_reference(self, ontology: Graph, reference: Graph) -> bool:
        with self._change():
            return self._replace_reference(ontology, reference)

    def write_curation(
        self, graphs: Mapping[URIRef, Graph | None], touched: Sequence[URIRef] = ()
    ) -> None:
        if not graphs:
            return

        def insert(name: URIRef, graph: Graph) -> str:
            return f"INSERT DATA {{ GRAPH <{name}> {{\n{triples_text(graph)}\n}} }}"

        with self._change(sources=False):
            self._store.update(
                PROLOGUE
                + " ;\n".join(curation_change(self.ids, graphs, touched, insert, once=ONCE))
            )
        self._written()

    def version(self) -> str | None:
        return f"{self._opened}.{self._changes}"

    def sources_version(self) -> str | None:
        return f"{self._opened}.{self._source_changes}"

    def update(self, text: str) -> None:
        """Run a SPARQL update as one transaction (maintenance; the API never calls it)."""
        with self._change():
            self._store.update(text)

    def rederive(self) -> None:
        """Every holder derived and every tally counted again (after graphs were loaded
        around iisgraph, e.g. by ``oxigraph load``), in batches of ``DERIVE_BATCH``
        instruments: memory stays bounded whatever the store's size, but readers may see the
        derivation half-done, and a failure half-way leaves it so (run it again)."""
        with self._change():
            self._rederive()

    def _rederive(self) -> None:
        derived, counted = str(self.ids.derived_graph), str(self.ids.tallies_graph)
        for graph in (counted, derived):
            self._drop(graph)
        rows = self._store.query(every_instrument_query())
        assert isinstance(rows, ox.QuerySolutions)
        every = [URIRef(row["i"].value) for row in rows]
        for start in range(0, len(every), DERIVE_BATCH):
            batch = every[start : start + DERIVE_BATCH]
            holders = derive_holders(derived, batch, once=ONCE).strip(" ;\n")
            self._store.update(PROLOGUE + holders + " ;\n" + tallies.link(counted, derived, batch))
            # unflushed, the engine kept ~70 MB a batch in memory (10 M triples: 1.7 GB after
            # 20 of 100 batches); flushed, the 1 M store's derivation peaked at 0.7 GB, not 1.7
            self._store.flush()
        self._store.update(PROLOGUE + tallies.count_linked(counted, derived))
        self._store.optimize()  # every holder and tally rewritten: see ``optimize``

    def _drop(self, graph: str) -> None:
        """Drop a graph ``DELETE_BATCH`` quads a transaction (DROP deletes it in one)."""
        name = ox.NamedNode(graph)
        delete = (
            f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ {{ SELECT ?s ?p ?o "
            f"WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} LIMIT {DELETE_BATCH} }} }}"
        )
        while next(self._store.quads_for_pattern(None, None, None, name), None) is not None:
            self._store.update(delete)
        self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def optimize(self) -> None:
        with self._writing:  # the content stays: the version too
            self._store.optimize()

    def _written(self, count: int = 1) -> None:
        """Count ``count`` writes; flush the engine's buffers every ``FLUSH_EVERY`` of them.

        Each write rewrites a few tallies and holders, and the engine keeps what it replaced
        in memory until it flushes: left alone, a write at a million triples grew from 37 to
        81 ms over 600 writes (measured); flushed every 100 (90 ms each), it stays at 36."""
        self._unflushed += count
        if self._unflushed >= FLUSH_EVERY:
            self._store.flush()
            self._unflushed = 0

    def _source_update(self, source_id: str, graph: Graph) -> str:
        """The operations replacing one source, its holders and tallies."""
        name = self.ids.source_graph(source_id)
        instruments = sorted(self._instruments_in(name) | instruments_in(graph))
        insert = f"INSERT DATA {{ GRAPH <{name}> {{\n{triples_text(graph)}\n}} }}"
        return " ;\n".join(source_change(self.ids, name, insert, instruments, once=ONCE))

    def _replace_sources(self, items: Sequence[tuple[str, Graph]]) -> list[ReplaceResult]:
        changed = [
            (source_id, graph)
            for source_id, graph in items
            if not self._same_content(self.ids.source_graph(source_id), graph)
        ]
        if changed:
            updates = [self._source_update(source_id, graph) for source_id, graph in changed]
            self._store.update(PROLOGUE + " ;\n".join(updates))
            self._written(len(changed))
        ids = {source_id for source_id, _ in changed}
        return [ReplaceResult(sid, sid in ids, len(graph)) for sid, graph in items]

    def _delete_source(self, source_id: str) -> bool:
        name = self.ids.source_graph(source_id)
        if not self._store.contains_named_graph(ox.NamedNode(name)):
            return False
        touched = sorted(self._instruments_in(name))
        ops = source_change(self.ids, name, None, touched, once=ONCE)
        self._store.update(PROLOGUE + " ;\n".join(ops))
        self._written()
        return True

    def _replace_reference(self, ontology: Graph, reference: Graph) -> bool:
        digest = reference_digest(ontology, reference)
        marker = ox.Quad(
            ox.NamedNode(self.ids.reference_graph),
            ox.NamedNode(str(DCTERMS.identifier)),
            ox.Literal(digest),
            ox.NamedNode(self.ids.reference_graph),
        )
        if marker in self._store:
            if not self._store.query(tallies.marker(str(self.ids.tallies_graph))):
                # a store made before these tallies: count once, then keep counting
                self._rederive()
            return False
        parts = []
        for name, graph in (
            (self.ids.ontology_graph, ontology),
            (self.ids.reference_graph, reference),
        ):
            parts.append(f"DROP SILENT GRAPH <{name}>")
            parts.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{triples_text(graph)}\n}} }}")
        self._store.update(PROLOGUE + " ;\n".join(parts))
        self._rederive()
        # the marker last: a failure before it leaves none, and the next start derives again
        self._store.add(marker)
        return True

    # -- reads -----------------------------------------------------------------------------

    def source_ids(self) -> list[str]:
        return list(self._kept("sources", self._source_ids))

    def _source_ids(self) -> list[str]:
        out = []
        for g in self._store.named_graphs():
            if isinstance(g, ox.NamedNode):
                sid = self.ids.source_id_of_graph(g.value)
                if sid is not None:
                    out.append(sid)
        return sorted(out)

    def _kept(self, name: str, count: Callable[[], Counted]) -> Counted:
        """``count()``, counted again only after a write: kept when no write ran while it
        was counted (the version is even between writes, odd during one)."""
        changes = self._changes
        known = self._counted.get(name)
        if known is not None and known[0] == changes:
            return cast(Counted, known[1])
        value = count()
        if changes % 2 == 0 and changes == self._changes:
            self._counted[name] = (changes, value)
        return value

    def graph_of(self, graph: URIRef) -> Graph:
        out = Graph()
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            out.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return out

    def _run(self, query: str, bindings: Bindings | None) -> object:
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()
        }
        try:
            return self._store.query(query, use_default_graph_as_union=True, substitutions=subs)
        except SyntaxError as exc:
            raise BadQuery(f"the query does not parse: {exc}") from exc
        except RuntimeError as exc:  # e.g. a binding for a variable the query does not project
            raise BadQuery(f"the query cannot run: {exc}") from exc

    def select(self, query: str, bindings: Bindings | None = None) -> list[dict[str, Node]]:
        return rows_from_tsv(self.select_tsv(query, bindings))

    def select_tsv(self, query: str, bindings: Bindings | None = None) -> bytes:
        """The solutions of a SELECT query in SPARQL TSV: written by the engine without
        holding the interpreter (other threads run meanwhile; ``ProcessStore`` passes them as
        they are), read as rdflib terms by ``terms.rows_from_tsv``."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise BadQuery("expected a SELECT query")
        return result.serialize(format=ox.QueryResultsFormat.TSV) or b""

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise BadQuery("expected an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        out = Graph()
        for triple in self.triples(query, bindings):
            out.add(triple)
        return out

    def triples(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        return triples_from_ntriples(self.triples_ntriples(query, bindings))

    def triples_ntriples(self, query: str, bindings: Bindings | None = None) -> bytes:
        """The triples of a CONSTRUCT or DESCRIBE query in N-Triples (as ``select_tsv``)."""
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise BadQuery("expected a CONSTRUCT or DESCRIBE query")
        return result.serialize(format=ox.RdfFormat.N_TRIPLES) or b""

    def query_serialized(
        self,
        query: str,
        media_type: str,
        *,
        max_results: int | None = None,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        timeout: float | None = None,
        bindings: Bindings | None = None,
        truncate: bool = False,
    ) -> tuple[bytes, str]:
        # timeout: the engine cannot stop a query; ProcessStore enforces it by stopping the
        # process the query runs in.
        del timeout
        result = self._run_dataset(query, default_graphs, named_graphs, bindings)
        # pyoxigraph's results may only be dropped on the thread that made them: each branch
        # lets go of them before it raises (a traceback would carry them to another thread).
        if isinstance(result, ox.QueryTriples):
            fmt = GRAPH_FORMATS.get(media_type)
            if fmt is None:
                del result
                raise UnknownFormat(f"a graph result cannot be serialised as {media_type}")
            lines, over = _one_per_line(result, ox.RdfFormat.N_TRIPLES, 0, max_results)
            del result
            if over and not truncate:
                raise _too_large(max_results, "triples")
            # N-Triples lines are N-Quads lines in the default graph
            if media_type in ("application/n-triples", "application/n-quads"):
                return lines, media_type
            quads = ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
            if media_type in DATASET_FORMATS:  # the triples, in the default graph
                return ox.serialize(quads, format=fmt) or b"", media_type
            return ox.serialize((q.triple for q in quads), format=fmt) or b"", media_type
        rfmt = RESULT_FORMATS.get(media_type)
        if rfmt is None:
            del result
            raise UnknownFormat(f"query results cannot be serialised as {media_type}")
        if isinstance(result, ox.QuerySolutions) and max_results is not None:
            tsv = ox.QueryResultsFormat.TSV
            rows, over = _one_per_line(result, tsv, 1, max_results)  # after the variables
            del result
            if over and not truncate:
                raise _too_large(max_results, "rows")
            if rfmt == tsv:
                return rows, media_type
            return ox.parse_query_results(rows, tsv).serialize(format=rfmt) or b"", media_type
        assert isinstance(result, ox.QuerySolutions | ox.QueryBoolean)
        return result.serialize(format=rfmt) or b"", media_type

    def _run_dataset(
        self,
        query: str,
        default_graphs: Sequence[str],
        named_graphs: Sequence[str],
        bindings: Bindings | None = None,
    ) -> object:
        """A query over the dataset the protocol names (``default-graph-uri``,
        ``named-graph-uri``); without them, the union of all graphs is the default graph."""
        if not default_graphs and not named_graphs:
            return self._run(query, bindings)
        try:
            return self._store.query(
                query,
                default_graph=[ox.NamedNode(g) for g in default_graphs] or None,
                named_graphs=[ox.NamedNode(g) for g in named_graphs] or None,
                use_default_graph_as_union=not default_graphs,
                substitutions={ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()},
            )
        except SyntaxError as exc:
            raise BadQuery(f"the query does not parse: {exc}") from exc
        except (RuntimeError, ValueError) as exc:
            raise BadQuery(f"the query cannot run: {exc}") from exc

    def export(self, media_type: str) -> bytes:
        fmt = GRAPH_FORMATS.get(media_type)
        # JSON-LD too: pyoxigraph writes a dataset as expanded JSON-LD with one @graph per graph
        if media_type not in (*DATASET_FORMATS, "application/ld+json") or fmt is None:
            raise UnknownFormat(f"the whole store cannot be serialised as {media_type}")
        out = io.BytesIO()
        self._store.dump(out, format=fmt)
        return out.getvalue()

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, None))

    def triple_count(self) -> int:
        return self._kept("triples", lambda: len(self._store))

    def close(self) -> None:
        self._store.flush()
