"""Writes: ``POST /sources`` reads, extracts, validates and stores one text; ``DELETE
/sources/{key}`` removes one. Both need ``Authorization: Bearer <IISGRAPH_WRITE_TOKEN>``;
with no token configured, writes are disabled.

Nothing is half-stored: a text that cannot be read (400), is too large (413) or fails the
shapes (422, with the report) leaves the store as it was; a stored text replaces its source's
graph and re-derives holders and tallies in one transaction.
"""

from __future__ import annotations

import hmac
import re
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.links import url_for
from graph.errors import BadInput, Forbidden, NotFound, TooLarge, Unauthorized
from graph.ingest import Pipeline, written
from graph.namespaces import source_id
from graph.readers import decode
from graph.review import refresh_reviews
from graph.same_day import settle_store, stored_families
from graph.settings import Settings
from graph.store import Store
from graph.summary import summarize

router = APIRouter(tags=["writes"])

TEXT_TYPES = ("text/plain", "text/html", "application/octet-stream")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,150}")


def require_writer(request: Request, settings: SettingsDep) -> None:
    """Let the request write only with the configured bearer token."""
    if not settings.write_token:
        raise Forbidden("writes are disabled on this server (no IISGRAPH_WRITE_TOKEN is set)")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("writes need an 'Authorization: Bearer <token>' header")
    if not hmac.compare_digest(token.strip().encode(), settings.write_token.encode()):
        raise Unauthorized("the bearer token is not the one this server accepts")


Writer = Annotated[None, Depends(require_writer)]


@cache
def _pipeline(base: str) -> Pipeline:
    # Loading the reference data and shapes takes seconds: once per process and base.
    return Pipeline(base)


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused as soon as it passes ``limit`` bytes (before it is read when
    Content-Length says so, while it is read when not)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"the text is {declared} bytes; this server accepts at most {limit}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"the text is larger than {limit} bytes, the most this server accepts")
        chunks.append(chunk)
    return b"".join(chunks)


def _store_text(
    store: Store, settings: Settings, data: bytes, name: str
) -> tuple[dict[str, Any], bool]:
    text = decode(data, name)
    extracted = _pipeline(settings.base).graph_of_text(text, name)  # InvalidGraph → 422
    _pipeline(settings.base).ensure_reference(store)
    result = written(store, [extracted])[0]
    return summarize(store, extracted.source_id), result.changed


@router.post(
    "/sources",
    status_code=201,
    summary="Upload a source text: extract, validate (SHACL), store; answers its extraction "
    "summary",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {media: {"schema": {"type": "string"}} for media in TEXT_TYPES},
        }
    },
    responses={
        200: {"description": "The same text was stored before: nothing changed"},
        201: {"description": "Stored: the extraction summary (Location: the source)"},
        401: {"description": "No or wrong bearer token"},
        403: {"description": "Writes are disabled (no token configured)"},
        413: {"description": "The text is larger than IISGRAPH_MAX_UPLOAD_BYTES"},
        422: {"description": "The extracted graph fails the SHACL shapes (report included)"},
    },
)
async def post_source(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    _: Writer,
    name: Annotated[
        str,
        Query(
            description="The file name of the text (e.g. tass-2021-11-19.txt); its stem is "
            "the source id"
        ),
    ],
) -> Response:
    if not _NAME.fullmatch(name):
        raise BadInput(
            f"name: expected a file name of letters, digits, '.', '_', '~' or '-', got {name!r}"
        )
    media = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
    if media not in TEXT_TYPES:
        raise BadInput(f"send the text as one of {', '.join(TEXT_TYPES)}, not {media}")
    data = await _body(request, settings.max_upload_bytes)
    # Extraction and validation are CPU work: off the event loop.
    summary, changed = await run_in_threadpool(_store_text, store, settings, data, name)
    location = str(url_for(request, "get_source", key=source_id(name)))
    return JSONResponse(
        summary, status_code=201 if changed else 200, headers={"Location": location}
    )


@router.delete(
    "/sources/{key}",
    status_code=204,
    summary="Remove a source and everything read from it (holders and tallies follow)",
    responses={
        401: {"description": "No or wrong bearer token"},
        403: {"description": "Writes are disabled (no token configured)"},
        404: {"description": "No such source"},
    },
)
def delete_source(store: StoreDep, _: Writer, key: str) -> Response:
    try:
        store.ids.source(key)
    except ValueError:
        raise NotFound(f"there is no source {key!r}") from None
    families = stored_families(store, [key])
    if not store.delete_source(key):
        raise NotFound(f"there is no source {key!r}")
    refresh_reviews(store, [key])  # its acts are orphaned, their effects gone
    settle_store(store, families)  # a report that joined its instrument may keep a year no more
    return Response(status_code=204)
