"""RDF terms between the three forms the stores meet: rdflib (iisgraph's own), pyoxigraph (the
embedded engine, and the parser and serialiser of what a SPARQL server answers) and SPARQL
1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/).

Every conversion is here, once, for both backends.

>>> from rdflib import Literal
>>> from_ox(to_ox(Literal("1", datatype=XSD.integer))) == Literal("1", datatype=XSD.integer)
True
>>> from_json({"type": "typed-literal", "value": "1", "datatype": str(XSD.integer)})
rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
"""

from __future__ import annotations

import decimal
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from graph.errors import BadQuery

XSD_STRING = str(XSD.string)
_NUMBERS = {str(XSD.integer), str(XSD.decimal), str(XSD.double), str(XSD.float)}

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

__all__ = [
    "OxTerm",
    "comparable",
    "from_json",
    "from_ox",
    "to_ox",
    "triples_text",
]


def to_ox(term: Node) -> OxTerm:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: OxTerm | ox.Triple) -> Identifier:
    """A pyoxigraph term as an rdflib term (the same object for the same term: a view reads
    the same IRIs and labels again and again, and an rdflib literal costs ~10 µs to make).

    >>> from_ox(ox.NamedNode("https://e.org/a")) is from_ox(ox.NamedNode("https://e.org/a"))
    True
    """
    return _from_ox(term)


@lru_cache(maxsize=1 << 16)
def _from_ox(term: OxTerm | ox.Triple) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:  # RDF 1.1: the same literal as a plain one
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term: {term!r}")


def from_json(value: dict[str, Any]) -> Node:
    """An rdflib term from a SPARQL JSON result term (the legacy ``typed-literal`` too, which
    Virtuoso still writes)."""
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype != XSD_STRING:
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise BadQuery(f"the SPARQL server answered a term of an unknown kind {kind!r}")


def triples_text(graph: Graph) -> str:
    """The triples of ``graph`` in N-Triples syntax, one a line (for INSERT DATA and
    templates)."""
    return "\n".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in graph)


def comparable(*terms: object) -> tuple[object, ...]:
    """Terms as a server gives them back, numbers by value: Virtuoso keeps "1.0"^^xsd:decimal
    as 1 (xsd:integer)."""
    out: list[object] = []
    for term in terms:
        if isinstance(term, ox.Literal) and term.datatype.value in _NUMBERS:
            try:
                out.append(("number", decimal.Decimal(term.value)))
                continue
            except decimal.InvalidOperation:
                pass
        out.append(term)
    return tuple(out)
