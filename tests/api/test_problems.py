"""Every error response has the one RFC 9457 problem shape."""

from __future__ import annotations

import pytest

from tests.conftest import Served

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


@pytest.mark.parametrize(
    ("method", "path", "params", "headers", "status"),
    [
        ("GET", "/no-such-page", {}, {}, 404),
        ("DELETE", "/sparql", {}, {}, 405),
        ("GET", "/sparql", {"query": "SELECT * {"}, {}, 400),
        ("GET", "/sparql", {"query": "SELECT * { ?s ?p ?o }"}, {"Accept": "image/png"}, 406),
        ("POST", "/sparql", {}, {"Content-Type": "text/plain"}, 400),
    ],
)
def test_error_responses_are_problem_json(
    served: Served,
    method: str,
    path: str,
    params: dict[str, str],
    headers: dict[str, str],
    status: int,
) -> None:
    response = served.client.request(method, path, params=params, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_KEYS
    assert body["status"] == status
    assert body["instance"] == path
    assert "Traceback" not in body["detail"]
