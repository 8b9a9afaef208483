"""/sparql over HTTP, with SPARQLWrapper and httpx as clients."""

from __future__ import annotations

import httpx
import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests.conftest import ThreadedServer

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
def test_select_answers_json_to_sparqlwrapper(served: ThreadedServer, method: str) -> None:
    result = client(served, SELECT_STATES, JSON, method).queryAndConvert()
    assert isinstance(result, dict)
    codes = [b["code"]["value"] for b in result["results"]["bindings"]]
    assert codes == ["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]


def test_select_answers_xml_and_csv(served: ThreadedServer) -> None:
    xml = client(served, SELECT_STATES, XML).query()
    assert "sparql-results+xml" in xml.info()["content-type"]
    csv = client(served, SELECT_STATES, CSV).queryAndConvert()
    assert isinstance(csv, bytes)
    assert csv.decode().splitlines()[:2] == ["code", "CHN"]


def test_ask_answers_a_boolean(served: ThreadedServer) -> None:
    result = client(served, "ASK { ?s a <https://w3id.org/iisgraph/ontology#Position> }", JSON)
    assert result.queryAndConvert()["boolean"] is True  # type: ignore[index]


def test_construct_answers_turtle(served: ThreadedServer) -> None:
    query = (
        "CONSTRUCT { ?p <urn:topic> ?t } WHERE { ?p <https://w3id.org/iisgraph/ontology#topic> ?t }"
    )
    wrapper = client(served, query, TURTLE)
    graph_text = wrapper.query().response.read().decode()
    assert "https://w3id.org/iisgraph/id/topic/itu-role" in graph_text


def test_query_posted_as_sparql_query_body(served: ThreadedServer) -> None:
    response = httpx.post(
        f"{served.url}/sparql",
        content=SELECT_STATES,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert response.status_code == 200, response.text
    assert response.text.splitlines()[1] == "CHN"


def test_syntax_error_is_400_with_the_parser_message(served: ThreadedServer) -> None:
    with pytest.raises(QueryBadFormed):
        client(served, "SELECT ?s WHERE { ?s", JSON).query()
    response = httpx.get(f"{served.url}/sparql", params={"query": "SELECT ?s WHERE { ?s"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert "does not parse" in response.json()["detail"]


def test_sparql_rejects_service_clause(served: ThreadedServer) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    response = httpx.get(f"{served.url}/sparql", params={"query": query})
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
    served: ThreadedServer, data: str, content_type: str
) -> None:
    response = httpx.post(
        f"{served.url}/sparql", content=data, headers={"Content-Type": content_type}
    )
    assert response.status_code == 400
    assert "read-only" in response.json()["detail"]
    still = client(served, SELECT_STATES, JSON).queryAndConvert()
    assert len(still["results"]["bindings"]) == 8  # type: ignore[index]


def test_unacceptable_media_type_is_406(served: ThreadedServer) -> None:
    response = httpx.get(
        f"{served.url}/sparql", params={"query": SELECT_STATES}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 406
    assert response.json()["status"] == 406


def test_get_without_query_is_400(served: ThreadedServer) -> None:
    response = httpx.get(f"{served.url}/sparql")
    assert response.status_code == 400
