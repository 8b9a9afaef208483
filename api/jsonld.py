"""A graph → compact JSON-LD tree in the published context (``ontology/context.jsonld``).

pyoxigraph writes expanded JSON-LD only, and generic framing (pyld) is slow and needs a frame
per document. The documents of the curated endpoints are small graphs around one root (a state,
an instrument, a page of a list), so this module nests them itself:

* a node's outgoing triples become its properties, named by the context's terms (IRIs coerced
  by ``"@type": "@id"`` become strings, typed literals plain values when the term coerces to
  their datatype, language strings a language map when the term has one);
* an object that is described in the graph is embedded where it is first met; later
  mentions are references (its ``id``) unless it says little (a name, a membership and its
  period), which is repeated so each branch reads on its own; a cycle is a reference;
* the context's ``@reverse`` terms nest incoming links (a state's ``holdings``, an instrument's
  ``positions``) under the root, a list's items and nodes reached that way, not under nodes
  reached by a forward link, so a state reached as an instrument's holder stays short;
* whatever the nesting did not reach goes to ``included``.

Every triple of the graph is said at least once, so expanding the answer (pyld) gives back the
graph: ``tests/api/test_jsonld.py`` checks it for every endpoint.

>>> from rdflib import Graph
>>> g = Graph().parse(data='<https://e.org/a> <http://www.w3.org/2000/01/rdf-schema#label> '
...     '"A"@en ; <https://w3id.org/iisgraph/ontology#publicId> "a" .', format="turtle")
>>> tree(g, [URIRef("https://e.org/a")], "/context.jsonld")
{'@context': '/context.jsonld', 'id': 'https://e.org/a', 'label': {'en': 'A'}, 'publicId': 'a'}
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from graph.paths import CONTEXT_FILE

Json = dict[str, Any]
Triple = tuple[Node, Node, Node]
HUB = "http://www.w3.org/ns/hydra/core#member"
SMALL = 25  # triples: a node that says at most this much is repeated where it is met
_STRING, _BOOLEAN, _INTEGER = str(XSD.string), str(XSD.boolean), str(XSD.integer)


@dataclass(frozen=True)
class Term:
    name: str
    iri: str
    reverse: bool = False
    coerce: str | None = None  # "@id" or a datatype IRI
    language_map: bool = False
    always_list: bool = False  # "@container": "@set": a list even with one value


class Context:
    """The terms of the published context, looked up by property IRI."""

    def __init__(self, document: Json) -> None:
        raw: Json = document["@context"]
        self.document = document
        self.vocab: str = raw.get("@vocab", "")
        self.prefixes = {
            k: v for k, v in raw.items() if isinstance(v, str) and v.endswith(("#", "/"))
        }
        self.forward: dict[str, Term] = {}
        self.backward: dict[str, Term] = {}
        for name, value in raw.items():
            if name.startswith("@") or name in self.prefixes:
                continue
            if isinstance(value, str):
                if value.startswith("@"):
                    continue
                self.forward[self.expand(value)] = Term(name, self.expand(value))
                continue
            coerce = value.get("@type")
            term = Term(
                name,
                self.expand(value.get("@reverse") or value["@id"]),
                reverse="@reverse" in value,
                coerce=self.expand(coerce) if coerce and coerce != "@id" else coerce,
                language_map=value.get("@container") == "@language",
                always_list=value.get("@container") == "@set",
            )
            (self.backward if term.reverse else self.forward)[term.iri] = term

    def expand(self, name: str) -> str:
        prefix, colon, local = name.partition(":")
        if colon and prefix in self.prefixes:
            return self.prefixes[prefix] + local
        return name

    def compact(self, iri: str) -> str:
        """A class or property IRI as a key or type name: a term, vocab-relative or a CURIE."""
        term = self.forward.get(iri)
        if term is not None:
            return term.name
        if self.vocab and iri.startswith(self.vocab) and ":" not in iri[len(self.vocab) :]:
            return iri[len(self.vocab) :]
        for prefix, ns in self.prefixes.items():
            if iri.startswith(ns) and iri != ns and prefix != "iis":
                return f"{prefix}:{iri[len(ns) :]}"
        return iri


@lru_cache(maxsize=1)
def context() -> Context:
    return Context(json.loads(CONTEXT_FILE.read_text("utf-8")))


def _id(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _literal(value: Literal, term: Term | None, ctx: Context) -> Any:
    lexical = str(value)
    datatype = str(value.datatype) if value.datatype else None
    if value.language:
        return {"@value": lexical, "@language": value.language}
    if term is not None and term.coerce and term.coerce != "@id":
        if datatype == term.coerce:
            return lexical
        return (
            {"@value": lexical, "@type": ctx.compact(datatype)} if datatype else {"@value": lexical}
        )
    if datatype in (None, _STRING):
        return lexical
    if datatype == _BOOLEAN and lexical in ("true", "false"):
        return lexical == "true"
    if datatype == _INTEGER and lexical.lstrip("-").isdigit():
        return int(lexical)
    return {"@value": lexical, "@type": ctx.compact(datatype)}


class _Framer:
    def __init__(self, graph: Collection[Triple], ctx: Context) -> None:
        self.ctx = ctx
        self.out: dict[Node, list[tuple[URIRef, Node]]] = defaultdict(list)
        self.into: dict[Node, list[tuple[URIRef, Node]]] = defaultdict(list)
        # values in a stable order, but a list's members in the order the view put them
        # (latest first, by name...): a page of a list is read in that order
        order = {t: i for i, t in enumerate(graph) if str(t[1]) == HUB}
        # one object per predicate, so "is this rdf:type" is an identity test (an rdflib
        # comparison costs a Python call, and the framer asks it of every value)
        names: dict[str, URIRef] = {}
        for s, p, o in sorted(
            graph, key=lambda t: (str(t[1]), f"{order[t]:09d}" if t in order else str(t[2]))
        ):
            key = str(p)
            predicate = names.get(key)
            if predicate is None:
                predicate = names[key] = URIRef(key)
            self.out[s].append((predicate, o))
            if key in ctx.backward and not isinstance(o, Literal):
                self.into[o].append((predicate, s))
        self.type = names.get(str(RDF.type))
        self.said: set[tuple[Node, Node, Node]] = set()
        self.described: set[Node] = set()
        self.sizes: dict[Node, bool] = {}
        self.anchors: set[Node] = set()

    def node(
        self,
        subject: Node,
        path: tuple[Node, ...] = (),
        reverse_ok: bool = True,
        came_by: tuple[URIRef, Node] | None = None,
    ) -> Json:
        obj: Json = {"id": _id(subject)}
        path = (*path, subject)
        self.described.add(subject)
        kind = self.type
        types = [self.ctx.compact(str(o)) for p, o in self.out[subject] if p is kind]
        for p, o in self.out[subject]:
            if p is kind:
                self.said.add((subject, p, o))
        if types:
            obj["type"] = types[0] if len(types) == 1 else types
        # Incoming links are nested first (what points to this node is told here before a
        # branch below could tell it elsewhere) but written last, after the node's own values.
        gathered: Json = {}
        if reverse_ok:
            incoming: dict[URIRef, list[Node]] = defaultdict(list)
            for p, s in self.into.get(subject, ()):
                if s not in path:
                    incoming[p].append(s)
            for p, subjects in incoming.items():
                reverse = self.ctx.backward[str(p)]
                nested: list[Any] = []
                for s in subjects:
                    self.said.add((s, p, subject))
                    if s in self.described and not self.small(s):
                        nested.append(_id(s))  # told in full where first met
                    else:
                        nested.append(self.node(s, path, True, (p, subject)))
                gathered[reverse.name] = self._shape(nested, reverse)
        grouped: dict[URIRef, list[Node]] = defaultdict(list)
        for p, o in self.out[subject]:
            if p is not kind and (p, o) != came_by:
                grouped[p].append(o)
            elif came_by == (p, o):
                self.said.add((subject, p, o))
        for p, objects in grouped.items():
            term = self.ctx.forward.get(str(p))
            key = term.name if term else self.ctx.compact(str(p))
            values: list[Any] = []
            for o in objects:
                self.said.add((subject, p, o))
                values.append(self.value(o, term, path, str(p) == HUB))
            obj[key] = self._shape(values, term)
        obj.update(gathered)
        return obj

    def nests_elsewhere(self, node: Node, path: tuple[Node, ...]) -> bool:
        """Whether ``node`` points to an anchor (the root, a list item) by a property the
        context reverses: it is nested there (a state's holding), so elsewhere it is an id."""
        return any(
            str(p) in self.ctx.backward and o in self.anchors and o not in path
            for p, o in self.out.get(node, ())
        )

    def small(self, node: Node) -> bool:
        """Whether ``node`` says little (a label, a membership with its period): such nodes
        are embedded wherever they are met, the rest once, then referred to by ``id``."""
        if node not in self.sizes:
            seen: set[Node] = set()
            todo = [node]
            total = 0
            while todo and total <= SMALL:
                current = todo.pop()
                if current in seen:
                    continue
                seen.add(current)
                for _, o in self.out.get(current, ()):
                    total += 1
                    if not isinstance(o, Literal) and o in self.out:
                        todo.append(o)
            self.sizes[node] = total <= SMALL
        return self.sizes[node]

    def value(self, o: Node, term: Term | None, path: tuple[Node, ...], hub: bool) -> Any:
        if isinstance(o, Literal):
            return _literal(o, term, self.ctx)
        if hub and self.out.get(o) and o not in path:
            # A list's item reads on its own: what earlier items told is told again under it,
            # and its incoming links (a state's holdings) nest under it.
            told, self.described = self.described, set()
            try:
                return self.node(o, path, reverse_ok=True)
            finally:
                self.described |= told
        if (
            self.out.get(o)
            and o not in path
            and (o not in self.described or self.small(o))
            and not self.nests_elsewhere(o, path)
        ):
            # What the root links to (an organization's units) may gather what points to it.
            return self.node(o, path, reverse_ok=len(path) == 1)
        if term is not None and term.coerce == "@id":
            return _id(o)
        return {"id": _id(o)}

    @staticmethod
    def _shape(values: list[Any], term: Term | None) -> Any:
        if (
            term is not None
            and term.language_map
            and all(
                (isinstance(v, dict) and "@language" in v) or isinstance(v, str) for v in values
            )
        ):
            mapped: dict[str, Any] = {}
            for v in values:
                lang, text = (v["@language"], v["@value"]) if isinstance(v, dict) else ("@none", v)
                if lang in mapped:
                    previous = mapped[lang]
                    mapped[lang] = [*(previous if isinstance(previous, list) else [previous]), text]
                else:
                    mapped[lang] = text
            return mapped
        if term is not None and term.always_list:
            return values
        return values[0] if len(values) == 1 else values


def tree(graph: Collection[Triple], roots: Sequence[Node], context_url: str) -> Json:
    """The graph as one compact JSON-LD document nested from ``roots`` (the first is the
    document's top node; later roots and unreached subjects go to ``included``)."""
    framer = _Framer(graph, context())
    framer.anchors = {
        *roots,
        *(o for r in roots for p, o in framer.out.get(r, ()) if str(p) == HUB),
    }
    top = framer.node(roots[0]) if roots else {}
    extra = [framer.node(r) for r in roots[1:]]
    for s, p, o in _unsaid(graph, framer.said):
        if (s, p, o) not in framer.said:
            extra.append(framer.node(s, reverse_ok=False))
    document: Json = {"@context": context_url, **top}
    if extra:
        document["included"] = extra
    return document


def _unsaid(graph: Collection[Triple], said: set[Triple]) -> Iterable[Triple]:
    return sorted((t for t in graph if t not in said), key=lambda t: (str(t[0]), str(t[1])))
