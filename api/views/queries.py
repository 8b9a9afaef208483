"""The named queries of ``queries/`` as linked data: title, description, text and typed
parameters (a ``hydra:IriTemplateMapping`` each), so clients can list and run them."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from api.views import HYDRA, Document, Triples
from graph.namespaces import IIS, SH
from graph.queries import SCALAR_TYPES, NamedQuery, named_queries

RANGES = {"iri": RDFS.Resource, "string": XSD.string, "date": XSD.date, "integer": XSD.integer}
SCHEMA = Namespace("https://schema.org/")


def _class_of(kind: str) -> URIRef:
    # a kind of thing (topic, state, instrument-type...) → its class in the ontology
    return IIS["".join(part.capitalize() for part in kind.split("-"))]


def described(graph: Triples, query: NamedQuery, iri: URIRef) -> None:
    form = "select" if "SELECT" in query.text.upper() else "construct"
    graph.add((iri, RDF.type, SH.SPARQLExecutable))
    graph.add((iri, DCTERMS.identifier, Literal(query.name)))
    graph.add((iri, DCTERMS.title, Literal(query.title, lang="en")))
    if query.description:
        graph.add((iri, DCTERMS.description, Literal(query.description, lang="en")))
    graph.add((iri, SH[form], Literal(query.text)))
    for param in query.params:
        node = URIRef(f"{iri}#{param.name}")
        graph.add((iri, HYDRA.mapping, node))
        graph.add((node, RDF.type, HYDRA.IriTemplateMapping))
        graph.add((node, HYDRA.variable, Literal(param.name)))
        graph.add((node, HYDRA.required, Literal(param.default is None)))
        kind = RANGES[param.type] if param.type in SCALAR_TYPES else _class_of(param.type)
        graph.add((node, RDFS.range, kind))
        if param.description:
            graph.add((node, RDFS.comment, Literal(param.description, lang="en")))
        if param.default is not None:
            graph.add((node, SCHEMA.defaultValue, Literal(param.default)))


def queries(collection: URIRef, url_of: Callable[[str], str]) -> Document:
    graph = Triples()
    graph.add((collection, RDF.type, HYDRA.Collection))
    listed = named_queries()
    graph.add((collection, HYDRA.totalItems, Literal(len(listed))))
    for query in listed:
        iri = URIRef(url_of(query.name))
        graph.add((collection, HYDRA.member, iri))
        described(graph, query, iri)
    return Document(graph, collection, "Named queries")
