"""/search: a ranked page of what the words find, in every format (issue 17, item 5)."""

from __future__ import annotations

from tests.conftest import InProcessServer

ID = "https://w3id.org/iisgraph/id/"


def test_search_answers_the_ranked_things_as_a_collection(corpus_server: InProcessServer) -> None:
    response = corpus_server.client.get("/search", params={"q": "Moldova CIS"})
    assert response.status_code == 200, response.text
    body = response.json()
    items = [item["id"] for item in body["items"]]
    assert items[0] == f"{ID}state/MDA" and body["totalItems"] == len(items)
    assert any("/meeting/" in i for i in items)


def test_search_page_lists_meetings_and_agreements(corpus_server: InProcessServer) -> None:
    page = corpus_server.client.get("/search?q=SCO+2009", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "/id/agreement/sco-2009-iis" in page.text
    minsk = corpus_server.client.get("/search?q=Minsk", headers={"Accept": "text/html"})
    assert "/id/meeting/" in minsk.text


def test_search_pages_follow_the_ranking(corpus_server: InProcessServer) -> None:
    everything = corpus_server.client.get("/search?q=Russia&per_page=500").json()
    first = corpus_server.client.get("/search?q=Russia&per_page=3").json()
    second = corpus_server.client.get("/search?q=Russia&per_page=3&page=2").json()
    ranked = [i["id"] for i in everything["items"]]
    assert [i["id"] for i in first["items"] + second["items"]] == ranked[:6]


def test_search_refuses_a_single_letter(corpus_server: InProcessServer) -> None:
    response = corpus_server.client.get("/search?q=x")
    assert response.status_code == 400
    assert "two letters" in response.json()["detail"]
