"""How views gather a graph: ``CONSTRUCT { ?s ?p ?o }`` over a UNION of branches.

Each branch binds ``?s`` to the nodes it reaches from the view's root and keeps some of their
predicates. Branches never join one another, so no cross product of labels × dates × issuers
is built, and adding what a view shows is adding a branch.

>>> "?s ?p ?o FILTER(?p IN (rdf:type" in branch("?item iis:holder ?s .", LABEL)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from api.views import PREFIXES, Triples
from api.views.at_once import PARTS, at_once, shares
from graph.namespaces import T, iri_ref
from graph.review import REPLACES
from graph.store import Store
from graph.to_rdf import TYPE_CLASSES

LABEL = ("rdf:type", "rdfs:label", "iis:publicId")
INSTRUMENT = (
    *LABEL,
    "dcterms:title",
    "dcterms:date",
    "iis:instrumentType",
    "iis:status",
    "iis:place",
    "iis:issuer",
    # fields curators corrected (graph/review.py): ``with_curated_fields`` puts them in place
    "iis:curatedDate",
    "iis:curatedIssuer",
    "iis:curatedInstrumentType",
    "iis:curatedStatus",
    "iis:curatedPlace",
    "iis:reviewStatus",
    "iis:reviewedIn",
)
_TYPE_CLASSES = frozenset(TYPE_CLASSES.values())
MEETING = (*LABEL, "dcterms:date", "iis:meetingKind", "iis:place", "iis:organizer", "iis:virtual")
SOURCE = (
    "rdf:type",
    "iis:fileName",
    "dcterms:language",
    "dcterms:publisher",
    "dcterms:issued",
    "iis:sha256",
)
POSITION = (
    "rdf:type",
    "iis:topic",
    "iis:stance",
    "iis:statedIn",
    "iis:evidence",
    "iis:reviewStatus",  # how curators left it (graph/review.py), and in which acts
    "iis:reviewedIn",
)
# A position counted only when no curator withdrew it (rejected, or replaced by a correction)
NOT_WITHDRAWN = "FILTER NOT EXISTS { %s iis:withdrawn true }"
# ``?reviewed=only``: what curators confirmed, corrected or added
REVIEWED = '%s iis:reviewStatus ?review FILTER(?review IN ("reviewed", "corrected", "added"))'

CONCEPT = ("rdf:type", "skos:prefLabel", "rdfs:label", "iis:publicId", "skos:notation")


# where ``gathered`` writes the head into a branch (a branch without it gets it in front)
HEAD = "@@head@@"


def each(pattern: str) -> str:
    """Each ``?s`` that ``pattern`` (opened by the head) binds, once: a node reached from
    many rows (an organization from each of its members' holdings) is then read once, not
    once per row."""
    return f"{{ SELECT DISTINCT ?s WHERE {{ {HEAD} {pattern} }} }}"


def branch(
    pattern: str, predicates: Sequence[str] | None = None, exclude: Sequence[str] = ()
) -> str:
    """The triples of each ``?s`` that ``pattern`` binds: all, or those of ``predicates``."""
    filters = []
    if predicates is not None:
        # a filter, not ``VALUES ?p``: the engine would join the VALUES first and walk every
        # triple of each predicate in the store (the state view's queries: 12 ms → 5 s at 1 M)
        filters.append(f"FILTER(?p IN ({', '.join(predicates)}))")
    if exclude:
        filters.append(f"FILTER(?p NOT IN ({', '.join(exclude)}))")
    return f"{each(pattern)} ?s ?p ?o {' '.join(filters)}"


def link(pattern: str, subject: str, predicate: str, obj: str) -> str:
    """One triple per solution of ``pattern``: a link the view keeps without the rest of the
    subject's links (a meeting's participation of this state, not of every participant)."""
    return f"{pattern} BIND({subject} AS ?s) BIND({predicate} AS ?p) BIND({obj} AS ?o)"


def labels_of(pattern: str) -> str:
    """The names of the things ``pattern`` binds to ``?s`` (concepts, places, actors)."""
    return branch(pattern, (*LABEL, "skos:prefLabel"))


def evidence_branches(owner: str, reach: str = "") -> list[str]:
    """The verbatim spans behind ``owner``'s facts (bound by the ``reach`` pattern):
    annotation, quote with its context, offsets; for a position, the curators' acts on it."""
    return [
        branch(f"{reach} {owner} iis:evidence ?s ."),
        branch(f"{reach} {owner} iis:evidence/oa:hasSelector ?s ."),
        # the curators' acts behind a position: who and when
        branch(
            f"{reach} {owner} iis:reviewedIn ?s .",
            ("rdf:type", "dcterms:creator", "dcterms:modified"),
        ),
    ]


def gathered(store: Store, head: str, branches: Sequence[str]) -> Triples:
    """The graph of the branches, each opened by ``head`` (the VALUES row that binds the
    view's root: SPARQL evaluates a group before what surrounds it, so each branch binds it).
    A branch made by ``branch`` takes the head inside its ``each`` subquery
    (where ``HEAD`` stands), any other in front."""
    opened = [f"{{ {b.replace(HEAD, head) if HEAD in b else f'{head} {b}'} }}" for b in branches]
    # the branches in a few queries sent together (api/views/at_once.py), each a share of
    # the cheap and the costly ones
    queries = [
        f"{PREFIXES}CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {' UNION '.join(share)} }}"
        for share in shares(opened, max(1, min(PARTS, len(opened) // 4)))  # 4 branches a part
    ]
    found = Triples()
    for triples in at_once(*(partial(store.triples, query) for query in queries)):
        found.update(triples)
    return with_curated_fields(store, found)


def curated_dates(store: Store) -> dict[str, str]:
    """Each instrument a curator dated, with its latest curated date as written: the date the
    views order it by (year tallies count it in that date's year). Read by the property's
    index in one query, not looked up per instrument shown: curated dates are few (each is a
    curator's act), the instruments a view orders are thousands at 10 M triples."""
    rows = store.select(
        f"{PREFIXES}SELECT ?i (MAX(STR(?d)) AS ?date) WHERE {{ ?i iis:curatedDate ?d }} GROUP BY ?i"
    )
    return {str(r["i"]): str(r["date"]) for r in rows if "date" in r}


def with_curated_fields(store: Store, triples: Triples) -> Triples:
    """``triples`` with each instrument field a curator corrected showing the curated values
    instead of the extracted ones (the curated triples kept beside them, so a reader sees what
    was corrected), the new values named. Unchanged when nothing was corrected."""
    curated: dict[tuple[Node, Node], list[Node]] = {}
    for s, p, o in triples:
        replaced = REPLACES.get(p) if isinstance(p, URIRef) else None
        if replaced is not None:
            curated.setdefault((s, replaced), []).append(o)
    if not curated:
        return triples
    retyped = {s for s, field in curated if field == T.instrumentType}
    out = Triples(
        (s, p, o)
        for s, p, o in triples
        if (s, p) not in curated and not (p == RDF.type and s in retyped and o in _TYPE_CLASSES)
    )
    for (s, field), values in curated.items():
        for value in values:
            out.add((s, field, value))
            if field == T.instrumentType:
                kind = str(value).rsplit("/", 1)[-1]
                if kind in TYPE_CLASSES:
                    out.add((s, RDF.type, TYPE_CLASSES[kind]))
    named = {s for s, p, _ in out if p == RDFS.label}
    unnamed = {v for values in curated.values() for v in values if isinstance(v, URIRef)} - named
    if unnamed:
        rows = " ".join(iri_ref(str(v)) for v in sorted(unnamed))
        for triple in store.triples(
            f"{PREFIXES}CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {rows} }} "
            f"?s ?p ?o FILTER(?p IN ({', '.join((*LABEL, 'skos:prefLabel'))})) }}"
        ):
            out.add(triple)
    return out
