"""Mentions of states, organizations, places, agreements and persons → reference ids.

Every name of the reference data is turned into a sequence of word keys (lemmas in Russian,
lower case in English) and matched against the keys of the text, longest match first, so
``Узбекистана``, ``Российской Федерации``, ``государств-членов ШОС`` and the stems of compounds
(``российско-узбекский``: ``российско`` + ``узбекский``) all resolve. Capitalised and
all-capital labels only match words written the same way (``US`` is not ``us``).

>>> from graph.extract.text import Page
>>> from graph.reference import Reference
>>> page = Page.of("Президенты РФ и Узбекистана подписали заявление.")
>>> sorted({h.id for h in find_names(page, Reference.load()).hits})
['RUS', 'UZB']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from graph.extract import russian
from graph.extract.field_words import locative_tail
from graph.extract.text import Page, Word, normalized, words
from graph.model import Mention, Span
from graph.reference import Name, Reference

Keys = frozenset[str]
_GAP = re.compile(r"[\s\-'.]*")


@dataclass(frozen=True)
class NameHit:
    """A known name found in the text."""

    start: int
    end: int
    id: str
    kind: str  # state | organization | place | agreement
    form: str  # label | alt | hidden | official | title | anaphoric


def english_key(word: str) -> Keys:
    """The match key of an English word: lower case, British -isation spelled -ization.

    >>> sorted(english_key("Organisation"))
    ['organization']
    """
    return frozenset({word.lower().replace("isation", "ization")})


def key_function(language: str) -> Callable[[str], Keys]:
    return russian.lemma_keys if language == "ru" else english_key


def _case(token: str) -> str:
    if token.isupper() and (len(token) > 1 or token.isalpha()):
        return "upper"
    return "title" if token[:1].isupper() else "lower"


def _case_fits(label_case: str, token: str) -> bool:
    if label_case == "upper":
        return token.isupper() or token.isdigit()
    if label_case == "title":
        return token[:1].isupper() or token[:1].isdigit()
    return True


Entry = tuple[tuple[tuple[Keys, str], ...], Name]
# Only a text word that begins like some word of a name (its first letters) is lemmatised: the
# others keep their own form, which saves most look-ups. Three letters, because inflection may
# change the fourth ("Лига" → "Лиги", "семь" → "семи"); shorter words are always lemmatised.
_PREFIX = 3


class Gazetteer:
    """Every name of one language, indexed by the keys of its first word."""

    def __init__(self, names: list[Name], language: str, parents: dict[str, str]) -> None:
        self.language = language
        self.key = key_function(language)
        self.index: dict[str, list[Entry]] = {}
        self.prefixes: set[str] = set()
        acronyms: dict[str, set[str]] = {}  # an organization's acronyms in this language
        for n in names:
            if n.text.isupper() and n.kind == "organization" and n.lang == language:
                acronyms.setdefault(n.id, set()).update(self.key(n.text))
        for name in names:
            if name.lang != language:
                continue
            tokens = self.tokens(name.text)
            if tokens:
                self.add(tokens, name)
                # the name's own spelling too: a word's lemma may begin otherwise ("Высший" →
                # "высокий", "лучший" → "хороший")
                self.prefixes.update(
                    w.text.lower().replace("ё", "е")[:_PREFIX] for w in words(normalized(name.text))
                )
            parent = parents.get(name.id)
            if parent not in acronyms or len(tokens) < 2:
                continue
            acronym = acronyms[parent]
            anaphoric = Name(name.text, language, name.id, name.kind, "anaphoric")
            # the unit named without its organization ("сессия Совета коллективной
            # безопасности" in a text about the CSTO): from three words up
            if tokens[-1][0] & acronym:
                org = "организация" if language == "ru" else "organization"
                self.add((*tokens[:-1], (self.key(org), "lower")), anaphoric)
                if len(tokens) > 3:
                    self.add(tokens[:-1], anaphoric)
            elif tokens[0][0] & acronym and len(tokens) > 3:
                self.add(tokens[1:], anaphoric)

    def tokens(self, label: str) -> tuple[tuple[Keys, str], ...]:
        found = [w.text for w in words(normalized(label))]
        if self.language == "en" and found and found[0].lower() == "the":
            found = found[1:]
        return tuple((self.key(t), _case(t)) for t in found)

    def add(self, tokens: tuple[tuple[Keys, str], ...], name: Name) -> None:
        for key in tokens[0][0]:
            self.index.setdefault(key, []).append((tokens, name))
        for keys, _ in tokens:
            self.prefixes.update(k[:_PREFIX] for k in keys)

    def keys_of(self, word: str) -> Keys:
        """The keys of a text word; a word no name could start like keeps its own form."""
        lower = word.lower().replace("ё", "е")
        if len(lower) >= _PREFIX and lower[:_PREFIX] not in self.prefixes:
            return frozenset({lower})
        return self.key(word)

    def find(self, norm: str, ws: list[Word]) -> list[NameHit]:
        hits: list[NameHit] = []
        keys = [self.keys_of(w.text) for w in ws]
        i = 0
        while i < len(ws):
            best, found = 0, list[Name]()
            for key in keys[i]:
                for tokens, name in self.index.get(key, ()):
                    n = len(tokens)
                    if n >= best and self._fits(norm, ws, keys, i, tokens):
                        if n > best:
                            best, found = n, []
                        found.append(name)
            if best:
                start, end = ws[i].start, ws[i + best - 1].end
                seen = set()
                for name in found:
                    if (name.id, name.form) not in seen:
                        seen.add((name.id, name.form))
                        hits.append(NameHit(start, end, name.id, name.kind, name.form))
                i += best
            else:
                i += 1
        return hits

    @staticmethod
    def _fits(
        norm: str, ws: list[Word], keys: list[Keys], i: int, tokens: tuple[tuple[Keys, str], ...]
    ) -> bool:
        if i + len(tokens) > len(ws):
            return False
        for j, (label_keys, case) in enumerate(tokens):
            word = ws[i + j]
            if not (label_keys & keys[i + j]) or not _case_fits(case, word.text):
                return False
            if j and not _GAP.fullmatch(norm[ws[i + j - 1].end : word.start]):
                return False
        return True


@lru_cache(maxsize=16)
def gazetteer(reference: Reference, language: str, part: str = "names") -> Gazetteer:
    """The names of one language: ``agreements``, the ``organizations`` at the top of their
    hierarchy, or all other ``names``. They are matched apart, so that the parties an
    agreement's title names and the organization a unit's name names are found too."""
    if part == "agreements":
        names = [n for n in reference.names if n.kind == "agreement"]
    elif part == "organizations":
        names = [
            n for n in reference.names if n.kind == "organization" and n.id not in reference.parents
        ]
    else:
        names = [n for n in reference.names if n.kind != "agreement"]
    return Gazetteer(names, language, reference.parents)


@dataclass(frozen=True)
class Names:
    """The known names of one page, outside page furniture."""

    page: Page
    hits: tuple[NameHit, ...]

    @cached_property
    def _starts(self) -> list[int]:
        """Where each hit starts (the hits are in the order of the text): a record of eighty
        speakers asks for the names of thousands of stretches."""
        return [h.start for h in self.hits]

    @cached_property
    def _longest(self) -> int:
        return max((h.end - h.start for h in self.hits), default=0)

    def within(self, start: int, end: int, kind: str | None = None) -> list[NameHit]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_right(self._starts, end)
        return [h for h in self.hits[lo:hi] if h.end <= end and kind in (None, h.kind)]

    def covers(self, word: Word) -> bool:
        """Whether a known name takes in the whole word."""
        lo = bisect.bisect_left(self._starts, word.start - self._longest)
        hi = bisect.bisect_right(self._starts, word.start)
        return any(word.end <= h.end for h in self.hits[lo:hi])

    def ids(self, kind: str) -> list[str]:
        return sorted({h.id for h in self.hits if h.kind == kind})

    def is_locative(self, hit: NameHit) -> bool:
        """A state or organization named as where something happens (``в Китае``,
        ``in The Hague, the Netherlands``, ``в Сямэне (КНР)``), not as an actor."""
        before = self.page.norm[max(0, hit.start - 24) : hit.start]
        if locative_tail().search(before):
            return True
        return any(
            p.kind == "place"
            and 0 <= hit.start - p.end <= 8
            and re.fullmatch(r"[\s,(]*(?:the\s+)?", self.page.norm[p.end : hit.start], re.I)
            is not None
            for p in self.hits
        )

    @cached_property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for h in self.hits:
            out[h.id] = out.get(h.id, 0) + 1
        return out


def find_names(page: Page, reference: Reference) -> Names:
    """Every known name on the page outside page furniture; anaphoric unit names
    (``Секретариат организации``) only where their organization is named too."""
    found = [
        hit
        for part in ("names", "agreements")
        for hit in gazetteer(reference, page.language, part).find(page.norm, page.words)
    ]
    units = [h for h in found if h.id in reference.parents and h.form != "anaphoric"]
    found += [
        hit
        for hit in gazetteer(reference, page.language, "organizations").find(page.norm, page.words)
        if any(u.start <= hit.start and hit.end <= u.end and u.id != hit.id for u in units)
    ]
    found.sort(key=lambda h: (h.start, -h.end))
    kept = [h for h in found if not page.is_ignored(h.start)]
    named = {h.id for h in kept if h.form != "anaphoric"}
    kept = [h for h in kept if h.form != "anaphoric" or (reference.parent_of(h.id) or "") in named]
    return Names(page, tuple(kept))


def mentions(names: Names) -> list[Mention]:
    """The states and organizations a page names, one mention per id (the first).

    >>> found = find_names(Page.of("ШОС и Россия; Россия."), Reference.load())
    >>> [(m.kind, m.id, m.evidence.exact) for m in mentions(found)]
    [('organization', 'SCO', 'ШОС'), ('state', 'RUS', 'Россия')]
    """
    out: dict[tuple[str, str], Mention] = {}
    for hit in names.hits:
        if hit.kind in ("state", "organization"):
            span = Span.of(names.page.text, hit.start, hit.end)
            out.setdefault((hit.kind, hit.id), Mention(hit.kind, hit.id, span))
    return list(out.values())
