"""Reads carry ETags and are kept until the store changes; a write is seen at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from graph.settings import Settings
from graph.store import Bindings, Store, Triple
from tests.conftest import InProcessServer, Served, StatementBuilder


@pytest.fixture
def server(store: Store, statement: StatementBuilder) -> Iterator[Served]:
    store.replace_source("s1", statement())
    with InProcessServer(store, Settings(store=":memory:", response_cache=8)) as served:
        yield served


def get(server: Served, path: str, **headers: str) -> httpx.Response:
    return server.client.get(path, headers=headers)


def test_a_read_sent_back_with_its_etag_is_not_modified(server: Served) -> None:
    first = get(server, "/topics/itu-role/supporters")
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = get(server, "/topics/itu-role/supporters", **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    kept = get(server, "/topics/itu-role/supporters")
    assert kept.content == first.content
    assert kept.headers["etag"] == etag


def test_each_format_and_filter_has_its_own_etag(server: Served) -> None:
    json_ld = get(server, "/states", Accept="application/ld+json")
    turtle = get(server, "/states", Accept="text/turtle")
    filtered = get(server, "/states?organization=SCO", Accept="text/turtle")
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert len({r.headers["etag"] for r in (json_ld, turtle, filtered)}) == 3
    assert get(server, "/states", Accept="text/turtle").content == turtle.content


def test_a_write_is_seen_at_once_and_changes_the_etag(
    server: Served, store: Store, statement: StatementBuilder
) -> None:
    before = get(server, "/topics/itu-role/supporters?stance=opposes")
    assert before.json()["totalItems"] == 0
    store.replace_source("s2", statement(source="s2.txt", issuers=("CSTO",), stance="opposes"))
    after = get(
        server,
        "/topics/itu-role/supporters?stance=opposes",
        **{"If-None-Match": before.headers["etag"]},
    )
    assert after.status_code == 200
    assert after.json()["totalItems"] > 0
    assert after.headers["etag"] != before.headers["etag"]


def test_a_sparql_query_asked_again_is_kept_until_a_write(
    server: Served, store: Store, statement: StatementBuilder
) -> None:
    query = "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D"
    accept = {"Accept": "application/sparql-results+json"}
    first = get(server, query, **accept)
    assert get(server, query, **accept).headers["etag"] == first.headers["etag"]
    store.replace_source("s2", statement(source="s2.txt", issuers=("CSTO",)))
    after = get(server, query, **accept)
    count = int(after.json()["results"]["bindings"][0]["n"]["value"])
    assert count > int(first.json()["results"]["bindings"][0]["n"]["value"])


def test_errors_are_not_kept(server: Served) -> None:
    bad = get(server, "/sparql?query=SELEKT")
    assert bad.status_code == 400
    assert "etag" not in bad.headers
    missing = get(server, "/states/XXX")
    assert missing.status_code == 404
    assert "etag" not in missing.headers


def test_the_same_read_asked_while_it_is_computed_is_computed_once(
    server: Served, store: Store, statement: StatementBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    triples = store.triples

    def slow_triples(query: str, bindings: Bindings | None = None) -> list[Triple]:
        asked.append(query)
        time.sleep(0.3)  # the page is being computed while the others arrive
        return triples(query, bindings)

    monkeypatch.setattr(store, "triples", slow_triples)
    page = "/topics/itu-role/supporters"
    store.replace_source("s2", statement(source="s2.txt", issuers=("CSTO",)))
    alone = get(server, page)
    once = len(asked)
    assert once > 0

    store.replace_source("s3", statement(source="s3.txt", issuers=("CIS",)))  # a new version
    asked.clear()
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: get(server, page), range(4)))
    assert [a.status_code for a in answers] == [200] * 4
    assert len({a.content for a in answers}) == 1
    assert len({a.headers["etag"] for a in answers} | {alone.headers["etag"]}) == 2
    assert len(asked) == once
