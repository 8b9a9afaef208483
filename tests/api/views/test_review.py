"""The curation pages: a source text with its positions marked by how curators left them and
who, and the review queue with its progress; controls only for a curator's token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.curation import create_act
from graph.curators import Curator
from graph.settings import Settings
from graph.store import Store
from tests.api.routes.test_annotations import ADMIN_TOKEN
from tests.conftest import InProcessServer, StatementBuilder
from tests.graph.test_review import act


@pytest.fixture
def reviewing(store: Store, statement: StatementBuilder) -> Iterator[InProcessServer]:
    store.replace_source("s1", statement())
    store.replace_source("s2", statement(source="s2.txt", issuers=("RUS",), topic="un-norms"))
    with InProcessServer(store, Settings(store=":memory:", write_token=ADMIN_TOKEN)) as server:
        yield server


def test_the_source_page_marks_each_position_with_its_status_and_curator(
    reviewing: InProcessServer, store: Store
) -> None:
    create_act(store, act(verdict="rejected"), Curator("alice"))
    page = reviewing.client.get("/sources/s1/review")
    assert page.status_code == 200
    html = page.text
    assert 'class="evidence status-rejected"' in html
    assert "alice" in html
    assert "Международного союза электросвязи" in html
    assert 'class="controls" hidden' in html  # a visitor sees marks, not controls


def test_the_source_page_speaks_russian_with_russian_topic_names(
    reviewing: InProcessServer,
) -> None:
    page = reviewing.client.get("/sources/s1/review", params={"lang": "ru"})
    assert page.status_code == 200
    assert 'lang="ru"' in page.text
    assert "Повышение роли МСЭ" in page.text or "МСЭ" in page.text


def test_the_queue_page_shows_the_progress_and_the_weakest_first(
    reviewing: InProcessServer, store: Store
) -> None:
    before = reviewing.client.get("/review")
    assert before.status_code == 200
    assert "0 of 2 positions reviewed" in before.text
    create_act(store, act(verdict="confirmed"), Curator("alice"))
    after = reviewing.client.get("/review")
    assert "1 of 2 positions reviewed" in after.text
    assert after.text.count('class="queued"') == 1


def test_an_unknown_source_has_no_review_page(reviewing: InProcessServer) -> None:
    assert reviewing.client.get("/sources/nowhere/review").status_code == 404


def test_a_token_is_checked_by_its_curator_name(reviewing: InProcessServer) -> None:
    me = reviewing.client.get("/annotations/me", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert me.json() == {"name": "administrator", "administrator": True}
    assert reviewing.client.get("/annotations/me").status_code == 401


def test_the_supporters_answer_marks_a_reviewed_position_with_its_curator(
    reviewing: InProcessServer, store: Store
) -> None:
    create_act(store, act(verdict="confirmed"), Curator("alice"))
    answer = str(reviewing.client.get("/topics/itu-role/supporters").json())
    assert "'reviewStatus': 'reviewed'" in answer and "curator/alice" in answer
    page = reviewing.client.get("/topics/itu-role/supporters", headers={"Accept": "text/html"})
    assert 'class="review status-reviewed"' in page.text and "alice" in page.text


def test_reviewed_only_answers_from_what_curators_confirmed(
    reviewing: InProcessServer, store: Store
) -> None:
    everything = reviewing.client.get("/topics/itu-role/supporters").json()["totalItems"]
    assert everything > 0
    none_yet = reviewing.client.get("/topics/itu-role/supporters", params={"reviewed": "only"})
    assert none_yet.json()["totalItems"] == 0
    create_act(store, act(verdict="confirmed"), Curator("alice"))
    confirmed = reviewing.client.get("/topics/itu-role/supporters", params={"reviewed": "only"})
    assert confirmed.json()["totalItems"] == everything
    listed = reviewing.client.get("/positions", params={"reviewed": "only"}).json()
    assert listed["totalItems"] == 1
    assert reviewing.client.get("/positions", params={"reviewed": "all"}).status_code in (400, 422)


def test_a_rejected_position_is_no_longer_listed_nor_quoted(
    reviewing: InProcessServer, store: Store
) -> None:
    before = reviewing.client.get("/positions", params={"topic": "itu-role"}).json()["totalItems"]
    assert "position/s1/0-itu-role" in str(reviewing.client.get("/states/RUS").json())
    create_act(store, act(verdict="rejected"), Curator("alice"))
    after = reviewing.client.get("/positions", params={"topic": "itu-role"}).json()["totalItems"]
    assert (before, after) == (1, 0)
    assert reviewing.client.get("/topics/itu-role/supporters").json()["totalItems"] == 0
    state = str(reviewing.client.get("/states/RUS").json())
    assert "position/s1/0-itu-role" not in state  # the rejected position is not shown


def test_the_queue_page_lists_the_acts_that_do_nothing_now(
    reviewing: InProcessServer, store: Store
) -> None:
    from graph.review import refresh_review

    create_act(store, act(verdict="rejected"), Curator("alice"))
    assert 'id="orphans"' not in reviewing.client.get("/review").text
    store.delete_source("s1")
    refresh_review(store, "s1")
    page = reviewing.client.get("/review").text
    assert 'id="orphans"' in page and "Международного союза электросвязи" in page
