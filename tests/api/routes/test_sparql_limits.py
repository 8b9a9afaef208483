"""Public queries past a size, term or depth limit are refused with a 400 naming the limit,
before the engine sees them; a word in a string is no clause."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import bare_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return bare_app(query_max_tokens=50, query_max_depth=5)


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("SELECT * { ?s ?p ?o FILTER(" + "||".join(["?o=1"] * 40) + ") }", "more than 50 terms"),
        ("SELECT * WHERE " + "{" * 6 + " ?s ?p ?o " + "}" * 6, "more than 5 deep"),
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is not"),
    ],
)
def test_a_query_past_a_limit_is_refused_naming_it(
    client: TestClient, query: str, says: str
) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400, response.text
    assert says in response.json()["detail"]


def test_the_word_service_in_a_string_is_answered(client: TestClient) -> None:
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://example.org/>" AS ?x) }'
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    assert "SERVICE <http://example.org/>" in response.text
