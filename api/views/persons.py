"""Persons: the people source texts name as acting in the events they report (heads of state,
ministers), each with the state or organization it acts for; the list filters by that actor."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import URIRef

from api.views import (
    Document,
    Paging,
    count,
    items_values,
    page_document,
    page_items,
    values_row,
)
from api.views.describe import LABEL, branch, gathered, labels_of
from api.views.instruments import actor
from graph.namespaces import Ids
from graph.store import Store


def persons(
    store: Store,
    ids: Ids,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
    *,
    acts_for: str | None = None,
) -> Document:
    bound: dict[str, URIRef] = {}
    where = "?item a iis:Person ; foaf:name ?name ."
    if acts_for:
        bound["actor"] = actor(store, ids, acts_for, "acts_for")
        where += " ?item iis:actsFor ?actor ."
    where = values_row(bound) + " " + where
    items = page_items(store, where, "?name ?item", paging)
    graph = gathered(
        store,
        items_values(items),
        [
            branch("BIND(?item AS ?s)", (*LABEL, "foaf:name", "iis:actsFor")),
            labels_of("?item iis:actsFor ?s ."),
        ],
    )
    total = count(store, where)
    return page_document(
        graph, items, total, paging, collection, page_iri, "Persons", template="persons.html"
    )
