"""The dataset described: VoID and DCAT (size, classes, vocabularies, endpoint, dumps)."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from api.views import PREFIXES, Document, Triples
from graph.namespaces import PREFIXES as NAMESPACES
from graph.namespaces import T
from graph.store import Store

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
LICENSE = URIRef("https://www.apache.org/licenses/LICENSE-2.0")
PARTITIONS = (T.SourceText, T.Instrument, T.Position, T.Meeting, T.State, T.Organization)
VOCABULARIES = ("iis", "org", "oa", "prov", "time", "dcterms", "skos", "foaf", "owl")


def _class_counts(store: Store) -> dict[URIRef, int]:
    values = " ".join(f"<{c}>" for c in PARTITIONS)
    rows = store.select(
        f"{PREFIXES}SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?class {{ {values} }}"
        " ?s a ?class } GROUP BY ?class"
    )
    return {URIRef(str(r["class"])): int(str(r["n"])) for r in rows}


def void(
    store: Store, dataset: URIRef, sparql: str, dumps: Mapping[str, str], base: str
) -> Document:
    """``dumps`` maps a media type to its dump URL."""
    g = Triples()
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal("iisgraph", lang="en")))
    g.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "Who committed to what in international information security: actors, "
                "instruments, meetings and positions read from joint statements, agreements "
                "and news reports, each fact with its verbatim evidence.",
                lang="en",
            ),
        )
    )
    g.add((dataset, DCTERMS.license, LICENSE))
    g.add((dataset, VOID.triples, Literal(store.triple_count())))
    g.add((dataset, VOID.sparqlEndpoint, URIRef(sparql)))
    g.add((dataset, VOID.uriSpace, Literal(f"{base}id/")))
    for prefix in VOCABULARIES:
        g.add((dataset, VOID.vocabulary, URIRef(NAMESPACES[prefix])))
    for cls, n in sorted(_class_counts(store).items()):
        partition = URIRef(f"{dataset}-{cls.rsplit('#', 1)[-1]}")
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, VOID["class"], cls))
        g.add((partition, VOID.entities, Literal(n)))
    for media, url in dumps.items():
        g.add((dataset, VOID.dataDump, URIRef(url)))
        g.add((dataset, DCAT.distribution, URIRef(url)))
        g.add((URIRef(url), RDF.type, DCAT.Distribution))
        g.add((URIRef(url), DCAT.downloadURL, URIRef(url)))
        iana = f"https://www.iana.org/assignments/media-types/{media}"
        g.add((URIRef(url), DCAT.mediaType, URIRef(iana)))
    return Document(g, dataset, "The iisgraph dataset")
