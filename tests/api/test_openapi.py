"""The OpenAPI description lists every route with its parameters and media types."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from fastapi.routing import APIRoute

from api.app import create_app
from api.documents import DOCUMENT_TYPES
from api.negotiate import GRAPH_TYPES, SELECT_TYPES
from graph.settings import Settings
from graph.store import Store


@pytest.fixture
def app_and_schema(store: Store) -> tuple[Any, dict[str, Any]]:
    app = create_app(Settings(store=":memory:"), store)
    return app, app.openapi()


def test_every_route_is_described_with_its_methods(
    app_and_schema: tuple[Any, dict[str, Any]],
) -> None:
    app, schema = app_and_schema
    for route in app.routes:
        if not isinstance(route, APIRoute):
            continue
        described = schema["paths"].get(route.path_format)
        assert described is not None, route.path
        for method in route.methods - {"HEAD"}:
            assert method.lower() in described, f"{method} {route.path}"


def test_every_query_parameter_of_a_handler_is_described(
    app_and_schema: tuple[Any, dict[str, Any]],
) -> None:
    app, schema = app_and_schema
    plumbing = {"request", "store", "settings", "accept"}
    for route in app.routes:
        if not isinstance(route, APIRoute):
            continue
        for method in route.methods - {"HEAD"}:
            operation = schema["paths"][route.path_format][method.lower()]
            names = {p["name"] for p in operation.get("parameters", [])}
            for name in inspect.signature(route.endpoint).parameters:
                if name in plumbing:
                    continue
                alias = {"date_from": "from"}.get(name, name)
                assert alias in names or alias.replace("_", "-") in names, (
                    f"{route.path}: {name} not described"
                )


def test_documents_and_sparql_declare_their_media_types(
    app_and_schema: tuple[Any, dict[str, Any]],
) -> None:
    _, schema = app_and_schema
    for path in ("/states/{code}", "/topics/{key}/supporters", "/instruments", "/queries"):
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        assert set(DOCUMENT_TYPES) <= set(content), path
    sparql = schema["paths"]["/sparql"]["get"]["responses"]["200"]["content"]
    assert set(SELECT_TYPES) | set(GRAPH_TYPES) <= set(sparql)
    body = schema["paths"]["/sparql"]["post"]["requestBody"]["content"]
    assert {"application/sparql-query", "application/x-www-form-urlencoded"} <= set(body)
