"""``/sparql``: the SPARQL 1.1 Protocol for queries, read-only, with time and size limits.

Spec: https://www.w3.org/TR/sparql11-protocol/ — queries by GET (``?query=``), by POST with
``application/x-www-form-urlencoded`` (``query=``) or with ``application/sparql-query``; the
dataset by ``default-graph-uri`` and ``named-graph-uri`` (without them, every graph is part of
the default graph). Updates and ``SERVICE`` are refused before the engine sees the query; a query
runs at most ``IISGRAPH_QUERY_TIMEOUT`` seconds and returns at most ``IISGRAPH_MAX_RESULTS`` rows
or triples. ``GET /sparql`` without a query describes the service (SPARQL Service Description)
to machines and shows a query page to browsers. Handlers are plain ``def``: the engine releases
the GIL, so FastAPI's thread pool serves clients in parallel.

The query page runs its queries through ``POST /sparql/page``, not the protocol: there a result
over the limit comes back cut to its first ``IISGRAPH_MAX_RESULTS`` rows or triples, with a
``Results-Truncated`` header naming the limit, so the page shows them and says so. A protocol
client asking too much still gets the protocol's answer (413, nothing cut silently).
"""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import HTMLResponse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.links import url_for
from api.negotiate import GRAPH_TYPES, MEDIA_BY_NAME, SELECT_TYPES, best_media_type
from api.pages import Pages
from graph.errors import BadQuery, UnknownFormat
from graph.public_query import read_public_query
from graph.queries import named_queries
from graph.settings import Settings
from graph.store import Store

router = APIRouter(tags=["sparql"])

QUERY_EXAMPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
DESCRIPTION_TYPES = ("text/turtle", "application/n-triples", "application/ld+json")
# what other clients send (SPARQLWrapper's format parameter)
FORMAT_ALIASES = {
    "turtle": "text/turtle",
    "n3": "text/turtle",
    "json-ld": "application/ld+json",
    "rdf+xml": "application/rdf+xml",
    "ntriples": "application/n-triples",
}
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
    endpoint: str,
) -> Response:
    """The results of a public query. Its relative IRIs resolve against the endpoint's IRI;
    its ``FROM``/``FROM NAMED`` clauses are its dataset unless the protocol's
    ``default-graph-uri``/``named-graph-uri`` give one (they win, as the protocol says)."""
    public = read_public_query(query, settings.query_limits, endpoint)
    if not default_graphs and not named_graphs:
        default_graphs, named_graphs = list(public.default_graphs), list(public.named_graphs)
    offered = GRAPH_TYPES if public.form in ("CONSTRUCT", "DESCRIBE") else SELECT_TYPES
    media = best_media_type(accept, offered)
    body, media = store.query_serialized(
        public.text,
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
    format: Annotated[
        str | None,
        Query(description="Overrides Accept (for download links): " + ", ".join(MEDIA_BY_NAME)),
    ] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    if format is not None:
        media = MEDIA_BY_NAME.get(format) or FORMAT_ALIASES.get(format)
        if media is None and "/" not in format:
            names = ", ".join(MEDIA_BY_NAME)
            raise UnknownFormat(f"format must be one of {names}, got {format!r}")
        # first choice, the Accept header after it: SPARQLWrapper sends format=xml for RDF/XML
        accept = f"{media or format}, {accept};q=0.5" if accept else (media or format)
    elif query is not None and wants_page(accept):
        # a browser following a shared link: the page, which runs the query itself
        return HTMLResponse(query_page(request, query), headers={"Vary": "Accept"})
    one_query(parse_qs(request.url.query, keep_blank_values=True))
    if query is None:
        return describe(request, settings, accept)
    return answer(
        store,
        settings,
        query,
        accept,
        default_graph_uri or [],
        named_graph_uri or [],
        endpoint_of(request),
    )


def one_query(values: dict[str, list[str]]) -> None:
    """``BadQuery`` unless the parameters hold at most one query and no update (the
    protocol's rules: two queries, or an update, are errors, not a choice)."""
    if "update" in values:
        raise BadQuery("this endpoint is read-only: SPARQL updates (update=) are not accepted")
    if len(values.get("query", [])) > 1:
        raise BadQuery(f"give one query, not {len(values['query'])} 'query' parameters")


def endpoint_of(request: Request) -> str:
    """The IRI of this SPARQL endpoint: the base of a query's relative IRIs."""
    return str(url_for(request, "sparql_get"))


def wants_page(accept: str | None) -> bool:
    """Whether the client is a browser (prefers HTML to every result format)."""
    if not accept or "html" not in accept:
        return False
    return best_media_type(accept, ("text/html", *SELECT_TYPES, *GRAPH_TYPES)) == "text/html"


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
    one_query(url_values)
    if content_type == "application/sparql-query":
        if "query" in url_values:
            raise BadQuery("give the query once: in the body or in 'query', not in both")
        try:
            query = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadQuery("the query is not UTF-8 text") from None
        values = url_values
    elif content_type == "application/x-www-form-urlencoded":
        values = parse_qs(raw.decode("utf-8", errors="replace"), keep_blank_values=True)
        one_query(values)
        if "query" in url_values:
            raise BadQuery("give the query once: in the form or in the URL, not in both")
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
        endpoint_of(request),
    )


# -- the query page's own runs: the first page of a result too large ------------------------

TRUNCATED_HEADER = "Results-Truncated"


@router.post(
    "/sparql/page",
    summary="Run a query for the query page: the first rows of a result over the limit",
    description="The query page's endpoint (machines use `/sparql`): SELECT and ASK answer "
    "SPARQL results JSON, CONSTRUCT and DESCRIBE N-Triples; a result of more than "
    "`IISGRAPH_MAX_RESULTS` rows or triples is cut to its first ones and the header "
    f"`{TRUNCATED_HEADER}` names the limit. The same time, size and fairness limits hold.",
    responses={
        200: {
            "description": "The result, or its first rows",
            "content": {"application/sparql-results+json": {}, "application/n-triples": {}},
        }
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}},
                        "required": ["query"],
                    }
                }
            },
        }
    },
)
async def sparql_page_run(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    # async only to read the form; the query runs in the thread pool
    values = parse_qs((await request.body()).decode("utf-8", errors="replace"))
    one_query(values)
    if not values.get("query"):
        raise BadQuery("give a SPARQL query in the 'query' form field")
    return await run_in_threadpool(
        first_page, store, settings, values["query"][0], endpoint_of(request)
    )


def first_page(store: Store, settings: Settings, query: str, endpoint: str) -> Response:
    """The result of a public query, cut to the limit rather than refused."""
    public = read_public_query(query, settings.query_limits, endpoint)
    graph = public.form in ("CONSTRUCT", "DESCRIBE")
    media = "application/n-triples" if graph else "application/sparql-results+json"
    limit = settings.max_results
    body, media = store.query_serialized(
        public.text,
        media,
        max_results=limit + 1,  # one more than shown: whether the result was cut
        default_graphs=list(public.default_graphs),
        named_graphs=list(public.named_graphs),
        timeout=settings.query_timeout,
        truncate=True,
    )
    body, cut = first_results(body, limit, graph)
    headers = {TRUNCATED_HEADER: str(limit)} if cut else {}
    return Response(body, media_type=f"{media}; charset=utf-8", headers=headers)


def first_results(body: bytes, limit: int, graph: bool) -> tuple[bytes, bool]:
    """The first ``limit`` rows (SPARQL JSON) or triples (N-Triples, one a line) of ``body``,
    and whether there were more."""
    if graph:
        lines = body.splitlines(keepends=True)
        if len(lines) <= limit:
            return body, False
        return b"".join(lines[:limit]), True
    document = json.loads(body)
    rows = document.get("results", {}).get("bindings")
    if rows is None or len(rows) <= limit:
        return body, False
    del rows[limit:]
    return json.dumps(document, ensure_ascii=False).encode(), True


# -- without a query: the service description, or the query page -----------------------------


def describe(request: Request, settings: Settings, accept: str | None) -> Response:
    media = best_media_type(accept, ("text/html", *DESCRIPTION_TYPES))
    if media == "text/html" and "html" in (accept or ""):
        return HTMLResponse(query_page(request, None), headers={"Vary": "Accept"})
    if media == "text/html":
        media = DESCRIPTION_TYPES[0]
    graph = service_description(str(url_for(request, "sparql_get")), settings)
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


def query_page(request: Request, query: str | None) -> str:
    """The query page: an editor with highlighting, the named queries as examples, results as
    a table with links to the pages of what they name, downloads; the query in the URL."""
    examples = [("Ten triples", QUERY_EXAMPLE)] + [(q.title, q.text) for q in named_queries()]
    return Pages(request).render(
        "sparql.html",
        title="SPARQL",
        endpoint=str(url_for(request, "sparql_get")),
        examples=examples,
        query=query,
        formats=MEDIA_BY_NAME,
    )
