"""Which SPARQL server a remote store talks to: its endpoints, as the store setting names them,
and its dialect, the quirks iisgraph works around for it (``docs/remote-store.md``).

>>> endpoints = Endpoints.parse("sparql+http://127.0.0.1:7878/query?update=http://127.0.0.1:7878/update")
>>> dialect_for(endpoints, "auto").name
'oxigraph'
>>> dialect_for(endpoints, "generic").name
'generic'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from graph.errors import StoreUnavailable
from graph.store.sparql_text import one_variable_values

SCHEME = "sparql+"

__all__ = ["DIALECTS", "SCHEME", "Dialect", "Endpoints", "dialect_for", "shown"]


@dataclass(frozen=True)
class Endpoints:
    """Where a SPARQL server answers: queries, updates, and maybe the Graph Store Protocol."""

    query: str
    update: str
    graph_store: str | None = None

    @classmethod
    def parse(cls, location: str) -> Endpoints:
        """The endpoints of a store setting ``sparql+http(s)://...?update=...&gsp=...``."""
        named = f"a SPARQL server store is named sparql+http://host/path, got {shown(location)}"
        if not location.startswith(SCHEME):
            raise StoreUnavailable(named)
        parts = urlsplit(location[len(SCHEME) :])
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreUnavailable(named)
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

    def all(self) -> list[str]:
        return [self.query, self.update, *([self.graph_store] if self.graph_store else [])]


def shown(location: str) -> str:
    """A store location safe to show: no user info, no query string."""
    parts = urlsplit(location.removeprefix(SCHEME))
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return repr(f"{parts.scheme}://{host}{parts.path}")


_WHOLE_DECIMAL = re.compile(r'(?<!\\)"(-?\d+)"\^\^<(http://www\.w3\.org/2001/XMLSchema#decimal)>')


@dataclass(frozen=True)
class Dialect:
    """What a server needs beyond the SPARQL 1.1 standards. Every flag is a measured bug or
    extension of one server (Virtuoso 7.2.5's are listed in ``docs/remote-store.md``); a
    ``generic`` server gets standard SPARQL only."""

    name: str
    # Virtuoso 7.2 fails on a one-row VALUES of several variables ("no SPART_VARR_FIXED"):
    # such rows are sent as one VALUES per variable (the same solutions).
    split_values_rows: bool = False
    # Virtuoso stops a query after its ``timeout`` parameter's milliseconds (Fuseki reads
    # a parameter of that name as seconds: it is sent to Virtuoso only).
    timeout_parameter: bool = False
    # Virtuoso refuses blank nodes in INSERT DATA ("not allowed in a constant clause"):
    # inserts are sent as ``INSERT { ... } WHERE {}`` templates.
    insert_templates: bool = False
    # Virtuoso turns a decimal written without a point ("1"^^xsd:decimal) into an integer, and
    # gives "1.0" back as "1"^^xsd:decimal: whole decimals are sent with ".0".
    decimal_point: bool = False
    # Virtuoso runs a request holding several sources' changes far slower than the same
    # changes sent one by one (three seed sources, one of them a report lacking the year:
    # over 120 s and "SR171: Transaction timed out", against 5 s), and it runs each operation
    # of a request on its own anyway: a batch of sources is sent one request per source.
    source_per_request: bool = False

    def text(self, query_or_update: str) -> str:
        """A query or update as this server must be sent it."""
        if self.split_values_rows:
            return one_variable_values(query_or_update)
        return query_or_update

    def timeout_parameters(self, timeout: float | None) -> dict[str, str]:
        """Request parameters that make the server itself stop a query after ``timeout``."""
        if timeout is None or not self.timeout_parameter:
            return {}
        return {"timeout": str(int(timeout * 1000))}

    def insert(self, graph: str, triples: str) -> str:
        """The operation adding ``triples`` (N-Triples lines) to the named graph."""
        triples = self.triples(triples)
        if self.insert_templates:
            return f"INSERT {{ GRAPH <{graph}> {{\n{triples}\n}} }} WHERE {{}}"
        return f"INSERT DATA {{ GRAPH <{graph}> {{\n{triples}\n}} }}"

    def triples(self, ntriples: str) -> str:
        """N-Triples as this server must be sent them to keep every term as written.

        >>> xsd = "<http://www.w3.org/2001/XMLSchema#decimal>"
        >>> DIALECTS["virtuoso"].triples(f'<a> <b> "1"^^{xsd} .') == f'<a> <b> "1.0"^^{xsd} .'
        True
        """
        if self.decimal_point:
            return _WHOLE_DECIMAL.sub(r'"\1.0"^^<\2>', ntriples)
        return ntriples


DIALECTS = {
    "virtuoso": Dialect(
        "virtuoso",
        split_values_rows=True,
        timeout_parameter=True,
        insert_templates=True,
        decimal_point=True,
        source_per_request=True,
    ),
    "oxigraph": Dialect("oxigraph"),
    "generic": Dialect("generic"),
}
# Virtuoso's own endpoint paths (its updates need /sparql-auth, its Graph Store is
# /sparql-graph-crud) and Oxigraph server's (/query, /update, /store at the root).
_VIRTUOSO_PATHS = {"/sparql-auth", "/sparql-graph-crud", "/sparql-graph-crud-auth"}
_OXIGRAPH_PATHS = {"/query", "/update", "/store"}
VIRTUOSO_PORT = 8890  # its default HTTP port


def dialect_for(endpoints: Endpoints, setting: str) -> Dialect:
    """The dialect the setting names, or for ``auto`` the one the endpoints tell (Virtuoso's
    ``/sparql-auth`` or ``/sparql-graph-crud``, or its port 8890; Oxigraph server's root
    ``/query``); any other server is ``generic``."""
    if setting != "auto":
        if setting not in DIALECTS:
            raise StoreUnavailable(
                f"unknown SPARQL server dialect {setting!r}: "
                "use auto, " + ", ".join(sorted(DIALECTS))
            )
        return DIALECTS[setting]
    paths = {urlsplit(url).path.rstrip("/") for url in endpoints.all()}
    if paths & _VIRTUOSO_PATHS or urlsplit(endpoints.query).port == VIRTUOSO_PORT:
        return DIALECTS["virtuoso"]
    if urlsplit(endpoints.query).path == "/query" and paths <= _OXIGRAPH_PATHS:
        return DIALECTS["oxigraph"]
    return DIALECTS["generic"]
