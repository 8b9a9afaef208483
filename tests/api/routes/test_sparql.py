"""/sparql: the SPARQL 1.1 Protocol, with SPARQLWrapper as a real client over a port (the
``served_over_http`` tests) and the TestClient for the rest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Namespace
from rdflib.namespace import RDF
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph.ingest import Pipeline
from graph.settings import Settings
from graph.store import Store, open_serving_store
from tests.conftest import InProcessServer, Served, StatementBuilder, ThreadedServer

RESULTS_JSON = {"Accept": "application/sparql-results+json"}
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

SELECT_STATES = """
PREFIX iis: <https://w3id.org/iisgraph/ontology#>
SELECT DISTINCT ?code WHERE {
  ?position iis:statedIn ?i . ?i iis:holder/iis:publicId ?code
} ORDER BY ?code"""


def client(server: ThreadedServer, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    wrapper = SPARQLWrapper(f"{server.url}/sparql")
    wrapper.setMethod(method)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    return wrapper


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_answers_json_to_sparqlwrapper(
    served_over_http: ThreadedServer, method: str
) -> None:
    result = client(served_over_http, SELECT_STATES, JSON, method).queryAndConvert()
    assert isinstance(result, dict)
    codes = [b["code"]["value"] for b in result["results"]["bindings"]]
    assert codes == ["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]


def test_select_answers_xml_and_csv(served_over_http: ThreadedServer) -> None:
    xml = client(served_over_http, SELECT_STATES, XML).query()
    assert "sparql-results+xml" in xml.info()["content-type"]
    csv = client(served_over_http, SELECT_STATES, CSV).queryAndConvert()
    assert isinstance(csv, bytes)
    assert csv.decode().splitlines()[:2] == ["code", "CHN"]


def test_ask_answers_a_boolean(served_over_http: ThreadedServer) -> None:
    result = client(
        served_over_http, "ASK { ?s a <https://w3id.org/iisgraph/ontology#Position> }", JSON
    )
    assert result.queryAndConvert()["boolean"] is True  # type: ignore[index]


def test_construct_answers_turtle(served_over_http: ThreadedServer) -> None:
    query = (
        "CONSTRUCT { ?p <urn:topic> ?t } WHERE { ?p <https://w3id.org/iisgraph/ontology#topic> ?t }"
    )
    wrapper = client(served_over_http, query, TURTLE)
    graph_text = wrapper.query().response.read().decode()
    assert "https://w3id.org/iisgraph/id/topic/itu-role" in graph_text


def test_query_posted_as_sparql_query_body(served: Served) -> None:
    response = served.client.post(
        "/sparql",
        content=SELECT_STATES,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert response.status_code == 200, response.text
    assert response.text.splitlines()[1] == "CHN"


def test_syntax_error_is_400_with_the_parser_message(served_over_http: ThreadedServer) -> None:
    with pytest.raises(QueryBadFormed):
        client(served_over_http, "SELECT ?s WHERE { ?s", JSON).query()
    response = served_over_http.client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert "does not parse" in response.json()["detail"]


def test_sparql_rejects_service_clause(served: Served) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    response = served.client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "SERVICE is not allowed" in response.json()["detail"]


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("update=DROP%20ALL", "application/x-www-form-urlencoded"),
        ("query=DROP%20ALL", "application/x-www-form-urlencoded"),
        ("DROP ALL", "application/sparql-query"),
    ],
)
def test_sparql_refuses_updates_and_keeps_the_store(
    served: Served, data: str, content_type: str
) -> None:
    response = served.client.post("/sparql", content=data, headers={"Content-Type": content_type})
    assert response.status_code == 400
    assert "read-only" in response.json()["detail"]
    still = served.client.get("/sparql", params={"query": SELECT_STATES}, headers=RESULTS_JSON)
    assert len(still.json()["results"]["bindings"]) == 8


def test_unacceptable_media_type_is_406(served: Served) -> None:
    response = served.client.get(
        "/sparql", params={"query": SELECT_STATES}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 406
    assert response.json()["status"] == 406


def test_get_without_query_describes_the_service_to_machines(served: Served) -> None:
    response = served.client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert service is not None
    assert str(graph.value(service, SD.endpoint)) == f"{served.url}/sparql"
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert len(list(graph.objects(service, SD.resultFormat))) >= 8


def test_get_without_query_shows_a_query_page_to_browsers(served: Served) -> None:
    response = served.client.get(
        "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<textarea" in response.text
    assert "Which states support a topic" in response.text or "<option" in response.text


def test_a_syntax_error_is_400_with_the_parsers_position(served: Served) -> None:
    response = served.client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "error at 1:" in response.json()["detail"]


def test_default_graph_uri_limits_the_default_graph(served: Served) -> None:
    ask = "ASK { ?s a <https://w3id.org/iisgraph/ontology#Position> }"
    everything = served.client.get("/sparql", params={"query": ask}, headers=RESULTS_JSON)
    assert everything.json()["boolean"] is True
    reference = "https://w3id.org/iisgraph/graph/reference"
    only_reference = {"query": ask, "default-graph-uri": reference}
    limited = served.client.get("/sparql", params=only_reference, headers=RESULTS_JSON)
    assert limited.json()["boolean"] is False
    posted = served.client.post(
        "/sparql",
        params={"default-graph-uri": reference},
        content=ask,
        headers={"Content-Type": "application/sparql-query", **RESULTS_JSON},
    )
    assert posted.json()["boolean"] is False


def test_named_graph_uri_names_the_graphs_a_query_sees(served: Served) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    ontology = "https://w3id.org/iisgraph/graph/ontology"
    response = served.client.post(
        "/sparql",
        data={"query": query, "named-graph-uri": ontology},
        headers={"Accept": "application/sparql-results+json"},
    )
    graphs = [b["g"]["value"] for b in response.json()["results"]["bindings"]]
    assert graphs == [ontology]


@pytest.mark.parametrize(
    ("media", "rdflib_format"),
    [
        ("application/n-quads", "nquads"),
        ("application/trig", "trig"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
    ],
)
def test_construct_answers_every_rdf_format(served: Served, media: str, rdflib_format: str) -> None:
    query = "CONSTRUCT WHERE { ?p <https://w3id.org/iisgraph/ontology#topic> ?t }"
    response = served.client.get("/sparql", params={"query": query}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    data = Dataset()
    data.parse(data=response.text, format=rdflib_format)
    assert len(data) == 1 or sum(1 for _ in data.quads()) == 1


def test_reads_are_open_to_other_origins(served: Served) -> None:
    response = served.client.get(
        "/sparql",
        params={"query": SELECT_STATES},
        headers={"Origin": "https://example.org"},
    )
    assert response.headers["access-control-allow-origin"] == "*"


def test_a_result_over_the_size_limit_is_refused_with_a_clear_problem(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("s1", statement())
    with InProcessServer(store, Settings(store=":memory:", max_results=5)) as server:
        response = server.client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert response.status_code == 413
        assert "more than 5 rows" in response.json()["detail"]
        small = server.client.get(
            "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}
        )
        assert small.status_code == 200


def test_a_query_over_the_time_limit_is_stopped_with_a_clear_problem(
    tmp_path: Path, reference_store_dir: Path, statement: StatementBuilder
) -> None:
    shutil.copytree(reference_store_dir, tmp_path / "engine")  # the reference, loaded once
    settings = Settings(store=str(tmp_path / "engine"), query_timeout=0.5)
    engine = open_serving_store(settings)
    Pipeline(settings.base).ensure_reference(engine)
    engine.replace_source("s1", statement())
    try:
        with InProcessServer(engine, settings) as server:
            runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
            response = server.client.get("/sparql", params={"query": runaway})
            assert response.status_code == 503
            assert "longer than 0.5 s" in response.json()["detail"]
            again = server.client.get("/sparql", params={"query": SELECT_STATES})
            assert again.status_code == 200
    finally:
        engine.close()


def test_format_parameter_makes_download_links_and_browsers_get_the_page(
    served: Served,
) -> None:
    csv = served.client.get("/sparql", params={"query": SELECT_STATES, "format": "csv"})
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = served.client.get(
        "/sparql", params={"query": SELECT_STATES}, headers={"Accept": browser}
    )
    assert page.headers["content-type"].startswith("text/html")
    assert 'id="query"' in page.text
    bad = served.client.get("/sparql", params={"query": SELECT_STATES, "format": "pdf"})
    assert bad.status_code in (400, 406)
    assert "format must be one of" in bad.json()["detail"]
