"""The entry point: what this service offers, as a ``hydra:EntryPoint`` linking every list."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from api.views import HYDRA, PREFIXES, Document, Triples
from api.views.describe import INSTRUMENT, branch, gathered, labels_of
from api.views.topics import TALLY
from graph.store import Store

VOID = "http://rdfs.org/ns/void#"
NEWEST = 8
TOPIC = ("rdf:type", "rdfs:label", "skos:prefLabel", "iis:publicId", "iis:positionCount")
# What each list counts (hydra:totalItems of the list on the entry point): the very pattern
# of the list's own view without filters, so the entry point and the list say one number
# (tests/api/views/test_home.py compares them).
COUNTED = {
    "states": "?x a iis:State ; iis:publicId ?code .",
    "organizations": "?x a iis:Organization ; iis:publicId ?key .",
    "instruments": "?x a iis:Instrument .",
    "agreements": "?x a iis:Agreement .",
    "meetings": "?x a iis:Meeting .",
    "topics": "?x a iis:Topic ; iis:publicId ?key .",
    "positions": "?x a iis:Position ; iis:statedIn ?instrument .",
    "sources": "?x a iis:SourceText ; iis:fileName ?name .",
}
DESCRIPTION = {
    "en": "Who committed to what in international information security: states, "
    "organizations, instruments, meetings and positions, each fact traced to the text it "
    "came from.",
    "ru": "Кто какие обязательства взял в области международной информационной безопасности: "
    "государства, организации, документы, встречи и позиции, и каждый факт прослежен до "
    "текста, из которого он взят.",
}


def home(store: Store, url: str, lists: Mapping[str, str], sparql: str) -> Document:
    """What the graph holds: each list (``lists`` maps states, topics... to their URL) with
    its size, the newest instruments, and every topic with its counts by stance and how
    many states hold each (the tallies kept at ingest)."""
    root = URIRef(url)
    graph = Triples()
    counts = store.select(
        PREFIXES
        + "SELECT * WHERE { "
        + " ".join(
            f"{{ SELECT (COUNT(DISTINCT ?x) AS ?{name}) WHERE {{ {pattern} }} }}"
            for name, pattern in COUNTED.items()
        )
        + " }"
    )
    for name, link in lists.items():
        if counts and name in counts[0]:
            graph.add((URIRef(link), HYDRA.totalItems, counts[0][name]))
    newest = store.select(
        f"{PREFIXES}SELECT ?i WHERE {{ ?i a iis:Instrument ; dcterms:date ?d "
        f"FILTER(datatype(?d) = xsd:date) }} ORDER BY DESC(?d) LIMIT {NEWEST}"
    )
    shown = " ".join(f"<{row['i']}>" for row in newest)
    for triple in gathered(
        store,
        f"VALUES ?i {{ {shown} }}" if shown else "FILTER(false)",
        [
            branch("BIND(?i AS ?s)", INSTRUMENT),
            labels_of("?i iis:instrumentType|iis:issuer ?s ."),
        ],
    ):
        graph.add(triple)
    for row in newest:
        graph.add((root, RDFS.seeAlso, URIRef(str(row["i"]))))
    for triple in gathered(
        store,
        "",
        [
            branch("?s a iis:Topic .", TOPIC),
            branch("?s iis:tallyOf ?topic .", TALLY),
            labels_of("?t iis:tallyOf ?topic ; iis:stance ?s ."),
        ],
    ):
        graph.add(triple)
        if triple[1] == RDF.type and str(triple[2]).endswith("#Topic"):
            graph.add((root, RDFS.seeAlso, triple[0]))
    graph.add((root, RDF.type, HYDRA.EntryPoint))
    graph.add((root, DCTERMS.title, Literal("iisgraph", lang="en")))
    for lang, text in DESCRIPTION.items():
        graph.add((root, DCTERMS.description, Literal(text, lang=lang)))
    for name, link in lists.items():
        graph.add((root, RDFS.seeAlso, URIRef(link)))
        graph.add((URIRef(link), RDF.type, HYDRA.Collection))
        graph.add((URIRef(link), RDFS.label, Literal(name, lang="en")))
    graph.add((root, URIRef(VOID + "sparqlEndpoint"), URIRef(sparql)))
    return Document(graph, root, "iisgraph", template="home.html")
