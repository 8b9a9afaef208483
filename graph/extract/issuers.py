"""Issuers: who adopted a document, as the text names them.

States and organizations at the organization level (a statement of the SCO Council of Heads of
State has issuer ``SCO``), found in the first context that names any: the document's title,
the clause that reports it made ("the presidents of Kyrgyzstan and Russia made a joint
statement"), the opening sentences, the sentences that name it. A resolution is its body's
(the UN), not its sponsors'. The states a text lists after an issuing organization ("the BRICS
nations (Brazil, Russia, …)") are its named members.
"""

from __future__ import annotations

import re

from graph.extract.actors import NameHit
from graph.extract.candidates import Candidate, Context, rule
from graph.extract.text import Page, Sentence

_MEMBERS_BEFORE = re.compile(
    r"(?i)\b(?:государств\w*|стран\w*|член\w*|участник\w*|лидер\w*|глав\w*|министр\w*|саммит\w*|"
    r"member|countries|states|nations|leaders|heads|summit|declaration)\W+(?:\w+\W+){0,2}$"
)
_MEMBERS_AFTER = re.compile(
    r"(?i)^(?:\W*\([^)]*\))?\W*\b(?:nations|countries|members?|member states|leaders|states|"
    r"summit|emphasi|stress|underline|[\w\s]{0,30}declaration|'s)"
)
_UN_SYSTEM = re.compile(r"^(?:UN|ITU)(?:-|$)")
# Where a title turns from who adopted it to what it is about ("Statement by X on Y").
_TOPIC = re.compile(r"(?i)\s(?:on|at|regarding|concerning|about|о|об|по вопросам|в связи с)\s")


_GLOSS = re.compile(r"(?:[ \t]+[^\W\d]+){0,2}[ \t]*\(([^()\n]{5,200})\)")
_GLOSS_FILLER = re.compile(r"(?i)[\s,;]|\band\b|(?<![\w-])и(?![\w-])")


def named_members(ctx: Context, issuers: list[str]) -> tuple[str, ...]:
    """The states a text lists as an issuing organization's members, right after its name:
    "The BRICS nations (Brazil, Russia, India, China and South Africa)"."""
    page, names, reference = ctx.page, ctx.names, ctx.reference
    organizations = {i for i in issuers if not reference.is_state(i)}
    found: set[str] = set()
    for hit in names.hits:
        if hit.kind != "organization" or reference.top(hit.id) not in organizations:
            continue
        gloss = _GLOSS.match(page.norm, hit.end)
        if not gloss or page.is_ignored(hit.start):
            continue
        states = names.within(gloss.start(1), gloss.end(1), "state")
        rest = page.norm[gloss.start(1) : gloss.end(1)]
        for h in reversed(states):
            rest = rest[: h.start - gloss.start(1)] + rest[h.end - gloss.start(1) :]
        ever = {m.state for m in reference.memberships if m.organization == reference.top(hit.id)}
        codes = {h.id for h in states}
        if len(codes) >= 2 and codes <= ever and not _GLOSS_FILLER.sub("", rest):
            found |= codes
    return tuple(sorted(found))


def issuers_of(
    ctx: Context,
    same: list[Candidate],
    kind: str,
    made: list[Candidate],
    sentences: list[Sentence],
) -> list[str]:
    """Who adopted a document: the actors of the first context that names any — its title,
    the clauses that report it ``made``, the opening sentences, the ``sentences`` that name
    it; for a resolution the body that adopts it before the states that sponsor it."""
    page = ctx.page
    spans = []
    for c in sorted(same, key=lambda c: (not c.heading, c.start)):
        topic = _TOPIC.search(page.norm, c.end, c.phrase_end)
        spans.append((c.start, topic.start() if topic else c.phrase_end))
    # who the running text says made it ("the presidents of X and Y made a joint statement")
    spans += [(page.sentence_at(c.start).start, c.phrase_end) for c in made if not c.heading]
    body = [
        s for s in page.body()
        if not re.fullmatch(r"[^a-zа-яё]*", page.norm[s.start : s.end][:12])
    ]  # fmt: skip
    spans += [(s.start, s.end) for s in body[:3]]
    spans += [(s.start, s.end) for s in sentences]
    if kind == "resolution":  # the body that adopts it, not the states that sponsor it
        for start, end in spans:
            found = [a for a in actors_in(ctx, start, end, kind) if not ctx.reference.is_state(a)]
            if found:
                return found
    for start, end in spans:
        found = actors_in(ctx, start, end, kind)
        if found:
            return found
    return []


def actors_in(ctx: Context, start: int, end: int, kind: str) -> list[str]:
    """The issuers a stretch names: units of organizations and organizations named as their
    members' ("государства – члены ШОС"), else states, else organizations (a body named by its
    sitting among them: "после заседания Высшего Евразийского экономического совета
    президенты Кыргызстана и России сделали заявление")."""
    ref, names = ctx.reference, ctx.names
    strong: list[str] = []
    weak: list[str] = []
    states: list[str] = []
    for hit in names.within(start, end):
        if hit.kind not in ("state", "organization") or names.is_locative(hit):
            continue
        if hit.kind == "state":
            states.append(hit.id)
            continue
        top = ref.top(hit.id)
        if _UN_SYSTEM.search(top) and kind not in ("resolution", "convention"):
            continue
        if _sitting_of(ctx, hit):  # where they met: the states named there adopted it
            weak.append(top)
            continue
        (strong if hit.id != top or _member_construct(ctx.page, hit) else weak).append(top)
    # a resolution of the General Assembly or a committee, a convention of the UN's committee
    if "UN" in strong + weak and (kind == "resolution" or set(strong + weak) <= {"UN", "ITU"}):
        return ["UN"]
    chosen = strong or states or weak
    return sorted(set(chosen))


def _sitting_of(ctx: Context, hit: NameHit) -> bool:
    """A body named by its sitting: "заседания Высшего совета", "the meeting of the Council"."""
    sitting = rule("sitting", ctx.lang)
    before = ctx.page.norm[max(0, hit.start - 40) : hit.start]
    return sitting is not None and any(
        _OF_THE.fullmatch(before, m.end()) for m in sitting.finditer(before)
    )


_OF_THE = re.compile(r"(?i)\s+(?:of\s+)?(?:the\s+)?")


def _member_construct(page: Page, hit: NameHit) -> bool:
    """``государства – члены ШОС``, ``the countries of the SCO``, ``BRICS nations``."""
    before = page.norm[max(0, hit.start - 40) : hit.start]
    after = page.norm[hit.end : hit.end + 50]
    return bool(_MEMBERS_BEFORE.search(before) or _MEMBERS_AFTER.search(after))
