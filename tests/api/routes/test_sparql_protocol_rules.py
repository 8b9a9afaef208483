"""The SPARQL 1.1 Protocol's rules that are easy to get wrong: one query per request, no
update on the query endpoint, relative IRIs against the endpoint's IRI, and FROM / FROM NAMED
as the query's dataset (the protocol's own parameters win over them)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from graph.store import Store, open_store
from tests.conftest import StatementBuilder

CSV = {"Accept": "text/csv"}
SOURCE_GRAPH = "https://w3id.org/iisgraph/graph/source/s1"


@pytest.fixture
def client(statement: StatementBuilder) -> Iterator[TestClient]:
    store: Store = open_store(Settings(store=":memory:"))
    store.replace_source("s1", statement())
    yield TestClient(create_app(Settings(store=":memory:"), store), raise_server_exceptions=False)
    store.close()


@pytest.mark.parametrize(
    "params",
    [
        [("query", "ASK {}"), ("query", "ASK {}")],
        [("update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")],
        [("query", "ASK {}"), ("update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")],
    ],
)
def test_two_queries_or_an_update_in_a_get_are_a_bad_request(
    client: TestClient, params: list[tuple[str, str]]
) -> None:
    response = client.get("/sparql", params=params)
    assert response.status_code == 400, response.text


@pytest.mark.parametrize(
    "form",
    [
        [("query", "ASK {}"), ("query", "ASK {}")],
        [("query", "ASK {}"), ("update", "CLEAR ALL")],
    ],
)
def test_two_queries_or_an_update_in_a_form_are_a_bad_request(
    client: TestClient, form: list[tuple[str, str]]
) -> None:
    body = "&".join(f"{k}={v}" for k, v in form)
    response = client.post(
        "/sparql", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 400, response.text


def test_a_query_in_the_body_and_in_the_url_is_a_bad_request(client: TestClient) -> None:
    response = client.post(
        "/sparql",
        params={"query": "ASK {}"},
        content="ASK {}",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 400, response.text


def test_relative_iris_resolve_against_the_endpoint(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": "SELECT ?x { BIND(<thing> AS ?x) }"}, headers=CSV
    )
    assert response.status_code == 200, response.text
    assert response.text.splitlines()[1] == "http://testserver/thing"


def test_a_construct_with_relative_iris_runs(client: TestClient) -> None:
    query = "CONSTRUCT { <s> <p> ?o } WHERE { BIND(1 AS ?o) }"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200, response.text
    assert "http://testserver/s" in response.text


def test_the_querys_own_base_wins(client: TestClient) -> None:
    query = "BASE <http://example.org/a/> SELECT ?x { BIND(<y> AS ?x) }"
    response = client.get("/sparql", params={"query": query}, headers=CSV)
    assert response.text.splitlines()[1] == "http://example.org/a/y"


def test_from_a_graph_that_does_not_exist_gives_no_rows(client: TestClient) -> None:
    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    nothing = "SELECT (COUNT(*) AS ?n) FROM <urn:none> WHERE { ?s ?p ?o }"
    assert int(client.get("/sparql", params={"query": everything}, headers=CSV).text.split()[1]) > 0
    assert client.get("/sparql", params={"query": nothing}, headers=CSV).text.split()[1] == "0"


def test_from_a_source_graph_reads_only_it(client: TestClient) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{SOURCE_GRAPH}> WHERE {{ ?s ?p ?o }}"
    in_source = int(client.get("/sparql", params={"query": query}, headers=CSV).text.split()[1])
    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    total = int(client.get("/sparql", params={"query": everything}, headers=CSV).text.split()[1])
    assert 0 < in_source < total


def test_from_named_is_the_querys_named_graphs(client: TestClient) -> None:
    query = f"SELECT DISTINCT ?g FROM NAMED <{SOURCE_GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    response = client.get("/sparql", params={"query": query}, headers=CSV)
    assert response.text.split() == ["g", SOURCE_GRAPH]


def test_the_protocols_dataset_wins_over_from(client: TestClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) FROM <urn:none> WHERE { ?s ?p ?o }"
    params = {"query": query, "default-graph-uri": SOURCE_GRAPH}
    assert int(client.get("/sparql", params=params, headers=CSV).text.split()[1]) > 0
