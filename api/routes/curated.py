"""The curated endpoints: states, organizations, instruments, agreements, meetings, topics,
positions and sources, as documents (``api/documents.py``) built by views (``api/views/``).

Every list is paginated (``page``, ``per_page``) and filtered by query parameters; every item
answers under its key, with a format suffix if wanted (``/states/RUS.ttl``). Handlers are plain
``def``: the store releases the GIL, so the thread pool serves clients in parallel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse
from rdflib import URIRef

from api.deps import StoreDep
from api.documents import DOCUMENT_CONTENT, SUFFIX_SUMMARY, rendered, split_suffix
from api.views import Paging, date_literal
from api.views import compare as compare_views
from api.views import home as home_views
from api.views import instruments as instrument_views
from api.views import matrix as matrix_views
from api.views import meetings as meeting_views
from api.views import organizations as organization_views
from api.views import positions as position_views
from api.views import search as search_views
from api.views import sources as source_views
from api.views import states as state_views
from api.views import timeline as timeline_views
from api.views import topics as topic_views
from graph.errors import NotFound
from graph.paths import CONTEXT_FILE

router = APIRouter(tags=["curated"])

Page = Annotated[int, Query(ge=1, description="Page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=500, description="Items per page (at most 500)")]
Format = Annotated[
    str | None,
    Query(description="jsonld, ttl, nt, rdf or html: overrides the Accept header"),
]
IssuerQ = Annotated[
    str | None, Query(description="Issued by this state (RUS) or organization (SCO)")
]
HolderQ = Annotated[str | None, Query(description="Held by this state (ISO alpha-3)")]
TopicQ = Annotated[str | None, Query(description="A topic id, e.g. itu-role (see /topics)")]
FromQ = Annotated[
    str | None, Query(alias="from", description="Dated on or after (YYYY-MM-DD or YYYY)")
]
ToQ = Annotated[str | None, Query(description="Dated on or before (YYYY-MM-DD or YYYY)")]


def _list_suffix(ext: str) -> str:
    _, media = split_suffix(f"list.{ext}")
    if media is None:
        raise NotFound(f"unknown format suffix .{ext}; use .jsonld, .ttl, .nt, .rdf or .html")
    return media


def _page_links(request: Request) -> tuple[URIRef, Callable[[int], str]]:
    """The list's IRI (its URL without paging and format) and the IRI of each page."""
    url = request.url.remove_query_params(["page", "format"])
    path = url.path
    stem, media = split_suffix(path.rsplit("/", 1)[-1])
    if media is not None:
        url = url.replace(path=path[: len(path) - len(path.rsplit("/", 1)[-1])] + stem)

    def page_iri(n: int) -> str:
        return str(url.include_query_params(page=n))

    return URIRef(str(url)), page_iri


@router.get(
    "/context.jsonld",
    summary="The JSON-LD context every curated endpoint speaks",
    response_class=FileResponse,
    responses={200: {"content": {"application/ld+json": {}}}},
)
def json_ld_context() -> FileResponse:
    return FileResponse(CONTEXT_FILE, media_type="application/ld+json")


@router.get(
    "/",
    summary="The entry point: links to every list and to the SPARQL endpoint",
    responses=DOCUMENT_CONTENT,
)
def home(request: Request, store: StoreDep, format: Format = None) -> Response:
    lists = {
        name: str(request.url_for(f"list_{name}"))
        for name in (
            "states",
            "organizations",
            "instruments",
            "agreements",
            "meetings",
            "topics",
            "positions",
            "sources",
            "queries",
        )
    }
    document = home_views.home(
        store, str(request.url_for("home")), lists, str(request.url_for("sparql_get"))
    )
    return rendered(document, request)


@router.get(
    "/search",
    summary="States, organizations, instruments and topics by name, in English or Russian",
    responses=DOCUMENT_CONTENT,
)
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(description="Words of a name, title or code (2–200 characters)")],
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    collection, page_iri = _page_links(request)
    document = search_views.search(store, q, Paging(page, per_page), collection, page_iri)
    return rendered(document, request)


@router.get(
    "/matrix",
    summary="States × topics: how many positions of each stance each state holds",
    responses=DOCUMENT_CONTENT,
)
def positions_matrix(
    request: Request,
    store: StoreDep,
    organization: Annotated[
        str | None, Query(description="Only members of this organization (id, e.g. SCO)")
    ] = None,
    on: Annotated[
        str | None, Query(description="With organization: members on this date (YYYY-MM-DD)")
    ] = None,
    date_from: FromQ = None,
    to: ToQ = None,
    format: Format = None,
) -> Response:
    url = URIRef(str(request.url.remove_query_params(["format", "lang"])))
    document = matrix_views.matrix(
        store,
        store.ids,
        url,
        organization=organization,
        on=date_literal("on", on),
        date_from=date_literal("from", date_from),
        date_to=date_literal("to", to),
    )
    return rendered(document, request)


@router.get(
    "/compare",
    summary="Two to four states side by side: positions by topic and stance, latest quotes",
    responses=DOCUMENT_CONTENT,
)
def compare_states(
    request: Request,
    store: StoreDep,
    states: Annotated[
        list[str],
        Query(description="Two to four state codes: RUS,CHN or states=RUS&states=CHN"),
    ] = [],  # noqa: B006 (FastAPI copies a default; none asked: the page shows its form)
    format: Format = None,
) -> Response:
    url = URIRef(str(request.url.remove_query_params(["format", "lang"])))
    codes = compare_views.states_compared(states)
    return rendered(compare_views.comparison(store, store.ids, url, codes), request)


@router.get(
    "/timeline",
    summary="Instruments and meetings, latest first, by organization, state, topic, period",
    responses=DOCUMENT_CONTENT,
)
def timeline(
    request: Request,
    store: StoreDep,
    organization: Annotated[
        str | None,
        Query(description="Issued, organized or attended by this organization or its bodies"),
    ] = None,
    state: Annotated[
        str | None, Query(description="Held or attended by this state (ISO alpha-3)")
    ] = None,
    topic: Annotated[
        str | None, Query(description="Instruments with a position on this topic (no meetings)")
    ] = None,
    date_from: FromQ = None,
    to: ToQ = None,
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    collection, page_iri = _page_links(request)
    document = timeline_views.timeline(
        store,
        store.ids,
        Paging(page, per_page),
        collection,
        page_iri,
        organization=organization,
        state=state,
        topic=topic,
        date_from=date_literal("from", date_from),
        date_to=date_literal("to", to),
    )
    return rendered(document, request)


# -- states ---------------------------------------------------------------------------------


@router.get(
    "/states",
    summary="States, filtered by membership of an organization",
    responses=DOCUMENT_CONTENT,
)
@router.get("/states.{ext}", summary=SUFFIX_SUMMARY, responses=DOCUMENT_CONTENT)
def list_states(
    request: Request,
    store: StoreDep,
    ext: str | None = None,
    organization: Annotated[
        str | None, Query(description="Only members of this organization (id, e.g. SCO)")
    ] = None,
    on: Annotated[
        str | None, Query(description="With organization: members on this date (YYYY-MM-DD)")
    ] = None,
    region: Annotated[
        str | None,
        Query(description="In this UN M49 region or subregion (asia, central-asia...)"),
    ] = None,
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    collection, page_iri = _page_links(request)
    document = state_views.states(
        store,
        store.ids,
        Paging(page, per_page),
        collection,
        page_iri,
        organization=organization,
        on=date_literal("on", on),
        region=region,
    )
    return rendered(document, request, _list_suffix(ext) if ext else None)


@router.get(
    "/states/{code}",
    summary="A state: names, memberships, instruments it holds and how, positions with "
    "evidence, instruments issued, meetings attended",
    responses=DOCUMENT_CONTENT,
)
def get_state(request: Request, store: StoreDep, code: str, format: Format = None) -> Response:
    key, media = split_suffix(code)
    see_also = [
        str(request.url_for("list_instruments").include_query_params(holder=key)),
        str(request.url_for("list_positions").include_query_params(state=key)),
        str(request.url_for("list_meetings").include_query_params(participant=key)),
    ]
    return rendered(state_views.state(store, store.ids, key, see_also), request, media)


# -- organizations --------------------------------------------------------------------------


@router.get("/organizations", summary="Organizations", responses=DOCUMENT_CONTENT)
@router.get("/organizations.{ext}", summary=SUFFIX_SUMMARY, responses=DOCUMENT_CONTENT)
def list_organizations(
    request: Request,
    store: StoreDep,
    ext: str | None = None,
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    collection, page_iri = _page_links(request)
    document = organization_views.organizations(
        store, store.ids, Paging(page, per_page), collection, page_iri
    )
    return rendered(document, request, _list_suffix(ext) if ext else None)


@router.get(
    "/organizations/{key}",
    summary="An organization: units, members over time, instruments issued, meetings organized",
    responses=DOCUMENT_CONTENT,
)
def get_organization(
    request: Request, store: StoreDep, key: str, format: Format = None
) -> Response:
    key, media = split_suffix(key)
    return rendered(organization_views.organization(store, store.ids, key), request, media)


# -- instruments and agreements ---------------------------------------------------------------


def _instruments(
    request: Request,
    store: StoreDep,
    ext: str | None,
    agreements_only: bool,
    type: str | None,
    status: str | None,
    issuer: str | None,
    holder: str | None,
    topic: str | None,
    date_from: str | None,
    to: str | None,
    page: int,
    per_page: int,
) -> Response:
    collection, page_iri = _page_links(request)
    document = instrument_views.instruments(
        store,
        store.ids,
        Paging(page, per_page),
        collection,
        page_iri,
        agreements_only=agreements_only,
        type_=type,
        status=status,
        issuer=issuer,
        holder=holder,
        topic=topic,
        date_from=date_literal("from", date_from),
        date_to=date_literal("to", to),
    )
    return rendered(document, request, _list_suffix(ext) if ext else None)


@router.get(
    "/instruments",
    summary="Instruments (statements, declarations, agreements...), latest first",
    responses=DOCUMENT_CONTENT,
)
@router.get("/instruments.{ext}", summary=SUFFIX_SUMMARY, responses=DOCUMENT_CONTENT)
def list_instruments(
    request: Request,
    store: StoreDep,
    ext: str | None = None,
    type: Annotated[
        str | None, Query(description="Instrument type id, e.g. joint-statement")
    ] = None,
    status: Annotated[str | None, Query(description="Status id, e.g. adopted")] = None,
    issuer: IssuerQ = None,
    holder: HolderQ = None,
    topic: TopicQ = None,
    date_from: FromQ = None,
    to: ToQ = None,
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    return _instruments(
        request,
        store,
        ext,
        False,
        type,
        status,
        issuer,
        holder,
        topic,
        date_from,
        to,
        page,
        per_page,
    )


@router.get(
    "/instruments/{key}",
    summary="An instrument: type, status, date, place, issuers, holders (named or through "
    "membership), positions with evidence, agreements referred to, sources",
    responses=DOCUMENT_CONTENT,
)
def get_instrument(request: Request, store: StoreDep, key: str, format: Format = None) -> Response:
    key, media = split_suffix(key)
    iri = _thing(store, "instrument", key)
    return rendered(instrument_views.instrument(store, iri, key), request, media)


@router.get("/agreements", summary="Agreements, latest first", responses=DOCUMENT_CONTENT)
@router.get("/agreements.{ext}", summary=SUFFIX_SUMMARY, responses=DOCUMENT_CONTENT)
def list_agreements(
    request: Request,
    store: StoreDep,
    ext: str | None = None,
    status: Annotated[str | None, Query(description="Status id, e.g. in-force")] = None,
    issuer: IssuerQ = None,
    holder: HolderQ = None,
    date_from: FromQ = None,
    to: ToQ = None,
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    return _instruments(
        request,
        store,
        ext,
        True,
        None,
        status,
        issuer,
        holder,
        None,
        date_from,
        to,
        page,
        per_page,
    )


@router.get(
    "/agreements/{key}",
    summary="An agreement of the reference data (e.g. sco-2009-iis), with what refers to it",
    responses=DOCUMENT_CONTENT,
)
def get_agreement(request: Request, store: StoreDep, key: str, format: Format = None) -> Response:
    key, media = split_suffix(key)
    iri = _thing(store, "agreement", key)
    return rendered(instrument_views.instrument(store, iri, key), request, media)


def _thing(store: StoreDep, kind: str, key: str) -> URIRef:
    try:
        return store.ids.thing(kind, key)
    except ValueError:
        raise NotFound(f"there is no {kind} {key!r}") from None


# -- meetings -------------------------------------------------------------------------------


@router.get("/meetings", summary="Meetings, latest first", responses=DOCUMENT_CONTENT)
@router.get("/meetings.{ext}", summary=SUFFIX_SUMMARY, responses=DOCUMENT_CONTENT)
def list_meetings(
    request: Request,
    store: StoreDep,
    ext: str | None = None,
    participant: Annotated[
        str | None, Query(description="With this state (RUS) or organization (SCO) taking part")
    ] = None,
    kind: Annotated[str | None, Query(description="Meeting kind id, e.g. talks")] = None,
    date_from: FromQ = None,
    to: ToQ = None,
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    collection, page_iri = _page_links(request)
    document = meeting_views.meetings(
        store,
        store.ids,
        Paging(page, per_page),
        collection,
        page_iri,
        participant=participant,
        kind=kind,
        date_from=date_literal("from", date_from),
        date_to=date_literal("to", to),
    )
    return rendered(document, request, _list_suffix(ext) if ext else None)


@router.get(
    "/meetings/{key}",
    summary="A meeting: kind, date, place, organizer, participants and roles, evidence",
    responses=DOCUMENT_CONTENT,
)
def get_meeting(request: Request, store: StoreDep, key: str, format: Format = None) -> Response:
    key, media = split_suffix(key)
    iri = _thing(store, "meeting", key)
    return rendered(meeting_views.meeting(store, iri, key), request, media)


# -- topics and positions -------------------------------------------------------------------


@router.get(
    "/topics", summary="Topics, with positions counted by stance", responses=DOCUMENT_CONTENT
)
@router.get("/topics.{ext}", summary=SUFFIX_SUMMARY, responses=DOCUMENT_CONTENT)
def list_topics(
    request: Request,
    store: StoreDep,
    ext: str | None = None,
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    collection, page_iri = _page_links(request)
    document = topic_views.topics(store, store.ids, Paging(page, per_page), collection, page_iri)
    return rendered(document, request, _list_suffix(ext) if ext else None)


@router.get("/topics/{key}", summary="A topic, its counts and links", responses=DOCUMENT_CONTENT)
def get_topic(request: Request, store: StoreDep, key: str, format: Format = None) -> Response:
    key, media = split_suffix(key)
    document = topic_views.topic(
        store,
        store.ids,
        key,
        str(request.url_for("topic_supporters", key=key)),
        str(request.url_for("list_positions").include_query_params(topic=key)),
    )
    return rendered(document, request, media)


@router.get(
    "/topics/{key}/supporters",
    summary="Which states hold a stance on the topic: each with the instruments, dates and "
    "quotes, and how it is bound (named in the text, or a member of an organization on the date)",
    responses=DOCUMENT_CONTENT,
)
def topic_supporters(
    request: Request,
    store: StoreDep,
    key: str,
    stance: Annotated[
        str, Query(description="supports, opposes or concerned (see /stances in vocabulary)")
    ] = "supports",
    date_from: FromQ = None,
    to: ToQ = None,
    instruments_per_state: Annotated[
        int,
        Query(
            ge=1,
            le=200,
            description="Most instruments shown per state, latest first (each state links to "
            "all its positions on the topic)",
        ),
    ] = 5,
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    collection, page_iri = _page_links(request)
    period = {k: v for k, v in (("from", date_from), ("to", to)) if v}

    def positions_url(code: str) -> str:
        url = request.url_for("list_positions").include_query_params(
            state=code, topic=key, stance=stance, **period
        )
        return str(url)

    document = topic_views.supporters(
        store,
        store.ids,
        key,
        Paging(page, per_page),
        collection,
        page_iri,
        stance=stance,
        date_from=date_literal("from", date_from),
        date_to=date_literal("to", to),
        per_state=instruments_per_state,
        positions_url=positions_url,
    )
    return rendered(document, request)


@router.get(
    "/positions",
    summary="Positions with their evidence, latest first, by state, topic, stance and date",
    responses=DOCUMENT_CONTENT,
)
@router.get("/positions.{ext}", summary=SUFFIX_SUMMARY, responses=DOCUMENT_CONTENT)
def list_positions(
    request: Request,
    store: StoreDep,
    ext: str | None = None,
    state: Annotated[
        str | None, Query(description="Held by this state (named or through membership)")
    ] = None,
    topic: TopicQ = None,
    stance: Annotated[str | None, Query(description="supports, opposes or concerned")] = None,
    date_from: FromQ = None,
    to: ToQ = None,
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    collection, page_iri = _page_links(request)
    document = position_views.positions(
        store,
        store.ids,
        Paging(page, per_page),
        collection,
        page_iri,
        state=state,
        topic=topic,
        stance=stance,
        date_from=date_literal("from", date_from),
        date_to=date_literal("to", to),
    )
    return rendered(document, request, _list_suffix(ext) if ext else None)


@router.get(
    "/positions/{key:path}",
    summary="A position: topic, stance, instrument, evidence",
    responses=DOCUMENT_CONTENT,
)
def get_position(request: Request, store: StoreDep, key: str, format: Format = None) -> Response:
    key, media = split_suffix(key)
    iri = _thing(store, "position", key)
    return rendered(position_views.position(store, iri, key), request, media)


# -- sources --------------------------------------------------------------------------------


@router.get("/sources", summary="The source texts", responses=DOCUMENT_CONTENT)
@router.get("/sources.{ext}", summary=SUFFIX_SUMMARY, responses=DOCUMENT_CONTENT)
def list_sources(
    request: Request,
    store: StoreDep,
    ext: str | None = None,
    language: Annotated[str | None, Query(description="Language code: ru, en")] = None,
    page: Page = 1,
    per_page: PerPage = 50,
    format: Format = None,
) -> Response:
    collection, page_iri = _page_links(request)
    document = source_views.sources(
        store, store.ids, Paging(page, per_page), collection, page_iri, language
    )
    return rendered(document, request, _list_suffix(ext) if ext else None)


@router.get(
    "/sources/{key}",
    summary="A source: its text, language, publisher, date, and what was read from it",
    responses=DOCUMENT_CONTENT,
)
def get_source(request: Request, store: StoreDep, key: str, format: Format = None) -> Response:
    key, media = split_suffix(key)
    return rendered(source_views.source(store, store.ids, key), request, media)
