"""The words of the field several extractors share (``graph/lexicons/words.tsv``), as
regular expressions: verbs of saying, an earlier time, meetings, national steps after
signature, locatives before a name, words of institutions.

>>> bool(reporting_tail().search("the ministry said on"))
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.lexicon import compiled, read_lexicon
from graph.paths import LEXICONS_DIR

KINDS = ("reporting", "earlier", "venue", "national-step", "locative", "institution")


@lru_cache(maxsize=1)
def _alternatives() -> dict[str, str]:
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    lexicon = read_lexicon(
        LEXICONS_DIR / "words.tsv",
        ("kind", "lang", "pattern"),
        choices={"kind": KINDS, "lang": ("en", "ru")},
    )
    for row in lexicon.rows:
        compiled(row, "pattern")  # a malformed one is refused with its line
        found[row["kind"]].append(row["pattern"])
    return {kind: "|".join(patterns) for kind, patterns in found.items()}


def alternation(kind: str) -> str:
    """The alternatives of one kind, both languages, as one regular expression."""
    return _alternatives()[kind]


@lru_cache(maxsize=1)
def reporting_tail() -> re.Pattern[str]:
    """A verb of saying at the end of a stretch, up to three words before its end."""
    return re.compile(rf"(?i)(?:{alternation('reporting')})(?:\s+\S+){{0,3}}\s*$")


@lru_cache(maxsize=1)
def earlier() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?:{alternation('earlier')})")


@lru_cache(maxsize=1)
def venue() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?:{alternation('venue')})")


@lru_cache(maxsize=1)
def national_step() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<![\w-])(?:{alternation('national-step')})(?![\w-])")


@lru_cache(maxsize=1)
def locative_tail() -> re.Pattern[str]:
    """A locative right before where the stretch ends ("в рамках ", "on the sidelines of ")."""
    return re.compile(rf"(?i)(?:{alternation('locative')})$")


@lru_cache(maxsize=1)
def institution() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation('institution')})\w*")
