"""The OpenAPI description lists every route with its parameters and media types."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
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


def api_routes(routes: list[Any]) -> list[APIRoute]:
    """Every API route the description is to show, inside the routers the app includes too
    (the pages of the description itself, /docs and /redoc, are not in it)."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            if route.include_in_schema:
                found.append(route)
        elif hasattr(route, "original_router"):  # FastAPI keeps an included router whole
            found += api_routes(route.original_router.routes)
    return found


def read_parameters(dependant: Dependant) -> tuple[list[Any], list[Any]]:
    """The query and path parameters a route reads, its own and its dependencies'."""
    query, path = list(dependant.query_params), list(dependant.path_params)
    for sub in dependant.dependencies:
        more_query, more_path = read_parameters(sub)
        query += more_query
        path += more_path
    return query, path


def test_every_route_is_described_with_its_methods(
    app_and_schema: tuple[Any, dict[str, Any]],
) -> None:
    app, schema = app_and_schema
    assert len(api_routes(app.routes)) > 30
    for route in api_routes(app.routes):
        described = schema["paths"].get(route.path_format)
        assert described is not None, route.path
        for method in route.methods - {"HEAD"}:
            assert method.lower() in described, f"{method} {route.path}"


def test_every_query_parameter_of_a_handler_is_described(
    app_and_schema: tuple[Any, dict[str, Any]],
) -> None:
    """Every parameter a route reads, its own or its dependencies' (paging, format, period),
    is in the description, with words saying what it takes."""
    app, schema = app_and_schema
    assert len(api_routes(app.routes)) > 30
    for route in api_routes(app.routes):
        query, path = read_parameters(route.dependant)
        for method in route.methods - {"HEAD"}:
            operation = schema["paths"][route.path_format][method.lower()]
            described = {p["name"]: p for p in operation.get("parameters", [])}
            for field in query + path:
                assert field.alias in described, f"{route.path}: {field.alias} not described"
            for field in query:
                assert described[field.alias].get("description"), (
                    f"{route.path}: {field.alias} has no description"
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
