"""Search: the things people look for, found by the words they type, ranked.

Each word of a query is looked up on its own and every word must match: a name, title, alias
or code of the thing itself, its year, or a name of a thing it links to (an issuer, a party, a
participant, an organizer, a place, a type, an organization a state belongs to, a holder).
Words are compared in any case and grammatical form: the index keeps each word of a name lower
case, without accents, with its lemmas (``заявлении`` → ``заявление``, ``statements`` →
``statement``), and a query word matches an index word it equals or begins (``Росс`` finds
``Россия``). Matches on the thing itself rank above matches through a link, exact words above
beginnings; then states, organizations, agreements, topics, instruments, meetings, persons;
then the latest first.

What is kept and what is computed per request: the index is read from the store once per
version of its content (seven queries; about a second on a store of a million triples) and
kept in memory until the next write; a request only looks its words up (a few milliseconds).
A store that others write too (a SPARQL server) has no version: its index is read again when
it is older than ``STALE_AFTER`` seconds.

>>> index = Index()
>>> for iri, kind in [("id/state/RUS", "State"), ("id/org/SCO", "Organization"),
...                   ("id/i/x-1", "Instrument")]:
...     index.add_thing(iri, kind)
>>> index.add_name("id/state/RUS", "Russian Federation")
>>> index.add_name("id/state/RUS", "Россия")
>>> index.add_name("id/org/SCO", "ШОС")
>>> index.add_name("id/i/x-1", "Заявление глав государств-членов")
>>> index.add_link("id/i/x-1", "id/org/SCO")
>>> index.add_link("id/i/x-1", "id/state/RUS", holder=True)
>>> index.add_date("id/i/x-1", "2009-06-16")
>>> [hit.iri for hit in index.find("шос 2009")]
['id/i/x-1']
>>> [hit.iri for hit in index.find("России")]
['id/state/RUS', 'id/i/x-1']
>>> [hit.iri for hit in index.find("заявлением Росс")]
['id/i/x-1']
"""

from __future__ import annotations

import bisect
import csv
import io
import re
import threading
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from graph.errors import BadInput
from graph.extract import english, russian
from graph.holders import PROLOGUE
from graph.store import Store

# the kinds a search answers with, in the order they rank on equal scores
RESULT_KINDS = ("State", "Organization", "Agreement", "Topic", "Instrument", "Meeting", "Person")
# things whose names are searched only through what links to them
CARRIER_KINDS = ("Place", "InstrumentType", "MeetingKind", "Region")
NAME_PREDICATES = (
    "rdfs:label",
    "skos:prefLabel",
    "skos:altLabel",
    "skos:hiddenLabel",
    "dcterms:title",
    "iis:officialName",
    "iis:publicId",
    "skos:notation",
    "foaf:name",
)
# links whose target's names count for the thing (a holder counts less: it may be a member of
# an issuing organization the text does not name)
LINKS = (
    "iis:issuer",
    "iis:party",
    "iis:place",
    "iis:instrumentType",
    "iis:meetingKind",
    "iis:organizer",
    "iis:region",
    "iis:actsFor",
)
STALE_AFTER = 60.0  # seconds an index of a store without a version is kept
MAX_QUERY = 200
# words that say nothing alone (dropped when the query has others)
STOP_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "in", "on", "for", "to", "at", "by", "with"}
    | {"и", "в", "во", "на", "о", "об", "по", "с", "со", "к", "за", "для", "от", "из", "у"}
)
_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[а-яё]")
# points won by a query word: on the thing itself, through a link, through a holder
OWN, LINKED, HELD = 4.0, 2.0, 1.0
PREFIX = 0.75  # share of the points when the word only begins an index word


@lru_cache(maxsize=200_000)
def forms(word: str) -> frozenset[str]:
    """The forms a word is indexed and looked up by: lower case, accents dropped, ``ё`` as
    ``е``, with its lemmas.

    >>> sorted(forms("Молдовы")), sorted(forms("Statements"))
    (['молдова', 'молдовы'], ['statement', 'statements'])
    """
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("ё", "е"))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFC", folded.replace("и\u0306", "й"))
    out = {folded}
    if folded.isdigit():
        return frozenset(out)
    if _CYRILLIC.search(folded):
        out |= russian.lemma_keys(folded)
    elif folded.isascii():
        out.add(english.lemma(folded).lower())
    return frozenset(out)


def words(text: str) -> list[str]:
    """The words of a query or a name, in order (hyphens and punctuation part them).

    >>> words("sco-2009-iis, Côte d'Ivoire")
    ['sco', '2009', 'iis', 'Côte', 'd', 'Ivoire']
    """
    return _WORD.findall(text)


@dataclass(frozen=True)
class Hit:
    iri: str
    score: float
    kind: str
    date: str


class Index:
    """Word forms → the things that carry them (by name, link or year)."""

    def __init__(self) -> None:
        self._node: dict[str, int] = {}
        self._iris: list[str] = []
        self._kind: dict[int, str] = {}
        self._date: dict[int, str] = {}
        self._own: dict[str, set[int]] = defaultdict(set)
        self._links: dict[int, set[int]] = defaultdict(set)  # target -> things naming it
        self._held: dict[int, set[int]] = defaultdict(set)  # state -> instruments it holds
        self._vocabulary: list[str] | None = None

    def _id(self, iri: str) -> int:
        found = self._node.get(iri)
        if found is None:
            found = self._node[iri] = len(self._iris)
            self._iris.append(iri)
        return found

    def add_thing(self, iri: str, kind: str) -> None:
        """``iri`` is a thing of ``kind`` (a class's local name); its key (the last part of
        its IRI: ``csto-2017-11-30-minsk``) is one of its names."""
        node = self._id(iri)
        if kind in RESULT_KINDS:
            old = self._kind.get(node)
            if old is None or RESULT_KINDS.index(kind) < RESULT_KINDS.index(old):
                self._kind[node] = kind
        self.add_name(iri, iri.rstrip("/").rpartition("/")[2])

    def add_name(self, iri: str, name: str) -> None:
        """A name, title, alias or code of ``iri`` (a thing added before; others are not
        searched)."""
        node = self._node.get(iri)
        if node is None:
            return
        for word in words(name):
            for form in forms(word):
                self._own[form].add(node)
        self._vocabulary = None

    def add_link(self, iri: str, target: str, *, holder: bool = False) -> None:
        """``iri`` links to ``target`` (issuer, place...; ``holder``: it is held by it)."""
        (self._held if holder else self._links)[self._id(target)].add(self._id(iri))

    def add_date(self, iri: str, date: str) -> None:
        """The date of ``iri``: its year (when known) is one of its words."""
        node = self._id(iri)
        self._date[node] = max(self._date.get(node, ""), date)
        if re.match(r"\d{4}", date):
            self._own[date[:4]].add(node)
            self._vocabulary = None

    def _matches(self, word: str) -> dict[int, float]:
        """The things a query word matches, each with its points."""
        if self._vocabulary is None:
            self._vocabulary = sorted(self._own)
        vocabulary = self._vocabulary
        own: dict[int, float] = {}
        for form in forms(word):
            start = bisect.bisect_left(vocabulary, form)
            for token in vocabulary[start:]:
                if not token.startswith(form):
                    break
                points = OWN if token == form else OWN * PREFIX
                for node in self._own[token]:
                    if own.get(node, 0.0) < points:
                        own[node] = points
        found = dict(own)
        for links, share in ((self._links, LINKED / OWN), (self._held, HELD / OWN)):
            for target, points in own.items():
                for node in links.get(target, ()):
                    if found.get(node, 0.0) < points * share:
                        found[node] = points * share
        return found

    def find(self, query: str) -> list[Hit]:
        """The things every word of ``query`` matches, best first."""
        asked = [w for w in words(query) if len(w) > 1 or w.isdigit()]
        meaningful = [w for w in asked if w.lower() not in STOP_WORDS]
        asked = meaningful or asked
        if not asked:
            return []
        scores: dict[int, float] | None = None
        for word in dict.fromkeys(w.lower() for w in asked):
            matched = self._matches(word)
            if scores is None:
                scores = {n: p for n, p in matched.items() if n in self._kind}
            else:
                scores = {n: p + matched[n] for n, p in scores.items() if n in matched}
            if not scores:
                return []
        assert scores is not None
        hits = [
            Hit(self._iris[n], p, self._kind[n], self._date.get(n, "")) for n, p in scores.items()
        ]
        # best score, then kind, then the latest first, then the IRI
        hits.sort(key=lambda h: h.iri)
        hits.sort(key=lambda h: h.date, reverse=True)
        hits.sort(key=lambda h: (-h.score, RESULT_KINDS.index(h.kind)))
        return hits


def _kinds() -> str:
    return " ".join(f"iis:{k}" for k in (*RESULT_KINDS, *CARRIER_KINDS))


# Each question is one pattern the engine answers from its indexes (a property path of
# alternatives rather than ``?p`` filtered), read as CSV: strings are all the index needs,
# and CSV rows cost a fraction of parsed terms.
QUERIES = {
    "things": f"SELECT ?item ?kind WHERE {{ VALUES ?kind {{ {_kinds()} }} ?item a ?kind }}",
    "names": f"SELECT ?item ?name WHERE {{ ?item {'|'.join(NAME_PREDICATES)} ?name }}",
    "links": f"SELECT ?item ?to WHERE {{ ?item {'|'.join(LINKS)} ?to }}",
    "participants": "SELECT ?item ?to WHERE { ?item iis:participation/iis:participant ?to }",
    "memberships": "SELECT ?item ?to WHERE { ?m org:member ?item ; org:organization ?to }",
    "holders": "SELECT ?item ?to WHERE { ?item iis:holder ?to }",
    "dates": "SELECT ?item ?date WHERE { VALUES ?kind { iis:Instrument iis:Meeting } "
    "?item a ?kind ; dcterms:date ?date }",
}


def _rows(store: Store, name: str) -> Iterator[list[str]]:
    query = f"{PROLOGUE}PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n{QUERIES[name]}"
    body, _ = store.query_serialized(query, "text/csv")
    rows = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
    next(rows, None)  # the header
    return rows


def read_index(store: Store) -> Index:
    """The index of what ``store`` holds now."""
    index = Index()
    for item, kind in _rows(store, "things"):
        index.add_thing(item, kind.rpartition("#")[2])
    for item, name in _rows(store, "names"):
        index.add_name(item, name)
    for links in ("links", "participants", "memberships"):
        for item, target in _rows(store, links):
            index.add_link(item, target)
    for item, target in _rows(store, "holders"):
        index.add_link(item, target, holder=True)
    for item, date in _rows(store, "dates"):
        index.add_date(item, date)
    return index


class Finder:
    """Searches a store through an index read once per version of its content.

    >>> from graph.settings import Settings
    >>> from graph.store import open_store
    >>> Finder(open_store(Settings(store=":memory:"))).find("SCO 2009")
    []
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._index: Index | None = None
        self._version: str | None = None
        self._read_at = 0.0

    def index(self) -> Index:
        """The index of the store's current content (read again after a write)."""
        with self._lock:
            version = self._store.version()
            stale = (
                self._index is None
                or version != self._version
                or (version is None and time.monotonic() - self._read_at > STALE_AFTER)
            )
            if stale:
                self._index = read_index(self._store)
                self._version, self._read_at = version, time.monotonic()
            assert self._index is not None
            return self._index

    def find(self, query: str) -> list[Hit]:
        """The things every word of ``query`` matches, best first; ``BadInput`` for a query
        of less than two letters or more than ``MAX_QUERY`` characters."""
        text = " ".join(query.split())
        if len(text) < 2:
            raise BadInput("q: give at least two letters to search for")
        if len(text) > MAX_QUERY:
            raise BadInput(f"q: at most {MAX_QUERY} characters")
        return self.index().find(text)
