"""The review queue: the positions no curator has looked at, the weakest evidence first.

Every rule hit has confidence 1.0, so confidence cannot order the queue. What does: how a
position was found (a model's guess before a rule's match), then how often curators rejected
positions found by the same cue (the cues curators reject most come first; a cue nobody has
reviewed yet comes before a cue that was always confirmed), then its confidence, then the
position's IRI so the order is stable. Progress counts positions curators have left a mark on
(reviewed, rejected, replaced, disputed) against all extracted positions in the filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from graph.namespaces import Ids, iri_ref
from graph.store import Store

_PREFIXES = (
    "PREFIX iis: <https://w3id.org/iisgraph/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
    "PREFIX dcterms: <http://purl.org/dc/terms/> "
)
UNSEEN = 0.5  # the rejection rate a cue no curator has reviewed is taken to have
KEPT_MOST = 16  # (sources version, filters) kept by extracted_positions
_KEPT: dict[tuple[str, Filters], list[tuple[URIRef, str, str, float]]] = {}


@dataclass(frozen=True)
class Filters:
    topic: URIRef | None = None
    organization: URIRef | None = None
    language: str | None = None
    cue: str | None = None

    def where(self) -> str:
        """Graph patterns on ``?p`` (a position) and ``?i`` (its instrument)."""
        parts = []
        if self.topic is not None:
            parts.append(f"?p iis:topic {iri_ref(str(self.topic))} .")
        if self.organization is not None:
            parts.append(f"?i iis:issuer {iri_ref(str(self.organization))} .")
        if self.language is not None:
            parts.append(f"?p prov:wasDerivedFrom/dcterms:language {_string(self.language)} .")
        if self.cue is not None:
            parts.append(f"?p iis:cue {_string(self.cue)} .")
        return " ".join(parts)


@dataclass(frozen=True)
class Queued:
    position: URIRef
    method: str
    cue: str
    rejection_rate: float
    confidence: float


@dataclass(frozen=True)
class Queue:
    items: list[Queued]
    unreviewed: int
    reviewed: int

    @property
    def total(self) -> int:
        return self.unreviewed + self.reviewed


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def queue_order(q: Queued) -> tuple[bool, float, float, str, str]:
    """Weakest first: a model's guess, the cue curators reject most, the lowest confidence."""
    return (q.method != "model", -q.rejection_rate, q.confidence, q.cue, str(q.position))


def rejection_rates(store: Store) -> dict[str, float]:
    """For each cue, the share of its reviewed positions curators rejected or replaced."""
    rows = store.select(
        _PREFIXES + "SELECT ?cue (COUNT(?p) AS ?seen) (SUM(?against) AS ?rejected) WHERE { "
        "?p iis:reviewStatus ?status ; iis:cue ?cue . "
        'BIND(IF(?status IN ("rejected", "replaced"), 1, 0) AS ?against) } GROUP BY ?cue'
    )
    return {
        str(r["cue"]): int(str(r["rejected"])) / int(str(r["seen"]))
        for r in rows
        if int(str(r["seen"]))
    }


def extracted_positions(store: Store, filters: Filters) -> list[tuple[URIRef, str, str, float]]:
    """(position, method, cue, confidence) of every position the extractor found under
    ``filters``, reviewed or not, in the queue's order for equal rejection rates. Costly on a
    large store (every position is read: 3–4 s at a million triples), and it changes only
    with the sources, so it is kept until they change (``Store.sources_version``): a
    curator's act does not recompute it."""
    version = store.sources_version()
    if version is not None and (version, filters) in _KEPT:
        return _KEPT[(version, filters)]
    rows = store.select(
        _PREFIXES + "SELECT ?p ?method ?cue ?confidence WHERE { "
        f"?p a iis:Position ; iis:statedIn ?i ; iis:extractionMethod ?method . {filters.where()} "
        "FILTER(?method != 'curator') "
        "OPTIONAL { ?p iis:cue ?cue } OPTIONAL { ?p iis:confidence ?confidence } }"
    )
    found = [
        (
            URIRef(str(r["p"])),
            str(r["method"]),
            str(r.get("cue", "")),
            float(str(r["confidence"])) if r.get("confidence") is not None else 1.0,
        )
        for r in rows
    ]
    # in the queue's order but for the rejection rates (which acts change): the queue then
    # only sorts again by method and rate, and a stable sort keeps this order within them
    found.sort(key=lambda r: queue_order(Queued(r[0], r[1], r[2], 0.0, r[3])))
    if version is not None:
        if len(_KEPT) >= KEPT_MOST:
            _KEPT.pop(next(iter(_KEPT)))  # the oldest
        _KEPT[(version, filters)] = found
    return found


def reviewed_positions(store: Store) -> set[URIRef]:
    """The positions curators left a mark on (few: read from the marks, not the positions)."""
    rows = store.select(_PREFIXES + "SELECT DISTINCT ?p WHERE { ?p iis:reviewStatus ?status }")
    return {URIRef(str(r["p"])) for r in rows}


def review_queue(store: Store, ids: Ids, filters: Filters, offset: int, limit: int) -> Queue:
    """One page of the queue under ``filters``, and the progress."""
    marked = reviewed_positions(store)
    rates = rejection_rates(store)
    extracted = extracted_positions(store, filters)
    unmarked = [r for r in extracted if r[0] not in marked]
    unmarked.sort(key=lambda r: (r[1] != "model", -rates.get(r[2], UNSEEN)))
    page = [
        Queued(position, method, cue, rates.get(cue, UNSEEN), confidence)
        for position, method, cue, confidence in unmarked[offset : offset + limit]
    ]
    return Queue(page, len(unmarked), len(extracted) - len(unmarked))


def queued_details(store: Store, positions: list[URIRef]) -> dict[str, dict[str, str]]:
    """Topic, stance, quote (with its context), source and instrument of some positions (a
    page of the queue)."""
    if not positions:
        return {}
    rows = store.select(
        _PREFIXES + "PREFIX oa: <http://www.w3.org/ns/oa#> "
        "SELECT ?p ?topic ?stance ?i ?exact ?prefix ?suffix ?source WHERE { "
        f"VALUES ?p {{ {' '.join(iri_ref(str(p)) for p in positions)} }} "
        "?p iis:topic ?topic ; iis:stance ?stance ; iis:statedIn ?i ; iis:evidence ?ev . "
        "?ev oa:hasSource ?source ; oa:hasSelector ?q . ?q oa:exact ?exact . "
        "OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix } }"
    )
    return {
        str(r["p"]): {
            "topic": str(r["topic"]),
            "stance": str(r["stance"]),
            "instrument": str(r["i"]),
            "exact": str(r["exact"]),
            "prefix": str(r.get("prefix", "")),
            "suffix": str(r.get("suffix", "")),
            "source": str(r["source"]),
        }
        for r in rows
    }
