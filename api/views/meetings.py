"""Meetings (talks, summits, expert sessions): the list with filters, and one meeting with its
participants and their roles, organizer, place, evidence and sources."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Literal, URIRef

from api.views import (
    ALL_TIME,
    Document,
    Paging,
    Period,
    count,
    items_values,
    must_exist,
    page_document,
    page_items,
    period_filter,
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
    period: Period = ALL_TIME,
) -> Document:
    bound: dict[str, URIRef | Literal] = {}
    where = "?item a iis:Meeting ."
    if participant:
        bound["participant"] = actor(store, ids, participant, "participant")
        where += " ?item iis:participation/iis:participant ?participant ."
    if kind:
        bound["kind"] = thing(ids, "meeting-kind", kind, "kind")
        where += " ?item iis:meetingKind ?kind ."
    where += " " + period_filter(period, "?item")
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
