"""Security headers on every answer, a strict Content-Security-Policy on pages, and no link
from the data to anything but the web."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from api.pages import Pages
from tests.conftest import bare_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return bare_app()


@pytest.mark.parametrize("path", ["/states", "/health", "/sparql?query=ASK%7B%7D", "/nowhere"])
def test_every_answer_says_nosniff_and_its_referrer_policy(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", ["/", "/states.html", "/sparql", "/organizations.html"])
def test_a_page_runs_only_the_projects_own_scripts_and_cannot_be_framed(
    client: TestClient, path: str
) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith("text/html")
    policy = dict(
        part.strip().split(" ", 1)
        for part in response.headers["content-security-policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "<script>" not in response.text  # every script is a file of /static


def test_the_json_answers_carry_no_page_policy(client: TestClient) -> None:
    assert "content-security-policy" not in client.get("/states").headers


@pytest.mark.parametrize(
    ("iri", "link"),
    [
        ("javascript:alert(document.domain)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("JAVASCRIPT:alert(1)", ""),
        ("https://www.wikidata.org/wiki/Q159", "https://www.wikidata.org/wiki/Q159"),
        ("https://w3id.org/iisgraph/id/state/RUS", "/id/state/RUS"),
    ],
)
def test_a_page_links_an_iri_only_when_it_is_on_the_web(
    client: TestClient, iri: str, link: str
) -> None:
    scope = {
        "type": "http", "app": client.app, "method": "GET", "path": "/", "query_string": b"",
        "headers": [], "scheme": "http", "server": ("testserver", 80), "root_path": "",
    }  # fmt: skip
    page = Pages(Request(scope))
    assert page.href(iri) == link.replace("/id/", "http://testserver/id/", 1)
