"""The W3C Web Annotation Protocol on ``/annotations/``: curators record acts about positions.

An LDP basic container: ``POST /annotations/`` creates an act (201, ``Location``, ``ETag``);
``GET /annotations/`` is the container, an ``AnnotationCollection`` paged by ``?page=N`` into
``AnnotationPage``s; ``GET``/``PUT``/``DELETE /annotations/{key}`` read, replace and delete one
act, changes conditional on its ``ETag`` (``If-Match``: 428 without it, 412 when it changed).
Writes need a curator's token (``Authorization: Bearer``; ``graph/curators.py``); reads are
public. The Web Annotation context is served locally at ``/ns/anno.jsonld``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.links import url_for
from api.pages import Pages
from api.views.review import concepts, instrument_correction, queue_page, source_review
from graph.annotations import ANNO_CONTEXT, ANNO_CONTEXT_FILE, MEDIA_TYPE, REASONS, act_json
from graph.curation import (
    Act,
    act_keys,
    create_act,
    delete_act,
    history,
    read_act,
    replace_act,
    unanchored,
)
from graph.curators import Curator, Curators
from graph.errors import BadInput, Forbidden, Gone, TooLarge, Unauthorized
from graph.namespaces import Ids
from graph.review_queue import Filters, queued_details, review_queue
from graph.settings import Settings

router = APIRouter(tags=["curation"])

PER_PAGE = 50
LARGEST = 100_000  # bytes: an act is a few hundred
ACCEPTED = ("application/ld+json", "application/json")
LDP = "http://www.w3.org/ns/ldp#"
CONTAINER_LINKS = (
    f'<{LDP}BasicContainer>; rel="type", '
    '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"'
)
ACT_LINKS = f'<http://www.w3.org/ns/oa#Annotation>; rel="type", <{LDP}Resource>; rel="type"'
CONTAINER_PREFER = f'return=representation;include="{LDP}PreferMinimalContainer"'


@cache
def _curators(path: str | None, write_token: str | None, stamp: float) -> Curators:
    return Curators.load(path, write_token)


def curators_of(settings: Settings) -> Curators:
    """The curators file as it is now (read again when it changes on disk)."""
    path = settings.curators
    stamp = Path(path).stat().st_mtime if path and Path(path).exists() else 0.0
    return _curators(path, settings.write_token, stamp)


def require_curator(request: Request, settings: SettingsDep) -> Curator:
    """The curator whose token the request carries."""
    curators = curators_of(settings)
    if not curators.enabled:
        raise Forbidden(
            "curation is disabled on this server (no IISGRAPH_CURATORS file and no "
            "IISGRAPH_WRITE_TOKEN)"
        )
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("curation needs an 'Authorization: Bearer <your curator token>' header")
    curator = curators.by_token(token.strip())
    if curator is None:
        raise Unauthorized("the bearer token is no curator's token on this server")
    return curator


CuratorDep = Annotated[Curator, Depends(require_curator)]


async def _act_body(request: Request) -> bytes:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in ACCEPTED:
        raise BadInput(
            f"send the annotation as {MEDIA_TYPE} (or application/json), not {media or 'nothing'}"
        )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > LARGEST:
        raise TooLarge(f"the annotation is {declared} bytes; at most {LARGEST} are accepted")
    body = await request.body()
    if len(body) > LARGEST:
        raise TooLarge(f"the annotation is larger than {LARGEST} bytes")
    return body


def _act_response(request: Request, act: Act, status: int = 200) -> JSONResponse:
    location = str(url_for(request, "get_annotation", key=act.key))
    return JSONResponse(
        act_json(act.graph, act.iri),
        status_code=status,
        media_type=MEDIA_TYPE,
        headers={
            "ETag": act.etag,
            "Location": location,
            "Link": ACT_LINKS,
            "Allow": "GET, HEAD, PUT, DELETE, OPTIONS",
            "Vary": "Accept",
        },
    )


@router.post(
    "/annotations/",
    status_code=201,
    summary="Record a curation act (a Web Annotation): confirm, reject, correct or add a position",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {media: {"schema": {"type": "object"}} for media in ACCEPTED},
        }
    },
    responses={
        201: {"description": "Stored: the act as kept (Location, ETag)"},
        400: {"description": "Not JSON-LD of the Web Annotation context, or not a curation act"},
        401: {"description": "No or unknown curator token"},
        403: {"description": "Curation is disabled"},
        422: {"description": "The act fails the SHACL shapes (report included)"},
    },
)
async def post_annotation(request: Request, store: StoreDep, curator: CuratorDep) -> Response:
    data = await _act_body(request)
    act = await run_in_threadpool(create_act, store, data, curator)
    return _act_response(request, act, status=201)


@router.get(
    "/annotations/",
    summary="The acts recorded so far: an AnnotationCollection, paged",
    responses={200: {"content": {MEDIA_TYPE: {}}}},
)
def get_annotations(
    request: Request,
    store: StoreDep,
    page: Annotated[
        int | None, Query(ge=0, le=1_000_000, description="A page of the acts (from 0)")
    ] = None,
) -> Response:
    container = str(url_for(request, "get_annotations"))
    keys, total = act_keys(store, (page or 0) * PER_PAGE, PER_PAGE)
    last = max(0, (total - 1) // PER_PAGE)

    def page_iri(n: int) -> str:
        return f"{container}?page={n}"

    def page_of(n: int, keys: list[str]) -> dict[str, Any]:
        items = [act_json(read_act(store, key).graph, store.ids.annotation(key)) for key in keys]
        body: dict[str, Any] = {
            "id": page_iri(n),
            "type": "AnnotationPage",
            "partOf": {"id": container, "total": total},
            "startIndex": n * PER_PAGE,
            "items": [{k: v for k, v in item.items() if k != "@context"} for item in items],
        }
        if n < last:
            body["next"] = page_iri(n + 1)
        if n > 0:
            body["prev"] = page_iri(n - 1)
        return body

    headers = {"Link": CONTAINER_LINKS, "Allow": "GET, HEAD, POST, OPTIONS", "Vary": "Accept"}
    headers["Accept-Post"] = ", ".join((MEDIA_TYPE, *ACCEPTED))
    if page is not None:
        if page > last:
            raise BadInput(f"page {page} is past the last page of acts ({last})")
        return JSONResponse(
            {"@context": ANNO_CONTEXT, **page_of(page, keys)},
            media_type=MEDIA_TYPE,
            headers=headers,
        )
    body: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "id": container,
        "type": [f"{LDP}BasicContainer", "AnnotationCollection"],
        "total": total,
        "label": "Curation acts of this graph",
    }
    if total:
        body["first"] = page_of(0, keys)
        body["last"] = page_iri(last)
    return JSONResponse(body, media_type=MEDIA_TYPE, headers=headers)


@dataclass(frozen=True)
class QueueRequest:
    """What a review queue is asked for: its filters (the public keys as given) and page."""

    topic: str | None
    organization: str | None
    language: str | None
    cue: str | None
    page: int

    def filters(self, ids: Ids) -> Filters:
        """The filters as IRIs (a key no thing can have is a 400, ``NotAKey``)."""
        return Filters(
            topic=ids.topic(self.topic) if self.topic else None,
            organization=ids.organization(self.organization) if self.organization else None,
            language=self.language,
            cue=self.cue,
        )

    def chosen(self) -> dict[str, str]:
        """The filters given, for the page's form and its page links."""
        named = ("topic", "organization", "language", "cue")
        return {k: v for k in named if (v := getattr(self, k))}


async def queue_request(
    topic: Annotated[str | None, Query(description="A topic id (see /topics)")] = None,
    organization: Annotated[
        str | None, Query(description="Instruments this organization issued (e.g. sco)")
    ] = None,
    language: Annotated[
        str | None, Query(pattern="^[a-z]{2}$", description="The source's language: en, ru")
    ] = None,
    cue: Annotated[
        str | None, Query(max_length=300, description="The cue id that found it")
    ] = None,
    page: Annotated[int, Query(ge=0, le=1_000_000, description="A page (from 0)")] = 0,
) -> QueueRequest:
    return QueueRequest(topic, organization, language, cue, page)


QueueDep = Annotated[QueueRequest, Depends(queue_request)]


@router.get(
    "/annotations/me",
    summary="The curator a token belongs to (the curation pages check a token with it)",
    responses={401: {"description": "No or unknown curator token"}},
)
def get_me(curator: CuratorDep) -> JSONResponse:
    return JSONResponse({"name": curator.name, "administrator": curator.administrator})


@router.get(
    "/review",
    summary="The review queue as a page: unreviewed positions, weakest evidence first, with "
    "keyboard review for curators",
    response_class=HTMLResponse,
)
def get_review_page(request: Request, store: StoreDep, asked: QueueDep) -> HTMLResponse:
    ids = store.ids
    pages = Pages(request)
    return HTMLResponse(
        pages.render(
            "review_queue.html",
            title="Review queue",
            queue=queue_page(store, ids, asked.filters(ids), asked.page, pages.lang),
            concepts=concepts(store, pages.lang),
            chosen=asked.chosen(),
            orphans=unanchored(store),
        )
    )


@router.get(
    "/sources/{key}/review",
    summary="A source text with its positions marked by how curators left them; curators "
    "confirm, reject and add positions here",
    response_class=HTMLResponse,
)
def get_source_review_page(request: Request, store: StoreDep, key: str) -> HTMLResponse:
    pages = Pages(request)
    review = source_review(store, store.ids, key, pages.lang)
    return HTMLResponse(
        pages.render(
            "review_source.html",
            title=f"Review: {review['name']}",
            review=review,
            concepts=concepts(store, pages.lang),
            reasons=REASONS,
            text_lang="",
        )
    )


@router.get(
    "/instruments/{key}/correct",
    summary="An instrument's date, type, status, place and issuers as they stand, with the "
    "curators who corrected them; curators correct them here",
    response_class=HTMLResponse,
)
def get_instrument_correction_page(request: Request, store: StoreDep, key: str) -> HTMLResponse:
    pages = Pages(request)
    correction = instrument_correction(store, store.ids, key, pages.lang)
    return HTMLResponse(
        pages.render(
            "correct_instrument.html",
            title="Correct an instrument",
            correction=correction,
        )
    )


@router.get(
    "/review-queue",
    summary="Positions no curator has looked at, the weakest evidence first (a model's guess "
    "before a rule's match, then the cues curators reject most), with the progress",
)
def get_review_queue(store: StoreDep, asked: QueueDep) -> JSONResponse:
    ids = store.ids
    filters, page = asked.filters(ids), asked.page
    queue = review_queue(store, ids, filters, page * PER_PAGE, PER_PAGE)
    details = queued_details(store, [q.position for q in queue.items])
    return JSONResponse(
        {
            "reviewed": queue.reviewed,
            "total": queue.total,
            "progress": f"{queue.reviewed:,} of {queue.total:,} reviewed",
            "page": page,
            "items": [
                {
                    "position": str(q.position),
                    "method": q.method,
                    "cue": q.cue,
                    "cueRejectionRate": round(q.rejection_rate, 3),
                    **details.get(str(q.position), {}),
                }
                for q in queue.items
            ],
        }
    )


@router.get(
    "/annotations/orphans",
    summary="Acts that do nothing now: their quote is gone from the source (orphaned) or the "
    "position they were about is (unmatched)",
)
def get_orphans(store: StoreDep) -> JSONResponse:
    return JSONResponse({"orphans": unanchored(store)})


@router.get(
    "/annotations/{key}/history",
    summary="What became of an act: its earlier versions and its deletion",
)
def get_annotation_history(store: StoreDep, key: str) -> JSONResponse:
    try:
        current: str | None = read_act(store, key).etag
    except Gone:
        current = None
    return JSONResponse(
        {
            "annotation": str(store.ids.annotation(key)),
            "current": current,
            "history": history(store, key),
        }
    )


@router.get(
    "/annotations/{key}",
    summary="One curation act (ETag: send it back in If-Match to change the act)",
    responses={
        200: {"content": {MEDIA_TYPE: {}}},
        404: {"description": "No such act"},
        410: {"description": "The act was deleted (its history is kept)"},
    },
)
def get_annotation(request: Request, store: StoreDep, key: str) -> Response:
    act = read_act(store, key)
    if act.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers={"ETag": act.etag})
    return _act_response(request, act)


@router.put(
    "/annotations/{key}",
    summary="Replace a curation act (If-Match its ETag); the replaced version stays in its history",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {media: {"schema": {"type": "object"}} for media in ACCEPTED},
        }
    },
    responses={
        401: {"description": "No or unknown curator token"},
        412: {"description": "The act changed since the ETag sent in If-Match"},
        428: {"description": "No If-Match header"},
    },
)
async def put_annotation(
    request: Request,
    store: StoreDep,
    curator: CuratorDep,
    key: str,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    data = await _act_body(request)
    act = await run_in_threadpool(replace_act, store, key, data, curator, if_match)
    return _act_response(request, act)


@router.delete(
    "/annotations/{key}",
    status_code=204,
    summary="Delete a curation act (If-Match its ETag); the deletion is recorded",
    responses={
        401: {"description": "No or unknown curator token"},
        412: {"description": "The act changed since the ETag sent in If-Match"},
        428: {"description": "No If-Match header"},
    },
)
def delete_annotation(
    store: StoreDep,
    curator: CuratorDep,
    key: str,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    delete_act(store, key, curator, if_match)
    return Response(status_code=204)


@router.get(
    "/ns/anno.jsonld",
    summary="The W3C Web Annotation JSON-LD context (a local copy: nothing is fetched)",
    response_class=FileResponse,
)
def get_anno_context() -> FileResponse:
    return FileResponse(
        ANNO_CONTEXT_FILE,
        media_type="application/ld+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )
