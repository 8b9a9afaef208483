"""Search: states, organizations, instruments and topics whose name contains the words asked,
in English or Russian (labels, alternative names, titles, codes), case-insensitive."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Literal, URIRef

from api.views import (
    PREFIXES,
    Document,
    Paging,
    items_values,
    page_document,
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
    # one scan of the names gives the page and the total (a page and a count would scan twice)
    found = [
        URIRef(str(row["item"]))
        for row in store.select(
            f"{PREFIXES}SELECT DISTINCT ?kind ?item WHERE {{ {where} }} ORDER BY ?kind ?item"
        )
    ]
    found = list(dict.fromkeys(found))
    items = found[paging.offset : paging.offset + paging.per_page]
    graph = gathered(
        store,
        items_values(items),
        [
            branch("BIND(?item AS ?s)", (*INSTRUMENT, *CONCEPT, "skos:altLabel")),
            labels_of("?item iis:instrumentType|iis:issuer ?s ."),
        ],
    )
    total = len(found)
    document = page_document(graph, items, total, paging, collection, page_iri, f"Search: {words}")
    return Document(document.graph, document.root, document.title, template="search.html")
