"""A remote store's one HTTP client: credentials sent, every failure mapped to its error once.
(The network is replaced by httpx's mock transport here; the real servers are in
``test_remote.py`` and the store contract.)"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from graph.errors import BadQuery, IisgraphError, StoreRefused, StoreUnavailable
from graph.settings import Settings
from graph.store.http import ServerConnection

URL = "http://127.0.0.1:8890/sparql"
Handler = Callable[[httpx.Request], httpx.Response]


def connection(handler: Handler, **settings: object) -> ServerConnection:
    return ServerConnection(
        "'http://127.0.0.1:8890/sparql'",
        Settings(**settings),  # type: ignore[arg-type]
        transport=httpx.MockTransport(handler),
    )


def answering(status: int, body: str = "") -> Handler:
    return lambda request: httpx.Response(status, text=body)


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (400, BadQuery, "cannot run on the SPARQL server: Virtuoso 37000 Error SP030: syntax"),
        (401, StoreRefused, "refused the credentials for the query"),
        (403, StoreRefused, "refused the credentials for the query"),
        (404, StoreUnavailable, "has no endpoint for the query (HTTP 404)"),
        (500, StoreUnavailable, "failed on the query: Virtuoso 37000 Error SP030: syntax"),
        (503, StoreUnavailable, "failed on the query"),
        (429, StoreUnavailable, "answered HTTP 429 to the query"),
    ],
)
def test_each_failure_status_is_its_error_with_the_servers_words(
    status: int, error: type[IisgraphError], words: str
) -> None:
    # Virtuoso echoes the whole query after its message: only its message is kept
    body = "Virtuoso 37000 Error SP030: syntax\n\nSPARQL query:\nSELECT * { ?s ?p ?o"
    http = connection(answering(status, body))
    with pytest.raises(error) as raised:
        http.send("POST", URL, "query")
    assert words in raised.value.message
    assert "SELECT" not in raised.value.message


def test_an_allowed_status_is_answered_not_raised() -> None:
    http = connection(answering(404))
    assert http.send("GET", URL, "graph read", allowed=(404,)).status_code == 404


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"store_token": "t0ken"}, "Bearer t0ken"),
        ({"store_user": "u", "store_password": "p", "store_auth": "basic"}, "Basic dTpw"),
    ],
)
def test_credentials_go_with_every_request(settings: dict[str, str], expected: str) -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("Authorization"))
        return httpx.Response(200)

    http = connection(handler, **settings)
    http.send("POST", URL, "query")
    http.send("PUT", URL, "graph write", content=b"")
    assert seen == [expected, expected]


def test_digest_credentials_answer_the_servers_challenge() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("Authorization", "").startswith('Digest username="dba"'):
            return httpx.Response(200, text="done")
        return httpx.Response(
            401, headers={"WWW-Authenticate": 'Digest realm="SPARQL", nonce="abc", qop="auth"'}
        )

    http = connection(handler, store_user="dba", store_password="s3cret")
    assert http.send("POST", URL, "update", data={"update": "CLEAR ALL"}).text == "done"


def test_a_timeout_is_a_query_timeout_and_a_refused_connection_unavailable() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with pytest.raises(IisgraphError, match="did not answer the query in time"):
        connection(slow).send("POST", URL, "query")
    with pytest.raises(StoreUnavailable, match=r"cannot reach .*127\.0\.0\.1:8890.*refused"):
        connection(refused).send("POST", URL, "query")


def test_close_closes_the_pool() -> None:
    http = connection(answering(200))
    http.close()
    assert http.closed
