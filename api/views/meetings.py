"""Meetings (talks, summits, expert sessions): the list with filters, and one meeting with its
participants and their roles, organizer, place, evidence and sources."""

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
    thing,
    title_of,
    values_row,
)
from api.views.describe import MEETING, SOURCE, branch, evidence_branches, gathered, labels_of
from api.views.instruments import actor
from graph.namespaces import Ids, T
from graph.store import Store


def meetings(
    store: Store,
    ids: Ids,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
    *,
    participant: str | None = None,
    kind: str | None = None,
    date_from: Literal | None = None,
    date_to: Literal | None = None,
) -> Document:
    bound: dict[str, URIRef | Literal] = {}
    where = "?item a iis:Meeting ."
    if participant:
        bound["participant"] = actor(store, ids, participant, "participant")
        where += " ?item iis:participation/iis:participant ?participant ."
    if kind:
        bound["kind"] = thing(ids, "meeting-kind", kind, "kind")
        where += " ?item iis:meetingKind ?kind ."
    if date_from is not None or date_to is not None:
        where += " ?item dcterms:date ?date FILTER(datatype(?date) = xsd:date)"
        if date_from is not None:
            bound["from"] = date_from
            where += " FILTER(?date >= ?from)"
        if date_to is not None:
            bound["to"] = date_to
            where += " FILTER(?date <= ?to)"
    where = values_row(bound) + " " + where + " OPTIONAL { ?item dcterms:date ?sortDate }"
    items = page_items(store, where, "DESC(STR(?sortDate)) ?item", paging)
    graph = gathered(
        store,
        items_values(items),
        [
            branch("BIND(?item AS ?s)", (*MEETING, "iis:participation")),
            branch("?item iis:participation ?s ."),
            labels_of("?item iis:participation/iis:participant ?s ."),
            labels_of("?item iis:meetingKind|iis:place|iis:organizer ?s ."),
        ],
    )
    return page_document(
        graph, items, count(store, where), paging, collection, page_iri, "Meetings"
    )


def meeting(store: Store, iri: URIRef, key: str) -> Document:
    must_exist(store, iri, T.Meeting, f"meeting {key!r}")
    head = values_row({"meeting": iri})
    graph = gathered(
        store,
        head,
        [
            branch("BIND(?meeting AS ?s)"),
            branch("?meeting iis:participation ?s ."),
            labels_of("?meeting iis:participation/(iis:participant|iis:role) ?s ."),
            labels_of("?meeting iis:meetingKind|iis:place|iis:organizer ?s ."),
            *evidence_branches("?meeting"),
            branch("?meeting prov:wasDerivedFrom ?s .", SOURCE),
        ],
    )
    return Document(graph, iri, title_of(graph, iri, key), template="meeting.html")
