"""``POST /sparql/page``, the query page's own runs: a result over the limit comes back as its
first rows (or triples) with a header naming the limit, while the protocol endpoint still
refuses it with 413 — paging belongs to the page, machines get the protocol's answer."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import bare_app

ROWS = "SELECT ?n WHERE { VALUES ?n { 1 2 3 4 5 6 7 8 } } ORDER BY ?n"
TRIPLES = (
    "CONSTRUCT { ?s <http://example.org/p> ?n } WHERE { VALUES ?n { 1 2 3 4 5 6 7 8 } "
    'BIND(IRI(CONCAT("http://example.org/s", STR(?n))) AS ?s) }'
)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return bare_app(max_results=5)


def test_page_run_of_too_many_rows_answers_the_first_rows_and_says_it_was_cut(
    client: TestClient,
) -> None:
    response = client.post("/sparql/page", data={"query": ROWS})
    assert response.status_code == 200, response.text
    assert response.headers["Results-Truncated"] == "5"
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    rows = response.json()["results"]["bindings"]
    assert [row["n"]["value"] for row in rows] == ["1", "2", "3", "4", "5"]


def test_protocol_client_asking_too_many_rows_still_gets_413(client: TestClient) -> None:
    response = client.post("/sparql", data={"query": ROWS})
    assert response.status_code == 413, response.text
    assert "more than 5 rows" in response.json()["detail"]


def test_page_run_within_the_limit_is_whole_and_not_marked(client: TestClient) -> None:
    response = client.post("/sparql/page", data={"query": ROWS.replace("ORDER BY ?n", "LIMIT 5")})
    assert response.status_code == 200, response.text
    assert "Results-Truncated" not in response.headers
    assert len(response.json()["results"]["bindings"]) == 5


def test_page_run_of_too_many_triples_answers_the_first_triples(client: TestClient) -> None:
    response = client.post("/sparql/page", data={"query": TRIPLES})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/n-triples")
    assert response.headers["Results-Truncated"] == "5"
    assert len(response.text.strip().splitlines()) == 5
    assert client.post("/sparql", data={"query": TRIPLES}).status_code == 413


def test_page_run_of_an_ask_answers_its_boolean(client: TestClient) -> None:
    response = client.post("/sparql/page", data={"query": "ASK { FILTER(true) }"})
    assert response.status_code == 200, response.text
    assert response.json()["boolean"] is True


@pytest.mark.parametrize(
    ("form", "says"),
    [
        ({"query": "SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }"}, "SERVICE"),
        ({"update": "DROP ALL"}, "read-only"),
        ({}, "give a SPARQL query"),
        ({"query": "SELECT * WHERE {"}, "parse"),
    ],
)
def test_page_run_keeps_the_endpoints_rules(
    client: TestClient, form: dict[str, str], says: str
) -> None:
    response = client.post("/sparql/page", data=form)
    assert response.status_code == 400, response.text
    assert says in response.json()["detail"]


def test_query_page_policy_allows_only_its_table_stylesheets_and_own_scripts(
    client: TestClient,
) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 200, response.text
    policy = dict(
        part.strip().split(" ", 1)
        for part in response.headers["content-security-policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    styles = policy["style-src"].split()
    assert styles[0] == "'self'" and len(styles) == 3
    assert all(s.startswith("'sha256-") for s in styles[1:])
    assert "unsafe" not in policy["style-src"] and "unsafe-eval" not in str(policy)
