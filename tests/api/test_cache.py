"""Reads carry ETags and are kept until the store changes; a write is seen at once."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from graph.settings import Settings
from graph.store import Store
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
