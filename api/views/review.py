"""What the curation pages show: a source text with its positions marked by how curators left
them, the topics and stances to choose from, and the review queue with its context.

The pages are HTML only (the acts themselves are JSON-LD on ``/annotations/``): a read-only
visitor sees the marks; a curator who gives a token gets the controls (``static/curation.js``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from api.language import N_
from api.views import Triples
from api.views.describe import with_curated_fields
from graph.errors import NotFound
from graph.namespaces import Ids, iri_ref
from graph.review_queue import Filters, queued_details, review_queue
from graph.store import Store

_P = (
    "PREFIX iis: <https://w3id.org/iisgraph/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#> "
    "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX prov: <http://www.w3.org/ns/prov#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
)
POSITION_CHOICES = (("topics", "Topic"), ("stances", "Stance"))
# what a curator may set an instrument's fields to (graph/annotations.py, instrument acts)
INSTRUMENT_CHOICES = (
    ("types", "InstrumentType"),
    ("statuses", "InstrumentStatus"),
    ("places", "Place"),
    ("states", "State"),
    ("organizations", "Organization"),
    ("units", "OrganizationalUnit"),
)
PER_PAGE = 25
# how curators left a position and why they rejected one, shown through a variable
STATUS_WORDS = (
    N_("extracted"),
    N_("reviewed"),
    N_("rejected"),
    N_("replaced"),
    N_("corrected"),
    N_("added"),
    N_("disputed"),
    N_("wrong-topic"),
    N_("wrong-stance"),
    N_("not-a-position"),
    N_("wrong-holder"),
    N_("wrong-span"),
    N_("Review queue"),
    N_("Correct an instrument"),
    N_("only"),
    N_("orphaned"),
    N_("unmatched"),  # ?reviewed=only, the lists' filter
)


def _label(labels: dict[str, dict[str, str]], iri: str, lang: str) -> str:
    names = labels.get(iri, {})
    return names.get(lang) or names.get("en") or iri.rsplit("/", 1)[-1]


def concepts(
    store: Store,
    lang: str,
    kinds: tuple[tuple[str, str], ...] = (("topics", "Topic"), ("stances", "Stance")),
) -> dict[str, list[dict[str, str]]]:
    """The things of each kind (name, class) to pick from, named in ``lang``, in name order:
    the topics and stances unless ``kinds`` says otherwise."""
    out: dict[str, list[dict[str, str]]] = {}
    for kind, cls in kinds:
        rows = store.select(
            _P + f"SELECT ?c ?key ?label WHERE {{ ?c a iis:{cls} ; iis:publicId ?key ; "
            "skos:prefLabel|rdfs:label ?label }"
        )
        labels: dict[str, dict[str, str]] = defaultdict(dict)
        keys = {}
        for r in rows:
            labels[str(r["c"])][getattr(r["label"], "language", None) or "en"] = str(r["label"])
            keys[str(r["c"])] = str(r["key"])
        out[kind] = sorted(
            ({"iri": c, "key": keys[c], "label": _label(labels, c, lang)} for c in keys),
            key=lambda item: item["label"].lower(),
        )
    return out


def source_review(store: Store, ids: Ids, key: str, lang: str) -> dict[str, Any]:
    """A source's text cut into pieces, each position's evidence a marked piece with its
    topic, stance, status and the acts (curator, time) behind it."""
    try:
        iri = ids.source(key)
    except ValueError:
        raise NotFound(f"there is no source {key!r}") from None
    texts = store.select(
        _P + f"SELECT ?text ?name WHERE {{ {iri_ref(str(iri))} iis:text ?text ; "
        "iis:fileName ?name }"
    )
    if not texts:
        raise NotFound(f"there is no source {key!r}")
    text = str(texts[0]["text"])
    rows = store.select(
        _P + "SELECT ?p ?topic ?stance ?start ?end ?status ?act ?who ?when WHERE { "
        f"?p a iis:Position ; prov:wasDerivedFrom {iri_ref(str(iri))} ; iis:topic ?topic ; "
        "iis:stance ?stance ; iis:evidence/oa:hasSelector ?sel . "
        "?sel oa:start ?start ; oa:end ?end . "
        "OPTIONAL { ?p iis:reviewStatus ?status } "
        "OPTIONAL { ?p iis:reviewedIn ?act . ?act dcterms:creator ?who ; dcterms:modified ?when } }"
    )
    names = {c["iri"]: c["label"] for kind in concepts(store, lang).values() for c in kind}
    positions: dict[str, dict[str, Any]] = {}
    for r in rows:
        p = positions.setdefault(
            str(r["p"]),
            {
                "id": str(r["p"]),
                "topic": str(r["topic"]),
                "topic_label": names.get(str(r["topic"]), str(r["topic"])),
                "stance": str(r["stance"]),
                "stance_label": names.get(str(r["stance"]), str(r["stance"])),
                "start": int(str(r["start"])),
                "end": int(str(r["end"])),
                "status": str(r.get("status", "extracted")),
                "acts": [],
            },
        )
        if r.get("act") is not None:
            act = {
                "id": str(r["act"]),
                "who": str(r["who"]).rsplit("/", 1)[-1],
                "when": str(r["when"])[:16].replace("T", " "),
            }
            if act not in p["acts"]:
                p["acts"].append(act)
    marked = sorted(positions.values(), key=lambda p: (p["start"], p["end"], p["id"]))
    return {
        "key": key,
        "source": str(iri),
        "name": str(texts[0]["name"]),
        "text": text,
        "pieces": pieces(text, marked),
        "positions": marked,
        "reviewed": sum(1 for p in marked if p["status"] != "extracted"),
    }


def instrument_correction(store: Store, ids: Ids, key: str, lang: str) -> dict[str, Any]:
    """An instrument's fields as they stand (curated where a curator set them) with what each
    may be set to, and the acts behind the corrections (who, when)."""
    try:
        iri = ids.thing("instrument", key)
    except ValueError:
        raise NotFound(f"there is no instrument {key!r}") from None
    found = store.triples(
        _P + f"CONSTRUCT {{ {iri_ref(str(iri))} ?p ?o }} WHERE {{ {iri_ref(str(iri))} ?p ?o }}"
    )
    if not found:
        raise NotFound(f"there is no instrument {key!r}")
    fields = with_curated_fields(store, Triples(found))
    values: dict[str, list[str]] = defaultdict(list)
    for _, p, o in fields:
        values[str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]].append(str(o))
    acts = store.select(
        _P + "SELECT ?act ?who ?when WHERE { "
        f"{iri_ref(str(iri))} iis:reviewedIn ?act . ?act dcterms:creator ?who ; "
        "dcterms:modified ?when } ORDER BY ?when"
    )
    choices = concepts(store, lang, INSTRUMENT_CHOICES)
    return {
        "key": key,
        "iri": str(iri),
        "date": max(values.get("date", []), default=""),
        "type": (values.get("instrumentType") or [""])[0],
        "status": (values.get("status") or [""])[0],
        "place": (values.get("place") or [""])[0],
        "issuers": sorted(values.get("issuer", [])),
        "corrected": [
            n
            for n in (
                "curatedDate",
                "curatedInstrumentType",
                "curatedStatus",
                "curatedPlace",
                "curatedIssuer",
            )
            if n in values
        ],
        "status_of_review": (values.get("reviewStatus") or [""])[0],
        "acts": [
            {
                "id": str(r["act"]),
                "who": str(r["who"]).rsplit("/", 1)[-1],
                "when": str(r["when"])[:16].replace("T", " "),
            }
            for r in acts
        ],
        "choices": choices,
        "names": {item["iri"]: item["label"] for kind in choices.values() for item in kind},
    }


def pieces(text: str, positions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at the positions' evidence: plain pieces and marked ones (a span
    overlapping an earlier one starts where that one ends; its position is still listed)."""
    out: list[dict[str, Any]] = []
    at = 0
    for p in positions:
        start, end = max(p["start"], at), p["end"]
        if not 0 <= start < end <= len(text):
            continue
        if start > at:
            out.append({"text": text[at:start], "start": at})
        out.append({"text": text[start:end], "start": start, "position": p})
        at = end
    if at < len(text):
        out.append({"text": text[at:], "start": at})
    return out


def queue_page(store: Store, ids: Ids, filters: Filters, page: int, lang: str) -> dict[str, Any]:
    """One page of the review queue with each position's quote and what to send to judge it."""
    queue = review_queue(store, ids, filters, page * PER_PAGE, PER_PAGE)
    details = queued_details(store, [q.position for q in queue.items])
    names = {c["iri"]: c["label"] for kind in concepts(store, lang).values() for c in kind}
    items = []
    for q in queue.items:
        d = details.get(str(q.position), {})
        items.append(
            {
                "id": str(q.position),
                "method": q.method,
                "cue": q.cue,
                "rate": q.rejection_rate,
                **d,
                "topic_label": names.get(d.get("topic", ""), d.get("topic", "")),
                "stance_label": names.get(d.get("stance", ""), d.get("stance", "")),
                "source_key": d.get("source", "").rsplit("/", 1)[-1],
            }
        )
    return {
        "items": items,
        "reviewed": queue.reviewed,
        "total": queue.total,
        "page": page,
        "last": max(0, (queue.unreviewed - 1) // PER_PAGE),
    }
