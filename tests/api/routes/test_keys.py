"""A key no thing can have is a bad request (400) saying what a key is; an unknown one is 404.
Never a 500, whatever the path holds."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from graph.store import open_store


@pytest.fixture(scope="module")
def client() -> TestClient:
    store = open_store(Settings(store=":memory:"))
    return TestClient(create_app(Settings(store=":memory:"), store), raise_server_exceptions=False)


@pytest.mark.parametrize(
    "path",
    [
        "/states/RUS%3E",
        "/states/%7B",
        "/states/'",
        "/states/a%20b",
        "/states/Рос",
        "/states/-1",
        "/organizations/RUS%3E",
        "/organizations/%7B",
        "/organizations/a%20b",
        "/id/state/%3E",
    ],
)
def test_a_key_no_thing_can_have_is_a_bad_request_saying_what_keys_are(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "keys are letters, digits" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/states/ZZZ", "/organizations/NOPE", "/agreements/nope"])
def test_a_well_formed_key_of_nothing_is_not_found(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
