"""The topic × stance grammar applied to a page: a position is a topic phrase inside the scope
of a stance frame.

Topic phrases (``graph/lexicons/topics.tsv``) and stance frames (``graph/lexicons/frames.tsv``)
are separate data written in lemmas (read by ``graph/extract/grammar_rules.py``), so a new topic
phrase works with every frame and a new frame with every topic phrase:

* a *frame* is a predicate with a stance — supporting ("call for", "выступать за", "считать
  необходимым"), opposing ("reject", "should not", "no need for", "неприемлемый"), concern
  ("concern", "обеспокоенность"), or none ("take note of", "обсудить": no position at all) — and
  a side: ``before`` it governs what follows it, ``after`` what precedes it ("a treaty is
  premature"), within ``reach`` words of the same clause;
* a *negation* ("not", "не") just before a frame turns its stance: "do not support" opposes;
* a topic phrase is ``strong`` (a position by itself in an instrument: "peaceful use of ICTs"),
  ``framed`` (only inside a frame: "a new treaty", "the role of the ITU") or ``harm`` (names
  what the topic is against: "militarisation", "interference in internal affairs" — whatever
  frame governs it, the actor supports the topic: "against militarisation" supports peaceful
  use).

The nearest frame in the clause governs a phrase. Each hit records the ids of the phrase and
the frame that found it.

>>> from graph.extract.text import Page
>>> page = Page.of("Joint statement.\\nThe United States does not support a new treaty on "
...                "cyberspace.")
>>> hits = grammar_hits(page)
>>> sorted({(h.topic, h.stance) for h in hits}), hits[0].cue
([('legally-binding-instrument', 'opposes')], 'lbi/en/treaty@frame/en/support!frame/en/not')
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from graph.extract.grammar_rules import Condition, Frame, TopicPhrase, grammar
from graph.extract.lemmas import SENTENCE_BREAK, LemmaPattern, LemmaView
from graph.extract.text import Page

NEAR = 8  # words around a phrase where a "near" condition is looked for
NEXT = 3  # words around a phrase where a "next" condition is looked for ("the Budapest …")
OPENING_CHARS = 400  # the text's opening (headline, heading, lead) for an "opening" condition
CHAIN_REACH = 6  # words between a frame and the frame it governs ("oppose the creation of")
_NOT_NEGATING = frozenset({"only", "just", "merely", "least", "less", "только", "лишь"})
_TURNED = {
    "supports": "opposes",
    "opposes": "supports",
    "concerned": "none",
    "none": "none",
    "harms": "supports",
    "sufficient": "insufficient",
    "insufficient": "sufficient",
}


@dataclass(frozen=True)
class Hit:
    """A stance on a topic found in the text, with the offsets of its evidence."""

    topic: str
    stance: str
    start: int
    end: int
    cue: str
    framed: bool  # a frame decided the stance


_CLAUSE_OPENERS = frozenset({"the", "a", "an", "to", "by", "for", "и", "а", "но"})
_COMPLEMENTIZERS = frozenset({"that", "что", "чтобы"})
_COORDINATORS = frozenset({"and", "or", "but", ",", ";", "и", "или", "а", "но"})


@dataclass(frozen=True)
class _Match:
    first: int  # token range [first, last)
    last: int


@dataclass(frozen=True)
class _FrameMatch(_Match):
    frame: Frame


def grammar_hits(page: Page, view: LemmaView | None = None) -> list[Hit]:
    """Every topic phrase of the page's body with the stance its frame gives it. A text whose
    opening is not about the field's subject (macros ``SUBJECT_EN``, ``SUBJECT_RU``: a joint
    statement on a whole partnership) states a position only in a sentence that is ("the
    peaceful settlement of disputes in the East Sea" is no position on ICT conflicts)."""
    view = view or LemmaView.of(page)
    rules = grammar()
    subject = rules.subjects.get(page.language)
    focused = subject is None or subject.search(view.opening)
    on_subject = (
        set()
        if focused or subject is None
        else _on_subject(view, subject, rules.anaphors.get(page.language))
    )
    frames = sorted(
        (
            _FrameMatch(first, last, frame)
            for frame in rules.frames
            if frame.lang == page.language
            for first, last in view.matches(frame.pattern)
        ),
        key=lambda f: f.first,
    )
    negations = [f for f in frames if f.frame.stance in ("negation", "hedge")]
    governing = [f for f in frames if f.frame.stance not in ("negation", "hedge")]
    matches = [
        (phrase, _Match(first, last))
        for phrase in rules.phrases
        if phrase.lang == page.language
        for first, last in view.matches(phrase.pattern)
    ]
    hits = []
    for phrase, match in matches:
        if _nested(phrase, match, matches):
            continue
        if not focused and view.sentence_of(match.first)[0] not in on_subject:
            continue
        hit = _hit(view, phrase, match, governing, negations)
        if hit is not None:
            hits.append(hit)
    return hits


def _on_subject(view: LemmaView, subject: LemmaPattern, anaphor: LemmaPattern | None) -> set[int]:
    """The first tokens of the sentences about the field: those that name it, and those that
    point back to it ("cooperation in this field", "threats of the use of such technologies")
    right after one that is about it — or with nothing before them but the heading to point to
    (an excerpt)."""
    out: set[int] = set()
    previous = False
    for i, first in enumerate(view.sentence_starts):
        if first >= len(view.tokens):
            break
        last = view.sentence_of(first)[1]
        points_back = anaphor is not None and _inside(view, anaphor, first, last)
        on = _inside(view, subject, first, last) or (points_back and (previous or i <= 1))
        if on:
            out.add(first)
        previous = on
    return out


def _nested(phrase: TopicPhrase, match: _Match, matches: list[tuple[TopicPhrase, _Match]]) -> bool:
    """Whether a longer phrase of another topic ends with this one: "a convention on countering
    the use of ICTs for criminal purposes" is about the convention, not a call to counter crime
    (a phrase inside another's gap is not its part: "sovereignty and non-interference in …")."""
    return any(
        other.topic != phrase.topic and m.first < match.first and match.last == m.last
        for other, m in matches
    )


def _hit(
    view: LemmaView,
    phrase: TopicPhrase,
    match: _Match,
    frames: list[_FrameMatch],
    negations: list[_FrameMatch],
) -> Hit | None:
    if not all(_holds(view, c, match) for c in phrase.conditions):
        return None
    if _in_name(view, match):
        return None  # "Human Rights Watch", "the Peaceful Uses Committee": a name, no stance
    frame = _governing(view, match, frames)
    chain: list[_Match] = []
    stance = None
    if frame is None and phrase.kind == "strong" and _negated(view, match, negations):
        return None  # "would not improve cooperation", "can increase cooperation": no call for it
    if frame is not None:
        stance, chain = _frame_stance(view, frame, frames, negations, depth=0, topic=match)
    stance = _stance(phrase, frame, stance)
    if stance is None:
        return None
    first = min([match.first, *(m.first for m in chain)])
    last = max([match.last, *(m.last for m in chain)])
    cue = phrase.id + "".join(
        ("!" if m.frame.stance == "negation" else "@") + m.frame.id
        for m in chain
        if isinstance(m, _FrameMatch)
    )
    tokens = view.tokens
    return Hit(
        phrase.topic, stance, tokens[first].start, tokens[last - 1].end, cue, frame is not None
    )


def _in_name(view: LemmaView, match: _Match) -> bool:
    """Whether a phrase is part of a proper name: its words capitalised, run on by another
    capitalised word, in a sentence that is not set in Title Case."""
    text = view.page.text
    tokens = view.tokens

    def capital(i: int) -> bool:
        t = tokens[i]
        return (
            t.lemma not in (SENTENCE_BREAK, ",", ";", ":") and text[t.start : t.start + 1].isupper()
        )

    if not all(capital(i) for i in range(match.first, match.last)):
        return False
    s_first, s_last = view.sentence_of(match.first)
    words = [i for i in range(s_first, s_last) if tokens[i].lemma not in (",", ";", ":")]
    if sum(capital(i) for i in words) > 0.5 * len(words):
        return False  # a headline in Title Case capitalises everything
    before = match.first - 1 >= s_first + 1 and capital(match.first - 1)
    after = match.last < s_last and capital(match.last)
    return before or after


def _holds(view: LemmaView, condition: Condition, match: _Match) -> bool:
    s_first, s_last = view.sentence_of(match.first)
    if condition.scope in ("near", "next"):
        reach = NEAR if condition.scope == "near" else NEXT
        first, last = max(s_first, match.first - reach), min(s_last, match.last + reach)
        found = _inside(view, condition.pattern, first, last)
    else:
        found = _inside(view, condition.pattern, s_first, s_last)
        if condition.scope == "opening" and not found:
            found = condition.pattern.search(view.opening)
    return found != condition.negated


def _inside(view: LemmaView, pattern: LemmaPattern, first: int, last: int) -> bool:
    start = view.positions[first]
    end = view.positions[last] if last < len(view.positions) else len(view.string)
    return pattern.search(view.string, start - 1 if start else 0, end)


def _governing(
    view: LemmaView,
    match: _Match,
    frames: list[_FrameMatch],
    skip: tuple[_Match, ...] = (),
    reach: int | None = None,
) -> _FrameMatch | None:
    """The nearest frame whose scope holds ``match``, in the same clause (``frames`` sorted by
    their first word). A frame after the phrase wins over one before it that opens a clause of
    its own ("stressed that X is alarming": the clause's predicate decides, and "stressed"
    governs it in turn)."""
    best: dict[str, tuple[int, _FrameMatch]] = {}
    s_first, s_last = view.sentence_of(match.first)
    lo = bisect.bisect_left(frames, s_first, key=lambda f: f.first)
    for f in frames[lo:]:
        if f.first >= s_last:
            break
        side = f.frame.side
        if side == "before" and f.last <= match.first:
            distance = match.first - f.last
            between = (f.last, match.first)
        elif side == "after" and f.first >= match.last:
            distance = f.first - match.last
            between = (match.last, f.first)
        else:
            continue
        limit = f.frame.reach if reach is None else min(reach, f.frame.reach)
        if distance > limit or (side in best and distance >= best[side][0]):
            continue
        if any(f.first < s.last and s.first < f.last for s in skip):
            continue
        if not view.same_clause(*between) or _scare_quoted(view, *between):
            continue
        best[side] = (distance, f)
    before, after = best.get("before"), best.get("after")
    if before and after:
        opens_clause = (
            before[1].frame.id in grammar().opens_clause
            or any(t.lemma in _COMPLEMENTIZERS for t in view.tokens[before[1].last : match.first])
            # "[Negotiating a treaty] would be counterproductive": the frame before is part of
            # the subject the frame after predicates
            or _starts_clause(view, before[1].first)
        )
        # a frame before right next to the phrase, one after right next to it: the frame after
        # predicates the phrase with the frame before ("считают разработку договора
        # преждевременной")
        tied = after[0] == before[0] <= 1
        return after[1] if opens_clause or tied or after[0] < before[0] else before[1]
    chosen = before or after
    return chosen[1] if chosen else None


def _starts_clause(view: LemmaView, token: int) -> bool:
    """Whether a token opens its clause (at most an article or a preposition before it)."""
    i = token - 1
    while i >= 0 and view.tokens[i].lemma in _CLAUSE_OPENERS:
        i -= 1
    return i < 0 or view.tokens[i].lemma in (SENTENCE_BREAK, ",", ";", ":")


def _frame_stance(
    view: LemmaView,
    frame: _FrameMatch,
    frames: list[_FrameMatch],
    negations: list[_FrameMatch],
    depth: int,
    skip: tuple[_Match, ...] = (),
    topic: _Match | None = None,
) -> tuple[str, list[_Match]]:
    """The stance of a frame, turned by its negation and composed with the frame that governs
    it in turn ("oppose the creation of …", "reject attempts to bypass …")."""
    stance = frame.frame.stance
    chain: list[_Match] = [frame]
    negation = _negation(view, frame, negations, frames)
    if negation is not None:
        stance = _TURNED[stance]
        chain.append(negation)
    if depth < 2:
        # a frame after its phrase ("X is needed") is governed from the clause's start:
        # "we do not believe that X is needed"
        inner = topic if frame.frame.side == "after" and topic is not None else frame
        outer = _governing(view, inner, frames, (*skip, *chain), CHAIN_REACH)
        if outer is not None and outer.frame.side == "after" and inner is topic:
            outer = None  # two frames after one phrase: the nearest decides
        if outer is not None and _linked(view, outer, inner):
            outer_stance, outer_chain = _frame_stance(
                view, outer, frames, negations, depth + 1, (*skip, *chain)
            )
            stance = _composed(outer_stance, stance)
            chain += outer_chain
    return stance, chain


def _linked(view: LemmaView, outer: _Match, inner: _Match) -> bool:
    """Whether the first frame governs the second: link words between them ("oppose the
    resolution calling for"), with at most one other word ("both Russia's proposal"), and no
    coordination ("countering crime and the need for …": two objects, two frames)."""
    first, last = (
        (outer.last, inner.first) if outer.last <= inner.first else (inner.last, outer.first)
    )
    links = grammar().links.get(view.page.language, frozenset())
    others = [t.lemma for t in view.tokens[first:last] if t.lemma not in links]
    return len(others) <= 1 and not any(w in _COORDINATORS for w in others)


def _scare_quoted(view: LemmaView, first: int, last: int) -> bool:
    """Whether a word in quotes stands between a frame and what it governs: "the call to
    "improve" the OEWG" is no call to improve it."""
    if first >= last:
        return False
    text = view.page.norm[view.tokens[first - 1].end : view.tokens[last].start]
    return bool(re.search(r'"[^"\s]+(?: [^"\s]+)?"', text))


def _composed(outer: str, inner: str) -> str:
    """What a frame makes of the stance of the frame it governs."""
    if "none" in (outer, inner):
        return "none"
    if outer in ("opposes", "harms", "concerned"):
        # rejecting a harm is being for what it harms; opposing a call is opposing its object
        return {"supports": "opposes", "opposes": "supports", "harms": "supports"}.get(inner, inner)
    return inner


def _negated(view: LemmaView, match: _Match, negations: list[_FrameMatch]) -> bool:
    """Whether a negation stands right before a phrase that no frame governs."""
    return any(
        n.last <= match.first
        and match.first - n.last <= 1
        and view.same_clause(n.first, match.last)
        for n in negations
    )


def _negation(
    view: LemmaView,
    frame: _FrameMatch,
    negations: list[_FrameMatch],
    frames: list[_FrameMatch],
) -> _FrameMatch | None:
    """A negation just before the frame ("do not support"), with no other frame between them
    (in "do not support the creation of" the "not" is the support's, not the creation's); not
    one that opens "not only"."""
    for n in negations:
        if n.frame.stance != "negation":
            continue
        if not (n.last <= frame.first and frame.first - n.last <= n.frame.reach):
            continue
        following = view.tokens[n.last].lemma if n.last < len(view.tokens) else ""
        if following in _NOT_NEGATING or not view.same_clause(n.first, frame.last):
            continue
        if any(n.last <= f.first < frame.first for f in frames if f is not frame):
            continue
        return n
    return None


def _stance(phrase: TopicPhrase, frame: _FrameMatch | None, stance: str | None) -> str | None:
    """The stance a frame's stance gives a phrase; None when the text states no position."""
    if frame is None or stance is None:
        if phrase.kind in ("framed", "rival"):
            return None
        return "concerned" if phrase.topic == "ict-threats" else "supports"
    if stance == "none":
        return None
    if phrase.kind == "rival":
        # "the Budapest Convention already provides the treaty needed" opposes a new one;
        # support for the rival alone is no position on the topic
        return {"sufficient": "opposes", "insufficient": "supports"}.get(stance)
    if stance == "insufficient":
        return None
    if stance == "sufficient":
        stance = "supports"
    if phrase.topic == "ict-threats":
        if phrase.kind == "framed" and stance != "concerned":
            return None
        return "concerned"
    if stance == "concerned":
        if phrase.concern == "drop" or phrase.kind == "framed":
            return None
        return "supports"
    if phrase.kind == "harm":
        return "supports"
    if stance == "harms":
        # "undermine the sovereignty of States": the actor is for what is harmed; a mere object
        # of harm ("would undermine cooperation") is no call for it
        return "supports" if phrase.kind == "strong" else None
    if stance == "opposes" and phrase.topic not in grammar().contested:
        return None
    return stance
