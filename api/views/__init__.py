"""The curated views: each answers one question with a small RDF graph around one root.

A view is SPARQL run on the store, returning a ``Document`` (the graph, its root, a title).
``api/documents.py`` turns a document into JSON-LD, Turtle, N-Triples or HTML, so every format
says the same triples. Lists are pages of a ``hydra:Collection``.

Values from a request (a state code, a date) reach a query as a ``VALUES`` row of RDF terms
that were checked when they were made (``Ids`` keys, ISO dates), never as query text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Identifier, Node

from graph.errors import BadInput, NotFound
from graph.holders import PROLOGUE
from graph.namespaces import Ids, iri_ref
from graph.store import Store, Triple

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
PREFIXES = PROLOGUE + "PREFIX hydra: <http://www.w3.org/ns/hydra/core#>\n"
MAX_PER_PAGE = 500
MAX_PAGE = 1_000_000  # no list has that many pages; a larger number is a mistake, not a page


class Triples:
    """A view's triples: an ordered set with the few graph methods the views use (an rdflib
    graph costs more to build than the query that fills it)."""

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._triples = dict.fromkeys(triples)

    def add(self, triple: Triple) -> None:
        self._triples[triple] = None

    def update(self, triples: Iterable[Triple]) -> None:
        """Add each of ``triples`` (in one call: a page merges thousands)."""
        self._triples.update(dict.fromkeys(triples))

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return (o for s, p, o in self._triples if s == subject and p == predicate)


@dataclass(frozen=True)
class Document:
    graph: Triples
    root: URIRef
    title: str
    template: str = "generic.html"  # the page that shows it (api/templates/)


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = 50

    def __post_init__(self) -> None:
        if not 1 <= self.page <= MAX_PAGE:
            raise BadInput(f"page must be between 1 and {MAX_PAGE}, got {self.page}")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise BadInput(f"per_page must be between 1 and {MAX_PER_PAGE}, got {self.per_page}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def values_row(bindings: Mapping[str, Identifier]) -> str:
    """A one-row ``VALUES`` block binding each name to its term (IRIs checked, literals
    escaped by rdflib); empty when there is nothing to bind."""
    if not bindings:
        return ""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(
        iri_ref(str(term)) if isinstance(term, URIRef) else term.n3() for term in bindings.values()
    )
    return f"VALUES ({names}) {{ ({terms}) }}"


@dataclass(frozen=True)
class Period:
    """The dates a request asks about: on or after ``start``, on or before ``end`` (an open
    end is None). Only a full date (``xsd:date``) is ever in a period: a day without its year
    is never placed in one.

    >>> period = Period.parse("2015", "2016-06-30")
    >>> str(period.start), str(period.end)
    ('2015-01-01', '2016-06-30')
    >>> bool(Period())
    False
    """

    start: Literal | None = None
    end: Literal | None = None

    @classmethod
    def parse(cls, date_from: str | None, date_to: str | None) -> Period:
        """A period from a request's ``from`` and ``to`` (YYYY-MM-DD, or a year YYYY as its
        first or last day); ``BadInput`` when either is not a date or ``from`` is after ``to``."""
        period = cls(date_literal("from", date_from), date_literal("to", date_to))
        if (
            period.start is not None
            and period.end is not None
            and str(period.start) > str(period.end)
        ):
            raise BadInput(f"from ({period.start}) is after to ({period.end})")
        return period

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None


ALL_TIME = Period()


def period_filter(period: Period, subject: str = "?instrument") -> str:
    """Patterns keeping the ``subject``s with a full date in ``period`` (no period: none); an
    instrument's date as curators left it (``graph/review.py``). The dates were checked when
    the period was made, so they are written in as literals.

    >>> print(period_filter(Period.parse("2015", None), "?item").replace(" FILTER", "\\n  FILTER"))
    { ?item iis:curatedDate ?date } UNION { ?item dcterms:date ?date
      FILTER NOT EXISTS { ?item iis:curatedDate ?correctedDate } }
      FILTER(datatype(?date) = xsd:date)
      FILTER(?date >= "2015-01-01"^^<http://www.w3.org/2001/XMLSchema#date>)
    >>> period_filter(Period())
    ''
    """
    if not period:
        return ""
    out = (
        f"{{ {subject} iis:curatedDate ?date }} UNION {{ {subject} dcterms:date ?date "
        f"FILTER NOT EXISTS {{ {subject} iis:curatedDate ?correctedDate }} }}"
        " FILTER(datatype(?date) = xsd:date)"
    )
    if period.start is not None:
        out += f" FILTER(?date >= {period.start.n3()})"
    if period.end is not None:
        out += f" FILTER(?date <= {period.end.n3()})"
    return out


def date_literal(name: str, raw: str | None) -> Literal | None:
    """A request's date (YYYY-MM-DD, or a year YYYY as its first or last day)."""
    if raw is None or raw == "":
        return None
    if re.fullmatch(r"\d{4}", raw):
        raw = f"{raw}-01-01" if name == "from" else f"{raw}-12-31"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise BadInput(f"{name}: expected a date YYYY-MM-DD or a year YYYY, got {raw!r}")
    try:
        dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise BadInput(f"{name}: {raw} is no day of the calendar ({exc})") from None
    return Literal(raw, datatype=XSD.date)


def thing(ids: Ids, kind: str, key: str, what: str) -> URIRef:
    try:
        return ids.thing(kind, key)
    except ValueError:
        raise BadInput(f"{what}: not a valid {kind} id: {key!r}") from None


def must_exist(store: Store, iri: URIRef, cls: URIRef | tuple[URIRef, ...], what: str) -> None:
    """``NotFound`` unless ``iri`` is typed with (one of) ``cls``."""
    classes = ", ".join(iri_ref(str(c)) for c in (cls if isinstance(cls, tuple) else (cls,)))
    if not store.ask(f"{PREFIXES}ASK {{ {iri_ref(str(iri))} a ?c FILTER(?c IN ({classes})) }}"):
        raise NotFound(f"there is no {what}")


def replaced_by(store: Store, old: URIRef, cls: URIRef) -> URIRef | None:
    """The thing of class ``cls`` that took over the IRI ``old`` (a key minted otherwise by an
    earlier version, kept as ``iis:formerIri`` at ingest), if one did."""
    rows = store.select(
        f"{PREFIXES}SELECT ?new WHERE {{ ?new iis:formerIri "
        f"{iri_ref(str(old))} ; a {iri_ref(str(cls))} }} ORDER BY ?new LIMIT 1"
    )
    return URIRef(str(rows[0]["new"])) if rows else None


def count(store: Store, where: str) -> int:
    rows = store.select(f"{PREFIXES}SELECT (COUNT(DISTINCT ?item) AS ?n) WHERE {{ {where} }}")
    return int(rows[0]["n"]) if rows and "n" in rows[0] else 0  # type: ignore[call-overload]


def page_items(store: Store, where: str, order: str, paging: Paging) -> list[URIRef]:
    rows = store.select(
        f"{PREFIXES}SELECT DISTINCT ?item WHERE {{ {where} }} ORDER BY {order} "
        f"LIMIT {paging.per_page} OFFSET {paging.offset}"
    )
    return [URIRef(str(row["item"])) for row in rows]


def page_document(
    graph: Triples,
    items: Sequence[URIRef],
    total: int,
    paging: Paging,
    collection: URIRef,
    page_iri: Callable[[int], str],
    title: str,
    template: str = "list.html",
) -> Document:
    """A page of a ``hydra:Collection``: its items (described in ``graph``), the total, and
    links to the first, previous, next and last pages."""
    g = graph
    g.add((collection, RDF.type, HYDRA.Collection))
    g.add((collection, HYDRA.totalItems, Literal(total)))
    for item in items:
        g.add((collection, HYDRA.member, item))
    view = URIRef(page_iri(paging.page))
    g.add((collection, HYDRA.view, view))
    g.add((view, RDF.type, HYDRA.PartialCollectionView))
    last = max(1, -(-total // paging.per_page))
    g.add((view, HYDRA.first, URIRef(page_iri(1))))
    g.add((view, HYDRA.last, URIRef(page_iri(last))))
    if paging.page > 1:
        g.add((view, HYDRA.previous, URIRef(page_iri(min(paging.page - 1, last)))))
    if paging.page < last:
        g.add((view, HYDRA.next, URIRef(page_iri(paging.page + 1))))
    return Document(g, collection, title, template)


def items_values(items: Sequence[URIRef]) -> str:
    """The VALUES block binding ``?item`` to a page's items (no solution for an empty page)."""
    if not items:
        return "FILTER(false)"
    return "VALUES ?item { " + " ".join(iri_ref(str(i)) for i in items) + " }"


def title_of(graph: Triples, iri: URIRef, fallback: str) -> str:
    """The English label or title of ``iri`` in ``graph``, else any, else ``fallback``."""
    # one pass over the triples, not one a property; a label before a title before a name
    named: dict[Node, int] = {RDFS.label: 0, DCTERMS.title: 1, SKOS.prefLabel: 2}
    found = [(named[p], o) for s, p, o in graph if p in named and s == iri]
    names = [o for _, o in sorted(found, key=lambda f: f[0]) if isinstance(o, Literal)]
    english = [n for n in names if n.language == "en"]
    return str((english or names)[0]) if names else fallback


def rows_values(store: Store, names: Sequence[str], query: str) -> str:
    """Run ``query`` (a SELECT of IRIs named ``names``) once and give its rows as a VALUES
    block, so the branches of a view reuse them instead of each running the query again."""
    rows = store.select(PREFIXES + query)
    if not rows:
        return "FILTER(false)"
    header = " ".join(f"?{n}" for n in names)
    body = " ".join("(" + " ".join(iri_ref(str(row[n])) for n in names) + ")" for row in rows)
    return f"VALUES ({header}) {{ {body} }}"
