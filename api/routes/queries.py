"""``/queries``: the named queries of ``queries/``, listed with their typed parameters and run
with values bound by the engine (never spliced into the query), in every result format.

``GET /queries/{name}?param=value`` runs a query; the Accept header (or ``format``) picks SPARQL
results JSON, XML, CSV or TSV (or an RDF format for CONSTRUCT); browsers get a page with the
description and a form. ``/queries/{name}.rq`` is the query text.
"""

from __future__ import annotations

import html
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse
from rdflib import URIRef

from api.deps import SettingsDep, StoreDep
from api.documents import DOCUMENT_CONTENT, rendered
from api.links import url_for
from api.negotiate import GRAPH_TYPES, MEDIA_BY_NAME, SELECT_TYPES, best_media_type
from api.params import SUFFIXED, MediaDep
from api.views import queries as query_views
from graph.errors import UnknownFormat
from graph.public_query import query_form
from graph.queries import NamedQuery, named_query

router = APIRouter(tags=["named queries"])


@router.get(
    "/queries", summary="The named queries and their parameters", responses=DOCUMENT_CONTENT
)
@router.get("/queries.{ext}", **SUFFIXED)
def list_queries(request: Request, media: MediaDep) -> Response:
    collection = URIRef(str(url_for(request, "list_queries")))
    document = query_views.queries(
        collection, lambda name: str(url_for(request, "run_query", name=name))
    )
    return rendered(document, request, media)


@router.get(
    "/queries/{name}",
    summary="Run a named query with its parameters (?topic=itu-role...)",
    responses={
        200: {
            "description": "The results in the negotiated format; an HTML form for browsers; "
            "the query text for NAME.rq",
            "content": {m: {} for m in (*SELECT_TYPES, *GRAPH_TYPES, "text/html")},
        }
    },
)
def run_query(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    name: str,
    format: Annotated[
        str | None, Query(description=f"One of {', '.join(MEDIA_BY_NAME)}: overrides Accept")
    ] = None,
) -> Response:
    if name.endswith(".rq"):
        return PlainTextResponse(
            named_query(name[:-3]).text, media_type="application/sparql-query; charset=utf-8"
        )
    query = named_query(name)
    raw = {k: v for k, v in request.query_params.items() if k != "format"}
    bindings = query.bindings(raw, store.ids)  # bad values are a 400 before anything runs
    offered = GRAPH_TYPES if query_form(query.text) in ("CONSTRUCT", "DESCRIBE") else SELECT_TYPES
    if format is not None:
        if MEDIA_BY_NAME.get(format) not in offered:
            raise UnknownFormat(
                f"format {format!r} does not fit this query; use one of "
                f"{', '.join(k for k, v in MEDIA_BY_NAME.items() if v in offered)}"
            )
        media = MEDIA_BY_NAME[format]
    else:
        accept = request.headers.get("accept")
        media = best_media_type(accept, (*offered, "text/html"))
        if media == "text/html":
            return HTMLResponse(query_page(query, request))
    body, media = store.query_serialized(
        query.text,
        media,
        bindings=bindings,
        max_results=settings.max_results,
        timeout=settings.query_timeout,
    )
    charset = "" if media.endswith("+xml") else "; charset=utf-8"
    return Response(body, media_type=f"{media}{charset}", headers={"Vary": "Accept"})


def query_page(query: NamedQuery, request: Request) -> str:
    """The query described, with a form for its parameters and links to run it."""
    fields = "".join(
        f'<p><label>{html.escape(p.name)} <input name="{html.escape(p.name)}" '
        f'value="{html.escape(request.query_params.get(p.name, p.default or ""))}"></label> '
        f"<small>{html.escape(p.type)}: {html.escape(p.description)}</small></p>"
        for p in query.params
    )
    formats = " · ".join(
        f'<button name="format" value="{s}">{s}</button>' for s in ("csv", "json", "xml", "tsv")
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(query.title)} · iisgraph</title>
<style>body{{font:15px/1.45 system-ui,sans-serif;margin:2rem;max-width:70rem}}</style></head>
<body><p><a href="{url_for(request, "list_queries")}">named queries</a></p>
<h1>{html.escape(query.title)}</h1><p>{html.escape(query.description)}</p>
<form method="get">{fields}<p>Run as {formats}</p></form>
<pre>{html.escape(query.text)}</pre></body></html>"""
