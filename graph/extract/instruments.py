"""The instrument a text is, or reports on: type, status, title, date, place, issuers.

Every naming of an instrument type (``graph/lexicons/instruments.tsv``) is a candidate; press
statements, instruments only wished for or rejected ("an agreement would be premature") and
agreements merely referred to are not. The best candidate — a heading of the document itself,
a quoted document, one reported adopted or signed, on information security — is *the*
instrument; a report on consultations or a speech that adopts nothing yields none.

>>> from graph.extract import extract
>>> doc = extract("СОВМЕСТНОЕ ЗАЯВЛЕНИЕ\\nглав государств – членов ОДКБ\\n\\n23 ноября 2022 года\\n"
...               "город Ереван\\n\\nГосударства – члены ОДКБ выступают за мир.", "s.txt")
>>> ins = doc.instruments[0]
>>> ins.type, ins.date, ins.place, ins.issuers
('joint-statement', '2022-11-23', 'yerevan', ('CSTO',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract import actors
from graph.extract.actors import NameHit, Names
from graph.extract.candidates import Candidate, Context, candidates, has, is_instrument, rule
from graph.extract.dates import Dates
from graph.extract.text import Page, Sentence
from graph.extract.when_where import instrument_date, instrument_place
from graph.model import Finding, Instrument, Person, Span
from graph.reference import Reference

Rules = dict[tuple[str, str], re.Pattern[str]]
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


@dataclass(frozen=True)
class Found:
    """The instrument of a text and where the text speaks of it."""

    instrument: Instrument
    sentences: tuple[Sentence, ...]  # sentences that name the instrument
    titles: tuple[tuple[int, int], ...]  # where the text names the instrument itself


def find_instrument(
    page: Page, names: Names, dates: Dates, persons: list[Person], reference: Reference
) -> Found | None:
    """The instrument the text is or reports on, without positions; None when there is none."""
    ctx = Context(page, names, reference)
    found = [c for c in candidates(ctx) if is_instrument(ctx, c)]
    if not found:
        return None
    best = max(found, key=lambda c: (c.score, -c.start))
    same = [c for c in found if c.type == best.type]
    sentences = _mention_sentences(page, same)
    status = _status(page, best, same)
    date = None if status == "draft" else instrument_date(page, dates, same, sentences)
    place = None if status == "draft" else instrument_place(ctx, dates, same, sentences)
    issuers = _issuers(ctx, persons, same, best.type)
    agreement_id = None
    if best.type == "agreement":
        named_at = [(c.start, c.phrase_end) for c in same]
        agreement_id = actors.identify_agreement(names, reference, named_at, issuers, date)
    refs = [a for a in actors.referred_agreements(names, reference, issuers) if a != agreement_id]
    members = _named_members(ctx, issuers)
    instrument = Instrument(
        type=best.type,
        status=status,
        evidence=Span.of(page.text, best.start, best.end),
        title=_title(same),
        date=date,
        place=place,
        issuers=tuple(issuers),
        members=members,
        agreement_id=agreement_id,
        agreements=tuple(refs),
        found=Finding("rule", f"instrument/{page.language}/{best.type}", min(1.0, best.score / 10)),
    )
    titles = tuple((c.start, c.phrase_end) for c in same)
    return Found(instrument, tuple(sentences), titles)


# -- what the instrument is ----------------------------------------------------------------------


def _mention_sentences(page: Page, same: list[Candidate]) -> list[Sentence]:
    found = {page.sentence_at(c.start) for c in same}
    anaphor = rule("anaphor", page.language)
    if anaphor:
        for m in anaphor.finditer(page.norm, 0, page.tail):
            if not page.is_ignored(m.start()):
                found.add(page.sentence_at(m.start()))
    return sorted(found, key=lambda s: s.start)


def _status(page: Page, best: Candidate, same: list[Candidate]) -> str:
    if any(c.draft for c in same):
        return "draft"
    if best.type == "agreement":
        sentence = page.sentence_at(best.start)
        around = page.norm[max(sentence.start, best.start - 60) : best.phrase_end + 40]
        return "in-force" if has("in-force", page.language, around) else "signed"
    return "adopted"


_GLOSS = re.compile(r"(?:[ \t]+[^\W\d]+){0,2}[ \t]*\(([^()\n]{5,200})\)")
_GLOSS_FILLER = re.compile(r"(?i)[\s,;]|\band\b|(?<![\w-])и(?![\w-])")


def _named_members(ctx: Context, issuers: list[str]) -> tuple[str, ...]:
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


def _issuers(ctx: Context, persons: list[Person], same: list[Candidate], kind: str) -> list[str]:
    """Who adopted it: the actors of the first context that names any — the instrument's
    title, the opening sentences, the sentences that name the instrument."""
    page = ctx.page
    spans = []
    for c in sorted(same, key=lambda c: (not c.heading, c.start)):
        topic = _TOPIC.search(page.norm, c.end, c.phrase_end)
        spans.append((c.start, topic.start() if topic else c.phrase_end))
    body = [
        s for s in page.body()
        if not re.fullmatch(r"[^a-zа-яё]*", page.norm[s.start : s.end][:12])
    ]  # fmt: skip
    spans += [(s.start, s.end) for s in body[:3]]
    spans += [(s.start, s.end) for s in _mention_sentences(page, same)]
    for start, end in spans:
        found = _actors_in(ctx, start, end, kind)
        if found:
            return found
    return []


def _actors_in(ctx: Context, start: int, end: int, kind: str) -> list[str]:
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
        if _UN_SYSTEM.search(top) and kind != "resolution":
            continue
        (strong if hit.id != top or _member_construct(ctx.page, hit) else weak).append(top)
    if kind == "resolution" and "UN" in strong + weak:
        return ["UN"]
    chosen = strong or states or weak
    return sorted(set(chosen))


def _member_construct(page: Page, hit: NameHit) -> bool:
    """``государства – члены ШОС``, ``the countries of the SCO``, ``BRICS nations``."""
    before = page.norm[max(0, hit.start - 40) : hit.start]
    after = page.norm[hit.end : hit.end + 50]
    return bool(_MEMBERS_BEFORE.search(before) or _MEMBERS_AFTER.search(after))


def _title(same: list[Candidate]) -> str | None:
    for c in same:
        if c.heading:
            return c.title
    named = [c.title for c in same if c.named and c.title]
    plain = [c.title for c in same if c.title]
    pool = named or plain
    return max(pool, key=len) if pool else None
