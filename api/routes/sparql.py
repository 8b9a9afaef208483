"""``/sparql``: the SPARQL 1.1 Protocol for queries, read-only.

Spec: https://www.w3.org/TR/sparql11-protocol/ — queries by GET (``?query=``), by POST with
``application/x-www-form-urlencoded`` (``query=``) or with ``application/sparql-query``.
Updates and ``SERVICE`` are refused before the engine sees the query. Handlers are plain
``def``: the engine releases the GIL, so FastAPI's thread pool serves clients in parallel.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Header, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from api.negotiate import GRAPH_TYPES, SELECT_TYPES, best_media_type
from graph.errors import BadQuery
from graph.public_query import query_form

router = APIRouter(tags=["sparql"])

QUERY_EXAMPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"


def answer(store: StoreDep, query: str, accept: str | None) -> Response:
    form = query_form(query)
    offered = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else SELECT_TYPES
    media = best_media_type(accept, offered)
    body, media = store.query_serialized(query, media)
    charset = "" if media.endswith("+xml") else "; charset=utf-8"
    return Response(body, media_type=f"{media}{charset}", headers={"Vary": "Accept"})


@router.get("/sparql", summary="Run a read-only SPARQL query (GET)")
def sparql_get(
    store: StoreDep,
    query: Annotated[
        str | None, Query(description="The SPARQL query", examples=[QUERY_EXAMPLE])
    ] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    if query is None:
        raise BadQuery("give a SPARQL query in the 'query' parameter")
    return answer(store, query, accept)


@router.post(
    "/sparql",
    summary="Run a read-only SPARQL query (POST)",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/sparql-query": {"schema": {"type": "string"}},
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}},
                        "required": ["query"],
                    }
                },
            }
        }
    },
)
async def sparql_post(request: Request, store: StoreDep) -> Response:
    # async only to read the raw body; the query itself runs in the thread pool (see answer).
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await request.body()
    if content_type == "application/sparql-query":
        query = raw.decode("utf-8", errors="strict")
    elif content_type == "application/x-www-form-urlencoded":
        values = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
        if "update" in values:
            raise BadQuery("this endpoint is read-only: SPARQL updates are not accepted")
        if not values.get("query"):
            raise BadQuery("give a SPARQL query in the 'query' form field")
        query = values["query"][0]
    else:
        raise BadQuery(
            "send the query as application/sparql-query or application/x-www-form-urlencoded"
        )
    return await run_in_threadpool(answer, store, query, request.headers.get("accept"))
