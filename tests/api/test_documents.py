"""Every format of a curated document carries the same RDF terms (issue 17, item 12): JSON-LD
(expanded by pyld with the published context), Turtle, N-Triples and RDF/XML, compared term
for term, literals as written (``"1"^^xsd:decimal`` is not ``"1.0"^^xsd:decimal``)."""

from __future__ import annotations

from typing import Any

import pytest
from pyld import jsonld
from rdflib import Graph

from tests.conftest import Served

DOCUMENTS = [
    "/persons",
    "/states/RUS",
    "/organizations/SCO",
    "/instruments?per_page=20",
    "/agreements/sco-2009-iis",
    "/meetings",
    "/topics/itu-role/supporters",
    "/positions?per_page=20",
    "/things/person/vladimir-putin",
]
FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml"}


def terms(graph: Graph) -> set[str]:
    """The triples as N-Triples lines: every term exactly as written."""
    return {" ".join(term.n3() for term in triple) for triple in graph}


def local_loader(server: Served) -> Any:
    def load(url: str, options: Any = None) -> dict[str, Any]:
        assert url == "https://w3id.org/iisgraph/context.jsonld"  # the published IRI
        response = server.client.get("/context.jsonld")
        response.raise_for_status()
        return {"contextUrl": None, "documentUrl": url, "document": response.json()}

    return load


@pytest.mark.parametrize("path", DOCUMENTS)
def test_issue_17_every_format_carries_the_same_rdf_terms(corpus_server: Served, path: str) -> None:
    client = corpus_server.client
    body = client.get(path, headers={"Accept": "application/ld+json"}).json()
    nquads = jsonld.to_rdf(
        body, {"format": "application/n-quads", "documentLoader": local_loader(corpus_server)}
    )
    from_json = terms(Graph().parse(data=nquads, format="nt"))
    assert from_json
    for media, fmt in FORMATS.items():
        text = client.get(path, headers={"Accept": media}).text
        said = terms(Graph().parse(data=text, format=fmt))
        assert said == from_json, (
            f"{path} as {media}: only there {sorted(said - from_json)[:3]}, "
            f"only in JSON-LD {sorted(from_json - said)[:3]}"
        )
