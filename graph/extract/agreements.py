"""Agreements a text reports signed or refers to: known titles, and bilateral agreements on
information security by their parties and year."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.actors import NameHit, Names
from graph.extract.candidates import rule
from graph.extract.speeches import OPENING_CHARS
from graph.reference import Reference

_BILATERAL = re.compile(
    r"(?i)(?<![\w-])(?:межправительственн\w+|двусторонн\w+|intergovernmental|bilateral)\s+"
    r"(?:соглашени\w+|agreements?|deals?)"
)
_SECURITY = re.compile(
    r"(?i)информационн\w+ безопасност\w*|кибербезопасност\w*|МИБ|information security|"
    r"cyber ?security"
)


def _generic(text: str) -> bool:
    """A title that fits many agreements: no capital letter after its first one."""
    return not any(c.isupper() for c in text[1:])


# A word before a known title that makes it another instrument's name: the "Universal
# Convention on Cybercrime" is not the Council of Europe's "Convention on Cybercrime".
_OTHER = re.compile(
    r"(?i)(?<![\w-])(?:universal|global|new|UN|United Nations|comprehensive|draft|"
    r"универсальн\w+|глобальн\w+|нов\w+|проект\w*)\s+$"
)


def _plausible(names: Names, reference: Reference, hit: NameHit) -> bool:
    """A generic agreement title counts only when the text names one of its issuers; a title
    qualified as another instrument's ("Universal Convention on Cybercrime") not at all."""
    if _OTHER.search(names.page.norm[max(0, hit.start - 30) : hit.start]):
        return False
    if not _generic(names.page.text[hit.start : hit.end]):
        return True
    agreement = reference.agreements.get(hit.id)
    if agreement is None:
        return False
    named = {reference.top(h.id) for h in names.hits if h.kind == "organization"}
    named |= {h.id for h in names.hits if h.kind == "state"}
    return bool(named & (set(agreement.issuers) | set(agreement.parties)))


def _date_fits(known: str | None, date: str | None) -> bool:
    if not date or not known:
        return True
    if date.startswith("--"):
        return known[4:] == date[1:]
    return known[:4] == date[:4]


def _bilateral_id(
    reference: Reference, states: list[str], date: str | None, year: str | None
) -> str | None:
    """A known agreement between two states, or the id a new one gets (``rus-nic-2021-iis``:
    Russia first, then the other party, the year of signature)."""
    if len(states) != 2:
        return None
    for agreement in reference.agreements.values():
        if set(agreement.parties) == set(states) and _date_fits(agreement.date, date):
            return agreement.id
    if not year:
        return None
    first, second = sorted(states, key=lambda s: (s != "RUS", s))
    return f"{first.lower()}-{second.lower()}-{year}-iis"


def identify_agreement(
    names: Names, reference: Reference, spans: list[tuple[int, int]], parties: list[str],
    date: str | None,
) -> str | None:  # fmt: skip
    """The id of the agreement a text reports signed (``spans``: where the text names it): a
    known title there, or the agreement between its two parties on information security.

    >>> from graph.extract.actors import find_names
    >>> from graph.extract.text import Page
    >>> page = Page.of("Россия и Таджикистан подписали соглашение об информационной безопасности.")
    >>> names, ref = find_names(page, Reference.load()), Reference.load()
    >>> identify_agreement(names, ref, [(0, 20)], ["RUS", "TJK"], "2023-10-16")
    'rus-tjk-2023-iis'
    """
    for start, end in spans:
        for hit in names.hits:
            if hit.kind == "agreement" and hit.start < end and start < hit.end:
                return hit.id
    sentences = {names.page.sentence_at(start) for start, _ in spans}
    if not any(_SECURITY.search(names.page.norm[s.start : s.end]) for s in sentences):
        return None
    year = date[:4] if date and not date.startswith("--") else None
    return _bilateral_id(reference, [p for p in parties if reference.is_state(p)], date, year)


@lru_cache(maxsize=8)
def _bilateral(norm: str) -> tuple[tuple[int, int], ...]:
    """Where a text names a bilateral agreement: read once a text, not once a speaker."""
    return tuple(m.span() for m in _BILATERAL.finditer(norm))


# Bodies set up to draft one convention: in their records "the Convention" (or the "Universal
# Convention on Cybercrime", "the draft convention") is the one they elaborate.
_ELABORATED = {"UN-AHC": "un-2024-cybercrime"}
_CONVENTION = re.compile(r"(?i)(?<![\w-])(?:convention|конвенци\w*)(?![\w-])")


def _elaborated(names: Names, reference: Reference) -> set[str]:
    """The convention a drafting body elaborates, when a record of the body's sitting (its
    opening names the body and a sitting) names a convention outside the body's own name and
    outside another agreement's; a text that only speaks of the body refers to none."""
    page = names.page
    opening = min(page.tail, OPENING_CHARS)
    sitting = rule("sitting", page.language)
    if sitting is None or not sitting.search(page.norm, 0, opening):
        return set()
    bodies = {h.id for h in names.within(0, opening) if h.id in _ELABORATED}
    if not bodies:
        return set()
    named = [(h.start, h.end) for h in names.hits if h.kind in ("organization", "agreement")]
    for m in _CONVENTION.finditer(page.norm, 0, page.tail):
        if not page.is_ignored(m.start()) and not any(a <= m.start() < b for a, b in named):
            return {_ELABORATED[b] for b in bodies if _ELABORATED[b] in reference.kinds}
    return set()


def referred_agreements(names: Names, reference: Reference, parties: list[str]) -> list[str]:
    """Agreements a text refers to: known titles, and bilateral agreements on information
    security between the two states of the sentence (or the instrument's two parties).

    >>> from graph.extract.actors import find_names
    >>> from graph.extract.text import Page
    >>> page = Page.of("Россия и Узбекистан подписали двустороннее соглашение в области МИБ.")
    >>> referred_agreements(find_names(page, Reference.load()), Reference.load(), [])
    ['rus-uzb-2021-iis']
    """
    found = {h.id for h in names.hits if h.kind == "agreement" and _plausible(names, reference, h)}
    found |= _elaborated(names, reference)
    page = names.page
    for start, end in _bilateral(page.norm[: page.tail]):
        sentence = page.sentence_at(start)
        if page.is_ignored(start) or not _SECURITY.search(page.norm[end : sentence.end]):
            continue
        states = sorted(
            {h.id for h in names.within(sentence.start, sentence.end, "state")
             if not names.is_locative(h)}
        )  # fmt: skip
        if len(states) != 2:
            states = [p for p in parties if reference.is_state(p)]
        years = re.findall(
            r"(?<!\d)((?:19|20)\d\d)(?!\d)", page.norm[sentence.start : sentence.end]
        )
        known = _bilateral_id(reference, states, None, years[0] if years else None)
        if known:
            found.add(known)
    return sorted(found)
