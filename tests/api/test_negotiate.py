"""Content negotiation: what a client's Accept header gets from what a resource offers."""

from __future__ import annotations

import re

import pytest

from api.negotiate import GRAPH_TYPES, SELECT_TYPES, best_media_type
from graph.errors import UnknownFormat

CSV, TSV = "text/csv", "text/tab-separated-values"
JSON, XML = "application/sparql-results+json", "application/sparql-results+xml"
TURTLE, NTRIPLES = "text/turtle", "application/n-triples"


@pytest.mark.parametrize(
    ("accept", "offered", "chosen"),
    [
        (None, SELECT_TYPES, JSON),  # no header: the resource's default
        ("", GRAPH_TYPES, TURTLE),
        ("*/*", SELECT_TYPES, JSON),
        ("text/csv;q=0.5, application/sparql-results+json", SELECT_TYPES, JSON),
        ("text/csv, application/sparql-results+json;q=0.5", SELECT_TYPES, CSV),
        ("application/json", SELECT_TYPES, JSON),  # aliases of the SPARQL result types
        ("application/xml", SELECT_TYPES, XML),
        ("text/xml", SELECT_TYPES, XML),
        ("text/plain", GRAPH_TYPES, NTRIPLES),
        ("TEXT/CSV", SELECT_TYPES, CSV),  # media types are case-insensitive
        ("text/*", SELECT_TYPES, CSV),  # a subtype wildcard: the first offered text type
        ("text/tab-separated-values, text/csv", SELECT_TYPES, CSV),  # equal q: offered order
        ("text/turtle;q=0, */*", GRAPH_TYPES, NTRIPLES),  # q=0 refuses a type
        ("text/*;q=0.1, text/csv", SELECT_TYPES, CSV),  # the most specific range decides
        ("text/csv;q=0.2, text/*;q=0.9", SELECT_TYPES, TSV),
        ("application/ld+json", GRAPH_TYPES, "application/ld+json"),
        ("text/html, application/rdf+xml;q=0.9, */*;q=0.1", GRAPH_TYPES, "application/rdf+xml"),
        ("text/csv;q=oops, application/sparql-results+xml", SELECT_TYPES, XML),  # bad q: refused
        (" , text/csv", SELECT_TYPES, CSV),  # an empty range is ignored
    ],
)
def test_the_client_gets_the_offered_type_it_prefers_most(
    accept: str | None, offered: tuple[str, ...], chosen: str
) -> None:
    assert best_media_type(accept, offered) == chosen


@pytest.mark.parametrize(
    ("accept", "offered"),
    [
        ("image/png", SELECT_TYPES),
        ("application/json;q=0", SELECT_TYPES),
        ("text/csv", GRAPH_TYPES),
        ("*/*;q=0", GRAPH_TYPES),
    ],
)
def test_an_accept_header_nothing_offered_fits_is_refused_with_the_default_named(
    accept: str, offered: tuple[str, ...]
) -> None:
    with pytest.raises(UnknownFormat, match=f"Accept: .*try {re.escape(offered[0])}"):
        best_media_type(accept, offered)
