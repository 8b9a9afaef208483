"""Positions: topic + stance, with the shortest verbatim clause of the text as evidence.

The grammar of ``graph/extract/grammar.py`` finds every topic phrase inside the scope of its
stance frame; this module decides which of them are the instrument's. Nothing inside the
instrument's own title counts ("Соглашение о сотрудничестве" is a name, not a call for
cooperation); an opposition the text ascribes to another actor is that actor's. One position per
topic: an opposing one outweighs supporting ones (a text that calls a treaty premature opposes
it even where it cites the need others see for one). Evidence offsets index the original text
(``text[start:end] == exact``).

>>> from graph.extract import extract
>>> doc = extract("Совместное заявление России и Китая.\\nСтороны выступают за повышение роли "
...               "Международного союза электросвязи.", "p.txt")
>>> [(p.topic, p.stance, p.evidence.exact) for p in doc.instruments[0].positions]
[('itu-role', 'supports', 'выступают за повышение роли Международного союза электросвязи')]
"""

from __future__ import annotations

import re

from graph.extract.actors import Names
from graph.extract.grammar import Hit, grammar_hits
from graph.extract.instruments import Found
from graph.extract.lemmas import LemmaView
from graph.extract.text import Page
from graph.model import Finding, Position, Span
from graph.reference import Reference

_EDGES = " \t\n,;:.-\"'("


def find_positions(
    page: Page, names: Names, found: Found, reference: Reference, view: LemmaView | None = None
) -> list[Position]:
    """The positions the instrument of a page takes, one per topic, in text order. An
    opposition the text ascribes to others ("the United States and the EU opposed the
    resolution") is theirs, not the instrument's."""
    own = _own_actors(found, reference)
    hits = [_trimmed(page, h) for h in grammar_hits(page, view)]
    hits = [
        h
        for h in hits
        if h.end > h.start
        and not any(a <= h.start and h.end <= b for a, b in found.titles)
        # in a text with several instruments, only the stretches that are this one's
        and (not found.scope or any(a <= h.start < b for a, b in found.scope))
        and (h.stance != "opposes" or _theirs(names, h, own))
    ]
    by_topic: dict[str, list[Hit]] = {}
    for hit in sorted(hits, key=lambda h: h.start):
        by_topic.setdefault(hit.topic, []).append(hit)
    chosen = []
    for topic_hits in by_topic.values():
        opposing = [h for h in topic_hits if h.stance == "opposes"]
        chosen.append((opposing or topic_hits)[0])
    return [
        Position(
            topic=h.topic,
            stance=h.stance,
            evidence=_evidence(page, h),
            found=Finding("rule", h.cue, 0.85 if h.framed else 0.8),
        )
        for h in sorted(chosen, key=lambda h: h.start)
    ]


def _evidence(page: Page, hit: Hit) -> Span:
    """The verbatim span: a word the page joined across a line break keeps its hyphen."""
    stretch = page.verbatim(hit.start, hit.end)
    return Span.of(page.text, stretch.start, stretch.end)


def _trimmed(page: Page, hit: Hit) -> Hit:
    start, end = _trim(page.norm, hit.start, hit.end)
    return Hit(hit.topic, hit.stance, start, end, hit.cue, hit.framed)


def _own_actors(found: Found, reference: Reference) -> set[str]:
    """The issuers, their organizations' units and members (at any time). Not the UN's members:
    a state's vote against a resolution is its own, not the General Assembly's."""
    own = set(found.instrument.issuers)
    for issuer in found.instrument.issuers:
        if issuer == "UN" or issuer.startswith("UN-"):
            continue
        own |= {m.state for m in reference.memberships if m.organization == issuer}
    return own | {unit for unit, parent in reference.parents.items() if parent in own}


def _theirs(names: Names, hit: Hit, own: set[str]) -> bool:
    """Whether an opposing clause is the instrument's: no other actor is its subject."""
    sentence = names.page.sentence_at(hit.start)
    before = [
        h
        for h in names.within(sentence.start, hit.start)
        if h.kind in ("state", "organization") and not names.is_locative(h)
        and not re.search(r"(?i)\b(?:of|by|for|from|with|between|с|от|для|между)\s+(?:the\s+)?$",
                          names.page.norm[max(0, h.start - 12) : h.start])
        # a modifier of the very thing the clause is about: "a new UN cybercrime convention";
        # before a frame's verb the actor is its subject ("the UN has rejected a treaty")
        and (hit.framed or len(names.page.norm[h.end : hit.start].split()) > 2)
    ]  # fmt: skip
    return not before or any(h.id in own for h in before)


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start] in _EDGES:
        start += 1
    while end > start and norm[end - 1] in _EDGES:
        end -= 1
    return start, end
