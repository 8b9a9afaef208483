"""Where a curation act's quote stands in a source text, after the text or the extractor changed.

An act keeps the evidence it is about as a W3C ``TextQuoteSelector`` (the exact words, with a
little of what comes before and after) and a ``TextPositionSelector`` (offsets). Offsets alone
break when a text is re-read differently (a fixed typo, a changed HTML reader); the quote
survives. So an act is anchored by its quote:

1. every place the exact words occur is a candidate (whitespace runs compared as one space, as
   readers differ in how they keep line breaks);
2. candidates whose prefix and suffix agree with the act's win over those that agree less;
3. among equals, the one nearest the act's old offset wins;
4. no occurrence: the act is orphaned (reported, never silently dropped or applied).

>>> text = "We support a greater role for the ITU. We also support it."
>>> anchor(text, Quote("support", "We ", " a"))
Anchored(start=3, end=10, exact='support', moved=False)
>>> anchor("Nothing here.", Quote("support")) is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT = 32  # characters of prefix and suffix an act keeps, as annotation tools do


@dataclass(frozen=True)
class Quote:
    """What an act says about its evidence: the exact words, some context, the old offsets."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Anchored:
    """Where the quote stands in the text now; ``moved`` when not at its old offsets (if it had
    any)."""

    start: int
    end: int
    exact: str
    moved: bool


def _pattern(words: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in words.split()]
    return re.compile(r"\s+".join(parts))


def _agreement(text: str, start: int, end: int, quote: Quote) -> int:
    """How many characters of the quote's prefix and suffix agree with the text around
    ``start``–``end`` (compared from the quote outwards, whitespace folded)."""

    def folded(s: str) -> str:
        return " ".join(s.split())

    before = folded(text[max(0, start - 4 * CONTEXT) : start])
    after = folded(text[end : end + 4 * CONTEXT])
    prefix, suffix = folded(quote.prefix), folded(quote.suffix)
    score = 0
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def anchor(text: str, quote: Quote) -> Anchored | None:
    """Where ``quote`` stands in ``text`` now, or None when its words are not there."""
    if not quote.exact.strip():
        return None
    if (
        quote.start is not None
        and quote.end is not None
        and text[quote.start : quote.end] == quote.exact
        and _agreement(text, quote.start, quote.end, quote)
        >= len(" ".join(quote.prefix.split())) + len(" ".join(quote.suffix.split()))
    ):
        return Anchored(quote.start, quote.end, quote.exact, moved=False)
    found = [(m.start(), m.end()) for m in _pattern(quote.exact).finditer(text)]
    if not found:
        return None
    old = quote.start if quote.start is not None else 0
    start, end = max(
        found, key=lambda span: (_agreement(text, span[0], span[1], quote), -abs(span[0] - old))
    )
    moved = quote.start is not None and (start, end) != (quote.start, quote.end)
    return Anchored(start, end, text[start:end], moved=moved)


def quote_of(text: str, start: int, end: int) -> Quote:
    """The quote an act keeps of ``text[start:end]``."""
    return Quote(
        text[start:end],
        text[max(0, start - CONTEXT) : start],
        text[end : end + CONTEXT],
        start,
        end,
    )
