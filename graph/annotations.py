"""Curation acts as W3C Web Annotations: read from JSON-LD, checked, written back as JSON-LD.

An act says something about a position the extractor found (or missed) in a source text, or
corrects an instrument's date, type, status, place or issuers. A position act
targets the fact by what it says, not by an IRI the extractor minted: the evidence span in the
source text (``TextQuoteSelector`` with exact, prefix and suffix, and ``TextPositionSelector``),
with the topic and stance as bodies, so an extractor whose rules changed still finds it.

=====================  ================  ===================================================
act                    motivation        bodies (SpecificResource ``source``, ``purpose``)
=====================  ================  ===================================================
confirm / reject       ``assessing``     topic and stance ``identifying``; a TextualBody
                                         ``assessing`` "confirmed" or "rejected"; a rejection
                                         may give a reason code (TextualBody
                                         ``classifying``: wrong-topic, wrong-stance,
                                         not-a-position, wrong-holder)
correct                ``editing``       topic and stance ``identifying`` (as extracted); a
                                         new topic and/or stance ``editing``; a new span: the
                                         source text with selectors, ``editing``
add a missed position  ``tagging``       topic and stance ``tagging``
correct an instrument  ``editing``       the target is the instrument itself (its IRI as
                                         ``source``, no selector); each new value ``editing``:
                                         a TextualBody date (YYYY-MM-DD, YYYY or
                                         --MM-DD), or a type, status, place, or issuing
                                         state or organization (their IRIs as ``source``; the
                                         issuers given are all the issuers)
=====================  ================  ===================================================

Any act may carry a note (TextualBody ``commenting``). The server sets ``creator`` (the
curator of the token), ``created`` and ``modified``; what a client sends for them is ignored.
The JSON-LD must use the Web Annotation context (``http://www.w3.org/ns/anno.jsonld``), which
is resolved to the project's copy, never fetched.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, PROV, RDF, XSD
from rdflib.term import Node

from graph.errors import BadInput
from graph.namespaces import OA, Ids
from graph.paths import ONTOLOGY_DIR, SHAPES_DIR
from graph.validate import validate

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ANNO_CONTEXT_FILE = ONTOLOGY_DIR / "w3c" / "anno.jsonld"
ANNOTATION_SHAPES = SHAPES_DIR / "curation" / "annotation.ttl"
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'

VERDICTS = ("confirmed", "rejected")
REASONS = ("wrong-topic", "wrong-stance", "not-a-position", "wrong-holder", "wrong-span")
ACTS = {
    str(OA.assessing): "assess",
    str(OA.editing): "correct",
    str(OA.tagging): "add",
    str(OA.describing): "add",
}
# the JSON names of what the server keeps to itself
SERVER_SET = ("creator", "created", "modified", "generated", "generator")
AS = "http://www.w3.org/ns/activitystreams#"
SERVER_PROPERTIES = (
    DCTERMS.creator,
    DCTERMS.created,
    DCTERMS.modified,
    DCTERMS.contributor,
    PROV.wasAttributedTo,
)

Known = Callable[[URIRef], bool]

# An act on an instrument corrects its fields: each new value's kind says which field
FIELD_OF_KIND = {
    "instrument-type": "instrumentType",
    "instrument-status": "status",
    "place": "place",
    "state": "issuer",
    "organization": "issuer",
}
DATE_VALUE = re.compile(r"\d{4}(-\d{2}-\d{2})?|--\d{2}-\d{2}")  # as the extractor writes dates


@lru_cache(maxsize=1)
def anno_context() -> dict[str, Any]:
    """The Web Annotation context (the ``@context`` object of the project's copy)."""
    document: dict[str, Any] = json.loads(ANNO_CONTEXT_FILE.read_text("utf-8"))
    return document


@lru_cache(maxsize=1)
def annotation_shapes() -> Graph:
    return Graph().parse(ANNOTATION_SHAPES, format="turtle")


def _json(data: bytes) -> dict[str, Any]:
    try:
        document = json.loads(data)
    except UnicodeDecodeError:
        raise BadInput("the annotation is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BadInput(
            f"the annotation is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    if not isinstance(document, dict):
        raise BadInput("the annotation must be one JSON object")
    return document


def _local_context(document: dict[str, Any]) -> dict[str, Any]:
    """The document with its ``@context`` resolved to the local copy (no fetching)."""
    declared = document.get("@context")
    if declared != ANNO_CONTEXT and declared != [ANNO_CONTEXT]:
        raise BadInput(
            f'the annotation\'s "@context" must be "{ANNO_CONTEXT}" (the Web Annotation '
            f"context), got {json.dumps(declared)}"
        )
    return {**document, "@context": anno_context()["@context"]}


def parse_act(
    data: bytes,
    iri: URIRef,
    ids: Ids,
    known: Known,
    *,
    curator: URIRef,
    created: datetime,
    modified: datetime | None = None,
) -> Graph:
    """The act of a client's JSON-LD, as stored: ``iri`` is its id (whatever the client
    said), blank nodes named under it, creator and times the server's; checked against the
    shapes (``InvalidGraph``) and for what a curation act must say (``BadInput``).
    ``known`` tells whether a source text, topic or stance IRI exists."""
    document = _local_context(_json(data))
    for name in SERVER_SET:
        document.pop(name, None)
    document["id"] = str(iri)
    try:
        parsed = Graph().parse(data=json.dumps(document), format="json-ld", base=str(iri))
    except Exception as exc:  # rdflib's JSON-LD parser raises many kinds
        raise BadInput(f"the annotation is not valid JSON-LD: {exc}") from None
    graph = _named_nodes(parsed, iri)
    for prop in SERVER_PROPERTIES:  # whatever a client said of them, by any name
        graph.remove((iri, prop, None))
    graph.add((iri, DCTERMS.creator, curator))
    graph.add((iri, PROV.wasAttributedTo, curator))
    graph.add((iri, DCTERMS.created, Literal(created.isoformat(), datatype=XSD.dateTime)))
    stamp = modified or created
    graph.add((iri, DCTERMS.modified, Literal(stamp.isoformat(), datatype=XSD.dateTime)))
    validate(graph, name="the annotation", shapes=annotation_shapes())
    check_act(graph, iri, ids, known)
    return graph


def _named_nodes(graph: Graph, iri: URIRef) -> Graph:
    """``graph`` with each blank node named ``{iri}#n-{hash}``: stable for the same content
    (a canonical labelling), so an unchanged act reads back the same, and a SPARQL server
    that renames blank nodes cannot break the ETag."""
    canonical = to_canonical_graph(graph)
    out = Graph()

    def named(node: Node) -> Node:
        if isinstance(node, BNode):
            return URIRef(f"{iri}#n-{str(node)[:16]}")
        return node

    for s, p, o in canonical:
        out.add((named(s), p, named(o)))
    return out


def _bodies(graph: Graph, iri: URIRef) -> list[tuple[str, Node | None, Node]]:
    """(purpose, source or value, body node) of each body."""
    out = []
    for body in graph.objects(iri, OA.hasBody):
        purpose = graph.value(body, OA.hasPurpose)
        what = graph.value(body, OA.hasSource) or graph.value(body, RDF.value)
        out.append((str(purpose).rsplit("#", 1)[-1] if purpose else "", what, body))
    return out


def _kind(ids: Ids, node: Node | None) -> str | None:
    found = ids.key_of(str(node)) if isinstance(node, URIRef) else None
    return found[0] if found else None


def check_act(graph: Graph, iri: URIRef, ids: Ids, known: Known) -> None:
    """Raise ``BadInput`` unless the act says what its motivation needs (see the module)."""
    motivation = str(graph.value(iri, OA.motivatedBy))
    act = ACTS.get(motivation)
    if act is None:
        names = ", ".join(sorted(m.rsplit("#", 1)[-1] for m in ACTS))
        raise BadInput(f"motivation: expected one of {names}")
    target = graph.value(iri, OA.hasTarget)
    source = graph.value(target, OA.hasSource) if target is not None else None
    if _kind(ids, source) == "instrument" and known(URIRef(str(source))):
        _check_instrument_act(graph, iri, ids, known, act)
        return
    if _kind(ids, source) != "source" or not known(URIRef(str(source))):
        raise BadInput(
            f"target.source: expected a source text ({ids.base}id/source/…) or an instrument "
            f"({ids.base}id/instrument/…) of this graph, got {source}"
        )
    _check_selectors(graph, target, "target")
    bodies = _bodies(graph, iri)
    concepts: dict[tuple[str, str], list[Node]] = {}
    for purpose, what, body in bodies:
        kind = _kind(ids, what)
        if kind in ("topic", "stance") and isinstance(what, URIRef):
            if not known(what):
                raise BadInput(f"body: no {kind} {what} in this graph (see /topics)")
            concepts.setdefault((purpose, kind), []).append(what)
        elif kind == "source" and purpose == "editing":
            if what != source:
                raise BadInput("body: a new evidence span must be in the target's source text")
            _check_selectors(graph, body, "body")
    for (purpose, kind), found in concepts.items():
        if len(found) > 1:
            raise BadInput(f"body: one {kind} {purpose}, not {len(found)}")
    values = {purpose: str(what) for purpose, what, _ in bodies if isinstance(what, Literal)}
    needs = {"assess": "identifying", "correct": "identifying", "add": "tagging"}[act]
    for kind in ("topic", "stance"):
        if (needs, kind) not in concepts:
            raise BadInput(f"body: the act needs the {kind} as a body with purpose {needs!r}")
    if act == "assess" and values.get("assessing") not in VERDICTS:
        raise BadInput(
            'body: an assessing act needs a TextualBody with purpose "assessing" and value '
            f"{' or '.join(repr(v) for v in VERDICTS)}"
        )
    reason = values.get("classifying")
    if reason is not None and reason not in REASONS:
        raise BadInput(f"body: a reason code is one of {', '.join(REASONS)}, not {reason!r}")
    if act == "correct" and not any(p == "editing" for p, _, _ in bodies):
        raise BadInput(
            "body: a correction needs a new topic, stance or span with purpose 'editing'"
        )


def instrument_edits(graph: Graph, iri: URIRef, ids: Ids) -> dict[str, list[Node]]:
    """The fields an instrument act sets (date, instrumentType, status, place, issuer), each
    with its new values."""
    out: dict[str, list[Node]] = {}
    for purpose, what, _ in _bodies(graph, iri):
        if purpose != "editing" or what is None:
            continue
        field = "date" if isinstance(what, Literal) else FIELD_OF_KIND.get(_kind(ids, what) or "")
        if field is not None:
            out.setdefault(field, []).append(what)
    return out


def _is_date(text: str) -> bool:
    if not DATE_VALUE.fullmatch(text) or len(text) == 4:
        return len(text) == 4 and text.isdigit()
    try:  # a real day (2022-02-30 is none; a day without its year may be 29 February)
        date.fromisoformat(text.replace("--", "2000-", 1) if text.startswith("--") else text)
    except ValueError:
        return False
    return True


def _check_instrument_act(graph: Graph, iri: URIRef, ids: Ids, known: Known, act: str) -> None:
    """An instrument act corrects fields: motivation editing, each body ``editing`` (a new
    value) or ``commenting``."""
    if act != "correct":
        raise BadInput("motivation: an act on an instrument corrects its fields: expected editing")
    if graph.value(graph.value(iri, OA.hasTarget), OA.hasSelector) is not None:
        raise BadInput("target: an act on an instrument names it alone, without selectors")
    kinds = ", ".join(sorted(FIELD_OF_KIND))
    for purpose, what, _ in _bodies(graph, iri):
        if purpose == "commenting":
            continue
        if purpose != "editing" or what is None:
            raise BadInput(
                "body: an act on an instrument has bodies with purpose 'editing' (a new date, "
                f"or a new {kinds}) and 'commenting', not {purpose or 'none'!r}"
            )
        if isinstance(what, Literal):
            if not _is_date(str(what)):
                raise BadInput(
                    f"body: a new date is a day written YYYY-MM-DD, a year YYYY or a day "
                    f"without its year --MM-DD, not {str(what)!r}"
                )
        elif FIELD_OF_KIND.get(_kind(ids, what) or "") is None:
            raise BadInput(f"body: a new value is a date or a {kinds} of this graph, not {what}")
        elif not known(URIRef(str(what))):
            raise BadInput(f"body: no {_kind(ids, what)} {what} in this graph")
    edits = instrument_edits(graph, iri, ids)
    if not edits:
        raise BadInput(
            "body: a correction of an instrument needs at least one new value with purpose "
            f"'editing' (a date, or a {kinds})"
        )
    for field, values in edits.items():
        if field != "issuer" and len(values) > 1:
            raise BadInput(f"body: one new {field}, not {len(values)}")


def _check_selectors(graph: Graph, node: Node | None, where: str) -> None:
    selectors = list(graph.objects(node, OA.hasSelector)) if node is not None else []
    quotes = [s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph]
    if len(quotes) != 1:
        raise BadInput(
            f"{where}.selector: expected one TextQuoteSelector (exact, prefix, suffix) of the "
            "evidence, and optionally a TextPositionSelector"
        )


def etag(graph: Graph) -> str:
    """A strong entity tag of an act's content (its sorted N-Triples)."""
    lines = sorted(graph.serialize(format="nt").splitlines())
    return '"' + hashlib.sha256("\n".join(lines).encode()).hexdigest()[:32] + '"'


def act_json(graph: Graph, iri: URIRef, context: str = ANNO_CONTEXT) -> dict[str, Any]:
    """An act as Web Annotation JSON-LD, nested under the annotation (compact terms of the
    Web Annotation context)."""
    terms = _compaction()

    def value(node: Node, seen: frozenset[Node]) -> Any:
        if isinstance(node, Literal):
            if node.datatype in (XSD.nonNegativeInteger, XSD.integer):
                return int(node)
            return str(node)
        name = _vocab_name(terms, str(node))
        if name is not None:
            return name
        if node in seen or not any(True for _ in graph.predicate_objects(node)):
            return str(node)
        return described(node, seen | {node})

    def described(node: Node, seen: frozenset[Node]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if not str(node).startswith(f"{iri}#n-"):
            out["id"] = str(node)
        for p, o in sorted(graph.predicate_objects(node)):
            key = terms.get(str(p), str(p))
            item = _vocab_name(terms, str(o)) if p == RDF.type else value(o, seen)
            if p == RDF.type:
                key = "type"
            elif key == str(p) and isinstance(o, URIRef) and isinstance(item, str):
                item = {"id": item}  # a property outside the context: say it is an IRI
            if key in out:
                out[key] = (out[key] if isinstance(out[key], list) else [out[key]]) + [item]
            else:
                out[key] = item
        return out

    return {"@context": context, **described(iri, frozenset({iri}))}


@lru_cache(maxsize=1)
def _compaction() -> dict[str, str]:
    """Full IRI → term of the Web Annotation context (properties and classes)."""
    raw = anno_context()["@context"]
    prefixes = {k: v for k, v in raw.items() if isinstance(v, str) and v.endswith(("#", "/"))}

    def expand(name: str) -> str:
        prefix, colon, local = name.partition(":")
        return prefixes[prefix] + local if colon and prefix in prefixes else name

    out: dict[str, str] = {}
    for name, definition in raw.items():
        if name in prefixes or name in ("id", "type"):
            continue
        target = definition if isinstance(definition, str) else definition.get("@id", "")
        out.setdefault(expand(target), name)
    return out


def _vocab_name(terms: dict[str, str], iri: str) -> str | None:
    """The term of a class or motivation IRI, when the context names it."""
    return terms.get(iri)
