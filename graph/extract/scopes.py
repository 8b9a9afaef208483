"""Scopes: which stretches of a text belong to which of its instruments.

A text with one instrument gives it everything. A text with several — a resolution and a
state's statement against it, three statements of three summits in one sentence — gives each
the stretches that are its own: a speaker's sentences, a document's clause in a sentence that
names several, and the main document the rest. Positions are then read per instrument inside
its scope only.

>>> without(ranges([Sentence(0, 10), Sentence(20, 30)]), [(5, 8)])
((0, 5), (8, 10), (20, 30))
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from graph.extract.candidates import Candidate, Context
from graph.extract.text import Page, Sentence

Ranges = tuple[tuple[int, int], ...]
# Where a clause that names another document begins: a semicolon, ", and …", ", while …".
_CLAUSE_CUT = re.compile(r"[;:]|,\s+(?:and|while|whereas|и|а)\s")


def clause(ctx: Context, c: Candidate, found: list[Candidate]) -> Sentence:
    """The clause of its sentence that names a document, up to the end of its title: from the
    end of the document named before it, or a semicolon or ", and" after that ("…, and on 18
    December the CIS heads of state adopted a statement")."""
    sentence = ctx.page.sentence_at(c.start)
    start = max(
        [sentence.start]
        + [o.phrase_end for o in found if sentence.start <= o.phrase_end <= c.start and o != c]
    )
    before = ctx.page.norm[start : c.start]
    cut = max((m.end() for m in _CLAUSE_CUT.finditer(before)), default=0)
    return Sentence(start + cut, c.phrase_end)


def clause_scopes(
    ctx: Context, groups: list[list[Candidate]], found: list[Candidate]
) -> list[Ranges]:
    """The ranges of each document (a group of namings): the sentences that name it, but in a
    sentence that names several only its own clause and what follows it up to the next
    document's ("…, the CSTO adopted a declaration calling for peaceful use of ICTs, and the
    CIS …")."""
    page = ctx.page
    starts = sorted(
        (clause(ctx, c, found).start, i, page.sentence_at(c.start))
        for i, group in enumerate(groups)
        for c in group
    )
    out: list[list[tuple[int, int]]] = [[] for _ in groups]
    for n, (start, i, sentence) in enumerate(starts):
        if not any(s[2] == sentence and s[1] != i for s in starts):
            out[i].append((sentence.start, sentence.end))
            continue
        following = [s[0] for s in starts[n + 1 :] if s[2] == sentence and s[0] > start]
        out[i].append((start, following[0] if following else sentence.end))
    return [tuple(sorted(set(found_ranges))) for found_ranges in out]


def span(stretch: Sentence) -> tuple[int, int]:
    return stretch.start, stretch.end


def ranges(sentences: Iterable[Sentence]) -> Ranges:
    return tuple((s.start, s.end) for s in sentences)


def without(kept: Ranges, taken: Iterable[tuple[int, int]]) -> Ranges:
    """``kept`` less every taken range.

    >>> without(((0, 10), (20, 30)), [(5, 8), (20, 30)])
    ((0, 5), (8, 10))
    """
    out = list(kept)
    for a, b in taken:
        out = [p for s, e in out for p in ((s, min(e, a)), (max(s, b), e)) if p[0] < p[1]]
    return tuple(out)


def sentences_in(page: Page, scope: Ranges) -> list[Sentence]:
    """The body sentences a scope reaches into.

    >>> page = Page.of("One. Two. Three.")
    >>> [page.text[s.start : s.end] for s in sentences_in(page, ((5, 7),))]
    ['Two.']
    """
    body = page.body()
    ends = [s.end for s in body]
    chosen: set[int] = set()
    for a, b in scope:  # the sentences ending after a range's start, from the first on
        for i in range(bisect.bisect_right(ends, a), len(body)):
            if body[i].start >= b:
                break
            chosen.add(i)
    return [body[i] for i in sorted(chosen)]
