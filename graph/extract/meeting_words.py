"""How texts speak of meetings and of who took part: the rules of
``graph/lexicons/meetings.tsv``, read once, for ``meetings`` and ``participants``.

>>> [kind for kind, rule in rules()[("kind", "ru")] if rule.search("саммита ШОС")]
['summit']
>>> bool(search("virtual", "ru", "в режиме видеоконференции"))
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.lexicon import read_lexicon
from graph.paths import LEXICONS_DIR

Rules = list[tuple[str, re.Pattern[str]]]


@lru_cache(maxsize=1)
def _patterns() -> dict[tuple[str, str], list[tuple[str, str]]]:
    table = read_lexicon(
        LEXICONS_DIR / "meetings.tsv", ("kind", "lang", "pattern"), choices={"lang": ("en", "ru")}
    )
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in table.rows:
        family, _, value = row["kind"].partition(":")
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise row.error(f"the pattern does not compile ({exc})") from exc
        found.setdefault((family, row["lang"]), []).append((value or family, row["pattern"]))
    return found


@lru_cache(maxsize=1)
def rules() -> dict[tuple[str, str], Rules]:
    """The rules by (family, language), in file order, each with its value (the kind of
    ``kind:summit``, the role of ``role-before:chair``), matched on whole words."""
    return {
        key: [(value, re.compile(rf"(?i)(?<![\w-])(?:{p})(?![\w-])")) for value, p in rows]
        for key, rows in _patterns().items()
    }


def search(family: str, lang: str, text: str) -> re.Match[str] | None:
    """The first match of a family's rules in ``text``."""
    for _, rule in rules().get((family, lang), []):
        m = rule.search(text)
        if m:
            return m
    return None


def alternation(family: str, lang: str) -> str:
    """A family's rules as one regular expression, to build larger ones from (one that
    never matches when the family has none)."""
    return "|".join(p for _, p in _patterns().get((family, lang), [])) or "(?!)"


def role_rules(side: str, lang: str, roles: tuple[str, ...]) -> Rules:
    """The role cues written before (``role-before``) or after (``role-after``) a list of
    participants, for the roles asked."""
    return [(role, rule) for role, rule in rules().get((side, lang), []) if role in roles]


def ends_with(family: str, lang: str, text: str) -> bool:
    """Whether ``text`` ends with (spaces aside) a phrase of the family ("on behalf of")."""
    return re.search(rf"(?i)(?<![\w-])(?:{alternation(family, lang)})\s*$", text) is not None
