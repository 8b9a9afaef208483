"""Dereferenceable IRIs: ``/id/{kind}/{key}`` answers 303 See Other to the document that
describes the thing (https://www.w3.org/TR/cooluris/#r303gendocument), which negotiates
JSON-LD, Turtle and HTML. Kinds without a curated endpoint are described at
``/things/{kind}/{key}``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from api.deps import StoreDep
from api.documents import DOCUMENT_CONTENT, rendered, split_suffix
from api.views import things as thing_views
from graph.errors import NotFound
from graph.namespaces import KINDS

router = APIRouter(tags=["linked data"])

# kind → the curated collection whose items it is
CURATED = {
    "state": "states",
    "organization": "organizations",
    "agreement": "agreements",
    "instrument": "instruments",
    "meeting": "meetings",
    "topic": "topics",
    "position": "positions",
    "source": "sources",
}


@router.get(
    "/id/{kind}/{key:path}",
    status_code=303,
    summary="A thing's IRI: 303 See Other to the document describing it",
    responses={303: {"description": "The document describing the thing (Location header)"}},
)
def dereference(request: Request, kind: str, key: str) -> RedirectResponse:
    if kind not in KINDS:
        raise NotFound(f"there is no kind of thing {kind!r}; kinds: {', '.join(KINDS)}")
    collection = CURATED.get(kind)
    path = f"/{collection}/{key}" if collection else f"/things/{kind}/{key}"
    target = request.base_url.replace(path=path)
    if request.url.query:
        target = target.replace(query=request.url.query)
    return RedirectResponse(str(target), status_code=303, headers={"Vary": "Accept"})


@router.get(
    "/things/{kind}/{key:path}",
    summary="What the graph says about a thing without a curated endpoint (person, place, "
    "membership, concept...)",
    responses=DOCUMENT_CONTENT,
)
def get_thing(request: Request, store: StoreDep, kind: str, key: str) -> Response:
    key, media = split_suffix(key)
    try:
        iri = store.ids.thing(kind, key)
    except ValueError:
        raise NotFound(f"there is no {kind} {key!r}") from None
    return rendered(thing_views.thing(store, iri, kind, key), request, media)
