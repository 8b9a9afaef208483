"""An upload that is not Russian or English text is refused with the reason (400) and the
store stays as it was."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import bare_app

TOKEN = "t0ken"


@pytest.fixture
def client() -> TestClient:
    return bare_app(write_token=TOKEN)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (bytes((b * 37 + 11) % 128 + 128 for b in range(8_000)), "not"),
        (b"123456", "not text"),
        ("Déclaration commune sur la sécurité de l'information.".encode("latin-1"), "not Russian"),
    ],
)
def test_an_upload_that_is_not_russian_or_english_text_is_refused(
    client: TestClient, body: bytes, says: str
) -> None:
    response = client.post(
        "/sources",
        params={"name": "upload.txt"},
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"},
    )
    assert response.status_code == 400, response.text
    assert says in response.json()["detail"]
    assert client.get("/sources").json()["totalItems"] == 0
