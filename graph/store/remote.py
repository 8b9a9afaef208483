"""The remote store: any SPARQL 1.1 Query + Update server (Virtuoso, Fuseki, GraphDB,
Oxigraph server), through SPARQLWrapper.

The store setting names it (``docs/remote-store.md``)::

    sparql+http://127.0.0.1:8890/sparql?update=http://127.0.0.1:8890/sparql-auth

``sparql+`` and then the query endpoint; ``update=`` the update endpoint (default: the query
endpoint), ``gsp=`` a Graph Store Protocol endpoint (optional: whole graphs are then read with
one GET instead of a query). Credentials come from the settings (``store_user``,
``store_password`` with ``store_auth`` basic or digest, or ``store_token``), never from the URL,
and appear in no message.

Every change is the same SPARQL 1.1 update the embedded store runs, sent as one request: a
source is dropped, inserted and its holders and tallies re-derived together. Whether one
request is one transaction is the server's business: ``docs/remote-store.md`` says what each
does when a request fails half-way (measured by ``tests/graph/store/test_remote.py``).

Server quirks handled here (Virtuoso 7.2.5): queries are sent as form POSTs (a query POSTed as
``application/sparql-query`` hangs), results are asked for as JSON (its XML trips rdflib's
parser) and its legacy ``typed-literal`` JSON is read, updates go to the update endpoint with
Digest auth, and only graphs under the iisgraph base are counted or dumped (Virtuoso's default
graph holds its own system graphs too).
"""

from __future__ import annotations

import ast
import base64
import contextlib
import decimal
import json
import secrets
import urllib.error
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD
from rdflib.term import Node
from SPARQLWrapper import DIGEST, JSON, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
)
from SPARQLWrapper.SPARQLExceptions import Unauthorized as WrapperUnauthorized

from graph import tallies
from graph.errors import (
    BadQuery,
    QueryTimeout,
    StoreUnavailable,
    TooLarge,
    Unauthorized,
    UnknownFormat,
)
from graph.holders import PROLOGUE, derive_holders, reference_digest
from graph.namespaces import IIS, Ids, iri_ref
from graph.settings import Settings
from graph.store import Bindings, ReplaceResult, Triple
from graph.store.changes import instruments_in, source_change
from graph.store.embedded import (
    DATASET_FORMATS,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    _triples_text,
    from_ox,
    to_ox,
)
from graph.store.sparql_text import one_variable_values, query_form, with_bindings

SCHEME = "sparql+"
INSERT_CHUNK = 500  # triples per INSERT template (see _insert)
_OPERATIONS = " ;\n"
VIRTUOSO_SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
)
N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Endpoints:
    """Where a SPARQL server answers: queries, updates, and maybe the Graph Store Protocol."""

    query: str
    update: str
    graph_store: str | None = None

    @classmethod
    def parse(cls, location: str) -> Endpoints:
        """The endpoints of a store setting ``sparql+http(s)://...?update=...&gsp=...``."""
        if not location.startswith(SCHEME):
            raise StoreUnavailable(
                f"a SPARQL server store is named sparql+http://host/path, got {_shown(location)}"
            )
        parts = urlsplit(location[len(SCHEME) :])
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreUnavailable(
                f"a SPARQL server store is named sparql+http://host/path, got {_shown(location)}"
            )
        if parts.username or parts.password:
            raise StoreUnavailable(
                "put the SPARQL server's credentials in IISGRAPH_STORE_USER and "
                "IISGRAPH_STORE_PASSWORD (or IISGRAPH_STORE_TOKEN), not in the store URL"
            )
        params = parse_qsl(parts.query, keep_blank_values=True)
        ours = {k: v for k, v in params if k in ("update", "gsp")}
        kept = [(k, v) for k, v in params if k not in ("update", "gsp")]
        query = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), ""))
        return cls(query, ours.get("update") or query, ours.get("gsp") or None)


def _shown(location: str) -> str:
    """A store location safe to show: no user info, no query string."""
    parts = urlsplit(location.removeprefix(SCHEME))
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return repr(f"{parts.scheme}://{host}{parts.path}")


def _term(value: dict[str, Any]) -> Node:
    """An rdflib term from a SPARQL JSON result term (Virtuoso's ``typed-literal`` too)."""
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype != str(XSD.string):
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise BadQuery(f"the SPARQL server answered a term of an unknown kind {kind!r}")


class RemoteStore:
    """A ``Store`` on a SPARQL 1.1 server."""

    def __init__(self, location: str, ids: Ids, settings: Settings) -> None:
        self.ids = ids
        self.endpoints = Endpoints.parse(location)
        self.shown = _shown(location)
        self.settings = settings
        self._base = ids.base
        self._version_graph = f"{ids.base}graph/version"
        self._pending_graph = f"{ids.base}graph/pending"

    # -- requests --------------------------------------------------------------------------

    def _client(self, endpoint: str, timeout: float | None = None) -> SPARQLWrapper:
        client = SPARQLWrapper(endpoint)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)  # a direct POST hangs on Virtuoso
        client.setTimeout(int(timeout or self.settings.store_timeout))
        client.setOnlyConneg(True)
        token = self.settings.store_token
        if token is not None:
            client.addCustomHttpHeader("Authorization", f"Bearer {token.get_secret_value()}")
        elif self.settings.store_user is not None:
            password = self.settings.store_password
            secret = password.get_secret_value() if password is not None else ""
            if self.settings.store_auth == "digest":
                client.setHTTPAuth(DIGEST)
                client.setCredentials(self.settings.store_user, secret)
            else:  # SPARQLWrapper's own Basic auth sends it only after a 401: send it at once
                pair = f"{self.settings.store_user}:{secret}".encode()
                client.addCustomHttpHeader(
                    "Authorization", "Basic " + base64.b64encode(pair).decode()
                )
        return client

    def _send(self, client: SPARQLWrapper, what: str) -> bytes:
        """The body of the server's answer."""
        try:
            response = client.query().response
            return bytes(response.read())
        except QueryBadFormed as exc:
            raise BadQuery(
                f"the {what} does not parse or cannot run on the SPARQL server: {_detail(exc)}"
            ) from None
        except WrapperUnauthorized:
            raise Unauthorized(
                f"the SPARQL server at {self.shown} refused the credentials for the {what} "
                "(IISGRAPH_STORE_USER/PASSWORD/TOKEN, IISGRAPH_STORE_AUTH)"
            ) from None
        except EndPointNotFound:
            raise StoreUnavailable(
                f"the SPARQL server at {self.shown} has no endpoint for the {what} (HTTP 404): "
                "check the store URL's path and its update= and gsp= endpoints"
            ) from None
        except EndPointInternalError as exc:
            raise StoreUnavailable(
                f"the SPARQL server at {self.shown} failed on the {what}: {_detail(exc)}"
            ) from None
        except SPARQLWrapperException as exc:
            raise StoreUnavailable(
                f"the SPARQL server at {self.shown} refused the {what}: {_detail(exc)}"
            ) from None
        except TimeoutError:
            raise QueryTimeout(
                f"the SPARQL server at {self.shown} did not answer the {what} in time"
            ) from None
        except urllib.error.HTTPError as exc:
            if exc.code in (401, 403):
                raise Unauthorized(
                    f"the SPARQL server at {self.shown} refused the credentials for the {what}"
                ) from None
            raise StoreUnavailable(
                f"the SPARQL server at {self.shown} answered HTTP {exc.code} to the {what}"
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryTimeout(
                    f"the SPARQL server at {self.shown} did not answer the {what} in time"
                ) from None
            raise StoreUnavailable(
                f"cannot reach the SPARQL server at {self.shown}: {exc.reason}"
            ) from None

    def _graph_store(self, method: str, graph: str, body: bytes | None = None) -> bytes:
        """A Graph Store Protocol request on one graph (GET: a missing graph is empty)."""
        assert self.endpoints.graph_store is not None
        what = "graph read" if method == "GET" else "graph write"
        headers = {}
        if body is None:
            headers["Accept"] = f"{N_TRIPLES}, text/plain;q=0.9, text/turtle;q=0.5"
        else:
            headers["Content-Type"] = N_TRIPLES
        auth: httpx.Auth | None = None
        token = self.settings.store_token
        if token is not None:
            headers["Authorization"] = f"Bearer {token.get_secret_value()}"
        elif self.settings.store_user is not None:
            password = self.settings.store_password
            secret = password.get_secret_value() if password is not None else ""
            if self.settings.store_auth == "digest":
                auth = httpx.DigestAuth(self.settings.store_user, secret)
            else:
                auth = httpx.BasicAuth(self.settings.store_user, secret)
        try:
            response = httpx.request(
                method,
                self.endpoints.graph_store,
                params={"graph": graph},
                content=body,
                headers=headers,
                auth=auth,
                timeout=self.settings.store_timeout,
            )
        except httpx.TimeoutException:
            raise QueryTimeout(
                f"the SPARQL server at {self.shown} did not answer the {what} in time"
            ) from None
        except httpx.HTTPError as exc:
            raise StoreUnavailable(
                f"cannot reach the SPARQL server's graph store at {self.shown}: {exc}"
            ) from None
        if response.status_code == 404 and method == "GET":
            return b""
        if response.status_code in (401, 403):
            raise Unauthorized(
                f"the SPARQL server at {self.shown} refused the credentials for the {what}"
            )
        if response.status_code >= 400:
            detail = " ".join(response.text.split())[:300]
            raise StoreUnavailable(
                f"the SPARQL server at {self.shown} answered HTTP {response.status_code} to "
                f"the {what}: {detail}"
            )
        return response.content

    def _query(
        self,
        query: str,
        accept: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        timeout: float | None = None,
    ) -> bytes:
        client = self._client(self.endpoints.query, timeout)
        client.setQuery(one_variable_values(query))
        client.addCustomHttpHeader("Accept", accept)
        for graph in default_graphs:
            client.addDefaultGraph(graph)
        for graph in named_graphs:
            client.addNamedGraph(graph)
        if timeout is not None:  # Virtuoso stops a query after this many milliseconds
            client.addParameter("timeout", str(int(timeout * 1000)))
        return self._send(client, "query")

    def update(self, text: str) -> None:
        """Run a SPARQL update (one request), stamping the store with a new version in the
        same request: a server answering from its cache sees every change made through
        iisgraph, by any process (not changes made by other tools: docs/remote-store.md)."""
        stamp = (
            f"DELETE WHERE {{ GRAPH <{self._version_graph}> {{ ?s ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{self._version_graph}> {{ <{self._version_graph}> "
            f'<{DCTERMS.identifier}> "{secrets.token_hex(8)}" }} }}'
        )
        client = self._client(self.endpoints.update)
        client.setQuery(one_variable_values(f"{text} ;\n{stamp}"))
        client.queryType = "INSERT"  # an update: sent as update=, not query=
        client.setReturnFormat(JSON)
        self._send(client, "update")

    def _json(self, query: str, **kwargs: Any) -> dict[str, Any]:
        body = self._query(query, "application/sparql-results+json", **kwargs)
        try:
            parsed = json.loads(body)
        except ValueError:
            raise StoreUnavailable(
                f"the SPARQL server at {self.shown} did not answer JSON results"
            ) from None
        assert isinstance(parsed, dict)
        return parsed

    def _graph_triples(self, query: str, **kwargs: Any) -> list[ox.Triple]:
        body = self._query(query, f"{N_TRIPLES}, text/plain;q=0.9, text/turtle;q=0.5", **kwargs)
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
        result = self._json(with_bindings(query, bindings))
        return [
            {name: _term(value) for name, value in row.items()}
            for row in result.get("results", {}).get("bindings", [])
        ]

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        if query_form(query) != "ASK":
            raise BadQuery("expected an ASK query")
        return _boolean(self._json(with_bindings(query, bindings)))

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
        result = self._json(text, timeout=timeout, **dataset)
        if form == "ASK":
            answer = _boolean(result)
            result = {"head": {}, "boolean": answer}
        rows = result.get("results", {}).get("bindings", [])
        if max_results is not None and len(rows) > max_results:
            raise TooLarge(
                f"the query returns more than {max_results} rows, the most this endpoint "
                "returns: narrow it or add a LIMIT"
            )
        # re-read as standard SPARQL JSON (Virtuoso writes "typed-literal") and serialise
        for row in rows:
            for value in row.values():
                if value.get("type") == "typed-literal":
                    value["type"] = "literal"
        standard = {"head": {"vars": result.get("head", {}).get("vars", [])}}
        if "boolean" in result:
            standard["boolean"] = result["boolean"]
        else:
            standard["results"] = {"bindings": rows}
        parsed = ox.parse_query_results(json.dumps(standard).encode(), ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=rfmt) or b"", media_type

    def graphs(self) -> list[str]:
        """The named graphs under the iisgraph base (not the server's own, not the version
        stamp)."""
        rows = self._json(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(STRSTARTS(STR(?g), {json.dumps(self._base)}) "
            f"&& ?g NOT IN (<{self._version_graph}>, <{self._pending_graph}>)) }} ORDER BY ?g"
        )
        return [row["g"]["value"] for row in rows.get("results", {}).get("bindings", [])]

    def source_ids(self) -> list[str]:
        # Found by the source text each source graph holds (the type index), not by every
        # graph of every quad: 0.1 s instead of 34 s on Oxigraph server at 1.3 M quads.
        rows = self._json(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s a <{IIS.SourceText}> }} }}")
        out = set()
        for row in rows.get("results", {}).get("bindings", []):
            source = self.ids.source_id_of_graph(row["g"]["value"])
            if source is not None:
                out.add(source)
        return sorted(out)

    def _triples_of(self, graph: str) -> list[ox.Triple]:
        """Every triple of one named graph (GSP GET where the server has it)."""
        if self.endpoints.graph_store is not None:
            body = self._graph_store("GET", graph)
            return [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
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

    def triple_count(self) -> int:
        rows = self._json(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(STRSTARTS(STR(?g), {json.dumps(self._base)}) "
            f"&& ?g NOT IN (<{self._version_graph}>, <{self._pending_graph}>)) }}"
        )
        found = rows.get("results", {}).get("bindings", [])
        return int(found[0]["n"]["value"]) if found else 0

    def version(self) -> str | None:
        """The stamp of the last change made through iisgraph (one small query)."""
        rows = self._json(
            f"SELECT ?v WHERE {{ GRAPH <{self._version_graph}> "
            f"{{ <{self._version_graph}> <{DCTERMS.identifier}> ?v }} }}"
        )
        found = rows.get("results", {}).get("bindings", [])
        return "remote." + (found[0]["v"]["value"] if found else "0")

    def close(self) -> None:
        pass

    # -- writes ----------------------------------------------------------------------------

    def _instruments_in(self, graph: URIRef) -> set[URIRef]:
        rows = self.select(
            f"SELECT DISTINCT ?i WHERE {{ GRAPH <{graph}> {{ ?i ?p ?o "
            f"FILTER(?p IN (<{IIS.issuer}>, <{IIS.instrumentType}>)) }} }}"
        )
        return {URIRef(str(row["i"])) for row in rows}

    def _same_content(self, graph: URIRef, new: Graph) -> bool:
        old = self._triples_of(str(graph))
        if len(old) != len(new):
            return False
        canonical = ox.Store()
        canonical.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in new)  # type: ignore[arg-type]
        return {_comparable(t.subject, t.predicate, t.object) for t in old} == {
            _comparable(q.subject, q.predicate, q.object) for q in canonical
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
        insert = _insert(name, graph) if graph is not None else None
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
        rows = self._json(f"SELECT ?g WHERE {{ GRAPH <{self._pending_graph}> {{ ?g ?p ?o }} }}")
        return {row["g"]["value"] for row in rows.get("results", {}).get("bindings", [])}

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

    def replace_sources(self, items: list[tuple[str, Graph]]) -> list[ReplaceResult]:
        """Replace several sources in one update request (a bulk load's batch); each is
        marked pending until the request is through, as a single one is."""
        pending = self._pending()
        changed = {
            source_id
            for source_id, graph in items
            if str(self.ids.source_graph(source_id)) in pending
            or not self._same_content(self.ids.source_graph(source_id), graph)
        }
        updates = [self.source_update(sid, graph) for sid, graph in items if sid in changed]
        if updates:
            self.update(PROLOGUE + " ;\n".join(updates))
        if pending:
            self.rederive()
        return [ReplaceResult(sid, sid in changed, len(graph)) for sid, graph in items]

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

    def put_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace a whole named graph: one Graph Store Protocol PUT where the server has
        it, else a drop and inserts of ``INSERT_CHUNK`` triples each."""
        if self.endpoints.graph_store is not None:
            self._graph_store("PUT", str(name), graph.serialize(format="nt").encode())
            return
        self.update(f"DROP SILENT GRAPH <{name}>")
        for operation in _insert(name, graph).split(_OPERATIONS):
            self.update(operation)


_NUMBERS = {str(XSD.integer), str(XSD.decimal), str(XSD.double), str(XSD.float)}


def _comparable(*terms: object) -> tuple[object, ...]:
    """Terms as a server gives them back, numbers by value: Virtuoso keeps "1.0"^^xsd:decimal
    as 1 (xsd:integer)."""
    out: list[object] = []
    for term in terms:
        if isinstance(term, ox.Literal) and term.datatype.value in _NUMBERS:
            try:
                out.append(("number", decimal.Decimal(term.value)))
                continue
            except decimal.InvalidOperation:
                pass
        out.append(term)
    return tuple(out)


def _boolean(result: dict[str, Any]) -> bool:
    """An ASK answer: standard JSON, or Virtuoso's one row of one integer (__ASK_RETVAL)."""
    if "boolean" in result:
        return bool(result["boolean"])
    rows = result.get("results", {}).get("bindings", [])
    values = [v.get("value") for row in rows for v in row.values()]
    return bool(values) and values[0] in ("1", "true")


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


def _insert(name: URIRef, graph: Graph) -> str:
    """The operations adding ``graph`` to the named graph, in one request: templates, not
    INSERT DATA (Virtuoso refuses blank nodes there, and the ontology's OWL lists have them),
    of at most ``INSERT_CHUNK`` triples each (Virtuoso's parser runs out of memory on one
    template of the whole reference data). A blank node is kept within one template: a
    node's triples and the lists it heads go in the same one."""
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
    return " ;\n".join(
        f"INSERT {{ GRAPH <{name}> {{\n{_triples_text(chunk)}\n}} }} WHERE {{}}" for chunk in chunks
    )


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


def _detail(exc: Exception) -> str:
    """The server's own words (its first lines: not the whole query it echoes back)."""
    text = str(exc).split("Response:", 1)[-1].strip()
    if text.startswith(("b'", 'b"')):  # SPARQLWrapper writes the body as a bytes literal
        with contextlib.suppress(ValueError, SyntaxError):
            text = ast.literal_eval(text).decode("utf-8", "replace")
    text = text.split("\nSPARQL query:", 1)[0]
    return " ".join(text.split())[:500]
