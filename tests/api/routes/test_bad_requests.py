"""Every path and query parameter is checked at the edge: a key no thing can have, a day that
is not in the calendar, a page past any list is a bad request (400) saying what was expected;
a well-formed key of nothing is 404. Never a 500, never an empty 200 for a wrong question."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import bare_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return bare_app()


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


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/instruments?from=2021-02-30", "2021-02-30 is no day of the calendar"),
        ("/instruments?to=2021-13-01", "2021-13-01 is no day of the calendar"),
        ("/timeline?from=2021-04-31", "2021-04-31 is no day of the calendar"),
        ("/topics/itu-role/supporters?from=2021-02-29", "2021-02-29 is no day"),
        ("/states?organization=SCO&on=2021-02-30", "2021-02-30 is no day"),
        ("/meetings?from=2020&to=2019", "is after to"),
        ("/positions?stance=abc", "'supports', 'opposes' or 'concerned'"),
        ("/organizations?page=9999999999999999999", "less than or equal to 1000000"),
        ("/instruments?page=0", "greater than or equal to 1"),
        ("/instruments?per_page=501", "less than or equal to 500"),
    ],
)
def test_a_parameter_that_cannot_be_answered_is_a_bad_request_with_the_reason(
    client: TestClient, path: str, says: str
) -> None:
    response = client.get(path)
    assert response.status_code == 400, response.text
    assert says in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "unknown"),
    [("/positions?stanse=opposes", "stanse"), ("/states?bogus=1&lang=ru", "bogus")],
)
def test_an_unknown_parameter_is_refused_naming_what_the_operation_takes(
    client: TestClient, path: str, unknown: str
) -> None:
    response = client.get(path)
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert f"unknown parameter {unknown}" in detail and "per_page" in detail


@pytest.mark.parametrize(
    "path",
    ["/states?lang=ru", "/sparql?query=ASK%7B%7D&output=json", "/compare?differ=1"],
)
def test_the_language_and_a_sparql_clients_extras_are_taken(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200
