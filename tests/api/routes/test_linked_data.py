"""Dereferenceable IRIs: /id/{kind}/{key} → 303 → a document that negotiates its format."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from tests.conftest import Served

BASE = "https://w3id.org/iisgraph/"


@pytest.mark.parametrize(
    ("iri_path", "document"),
    [
        ("/id/state/RUS", "/states/RUS"),
        ("/id/organization/SCO", "/organizations/SCO"),
        ("/id/agreement/sco-2009-iis", "/agreements/sco-2009-iis"),
        ("/id/topic/itu-role", "/topics/itu-role"),
        ("/id/place/moscow", "/things/place/moscow"),
        ("/id/membership/SCO-IND-2017-06-09", "/things/membership/SCO-IND-2017-06-09"),
    ],
)
def test_an_iri_answers_303_to_its_document(
    corpus_server: Served, iri_path: str, document: str
) -> None:
    response = corpus_server.client.get(iri_path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"{corpus_server.url}{document}"


def test_following_an_iri_gives_turtle_about_that_iri(corpus_server: Served) -> None:
    response = corpus_server.client.get(
        "/id/place/moscow", headers={"Accept": "text/turtle"}, follow_redirects=True
    )
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(f"{BASE}id/place/moscow"), None, None) in graph


def test_unknown_kinds_and_things_are_404(corpus_server: Served) -> None:
    assert corpus_server.client.get("/id/planet/mars").status_code == 404
    missing = corpus_server.client.get("/things/place/atlantis")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
