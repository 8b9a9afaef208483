"""The remote store: any SPARQL 1.1 Query + Update server (Virtuoso, Fuseki, GraphDB,
Oxigraph server) over HTTP. This module is the store's logic; it talks to the server through
``sparql_protocol.py`` (queries, updates) and ``graph_store.py`` (whole graphs), which share
the one connection pool of ``http.py``; ``server.py`` reads the store setting and picks the
server's dialect; ``terms.py`` converts terms.

The store setting names the server (``docs/remote-store.md``)::

    sparql+http://127.0.0.1:8890/sparql?update=http://127.0.0.1:8890/sparql-auth

``sparql+`` and then the query endpoint; ``update=`` the update endpoint (default: the query
endpoint), ``gsp=`` a Graph Store Protocol endpoint (optional: whole graphs are then read with
one GET instead of a query).

Every change is the same SPARQL 1.1 update the embedded store runs, sent as one request: a
source is dropped, inserted and its holders and tallies re-derived together. Whether one
request is one transaction is the server's business: ``docs/remote-store.md`` says what each
does when a request fails half-way (measured by ``tests/graph/store/test_remote.py``).

Quirks of one server are its ``Dialect``'s (``server.py``); what is here works on every
server: only graphs under the iisgraph base are counted or dumped (Virtuoso's default graph
holds its own system graphs too).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from graph import tallies
from graph.errors import BadQuery, IisgraphError, StoreUnavailable, TooLarge, UnknownFormat
from graph.holders import PROLOGUE, derive_holders, reference_digest
from graph.namespaces import IIS, Ids, iri_ref
from graph.settings import Settings
from graph.store import Bindings, ReplaceResult, Triple
from graph.store.changes import (
    curation_change,
    instruments_in,
    instruments_query,
    source_change,
)
from graph.store.embedded import DATASET_FORMATS, GRAPH_FORMATS, RESULT_FORMATS
from graph.store.graph_store import RDF_ACCEPT, GraphStore
from graph.store.http import ServerConnection
from graph.store.server import Endpoints, dialect_for, shown
from graph.store.sparql_protocol import SparqlProtocol
from graph.store.sparql_text import query_form, with_bindings
from graph.store.terms import comparable, from_json, from_ox, to_ox, triples_text

INSERT_CHUNK = 500  # triples per INSERT operation (see _insert)
_OPERATIONS = " ;\n"


class RemoteStore:
    """A ``Store`` on a SPARQL 1.1 server."""

    def __init__(self, location: str, ids: Ids, settings: Settings) -> None:
        self.ids = ids
        self.endpoints = Endpoints.parse(location)
        self.dialect = dialect_for(self.endpoints, settings.store_dialect)
        self.shown = shown(location)
        self._http = ServerConnection(self.shown, settings)
        self.protocol = SparqlProtocol(self._http, self.endpoints, self.dialect)
        self.graph_store = (
            GraphStore(self._http, self.endpoints.graph_store)
            if self.endpoints.graph_store is not None
            else None
        )
        self._base = ids.base
        self._version_graph = f"{ids.base}graph/version"
        self._pending_graph = f"{ids.base}graph/pending"

    # -- requests --------------------------------------------------------------------------

    def update(self, text: str) -> None:
        """Run a SPARQL update (one request), stamping the store with a new version in the
        same request: a server answering from its cache sees every change made through
        iisgraph, by any process (not changes made by other tools: docs/remote-store.md)."""
        stamp = (
            f"DELETE WHERE {{ GRAPH <{self._version_graph}> {{ ?s ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{self._version_graph}> {{ <{self._version_graph}> "
            f'<{DCTERMS.identifier}> "{secrets.token_hex(8)}" }} }}'
        )
        self.protocol.update(f"{text} ;\n{stamp}")

    def _rows(self, query: str, **dataset: Any) -> list[dict[str, Any]]:
        """The JSON bindings of a SELECT query's rows."""
        found: list[dict[str, Any]] = (
            self.protocol.results(query, **dataset).get("results", {}).get("bindings", [])
        )
        return found

    def _graph_triples(self, query: str, **dataset: Any) -> list[ox.Triple]:
        return self._parsed(self.protocol.query(query, RDF_ACCEPT, **dataset))

    def _parsed(self, body: bytes) -> list[ox.Triple]:
        """The triples of a server's N-Triples (or Turtle) answer."""
        try:
            return [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
        except SyntaxError as exc:
            raise StoreUnavailable(
                f"the SPARQL server at {self.shown} answered a graph that does not parse: {exc}"
            ) from None

    # -- reads -----------------------------------------------------------------------------

    def select(self, query: str, bindings: Bindings | None = None) -> list[dict[str, Node]]:
        if query_form(query) != "SELECT":
            raise BadQuery("expected a SELECT query")
        return [
            {name: from_json(value) for name, value in row.items()}
            for row in self._rows(with_bindings(query, bindings))
        ]

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        if query_form(query) != "ASK":
            raise BadQuery("expected an ASK query")
        return bool(self.protocol.results(with_bindings(query, bindings))["boolean"])

    def triples(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        if query_form(query) not in ("CONSTRUCT", "DESCRIBE"):
            raise BadQuery("expected a CONSTRUCT or DESCRIBE query")
        return [
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
            for t in self._graph_triples(with_bindings(query, bindings))
        ]

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        out = Graph()
        for triple in self.triples(query, bindings):
            out.add(triple)
        return out

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
        form = query_form(query)
        _check_syntax(query)
        text = with_bindings(query, bindings)
        dataset = {"default_graphs": default_graphs, "named_graphs": named_graphs}
        if form in ("CONSTRUCT", "DESCRIBE"):
            fmt = GRAPH_FORMATS.get(media_type)
            if fmt is None:
                raise UnknownFormat(f"a graph result cannot be serialised as {media_type}")
            found = self._graph_triples(text, timeout=timeout, **dataset)
            if truncate and max_results is not None:
                found = found[:max_results]
            if max_results is not None and len(found) > max_results:
                raise TooLarge(
                    f"the query returns more than {max_results} triples, the most this "
                    "endpoint returns: narrow it or add a LIMIT"
                )
            if media_type in DATASET_FORMATS:
                quads = [ox.Quad(t.subject, t.predicate, t.object) for t in found]
                return ox.serialize(quads, format=fmt) or b"", media_type
            return ox.serialize(found, format=fmt) or b"", media_type
        rfmt = RESULT_FORMATS.get(media_type)
        if rfmt is None:
            raise UnknownFormat(f"query results cannot be serialised as {media_type}")
        result = self.protocol.results(text, timeout=timeout, **dataset)
        rows = result.get("results", {}).get("bindings", [])
        if truncate and max_results is not None and len(rows) > max_results:
            del rows[max_results:]
        if max_results is not None and len(rows) > max_results:
            raise TooLarge(
                f"the query returns more than {max_results} rows, the most this endpoint "
                "returns: narrow it or add a LIMIT"
            )
        parsed = ox.parse_query_results(json.dumps(result).encode(), ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=rfmt) or b"", media_type

    def graphs(self) -> list[str]:
        """The named graphs under the iisgraph base (not the server's own, not the version
        stamp)."""
        rows = self._rows(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(STRSTARTS(STR(?g), {json.dumps(self._base)}) "
            f"&& ?g NOT IN (<{self._version_graph}>, <{self._pending_graph}>)) }} ORDER BY ?g"
        )
        return [row["g"]["value"] for row in rows]

    def source_ids(self) -> list[str]:
        # Found by the source text each source graph holds (the type index), not by every
        # graph of every quad: 0.1 s instead of 34 s on Oxigraph server at 1.3 M quads.
        rows = self._rows(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s a <{IIS.SourceText}> }} }}")
        out = set()
        for row in rows:
            source = self.ids.source_id_of_graph(row["g"]["value"])
            if source is not None:
                out.add(source)
        return sorted(out)

    def _triples_of(self, graph: str) -> list[ox.Triple]:
        """Every triple of one named graph (GSP GET where the server has it)."""
        if self.graph_store is not None:
            return self._parsed(self.graph_store.get(graph))
        return self._graph_triples(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri_ref(graph)} {{ ?s ?p ?o }} }}"
        )

    def graph_of(self, graph: URIRef) -> Graph:
        out = Graph()
        for t in self._triples_of(str(graph)):
            out.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return out

    def export(self, media_type: str) -> bytes:
        fmt = GRAPH_FORMATS.get(media_type)
        if media_type not in (*DATASET_FORMATS, "application/ld+json") or fmt is None:
            raise UnknownFormat(f"the whole store cannot be serialised as {media_type}")
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
            for graph in self.graphs()
            for t in self._triples_of(graph)
        ]
        return ox.serialize(quads, format=fmt) or b""

    def reads_from(self) -> str:
        return "server"

    def triple_count(self) -> int:
        found = self._rows(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(STRSTARTS(STR(?g), {json.dumps(self._base)}) "
            f"&& ?g NOT IN (<{self._version_graph}>, <{self._pending_graph}>)) }}"
        )
        return int(found[0]["n"]["value"]) if found else 0

    def version(self) -> str | None:
        """The stamp of the last change made through iisgraph (one small query)."""
        found = self._rows(
            f"SELECT ?v WHERE {{ GRAPH <{self._version_graph}> "
            f"{{ <{self._version_graph}> <{DCTERMS.identifier}> ?v }} }}"
        )
        return "remote." + (found[0]["v"]["value"] if found else "0")

    def sources_version(self) -> str | None:
        # one stamp for every change, and the same on two servers never written through
        # iisgraph: nothing computed from the sources is kept across requests
        return None

    def optimize(self) -> None:
        """Nothing: the server compacts its own files."""

    def close(self) -> None:
        """Close the connections to the server."""
        self._http.close()

    # -- writes ----------------------------------------------------------------------------

    def _instruments_in(self, graph: URIRef) -> set[URIRef]:
        rows = self.select(instruments_query(graph))
        return {URIRef(str(row["i"])) for row in rows}

    def _same_content(self, graph: URIRef, new: Graph) -> bool:
        old = self._triples_of(str(graph))
        if len(old) != len(new):
            return False
        canonical = ox.Store()
        canonical.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in new)  # type: ignore[arg-type]
        return {comparable(t.subject, t.predicate, t.object) for t in old} == {
            comparable(q.subject, q.predicate, q.object) for q in canonical
        }

    def source_update(self, source_id: str, graph: Graph | None) -> str:
        """The one update that replaces (or, for None, deletes) a source with its holders
        and tallies, as the embedded store runs it."""
        name = self.ids.source_graph(source_id)
        touched = self._instruments_in(name)
        if graph is not None:
            touched |= instruments_in(graph)
        instruments = sorted(touched)
        pending = f'<{name}> <{DCTERMS.type}> "pending"'
        insert = self._insert(name, graph) if graph is not None else None
        return " ;\n".join(
            [
                # first and last: a request a server applied only in part leaves the mark
                f"INSERT DATA {{ GRAPH <{self._pending_graph}> {{ {pending} }} }}",
                *source_change(self.ids, name, insert, instruments),
                f"DELETE DATA {{ GRAPH <{self._pending_graph}> {{ {pending} }} }}",
            ]
        )

    def _pending(self) -> set[str]:
        """The source graphs whose last change a server applied only in part."""
        rows = self._rows(f"SELECT ?g WHERE {{ GRAPH <{self._pending_graph}> {{ ?g ?p ?o }} }}")
        return {row["g"]["value"] for row in rows}

    def rederive(self) -> None:
        """Every holder derived and every tally counted again, then the pending marks
        cleared: after a change a server applied only in part (Virtuoso runs each operation
        of a request on its own: docs/remote-store.md) or a bulk load by the server's own
        loader. Three requests, as a server may limit what one request holds."""
        self.update(PROLOGUE + derive_holders(str(self.ids.derived_graph), None).strip(" ;\n"))
        self.update(
            PROLOGUE + tallies.recount(str(self.ids.tallies_graph), str(self.ids.derived_graph))
        )
        self.update(f"DROP SILENT GRAPH <{self._pending_graph}>")

    def _changed(self, source_id: str, graph: Graph | None) -> None:
        """Send the change of one source; repair what a half-applied earlier one left."""
        pending = self._pending()
        self.update(PROLOGUE + self.source_update(source_id, graph))
        if pending:
            self.rederive()

    def replace_source(self, source_id: str, graph: Graph) -> ReplaceResult:
        name = self.ids.source_graph(source_id)
        if str(name) not in self._pending() and self._same_content(name, graph):
            return ReplaceResult(source_id, changed=False, triples=len(graph))
        self._changed(source_id, graph)
        return ReplaceResult(source_id, changed=True, triples=len(graph))

    def replace_sources(self, items: Sequence[tuple[str, Graph]]) -> list[ReplaceResult]:
        """Replace several sources in one update request (a bulk load's batch; one request
        per source for a server whose dialect says so); each is marked pending until its
        request is through, as a single one is."""
        pending = self._pending()
        changed = {
            source_id
            for source_id, graph in items
            if str(self.ids.source_graph(source_id)) in pending
            or not self._same_content(self.ids.source_graph(source_id), graph)
        }
        updates = [self.source_update(sid, graph) for sid, graph in items if sid in changed]
        if self.dialect.source_per_request:
            self._each_alone(updates, [sid for sid, _ in items if sid in changed])
        elif updates:
            self.update(PROLOGUE + " ;\n".join(updates))
        if pending:
            self.rederive()
        return [ReplaceResult(sid, sid in changed, len(graph)) for sid, graph in items]

    def _each_alone(self, updates: Sequence[str], source_ids: Sequence[str]) -> None:
        """Send each source's update as a request of its own; a refused one is reported
        with the sources of the batch stored before it."""
        for done, update in enumerate(updates):
            try:
                self.update(PROLOGUE + update)
            except IisgraphError as exc:
                if not done:
                    raise
                stored = ", ".join(source_ids[:done])
                raise type(exc)(f"{exc.message} (stored before it: {stored})") from exc

    def delete_source(self, source_id: str) -> bool:
        name = self.ids.source_graph(source_id)
        if not self.ask(f"ASK {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"):
            return False
        self._changed(source_id, None)
        return True

    def replace_reference(self, ontology: Graph, reference: Graph) -> bool:
        digest = reference_digest(ontology, reference)
        marker = f"<{self.ids.reference_graph}> <{DCTERMS.identifier}> {Literal(digest).n3()}"
        if self.ask(f"ASK {{ GRAPH <{self.ids.reference_graph}> {{ {marker} }} }}"):
            if not self.ask(tallies.marker(str(self.ids.tallies_graph))):
                self.update(
                    PROLOGUE
                    + tallies.recount(str(self.ids.tallies_graph), str(self.ids.derived_graph))
                )
            return False
        # Several requests (a server limits what one request may hold: Virtuoso compiles one
        # into at most 32 KB of code), the marker last: a failure half-way leaves no marker,
        # so the next start loads the reference data again.
        for name, graph in (
            (self.ids.ontology_graph, ontology),
            (self.ids.reference_graph, reference),
        ):
            self.put_graph(name, graph)
        self.update(PROLOGUE + derive_holders(str(self.ids.derived_graph), None).strip(" ;\n"))
        self.update(
            PROLOGUE + tallies.recount(str(self.ids.tallies_graph), str(self.ids.derived_graph))
        )
        self.update(f"INSERT DATA {{ GRAPH <{self.ids.reference_graph}> {{ {marker} }} }}")
        return True

    def write_curation(
        self, graphs: Mapping[URIRef, Graph | None], touched: Sequence[URIRef] = ()
    ) -> None:
        """One update request: a SPARQL server applies it whole or not at all."""
        if graphs:
            ops = curation_change(self.ids, graphs, touched, self._insert)
            self.update(PROLOGUE + _OPERATIONS.join(ops))

    def _insert(self, name: URIRef, graph: Graph) -> str:
        """The operations adding ``graph`` to the named graph, in one request, in the
        dialect's form (Virtuoso: templates, as it refuses blank nodes in INSERT DATA)."""
        return _OPERATIONS.join(
            self.dialect.insert(str(name), triples_text(chunk)) for chunk in _chunks(graph)
        )

    def put_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace a whole named graph: one Graph Store Protocol PUT where the server has
        it, else a drop and inserts of ``INSERT_CHUNK`` triples each."""
        if self.graph_store is not None:
            body = self.dialect.triples(graph.serialize(format="nt"))
            self.graph_store.put(str(name), body.encode())
            return
        self.update(f"DROP SILENT GRAPH <{name}>")
        for operation in self._insert(name, graph).split(_OPERATIONS):
            self.update(operation)


def _check_syntax(query: str) -> None:
    """Refuse a query that is not SPARQL 1.1 with the parser's position, as the embedded
    store does (servers word their errors differently, some without a position): the query
    is parsed by running it on an empty in-memory dataset."""
    try:
        ox.Store().query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise BadQuery(f"the query does not parse: {exc}") from None
    except (RuntimeError, ValueError):
        pass  # it parses; what it needs at run time is the server's business


def _chunks(graph: Graph) -> list[Graph]:
    """``graph`` in parts of about ``INSERT_CHUNK`` triples (Virtuoso's parser runs out of
    memory on one template of the whole reference data), a blank node kept in one part with
    the node using it (the ontology's OWL lists are blank nodes): an operation's blank nodes
    are its own."""
    chunks: list[Graph] = []
    current = Graph()
    for subject in _subjects_in_order(graph):
        if len(current) >= INSERT_CHUNK:
            chunks.append(current)
            current = Graph()
        for triple in _closure(graph, subject):
            current.add(triple)
    if len(current):
        chunks.append(current)
    return chunks


def _subjects_in_order(graph: Graph) -> list[Node]:
    """The named subjects of a graph (blank ones travel with the node that uses them)."""
    return sorted({s for s in graph.subjects() if not isinstance(s, BNode)}, key=str) + sorted(
        {s for s in graph.subjects() if isinstance(s, BNode) and (None, None, s) not in graph},
        key=str,
    )


def _closure(graph: Graph, subject: Node) -> list[Triple]:
    """The triples of ``subject`` and of every blank node they reach."""
    out: list[Triple] = []
    todo, seen = [subject], set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for s, p, o in graph.triples((node, None, None)):
            out.append((s, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out
