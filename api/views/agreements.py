"""An agreement (of the reference data, or read from a text): what an instrument page says of
it, and what refers to it: the instruments that name it (``iis:refersTo``), latest first, with
their dates, types and issuers, so an analyst sees how an agreement lives on in later texts."""

from __future__ import annotations

from rdflib import URIRef

from api.views import Document, Triples, values_row
from api.views.describe import INSTRUMENT, branch, gathered, labels_of, link
from api.views.instruments import instrument
from graph.store import Store


def agreement(store: Store, iri: URIRef, key: str) -> Document:
    document = instrument(store, iri, key)
    referring = gathered(
        store,
        values_row({"agreement": iri}),
        [
            link("?i iis:refersTo ?agreement .", "?i", "iis:refersTo", "?agreement"),
            branch("?s iis:refersTo ?agreement .", INSTRUMENT),
            labels_of("?i iis:refersTo ?agreement ; iis:instrumentType|iis:issuer ?s ."),
        ],
    )
    graph = Triples(document.graph)
    graph.update(referring)
    return Document(graph, iri, document.title, template="instrument.html")
