"""Graph → the extraction summary of ``spec/extraction-summary.md``.

A view of what the store holds for one source (its named graph plus the holders derived for
its instruments), never a second pipeline: whatever the summary says, the graph says.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF
from rdflib.term import Node

from graph.namespaces import OA, Ids, T, iri_ref
from graph.review import with_corrections
from graph.store import Store

Summary = dict[str, Any]

_LABEL = """
SELECT ?label WHERE {
  %s <http://www.w3.org/2000/01/rdf-schema#label> ?label
  FILTER(langMatches(lang(?label), "en"))
} LIMIT 1"""


def _key(ids: Ids, node: Node | None) -> str | None:
    if node is None:
        return None
    found = ids.key_of(str(node))
    return found[1] if found else str(node)


def _literal(graph: Graph, node: Node, prop: URIRef) -> str | None:
    value = graph.value(node, prop)
    return str(value) if isinstance(value, Literal) else None


def _keys(ids: Ids, graph: Graph, node: Node, prop: URIRef) -> list[str]:
    return sorted(k for k in (_key(ids, o) for o in graph.objects(node, prop)) if k)


class _View:
    def __init__(self, store: Store, source_id: str, reviewed: bool = False) -> None:
        self.store = store
        self.ids = store.ids
        self.source = self.ids.source(source_id)
        self.graph = store.graph_of(self.ids.source_graph(source_id))
        if reviewed:  # what curators settled: their positions in, the withdrawn ones out
            for triple in store.graph_of(self.ids.review_graph(source_id)):
                self.graph.add(triple)
            for instrument in set(self.graph.subjects(T.instrumentType)):
                found = self.ids.key_of(str(instrument))
                if found and found[0] == "instrument":  # its fields as curators corrected them
                    review = store.graph_of(self.ids.instrument_review_graph(found[1]))
                    with_corrections(self.graph, URIRef(str(instrument)), review)

    def label(self, node: Node | None) -> str | None:
        if not isinstance(node, URIRef):
            return None
        rows = self.store.select(_LABEL % iri_ref(node))
        return str(rows[0]["label"]) if rows else _key(self.ids, node)

    def start_of(self, node: Node) -> int:
        starts = [
            int(str(o))
            for ev in self.graph.objects(node, T.evidence)
            for sel in self.graph.objects(ev, OA.hasSelector)
            for o in self.graph.objects(sel, OA.start)
        ]
        return min(starts, default=0)

    def exact_of(self, node: Node) -> str | None:
        for ev in self.graph.objects(node, T.evidence):
            for sel in self.graph.objects(ev, OA.hasSelector):
                exact = self.graph.value(sel, OA.exact)
                if exact is not None:
                    return str(exact)
        return None

    def ordered(self, cls: URIRef) -> list[Node]:
        return sorted(self.graph.subjects(RDF.type, cls), key=lambda n: (self.start_of(n), n))

    def holders(self, instrument: Node) -> list[str]:
        if not isinstance(instrument, URIRef):
            return []
        rows = self.store.select(
            f"SELECT ?code WHERE {{ {iri_ref(instrument)} <{T.holder}> ?s . "
            f"?s <{T.publicId}> ?code }}"
        )
        return sorted(str(r["code"]) for r in rows)

    def instrument(self, node: Node) -> Summary:
        g, ids = self.graph, self.ids
        positions = [
            {
                "topic": _key(ids, g.value(pos, T.topic)),
                "stance": _key(ids, g.value(pos, T.stance)),
                "evidence": self.exact_of(pos),
            }
            for pos in g.subjects(T.statedIn, node)
            if (pos, T.withdrawn, Literal(True)) not in g
        ]
        return {
            "type": _key(ids, g.value(node, T.instrumentType)),
            "status": _key(ids, g.value(node, T.status)),
            "title": _literal(g, node, DCTERMS.title),
            "date": _literal(g, node, DCTERMS.date),
            "place": self.label(g.value(node, T.place)),
            "issuers": _keys(ids, g, node, T.issuer),
            "holders": self.holders(node),
            "positions": sorted(positions, key=lambda p: str(p["topic"])),
            "agreements": _keys(ids, g, node, T.refersTo),
        }

    def meeting(self, node: Node) -> Summary:
        g, ids = self.graph, self.ids
        participants = {
            _key(ids, g.value(part, T.participant)): _key(ids, g.value(part, T.role))
            for part in g.objects(node, T.participation)
        }
        virtual = g.value(node, T.virtual)
        return {
            "date": _literal(g, node, DCTERMS.date),
            "place": self.label(g.value(node, T.place)),
            "organizer": _key(ids, g.value(node, T.organizer)),
            "participants": dict(sorted(participants.items(), key=lambda kv: str(kv[0]))),
            "virtual": bool(virtual.toPython()) if isinstance(virtual, Literal) else False,
        }

    def mentioned(self, kind: str) -> list[str]:
        keys = (self.ids.key_of(str(o)) for o in self.graph.objects(self.source, T.mentions))
        return sorted({k[1] for k in keys if k and k[0] == kind})

    def summary(self) -> Summary:
        g, src = self.graph, self.source
        persons = [
            str(g.value(p, FOAF.name))
            for p in g.objects(src, T.mentions)
            if (p, RDF.type, T.Person) in g
        ]
        return {
            "source": _literal(g, src, T.fileName),
            "language": _literal(g, src, DCTERMS.language),
            "publisher": _literal(g, src, DCTERMS.publisher),
            "published": _literal(g, src, DCTERMS.issued),
            "instruments": [self.instrument(n) for n in self.ordered(T.Instrument)],
            "meetings": [self.meeting(n) for n in self.ordered(T.Meeting)],
            "agreements_mentioned": self.mentioned("agreement"),
            "organizations_mentioned": self.mentioned("organization"),
            "persons": sorted(persons),
        }


def summarize(store: Store, source_id: str, *, reviewed: bool = False) -> Summary:
    """The extraction summary of one stored source; ``reviewed``: as curators left it
    (positions they rejected or replaced out, those they added or corrected in)."""
    return _View(store, source_id, reviewed).summary()
