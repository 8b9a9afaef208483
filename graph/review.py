"""The reviewed graph: what curators' acts do to the positions of one source text.

The extractor's graphs are never edited. For each source with acts, a derived named graph
(``{base}graph/review/{source}``) says, from the acts as they stand and the source as it was
last read:

* where each act stands (``iis:anchorStatus``): its quote found again in the text
  (``graph/anchoring.py``) and the extracted position it is about matched by topic, stance and
  overlapping evidence — ``anchored``, ``moved``, ``orphaned`` (the quote is gone) or
  ``unmatched`` (the quote is there, the position is not);
* how each position stands (``iis:reviewStatus``, ``iis:reviewedIn`` the acts): ``reviewed``,
  ``rejected``, ``replaced`` (by a correction), ``disputed`` (curators disagree: the latest
  act decides the counts); a rejected or replaced position is ``iis:withdrawn``, and no count
  counts it (``graph/tallies.py`` leaves withdrawn positions out);
* the positions curators added or corrected, as positions of the instrument (``corrected``,
  ``added``) with their evidence, so holders, tallies and every view count them like any
  other position.

The graph is written with the act that changes it, holders and tallies of the instruments it
touches in the same transaction (``Store.write_curation``), and derived again whenever its
source is stored again (``refresh_review``): a changed text or an improved extractor
re-anchors every act by its quote.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, XSD
from rdflib.term import Node

from graph.anchoring import CONTEXT, Anchored, Quote, anchor
from graph.namespaces import OA, Ids, T, iri_ref
from graph.store import Store
from graph.to_rdf import date_literal

WITHDRAWING = {"rejected": "rejected", "correct": "replaced"}


@dataclass(frozen=True)
class Extracted:
    """A position as the extractor stored it, with its evidence span."""

    position: URIRef
    topic: URIRef
    stance: URIRef
    instrument: URIRef
    start: int
    end: int


@dataclass(frozen=True)
class ActView:
    """What an act says, read from its graph."""

    iri: URIRef
    key: str
    act: str  # assess, correct or add
    verdict: str | None
    modified: str
    quote: Quote
    identifying: dict[str, URIRef] = field(default_factory=dict)  # topic/stance as extracted
    new: dict[str, URIRef] = field(default_factory=dict)  # topic/stance edited or tagged
    new_quote: Quote | None = None

    @classmethod
    def of(cls, graph: Graph, iri: URIRef, key: str) -> ActView:
        from graph.annotations import ACTS

        motivation = str(graph.value(iri, OA.motivatedBy))
        target = graph.value(iri, OA.hasTarget)
        identifying: dict[str, URIRef] = {}
        new: dict[str, URIRef] = {}
        verdict = None
        new_quote = None
        for body in graph.objects(iri, OA.hasBody):
            purpose = str(graph.value(body, OA.hasPurpose) or "").rsplit("#", 1)[-1]
            source = graph.value(body, OA.hasSource)
            value = graph.value(body, RDF.value)
            if purpose == "assessing" and value is not None:
                verdict = str(value)
            elif isinstance(source, URIRef) and "/id/source/" in str(source):
                new_quote = _quote(graph, body)
            elif isinstance(source, URIRef):
                kind = "topic" if "/id/topic/" in str(source) else "stance"
                (identifying if purpose == "identifying" else new)[kind] = source
        return cls(
            iri=iri,
            key=key,
            act=ACTS.get(motivation, "add"),
            verdict=verdict,
            modified=str(graph.value(iri, DCTERMS.modified) or ""),
            quote=_quote(graph, target),
            identifying=identifying,
            new=new,
            new_quote=new_quote,
        )


def _quote(graph: Graph, node: Node | None) -> Quote:
    exact = prefix = suffix = ""
    start = end = None
    for selector in graph.objects(node, OA.hasSelector) if node is not None else ():
        if (selector, RDF.type, OA.TextQuoteSelector) in graph:
            exact = str(graph.value(selector, OA.exact) or "")
            prefix = str(graph.value(selector, OA.prefix) or "")
            suffix = str(graph.value(selector, OA.suffix) or "")
        elif (selector, RDF.type, OA.TextPositionSelector) in graph:
            start = int(str(graph.value(selector, OA.start)))
            end = int(str(graph.value(selector, OA.end)))
    return Quote(exact, prefix, suffix, start, end)


@dataclass
class Review:
    """The reviewed graph of one source and the instruments whose counts it changes."""

    graph: Graph
    touched: set[URIRef]


def review(
    ids: Ids,
    source_id: str,
    text: str | None,
    extracted: list[Extracted],
    instruments: list[tuple[URIRef, int]],
    acts: list[ActView],
) -> Review:
    """What ``acts`` do to the positions of one source (see the module)."""
    graph = Graph()
    source = ids.source(source_id)
    touched: set[URIRef] = set()
    on_position: dict[URIRef, list[tuple[ActView, str]]] = defaultdict(list)
    for act in sorted(acts, key=lambda a: (a.modified, a.key)):
        found = anchor(text, act.quote) if text is not None else None
        if found is None:
            graph.add((act.iri, T.anchorStatus, Literal("orphaned")))
            continue
        status = "moved" if found.moved else "anchored"
        if act.act == "add":
            instrument = _instrument_at(found, extracted, instruments)
            if instrument is None:
                graph.add((act.iri, T.anchorStatus, Literal("unmatched")))
                continue
            _add_position(graph, ids, source_id, source, act, instrument, act.new, found, text)
            touched.add(instrument)
            graph.add((act.iri, T.anchorStatus, Literal(status)))
            continue
        matched = _match(found, act.identifying, extracted)
        if matched is None:
            graph.add((act.iri, T.anchorStatus, Literal("unmatched")))
            continue
        graph.add((act.iri, T.anchorStatus, Literal(status)))
        if act.act == "assess":
            on_position[matched.position].append((act, act.verdict or "confirmed"))
        else:
            on_position[matched.position].append((act, "correct"))
            span = anchor(text, act.new_quote) if act.new_quote is not None and text else found
            chosen = {**{"topic": matched.topic, "stance": matched.stance}, **act.new}
            _add_position(
                graph, ids, source_id, source, act, matched.instrument, chosen, span or found, text
            )
        touched.add(matched.instrument)
    by_iri = {e.position: e for e in extracted}
    for position, said in on_position.items():
        for act, _ in said:
            graph.add((position, T.reviewedIn, act.iri))
        kinds = {"confirmed" if what == "confirmed" else "against" for _, what in said}
        last = said[-1][1]
        shown = "reviewed" if last == "confirmed" else WITHDRAWING.get(last, "rejected")
        graph.add((position, T.reviewStatus, Literal("disputed" if len(kinds) > 1 else shown)))
        if last != "confirmed":
            graph.add((position, T.withdrawn, Literal(True)))
            touched.add(by_iri[position].instrument)
    return Review(graph, touched)


def _match(
    found: Anchored, identifying: Mapping[str, URIRef], extracted: list[Extracted]
) -> Extracted | None:
    """The extracted position with the act's topic and stance whose evidence overlaps the
    anchored quote most."""
    best, overlap = None, 0
    for e in extracted:
        if e.topic != identifying.get("topic") or e.stance != identifying.get("stance"):
            continue
        shared = min(e.end, found.end) - max(e.start, found.start)
        if shared > overlap:
            best, overlap = e, shared
    return best


def _instrument_at(
    found: Anchored, extracted: list[Extracted], instruments: list[tuple[URIRef, int]]
) -> URIRef | None:
    """The instrument a position added at ``found`` belongs to: that of the nearest extracted
    position, else the last instrument named before it, else the first of the source."""
    if extracted:
        nearest = min(extracted, key=lambda e: abs(e.start - found.start))
        return nearest.instrument
    before = [(start, i) for i, start in instruments if start <= found.start]
    if before:
        return max(before)[1]
    return min(instruments, key=lambda pair: pair[1])[0] if instruments else None


def _add_position(
    graph: Graph,
    ids: Ids,
    source_id: str,
    source: URIRef,
    act: ActView,
    instrument: URIRef,
    chosen: Mapping[str, URIRef],
    span: Anchored,
    text: str | None,
) -> None:
    position = ids.thing("position", f"{source_id}/curated-{act.key}")
    graph.add((position, RDF.type, T.Position))
    graph.add((position, T.topic, chosen["topic"]))
    graph.add((position, T.stance, chosen["stance"]))
    graph.add((position, T.statedIn, instrument))
    graph.add((position, PROV.wasDerivedFrom, source))
    graph.add((position, T.reviewedIn, act.iri))
    status = "added" if act.act == "add" else "corrected"
    graph.add((position, T.reviewStatus, Literal(status)))
    graph.add((position, T.extractionMethod, Literal("curator")))
    evidence = URIRef(f"{position}-ev")
    quote, offsets = URIRef(f"{evidence}-quote"), URIRef(f"{evidence}-offsets")
    graph.add((position, T.evidence, evidence))
    graph.add((evidence, RDF.type, OA.SpecificResource))
    graph.add((evidence, OA.hasSource, source))
    graph.add((evidence, OA.hasSelector, quote))
    graph.add((evidence, OA.hasSelector, offsets))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.exact)))
    if text is not None:
        graph.add((quote, OA.prefix, Literal(text[max(0, span.start - CONTEXT) : span.start])))
        graph.add((quote, OA.suffix, Literal(text[span.end : span.end + CONTEXT])))
    graph.add((offsets, RDF.type, OA.TextPositionSelector))
    graph.add((offsets, OA.start, Literal(span.start, datatype=XSD.integer)))
    graph.add((offsets, OA.end, Literal(span.end, datatype=XSD.integer)))


# -- reading the store ------------------------------------------------------------------------


def _extracted(store: Store, ids: Ids, source_id: str) -> list[Extracted]:
    rows = store.select(
        f"SELECT ?p ?topic ?stance ?i ?start ?end WHERE {{ GRAPH "
        f"{iri_ref(str(ids.source_graph(source_id)))} {{ ?p a <{T.Position}> ; "
        f"<{T.topic}> ?topic ; <{T.stance}> ?stance ; <{T.statedIn}> ?i ; "
        f"<{T.evidence}>/<{OA.hasSelector}> ?sel . ?sel <{OA.start}> ?start ; <{OA.end}> ?end }} }}"
    )
    return [
        Extracted(
            URIRef(str(r["p"])),
            URIRef(str(r["topic"])),
            URIRef(str(r["stance"])),
            URIRef(str(r["i"])),
            int(str(r["start"])),
            int(str(r["end"])),
        )
        for r in rows
    ]


def _instruments(store: Store, ids: Ids, source_id: str) -> list[tuple[URIRef, int]]:
    rows = store.select(
        f"SELECT ?i (MIN(?start) AS ?at) WHERE {{ GRAPH "
        f"{iri_ref(str(ids.source_graph(source_id)))} {{ ?i <{T.instrumentType}> ?type ; "
        f"<{T.evidence}>/<{OA.hasSelector}>/<{OA.start}> ?start }} }} GROUP BY ?i"
    )
    return [(URIRef(str(r["i"])), int(str(r["at"]))) for r in rows]


def _text(store: Store, ids: Ids, source_id: str) -> str | None:
    rows = store.select(
        f"SELECT ?text WHERE {{ GRAPH {iri_ref(str(ids.source_graph(source_id)))} "
        f"{{ ?s <{T.text}> ?text }} }} LIMIT 1"
    )
    return str(rows[0]["text"]) if rows else None


def acts_on(store: Store, ids: Ids, source_id: str) -> dict[str, Graph]:
    """The current acts whose target is the source, by key."""
    rows = store.select(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a <{OA.hasTarget}>/<{OA.hasSource}> "
        f"{iri_ref(str(ids.source(source_id)))} }} "
        f'FILTER(STRSTARTS(STR(?g), "{ids.act_graph_prefix}")) }}'
    )
    out = {}
    for row in rows:
        key = str(row["g"])[len(ids.act_graph_prefix) :]
        out[key] = store.graph_of(URIRef(str(row["g"])))
    return out


def source_of(graph: Graph, iri: URIRef, ids: Ids) -> str | None:
    """The source id an act targets."""
    target = graph.value(iri, OA.hasTarget)
    source = graph.value(target, OA.hasSource) if target is not None else None
    found = ids.key_of(str(source)) if source is not None else None
    return found[1] if found and found[0] == "source" else None


def reviewed(store: Store, source_id: str, changed: Mapping[str, Graph | None]) -> Review:
    """The reviewed graph of a source with the acts as stored, ``changed`` (key → act graph,
    None: deleted) applied on top, and the instruments it touches now or touched before."""
    ids = store.ids
    acts = {**acts_on(store, ids, source_id), **changed}
    views = [
        ActView.of(graph, ids.annotation(key), key)
        for key, graph in sorted(acts.items())
        if graph is not None
    ]
    extracted = _extracted(store, ids, source_id)
    result = review(
        ids,
        source_id,
        _text(store, ids, source_id),
        extracted,
        _instruments(store, ids, source_id),
        views,
    )
    # the instruments the review graph touched before (an act taken back frees them)
    graph = iri_ref(str(ids.review_graph(source_id)))
    before = store.select(
        f"SELECT DISTINCT ?i WHERE {{ {{ GRAPH {graph} {{ ?p <{T.statedIn}> ?i }} }} UNION "
        f"{{ GRAPH {graph} {{ ?p <{T.withdrawn}> true }} ?p <{T.statedIn}> ?i }} }}"
    )
    result.touched |= {URIRef(str(r["i"])) for r in before}
    return result


def refresh_review(store: Store, source_id: str) -> None:
    """Derive the reviewed graph of a source again (after it was stored again or deleted)."""
    ids = store.ids
    if not acts_on(store, ids, source_id) and not store.ask(
        f"ASK {{ GRAPH {iri_ref(str(ids.review_graph(source_id)))} {{ ?s ?p ?o }} }}"
    ):
        return
    result = reviewed(store, source_id, {})
    store.write_curation({ids.review_graph(source_id): result.graph}, sorted(result.touched))


# -- instruments ------------------------------------------------------------------------------

CURATED = {
    "date": T.curatedDate,
    "issuer": T.curatedIssuer,
    "instrumentType": T.curatedInstrumentType,
    "status": T.curatedStatus,
    "place": T.curatedPlace,
}
# the property whose values each curated one replaces
REPLACES = {
    T.curatedDate: DCTERMS.date,
    T.curatedIssuer: T.issuer,
    T.curatedInstrumentType: T.instrumentType,
    T.curatedStatus: T.status,
    T.curatedPlace: T.place,
}


def with_corrections(graph: Graph, instrument: URIRef, review: Graph) -> None:
    """Put the instrument's curated fields (its reviewed graph ``review``) in ``graph`` in
    place of the values the extractor read."""
    for curated, replaced in REPLACES.items():
        values = list(review.objects(instrument, curated))
        if values:
            graph.remove((instrument, replaced, None))
            for value in values:
                graph.add((instrument, replaced, value))


def instrument_of(graph: Graph, iri: URIRef, ids: Ids) -> str | None:
    """The key of the instrument an act targets (None: the act is about a source text)."""
    target = graph.value(iri, OA.hasTarget)
    source = graph.value(target, OA.hasSource) if target is not None else None
    found = ids.key_of(str(source)) if source is not None else None
    return found[1] if found and found[0] == "instrument" else None


def instrument_review(ids: Ids, key: str, exists: bool, acts: Mapping[str, Graph]) -> Graph:
    """The reviewed graph of one instrument: for each field an act set, the values of the
    latest act that set it (``iis:curatedDate`` and its siblings), which replace what the
    extractor read; the instrument ``corrected``, or ``disputed`` when curators set a field to
    different values; each act ``iis:reviewedIn``. An act on an instrument no source states
    any more is ``orphaned``."""
    from graph.annotations import instrument_edits

    graph = Graph()
    instrument = ids.thing("instrument", key)
    ordered = sorted(
        (str(g.value(ids.annotation(k), DCTERMS.modified) or ""), k, g) for k, g in acts.items()
    )
    chosen: dict[str, list[Node]] = {}
    said: dict[str, set[frozenset[Node]]] = defaultdict(set)
    for _, act_key, act in ordered:
        iri = ids.annotation(act_key)
        if not exists:
            graph.add((iri, T.anchorStatus, Literal("orphaned")))
            continue
        graph.add((iri, T.anchorStatus, Literal("anchored")))
        graph.add((instrument, T.reviewedIn, iri))
        for name, values in instrument_edits(act, iri, ids).items():
            chosen[name] = values  # the later act decides
            said[name].add(frozenset(values))
    for name, values in chosen.items():
        for value in values:
            written = date_literal(str(value)) if name == "date" else value
            graph.add((instrument, CURATED[name], written))
    if chosen:
        disputed = any(len(options) > 1 for options in said.values())
        graph.add((instrument, T.reviewStatus, Literal("disputed" if disputed else "corrected")))
    return graph


def _live(store: Store, ids: Ids, instrument: URIRef) -> bool:
    """Whether some source states the instrument now."""
    return store.ask(
        f"ASK {{ GRAPH ?g {{ {iri_ref(str(instrument))} <{T.instrumentType}> ?t }} "
        f'FILTER(STRSTARTS(STR(?g), "{ids.base}graph/source/")) }}'
    )


def current_instrument(store: Store, ids: Ids, target: URIRef) -> URIRef:
    """The instrument an act's target names now: itself while a source states it, else the
    one that keeps it as a former IRI (its key gained the year, ``graph/same_day.py``), else
    itself (the act is then orphaned)."""
    if _live(store, ids, target):
        return target
    rows = store.select(
        f"SELECT ?new WHERE {{ ?new <{T.formerIri}> {iri_ref(str(target))} ; "
        f"<{T.instrumentType}> ?t }} ORDER BY ?new LIMIT 1"
    )
    return URIRef(str(rows[0]["new"])) if rows else target


def acts_on_instrument(store: Store, ids: Ids, instrument: URIRef) -> dict[str, Graph]:
    """The current acts whose target is the instrument, by key: by its IRI, or by a former
    IRI of it that no other instrument holds now."""
    formers = [
        URIRef(str(row["f"]))
        for row in store.select(
            f"SELECT ?f WHERE {{ {iri_ref(str(instrument))} <{T.formerIri}> ?f }}"
        )
    ]
    targets = [instrument, *(f for f in formers if not _live(store, ids, f))]
    rows = store.select(
        f"SELECT DISTINCT ?g WHERE {{ VALUES ?t {{ {' '.join(iri_ref(str(t)) for t in targets)} }} "
        f"GRAPH ?g {{ ?a <{OA.hasTarget}>/<{OA.hasSource}> ?t }} "
        f'FILTER(STRSTARTS(STR(?g), "{ids.act_graph_prefix}")) }}'
    )
    return {
        str(row["g"])[len(ids.act_graph_prefix) :]: store.graph_of(URIRef(str(row["g"])))
        for row in rows
    }


def instrument_reviewed(store: Store, key: str, changed: Mapping[str, Graph | None]) -> Graph:
    """The reviewed graph of the instrument ``key`` with the acts as stored, ``changed``
    (act key → act graph, None: deleted) applied on top."""
    ids = store.ids
    instrument = ids.thing("instrument", key)
    acts = {**acts_on_instrument(store, ids, instrument), **changed}
    live = {k: g for k, g in acts.items() if g is not None}
    return instrument_review(ids, key, _live(store, ids, instrument), live)


def _instrument_keys(store: Store, ids: Ids) -> tuple[set[str], set[str]]:
    """The keys of the instruments acts are about now (their targets followed to where they
    stand), and of those with a reviewed graph."""
    rows = store.select(
        f"SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ ?a <{OA.hasTarget}>/<{OA.hasSource}> ?t }} "
        f'FILTER(STRSTARTS(STR(?g), "{ids.act_graph_prefix}")) '
        f'FILTER(STRSTARTS(STR(?t), "{ids.base}id/instrument/")) }}'
    )
    targets = (current_instrument(store, ids, URIRef(str(row["t"]))) for row in rows)
    wanted = {found[1] for found in (ids.key_of(str(t)) for t in targets) if found}
    prefix = str(ids.instrument_review_graph(""))
    # every reviewed graph says where each of its acts stands: found by that, not by a scan
    graphs = store.select(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a <{T.anchorStatus}> ?status }} "
        f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
    )
    return wanted, {str(row["g"])[len(prefix) :] for row in graphs}


def refresh_reviews(store: Store, source_ids: list[str]) -> None:
    """Derive the reviewed graphs again after sources were stored again or deleted: each
    source's, and each corrected instrument's whose instrument came, went or changed key (its
    acts follow it to its new key; they are orphaned while no source states it)."""
    for source_id in source_ids:
        refresh_review(store, source_id)
    ids = store.ids
    wanted, reviewed_now = _instrument_keys(store, ids)
    for key in sorted(wanted | reviewed_now):
        name = ids.instrument_review_graph(key)
        graph = instrument_reviewed(store, key, {}) if key in wanted else None
        if graph is None or not isomorphic(graph, store.graph_of(name)):
            store.write_curation({name: graph}, [ids.thing("instrument", key)])
