"""Any other thing with an IRI under the base (a person, a place, a membership, a concept):
what the graph says about it, the names of what it links to, and what links to it."""

from __future__ import annotations

from rdflib import URIRef

from api.views import Document, title_of, values_row
from api.views.describe import branch, gathered, labels_of, link
from graph.errors import NotFound
from graph.store import Store

INCOMING_SHOWN = 500


def thing(store: Store, iri: URIRef, kind: str, key: str) -> Document:
    head = values_row({"thing": iri})
    incoming = f"{{ SELECT ?x ?xp WHERE {{ {head} ?x ?xp ?thing }} LIMIT {INCOMING_SHOWN} }}"
    graph = gathered(
        store,
        head,
        [
            branch("BIND(?thing AS ?s)"),
            labels_of("?thing ?any ?s . FILTER(isIRI(?s))"),
            link(incoming, "?x", "?xp", "?thing"),
            labels_of(f"{incoming} BIND(?x AS ?s)"),
        ],
    )
    if not graph:
        raise NotFound(f"there is no {kind} {key!r}")
    return Document(graph, iri, title_of(graph, iri, f"{kind} {key}"))
