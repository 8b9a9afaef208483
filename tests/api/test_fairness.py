"""A client that spends more than its share of query time in a minute gets 429 with
Retry-After; others are answered meanwhile, and pages and lists are never counted."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.fairness import Fairness, QueryBudget
from graph.settings import Settings
from graph.store import open_store
from tests.conftest import bare_app

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def test_a_client_over_its_query_time_waits_until_its_spending_leaves_the_window() -> None:
    budget = QueryBudget(seconds=10, window=60)
    budget.charge("a", 6, now=0)
    budget.charge("a", 5, now=20)
    assert budget.wait("a", now=30) == pytest.approx(30)  # the first 6 s leave at 60
    assert budget.wait("b", now=30) == 0
    assert budget.wait("a", now=61) == 0


def test_spending_that_left_the_window_no_longer_counts_and_a_quiet_client_is_forgotten() -> None:
    budget = QueryBudget(seconds=10, window=60)
    for at in range(0, 30, 3):  # 10 queries of 1 s: at its share
        budget.charge("a", 1, now=at)
    assert budget.wait("a", now=30) == pytest.approx(30)  # the one at 0 leaves at 60
    assert budget.wait("a", now=64) == 0  # two left the window: 8 s spent
    budget.charge("a", 2, now=64)
    assert budget.wait("a", now=65) == pytest.approx(1)  # 10 s again, till the one at 6 leaves
    assert budget.wait("a", now=200) == 0
    assert budget.clients() == 0


@pytest.fixture
def client() -> TestClient:
    return bare_app(client_query_seconds=0.001)


def test_a_client_past_its_share_is_told_when_to_come_back(client: TestClient) -> None:
    first = client.get("/sparql", params={"query": SLOW}, headers={"Accept": "text/csv"})
    assert first.status_code == 200
    refused = client.get("/sparql", params={"query": "ASK {}"})
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "query time" in refused.json()["detail"]
    # another client (by its token) is answered; pages and lists are not counted
    other = client.get("/sparql", params={"query": "ASK {}"}, headers={"Authorization": "Bearer x"})
    assert other.status_code == 200
    assert client.get("/states").status_code == 200


def test_each_web_process_grants_its_part_of_a_clients_query_time() -> None:
    # three processes of `iisgraph serve --workers 3`: 30 s a minute in all, whichever answers
    settings = Settings(store=":memory:", client_query_seconds=30, workers=3)
    app = create_app(settings, open_store(settings))
    budgets = [m.kwargs["budget"] for m in app.user_middleware if m.cls is Fairness]
    assert [budget.seconds for budget in budgets] == [10]
