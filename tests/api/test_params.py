"""One list request: paging, format, period and filters are declared and checked in
``api/params.py``, before a route runs; a bad value is a 4xx problem, never a 500. A list's
page builds its filter form from the same declarations (``api/pages.py``)."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from api import problems
from api.pages import Filter, filters_of
from api.params import (
    SUFFIXED,
    DatedListDep,
    ListDep,
    StanceQ,
    key,
    state_code,
)


@pytest.fixture
def client() -> TestClient:
    """An app with two lists shaped like the curated ones, answering with what they were
    asked (no store: only the parameters are under test)."""
    app = FastAPI()
    problems.install(app)

    @app.get("/things")
    @app.get("/things.{ext}", **SUFFIXED)
    def list_things(
        request: Request,
        listing: DatedListDep,
        holder: Annotated[str | None, state_code("Held by this state")] = None,
        topic: Annotated[str | None, key("A topic id", "itu-role")] = None,
        stance: StanceQ = None,
    ) -> dict[str, Any]:
        return {
            "page": listing.paging.page,
            "per_page": listing.paging.per_page,
            "collection": str(listing.collection),
            "page_2": listing.page_iri(2),
            "media": listing.media,
            "from": str(listing.period.start) if listing.period.start else None,
            "to": str(listing.period.end) if listing.period.end else None,
            "filters": [f.__dict__ for f in filters_of(request)],
        }

    @app.get("/undated")
    def list_undated(request: Request, listing: ListDep) -> dict[str, Any]:
        return {"filters": [f.__dict__ for f in filters_of(request)]}

    return TestClient(app)


def test_a_list_request_carries_page_collection_format_and_period(client: TestClient) -> None:
    body = client.get(
        "/things", params={"page": 3, "per_page": 10, "format": "ttl", "from": "2015", "to": "2016"}
    ).json()
    assert (body["page"], body["per_page"]) == (3, 10)
    assert body["media"] == "text/turtle"
    assert (body["from"], body["to"]) == ("2015-01-01", "2016-12-31")
    # the list's IRI keeps its filters, not its page or format
    assert body["collection"] == "http://testserver/things?per_page=10&from=2015&to=2016"
    assert body["page_2"].endswith("/things?per_page=10&from=2015&to=2016&page=2")


def test_a_format_suffix_names_the_media_type_and_leaves_the_lists_iri(
    client: TestClient,
) -> None:
    body = client.get("/things.nt", params={"holder": "RUS"}).json()
    assert body["media"] == "application/n-triples"
    assert body["collection"] == "http://testserver/things?holder=RUS"


def test_without_a_format_the_accept_header_decides(client: TestClient) -> None:
    assert client.get("/things").json()["media"] is None


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/things", {"page": "0"}, 400),
        ("/things", {"per_page": "501"}, 400),
        ("/things", {"page": "two"}, 400),
        ("/things", {"from": "last week"}, 400),
        ("/things", {"from": "2020", "to": "2019"}, 400),
        ("/things", {"holder": "R U S"}, 400),
        ("/things", {"holder": "RUSSIA"}, 400),
        ("/things", {"topic": "../etc"}, 400),
        ("/things", {"stance": "likes"}, 400),
        ("/things", {"format": "png"}, 406),
        ("/things.png", {}, 404),
    ],
)
def test_bad_parameters_are_problems_before_the_route_runs(
    client: TestClient, path: str, params: dict[str, str], status: int
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"]


def test_the_page_form_offers_the_routes_own_filters_and_its_period(client: TestClient) -> None:
    filters = [
        Filter(**{**f, "choices": tuple(f["choices"])})
        for f in client.get("/things").json()["filters"]
    ]
    assert [f.name for f in filters] == ["holder", "topic", "stance", "from", "to"]
    by_name = {f.name: f for f in filters}
    assert by_name["holder"].example == "RUS"
    assert by_name["topic"].example == "itu-role"
    assert by_name["stance"].choices == ("supports", "opposes", "concerned")
    assert by_name["from"].example == "YYYY"


def test_a_list_without_filters_offers_no_form(client: TestClient) -> None:
    assert client.get("/undated").json()["filters"] == []
