"""Words broken across lines by a hyphen ("secu-\\nrity", "infor- mation"), whole for matching.

Two-column PDF text breaks words at line ends, and text copied from it may lose the line break
("infor- mation"). The page's normalised view (``Page.norm``) has one character for each
character of the text, so a word cannot shrink in it: from the word's first letter the view
holds the whole word ("security"), and the characters taken out (the hyphen and the break)
become spaces after it. Matchers see the word; every offset outside a broken word is the same
in the text and the view; an offset inside one maps back with ``text_start``/``text_end``
(``Page.verbatim``), so a quote cut from the text keeps the hyphen and the break and
``text[start:end] == exact`` holds for every finding.

Whether the hyphen stays ("информационно-\\nкоммуникационных", "non-\\nbinding",
"Russia-\\nChina") is told by the page itself (the word written elsewhere with or without it),
else by the form of its parts. A hyphen before "and"/"и" is a shared ending ("pre- and post-"),
no break.

>>> view = normalized_words("international infor- mation secu-\\nrity.")
>>> view
'international information   security  .'
>>> len(view) == len("international infor- mation secu-\\nrity.")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a word, a hyphen (or a soft hyphen) with a line break or a space, the rest of the word
# (hyphens only: "security—\nthat is" is a dash, no break)
_HYPHEN = "[-\u2010\u2011]"
_BREAK = re.compile(
    rf"(?P<first>[^\W\d_]+)(?P<cut>{_HYPHEN}[ \t]*\n[ \t]*|{_HYPHEN}[ \t]+(?=[a-zа-яё])|"
    r"\u00ad[ \t]*\n?[ \t]*)(?P<second>[^\W\d_]+)"
)
_SHARED_ENDING = {"and", "or", "nor", "to", "и", "или", "либо", "а"}
_KEEP_FIRST = {
    "non", "self", "cross", "well", "semi", "quasi", "e",
    "пресс", "вице", "экс", "интернет", "веб", "онлайн", "медиа", "бизнес",
}  # fmt: skip
_KEEP_SECOND = re.compile(r"(?i)член|участ|наблюдат|партн")
# the first half of a compound adjective: "информационно-", "военно-", "российско-"
_LINKED = re.compile(r"(?i)\w{4,}(?:но|ско|цко|ово|ево|ически)$")
_ADJECTIVE_END = re.compile(
    r"(?i)(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ых|их|ым|им|ую|юю|ого|его|ому|ему|ыми|ими)$"
)


@dataclass(frozen=True)
class Join:
    """A word broken across a line: ``text[start:end]``, with ``removed`` characters taken out
    at ``cut`` in the normalised view (the whole word from ``start``, spaces after it)."""

    start: int
    cut: int
    removed: int
    end: int

    def text_start(self, offset: int) -> int:
        """Where a stretch starting at ``offset`` of the view starts in the text."""
        if offset < self.cut:
            return offset
        return offset + self.removed if offset < self.end - self.removed else self.end

    def text_end(self, offset: int) -> int:
        """Where a stretch ending at ``offset`` of the view ends in the text."""
        if offset <= self.cut:
            return offset
        return offset + self.removed if offset <= self.end - self.removed else self.end


def find_joins(text: str) -> tuple[Join, ...]:
    """The words broken by a hyphen at a line end in a text.

    >>> find_joins("secu-\\nrity; pre- and post-conflict")
    (Join(start=0, cut=4, removed=2, end=10),)
    """
    found = []
    for m in _BREAK.finditer(text):
        first, cut, second = m.group("first"), m.group("cut"), m.group("second")
        if second.lower() in _SHARED_ENDING:
            continue
        keep = cut[0] != "\u00ad" and _keeps_hyphen(text, first, second)
        start = m.end("first") + int(keep)
        found.append(Join(m.start(), start, len(cut) - int(keep), m.end()))
    return tuple(found)


def _keeps_hyphen(text: str, first: str, second: str) -> bool:
    """Whether the hyphen at the line end is part of the word: as the page writes it
    elsewhere, else a name ("Russia-China"), a prefix that keeps it, a compound adjective."""
    whole = rf"(?i)(?<![\w-]){re.escape(first)}{re.escape(second)}(?![\w-])"
    hyphenated = rf"(?i)(?<![\w-]){re.escape(first)}-{re.escape(second)}(?![\w-])"
    if re.search(whole, text):
        return False
    if re.search(hyphenated, text):
        return True
    if second[:1].isupper() or first.lower() in _KEEP_FIRST or _KEEP_SECOND.match(second):
        return True
    return bool(_LINKED.search(first) and len(second) >= 5 and _ADJECTIVE_END.search(second))


def join_words(view: str, joins: tuple[Join, ...]) -> str:
    """A same-length view of a text with each broken word whole from its first letter,
    spaces after it (a kept hyphen as "-")."""
    if not joins:
        return view
    out, at = [], 0
    for j in joins:
        out.append(view[at : j.cut])
        out.append(view[j.cut + j.removed : j.end])
        out.append(" " * j.removed)
        at = j.end
    out.append(view[at:])
    return "".join(out)


def normalized_words(text: str) -> str:
    """``join_words`` of the breaks a text has."""
    return join_words(text, find_joins(text))
