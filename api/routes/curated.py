"""The curated endpoints: states, organizations, instruments, agreements, meetings, topics,
positions and sources, as documents (``api/documents.py``) built by views (``api/views/``).

Every list takes one ``ListRequest`` (``api/params.py``: page, format, period, checked there)
and its own filters; every item answers under its key, with a format suffix if wanted
(``/states/RUS.ttl``). Handlers are plain ``def``: the store releases the GIL, so the thread
pool serves clients in parallel.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse
from rdflib import URIRef

from api.deps import FinderDep, StoreDep
from api.documents import DOCUMENT_CONTENT, rendered, split_suffix
from api.links import url_for
from api.params import (
    SUFFIXED,
    DatedListDep,
    FormatDep,
    HolderQ,
    IssuerQ,
    ListDep,
    MembersOfQ,
    OnQ,
    PeriodDep,
    StanceQ,
    TopicQ,
    key,
    state_code,
)
from api.views import agreements as agreement_views
from api.views import compare as compare_views
from api.views import date_literal, replaced_by
from api.views import home as home_views
from api.views import instruments as instrument_views
from api.views import matrix as matrix_views
from api.views import meetings as meeting_views
from api.views import organizations as organization_views
from api.views import persons as person_views
from api.views import positions as position_views
from api.views import search as search_views
from api.views import sources as source_views
from api.views import states as state_views
from api.views import timeline as timeline_views
from api.views import topics as topic_views
from graph.errors import NotFound
from graph.namespaces import T
from graph.paths import CONTEXT_FILE

MOVED: dict[int | str, dict[str, Any]] = {
    301: {"description": "The key changed: Location gives the new one (an old IRI kept answering)"}
}


ReviewedQ = Annotated[
    Literal["only"] | None,
    Query(
        description="only: from positions curators confirmed, corrected or added (docs/"
        "curation.md); without it, every position no curator rejected"
    ),
]

router = APIRouter(tags=["curated"])


@lru_cache(maxsize=1)
def _context() -> tuple[bytes, str]:
    body = CONTEXT_FILE.read_bytes()
    return body, f'"{hashlib.sha256(body).hexdigest()[:32]}"'


@router.get(
    "/context.jsonld",
    summary="The JSON-LD context every curated endpoint speaks (the @context IRI "
    "{base}context.jsonld); cacheable: ETag, Cache-Control, 304 to If-None-Match",
    responses={200: {"content": {"application/ld+json": {}}}, 304: {"description": "Unchanged"}},
)
def json_ld_context(request: Request) -> Response:
    body, etag = _context()
    # it changes only with a new version of iisgraph: kept a day, then revalidated
    headers = {"ETag": etag, "Cache-Control": "public, max-age=86400"}
    if etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/ld+json", headers=headers)


@router.get(
    "/",
    summary="The entry point: links to every list and to the SPARQL endpoint",
    responses=DOCUMENT_CONTENT,
)
def home(request: Request, store: StoreDep, media: FormatDep) -> Response:
    lists = {
        name: str(url_for(request, f"list_{name}"))
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
        store, str(url_for(request, "home")), lists, str(url_for(request, "sparql_get"))
    )
    return rendered(document, request, media)


@router.get(
    "/search",
    summary="States, organizations, agreements, topics, instruments, meetings and persons by "
    "the words of a name, title, alias, code, place or year, in English or Russian, best first",
    responses=DOCUMENT_CONTENT,
)
def search(
    request: Request,
    store: StoreDep,
    finder: FinderDep,
    listing: ListDep,
    q: Annotated[
        str,
        Query(
            title="Search",
            description="Words, each of a name, title, alias, code, place or year, in any "
            "case (2–200 characters): SCO 2009, Moldova CIS, заявление ОДКБ",
        ),
    ],
) -> Response:
    document = search_views.search(
        store, finder, q, listing.paging, listing.collection, listing.page_iri
    )
    return rendered(document, request, listing.media)


@router.get(
    "/matrix",
    summary="States × topics: how many positions of each stance each state holds",
    responses=DOCUMENT_CONTENT,
)
def positions_matrix(
    request: Request,
    store: StoreDep,
    media: FormatDep,
    period: PeriodDep,
    organization: MembersOfQ = None,
    on: OnQ = None,
) -> Response:
    url = URIRef(str(request.url.remove_query_params(["format", "lang"])))
    document = matrix_views.matrix(
        store,
        store.ids,
        url,
        organization=organization,
        on=date_literal("on", on),
        period=period,
    )
    return rendered(document, request, media)


@router.get(
    "/compare",
    summary="Two to four states side by side: positions by topic and stance, latest quotes",
    responses=DOCUMENT_CONTENT,
)
def compare_states(
    request: Request,
    store: StoreDep,
    media: FormatDep,
    states: Annotated[
        list[str],
        Query(
            description="Two to four state codes: RUS,CHN or states=RUS&states=CHN (one: "
            "nothing compared yet, the page offers the others)"
        ),
    ] = [],  # noqa: B006 (FastAPI copies a default; none asked: the page shows its form)
    differ: Annotated[
        bool, Query(description="The page: only the topics where the states differ")
    ] = False,
) -> Response:
    url = URIRef(str(request.url.remove_query_params(["format", "lang"])))
    codes = compare_views.states_compared(states)
    return rendered(compare_views.comparison(store, store.ids, url, codes), request, media)


@router.get(
    "/timeline",
    summary="Instruments and meetings, latest first, by organization, state, topic, period",
    responses=DOCUMENT_CONTENT,
)
def timeline(
    request: Request,
    store: StoreDep,
    listing: DatedListDep,
    organization: Annotated[
        str | None,
        key("Issued, organized or attended by this organization or its bodies", "SCO"),
    ] = None,
    state: Annotated[str | None, state_code("Held or attended by this state (ISO alpha-3)")] = None,
    topic: Annotated[
        str | None, key("Instruments with a position on this topic (no meetings)", "itu-role")
    ] = None,
) -> Response:
    document = timeline_views.timeline(
        store,
        store.ids,
        listing.paging,
        listing.collection,
        listing.page_iri,
        organization=organization,
        state=state,
        topic=topic,
        period=listing.period,
    )
    return rendered(document, request, listing.media)


def _thing(store: StoreDep, kind: str, key: str) -> URIRef:
    try:
        return store.ids.thing(kind, key)
    except ValueError:
        raise NotFound(f"there is no {kind} {key!r}") from None


# -- states ---------------------------------------------------------------------------------


@router.get(
    "/states",
    summary="States, filtered by membership of an organization",
    responses=DOCUMENT_CONTENT,
)
@router.get("/states.{ext}", **SUFFIXED)
def list_states(
    request: Request,
    store: StoreDep,
    listing: ListDep,
    organization: MembersOfQ = None,
    on: OnQ = None,
    region: Annotated[
        str | None,
        key("In this UN M49 region or subregion (asia, central-asia...)", "central-asia"),
    ] = None,
) -> Response:
    document = state_views.states(
        store,
        store.ids,
        listing.paging,
        listing.collection,
        listing.page_iri,
        organization=organization,
        on=date_literal("on", on),
        region=region,
    )
    return rendered(document, request, listing.media)


@router.get(
    "/states/{code}",
    summary="A state: names, memberships, instruments it holds and how, positions with "
    "evidence, instruments issued, meetings attended",
    responses=DOCUMENT_CONTENT,
)
def get_state(request: Request, store: StoreDep, code: str, media: FormatDep) -> Response:
    key, suffixed = split_suffix(code)
    see_also = [
        str(url_for(request, "list_instruments").include_query_params(holder=key)),
        str(url_for(request, "list_positions").include_query_params(state=key)),
        str(url_for(request, "list_meetings").include_query_params(participant=key)),
    ]
    document = state_views.state(store, store.ids, key, see_also)
    return rendered(document, request, suffixed or media)


# -- organizations --------------------------------------------------------------------------


@router.get("/organizations", summary="Organizations", responses=DOCUMENT_CONTENT)
@router.get("/organizations.{ext}", **SUFFIXED)
def list_organizations(request: Request, store: StoreDep, listing: ListDep) -> Response:
    document = organization_views.organizations(
        store, store.ids, listing.paging, listing.collection, listing.page_iri
    )
    return rendered(document, request, listing.media)


@router.get(
    "/organizations/{key}",
    summary="An organization: units, members over time, instruments issued, meetings organized",
    responses=DOCUMENT_CONTENT,
)
def get_organization(request: Request, store: StoreDep, key: str, media: FormatDep) -> Response:
    key, suffixed = split_suffix(key)
    document = organization_views.organization(store, store.ids, key)
    return rendered(document, request, suffixed or media)


# -- instruments and agreements ---------------------------------------------------------------


@router.get(
    "/instruments",
    summary="Instruments (statements, declarations, agreements...), latest first",
    responses=DOCUMENT_CONTENT,
)
@router.get("/instruments.{ext}", **SUFFIXED)
def list_instruments(
    request: Request,
    store: StoreDep,
    listing: DatedListDep,
    issuer: IssuerQ = None,
    holder: HolderQ = None,
    topic: TopicQ = None,
    type: Annotated[
        str | None, key("Instrument type id, e.g. joint-statement", "declaration")
    ] = None,
    status: Annotated[str | None, key("Status id, e.g. adopted", "adopted")] = None,
) -> Response:
    document = instrument_views.instruments(
        store,
        store.ids,
        listing.paging,
        listing.collection,
        listing.page_iri,
        type_=type,
        status=status,
        issuer=issuer,
        holder=holder,
        topic=topic,
        period=listing.period,
    )
    return rendered(document, request, listing.media)


@router.get(
    "/instruments/{key}",
    summary="An instrument: type, status, date, place, issuers, holders (named or through "
    "membership), positions with evidence, agreements referred to, sources",
    responses={**DOCUMENT_CONTENT, **MOVED},
)
def get_instrument(request: Request, store: StoreDep, key: str, media: FormatDep) -> Response:
    key, suffixed = split_suffix(key)
    iri = _thing(store, "instrument", key)
    try:
        document = instrument_views.instrument(store, iri, key)
    except NotFound:
        return _moved(request, store, iri, T.Instrument, "get_instrument", key)
    return rendered(document, request, suffixed or media)


@router.get("/agreements", summary="Agreements, latest first", responses=DOCUMENT_CONTENT)
@router.get("/agreements.{ext}", **SUFFIXED)
def list_agreements(
    request: Request,
    store: StoreDep,
    listing: DatedListDep,
    issuer: Annotated[
        str | None, key("Issued by this state (RUS) or organization (CSTO)", "CSTO")
    ] = None,
    holder: HolderQ = None,
    status: Annotated[str | None, key("Status id, e.g. in-force", "in-force")] = None,
) -> Response:
    document = instrument_views.instruments(
        store,
        store.ids,
        listing.paging,
        listing.collection,
        listing.page_iri,
        agreements_only=True,
        status=status,
        issuer=issuer,
        holder=holder,
        period=listing.period,
    )
    return rendered(document, request, listing.media)


@router.get(
    "/agreements/{key}",
    summary="An agreement of the reference data (e.g. sco-2009-iis), with what refers to it",
    responses=DOCUMENT_CONTENT,
)
def get_agreement(request: Request, store: StoreDep, key: str, media: FormatDep) -> Response:
    key, suffixed = split_suffix(key)
    iri = _thing(store, "agreement", key)
    return rendered(agreement_views.agreement(store, iri, key), request, suffixed or media)


# -- meetings -------------------------------------------------------------------------------


@router.get("/meetings", summary="Meetings, latest first", responses=DOCUMENT_CONTENT)
@router.get("/meetings.{ext}", **SUFFIXED)
def list_meetings(
    request: Request,
    store: StoreDep,
    listing: DatedListDep,
    participant: Annotated[
        str | None, key("With this state (RUS) or organization (SCO) taking part", "RUS")
    ] = None,
    kind: Annotated[str | None, key("Meeting kind id, e.g. talks", "talks")] = None,
) -> Response:
    document = meeting_views.meetings(
        store,
        store.ids,
        listing.paging,
        listing.collection,
        listing.page_iri,
        participant=participant,
        kind=kind,
        period=listing.period,
    )
    return rendered(document, request, listing.media)


@router.get(
    "/meetings/{key}",
    summary="A meeting: kind, date, place, organizer, participants and roles, evidence",
    responses={**DOCUMENT_CONTENT, **MOVED},
)
def get_meeting(request: Request, store: StoreDep, key: str, media: FormatDep) -> Response:
    key, suffixed = split_suffix(key)
    iri = _thing(store, "meeting", key)
    try:
        document = meeting_views.meeting(store, iri, key)
    except NotFound:
        return _moved(request, store, iri, T.Meeting, "get_meeting", key)
    return rendered(document, request, suffixed or media)


def _moved(
    request: Request, store: StoreDep, iri: URIRef, cls: URIRef, route: str, key: str
) -> Response:
    """301 to the new key of a thing whose key changed (its old IRI kept as ``iis:formerIri``),
    with the suffix and query kept; else the ``NotFound`` of a thing that never was."""
    new = replaced_by(store, iri, cls)
    if new is None:
        raise NotFound(f"there is no {route.removeprefix('get_')} {key!r}")
    old_key = request.path_params["key"]
    new_key = new.rsplit("/", 1)[-1] + old_key[len(key) :]
    target = url_for(request, route, key=new_key).replace(query=request.url.query)
    return RedirectResponse(str(target), status_code=301)


# -- topics and positions -------------------------------------------------------------------


@router.get(
    "/topics", summary="Topics, with positions counted by stance", responses=DOCUMENT_CONTENT
)
@router.get("/topics.{ext}", **SUFFIXED)
def list_topics(request: Request, store: StoreDep, listing: ListDep) -> Response:
    document = topic_views.topics(
        store, store.ids, listing.paging, listing.collection, listing.page_iri
    )
    return rendered(document, request, listing.media)


@router.get("/topics/{key}", summary="A topic, its counts and links", responses=DOCUMENT_CONTENT)
def get_topic(request: Request, store: StoreDep, key: str, media: FormatDep) -> Response:
    key, suffixed = split_suffix(key)
    document = topic_views.topic(
        store,
        store.ids,
        key,
        str(url_for(request, "topic_supporters", key=key)),
        str(url_for(request, "list_positions").include_query_params(topic=key)),
    )
    return rendered(document, request, suffixed or media)


@router.get(
    "/topics/{key}/supporters",
    summary="Which states hold a stance on the topic: each with the instruments, dates and "
    "quotes, and how it is bound (named in the text, or a member of an organization on the date)",
    responses=DOCUMENT_CONTENT,
)
@router.get("/topics/{key}/supporters.{ext}", **SUFFIXED)
def topic_supporters(
    request: Request,
    store: StoreDep,
    key: str,
    listing: DatedListDep,
    stance: StanceQ = "supports",
    instruments_per_state: Annotated[
        int,
        Query(
            ge=1,
            le=200,
            description="Most instruments shown per state, latest first (each state links to "
            "all its positions on the topic)",
        ),
    ] = 5,
    reviewed: ReviewedQ = None,
) -> Response:
    stance = stance or "supports"
    period = {k: v for k, v in request.query_params.items() if k in ("from", "to") and v}

    # one link for each state of the page, the same but for its code
    positions = str(url_for(request, "list_positions"))
    others = urlencode({"topic": key, "stance": stance, **period})

    def positions_url(code: str) -> str:
        return f"{positions}?{urlencode({'state': code})}&{others}"

    document = topic_views.supporters(
        store,
        store.ids,
        key,
        listing.paging,
        listing.collection,
        listing.page_iri,
        stance=stance,
        period=listing.period,
        per_state=instruments_per_state,
        positions_url=positions_url,
        reviewed_only=reviewed == "only",
    )
    return rendered(document, request, listing.media)


@router.get(
    "/positions",
    summary="Positions with their evidence, latest first, by state, topic, stance and date",
    responses=DOCUMENT_CONTENT,
)
@router.get("/positions.{ext}", **SUFFIXED)
def list_positions(
    request: Request,
    store: StoreDep,
    listing: DatedListDep,
    state: Annotated[
        str | None, state_code("Held by this state (named or through membership)")
    ] = None,
    topic: TopicQ = None,
    stance: StanceQ = None,
    reviewed: ReviewedQ = None,
) -> Response:
    document = position_views.positions(
        store,
        store.ids,
        listing.paging,
        listing.collection,
        listing.page_iri,
        state=state,
        topic=topic,
        stance=stance,
        period=listing.period,
        reviewed_only=reviewed == "only",
    )
    return rendered(document, request, listing.media)


@router.get(
    "/positions/{key:path}",
    summary="A position: topic, stance, instrument, evidence",
    responses=DOCUMENT_CONTENT,
)
def get_position(request: Request, store: StoreDep, key: str, media: FormatDep) -> Response:
    key, suffixed = split_suffix(key)
    iri = _thing(store, "position", key)
    return rendered(position_views.position(store, iri, key), request, suffixed or media)


# -- persons --------------------------------------------------------------------------------


@router.get(
    "/persons",
    summary="Persons the texts name as acting (heads of state, ministers), by name",
    responses=DOCUMENT_CONTENT,
)
@router.get("/persons.{ext}", **SUFFIXED)
def list_persons(
    request: Request,
    store: StoreDep,
    listing: ListDep,
    acts_for: Annotated[
        str | None, key("Acting for this state (RUS) or organization (SCO)", "RUS", "acts for")
    ] = None,
) -> Response:
    document = person_views.persons(
        store,
        store.ids,
        listing.paging,
        listing.collection,
        listing.page_iri,
        acts_for=acts_for,
    )
    return rendered(document, request, listing.media)


# -- sources --------------------------------------------------------------------------------


@router.get("/sources", summary="The source texts", responses=DOCUMENT_CONTENT)
@router.get("/sources.{ext}", **SUFFIXED)
def list_sources(
    request: Request,
    store: StoreDep,
    listing: ListDep,
    language: Annotated[
        str | None,
        Query(description="Language code: ru, en", examples=["ru"], pattern=r"^[A-Za-z]{2,3}$"),
    ] = None,
) -> Response:
    document = source_views.sources(
        store, store.ids, listing.paging, listing.collection, listing.page_iri, language
    )
    return rendered(document, request, listing.media)


@router.get(
    "/sources/{key}",
    summary="A source: its text, language, publisher, date, and what was read from it",
    responses=DOCUMENT_CONTENT,
)
def get_source(request: Request, store: StoreDep, key: str, media: FormatDep) -> Response:
    key, suffixed = split_suffix(key)
    return rendered(source_views.source(store, store.ids, key), request, suffixed or media)
