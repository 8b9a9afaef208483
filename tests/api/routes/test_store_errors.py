"""When the SPARQL server behind iisgraph refuses iisgraph's own credentials, that is the
operator's problem: the reader gets 503 and no challenge to log in, the log gets the details."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from graph.store import open_store
from tests.conftest import remote_settings
from tests.sparql_servers import SparqlServer


def test_a_store_refusing_our_credentials_is_a_503_with_the_details_in_the_log_only(
    virtuoso_server: SparqlServer, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = Settings(store_password="not-the-password", write_token="w").store_password
    settings = remote_settings(virtuoso_server).model_copy(
        update={"store_password": wrong, "write_token": "w"}
    )
    store = open_store(settings)
    client = TestClient(create_app(settings, store), raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="iisgraph.api"):
        response = client.post(
            "/sources",
            params={"name": "s.txt"},
            content="Россия и Китай выступают за повышение роли МСЭ.".encode(),
            headers={"Authorization": "Bearer w", "Content-Type": "text/plain"},
        )
    store.close()
    assert response.status_code == 503, response.text
    assert "www-authenticate" not in response.headers
    assert "operator" in response.json()["detail"]
    assert "credentials" not in response.text and "8890" not in response.text
    assert "refused the credentials" in caplog.text
    assert "not-the-password" not in caplog.text
