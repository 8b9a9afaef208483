"""The SPARQL Protocol client: what it sends each server, and how it reads what they answer."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import httpx

from graph.settings import Settings
from graph.store.http import ServerConnection
from graph.store.server import DIALECTS, Endpoints
from graph.store.sparql_protocol import SparqlProtocol

TWO_VARIABLES = 'SELECT * WHERE { VALUES (?a ?b) { (<http://x/a> "b") } ?a ?p ?b }'


def protocol(dialect: str, answer: dict[str, object], sent: list[httpx.Request]) -> SparqlProtocol:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=answer)

    http = ServerConnection("'x'", Settings(), transport=httpx.MockTransport(handler))
    endpoints = Endpoints.parse("sparql+http://127.0.0.1:7878/query?update=http://h/update")
    return SparqlProtocol(http, endpoints, DIALECTS[dialect])


def form(request: httpx.Request) -> dict[str, list[str]]:
    return parse_qs(request.content.decode())


def test_oxigraph_and_generic_servers_get_the_query_as_written() -> None:
    for dialect in ("oxigraph", "generic"):
        sent: list[httpx.Request] = []
        protocol(dialect, {"head": {"vars": []}, "results": {"bindings": []}}, sent).results(
            TWO_VARIABLES, timeout=2.0
        )
        assert form(sent[0]) == {"query": [TWO_VARIABLES]}  # no Virtuoso timeout either
        assert sent[0].headers["Content-Type"] == "application/x-www-form-urlencoded"


def test_virtuoso_gets_one_values_per_variable_and_its_timeout_parameter() -> None:
    sent: list[httpx.Request] = []
    protocol("virtuoso", {"head": {"vars": []}, "results": {"bindings": []}}, sent).results(
        TWO_VARIABLES, timeout=2.0
    )
    assert form(sent[0])["query"] == [
        'SELECT * WHERE { VALUES ?a { <http://x/a> } VALUES ?b { "b" } ?a ?p ?b }'
    ]
    assert form(sent[0])["timeout"] == ["2000"]


def test_updates_go_to_the_update_endpoint_as_a_form() -> None:
    sent: list[httpx.Request] = []
    protocol("generic", {}, sent).update("CLEAR SILENT GRAPH <http://x/g>")
    assert str(sent[0].url) == "http://h/update"
    assert form(sent[0]) == {"update": ["CLEAR SILENT GRAPH <http://x/g>"]}


def test_the_dataset_is_sent_as_protocol_parameters() -> None:
    sent: list[httpx.Request] = []
    protocol("generic", {"boolean": True}, sent).results(
        "ASK {}", default_graphs=["http://x/a", "http://x/b"], named_graphs=["http://x/c"]
    )
    assert form(sent[0])["default-graph-uri"] == ["http://x/a", "http://x/b"]
    assert form(sent[0])["named-graph-uri"] == ["http://x/c"]


def test_virtuosos_legacy_json_is_read_as_standard_sparql_json() -> None:
    row = {"n": {"type": "typed-literal", "datatype": "http://x/t", "value": "1"}}
    rows = {"head": {"vars": ["n"]}, "results": {"bindings": [row]}}
    read = protocol("virtuoso", rows, []).results("SELECT ?n {}")
    assert read["results"]["bindings"][0]["n"]["type"] == "literal"
    ask_row = {"head": {"vars": ["__ask_retval"]}, "results": {"bindings": [
        {"__ask_retval": {"type": "typed-literal", "value": "1"}}
    ]}}  # fmt: skip
    assert protocol("virtuoso", ask_row, []).results("ASK {}") == {"head": {}, "boolean": True}
    assert json.dumps(protocol("oxigraph", {"boolean": False}, []).results("ASK {}")) == (
        '{"head": {}, "boolean": false}'
    )
