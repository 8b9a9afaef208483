"""Meetings a text describes: talks, summits, sessions, consultations, expert meetings,
conferences, signings — when, where, organised by whom, who took part and in what role.

A meeting word counts when the text says the meeting happened (a date, a place, "took place",
"по итогам", "at the ..."); a statement that only names its own place and date describes no
meeting. Mentions that agree on date and place are one meeting. The meeting at which the
instrument was adopted shares its date and place and, when it lists no one, its issuing states.
Words are in ``graph/lexicons/meetings.tsv``.

>>> from graph.extract import extract
>>> doc = extract("21 августа в Минске состоялись консультации России и Белоруссии "
...               "с использованием видеоконференцсвязи.", "m.txt")
>>> m = doc.meetings[0]
>>> m.kind, m.place, sorted(p.actor for p in m.participants), m.virtual
('consultations', 'minsk', ['BLR', 'RUS'], True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.extract.actors import Names
from graph.extract.dates import Dates
from graph.extract.instruments import Found
from graph.extract.text import Page, Sentence
from graph.model import Finding, Meeting, Participant, Person, Span
from graph.paths import LEXICONS_DIR
from graph.reference import Reference

_REPORTING = re.compile(
    r"(?i)(?:said|says|stated|announced|reported|told|сообщил\w*|заявил\w*|сообщает|"
    r"отметил\w*|передает)(?:\s+\S+){0,3}\s*$"
)
_SECRETARIAT = re.compile(r"(?i)секретариат|исполнительн|исполком|secretariat|executive")
_PRIORITY = ("summit", "talks", "consultations", "session", "expert-meeting", "conference")


@lru_cache(maxsize=1)
def _patterns() -> dict[tuple[str, str], list[tuple[str, str]]]:
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for line in (LEXICONS_DIR / "meetings.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, lang, pattern = (part.strip() for part in line.split("\t"))
            family, _, value = kind.partition(":")
            found.setdefault((family, lang), []).append((value or family, pattern))
    return found


@lru_cache(maxsize=1)
def rules() -> dict[tuple[str, str], list[tuple[str, re.Pattern[str]]]]:
    """The rules of ``graph/lexicons/meetings.tsv`` by (kind, language), in file order.

    >>> [kind for kind, rule in rules()[("kind", "ru")] if rule.search("саммита ШОС")]
    ['summit']
    """
    return {
        key: [(value, re.compile(rf"(?i)(?<![\w-])(?:{p})(?![\w-])")) for value, p in rows]
        for key, rows in _patterns().items()
    }


def _search(kind: str, lang: str, text: str) -> re.Match[str] | None:
    for _, rule in rules().get((kind, lang), []):
        m = rule.search(text)
        if m:
            return m
    return None


@dataclass
class _Mention:
    kind: str
    start: int
    end: int
    sentence: Sentence
    date: str | None = None
    dated: bool = False  # the text dates it (even when the date cannot be resolved)
    place: str | None = None
    organizer: str | None = None
    adoption: bool = False
    participants: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Context:
    page: Page
    names: Names
    dates: Dates
    persons: list[Person]
    reference: Reference
    found: Found | None


def find_meetings(
    page: Page,
    names: Names,
    dates: Dates,
    persons: list[Person],
    reference: Reference,
    found: Found | None,
) -> list[Meeting]:
    """The meetings the text describes (usually one)."""
    ctx = _Context(page, names, dates, persons, reference, found)
    mentions = [m for m in _mentions(ctx) if _happened(ctx, m)]
    groups: list[list[_Mention]] = []
    for mention in mentions:
        home = next((g for g in groups if all(_compatible(mention, o) for o in g)), None)
        if home is None:
            groups.append([mention])
        else:
            home.append(mention)
    return [_meeting(ctx, group) for group in groups]


def _mentions(ctx: _Context) -> list[_Mention]:
    page, lang = ctx.page, ctx.page.language
    out: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, rule in rules().get(("kind", lang), []) + _signings(lang):
        for m in rule.finditer(page.norm, 0, page.tail):
            if page.is_ignored(m.start()) or any(a <= m.start() < b for a, b in taken):
                continue
            sentence = page.sentence_at(m.start())
            text = page.norm[sentence.start : sentence.end]
            if kind == "signing" and not _search("signed-object", lang, text):
                continue
            taken.append((m.start(), m.end()))
            mention = _Mention(
                "meeting" if kind == "signing" else kind, m.start(), m.end(), sentence
            )
            _describe(ctx, mention)
            out.append(mention)
    return sorted(out, key=lambda m: m.start)


def _signings(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    return [("signing", rule) for _, rule in rules().get(("signing", lang), [])]


def _describe(ctx: _Context, m: _Mention) -> None:
    page, names, dates = ctx.page, ctx.names, ctx.dates
    s = m.sentence
    dateline = dates.dateline
    in_dateline = (dateline.start, dateline.end) if dateline else (0, 0)
    explicit = [
        d
        for d in dates.dates
        if s.start <= d.start < s.end and not in_dateline[0] <= d.start < in_dateline[1]
    ]
    if explicit:
        m.date, m.dated = dates.resolve(explicit[0].value), True
    else:
        for weekday in dates.weekdays:
            if s.start <= weekday.start < s.end and not _REPORTING.search(
                page.norm[s.start : weekday.start]
            ):
                resolved = dates.weekday_date(weekday)
                m.date, m.dated = (dates.resolve(resolved) if resolved else None), True
                break
    places = [
        h for h in names.within(s.start, s.end, "place")
        if not (dateline and dateline.start <= h.start < dateline.end)
    ]  # fmt: skip
    if places:
        m.place = min(places, key=lambda h: abs(h.start - m.start)).id
    m.organizer = _organizer(ctx, m)
    m.adoption = _adoption(ctx, m)
    m.participants = _participants(ctx, s)


def _organizer(ctx: _Context, m: _Mention) -> str | None:
    page, names, ref = ctx.page, ctx.names, ctx.reference
    best: tuple[int, str] | None = None
    for hit in names.within(m.sentence.start, m.sentence.end, "organization"):
        top = ref.top(hit.id)
        if not (ref.has_members(top) or top == "UN"):
            continue
        before = page.norm[max(m.sentence.start, hit.start - 40) : hit.start]
        if _search("setting", page.language, before + " "):
            continue
        between = (
            page.norm[hit.end : m.start] if hit.end <= m.start else page.norm[m.end : hit.start]
        )
        between = re.sub(r"\([^()]*\)", " ", between)
        distance = len(between.split())
        members = re.search(
            r"(?i)\b(?:state|член|countr|стран|nation|leader|лидер|глав|head)\w*\W+(?:\w+\W+){0,3}$",
            before,
        )
        members = members or re.match(
            r"(?i)\W*(?:leaders|countries|nations|member|states|heads|лидер|стран|государств|член)",
            page.norm[hit.end : hit.end + 20],
        )
        if (distance <= 5 or members) and (best is None or distance < best[0]):
            best = (distance, top)
    if best is None:
        return _organizer_by_anaphor(ctx, m)
    return best[1]


def _organizer_by_anaphor(ctx: _Context, m: _Mention) -> str | None:
    """ "The summit of the group" (саммит объединения): the organization the text is about,
    when it names exactly one that has members."""
    page = ctx.page
    after = page.norm[m.end : min(m.sentence.end, m.end + 40)]
    if not _search("org-anaphor", page.language, after):
        return None
    tops = {
        ctx.reference.top(h.id)
        for h in ctx.names.hits
        if h.kind == "organization" and not page.is_ignored(h.start)
    }
    tops = {t for t in tops if ctx.reference.has_members(t)}
    return tops.pop() if len(tops) == 1 else None


def _adoption(ctx: _Context, m: _Mention) -> bool:
    """Whether the instrument was adopted or signed at this meeting."""
    if ctx.found is None:
        return False
    if m.sentence in ctx.found.sentences:
        return True
    text = ctx.page.norm[m.sentence.start : m.sentence.end]
    return bool(re.search(r"(?i)по итогам|following|adopted at|принят\w* на|подписа|signed", text))


def _participants(ctx: _Context, s: Sentence) -> dict[str, str]:
    page, names, lang = ctx.page, ctx.names, ctx.page.language
    out: dict[str, str] = {}
    for hit in names.within(s.start, s.end):
        if hit.kind == "state" and not names.is_locative(hit):
            out.setdefault(hit.id, _role(page, hit.start, hit.end, lang))
        elif (
            hit.kind == "organization"
            and _SECRETARIAT.search(page.text[hit.start : hit.end])
            and ctx.reference.parent_of(hit.id)
            and not names.is_locative(hit)
        ):
            out.setdefault(hit.id, "secretariat")
    text = page.norm[s.start : s.end]
    for person in ctx.persons:
        surname = person.evidence.exact.split()[-1]
        if person.acts_for and re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", text):
            out.setdefault(person.acts_for, "member")
    return out


def _role(page: Page, start: int, end: int, lang: str) -> str:
    if re.search(
        r"(?i)(?:(?:chairmanship|presidency|председательств\w*) (?:of )?|(?:chaired|presided over|"
        r"hosted) by )(?:the )?$",
        page.norm[max(0, start - 40) : start],
    ):
        return "chair"
    after = page.norm[end : end + 40]
    after = after[: after.find(",")] if "," in after and not after.startswith(" (") else after
    for role in ("observer", "guest", "chair"):
        m = _search(role, lang, after)
        if m and m.start() <= 3:
            return role
    return "member"


def _happened(ctx: _Context, m: _Mention) -> bool:
    if m.place or m.dated or m.adoption or m.kind == "meeting":
        return True
    text = ctx.page.norm[m.sentence.start : m.sentence.end]
    return bool(_search("event", ctx.page.language, text))


def _compatible(a: _Mention, b: _Mention) -> bool:
    return (a.date is None or b.date is None or a.date == b.date) and (
        a.place is None or b.place is None or a.place == b.place
    )


def _meeting(ctx: _Context, group: list[_Mention]) -> Meeting:
    page, lang = ctx.page, ctx.page.language
    instrument = ctx.found.instrument if ctx.found else None
    adoption = instrument is not None and any(m.adoption for m in group)
    date = next((m.date for m in group if m.date), None)
    if date is None and not any(m.dated for m in group):
        if adoption and instrument is not None:
            date = instrument.date
        elif ctx.dates.dateline and ctx.dates.dateline.date and not _reported_later(ctx):
            date = ctx.dates.published or ctx.dates.dateline.date
    place = next((m.place for m in group if m.place), None)
    if place is None and adoption and instrument is not None:
        place = instrument.place
    participants = _all_participants(ctx, group)
    if not participants and adoption and instrument is not None:
        participants = {i: "member" for i in instrument.issuers if ctx.reference.is_state(i)}
    virtual = any(
        _search("virtual", lang, page.norm[m.sentence.start : m.sentence.end]) for m in group
    )
    kind = min((m.kind for m in group), key=lambda k: _PRIORITY.index(k) if k in _PRIORITY else 9)
    first = group[0]
    return Meeting(
        kind=kind,
        evidence=Span.of(page.text, first.start, first.end),
        date=date,
        place=place,
        organizer=next((m.organizer for m in group if m.organizer), None),
        participants=tuple(Participant(a, r) for a, r in sorted(participants.items())),
        virtual=virtual,
        found=Finding("rule", f"meeting/{lang}/{kind}", 0.8),
    )


def _reported_later(ctx: _Context) -> bool:
    """The dateline's day is when a press service reported ("сообщила во вторник", "said on
    Tuesday"), so it does not date the meeting reported."""
    page = ctx.page
    return any(
        _REPORTING.search(page.norm[page.sentence_at(w.start).start : w.start])
        for w in ctx.dates.weekdays
    )


def _all_participants(ctx: _Context, group: list[_Mention]) -> dict[str, str]:
    page, lang = ctx.page, ctx.page.language
    out: dict[str, str] = {}
    sentences = {m.sentence for m in group}
    for sentence in page.body():
        text = page.norm[sentence.start : sentence.end]
        if sentence.start > group[0].start and _search("participation", lang, text):
            sentences.add(sentence)
    for sentence in sorted(sentences, key=lambda s: s.start):
        for actor, role in _participants(ctx, sentence).items():
            if out.get(actor, "member") == "member":
                out[actor] = role
    for hit in ctx.names.hits:
        if hit.kind == "state" and _delegate(page, hit.start, hit.end, lang):
            out.setdefault(hit.id, "member")
    return out


def _delegate(page: Page, start: int, end: int, lang: str) -> bool:
    before = page.norm[max(0, start - 30) : start]
    after = page.norm[end : end + 20]
    return any(
        re.search(rf"(?:{p})\s+(?:of\s+)?(?:the\s+)?$", before, re.I)
        or re.match(rf"\s+(?:{p})(?![\w-])", after, re.I)
        for _, p in _patterns().get(("delegate", lang), [])
    )
