"""Writes: POST /sources stores a text with a token; every refusal keeps the store."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from rdflib import Graph

from api.routes import sources as source_routes
from graph.ingest import Pipeline
from graph.settings import Settings
from graph.store import Store
from tests.conftest import ROOT, InProcessServer, Served, ThreadedServer

TOKEN = "s3cret-token"
TEXT = (ROOT / "corpus" / "texts" / "000_65bda562d0d878a3.txt").read_bytes()
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"}


def writable_settings() -> Settings:
    return Settings(store=":memory:", write_token=TOKEN, max_upload_bytes=200_000)


@pytest.fixture
def writable(store: Store) -> Iterator[Served]:
    with InProcessServer(store, writable_settings()) as server:
        yield server


@pytest.fixture
def writable_over_http(store: Store) -> Iterator[ThreadedServer]:
    """For a body streamed over a real connection, which the TestClient reads whole."""
    with ThreadedServer(store, writable_settings()) as server:
        yield server


def snapshot(store: Store) -> tuple[list[str], int]:
    return store.source_ids(), store.triple_count()


def post(server: Served, data: bytes, name: str = "tass.txt", **headers: str) -> httpx.Response:
    return server.client.post("/sources", params={"name": name}, content=data, headers=headers)


def test_upload_with_token_stores_the_text_and_answers_its_summary(
    writable: Served, store: Store
) -> None:
    response = post(writable, TEXT, **AUTH)
    assert response.status_code == 201, response.text
    assert response.headers["location"].endswith("/sources/tass")
    summary = response.json()
    assert summary["source"] == "tass.txt"
    topics = {p["topic"] for i in summary["instruments"] for p in i["positions"]}
    assert "itu-role" in topics
    assert "tass" in store.source_ids()
    seen = writable.client.get("/sources/tass").json()
    assert seen["fileName"] == "tass.txt"
    again = post(writable, TEXT, **AUTH)
    assert again.status_code == 200  # the same text: nothing changed


def test_delete_removes_the_source_and_its_holders(writable: Served, store: Store) -> None:
    before = snapshot(store)
    assert post(writable, TEXT, **AUTH).status_code == 201
    response = writable.client.delete("/sources/tass", headers=AUTH)
    assert response.status_code == 204
    assert snapshot(store) == before
    missing = writable.client.delete("/sources/tass", headers=AUTH)
    assert missing.status_code == 404


def test_issue_17_an_uploaded_dated_report_joins_the_yearless_one_and_leaves_it_when_deleted(
    writable: Served, store: Store
) -> None:
    # TEXT, the Russian report, gives no year; the English one does.
    english = (ROOT / "corpus" / "texts" / "003_5ee55c2dbda9f476.txt").read_bytes()
    assert post(writable, TEXT, **AUTH).status_code == 201
    assert post(writable, english, name="en.txt", **AUTH).status_code == 201
    dated, yearless = (
        writable.client.get(f"/instruments/{key}", follow_redirects=False).status_code
        for key in ("rus-uzb-2021-11-19-joint-statement", "rus-uzb-11-19-joint-statement")
    )
    assert (dated, yearless) == (200, 301)
    assert writable.client.delete("/sources/en", headers=AUTH).status_code == 204
    dated, yearless = (
        writable.client.get(f"/instruments/{key}", follow_redirects=False).status_code
        for key in ("rus-uzb-2021-11-19-joint-statement", "rus-uzb-11-19-joint-statement")
    )
    assert (dated, yearless) == (404, 200)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": "text/plain"}, 401),
        ({"Authorization": "Bearer wrong", "Content-Type": "text/plain"}, 401),
        ({"Authorization": f"Basic {TOKEN}", "Content-Type": "text/plain"}, 401),
    ],
)
def test_upload_without_the_token_is_refused_and_store_unchanged(
    writable: Served, store: Store, headers: dict[str, str], status: int
) -> None:
    before = snapshot(store)
    response = post(writable, TEXT, **headers)
    assert response.status_code == status
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == "application/problem+json"
    assert snapshot(store) == before


def test_writes_are_disabled_without_a_configured_token(store: Store) -> None:
    with InProcessServer(store) as server:  # no write token
        before = snapshot(store)
        response = post(server, TEXT, **AUTH)
        assert response.status_code == 403
        assert "disabled" in response.json()["detail"]
        assert server.client.delete("/sources/x", headers=AUTH).status_code == 403
        assert snapshot(store) == before


@pytest.mark.parametrize(
    ("data", "name", "content_type", "status", "says"),
    [
        (b"", "empty.txt", "text/plain", 400, "empty"),
        (b"\x00\x01\x02\x03" * 500, "blob.txt", "text/plain", 400, "binary"),
        (TEXT, "../../etc/passwd", "text/plain", 400, "name"),
        (TEXT, "tass.txt", "image/png", 400, "text/plain"),
        (b"x" * 200_001, "big.txt", "text/plain", 413, "200000"),
    ],
)
def test_bad_uploads_are_refused_and_store_unchanged(
    writable: Served,
    store: Store,
    data: bytes,
    name: str,
    content_type: str,
    status: int,
    says: str,
) -> None:
    before = snapshot(store)
    headers = {**AUTH, "Content-Type": content_type}
    response = post(writable, data, name, **headers)
    assert response.status_code == status, response.text
    assert says in response.json()["detail"]
    assert snapshot(store) == before


def test_a_streamed_upload_over_the_limit_is_refused(
    writable_over_http: ThreadedServer, store: Store
) -> None:
    before = snapshot(store)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the server counts as it reads
        for _ in range(30):
            yield b"y" * 10_000

    response = writable_over_http.client.post(
        "/sources", params={"name": "s.txt"}, content=chunks(), headers=AUTH
    )
    assert response.status_code == 413
    assert snapshot(store) == before


def test_text_failing_the_shapes_is_422_with_the_report(
    writable: Served, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Shapes stricter than ours: every instrument must have a place in Paris.
    strict = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix iis: <https://w3id.org/iisgraph/ontology#> .
        [] a sh:NodeShape ; sh:targetClass iis:Instrument ;
           sh:property [ sh:path iis:place ;
                         sh:hasValue <https://w3id.org/iisgraph/id/place/paris> ;
                         sh:message "an instrument must be made in Paris" ] .
        """,
        format="turtle",
    )
    strict_pipeline = Pipeline(store.ids.base, shapes=strict)
    monkeypatch.setattr(source_routes, "_pipeline", lambda base: strict_pipeline)
    before = snapshot(store)
    response = post(writable, TEXT, **AUTH)
    assert response.status_code == 422, response.text
    body = response.json()
    assert any("Paris" in line for line in body["report"])
    assert snapshot(store) == before
