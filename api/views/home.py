"""The entry point: what this service offers, as a ``hydra:EntryPoint`` linking every list."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from api.views import HYDRA, Document, Triples

VOID = "http://rdfs.org/ns/void#"


def home(url: str, lists: Mapping[str, str], sparql: str) -> Document:
    """``lists`` maps a name (states, topics...) to its URL."""
    root = URIRef(url)
    graph = Triples()
    graph.add((root, RDF.type, HYDRA.EntryPoint))
    graph.add((root, DCTERMS.title, Literal("iisgraph", lang="en")))
    graph.add(
        (
            root,
            DCTERMS.description,
            Literal(
                "Who committed to what in international information security: states, "
                "organizations, instruments, meetings and positions, each fact traced to "
                "the text it came from.",
                lang="en",
            ),
        )
    )
    for name, link in lists.items():
        graph.add((root, RDFS.seeAlso, URIRef(link)))
        graph.add((URIRef(link), RDF.type, HYDRA.Collection))
        graph.add((URIRef(link), RDFS.label, Literal(name, lang="en")))
    graph.add((root, URIRef(VOID + "sparqlEndpoint"), URIRef(sparql)))
    return Document(graph, root, "iisgraph")
