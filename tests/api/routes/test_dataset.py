"""/void, /ontology, /shapes and the dumps, over HTTP."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from graph.namespaces import SH, T
from tests.conftest import Served

VOID = "http://rdfs.org/ns/void#"


def quads(data: Dataset) -> int:
    return sum(1 for _ in data.quads((None, None, None, None)))


def dump(server: Served) -> Dataset:
    data = Dataset()
    data.parse(data=server.client.get("/dumps/latest.nq").content, format="nquads")
    return data


def test_void_counts_the_triples_and_the_positions_of_the_store(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get("/void").json()
    assert "Dataset" in str(body["type"])
    everything = dump(corpus_server)
    assert body["triples"] == quads(everything)
    partitions = {p["class"]: p["entities"] for p in body["classPartition"]}
    positions = {q[0] for q in everything.quads((None, RDF.type, T.Position, None))}
    assert partitions[str(T.Position)] == len(positions) > 0
    assert body["sparqlEndpoint"] == f"{corpus_server.url}/sparql"
    dumps = [d["id"] if isinstance(d, dict) else d for d in body["dataDump"]]
    assert {d.rsplit("/", 1)[-1] for d in dumps} == {
        "latest.nq",
        "latest.trig",
        "latest.jsonld",
    }


@pytest.mark.parametrize("ext", ["nq", "trig", "jsonld"])
def test_every_dump_holds_every_named_graph(corpus_server: Served, ext: str) -> None:
    response = corpus_server.client.get(f"/dumps/latest.{ext}")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    data = Dataset()
    data.parse(
        data=response.content, format={"nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[ext]
    )
    names = {str(g.identifier) for g in data.graphs()}
    assert "https://w3id.org/iisgraph/graph/reference" in names
    assert any("/graph/source/" in n for n in names)
    assert quads(data) == quads(dump(corpus_server))


def test_ontology_and_shapes_negotiate_their_formats(corpus_server: Served) -> None:
    ontology = Graph().parse(data=corpus_server.client.get("/ontology.ttl").text, format="turtle")
    assert (T.Position, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in ontology
    xml = corpus_server.client.get("/ontology", headers={"Accept": "application/rdf+xml"})
    assert Graph().parse(data=xml.text, format="xml")
    shapes = Graph().parse(
        data=corpus_server.client.get("/shapes", headers={"Accept": "text/turtle"}).text,
        format="turtle",
    )
    assert any(shapes.subjects(RDF.type, SH.NodeShape))
    assert corpus_server.client.get("/dumps/latest.zip").status_code == 404
