"""``/sparql``: the SPARQL 1.1 Protocol for queries, read-only, with time and size limits.

Spec: https://www.w3.org/TR/sparql11-protocol/ — queries by GET (``?query=``), by POST with
``application/x-www-form-urlencoded`` (``query=``) or with ``application/sparql-query``; the
dataset by ``default-graph-uri`` and ``named-graph-uri`` (without them, every graph is part of
the default graph). Updates and ``SERVICE`` are refused before the engine sees the query; a query
runs at most ``IISGRAPH_QUERY_TIMEOUT`` seconds and returns at most ``IISGRAPH_MAX_RESULTS`` rows
or triples. ``GET /sparql`` without a query describes the service (SPARQL Service Description)
to machines and shows a query page to browsers. Handlers are plain ``def``: the engine releases
the GIL, so FastAPI's thread pool serves clients in parallel.
"""

from __future__ import annotations

import html
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import HTMLResponse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.negotiate import GRAPH_TYPES, SELECT_TYPES, best_media_type
from graph.errors import BadQuery
from graph.public_query import query_form
from graph.queries import named_queries
from graph.settings import Settings
from graph.store import Store

router = APIRouter(tags=["sparql"])

QUERY_EXAMPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
DESCRIPTION_TYPES = ("text/turtle", "application/n-triples", "application/ld+json")
RESULT_FORMAT_IRIS = {
    "application/sparql-results+json": FORMATS.SPARQL_Results_JSON,
    "application/sparql-results+xml": FORMATS.SPARQL_Results_XML,
    "text/csv": FORMATS.SPARQL_Results_CSV,
    "text/tab-separated-values": FORMATS.SPARQL_Results_TSV,
    "text/turtle": FORMATS.Turtle,
    "application/n-triples": FORMATS["N-Triples"],
    "application/n-quads": FORMATS["N-Quads"],
    "application/trig": FORMATS.TriG,
    "application/ld+json": FORMATS["JSON-LD"],
    "application/rdf+xml": FORMATS.RDF_XML,
}

DefaultGraphs = Annotated[
    list[str] | None,
    Query(alias="default-graph-uri", description="A graph of the query's default graph"),
]
NamedGraphs = Annotated[
    list[str] | None,
    Query(alias="named-graph-uri", description="A named graph of the query's dataset"),
]


def answer(
    store: Store,
    settings: Settings,
    query: str,
    accept: str | None,
    default_graphs: list[str],
    named_graphs: list[str],
) -> Response:
    form = query_form(query)
    offered = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else SELECT_TYPES
    media = best_media_type(accept, offered)
    body, media = store.query_serialized(
        query,
        media,
        max_results=settings.max_results,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
        timeout=settings.query_timeout,
    )
    charset = "" if media.endswith("+xml") else "; charset=utf-8"
    return Response(body, media_type=f"{media}{charset}", headers={"Vary": "Accept"})


@router.get(
    "/sparql",
    summary="Run a read-only SPARQL query (GET), or describe the service",
    responses={
        200: {
            "description": "Query results, or without a query the service description "
            "(RDF) or the query page (HTML)",
            "content": {
                media: {}
                for media in (*SELECT_TYPES, *GRAPH_TYPES, "text/html", *DESCRIPTION_TYPES)
            },
        }
    },
)
def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[
        str | None, Query(description="The SPARQL query", examples=[QUERY_EXAMPLE])
    ] = None,
    default_graph_uri: DefaultGraphs = None,
    named_graph_uri: NamedGraphs = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    if query is None:
        return describe(request, settings, accept)
    return answer(store, settings, query, accept, default_graph_uri or [], named_graph_uri or [])


@router.post(
    "/sparql",
    summary="Run a read-only SPARQL query (POST)",
    openapi_extra={
        "parameters": [
            {
                "name": "default-graph-uri",
                "in": "query",
                "schema": {"type": "array", "items": {"type": "string"}},
                "description": "With application/sparql-query: a graph of the default graph",
            },
            {
                "name": "named-graph-uri",
                "in": "query",
                "schema": {"type": "array", "items": {"type": "string"}},
                "description": "With application/sparql-query: a named graph of the dataset",
            },
        ],
        "requestBody": {
            "content": {
                "application/sparql-query": {"schema": {"type": "string"}},
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        },
                        "required": ["query"],
                    }
                },
            }
        },
    },
)
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    # async only to read the raw body; the query itself runs in the thread pool (see answer).
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await request.body()
    url_values = parse_qs(request.url.query, keep_blank_values=True)
    if content_type == "application/sparql-query":
        try:
            query = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadQuery("the query is not UTF-8 text") from None
        values = url_values
    elif content_type == "application/x-www-form-urlencoded":
        values = parse_qs(raw.decode("utf-8", errors="replace"), keep_blank_values=True)
        if "update" in values:
            raise BadQuery("this endpoint is read-only: SPARQL updates are not accepted")
        if not values.get("query"):
            raise BadQuery("give a SPARQL query in the 'query' form field")
        query = values["query"][0]
    else:
        raise BadQuery(
            "send the query as application/sparql-query or application/x-www-form-urlencoded"
        )
    return await run_in_threadpool(
        answer,
        store,
        settings,
        query,
        request.headers.get("accept"),
        values.get("default-graph-uri", []),
        values.get("named-graph-uri", []),
    )


# -- without a query: the service description, or the query page -----------------------------


def describe(request: Request, settings: Settings, accept: str | None) -> Response:
    media = best_media_type(accept, ("text/html", *DESCRIPTION_TYPES))
    if media == "text/html" and "html" in (accept or ""):
        return HTMLResponse(query_page(str(request.url_for("sparql_get"))))
    if media == "text/html":
        media = DESCRIPTION_TYPES[0]
    graph = service_description(str(request.url_for("sparql_get")), settings)
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}
    body = graph.serialize(format=fmt[media])
    return Response(body, media_type=f"{media}; charset=utf-8", headers={"Vary": "Accept"})


def service_description(endpoint: str, settings: Settings) -> Graph:
    """The SPARQL 1.1 Service Description of this endpoint."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    service = URIRef(endpoint + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    # no sd:BasicFederatedQuery: SERVICE is refused
    for iri in RESULT_FORMAT_IRIS.values():
        g.add((service, SD.resultFormat, iri))
    dataset = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default = BNode()
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for graph_iri in ("ontology", "reference", "derived"):
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, SD.name, URIRef(f"{settings.base}graph/{graph_iri}")))
    g.add(
        (
            service,
            URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
            Literal(
                "Read-only; SERVICE and LOAD are refused; a query runs at most "
                f"{settings.query_timeout:g} s and returns at most {settings.max_results} rows "
                "or triples. Every source text is a named graph under "
                f"{settings.base}graph/source/; the default graph is their union.",
                lang="en",
            ),
        )
    )
    return g


def query_page(endpoint: str) -> str:
    """A query page: an editor, the named queries as examples, results as a table."""
    examples = [(q.title, q.text) for q in named_queries()]
    examples.insert(0, ("Ten triples", QUERY_EXAMPLE))
    options = "\n".join(
        f'<option value="{i}">{html.escape(title)}</option>'
        for i, (title, _) in enumerate(examples)
    )
    texts = "\n".join(
        f'<template id="example-{i}">{html.escape(text)}</template>'
        for i, (_, text) in enumerate(examples)
    )
    return _PAGE.format(endpoint=html.escape(endpoint), options=options, texts=texts)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>iisgraph SPARQL</title>
<style>body{{font:15px/1.4 system-ui,sans-serif;margin:2rem;max-width:70rem}}
textarea{{width:100%;height:14rem;font:14px monospace}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}}
#error{{color:#a00;white-space:pre-wrap}}</style></head>
<body><h1>iisgraph SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>{endpoint}</code>. Every source text is a named graph; the
default graph is their union.</p>
<form id="form"><label>Example <select id="examples">{options}</select></label>
<textarea id="query" name="query" aria-label="SPARQL query"></textarea>
<button type="submit">Run</button></form>
<p id="error" role="alert"></p><div id="results"></div>
{texts}
<script>
const q = document.getElementById("query"), pick = document.getElementById("examples");
function load() {{ q.value = document.getElementById("example-" + pick.value).innerHTML
  .replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"')
  .replaceAll("&#x27;", "'").replaceAll("&amp;", "&"); }}
pick.onchange = load; load();
document.getElementById("form").onsubmit = async (e) => {{
  e.preventDefault();
  const err = document.getElementById("error"), out = document.getElementById("results");
  err.textContent = ""; out.textContent = "Running…";
  const r = await fetch("{endpoint}", {{method: "POST",
    body: new URLSearchParams({{query: q.value}}),
    headers: {{"Accept": "application/sparql-results+json, text/turtle;q=0.9"}}}});
  const text = await r.text();
  if (!r.ok) {{ out.textContent = ""; err.textContent = JSON.parse(text).detail; return; }}
  if (!(r.headers.get("content-type") || "").includes("json")) {{
    out.innerHTML = ""; const pre = document.createElement("pre");
    pre.textContent = text; out.appendChild(pre); return; }}
  const data = JSON.parse(text);
  if ("boolean" in data) {{ out.textContent = String(data.boolean); return; }}
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) {{ const th = document.createElement("th");
    th.textContent = v; head.appendChild(th); }}
  for (const b of data.results.bindings) {{ const row = table.insertRow();
    for (const v of data.head.vars) {{ row.insertCell().textContent = b[v] ? b[v].value : ""; }} }}
  out.innerHTML = ""; out.appendChild(table);
}};
</script></body></html>
"""
