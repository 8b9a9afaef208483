"""The timeline: instruments and meetings together, latest first, filtered by organization
(what it or its bodies issued, organized or took part in), state (what it holds or took part
in), topic (instruments with a position on it) and period; a page at a time.

Items without a known year come last: a day without its year is never placed in one."""

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
    values_row,
)
from api.views.describe import INSTRUMENT, MEETING, branch, gathered, labels_of
from graph.namespaces import Ids, T
from graph.store import Store


def timeline(
    store: Store,
    ids: Ids,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
    *,
    organization: str | None = None,
    state: str | None = None,
    topic: str | None = None,
    period: Period = ALL_TIME,
) -> Document:
    bound: dict[str, URIRef | Literal] = {}
    # what narrows first comes first, the class last: started from "every instrument" the
    # engine is 3–8× slower on 10,000 instruments
    instruments, meetings, with_meetings = "", "", True
    if organization:
        org = thing(ids, "organization", organization, "organization")
        what = f"organization {organization!r} (ids as in /organizations)"
        must_exist(store, org, (T.Organization, T.OrganizationalUnit), what)
        bound["organization"] = org
        instruments += " ?organization org:hasUnit? ?by . ?item iis:issuer ?by ."
        meetings += (
            " ?organization org:hasUnit? ?by ."
            " { ?item iis:organizer ?by } UNION { ?item iis:participation/iis:participant ?by }"
        )
    if state:
        iri = thing(ids, "state", state, "state")
        must_exist(store, iri, T.State, f"state {state!r} (an ISO 3166 alpha-3 code)")
        bound["state"] = iri
        instruments += " ?item iis:holder ?state ."
        meetings += " ?item iis:participation/iis:participant ?state ."
    if topic:
        iri = thing(ids, "topic", topic, "topic")
        must_exist(store, iri, T.Topic, f"topic {topic!r} (ids as in /topics)")
        bound["topic"] = iri
        instruments += " ?position iis:topic ?topic ; iis:statedIn ?item ."
        with_meetings = False  # meetings carry no topic: only instruments answer
    dated = period_filter(period, "?item")
    head = values_row(bound)
    # each branch binds the request's values itself: a VALUES outside the union is joined
    # after it, so each branch would first run unbound
    branches = [f"{{ {head} {instruments} ?item a iis:Instrument . {dated} }}"]
    if with_meetings:
        branches.append(f"{{ {head} {meetings} ?item a iis:Meeting . {dated} }}")
    matching = " UNION ".join(branches)
    items = page_items(
        store,
        f"{matching} OPTIONAL {{ ?item dcterms:date ?sortDate }}",
        "DESC(STR(?sortDate)) ?item",
        paging,
    )
    graph = gathered(
        store,
        items_values(items),
        [
            branch("?item a iis:Instrument . BIND(?item AS ?s)", INSTRUMENT),
            branch("?item a iis:Meeting . BIND(?item AS ?s)", MEETING),
            labels_of(
                "?item iis:instrumentType|iis:status|iis:place|iis:issuer|iis:meetingKind"
                "|iis:organizer ?s ."
            ),
        ],
    )
    return page_document(
        graph,
        items,
        count(store, matching),
        paging,
        collection,
        page_iri,
        "Timeline",
        template="timeline.html",
    )
