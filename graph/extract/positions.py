"""Positions: topic + stance, with the shortest verbatim clause of the text as evidence.

The cues are data: ``graph/lexicons/positions.tsv`` (one cue a line: id, language, topic,
stance, pattern, what the sentence requires, the stance when negated), so an analyst extends
them without touching Python. Every cue is matched inside single sentences of the normalised
view; the match is the evidence, its offsets index the original text (``text[start:end] ==
exact``). Nothing inside the instrument's own title counts ("Соглашение о сотрудничестве" is a
name, not a call for cooperation). One position per topic: an opposing cue outweighs
supporting ones (a text that calls a treaty premature opposes it even where it cites the need
others see for one).

>>> from graph.extract import extract
>>> doc = extract("Совместное заявление России и Китая.\\nСтороны выступают за повышение роли "
...               "Международного союза электросвязи.", "p.txt")
>>> [(p.topic, p.stance, p.evidence.exact) for p in doc.instruments[0].positions]
[('itu-role', 'supports', 'выступают за повышение роли Международного союза электросвязи')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.actors import Names
from graph.extract.grammar import grammar_hits
from graph.extract.instruments import Found
from graph.extract.lemmas import LemmaView
from graph.extract.text import Page
from graph.model import Finding, Position, Span
from graph.paths import LEXICONS_DIR
from graph.reference import Reference

_NEGATION = re.compile(
    r"(?i)(?:\b(?:not|no|never|cannot|can't|won't|don't|doesn't|didn't)\b|(?<![\w-])(?:не|нет)"
    r"(?![\w-]))(?!\s+(?:only|только|just))(?:\s+\S+){0,2}\s*$"
)
_EDGES = " \t\n,;:.-\"'("


@dataclass(frozen=True)
class Cue:
    """One line of the position lexicon."""

    id: str
    lang: str
    topic: str
    stance: str
    pattern: re.Pattern[str]
    requires: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (scope, pattern)
    negated: str | None = None


def compile_pattern(pattern: str, macros: dict[str, str]) -> re.Pattern[str]:
    """A lexicon pattern as a regular expression: macros expanded, a space matching any white
    space (outside character classes), `` ?`` optional white space, ``…`` a gap of up to five
    words.

    >>> compile_pattern("роли {X}", {"X": "МСЭ"}).search("роли\\nМСЭ").group(0)
    'роли\\nМСЭ'
    """
    for name, value in macros.items():
        pattern = pattern.replace("{" + name + "}", value)
    out, in_class, escaped = [], False, False
    pattern = re.sub(r"(?<!\\) \?", "\x00", pattern)  # " ?": an optional space
    for ch in pattern:
        if ch == "\x00":
            out.append(r"\s*")
        elif escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "]":
            in_class = False
            out.append(ch)
        elif ch == " " and not in_class:
            out.append(r"\s+")
        elif ch == "…" and not in_class:
            out.append(r"(?:\S+\s+){0,5}?")
        else:
            out.append(ch)
    return re.compile("".join(out), re.IGNORECASE)


@lru_cache(maxsize=1)
def subject_patterns() -> dict[str, re.Pattern[str]]:
    """The field's subject by language (macros ``SUBJECT_RU``, ``SUBJECT_EN``): a text whose
    opening is not about it (a joint statement on a whole partnership) states a position only in
    a sentence that is ("the peaceful settlement of disputes in the East Sea" is no position on
    ICT conflicts)."""
    cues()
    return {
        lang: re.compile(rf"(?<!\w)(?:{_MACROS[f'SUBJECT_{lang.upper()}']})(?!\w)", re.I)
        for lang in ("ru", "en")
    }


_MACROS: dict[str, str] = {}


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """The cues of ``graph/lexicons/positions.tsv``.

    >>> {cue.topic for cue in cues() if cue.id.startswith("itu-role/")}
    {'itu-role'}
    """
    macros: dict[str, str] = {}
    found: list[Cue] = []
    for number, line in enumerate(
        (LEXICONS_DIR / "positions.tsv").read_text("utf-8").splitlines(), start=1
    ):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if line.startswith("@"):
            macros[fields[0][1:]] = compile_pattern(fields[1], macros).pattern
            continue
        fields += [""] * (7 - len(fields))
        cue_id, lang, topic, stance, pattern, requires, negated = (f.strip() for f in fields[:7])
        if not (cue_id and lang and topic and stance and pattern):
            raise ValueError(f"positions.tsv line {number}: id, lang, topic, stance, pattern")
        found.append(
            Cue(
                cue_id,
                lang,
                topic,
                stance,
                compile_pattern(pattern, macros),
                _conditions(requires, macros),
                negated or None,
            )
        )
    _MACROS.update(macros)
    return tuple(found)


_SCOPES = ("doc", "context")
CONTEXT_CHARS = 400  # "context:" = the opening of the text (headline, heading) + the sentence


def _conditions(requires: str, macros: dict[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for condition in requires.split(" && "):
        condition = condition.strip()
        if not condition or condition == "-":
            continue
        scope, _, rest = condition.partition(":")
        if scope in _SCOPES and rest:
            out.append((scope, compile_pattern(rest, macros)))
        else:
            out.append(("sentence", compile_pattern(condition, macros)))
    return tuple(out)


def _holds(cue: Cue, page: Page, sentence: str) -> bool:
    for scope, pattern in cue.requires:
        if scope == "doc":
            text = page.norm[: page.tail]
        elif scope == "context":
            text = page.norm[: min(CONTEXT_CHARS, page.tail)] + "\n" + sentence
        else:
            text = sentence
        if not pattern.search(text):
            return False
    return True


@dataclass(frozen=True)
class _Hit:
    topic: str
    stance: str
    start: int
    end: int
    cue: str  # the id of the cue, or of the topic phrase and its frames
    confidence: float


def find_positions(
    page: Page, names: Names, found: Found, reference: Reference, view: LemmaView | None = None
) -> list[Position]:
    """The positions the instrument of a page takes, one per topic, in text order. An
    opposition the text ascribes to others ("the United States and the EU opposed the
    resolution") is theirs, not the instrument's."""
    own = _own_actors(found, reference)
    by_topic: dict[str, list[_Hit]] = {}
    hits = [*_cue_hits(page), *_grammar_hits(page, view)]
    hits = [h for h in _kept(page, found, hits) if h.stance != "opposes" or _theirs(names, h, own)]
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
            evidence=Span.of(page.text, h.start, h.end),
            found=Finding("rule", h.cue, h.confidence),
        )
        for h in sorted(chosen, key=lambda h: h.start)
    ]


def _cue_hits(page: Page) -> list[_Hit]:
    """Every match of a surface cue (positions.tsv) inside one sentence of the body."""
    norm = page.norm
    body = page.body()
    starts = [s.start for s in body]
    out = []
    for cue in cues():
        if cue.lang != page.language:
            continue
        for m in cue.pattern.finditer(norm, 0, page.tail):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or m.end() > body[i].end:
                continue
            sentence = body[i]
            if cue.requires and not _holds(cue, page, norm[sentence.start : sentence.end]):
                continue
            start, end = _trim(norm, m.start(), m.end())
            stance = cue.stance
            if cue.negated and _NEGATION.search(norm[sentence.start : start]):
                stance = cue.negated
            out.append(
                _Hit(cue.topic, stance, start, end, cue.id, 0.9 if stance == cue.stance else 0.7)
            )
    return out


def _grammar_hits(page: Page, view: LemmaView | None) -> list[_Hit]:
    """The topic phrases of the grammar with the stance of their frames."""
    out = []
    for hit in grammar_hits(page, view):
        start, end = _trim(page.norm, hit.start, hit.end)
        out.append(_Hit(hit.topic, hit.stance, start, end, hit.cue, 0.85 if hit.framed else 0.8))
    return out


def _kept(page: Page, found: Found, hits: list[_Hit]) -> list[_Hit]:
    """Hits outside the instrument's own title, in a sentence on the field's subject when the
    text's opening is not about it."""
    norm = page.norm
    subject = subject_patterns()[page.language]
    focused = bool(subject.search(norm, 0, min(CONTEXT_CHARS, page.tail)))
    out = []
    for h in hits:
        if h.end <= h.start or any(a <= h.start and h.end <= b for a, b in found.titles):
            continue
        if found.scope and not any(a <= h.start < b for a, b in found.scope):
            continue  # another instrument's sentence (a speaker's, in a text with several)
        sentence = page.sentence_at(h.start)
        if not focused and not subject.search(norm, sentence.start, sentence.end):
            continue
        out.append(h)
    return out


def _own_actors(found: Found, reference: Reference) -> set[str]:
    """The issuers, their organizations' units and members (at any time)."""
    own = set(found.instrument.issuers)
    for issuer in found.instrument.issuers:
        own |= {m.state for m in reference.memberships if m.organization == issuer}
    return own | {unit for unit, parent in reference.parents.items() if parent in own}


def _theirs(names: Names, hit: _Hit, own: set[str]) -> bool:
    """Whether an opposing clause is the instrument's: no other actor is its subject."""
    sentence = names.page.sentence_at(hit.start)
    before = [
        h
        for h in names.within(sentence.start, hit.start)
        if h.kind in ("state", "organization") and not names.is_locative(h)
        and not re.search(r"(?i)\b(?:of|by|for|from|with|between|с|от|для|между)\s+(?:the\s+)?$",
                          names.page.norm[max(0, h.start - 12) : h.start])
        # a modifier of the very thing the clause is about: "a new UN cybercrime convention"
        and len(names.page.norm[h.end : hit.start].split()) > 2
    ]  # fmt: skip
    return not before or any(h.id in own for h in before)


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start] in _EDGES:
        start += 1
    while end > start and norm[end - 1] in _EDGES:
        end -= 1
    return start, end
