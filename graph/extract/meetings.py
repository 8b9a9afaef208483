"""Meetings a text describes: talks, summits, sessions, consultations, expert meetings,
conferences, signings — when, where, organised by whom, who took part and in what role.

A meeting word counts when the text says the meeting happened (a date, a place, "took place",
"по итогам", "at the ..."); a statement that only names its own place and date describes no
meeting, and a meeting named in a caption or heading ("Logo of the G7 Biarritz Summit") needs
more than the place in its name. Two more kinds of text describe a session without a meeting
word: a statement addressed to the chair ("Thank you, Mr. Chair") was delivered at one, and a
body that sits ("the General Assembly") acting on the day of the news ("on Friday approved")
held one. Mentions that agree on date and place are one meeting. The meeting at which the
instrument was adopted — a summit of its issuing organization, the session a statement was
delivered at — shares its date and place, and its issuing states took part.

Participants are the states named in the meeting's sentences and in sentences that say who
took part, delegations named anywhere ("the delegations of Russia and China"), "all member
states" of the organizer (its members on the meeting's date, none when the date cannot
resolve them), and at a UN session the states and organizations that speak. A cue written
before or after a list of them gives their role ("co-chaired by", "observer states (…)",
"(в качестве наблюдателя)"). Words are in ``graph/lexicons/meetings.tsv``.

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

from graph.extract.actors import NameHit, Names
from graph.extract.dates import DateHit, Dates
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
_ROLES = ("member", "chair", "observer", "guest")
_PRIORITY = ("summit", "talks", "consultations", "session", "expert-meeting", "conference")
# A sentence ends a heading or caption when it has no full stop (quotes may close it).
_FINISHED = re.compile(r"[.!?…][\"'»”’)]*\s*$")
# "11-12 September", "11 и 12 сентября", "с 11 по 12 сентября": a meeting begins on its first day
_RANGE = re.compile(
    r"(?i)(?:\b(\d{1,2})\s*(?:[-–—]|and|и|to|до)\s*|\bс\s+(\d{1,2})\s+по\s+|"
    r"\bfrom\s+(\d{1,2})\s+(?:to|until|till)\s+)$"
)
_CLOCK = re.compile(r"(?i)\d{1,2}[:.]\d\d\s*h?\b|\b(?:am|pm|utc|gmt)\b")
# What joins the states of one list: "Russia, China and India", "России и Китая".
_JOIN = re.compile(
    r"(?i)\s*(?:,|;|&|[-–]|\band\b|\bи\b|\bas well as\b|\bа также\b)?\s*,?\s*"
    r"(?:\band\s+|\bи\s+)?(?:the\s+)?"
)


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


def _alternation(kind: str, lang: str) -> str:
    return "|".join(p for _, p in _patterns().get((kind, lang), [])) or "(?!)"


@lru_cache(maxsize=4)
def _gap(lang: str) -> re.Pattern[str]:
    """What may stand between a role cue and the list it introduces."""
    return re.compile(rf"(?i){_alternation('role-gap', lang)}")


@lru_cache(maxsize=4)
def _spoke(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """How a text says that a state (or a list of them) spoke: the verb after it, directly or
    past a clause ("Ecuador, on the other hand, praised"; "Iran, while expressing"; "the
    European Union's Working Party … condemned"), or before it ("Says Russian Federation")."""
    verb = rf"(?:{_alternation('speech', lang)})(?![\w-])"
    after = re.compile(
        rf"(?i)(?:\s*,?\s*(?:while\s+|also\s+|then\s+|further\s+|которы\w+\s+)?{verb}"
        rf"|\s*,[^,.;]{{1,60}},\s*(?:also\s+)?{verb}|['’]s\s+(?:[\w-]+\s+){{0,6}}?{verb})"
    )
    before = re.compile(rf"(?i)(?<![\w-]){verb}\s+(?:the\s+)?$")
    return after, before


@lru_cache(maxsize=4)
def _body_act(lang: str) -> re.Pattern[str]:
    act = _alternation("body-act", lang)
    return re.compile(rf"(?i)\s*(?:\([^()]*\)\s*)?(?:\S+\s+){{0,3}}?(?:{act})(?![\w-])")


@dataclass
class _Mention:
    kind: str
    start: int
    end: int
    sentence: Sentence
    cue: str = "word"  # word | signing | address | body
    date: str | None = None
    dated: bool = False  # the text dates it (even when the date cannot be resolved)
    place: str | None = None
    organizer: str | None = None
    adoption: bool = False
    heading: bool = False  # named in a heading or caption, not in a finished sentence
    again: bool = False  # spoken of again, without saying it happened: only its cues count
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
    groups: list[list[_Mention]] = []
    for mention in _mentions(ctx):
        happened = _happened(ctx, mention)
        if not happened and _search("future", page.language, _before(page, mention)):
            continue
        home = next((g for g in groups if all(_compatible(mention, o) for o in g)), None)
        if home is not None:
            mention.again = not happened  # "Сопредседателями заседания выступили …"
            home.append(mention)
        elif happened:
            groups.append([mention])
    return [_meeting(ctx, group) for group in groups]


def _before(page: Page, m: _Mention) -> str:
    return page.norm[max(0, m.start - 20) : m.start] + " "


# -- mentions -------------------------------------------------------------------------------


def _mentions(ctx: _Context) -> list[_Mention]:
    out = _word_mentions(ctx)
    taken = [(m.start, m.end) for m in out]
    out += [
        m
        for m in _address_mentions(ctx) + _body_mentions(ctx)
        if not any(a <= m.start < b for a, b in taken)
    ]
    for mention in out:
        _describe(ctx, mention)
    return sorted(out, key=lambda m: m.start)


def _word_mentions(ctx: _Context) -> list[_Mention]:
    page, lang = ctx.page, ctx.page.language
    out: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, rule in rules().get(("kind", lang), []) + _signings(lang):
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


def _signings(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    return [("signing", rule) for _, rule in rules().get(("signing", lang), [])]


def _signs_a_document(page: Page, verb: re.Match[str], sentence: Sentence) -> bool:
    """A signing is a meeting when what is signed is an agreement or a document, not a
    national act a head of state signs alone ("подписал указ об утверждении Соглашения")."""
    lang = page.language
    after = page.norm[verb.end() : sentence.end]
    domestic = _search("signed-domestic", lang, after)
    document = _search("signed-object", lang, after)
    if domestic and (document is None or domestic.start() < document.start()):
        return False
    return bool(
        document or _search("signed-object", lang, page.norm[sentence.start : verb.start()])
    )


def _address_mentions(ctx: _Context) -> list[_Mention]:
    """ "Thank you, Mr. Chair": the text is a statement delivered at a session."""
    page = ctx.page
    for _, rule in rules().get(("address", page.language), []):
        for m in rule.finditer(page.norm, 0, page.tail):
            if not page.is_ignored(m.start()):
                return [_Mention("session", *m.span(), page.sentence_at(m.start()), "address")]
    return []


def _body_mentions(ctx: _Context) -> list[_Mention]:
    """A body that sits acting on the day of the news: "The United Nations General Assembly
    on Friday approved a resolution", "Генассамблея ООН сегодня приняла резолюцию"."""
    page, lang = ctx.page, ctx.page.language
    out: list[_Mention] = []
    for hit in ctx.names.hits:
        if hit.kind != "organization" or not _search("body", lang, page.norm[hit.start : hit.end]):
            continue
        if any(m.start <= hit.start < m.end for m in out):
            continue
        sentence = page.sentence_at(hit.start)
        if not _body_act(lang).match(page.norm, hit.end, sentence.end):
            continue
        if not _news_day(ctx, sentence):
            continue
        mention = _Mention("session", hit.start, hit.end, sentence, "body")
        mention.organizer = ctx.reference.top(hit.id)
        out.append(mention)
    return out


def _news_day(ctx: _Context, s: Sentence) -> bool:
    text = ctx.page.norm[s.start : s.end]
    return bool(
        any(s.start <= w.start < s.end for w in ctx.dates.weekdays)
        or _search("news-time", ctx.page.language, text)
    )


def _describe(ctx: _Context, m: _Mention) -> None:
    page, names = ctx.page, ctx.names
    s = m.sentence
    m.date, m.dated = _sentence_date(ctx, s)
    dateline = ctx.dates.dateline
    places = [
        h for h in names.within(s.start, s.end, "place")
        if not (dateline and dateline.start <= h.start < dateline.end)
    ]  # fmt: skip
    if places:
        m.place = min(places, key=lambda h: abs(h.start - m.start)).id
    m.organizer = m.organizer or _organizer(ctx, m)
    m.adoption = _adoption(ctx, m)
    m.heading = _in_heading(page, m.start)


def _in_heading(page: Page, offset: int) -> bool:
    """Whether an offset lies in a heading or caption: a line without a full stop that the
    next line does not continue (a hard-wrapped line of prose goes on in lower case)."""
    line = page.line_at(offset)
    if _FINISHED.search(page.norm[line.start : line.end]):
        return False
    following = page.norm[line.end : line.end + 200].lstrip()
    return not following[:1].islower()


def _sentence_date(ctx: _Context, s: Sentence) -> tuple[str | None, bool]:
    """The date a sentence gives (the first day of a span of days), and whether it dates
    the meeting at all (a weekday that cannot be resolved still does)."""
    page, dates = ctx.page, ctx.dates
    dateline = dates.dateline
    in_dateline = (dateline.start, dateline.end) if dateline else (0, 0)
    explicit = [
        d
        for d in dates.dates
        if s.start <= d.start < s.end and not in_dateline[0] <= d.start < in_dateline[1]
    ]
    if explicit:
        return dates.resolve(_first_day(page, explicit[0])), True
    for weekday in dates.weekdays:
        if s.start <= weekday.start < s.end and not _REPORTING.search(
            page.norm[s.start : weekday.start]
        ):
            resolved = dates.weekday_date(weekday)
            return (dates.resolve(resolved) if resolved else None), True
    return None, False


def _first_day(page: Page, hit: DateHit) -> str:
    m = _RANGE.search(page.norm, max(0, hit.start - 16), hit.start)
    if m is None:
        return hit.value
    day = int(next(g for g in m.groups() if g))
    return f"{hit.value[:-2]}{day:02d}" if 1 <= day < int(hit.value[-2:]) else hit.value


def _organizer(ctx: _Context, m: _Mention) -> str | None:
    page, names, ref = ctx.page, ctx.names, ctx.reference
    best: tuple[int, str] | None = None
    for hit in names.within(m.sentence.start, m.sentence.end, "organization"):
        top = ref.top(hit.id)
        before = page.norm[max(m.sentence.start, hit.start - 40) : hit.start]
        if _search("setting", page.language, before + " "):
            continue
        between = (
            page.norm[hit.end : m.start] if hit.end <= m.start else page.norm[m.end : hit.start]
        )
        between = re.sub(r"\([^()]*\)", " ", between)
        # "the ninth meeting of the first session of the Working Group": words that only
        # link the names do not part the meeting from its organizer
        distance = len(re.sub(r"(?i)\b(?:of|the|a|an)\b", " ", between).split())
        if re.search(r"[,;:!?\"«»“”]", between):
            distance = 99  # another clause, or a quotation, lies between them
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


def _records_a_session(m: _Mention) -> bool:
    """The text is the record of a session ("17th Meeting (AM)" heading it) or a statement
    delivered at one."""
    return m.cue == "address" or (
        m.heading and m.cue == "word" and m.kind in ("session", "meeting")
    )


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
    instrument = ctx.found.instrument
    if m.sentence in ctx.found.sentences:
        return True
    if m.cue == "address":
        return instrument.type == "statement"
    if m.kind == "summit" and m.organizer and _of_the_issuer(ctx, m):
        return True
    text = ctx.page.norm[m.sentence.start : m.sentence.end]
    return bool(re.search(r"(?i)по итогам|following|adopted at|принят\w* на|подписа|signed", text))


def _of_the_issuer(ctx: _Context, m: _Mention) -> bool:
    """A summit of the organization that issued the instrument, at no other place or date:
    where its declaration was adopted ("Саммит ШОС" over a report on the Bishkek Declaration)."""
    assert ctx.found is not None
    instrument = ctx.found.instrument
    issuers = {ctx.reference.top(i) for i in instrument.issuers}
    return (
        m.organizer in issuers
        and (m.place is None or instrument.place in (None, m.place))
        and (m.date is None or instrument.date in (None, m.date))
    )


def _happened(ctx: _Context, m: _Mention) -> bool:
    if m.cue in ("address", "body") or m.dated or m.adoption:
        return True
    if _search("future", ctx.page.language, _before(ctx.page, m)):
        return False  # "at the next session", "на следующем заседании"
    if m.kind == "meeting" or (m.heading and _heading_line(ctx)):  # a dated record's heading
        return True
    if m.place and not m.heading:  # a heading's place may only name it ("Biarritz Summit")
        return True
    text = ctx.page.norm[m.sentence.start : m.sentence.end]
    return bool(_search("event", ctx.page.language, text))


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
    participants = _all_participants(ctx, group, organizer, date)
    if adoption and instrument is not None:
        for issuer in instrument.issuers:
            if ctx.reference.is_state(issuer):
                participants.setdefault(issuer, "member")
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
    heading = _heading_line(ctx) if any(m.heading for m in group) else None
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
    end = next((s.start for s in page.body() if _is_prose(page, s)), page.tail)
    for d in ctx.dates.dates:
        if d.start >= end:
            break
        line = page.line_at(d.start)
        places = ctx.names.within(line.start, line.end, "place")
        rest = list(page.norm[line.start : line.end])
        for start, end in [(h.start, h.end) for h in places] + [(d.start, d.end)]:
            rest[start - line.start : end - line.start] = " " * (end - start)
        if not re.search(r"[^\W\d_]", _CLOCK.sub(" ", "".join(rest))):
            return _HeadingLine(ctx.dates.resolve(d.value), places[0].id if places else None)
    return None


def _reported_later(ctx: _Context) -> bool:
    """The dateline's day is when a press service reported ("сообщила во вторник", "said on
    Tuesday"), so it does not date the meeting reported."""
    page = ctx.page
    return any(
        _REPORTING.search(page.norm[page.sentence_at(w.start).start : w.start])
        for w in ctx.dates.weekdays
    )


def _virtual(ctx: _Context, group: list[_Mention]) -> bool:
    """Held by video link. A session in a mixed format ("в смешанном формате", "hybrid") met
    in a room with some by video link: it was not held by video link, so it is not virtual."""
    page, lang = ctx.page, ctx.page.language
    texts = [page.norm[s.start : s.end] for s in {m.sentence for m in group}]
    return any(_search("virtual", lang, t) for t in texts) and not any(
        _search("hybrid", lang, t) for t in texts
    )


# -- participants -----------------------------------------------------------------------------


def _all_participants(
    ctx: _Context, group: list[_Mention], organizer: str | None, date: str | None
) -> dict[str, str]:
    page, lang = ctx.page, ctx.page.language
    out: dict[str, str] = {}
    sentences = {m.sentence for m in group if not m.again}
    for sentence in page.body():
        text = page.norm[sentence.start : sentence.end]
        if sentence.start > group[0].start and _search("participation", lang, text):
            sentences.add(sentence)
    found: list[dict[str, str]] = [
        _participants(ctx, s, organizer) for s in sorted(sentences, key=lambda s: s.start)
    ]
    found += [
        _cued_roles(ctx, m.sentence.start, m.sentence.end, _ROLES, organizer)
        for m in group
        if m.again and m.sentence not in sentences
    ]
    found.append(_delegations(ctx, organizer))
    if organizer == "UN":
        found.append(_speakers(ctx, organizer))
    for roles in found:
        for actor, role in roles.items():
            if out.get(actor, "member") == "member":
                out[actor] = role
    for member in _all_members(ctx, sentences, organizer, date):
        out.setdefault(member, "member")
    return out


def _participants(ctx: _Context, s: Sentence, organizer: str | None) -> dict[str, str]:
    """Who a sentence of the meeting names as taking part, with their roles."""
    page, names = ctx.page, ctx.names
    cued = _cued_roles(ctx, s.start, s.end, _ROLES, organizer)
    out: dict[str, str] = {}
    for hit in names.within(s.start, s.end):
        if hit.kind == "state" and not names.is_locative(hit):
            out.setdefault(hit.id, cued.get(hit.id, "member"))
        elif (
            hit.kind == "organization"
            and _SECRETARIAT.search(page.text[hit.start : hit.end])
            and ctx.reference.parent_of(hit.id)
            and not names.is_locative(hit)
        ):
            out.setdefault(hit.id, "secretariat")
    for actor, role in cued.items():
        out.setdefault(actor, role)  # an organization cued as a delegation, an observer...
    text = page.norm[s.start : s.end]
    for person in ctx.persons:
        surname = person.evidence.exact.split()[-1]
        if person.acts_for and re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", text):
            out.setdefault(person.acts_for, "member")
    return out


def _delegations(ctx: _Context, organizer: str | None) -> dict[str, str]:
    """States and organizations named as delegations anywhere on the page ("the
    representative of Nicaragua", "делегации России и Китая", "China's representative")."""
    out: dict[str, str] = {}
    for s in ctx.page.body():
        for actor, role in _cued_roles(ctx, s.start, s.end, ("member",), organizer).items():
            out.setdefault(actor, role)
    return out


def _lists(ctx: _Context, start: int, end: int) -> list[list[NameHit]]:
    """Runs of states and organizations joined only by commas and "and": "Russia, China and
    India", "России и Китая" (one name inside another counts once)."""
    out: list[list[NameHit]] = []
    last_end = -1
    for hit in ctx.names.within(start, end):
        if hit.kind not in ("state", "organization") or hit.start < last_end:
            continue
        last_end = hit.end
        if out and _JOIN.fullmatch(ctx.page.norm[out[-1][-1].end : hit.start]):
            out[-1].append(hit)
        else:
            out.append([hit])
    return out


def _cued_roles(
    ctx: _Context, start: int, end: int, roles: tuple[str, ...], organizer: str | None
) -> dict[str, str]:
    """The role of each list a cue introduces or follows: a cue before a list applies to all
    of it ("observer states (Afghanistan, India, Pakistan)", "co-chaired by Russia and
    China"); one after applies to all ("Afghanistan and India as observers"), or only to the
    last when in brackets ("Армении, Молдовы (в качестве наблюдателя)")."""
    out: dict[str, str] = {}
    for found in _lists(ctx, start, end):
        members = [h for h in found if _may_take_part(ctx, h, organizer)]
        if not members:
            continue
        before = _cue_before(ctx, found[0], start, roles)
        given: dict[str, str | None] = dict.fromkeys((h.id for h in members), before)
        after = _cue_after(ctx, found[-1], roles)
        if after is not None:
            role, only_last = after
            for h in members[-1:] if only_last else members:
                if given.get(h.id) in (None, "member"):
                    given[h.id] = role
        for actor, cued in given.items():
            if cued is not None:
                out.setdefault(actor, cued)
    return out


def _may_take_part(ctx: _Context, hit: NameHit, organizer: str | None) -> bool:
    """States, and organizations other than the organizer that have no parent (a unit takes
    part as its secretariat, see ``_participants``)."""
    if hit.kind == "state":
        return not ctx.names.is_locative(hit)
    ref = ctx.reference
    return ref.parent_of(hit.id) is None and ref.top(hit.id) != organizer


def _cue_before(ctx: _Context, first: NameHit, start: int, roles: tuple[str, ...]) -> str | None:
    page, lang = ctx.page, ctx.page.language
    begin = max(start, first.start - 80)
    window = list(page.norm[begin : first.start])
    for hit in ctx.names.within(begin, first.start, "organization"):
        window[hit.start - begin : hit.end - begin] = " " * (hit.end - hit.start)
    text = "".join(window)
    if _behalf_right_before(text, lang):
        return None
    best: tuple[int, str] | None = None
    for role, rule in _role_rules("role-before", lang, roles):
        for m in rule.finditer(text):
            if _gap(lang).fullmatch(text, m.end()) and (best is None or m.end() > best[0]):
                best = (m.end(), role)
    return best[1] if best else None


def _cue_after(ctx: _Context, last: NameHit, roles: tuple[str, ...]) -> tuple[str, bool] | None:
    """The role a cue right after a list gives, and whether it is in brackets (then it is
    the last name's only)."""
    page, lang = ctx.page, ctx.page.language
    start = last.end + 1 if "." in page.norm[last.start : last.end] else last.end  # "U.S."
    text = page.norm[start : start + 40]
    for role, rule in _role_rules("role-after", lang, roles):
        m = rule.search(text)
        if m is None or not _took_part(lang).fullmatch(text, 0, m.start()):
            continue
        if _search("states-word", lang, text[m.end() :].lstrip()):
            continue  # "SCO observer states": the states are the organization's observers
        return role, "(" in text[: m.start()]
    return None


@lru_cache(maxsize=4)
def _took_part(lang: str) -> re.Pattern[str]:
    """What may stand between a list and its role: a bracket, or a verb of taking part
    ("Serbia took part as a guest", "Сербия участвовала в качестве гостя")."""
    verb = _alternation("participation", lang)
    return re.compile(rf"(?i)\s*(?:\(\s*)?(?:(?:{verb})\s+)?")


def _role_rules(side: str, lang: str, roles: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    return [(role, rule) for role, rule in rules().get((side, lang), []) if role in roles]


def _speakers(ctx: _Context, organizer: str) -> dict[str, str]:
    """At a UN session, the states and organizations that speak ("Costa Rica voiced
    concerns", "Several countries, including Russia and Iran, expressed", "said China's
    representative"), not those spoken for ("on behalf of the European Union")."""
    page, lang = ctx.page, ctx.page.language
    after, before = _spoke(lang)
    out: dict[str, str] = {}
    for s in page.body():
        for found in _lists(ctx, s.start, s.end):
            head = page.norm[max(s.start, found[0].start - 30) : found[0].start]
            if _behalf_right_before(head, lang):
                continue
            spoke = after.match(page.norm, found[-1].end, s.end) or before.search(head)
            for hit in found if spoke else []:
                if _may_take_part(ctx, hit, organizer):
                    out.setdefault(hit.id, "member")
    for person in ctx.persons:
        surname = re.escape(person.evidence.exact.split()[-1])
        for m in re.finditer(rf"(?<!\w){surname}(?!\w)", page.norm):
            if person.acts_for and after.match(page.norm, m.end()):
                out.setdefault(person.acts_for, "member")
    return out


def _behalf_right_before(head: str, lang: str) -> bool:
    return any(
        re.search(rf"(?i)(?:{p})\s*$", head) for _, p in _patterns().get(("behalf", lang), [])
    )


def _all_members(
    ctx: _Context, sentences: set[Sentence], organizer: str | None, date: str | None
) -> list[str]:
    """ "All member states" took part: the members of the organization on the meeting's date
    (none when the date is partial or unknown, as for holders). It counts in a sentence that
    says who took part, or after a word for delegations or leaders ("delegations of all
    member states", "главы всех государств-членов")."""
    page, lang = ctx.page, ctx.page.language
    for s in sentences:
        text = page.norm[s.start : s.end]
        m = _search("all-members", lang, text)
        if m is None:
            continue
        lead = text[max(0, m.start() - 60) : m.start()]
        if not (
            _search("participation", lang, text)
            or any(rule.search(lead) for _, rule in _role_rules("role-before", lang, ("member",)))
            or _search("attendee", lang, lead)
        ):
            continue
        org = _organization_near(ctx, s.start + m.start(), s.start + m.end() + 20) or organizer
        if org and date:
            return ctx.reference.members_of(org, date)
    return []


def _organization_near(ctx: _Context, start: int, end: int) -> str | None:
    tops = [
        ctx.reference.top(h.id)
        for h in ctx.names.within(start, end, "organization")
        if ctx.reference.has_members(ctx.reference.top(h.id))
    ]
    return tops[0] if tops else None
