"""Roll calls of a meeting record: lists of the delegations that took the floor.

UN records close a debate's account with the delegations they do not summarise: "Also
speaking were the representatives of Cuba, Iran and Indonesia (on behalf of the Non-Aligned
Movement)", "Statements were also made by …", "The following delegations took the floor: …",
"The representatives of Syria and Iran spoke in exercise of the right of reply", «Также
выступили представители России и Китая». Each delegation listed spoke at the sitting: under the
records' annotation rule each is its own statement (a state's, or the group's it speaks for,
delivered by the state) and a participant. Only the run of names joined to the cue counts ("…,
who raised concerns about the United States": the United States did not speak). Words are the
``roll``, ``roll-after`` and ``behalf`` rules of ``graph/lexicons/instruments.tsv``.

>>> from graph.extract.actors import find_names
>>> page = Page.of("Also speaking were the representatives of Cuba, Egypt (on behalf of the "
...                "Arab Group) and the European Union, who criticised the United States.")
>>> ref = Reference.load()
>>> [(c.speakers, c.voices) for c in roll_call(page, find_names(page, ref), ref, page.sentences[0])]
[(('CUB',), ('CUB',)), (('ARABGROUP',), ('EGY',)), (('EU',), ('EU',))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.actors import NameHit, Names
from graph.extract.candidates import rule
from graph.extract.text import Page, Sentence
from graph.reference import Reference

# What joins two names of a roll: commas, "and", "as well as", and the role nouns repeated
# ("the representatives of Cuba and the observer of the Holy See"); a colon after the cue.
_JOIN = re.compile(
    r"(?i)\s*[,;:]?\s*(?:(?:and|as well as|и|а также)\s+)?(?:the\s+)?"
    r"(?:(?:permanent\s+)?(?:representatives?|delegations?|delegates?|observers?|"
    r"представител\w*|делегаци\w*|наблюдател\w*)\s+(?:(?:of|for|from)\s+)?(?:the\s+)?)?"
)
_BRACKET = re.compile(r"\s*\(([^()\n]{1,120})\)")
# Before a list whose cue follows it: the sentence's opening role noun ("The representatives of").
_LEAD = re.compile(
    r"(?i)^[\s\"“«(]*(?:the\s+)?(?:(?:representatives|delegations|delegates|observers|"
    r"представители|делегации)\s+(?:of\s+)?(?:the\s+)?)?"
)


@dataclass(frozen=True)
class Called:
    """One delegation of a roll call: who makes the statement, who delivers it, where named."""

    speakers: tuple[str, ...]
    voices: tuple[str, ...]
    start: int
    end: int


def actors(names: Names, start: int, end: int) -> list[NameHit]:
    """States and organizations named as actors (not as where something happens), once each."""
    seen: set[tuple[int, str]] = set()
    out = []
    for h in names.within(start, end):
        actor = h.kind in ("state", "organization") and not names.is_locative(h)
        if actor and (h.start, h.id) not in seen:
            seen.add((h.start, h.id))
            out.append(h)
    return out


def speakers_of(reference: Reference, hit: NameHit) -> tuple[str, ...]:
    """Who a name speaking stands for: a state, or an organization (a unit speaks for its
    organization); the chair or secretariat of a UN body is no delegation."""
    if hit.kind == "state":
        return (hit.id,)
    top = reference.top(hit.id)
    return () if top in ("UN", "ITU") else (top,)


def roll_call(page: Page, names: Names, reference: Reference, sentence: Sentence) -> list[Called]:
    """The delegations a sentence lists as having taken the floor, in the order listed."""
    norm = page.norm
    before, after = rule("roll", page.language), rule("roll-after", page.language)
    cue = before.search(norm, sentence.start, sentence.end) if before else None
    hits = actors(names, sentence.start, sentence.end)
    if cue is not None:
        run = _run(page, [h for h in hits if h.start >= cue.end()], cue.end())
        return _called(page, reference, run, hits)
    if after is None:
        return []
    lead = _LEAD.match(norm, sentence.start, sentence.end)
    run = _run(page, hits, lead.end() if lead else sentence.start)
    if not run:
        return []
    tail = _BRACKET.match(norm, run[-1].end)
    at = tail.end() if tail else run[-1].end
    if not after.match(norm, at + len(norm[at:]) - len(norm[at:].lstrip()), sentence.end):
        return []
    return _called(page, reference, run, hits)


def _run(page: Page, hits: list[NameHit], at: int) -> list[NameHit]:
    """The names joined to ``at`` and to each other (a bracket after a name goes with it)."""
    run: list[NameHit] = []
    for hit in hits:
        if hit.start < at:
            continue  # a name inside the one before ("the Republic of Korea")
        if not _JOIN.fullmatch(page.norm, at, hit.start):
            break
        run.append(hit)
        bracket = _BRACKET.match(page.norm, hit.end)
        at = bracket.end() if bracket else hit.end
    return run


def _called(
    page: Page, reference: Reference, run: list[NameHit], hits: list[NameHit]
) -> list[Called]:
    """Each name of the run as a delegation; one with "(on behalf of GROUP)" after it delivers
    the group's statement."""
    behalf = rule("behalf", page.language)
    out: list[Called] = []
    for hit in run:
        codes = speakers_of(reference, hit)
        if not codes:
            continue
        bracket = _BRACKET.match(page.norm, hit.end)
        group: tuple[str, ...] = ()
        if bracket and behalf and behalf.search(bracket[1]):
            inside = [
                h
                for h in hits
                if bracket.start(1) <= h.start < bracket.end(1) and h.kind == "organization"
            ]
            group = next((speakers_of(reference, h) for h in inside), ())
        out.append(Called(group or codes, codes, hit.start, hit.end))
    return out
