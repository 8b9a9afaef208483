"""Search: states, organizations, instruments and topics whose name contains the words asked,
in English or Russian (labels, alternative names, titles, codes), case-insensitive."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Literal, URIRef

from api.views import (
    Document,
    Paging,
    count,
    items_values,
    page_document,
    page_items,
    values_row,
)
from api.views.describe import CONCEPT, INSTRUMENT, branch, gathered, labels_of
from graph.errors import BadInput
from graph.store import Store

KINDS = "iis:State iis:Organization iis:Instrument iis:Topic"
NAMES = "rdfs:label, skos:prefLabel, skos:altLabel, skos:hiddenLabel, dcterms:title, iis:publicId"


def search(
    store: Store,
    text: str,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
) -> Document:
    words = " ".join(text.split())
    if len(words) < 2:
        raise BadInput("q: give at least two letters to search for")
    if len(words) > 200:
        raise BadInput("q: at most 200 characters")
    where = (
        values_row({"q": Literal(words.lower())})
        + f" VALUES ?kind {{ {KINDS} }} ?item a ?kind ; ?p ?name "
        f"FILTER(?p IN ({NAMES})) FILTER(CONTAINS(LCASE(STR(?name)), ?q))"
    )
    items = page_items(store, where, "?kind ?item", paging)
    graph = gathered(
        store,
        items_values(items),
        [
            branch("BIND(?item AS ?s)", (*INSTRUMENT, *CONCEPT, "skos:altLabel")),
            labels_of("?item iis:instrumentType|iis:issuer ?s ."),
        ],
    )
    total = count(store, where)
    document = page_document(graph, items, total, paging, collection, page_iri, f"Search: {words}")
    return Document(document.graph, document.root, document.title, template="search.html")
