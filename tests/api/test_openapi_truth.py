"""The OpenAPI description declares the problems each operation answers with, describes
``format`` as an enumeration, and ``Allow`` on a 405 lists every method the path answers;
HEAD is answered wherever GET is."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from tests.conftest import bare_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return bare_app()


@pytest.fixture(scope="module")
def schema(client: TestClient) -> dict[str, Any]:
    return dict(client.get("/openapi.json").json())


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        ("/states/{code}", "get", {"400", "404", "406", "503"}),
        ("/sparql", "get", {"400", "406", "429", "503"}),
        ("/sources", "post", {"400", "401", "403", "413", "415", "422", "503"}),
        ("/instruments", "get", {"400", "404", "406", "503"}),
    ],
)
def test_each_operation_declares_the_problems_it_answers_with(
    schema: dict[str, Any], path: str, method: str, statuses: set[str]
) -> None:
    responses = schema["paths"][path][method]["responses"]
    assert statuses <= set(responses)
    problem = responses["400"]["content"]["application/problem+json"]["schema"]
    assert problem == {"$ref": "#/components/schemas/Problem"}


def test_format_is_described_as_the_formats_it_takes(schema: dict[str, Any]) -> None:
    (fmt,) = [p for p in schema["paths"]["/states"]["get"]["parameters"] if p["name"] == "format"]
    assert set(fmt["schema"]["enum"]) == {"csv", "html", "json", "jsonld", "nt", "rdf", "ttl"}


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/states", "GET, HEAD"),
        ("PUT", "/sparql", "GET, HEAD, POST"),
        ("PATCH", "/sources/x", "GET, HEAD, DELETE"),
    ],
)
def test_a_method_not_allowed_names_every_method_the_path_answers(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow


def test_head_is_answered_where_get_is_without_a_body(client: TestClient) -> None:
    got, head = client.get("/states"), client.head("/states")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_the_description_is_valid_openapi(schema: dict[str, Any]) -> None:
    validate(schema)  # openapi-spec-validator: raises on any error (a duplicate operationId…)
    ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
