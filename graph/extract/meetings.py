"""Meetings a text describes: talks, summits, sessions, consultations, expert meetings,
conferences, signings — when, where, organised by whom, who took part (``participants``).

A meeting word counts when the text says the meeting happened (a date, a place, "took place",
"по итогам", "at the ..."); a statement that only names its own place and date describes no
meeting, nor does a meeting still to come ("at the next session") or one named in a caption
("Logo of the G7 Biarritz Summit": the place in a name does not say it happened). Some texts
tell of a session without a meeting word: a statement addressed to the chair ("Thank you,
Mr. Chair") was delivered at one; a body that sits acting on the day of the news ("the
General Assembly on Friday approved") held one; an organization that is a meeting was held
("the ASEAN Regional Forum was held"). Mentions that agree on date and place are one meeting;
a mention that does not say it happened but agrees with one speaks of it again. The meeting
at which the instrument was adopted — a summit of its issuing organization, the session a
statement was delivered at — shares its date and place, and its issuers took part. A record
of a session takes the date on a line of its own in its heading. Words are in
``graph/lexicons/meetings.tsv``.

>>> from graph.extract import extract
>>> doc = extract("21 августа в Минске состоялись консультации России и Белоруссии "
...               "с использованием видеоконференцсвязи.", "m.txt")
>>> m = doc.meetings[0]
>>> m.kind, m.place, sorted(p.actor for p in m.participants), m.virtual
('consultations', 'minsk', ['BLR', 'RUS'], True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.actors import NameHit, Names
from graph.extract.date_forms import DateHit, weekday_before
from graph.extract.dates import Dates
from graph.extract.instruments import Found
from graph.extract.meeting_words import alternation, rules, search
from graph.extract.participants import Scene, Told, covered, find_participants, lists
from graph.extract.text import Page, Sentence
from graph.model import Finding, Meeting, Participant, Person, Span
from graph.reference import Reference

_PRIORITY = ("summit", "talks", "consultations", "session", "expert-meeting", "conference")
# A sentence ends a heading or caption when it has no full stop (quotes may close it).
_FINISHED = re.compile(r"[.!?…][\"'»”’)]*\s*$")
# "11-12 September", "11 и 12 сентября", "с 11 по 12 сентября": a meeting begins on its first day
_RANGE = re.compile(
    r"(?i)(?:\b(\d{1,2})\s*(?:[-–—]|and|и|to|до)\s*|\bс\s+(\d{1,2})\s+по\s+|"
    r"\bfrom\s+(\d{1,2})\s+(?:to|until|till)\s+)$"
)
_CLOCK = re.compile(
    r"(?i)\d{1,2}(?:[:.]\d\d)?\s*[ap]\.\s?m\.|\d{1,2}[:.]\d\d\s*h?\b|\b(?:am|pm|utc|gmt)\b"
)


@dataclass
class _Mention:
    kind: str
    start: int
    end: int
    sentence: Sentence
    cue: str = "word"  # word | signing | address | body | held
    date: str | None = None
    dated: bool = False  # the text dates it (even when the date cannot be resolved)
    place: str | None = None
    organizer: str | None = None
    adoption: bool = False
    heading: bool = False  # named in a heading or caption, not in a finished sentence
    again: bool = False  # speaks of a meeting again, without saying it happened


@dataclass(frozen=True)
class _Context:
    page: Page
    names: Names
    dates: Dates
    persons: list[Person]
    reference: Reference
    found: Found | None

    @property
    def scene(self) -> Scene:
        return Scene(self.page, self.names, tuple(self.persons), self.reference)


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
    groups: list[list[_Mention]] = []
    for mention in _mentions(ctx):
        happened = _happened(ctx, mention)
        if not happened and _still_to_come(page, mention):
            continue
        home = next((g for g in groups if all(_compatible(mention, o) for o in g)), None)
        if home is not None:
            mention.again = not happened  # "Сопредседателями заседания выступили …"
            home.append(mention)
        elif happened:
            groups.append([mention])
    return [_meeting(ctx, group) for group in groups]


# -- mentions ---------------------------------------------------------------------------------


def _mentions(ctx: _Context) -> list[_Mention]:
    out = _word_mentions(ctx)
    told = {m.sentence for m in out}  # a sentence with a meeting word needs no other mention
    out += [
        m for m in _address_mentions(ctx) + _organization_mentions(ctx) if m.sentence not in told
    ]
    for mention in out:
        _describe(ctx, mention)
    return sorted(out, key=lambda m: m.start)


def _word_mentions(ctx: _Context) -> list[_Mention]:
    page, lang = ctx.page, ctx.page.language
    out: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    signings = [("signing", rule) for _, rule in rules().get(("signing", lang), [])]
    for kind, rule in rules().get(("kind", lang), []) + signings:
        for m in rule.finditer(page.norm, 0, page.tail):
            if page.is_ignored(m.start()) or any(a <= m.start() < b for a, b in taken):
                continue
            sentence = page.sentence_at(m.start())
            if kind == "signing" and not _signs_a_document(page, m, sentence):
                continue
            taken.append((m.start(), m.end()))
            cue = "signing" if kind == "signing" else "word"
            out.append(_Mention("meeting" if cue == "signing" else kind, *m.span(), sentence, cue))
    return out


def _signs_a_document(page: Page, verb: re.Match[str], sentence: Sentence) -> bool:
    """A signing is a meeting when what is signed is an agreement or a document, not a
    national act a head of state signs alone ("подписал указ об утверждении Соглашения")."""
    lang = page.language
    after = page.norm[verb.end() : sentence.end]
    domestic = search("signed-domestic", lang, after)
    document = search("signed-object", lang, after)
    if domestic and (document is None or domestic.start() < document.start()):
        return False
    before = page.norm[sentence.start : verb.start()]
    return bool(document or search("signed-object", lang, before))


def _address_mentions(ctx: _Context) -> list[_Mention]:
    """ "Thank you, Mr. Chair", "Господин Председатель": a statement delivered at a session."""
    page = ctx.page
    for _, rule in rules().get(("address", page.language), []):
        for m in rule.finditer(page.norm, 0, page.tail):
            if not page.is_ignored(m.start()):
                return [_Mention("session", *m.span(), page.sentence_at(m.start()), "address")]
    return []


def _organization_mentions(ctx: _Context) -> list[_Mention]:
    """An organization's name that tells of a meeting: a body that sits acting on the day of
    the news ("The United Nations General Assembly on Friday approved a resolution",
    "Генассамблея ООН сегодня приняла резолюцию"), or a forum that was held ("The 25th ASEAN
    Regional Forum was held in Singapore")."""
    page, lang = ctx.page, ctx.page.language
    out: list[_Mention] = []
    for hit in ctx.names.hits:
        if hit.kind != "organization" or any(m.start <= hit.start < m.end for m in out):
            continue
        sentence = page.sentence_at(hit.start)
        if covered(hit, _sides(ctx, sentence)):
            continue
        if _follows(lang, "held").match(page.norm, hit.end, sentence.end):
            mention = _Mention("meeting", hit.start, hit.end, sentence, "held")
        elif (
            search("body", lang, page.norm[hit.start : hit.end])
            and _follows(lang, "body-act").match(page.norm, hit.end, sentence.end)
            and _news_day(ctx, sentence)
        ):
            mention = _Mention("session", hit.start, hit.end, sentence, "body")
        else:
            continue
        mention.organizer = ctx.reference.top(hit.id)
        out.append(mention)
    return out


@lru_cache(maxsize=8)
def _follows(lang: str, family: str) -> re.Pattern[str]:
    """A phrase of the family written right after a name, perhaps past a bracket and a few
    words ("the First Committee (Disarmament …) heard", "General Assembly on Friday approved")."""
    return re.compile(
        rf"(?i)\s*(?:\([^()]*\)\s*)?(?:\S+\s+){{0,3}}?(?:{alternation(family, lang)})(?![\w-])"
    )


def _news_day(ctx: _Context, s: Sentence) -> bool:
    text = ctx.page.norm[s.start : s.end]
    return bool(
        any(s.start <= w.start < s.end for w in ctx.dates.weekdays)
        or search("news-time", ctx.page.language, text)
    )


def _describe(ctx: _Context, m: _Mention) -> None:
    s, dateline = m.sentence, ctx.dates.dateline
    _date_from_sentence(ctx, m)
    places = [
        h for h in ctx.names.within(s.start, s.end, "place")
        if not (dateline and dateline.start <= h.start < dateline.end)
    ]  # fmt: skip
    if places:
        m.place = min(places, key=lambda h: abs(h.start - m.start)).id
    m.organizer = m.organizer or _organizer(ctx, m)
    m.adoption = _adoption(ctx, m)
    m.heading = _in_heading(ctx.page, m.start)


def _in_heading(page: Page, offset: int) -> bool:
    """Whether an offset lies in a heading or caption: a line without a full stop that the
    next line does not continue (a hard-wrapped line of prose goes on in lower case)."""
    line = page.line_at(offset)
    if _FINISHED.search(page.norm[line.start : line.end]):
        return False
    following = page.norm[line.end : line.end + 200].lstrip()
    return not following[:1].islower()


def _date_from_sentence(ctx: _Context, m: _Mention) -> None:
    """The date the mention's sentence gives (the first day of a span of days); a weekday
    that cannot be resolved still dates it, as unknown."""
    page, dates, s = ctx.page, ctx.dates, m.sentence
    dateline = dates.dateline
    in_dateline = (dateline.start, dateline.end) if dateline else (0, 0)
    explicit = [
        d
        for d in dates.dates
        if s.start <= d.start < s.end and not in_dateline[0] <= d.start < in_dateline[1]
    ]
    if explicit:
        m.date, m.dated = dates.resolve(_first_day(page, explicit[0])), True
        return
    for weekday in dates.weekdays:
        if s.start <= weekday.start < s.end and not _reporting(page, s.start, weekday.start):
            resolved = dates.weekday_date(weekday)
            m.date, m.dated = (dates.resolve(resolved) if resolved else None), True
            return


def _reporting(page: Page, start: int, end: int) -> bool:
    """A reporting verb shortly before ``end`` ("said on Tuesday", "сообщила во вторник"):
    the day is when it was reported."""
    verbs = alternation("reporting", page.language)
    return re.search(rf"(?i)(?:{verbs})(?:\s+\S+){{0,3}}\s*$", page.norm[start:end]) is not None


def _first_day(page: Page, hit: DateHit) -> str:
    m = _RANGE.search(page.norm, max(0, hit.start - 16), hit.start)
    if m is None:
        return hit.value
    day = int(next(g for g in m.groups() if g))
    return f"{hit.value[:-2]}{day:02d}" if 1 <= day < int(hit.value[-2:]) else hit.value


def _organizer(ctx: _Context, m: _Mention) -> str | None:
    """The organization whose meeting it is: named next to the meeting word ("the 13th BRICS
    summit", "заседании Совета министров иностранных дел ОДКБ", "the ninth meeting of the
    first session of the Working Group") or as the members' ("Лидеры стран БРИКС … саммит"),
    not as its setting ("on the sidelines of the BRICS summit"), nor a side of it named with
    a state ("Russia and ASEAN held consultations")."""
    page, lang = ctx.page, ctx.page.language
    sides = _sides(ctx, m.sentence)
    best: tuple[int, str] | None = None
    for hit in ctx.names.within(m.sentence.start, m.sentence.end, "organization"):
        before = page.norm[max(m.sentence.start, hit.start - 40) : hit.start]
        if covered(hit, sides) or search("setting", lang, before + " "):
            continue
        distance = _distance(page, hit, m)
        members = re.search(
            rf"(?i)\b(?:{alternation('members-before', lang)})\W+(?:\w+\W+){{0,3}}$", before
        ) or re.match(
            rf"(?i)\W*(?:{alternation('members-after', lang)})", page.norm[hit.end : hit.end + 20]
        )
        if (distance <= 5 or members) and (best is None or distance < best[0]):
            best = (distance, ctx.reference.top(hit.id))
    return best[1] if best else _organizer_by_anaphor(ctx, m)


def _sides(ctx: _Context, s: Sentence) -> list[NameHit]:
    """Names that stand in one list with a state's: the sides of a meeting ("Russia and
    ASEAN", "the EU-China summit"), not its organizer."""
    found = lists(ctx.scene, s.start, s.end)
    return [h for names in found if any(x.kind == "state" for x in names) for h in names]


def _distance(page: Page, hit: NameHit, m: _Mention) -> int:
    """Words between an organization's name and the meeting word; those that only link
    names ("of the") do not count, a comma, a colon or a quotation mark parts them."""
    between = page.norm[hit.end : m.start] if hit.end <= m.start else page.norm[m.end : hit.start]
    between = re.sub(r"\([^()]*\)", " ", between)
    if re.search(r"[,;:!?\"«»“”]", between):
        return 99
    linking = alternation("linking", page.language)
    return len(re.sub(rf"(?i)(?<![\w-])(?:{linking})(?![\w-])", " ", between).split())


def _organizer_by_anaphor(ctx: _Context, m: _Mention) -> str | None:
    """ "The summit of the group" (саммит объединения): the organization the text is about,
    when it names exactly one that has members."""
    page = ctx.page
    after = page.norm[m.end : min(m.sentence.end, m.end + 40)]
    if not search("org-anaphor", page.language, after):
        return None
    tops = {
        ctx.reference.top(h.id)
        for h in ctx.names.hits
        if h.kind == "organization" and not page.is_ignored(h.start)
    }
    tops = {t for t in tops if ctx.reference.has_members(t)}
    return tops.pop() if len(tops) == 1 else None


def _records_a_session(m: _Mention) -> bool:
    """The text is the record of a session ("17th Meeting (AM)" heading it) or a statement
    delivered at one."""
    heading = m.heading and m.cue == "word" and m.kind in ("session", "meeting")
    return m.cue == "address" or heading


def _organizer_of_record(ctx: _Context) -> str | None:
    """The organization a record of a session or a delivered statement names in its heading
    ("First Committee", "U.S. Mission to the United Nations"): the first one named before
    its first sentence of running text ends."""
    end = next((s.end for s in ctx.page.body() if _is_prose(ctx.page, s)), ctx.page.tail)
    for hit in ctx.names.hits:
        if hit.start >= end:
            break
        if hit.kind == "organization":
            return ctx.reference.top(hit.id)
    return None


def _is_prose(page: Page, s: Sentence) -> bool:
    text = page.norm[s.start : s.end]
    return bool(_FINISHED.search(text)) and len(text.split()) >= 8


def _adoption(ctx: _Context, m: _Mention) -> bool:
    """Whether the instrument was adopted, signed or delivered at this meeting."""
    if ctx.found is None:
        return False
    if m.sentence in ctx.found.sentences:
        return True
    if m.cue == "address":
        return ctx.found.instrument.type == "statement"
    if m.kind == "summit" and m.organizer and _of_the_issuer(ctx, m):
        return True
    text = ctx.page.norm[m.sentence.start : m.sentence.end]
    return bool(search("adopted-at", ctx.page.language, text))


def _of_the_issuer(ctx: _Context, m: _Mention) -> bool:
    """A summit of the organization that issued the instrument, at no other place or date:
    where its declaration was adopted ("Саммит ШОС" over a report on the Bishkek Declaration).
    A summit named for a place the instrument is not known to share is another one ("Logo of
    the G7 Biarritz Summit" over the Dinard Declaration)."""
    assert ctx.found is not None
    instrument = ctx.found.instrument
    issuers = {ctx.reference.top(i) for i in instrument.issuers}
    return (
        m.organizer in issuers
        and m.place in (None, instrument.place)
        and (m.date is None or instrument.date in (None, m.date))
    )


def _happened(ctx: _Context, m: _Mention) -> bool:
    if m.cue in ("address", "body", "held") or m.dated or m.adoption:
        return True
    if _still_to_come(ctx.page, m):
        return False
    if m.kind == "meeting" or (m.heading and _heading_line(ctx)):  # a dated record's heading
        return True
    if m.place and not m.heading:  # a heading's place may only name it ("Biarritz Summit")
        return True
    text = ctx.page.norm[m.sentence.start : m.sentence.end]
    return bool(search("event", ctx.page.language, text))


def _still_to_come(page: Page, m: _Mention) -> bool:
    """ "At the next session", "на следующем заседании"."""
    return bool(search("future", page.language, page.norm[max(0, m.start - 20) : m.start] + " "))


def _compatible(a: _Mention, b: _Mention) -> bool:
    return (a.date is None or b.date is None or a.date == b.date) and (
        a.place is None or b.place is None or a.place == b.place
    )


# -- one meeting ------------------------------------------------------------------------------


def _meeting(ctx: _Context, group: list[_Mention]) -> Meeting:
    page, lang = ctx.page, ctx.page.language
    instrument = ctx.found.instrument if ctx.found else None
    adoption = instrument is not None and any(m.adoption for m in group)
    date = _meeting_date(ctx, group, adoption)
    place = next((m.place for m in group if m.place), None)
    if place is None and adoption and instrument is not None:
        place = instrument.place
    if place is None and any(_records_a_session(m) for m in group):
        heading = _heading_line(ctx)
        place = heading.place if heading else None
    organizer = next((m.organizer for m in group if m.organizer), None)
    if organizer is None and any(_records_a_session(m) for m in group):
        organizer = _organizer_of_record(ctx)
    told = Told(
        sentences=frozenset(m.sentence for m in group if not m.again),
        again=frozenset(m.sentence for m in group if m.again),
        start=group[0].start,
        organizer=organizer,
        date=date,
    )
    participants = find_participants(ctx.scene, told)
    if adoption and instrument is not None:  # its issuers, and the members the text names
        for actor in (*instrument.issuers, *instrument.members):
            if ctx.reference.is_state(actor):
                participants.setdefault(actor, "member")
    kind = min((m.kind for m in group), key=lambda k: _PRIORITY.index(k) if k in _PRIORITY else 9)
    first = group[0]
    return Meeting(
        kind=kind,
        evidence=Span.of(page.text, first.start, first.end),
        date=date,
        place=place,
        organizer=organizer,
        participants=tuple(Participant(a, r) for a, r in sorted(participants.items())),
        virtual=_virtual(ctx, group),
        found=Finding("rule", f"meeting/{lang}/{kind}", 0.8),
    )


def _meeting_date(ctx: _Context, group: list[_Mention], adoption: bool) -> str | None:
    date = next((m.date for m in group if m.date), None)
    if date is not None or any(m.dated for m in group):
        return date
    if adoption and ctx.found is not None and ctx.found.instrument.date:
        return ctx.found.instrument.date
    heading = _heading_line(ctx) if any(m.heading or m.cue == "address" for m in group) else None
    if heading is not None:
        return heading.date
    dateline = ctx.dates.dateline
    if dateline and dateline.date and not _reported_later(ctx):
        return ctx.dates.published or dateline.date
    return None


@dataclass(frozen=True)
class _HeadingLine:
    date: str
    place: str | None


def _heading_line(ctx: _Context) -> _HeadingLine | None:
    """The date (and place) a record of a session or a delivered statement carries on a line
    of its own above its running text ("20 October 2011", "11 Jul 2024 15:00h - 18:00h",
    "Нью-Йорк, 20 октября 2021 года")."""
    page = ctx.page
    prose = next((s.start for s in page.body() if _is_prose(page, s)), page.tail)
    for d in ctx.dates.dates:
        if d.start >= prose:
            break
        line = page.line_at(d.start)
        places = ctx.names.within(line.start, line.end, "place")
        spans = [(h.start, h.end) for h in places] + [(d.start, d.end)]
        day = weekday_before(page.norm[line.start : d.start])  # "Wednesday, 19 October 2022"
        if day:
            spans.append((line.start + day.start(), line.start + day.end()))
        if _only(page, line, spans):
            place = places[0].id if places else _place_line(ctx, line)
            return _HeadingLine(ctx.dates.resolve(d.value), place)
    return None


def _only(page: Page, line: Sentence, spans: list[tuple[int, int]]) -> bool:
    """Whether a line holds nothing but the spans given, a time of day and punctuation."""
    rest = list(page.norm[line.start : line.end])
    for a, b in spans:
        rest[a - line.start : b - line.start] = " " * (b - a)
    return not re.search(r"[^\W\d_]", _CLOCK.sub(" ", "".join(rest)))


def _place_line(ctx: _Context, line: Sentence) -> str | None:
    """The place an official record names on a line of its own beside its date line
    ("Wednesday, 19 October 2022, 3 p.m.⏎New York")."""
    page = ctx.page
    lines = [x for x in page.lines if page.norm[x.start : x.end].strip()]
    at = lines.index(line) if line in lines else -1
    for near in [lines[i] for i in (at - 1, at + 1) if at >= 0 and 0 <= i < len(lines)]:
        places = ctx.names.within(near.start, near.end, "place")
        if len(places) == 1 and _only(page, near, [(places[0].start, places[0].end)]):
            return places[0].id
    return None


def _reported_later(ctx: _Context) -> bool:
    """The dateline's day is when a press service reported ("сообщила во вторник", "said on
    Tuesday"), so it does not date the meeting reported."""
    page = ctx.page
    return any(
        _reporting(page, page.sentence_at(w.start).start, w.start) for w in ctx.dates.weekdays
    )


def _virtual(ctx: _Context, group: list[_Mention]) -> bool:
    """Held by video link. A session in a mixed format ("в смешанном формате", "hybrid") met
    in a room with some by video link: it was not held by video link, so it is not virtual."""
    page, lang = ctx.page, ctx.page.language
    texts = [page.norm[s.start : s.end] for s in {m.sentence for m in group}]
    return any(search("virtual", lang, t) for t in texts) and not any(
        search("hybrid", lang, t) for t in texts
    )
