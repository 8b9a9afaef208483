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

>>> from rdflib import Graph, URIRef
>>> g = Graph().parse(data='<https://e.org/a> <http://www.w3.org/2000/01/rdf-schema#label> '
...     '"A"@en ; <https://w3id.org/iisgraph/ontology#publicId> "a" .', format="turtle")
>>> tree(g, [URIRef("https://e.org/a")], "/context.jsonld")
{'@context': '/context.jsonld', 'id': 'https://e.org/a', 'label': {'en': 'A'}, 'publicId': 'a'}
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from graph.paths import CONTEXT_FILE

Json = dict[str, Any]
Triple = tuple[Node, Node, Node]
# Final: compiled (setup.py), each is a constant, not a look-up in the module's namespace
HUB: Final = "http://www.w3.org/ns/hydra/core#member"
SMALL: Final = 25  # triples: a node that says at most this much is repeated where it is met
_STRING: Final = str(XSD.string)
_BOOLEAN: Final = str(XSD.boolean)
_INTEGER: Final = str(XSD.integer)
_TYPE: Final = str(RDF.type)
# the term classes, bound once; an isinstance of rdflib's classes goes through their
# metaclass's check, so a term's class is compared first (an IRI is most terms)
_IRI: Final = URIRef
_LITERAL: Final = Literal
_BLANK: Final = BNode


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
        # a document names the same few classes and datatypes thousands of times
        self._compacted: dict[str, str] = {}
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
        known = self._compacted.get(iri)
        if known is None:
            known = self._compacted[iri] = self._compact(iri)
        return known

    def _compact(self, iri: str) -> str:
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
    return f"_:{node}" if isinstance(node, _BLANK) else str(node)


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


class _Group:
    """A subject's values of one property. (A plain class: compiled, it is a native one,
    where a NamedTuple is made by a Python function, once for each group of a page.)"""

    def __init__(
        self,
        predicate: str,
        key: str,
        term: Term | None,
        objects: list[Node | str],
        literals: Any,
        hub: bool,
    ) -> None:
        self.predicate = predicate
        self.key = key  # the property's name in the document
        self.term = term
        self.objects = objects  # literals, or the ids of nodes
        # the value written out (shaped), when every object is a literal; else None
        self.literals = literals
        self.hub = hub  # hydra:member: a list's items


class _Subject:
    def __init__(self, types: Any, groups: list[_Group]) -> None:
        self.types = types  # the value of "type": a name, a list of names, or None
        self.groups = groups


class _Framer:
    """Nests a graph's triples under its roots.

    Nodes are handled by their ids (plain strings: "_:b1" for a blank node), not rdflib terms,
    whose comparisons and hashes are Python calls, and what a subject says (its type, its
    values grouped by property) is worked out once, however often it is embedded."""

    def __init__(self, graph: Collection[Triple], ctx: Context) -> None:
        self.ctx = ctx
        out: dict[str, list[tuple[str, Node | str]]] = {}
        into: dict[str, list[tuple[str, str]]] = {}
        # values in a stable order, but a list's members in the order the view put them
        # (latest first, by name...): a page of a list is read in that order
        keyed = []
        # one string per predicate: "is this rdf:type" is `is`, and the sort compares equal
        # predicates by identity, not character by character
        names: dict[str, str] = {}
        for n, (s, p, o) in enumerate(graph):
            key = str(p)
            predicate = names.get(key)
            if predicate is None:
                predicate = names[key] = key
            # the position breaks ties (as a stable sort would) before two terms are compared
            keyed.append((predicate, f"{n:09d}" if predicate == HUB else str(o), n, s, o))
        keyed.sort()
        backward = ctx.backward
        for predicate, _, _, s, o in keyed:
            subject = str(s) if type(s) is _IRI else _id(s)
            said = out.get(subject)
            if said is None:
                said = out[subject] = []
            if type(o) is not _IRI and isinstance(o, _LITERAL):
                said.append((predicate, o))
                continue
            target = str(o) if type(o) is _IRI else _id(o)
            said.append((predicate, target))
            if predicate in backward:
                linked = into.get(target)
                if linked is None:
                    linked = into[target] = []
                linked.append((predicate, subject))
        self.out = out
        self.into = into
        self.type = names.get(_TYPE)
        self.said: set[str] = set()  # subjects: all their triples were said
        self.said_links: set[tuple[str, str, str]] = set()  # incoming links said where nested
        self.described: set[str] = set()
        self.sizes: dict[str, bool] = {}
        self.anchors: set[str] = set()
        self.subjects: dict[str, _Subject] = {}
        self.pointing: dict[str, list[str]] = {}
        self.memo: dict[str, tuple[Json, frozenset[str]] | None] = {}

    def subject(self, subject: str) -> _Subject:
        """What ``subject`` says, worked out on first use."""
        known = self.subjects.get(subject)
        if known is not None:
            return known
        ctx, kind = self.ctx, self.type
        types: list[str] = []
        groups: dict[str, list[Node | str]] = {}
        for p, o in self.out.get(subject, ()):
            if p is kind:
                types.append(ctx.compact(str(o)))
            else:
                groups.setdefault(p, []).append(o)
        shown: Any = None
        if types:
            shown = types[0] if len(types) == 1 else types
        made = []
        for p, objects in groups.items():
            term = ctx.forward.get(p)
            literals = None
            if not any(type(o) is str for o in objects):  # ids are plain strings
                # shaped once: a node met again says the same (a document is never changed)
                literals = _shape([_literal(o, term, ctx) for o in objects], term)  # type: ignore[arg-type]
            made.append(
                _Group(p, term.name if term else ctx.compact(p), term, objects, literals, p == HUB)
            )
        known = self.subjects[subject] = _Subject(shown, made)
        return known

    def node(
        self,
        subject: str,
        path: tuple[str, ...] = (),
        reverse_ok: bool = True,
        came_by: tuple[str, str] | None = None,
    ) -> Json:
        obj: Json = {"id": subject}
        path = (*path, subject)
        self.described.add(subject)
        self.said.add(subject)
        says = self.subject(subject)
        if says.types is not None:
            obj["type"] = says.types
        # Incoming links are nested first (what points to this node is told here before a
        # branch below could tell it elsewhere) but written last, after the node's own values.
        gathered: Json = {}
        links = self.into.get(subject) if reverse_ok else None
        if links:
            incoming: dict[str, list[str]] = {}
            for p, s in links:
                if s not in path:
                    incoming.setdefault(p, []).append(s)
            for p, subjects in incoming.items():
                reverse = self.ctx.backward[p]
                nested: list[Any] = []
                for s in subjects:
                    self.said_links.add((s, p, subject))
                    if s in self.described and not self.small(s):
                        nested.append(s)  # told in full where first met
                    else:
                        nested.append(self.node(s, path, True, (p, subject)))
                gathered[reverse.name] = _shape(nested, reverse)
        for group in says.groups:
            objects = group.objects
            if came_by is not None and came_by[0] is group.predicate:
                objects = [o for o in objects if o != came_by[1]]
                if not objects:
                    continue
                if len(objects) < len(group.objects):
                    values = [self.value(o, group.term, path, group.hub) for o in objects]
                    obj[group.key] = _shape(values, group.term)
                    continue
            if group.literals is not None:
                obj[group.key] = group.literals
                continue
            values = [self.value(o, group.term, path, group.hub) for o in objects]
            obj[group.key] = _shape(values, group.term)
        obj.update(gathered)
        return obj

    def told(self, triple: Triple) -> bool:
        """Whether the document says ``triple`` yet."""
        s, p, o = triple
        subject = str(s) if type(s) is _IRI else _id(s)
        if subject in self.said:
            return True
        if type(o) is not _IRI and isinstance(o, _LITERAL):
            return False  # a literal is said with its subject
        return (subject, str(p), _id(o)) in self.said_links

    def nests_elsewhere(self, node: str, path: tuple[str, ...]) -> bool:
        """Whether ``node`` points to an anchor (the root, a list item) by a property the
        context reverses: it is nested there (a state's holding), so elsewhere it is an id."""
        targets = self.pointing.get(node)
        if targets is None:
            backward = self.ctx.backward
            targets = self.pointing[node] = [
                o
                for p, o in self.out.get(node, ())
                if p in backward and type(o) is str and o in self.anchors
            ]
        return bool(targets) and any(o not in path for o in targets)

    def small(self, node: str) -> bool:
        """Whether ``node`` says little (a label, a membership with its period): such nodes
        are embedded wherever they are met, the rest once, then referred to by ``id``."""
        known = self.sizes.get(node)
        if known is None:
            seen: set[str] = set()
            todo = [node]
            total = 0
            out = self.out
            while todo and total <= SMALL:
                current = todo.pop()
                if current in seen:
                    continue
                seen.add(current)
                for _, o in out.get(current, ()):
                    total += 1
                    if type(o) is str and o in out:
                        todo.append(o)
            known = self.sizes[node] = total <= SMALL
        return known

    def value(self, o: Node | str, term: Term | None, path: tuple[str, ...], hub: bool) -> Any:
        if type(o) is not str:
            return _literal(o, term, self.ctx)  # type: ignore[arg-type]
        if hub and self.out.get(o) and o not in path:
            # A list's item reads on its own: what earlier items told is told again under it,
            # and its incoming links (a state's holdings) nest under it.
            told, self.described = self.described, set()
            try:
                return self.node(o, path, reverse_ok=True)
            finally:
                self.described |= told
        memo = self.memo.get(o)
        if memo is not None and len(path) > 1 and memo[1].isdisjoint(path):
            return memo[0]  # a small node met again, written once (``embedded``)
        if (
            self.out.get(o)
            and o not in path
            and (o not in self.described or self.small(o))
            and not self.nests_elsewhere(o, path)
        ):
            if len(path) == 1:
                # What the root links to (an organization's units) may gather what points to it.
                return self.node(o, path, reverse_ok=True)
            return self.embedded(o, path)
        if term is not None and term.coerce == "@id":
            return o
        return {"id": o}

    def embedded(self, o: str, path: tuple[str, ...]) -> Json:
        """``o`` nested under a forward link. A small node reads the same wherever it is met
        (unless what it reaches is on the path: a cycle), so it is written once and the same
        object is put in each place (a document is read, never changed)."""
        if not self.small(o):
            return self.node(o, path, reverse_ok=False)
        if o in self.memo:
            memo = self.memo[o]
            if memo is not None and memo[1].isdisjoint(path):
                return memo[0]
            return self.node(o, path, reverse_ok=False)
        written = self.node(o, path, reverse_ok=False)
        reach = self.reach(o)
        if reach is None or reach.isdisjoint(path):  # not met in a cycle: the same everywhere
            self.memo[o] = None if reach is None else (written, reach)
        return written

    def reach(self, node: str) -> frozenset[str] | None:
        """The nodes a small ``node`` reaches (itself included), or None when one of them is
        nested elsewhere (its output depends on where it is met)."""
        seen: set[str] = set()
        todo = [node]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            if self.nests_elsewhere(current, ()):
                return None
            seen.add(current)
            todo.extend(o for _, o in self.out.get(current, ()) if type(o) is str)
        return frozenset(seen)


def _shape(values: list[Any], term: Term | None) -> Any:
    if term is not None and term.language_map:
        mapped: dict[str, Any] = {}
        for v in values:
            if isinstance(v, dict) and "@language" in v:
                lang, text = v["@language"], v["@value"]
            elif isinstance(v, str):
                lang, text = "@none", v
            else:
                break
            if lang in mapped:
                previous = mapped[lang]
                mapped[lang] = [*(previous if isinstance(previous, list) else [previous]), text]
            else:
                mapped[lang] = text
        else:
            return mapped
    if term is not None and term.always_list:
        return values
    return values[0] if len(values) == 1 else values


def tree(graph: Collection[Triple], roots: Sequence[Node], context_url: str) -> Json:
    """The graph as one compact JSON-LD document nested from ``roots`` (the first is the
    document's top node; later roots and unreached subjects go to ``included``)."""
    framer = _Framer(graph, context())
    ids = [_id(r) for r in roots]
    framer.anchors = {
        *ids,
        *(o for r in ids for p, o in framer.out.get(r, ()) if p == HUB and isinstance(o, str)),
    }
    top = framer.node(ids[0]) if ids else {}
    extra = [framer.node(r) for r in ids[1:]]
    for triple in _unsaid(graph, framer):
        if not framer.told(triple):
            extra.append(framer.node(_id(triple[0]), reverse_ok=False))
    document: Json = {"@context": context_url, **top}
    if extra:
        document["included"] = extra
    return document


def _unsaid(graph: Collection[Triple], framer: _Framer) -> Iterable[Triple]:
    return sorted((t for t in graph if not framer.told(t)), key=lambda t: (str(t[0]), str(t[1])))
