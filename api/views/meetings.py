"""Meetings (talks, summits, expert sessions): the list with filters, and one meeting with its
participants and their roles, organizer, place, evidence and sources, and the statements its
delegations made there (their interventions) with their positions.

A record yields the meeting and one statement per delegation that took the floor, each made
at the meeting (``iis:madeAt``, written by the extractor: a group speaking through one state,
"on behalf of the Non-Aligned Movement, Indonesia", issues it as the group, not as the
participant). The view lists them under the meeting as ``rdfs:seeAlso``.
"""

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
    rows_values,
    thing,
    title_of,
    values_row,
)
from api.views.describe import (
    INSTRUMENT,
    MEETING,
    POSITION,
    SOURCE,
    branch,
    evidence_branches,
    gathered,
    labels_of,
    link,
)
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


# The statements made at a meeting: its interventions, as the extractor linked them.
INTERVENTIONS = """SELECT DISTINCT ?i WHERE { %s ?i iis:madeAt ?meeting }"""


def interventions(head: str) -> list[str]:
    """The branches of a meeting's interventions (``head``: their VALUES block, ``?i``):
    each statement linked from the meeting, with its issuers, the words that name its speaker,
    its positions, their topics, stances and quotes."""
    return [
        link(head, "?meeting", "rdfs:seeAlso", "?i"),
        branch(f"{head} BIND(?i AS ?s)", (*INSTRUMENT, "iis:evidence", "iis:madeAt")),
        *evidence_branches("?i", head),
        labels_of(f"{head} ?i iis:issuer|iis:instrumentType ?s ."),
        branch(f"{head} ?s iis:statedIn ?i .", POSITION),
        *evidence_branches("?pos", f"{head} ?pos iis:statedIn ?i ."),
        labels_of(f"{head} ?pos iis:statedIn ?i . ?pos iis:topic|iis:stance ?s ."),
    ]


def meeting(store: Store, iri: URIRef, key: str) -> Document:
    must_exist(store, iri, T.Meeting, f"meeting {key!r}")
    head = values_row({"meeting": iri})
    spoken = rows_values(store, ("i",), INTERVENTIONS % head)
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
            *(interventions(spoken) if spoken != "FILTER(false)" else []),
        ],
    )
    return Document(graph, iri, title_of(graph, iri, key), template="meeting.html")
