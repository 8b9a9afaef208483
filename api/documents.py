"""A view's document as the client wants it: JSON-LD (default), Turtle, N-Triples, RDF/XML,
HTML or CSV (a list's items as rows, ``api/tables.py``), chosen by the Accept header or a suffix
(``/states/RUS.ttl``, ``/states.csv``); every format says the same triples.

>>> split_suffix("RUS.ttl")
('RUS', 'text/turtle')
>>> split_suffix("sco-2009-iis")
('sco-2009-iis', None)
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from api.framer import tree
from api.negotiate import best_media_type
from api.pages import Pages
from api.tables import csv_text
from api.views import Document
from graph.errors import UnknownFormat
from graph.namespaces import PREFIXES, Ids
from graph.settings import Settings

DOCUMENT_TYPES = (
    "application/ld+json",
    "text/turtle",
    "text/html",
    "application/n-triples",
    "application/rdf+xml",
    "text/csv",  # last: only a client that asks for it gets it
)
SUFFIXES = {
    "jsonld": "application/ld+json",
    "json": "application/ld+json",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "html": "text/html",
    "csv": "text/csv",
}
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
DOCUMENT_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The document: JSON-LD (compact, its @context the published IRI "
        "{base}context.jsonld, served at /context.jsonld), "
        "Turtle, N-Triples, RDF/XML, HTML or CSV (a list: one row per item), by Accept header "
        "or suffix",
        "content": {media: {} for media in DOCUMENT_TYPES},
    }
}


def split_suffix(key: str) -> tuple[str, str | None]:
    """A path segment and the media type its suffix asks for (None without a known one)."""
    stem, dot, suffix = key.rpartition(".")
    if dot and suffix in SUFFIXES:
        return stem, SUFFIXES[suffix]
    return key, None


def media_for(request: Request, forced: str | None) -> str:
    """The suffix's type, else ``?format=``'s, else the Accept header's choice."""
    if forced is not None:
        return forced
    asked = request.query_params.get("format")
    if asked:
        if asked not in SUFFIXES:
            raise UnknownFormat(f"format must be one of {', '.join(SUFFIXES)}, got {asked!r}")
        return SUFFIXES[asked]
    accept = request.headers.get("accept")
    if accept:
        # Here plain JSON means JSON-LD (at /sparql it means SPARQL results).
        accept = accept.replace("application/json", "application/ld+json")
    return best_media_type(accept, DOCUMENT_TYPES)


def context_url(request: Request) -> str:
    """The ``@context`` of every answer: the context's published IRI under the configured base
    (``https://w3id.org/iisgraph/context.jsonld``), the same whichever host was asked, so a
    client keeps one copy of it (the README's pyld loader); ``/context.jsonld`` serves it."""
    settings: Settings = request.app.state.settings
    return Ids(settings.base).base + "context.jsonld"


def rendered(document: Document, request: Request, forced: str | None = None) -> Response:
    """The response for ``document`` in the negotiated (or suffix-forced) format."""
    media = media_for(request, forced)
    headers = {"Vary": "Accept"}
    if media == "application/ld+json":
        body = tree(document.graph, [document.root], context_url(request))
        return Response(json_bytes(body), media_type=media, headers=headers)
    if media == "text/csv":
        body = tree(document.graph, [document.root], context_url(request))
        return Response(csv_text(body), media_type="text/csv; charset=utf-8", headers=headers)
    if media == "text/html":
        body = tree(document.graph, [document.root], context_url(request))
        headers["Vary"] = "Accept, Accept-Language"
        html_page = Pages(request).render(
            document.template, title=document.title, body=body, document=document
        )
        return HTMLResponse(html_page, headers=headers)
    return Response(
        serialized(document.graph, RDFLIB_FORMATS[media]),
        media_type=f"{media}; charset=utf-8" if media != "application/rdf+xml" else media,
        headers=headers,
    )


def json_bytes(body: Any) -> bytes:
    """A JSON document as UTF-8, by orjson (a supporters page of 360 KB: 0.25 ms, json.dumps
    3.5 ms), or by json where orjson refuses a value (an integer past 64 bits).

    >>> json_bytes({"n": 2**64, "name": "Россия"}).decode()
    '{"n": 18446744073709551616, "name": "Россия"}'
    """
    try:
        return orjson.dumps(body)
    except orjson.JSONEncodeError:
        return json.dumps(body, ensure_ascii=False).encode()


class ExactTurtle(TurtleSerializer):
    """rdflib's Turtle, writing a number in its short form only when that form is its own
    lexical form: rdflib writes ``"1"^^xsd:decimal`` as ``1.0``, which is another RDF term
    (``"1.0"^^xsd:decimal``), so the Turtle of a document would not say what its JSON-LD says.
    """

    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and node.datatype in (XSD.decimal, XSD.double):
            short = super().label(node, position)
            if short != str(node):
                return f'"{node}"^^<{node.datatype}>'
            return short
        label: str = super().label(node, position)
        return label


def serialized(graph: Iterable[tuple[Node, Node, Node]], fmt: str) -> bytes:
    """The triples in an rdflib format, each literal as it is (the same terms in every format).

    >>> from rdflib import URIRef
    >>> one = (URIRef("urn:x"), URIRef("urn:confidence"), Literal("1", datatype=XSD.decimal))
    >>> serialized([one], "turtle").decode().splitlines()[-2]
    'ns1:x ns1:confidence "1"^^<http://www.w3.org/2001/XMLSchema#decimal> .'
    """
    out = Graph()
    for prefix, iri in PREFIXES.items():
        out.bind(prefix, iri)
    out.bind("hydra", "http://www.w3.org/ns/hydra/core#")
    for triple in graph:
        out.add(triple)
    if fmt == "turtle":
        stream = io.BytesIO()
        ExactTurtle(out).serialize(stream, encoding="utf-8")
        return stream.getvalue()
    return out.serialize(format=fmt, encoding="utf-8")


SUFFIX_SUMMARY = (
    "The same list in the format its suffix names: jsonld, json, ttl, nt, rdf, html, csv"
)
