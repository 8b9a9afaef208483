"""A Graph Store Protocol client (https://www.w3.org/TR/sparql11-http-rdf-update/): one named
graph read with a GET or replaced with a PUT, as N-Triples, over the store's connection pool.

(Through httpx, which sends a PUT's body again after a Digest challenge: urllib's second
send was read by Virtuoso as one triple.)
"""

from __future__ import annotations

from graph.store.http import ServerConnection

__all__ = ["N_TRIPLES", "GraphStore"]

N_TRIPLES = "application/n-triples"
RDF_ACCEPT = f"{N_TRIPLES}, text/plain;q=0.9, text/turtle;q=0.5"


class GraphStore:
    """The named graphs of one server's Graph Store endpoint."""

    def __init__(self, http: ServerConnection, url: str) -> None:
        self.http = http
        self.url = url

    def get(self, graph: str) -> bytes:
        """The graph in N-Triples (or Turtle, whichever the server writes); a missing graph
        is empty."""
        response = self.http.send(
            "GET",
            self.url,
            "graph read",
            params={"graph": graph},
            headers={"Accept": RDF_ACCEPT},
            allowed=(404,),
        )
        return b"" if response.status_code == 404 else response.content

    def put(self, graph: str, n_triples: bytes) -> None:
        """Replace the graph by the N-Triples ``n_triples``."""
        self.http.send(
            "PUT",
            self.url,
            "graph write",
            params={"graph": graph},
            content=n_triples,
            headers={"Content-Type": N_TRIPLES},
        )
