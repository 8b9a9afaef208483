"""A report that lacks the year joins the dated instrument (or meeting) of its day.

Shared keys hold the year when the text gives it (``rus-uzb-2021-11-19-joint-statement``); a
report without it keys the same thing by month and day (``rus-uzb-11-19-joint-statement``), the
key every dated node keeps as its former one (``iis:formerIri``, not ``owl:sameAs``: that key
may also be a node of the same day of another year). That year-less key names a
*family*: the year-less nodes keyed by it and the dated nodes that keep it. Before a write,
each family the written sources touch is settled again over what the store holds and what is
being written:

- a year-less node is keyed as the one dated node of its family whose place does not contradict
  its own, if there is exactly one: both sources then describe one node;
- otherwise (no dated node, or several of different years) it keeps its year-less key: two
  declarations of one day of two years are never merged through a report that cannot tell them
  apart.

A stored source whose year-less node must change key (a dated report arrived after it, or a
second year made it ambiguous) is rewritten in the same write. Its node keeps the year-less key
as ``iis:formerIri``, so it stays in the family and the old IRI answers 301.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD
from rdflib.term import Literal, Node

from graph.namespaces import Ids, T, iri_ref
from graph.review import refresh_reviews
from graph.store import Store

# the kinds of thing whose shared keys may lack the year, and their class
CLASSES = {"instrument": T.Instrument, "meeting": T.Meeting}

_CLASS_LIST = ", ".join(iri_ref(c) for c in CLASSES.values())

Item = tuple[str, Graph]  # a source id and its graph


@dataclass(frozen=True)
class Claim:
    """What one source says of a node of a family: its IRI, whether it knows the year,
    where it was."""

    source_id: str
    node: URIRef
    dated: bool
    places: frozenset[Node]


def class_of(ids: Ids, family: URIRef) -> URIRef | None:
    found = ids.key_of(str(family))
    return CLASSES.get(found[0]) if found else None


def is_dated(graph: Graph, node: Node) -> bool:
    return any(
        isinstance(d, Literal) and d.datatype == XSD.date for d in graph.objects(node, DCTERMS.date)
    )


def own_former(ids: Ids, source_id: str, key: URIRef) -> bool:
    """Whether ``key`` is the ``{source}-{n}`` key earlier versions gave a thing of this
    source's own (no year-less key: nothing shares it)."""
    found = ids.key_of(str(key))
    return found is not None and bool(re.fullmatch(rf"{re.escape(source_id)}-\d+", found[1]))


def families_of(ids: Ids, source_id: str, graph: Graph) -> set[URIRef]:
    """The year-less keys a source graph's instruments and meetings belong to: the former key
    a node keeps (a dated node's, or a joined year-less one's), else its own key."""
    out: set[URIRef] = set()
    for cls in CLASSES.values():
        for node in graph.subjects(RDF.type, cls):
            formers = [o for o in graph.objects(node, T.formerIri) if isinstance(o, URIRef)]
            out.update(formers or [n for n in [node] if isinstance(n, URIRef)])
    return {f for f in out if class_of(ids, f) is not None and not own_former(ids, source_id, f)}


def claims_in(ids: Ids, source_id: str, graph: Graph, family: URIRef) -> list[Claim]:
    if own_former(ids, source_id, family):
        return []
    cls = class_of(ids, family)
    nodes = {family, *graph.subjects(T.formerIri, family)}
    return [
        Claim(source_id, node, is_dated(graph, node), frozenset(graph.objects(node, T.place)))
        for node in nodes
        if isinstance(node, URIRef) and (node, RDF.type, cls) in graph
    ]


def settled(family: URIRef, claims: Sequence[Claim]) -> dict[Claim, URIRef]:
    """The node each year-less claim of a family should have, where it differs from the one
    it has."""
    places: dict[URIRef, set[Node]] = defaultdict(set)
    sources: dict[URIRef, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.dated:
            places[claim.node] |= claim.places
            sources[claim.node].add(claim.source_id)
    moves: dict[Claim, URIRef] = {}
    for claim in claims:
        if claim.dated:
            continue
        # a text that names a dated and a year-less one of that day means two things
        fits = [
            node
            for node, where in places.items()
            if agree(claim.places, where) and claim.source_id not in sources[node]
        ]
        target = fits[0] if len(fits) == 1 else family
        if target != claim.node:
            moves[claim] = target
    return moves


def agree(these: Iterable[Node], those: Iterable[Node]) -> bool:
    """Places agree unless both are known and share none (Astana is not New Delhi)."""
    here, there = set(these), set(those)
    return not here or not there or bool(here & there)


def rekeyed(ids: Ids, graph: Graph, old: URIRef, new: URIRef, family: URIRef) -> Graph:
    """``graph`` with the node ``old`` keyed ``new`` (a meeting's participations with it) and
    the year-less key kept as its former one."""
    names: dict[Node, Node] = {old: new}
    old_key, new_key = (ids.key_of(str(n)) for n in (old, new))
    assert old_key is not None and new_key is not None
    for part in graph.objects(old, T.participation):
        found = ids.key_of(str(part))
        if found and found[1].startswith(f"{old_key[1]}-"):
            names[part] = ids.thing("participation", new_key[1] + found[1][len(old_key[1]) :])
    out = Graph()
    for s, p, o in graph:
        out.add((names.get(s, s), p, names.get(o, o)))
    out.remove((new, T.formerIri, family))
    if new != family:
        out.add((new, T.formerIri, family))
    return out


def stored_sources(store: Store, families: set[URIRef], skip: set[str]) -> list[str]:
    """The stored sources (but ``skip``) with a node of one of the ``families``."""
    if not families:
        return []
    values = " ".join(iri_ref(f) for f in sorted(families))
    rows = store.select(
        f"SELECT DISTINCT ?g WHERE {{ VALUES ?f {{ {values} }} "
        f"{{ GRAPH ?g {{ ?n {iri_ref(T.formerIri)} ?f }} }} UNION {{ GRAPH ?g {{ ?f a ?c }} }} }}"
    )
    prefix = str(store.ids.source_graph(""))
    found = (str(r["g"]) for r in rows if str(r["g"]).startswith(prefix))
    return sorted({g[len(prefix) :] for g in found} - skip)


def stored_families(store: Store, source_ids: Sequence[str]) -> set[URIRef]:
    """The families the stored graphs of these sources belong to (``families_of`` them)."""
    if not source_ids:
        return set()
    ids = store.ids
    # each graph named in its own block, the classes as constants: with ``VALUES ?g`` and
    # ``?n a ?c`` the engine read every typed node of every graph (160 ms at 1 M triples)
    blocks = " UNION ".join(
        f"{{ BIND({iri_ref(ids.source_graph(sid))} AS ?g) GRAPH {iri_ref(ids.source_graph(sid))} "
        f"{{ ?n a {iri_ref(cls)} OPTIONAL {{ ?n {iri_ref(T.formerIri)} ?former }} }} }}"
        for sid in source_ids
        for cls in CLASSES.values()
    )
    rows = store.select(
        f"SELECT DISTINCT ?g ?f WHERE {{ {blocks} BIND(COALESCE(?former, ?n) AS ?f) }}"
    )
    prefix = str(ids.source_graph(""))
    return {
        f
        for f, g in ((row.get("f"), str(row.get("g"))) for row in rows)
        if isinstance(f, URIRef)
        and class_of(ids, f) is not None
        and not own_former(ids, g.removeprefix(prefix), f)
    }


def with_same_day(store: Store, items: Sequence[Item]) -> list[Item]:
    """The items to write, their year-less nodes keyed as their family settles, followed by
    the stored sources whose nodes must change key with them."""
    ids = store.ids
    graphs = dict(items)
    # the families they leave count too: a year-less report may have joined what they said
    families = stored_families(store, list(graphs)).union(
        *(families_of(ids, sid, g) for sid, g in graphs.items())
    )
    for sid in stored_sources(store, families, set(graphs)):
        graphs[sid] = store.graph_of(ids.source_graph(sid))
    changed = settle(ids, graphs, families)
    written = [sid for sid, _ in items]
    return [(sid, graphs[sid]) for sid in [*written, *sorted(changed - set(written))]]


def settle(ids: Ids, graphs: dict[str, Graph], families: Iterable[URIRef]) -> set[str]:
    """Key the year-less nodes of ``graphs`` (a source id's graph, rewritten in place) as
    their families settle; the sources whose graph changed."""
    changed: set[str] = set()
    for family in sorted(families):
        claims = [c for sid, g in graphs.items() for c in claims_in(ids, sid, g, family)]
        for claim, target in settled(family, claims).items():
            graphs[claim.source_id] = rekeyed(
                ids, graphs[claim.source_id], claim.node, target, family
            )
            changed.add(claim.source_id)
    return changed


_YEARLESS_FAMILIES = f"""
SELECT DISTINCT ?f WHERE {{
  GRAPH ?g {{
    ?n a ?c ; {iri_ref(DCTERMS.date)} ?date .
    OPTIONAL {{ ?n {iri_ref(T.formerIri)} ?former }}
  }}
  FILTER(?c IN ({_CLASS_LIST}))
  FILTER(datatype(?date) = {iri_ref(XSD.gMonthDay)})
  BIND(COALESCE(?former, ?n) AS ?f)
}}"""


def settle_store(store: Store, families: Iterable[URIRef] | None = None) -> list[str]:
    """Settle the ``families`` (by default every one with a year-less node: after a bulk load
    by a server's own loader, which knows nothing of them) as the store holds them now, the
    sources to rewrite rewritten in one write; the sources rewritten."""
    ids = store.ids
    found: Iterable[Node | None] = (
        (row.get("f") for row in store.select(_YEARLESS_FAMILIES)) if families is None else families
    )
    chosen = {f for f in found if isinstance(f, URIRef) and class_of(ids, f) is not None}
    graphs = {
        sid: store.graph_of(ids.source_graph(sid)) for sid in stored_sources(store, chosen, set())
    }
    changed = sorted(settle(ids, graphs, chosen))
    if changed:
        results = store.replace_sources([(sid, graphs[sid]) for sid in changed])
        # curators' acts on the positions of a rewritten source anchored again
        refresh_reviews(store, [r.source_id for r in results if r.changed])
    return changed
