"""Every named query parses, has a header, and runs on a store."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.errors import BadInput, NotFound
from graph.queries import NamedQuery, named_queries, named_query
from graph.store import Store
from tests.conftest import StatementBuilder

ALL = [q.name for q in named_queries()]


def test_there_are_named_queries() -> None:
    assert "states-supporting-topic" in ALL


@pytest.mark.parametrize("name", ALL)
def test_named_query_has_title_and_runs_with_defaults(name: str, store: Store) -> None:
    query = named_query(name)
    assert query.title
    bindings = query.bindings({}, store.ids)
    store.select(query.text, bindings)


def test_states_supporting_topic_binds_topic_and_stance(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("s1", statement(issuers=("SCO",), date="2020-11-10"))
    query = named_query("states-supporting-topic")
    rows = store.select(query.text, query.bindings({"topic": "itu-role"}, store.ids))
    assert sorted({str(r["code"]) for r in rows}) == [
        "CHN",
        "IND",
        "KAZ",
        "KGZ",
        "PAK",
        "RUS",
        "TJK",
        "UZB",
    ]
    none = store.select(query.text, query.bindings({"stance": "opposes"}, store.ids))
    assert none == []


def test_parameter_values_are_bound_not_spliced(store: Store) -> None:
    query = named_query("states-supporting-topic")
    bound = query.bindings({"topic": "https://example.org/topic?x=1"}, store.ids)
    assert bound["topic"] == URIRef("https://example.org/topic?x=1")
    assert "example.org" not in query.text
    with pytest.raises(BadInput, match="not a valid IRI"):
        query.bindings({"topic": "https://example.org/x> } DROP ALL #"}, store.ids)


@pytest.mark.parametrize("name", ALL)
def test_named_query_projects_its_parameters(name: str) -> None:
    query = named_query(name)
    select = next(line for line in query.text.splitlines() if line.startswith("SELECT"))
    for param in query.params:
        assert f"?{param.name}" in select or "*" in select, param.name


def test_bad_date_parameter_is_bad_input(store: Store) -> None:
    query = named_query("members-on-date")
    with pytest.raises(BadInput, match="expected a date"):
        query.bindings({"date": "10 November"}, store.ids)


def test_members_on_date_answers_the_sco_in_2020(store: Store) -> None:
    query = named_query("members-on-date")
    rows = store.select(query.text, query.bindings({"date": "2020-11-10"}, store.ids))
    assert len(rows) == 8
    assert query.bindings({}, store.ids)["date"] == Literal("2020-11-10", datatype=XSD.date)


def test_unknown_parameter_is_refused(store: Store) -> None:
    with pytest.raises(BadInput, match="no parameter"):
        named_query("instruments").bindings({"colour": "red"}, store.ids)


def test_unknown_query_is_not_found() -> None:
    with pytest.raises(NotFound):
        named_query("no-such-query")


def test_header_without_title_is_rejected() -> None:
    with pytest.raises(ValueError, match="title"):
        NamedQuery.parse("x", "# description: d\nSELECT * {}")


def test_an_instrument_reported_twice_is_one_row_with_its_best_known_date(
    store: Store, statement: StatementBuilder
) -> None:
    # the same joint statement read from two reports, one with the year and one without
    store.replace_source(
        "r1", statement(source="r1.txt", issuers=("RUS", "UZB"), date="2021-11-19")
    )
    store.replace_source("r2", statement(source="r2.txt", issuers=("RUS", "UZB"), date="--11-19"))
    query = named_query("states-supporting-topic")
    rows = store.select(query.text, query.bindings({}, store.ids))
    by_state = [(str(r["code"]), str(r["instrument"])) for r in rows]
    assert sorted(by_state) == sorted(set(by_state))  # each state and instrument once
    assert {str(r["date"]) for r in rows if str(r["instrument"]).endswith("-2021-11-19")} <= {
        "2021-11-19"
    }
    assert all(len(str(r["source"]).split()) >= 1 for r in rows)
