"""Sources: the texts the graph was read from, and one source with its text and what was
extracted from it."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Literal, URIRef

from api.views import (
    Document,
    Paging,
    count,
    items_values,
    must_exist,
    page_document,
    page_items,
    title_of,
    values_row,
)
from api.views.describe import INSTRUMENT, MEETING, POSITION, SOURCE, branch, gathered
from graph.errors import BadInput, NotFound
from graph.namespaces import Ids, T
from graph.store import Store


def sources(
    store: Store,
    ids: Ids,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
    language: str | None = None,
) -> Document:
    where = "?item a iis:SourceText ; iis:fileName ?name ."
    if language:
        where = values_row({"language": language_literal(language)}) + where
        where += " ?item dcterms:language ?language ."
    items = page_items(store, where, "?name", paging)
    graph = gathered(store, items_values(items), [branch("BIND(?item AS ?s)", SOURCE)])
    return page_document(graph, items, count(store, where), paging, collection, page_iri, "Sources")


def language_literal(code: str) -> Literal:
    if not code.isalpha() or len(code) > 3:
        raise BadInput(f"language: expected a language code such as ru or en, got {code!r}")
    return Literal(code.lower())


def source(store: Store, ids: Ids, key: str) -> Document:
    try:
        iri = ids.source(key)
    except ValueError:
        raise NotFound(f"there is no source {key!r}") from None
    must_exist(store, iri, T.SourceText, f"source {key!r} (ids as in /sources)")
    graph = gathered(
        store,
        values_row({"source": iri}),
        [
            branch("BIND(?source AS ?s)"),
            branch("?s prov:wasDerivedFrom ?source ; a iis:Instrument .", INSTRUMENT),
            branch("?s prov:wasDerivedFrom ?source ; a iis:Position .", POSITION),
            branch("?s prov:wasDerivedFrom ?source ; a iis:Meeting .", MEETING),
        ],
    )
    return Document(graph, iri, title_of(graph, iri, key))
