"""Public queries are read-only and never reach the network."""

from __future__ import annotations

import pytest

from graph.errors import BadQuery
from graph.public_query import query_form


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("prefix ex: <http://e.org/select#> ask { ?s ?p ?o }", "ASK"),
        ("# a comment with INSERT\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://e.org/x>", "DESCRIBE"),
        ('SELECT * { ?s ?p "DELETE" }', "SELECT"),
    ],
)
def test_read_queries_give_their_form(query: str, form: str) -> None:
    assert query_form(query) == form


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "DROP ALL",
        "CLEAR DEFAULT",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(query: str) -> None:
    with pytest.raises(BadQuery, match="read-only"):
        query_form(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_sparql_rejects_service_clause_and_load(query: str) -> None:
    with pytest.raises(BadQuery, match="not allowed"):
        query_form(query)


def test_empty_query_is_refused() -> None:
    with pytest.raises(BadQuery, match="empty"):
        query_form("  ")
