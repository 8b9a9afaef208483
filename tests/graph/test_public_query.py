"""Public queries are read-only and never reach the network."""

from __future__ import annotations

import pytest

from graph.errors import BadQuery
from graph.public_query import QueryLimits, query_form


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


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * { ?s ?p "SERVICE <http://example.org/sparql>" }',
        "SELECT * { ?s ?p 'load it' }",
        'SELECT * { ?s ?p """SERVICE\n<x>""" }',
        "# SERVICE <http://example.org/sparql>\nSELECT * { ?s ?p ?o }",
        "SELECT * { <http://example.org/SERVICE/load> ?p ?o }",
        "PREFIX service: <urn:x:> SELECT * { ?s service:load ?o }",
        "SELECT ?service ?load { ?service ?p ?load }",
    ],
)
def test_the_words_in_strings_iris_comments_and_names_are_no_clauses(query: str) -> None:
    assert query_form(query) == "SELECT"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * {\n  Service\n<http://example.org/sparql> { ?s ?p ?o } }",
        'SELECT * { ?s ?p "x" . SERVICE <http://e.org/> { ?s ?p ?o } }',
    ],
)
def test_a_service_clause_however_written_is_refused(query: str) -> None:
    with pytest.raises(BadQuery, match="SERVICE is not allowed"):
        query_form(query)


def test_a_query_past_the_size_limit_is_refused_saying_the_limit() -> None:
    query = "SELECT * { ?s ?p ?o } # " + "x" * 200
    with pytest.raises(BadQuery, match="at most 100 are accepted"):
        query_form(query, QueryLimits(max_bytes=100))


def test_a_filter_of_thousands_of_terms_is_refused_before_the_engine_sees_it() -> None:
    terms = "||".join(f"?o={i}" for i in range(8_000))  # 70 KB: under the size limit
    with pytest.raises(BadQuery, match="more than 5,000 terms"):
        query_form(f"SELECT * {{ ?s ?p ?o FILTER({terms}) }}")


def test_thousands_of_nested_groups_are_refused_saying_the_depth() -> None:
    query = "SELECT * WHERE " + "{" * 5_000 + " ?s ?p ?o " + "}" * 5_000
    with pytest.raises(BadQuery, match="more than 100 deep"):
        query_form(query)


def test_a_query_within_the_limits_passes() -> None:
    values = " ".join(f"<urn:x:{i}>" for i in range(1_000))
    query = "SELECT * WHERE " + "{" * 50 + f" VALUES ?s {{ {values} }} ?s ?p ?o " + "}" * 50
    assert query_form(query) == "SELECT"
