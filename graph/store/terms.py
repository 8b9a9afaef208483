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
    "rows_from_tsv",
    "to_ox",
    "triples_from_ntriples",
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


def rows_from_tsv(data: bytes) -> list[dict[str, Node]]:
    r"""Solutions as pyoxigraph writes them in SPARQL TSV (a line of variables, then a line a
    solution, each term in Turtle syntax, an unbound one empty), as rows of rdflib terms.

    The engine writes its answers this way without holding the interpreter: the terms are read
    here by their text, each distinct one parsed once (``_from_text``).

    >>> rows = rows_from_tsv(b'?a\t?n\n<https://e.org/a>\t3\n\t"x"@en\n')
    >>> [{name: term.n3() for name, term in row.items()} for row in rows]  # doctest: +ELLIPSIS
    [{'a': '<https://e.org/a>', 'n': '"3"^^<...#integer>'}, {'n': '"x"@en'}]
    """
    lines = data.decode("utf-8").split("\n")
    names = [name[1:] for name in lines[0].split("\t")] if lines[0] else []
    rows: list[dict[str, Node]] = []
    for line in lines[1:-1]:  # each solution ends with a line break: the last piece is empty
        if len(names) == 1:
            rows.append({names[0]: _from_text(line)} if line else {})
            continue
        cells = zip(names, line.split("\t"), strict=True)
        rows.append({name: _from_text(text) for name, text in cells if text})
    return rows


def triples_from_ntriples(data: bytes) -> list[tuple[Node, Node, Node]]:
    r"""Triples as pyoxigraph writes them in N-Triples (a subject and a predicate never hold
    a space; the object is the rest of the line before " ."), as rdflib terms.

    >>> line = b'<https://e.org/a> <https://e.org/p> "a b ."@en .\n'
    >>> [term.n3() for term in triples_from_ntriples(line)[0]]
    ['<https://e.org/a>', '<https://e.org/p>', '"a b ."@en']
    """
    out: list[tuple[Node, Node, Node]] = []
    for line in data.decode("utf-8").split("\n"):
        if line:
            s, p, o = line[:-2].split(" ", 2)
            out.append((_from_text(s), _from_text(p), _from_text(o)))
    return out


@lru_cache(maxsize=1 << 16)
def _from_text(text: str) -> Identifier:
    """An rdflib term from its N-Triples or Turtle text as pyoxigraph writes it (IRIs and
    blank node labels as they are, the rest parsed by pyoxigraph)."""
    if text.startswith("<") and not text.startswith("<<"):
        return URIRef(text[1:-1])
    if text.startswith("_:"):
        return BNode(text[2:])
    statement = b"<x:s> <x:p> " + text.encode("utf-8") + b" ."
    return _from_ox(next(ox.parse(statement, format=ox.RdfFormat.TURTLE)).object)


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
