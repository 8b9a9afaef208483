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


def review_queue(store: Store, ids: Ids, filters: Filters, offset: int, limit: int) -> Queue:
    """One page of the queue under ``filters``, and the progress."""
    where = (
        f"?p a iis:Position ; iis:statedIn ?i ; iis:extractionMethod ?method . {filters.where()}"
    )
    rows = store.select(
        _PREFIXES + "SELECT ?p ?method ?cue ?confidence WHERE { "
        f"{where} FILTER(?method != 'curator') "
        "FILTER NOT EXISTS { ?p iis:reviewStatus ?any } "
        "OPTIONAL { ?p iis:cue ?cue } OPTIONAL { ?p iis:confidence ?confidence } }"
    )
    seen = store.select(
        _PREFIXES + f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {where} "
        "?p iis:reviewStatus ?status FILTER(?method != 'curator') }"
    )
    rates = rejection_rates(store)
    queued = [
        Queued(
            URIRef(str(r["p"])),
            str(r["method"]),
            str(r.get("cue", "")),
            rates.get(str(r.get("cue", "")), UNSEEN),
            float(str(r["confidence"])) if r.get("confidence") is not None else 1.0,
        )
        for r in rows
    ]
    queued.sort(key=queue_order)
    return Queue(queued[offset : offset + limit], len(queued), int(str(seen[0]["n"])))


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
