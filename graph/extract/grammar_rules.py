"""The rules of the topic × stance grammar, read from the lexicons: topic phrases
(``graph/lexicons/topics.tsv``) and stance frames (``graph/lexicons/frames.tsv``), both
written in lemmas (``graph/extract/lemmas.py``), with the macros that name the field's subject,
the contested topics, the verbs that open a clause and the words that link one frame to
another. ``graph/extract/grammar.py`` applies them to a page.

>>> rules = grammar()
>>> "cybercrime-convention" in rules.contested, "cooperation" in rules.contested
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.lemmas import LemmaPattern, compile_lemma_pattern, lemma_of
from graph.lexicon import Row, read_lexicon
from graph.paths import LEXICONS_DIR

KINDS = ("strong", "framed", "harm", "rival")
FRAME_STANCES = (
    "supports",
    "opposes",
    "harms",
    "concerned",
    "sufficient",
    "none",
    "negation",
    "hedge",
)
SIDES = ("before", "after")


@dataclass(frozen=True)
class TopicPhrase:
    id: str
    lang: str
    topic: str
    kind: str
    pattern: LemmaPattern
    conditions: tuple[Condition, ...]  # all must hold for the phrase to count
    concern: str  # what a concern frame makes of it: keep | drop


@dataclass(frozen=True)
class Condition:
    """What must (or must not, ``negated``) stand around a phrase: within ``NEXT`` or
    ``NEAR`` words (scopes ``next``, ``near``), in its sentence, or in the text's opening or its
    sentence (``opening``)."""

    scope: str  # next | near | sentence | opening
    negated: bool
    pattern: LemmaPattern


@dataclass(frozen=True)
class Frame:
    id: str
    lang: str
    stance: str
    side: str
    reach: int
    pattern: LemmaPattern


@dataclass(frozen=True)
class Grammar:
    phrases: tuple[TopicPhrase, ...]
    frames: tuple[Frame, ...]
    subjects: dict[str, LemmaPattern]  # the field's subject by language (macros SUBJECT_*)
    anaphors: dict[str, LemmaPattern]  # words pointing back to it ("in this field"; ANAPHOR_*)
    contested: frozenset[str]  # the topics an actor may oppose (macro CONTESTED)
    opens_clause: frozenset[str]  # frame ids of verbs that open a clause (macro OPENS_CLAUSE)
    links: dict[str, frozenset[str]]  # lemmas that link a frame to the frame it governs


def _compiled(row: Row, column: str, macros: dict[str, str]) -> LemmaPattern:
    try:
        return compile_lemma_pattern(row[column], row["lang"], macros)
    except (ValueError, re.error) as exc:
        raise row.error(f"the {column} '{row[column]}' is no lemma pattern: {exc}") from exc


_SCOPES = ("next", "near", "sentence", "opening")


def _conditions(row: Row, macros: dict[str, str]) -> tuple[Condition, ...]:
    """The ``when`` column: conditions joined by " && ", each ``[scope:][!]pattern``."""
    out = []
    for text in filter(None, (c.strip() for c in row.get("when").split(" && "))):
        scope, _, rest = text.partition(":")
        if scope not in _SCOPES or not rest:
            scope, rest = "near", text
        negated = rest.startswith("!")
        try:
            pattern = compile_lemma_pattern(rest.removeprefix("!"), row["lang"], macros)
        except (ValueError, re.error) as exc:
            raise row.error(f"the condition '{text}' is no lemma pattern: {exc}") from exc
        out.append(Condition(scope, negated, pattern))
    return tuple(out)


def _by_language(macros: dict[str, str], name: str) -> dict[str, LemmaPattern]:
    """The macro ``NAME_EN`` / ``NAME_RU`` compiled, by language."""
    return {
        lang: compile_lemma_pattern(macros[f"{name}_{lang.upper()}"], lang, macros)
        for lang in ("en", "ru")
        if f"{name}_{lang.upper()}" in macros
    }


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The topic phrases and frames of the lexicons, and the macros the grammar reads."""
    frames_file = read_lexicon(
        LEXICONS_DIR / "frames.tsv",
        ("id", "lang", "stance", "side", "reach", "pattern"),
        choices={"lang": ("ru", "en"), "stance": FRAME_STANCES, "side": SIDES},
        unique="id",
    )
    topics_file = read_lexicon(
        LEXICONS_DIR / "topics.tsv",
        ("id", "lang", "topic", "kind", "pattern"),
        optional=("when", "concern"),
        choices={"lang": ("ru", "en"), "kind": KINDS, "concern": ("keep", "drop")},
        unique="id",
    )
    macros = {**frames_file.macros, **topics_file.macros}
    frames = []
    for row in frames_file.rows:
        if not row["reach"].isdigit():
            raise row.error(f"the reach '{row['reach']}' is no number of words")
        frames.append(
            Frame(
                row["id"], row["lang"], row["stance"], row["side"], int(row["reach"]),
                _compiled(row, "pattern", macros),
            )
        )  # fmt: skip
    phrases = [
        TopicPhrase(
            row["id"], row["lang"], row["topic"], row["kind"],
            _compiled(row, "pattern", macros),
            _conditions(row, macros),
            row.get("concern", "keep"),
        )
        for row in topics_file.rows
    ]  # fmt: skip
    subjects = _by_language(macros, "SUBJECT")
    anaphors = _by_language(macros, "ANAPHOR")
    links = {
        lang: frozenset(
            lemma_of(w, lang) for w in macros.get(f"LINK_{lang.upper()}", "").split("|")
        )
        for lang in ("en", "ru")
    }
    return Grammar(
        tuple(phrases),
        tuple(frames),
        subjects,
        anaphors,
        contested=frozenset(macros.get("CONTESTED", "").split("|")),
        opens_clause=frozenset(macros.get("OPENS_CLAUSE", "").split("|")),
        links=links,
    )
