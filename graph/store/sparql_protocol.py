"""A SPARQL 1.1 Protocol client (https://www.w3.org/TR/sparql11-protocol/): queries and
updates sent to a server's endpoints as form POSTs, in the server's dialect.

Form POSTs, not ``application/sparql-query`` bodies: the protocol lets a client choose, and
Virtuoso 7.2 hangs on the second. Results are asked for by ``Accept`` alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from graph.errors import StoreUnavailable
from graph.store.http import ServerConnection
from graph.store.server import Dialect, Endpoints
from graph.store.sparql_text import query_form

__all__ = ["SPARQL_JSON", "SparqlProtocol"]

SPARQL_JSON = "application/sparql-results+json"


class SparqlProtocol:
    """Queries and updates on one server, over its connection pool."""

    def __init__(self, http: ServerConnection, endpoints: Endpoints, dialect: Dialect) -> None:
        self.http = http
        self.endpoints = endpoints
        self.dialect = dialect

    def query(
        self,
        query: str,
        accept: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        timeout: float | None = None,
    ) -> bytes:
        """The body of the server's answer to a query; ``default_graphs`` and
        ``named_graphs`` are the protocol's dataset, ``timeout`` stops it (``QueryTimeout``)."""
        form: dict[str, str | list[str]] = {"query": self.dialect.text(query)}
        if default_graphs:
            form["default-graph-uri"] = list(default_graphs)
        if named_graphs:
            form["named-graph-uri"] = list(named_graphs)
        form.update(self.dialect.timeout_parameters(timeout))
        response = self.http.send(
            "POST",
            self.endpoints.query,
            "query",
            data=form,
            headers={"Accept": accept},
            timeout=timeout,
        )
        return response.content

    def results(self, query: str, **dataset: Any) -> dict[str, Any]:
        """The results of a SELECT or ASK query as standard SPARQL JSON
        (https://www.w3.org/TR/sparql11-results-json/), whatever the server wrote: Virtuoso
        writes the legacy ``typed-literal`` terms, and answers an ASK as one row of one
        integer (``__ask_retval``)."""
        body = self.query(query, SPARQL_JSON, **dataset)
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            raise StoreUnavailable(
                f"the SPARQL server at {self.http.shown} did not answer JSON results"
            )
        rows = parsed.get("results", {}).get("bindings", [])
        if query_form(query) == "ASK":
            if "boolean" in parsed:
                return {"head": {}, "boolean": bool(parsed["boolean"])}
            values = [value.get("value") for row in rows for value in row.values()]
            return {"head": {}, "boolean": bool(values) and values[0] in ("1", "true")}
        for row in rows:
            for value in row.values():
                if value.get("type") == "typed-literal":
                    value["type"] = "literal"
        names = parsed.get("head", {}).get("vars", [])
        return {"head": {"vars": names}, "results": {"bindings": rows}}

    def update(self, update: str) -> None:
        """Run an update (one request)."""
        self.http.send(
            "POST",
            self.endpoints.update,
            "update",
            data={"update": self.dialect.text(update)},
            headers={"Accept": f"{SPARQL_JSON}, */*;q=0.1"},
        )
