"""Every JSON-LD answer, expanded by pyld with the published context, says exactly the triples
of the Turtle answer for the same resource."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pyld import jsonld
from rdflib import Graph, Literal
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import XSD

from tests.conftest import Served

RESOURCES = [
    "/",
    "/states/RUS",
    "/states/KAZ",
    "/states?organization=CSTO&per_page=5",
    "/organizations/SCO",
    "/organizations/CSTO",
    "/organizations?per_page=7",
    "/instruments?per_page=10",
    "/instruments?topic=itu-role",
    "/agreements",
    "/agreements/sco-2009-iis",
    "/meetings",
    "/topics",
    "/topics/itu-role",
    "/topics/itu-role/supporters",
    "/topics/itu-role/supporters?stance=opposes",
    "/positions?state=RUS&per_page=20",
    "/sources",
    "/queries",
    "/void",
    "/ontology",
    "/shapes",
    "/things/place/moscow",
    "/things/person/vladimir-putin",
    "/things/membership/SCO-IND-2017-06-09",
]


def loader_for(server: Served) -> Any:
    """pyld's document loader, fetching the context from the server under test."""

    def load(url: str, options: Any = None) -> dict[str, Any]:
        # the context's published IRI is under the base, which the server serves at its root
        response = server.client.get(url.replace("https://w3id.org/iisgraph/", "/"))
        response.raise_for_status()
        return {"contextUrl": None, "documentUrl": url, "document": response.json()}

    return load


def canonical(graph: Graph) -> Graph:
    """Literals in canonical form: rdflib writes the decimal 1 as ``1.0`` in Turtle."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal)
        out.add((s, p, o))
    return out


def expanded_triples(server: Served, body: dict[str, Any]) -> Graph:
    nquads = jsonld.to_rdf(
        body, {"format": "application/n-quads", "documentLoader": loader_for(server)}
    )
    return canonical(Graph().parse(data=nquads, format="nt"))


def item_paths(server: Served) -> list[str]:
    """Item documents found through the lists: instruments, meetings, positions, sources."""
    paths = []
    for listing in ("/instruments?per_page=3", "/meetings?per_page=2", "/sources?per_page=2"):
        body = server.client.get(listing).json()
        for item in body.get("items", []):
            kind, key = item["id"].split("/id/", 1)[1].split("/", 1)
            paths.append(f"/{kind}s/{key}")
    return paths


@pytest.mark.parametrize("path", RESOURCES)
def test_json_ld_expands_to_the_triples_of_the_turtle(corpus_server: Served, path: str) -> None:
    client = corpus_server.client
    body = client.get(path, headers={"Accept": "application/ld+json"}).json()
    turtle = client.get(path, headers={"Accept": "text/turtle"}).text
    from_json = expanded_triples(corpus_server, body)
    from_turtle = canonical(Graph().parse(data=turtle, format="turtle"))
    assert len(from_turtle) > 0
    if not isomorphic(from_json, from_turtle):
        only_json = set(to_isomorphic(from_json)) - set(to_isomorphic(from_turtle))
        only_turtle = set(to_isomorphic(from_turtle)) - set(to_isomorphic(from_json))
        pytest.fail(
            f"{path}: only in JSON-LD {sorted(only_json)[:5]}, "
            f"only in Turtle {sorted(only_turtle)[:5]}"
        )


def test_item_documents_expand_to_their_turtle(corpus_server: Served) -> None:
    paths = item_paths(corpus_server)
    assert len(paths) >= 5
    for path in paths:
        body = corpus_server.client.get(path).json()
        turtle = corpus_server.client.get(path, headers={"Accept": "text/turtle"}).text
        assert isomorphic(
            expanded_triples(corpus_server, body),
            canonical(Graph().parse(data=turtle, format="turtle")),
        ), path
