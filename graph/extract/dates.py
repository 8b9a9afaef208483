"""Dates, datelines, publication and places, Russian and English → ISO dates and place keys.

Dates are ``YYYY-MM-DD`` when the text fixes the year, ``--MM-DD`` when it does not (never a
guessed year). A year missing from a date is taken from the page's own full date when the day
is not after it. A span of days ("11–12 September 2014", "on 11 and 12 September") is one date
hit from its first day to its last. Weekdays (``в пятницу``, ``on Monday``) and days said
relative to the text (``yesterday``, ``накануне``) are resolved only against a date the text
gives: the dateline, or a publication date; a weekday the lede ties to the dateline ("said in a
statement on Tuesday") lets other weekdays count back from it. Month, weekday and relative-day
words are in ``graph/lexicons/calendar.tsv``.

Every date of the page head has a role: an agency *dateline* dates the report; a date line with
a time or alone on a line in a news page is the page's *stamp*, which also dates the report; a
line labelled "Updated:", "Published:", "Дата публикации:" gives the publication date only
(it never dates what the report is about); a weekday before a date in a site's date bar
("Saturday, 5 December 2026") is the day the page was viewed, no date of the text at all; a
date with a place ("Saint Malo, France, April 6, 2019", "г. Москва, «10» ноября 2020 года") or
alone under a document's heading is the document's own date line.

>>> from graph.extract.text import Page
>>> page = Page.of("МОСКВА, 19 ноября. /ТАСС/. Совместное заявление принято.")
>>> found = read_dates(page)
>>> found.dateline.date, found.published, found.publisher
('--11-19', '--11-19', 'TASS')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.extract import russian
from graph.extract.text import DatelineSpan, Page, Sentence, find_dateline
from graph.paths import LEXICONS_DIR
from graph.reference import Reference


@dataclass(frozen=True)
class CalendarWord:
    """A line of ``calendar.tsv``: a month, weekday, relative day or year, and how it is written."""

    kind: str
    number: int
    language: str
    pattern: str


@lru_cache(maxsize=1)
def calendar() -> tuple[CalendarWord, ...]:
    """The words of ``graph/lexicons/calendar.tsv``.

    >>> [w.number for w in calendar() if w.kind == "month" and w.language == "ru"][:3]
    [1, 2, 3]
    """
    rows = []
    for line in (LEXICONS_DIR / "calendar.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, number, language, pattern = (part.strip() for part in line.split("\t"))
            rows.append(CalendarWord(kind, int(number), language, pattern))
    return tuple(rows)


def _alternation(kind: str) -> str:
    return "|".join(w.pattern for w in calendar() if w.kind == kind)


def _number(kind: str, text: str) -> int | None:
    """The number of a month, weekday, day or year word as written."""
    lower = text.lower().strip()
    for w in calendar():
        if w.kind == kind and re.fullmatch(w.pattern, lower, re.IGNORECASE):
            return w.number
    return None


_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?=\d{1,2}:\d\d)|(?!\d))"
_YEAR_WORD = r"(?:\s*(?:года|год|г\.|г(?![\w-])))?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY = r"(?P<day>[0-3]?\d)"
_FIRST = r"(?P<first>[0-3]?\d)"
# between the two days of a span: "11-12", "11 and 12", "с 11 по 12", "from 11 to 12"
_SPAN = r"\s*(?:[-–—]|to|and|и|по)\s*"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Date forms, the spans of days first so a span is never read as its last day."""
    month = rf"(?P<month>{_alternation('month')})(?![а-яёa-z])"
    year = rf"(?:,?\s+{_YEAR}{_YEAR_WORD})?"
    return (
        re.compile(
            rf"(?i)(?<![\d.]){_FIRST}{_ORDINAL}{_SPAN}{_DAY}{_ORDINAL}(?:\s+of)?\s+{month}{year}"
        ),
        re.compile(
            rf"(?i)(?<![\w-]){month}\s+{_FIRST}{_ORDINAL}{_SPAN}{_DAY}{_ORDINAL}(?!\d){year}"
        ),
        re.compile(rf'(?i)(?<![\d.])["«]?{_DAY}["»]?{_ORDINAL}(?:\s+of)?\s+{month}{year}'),
        re.compile(rf"(?i)(?<![\w-]){month}\s+{_DAY}{_ORDINAL}(?!\d)(?:,?\s+{_YEAR})?"),
        re.compile(
            r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)"
        ),
        re.compile(
            r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"
        ),
    )


@lru_cache(maxsize=1)
def _year_words() -> re.Pattern[str]:
    return re.compile(rf"(?i)\s+(?P<word>{_alternation('year')})(?![\w-])")


@dataclass(frozen=True)
class DateHit:
    """A date written in the text: its offsets and ISO value (full or ``--MM-DD``); a span of
    days has its first day as ``value`` and its last as ``last``."""

    start: int
    end: int
    value: str
    last: str | None = None
    year_offset: int | None = None  # "22 декабря прошлого года": -1, the year before the text's


@dataclass(frozen=True)
class WeekdayHit:
    start: int
    end: int
    weekday: int  # Monday = 0
    reported: bool = False  # the day something was said: "the ministry said on Tuesday"


@dataclass(frozen=True)
class RelativeDay:
    """``yesterday``, ``накануне``, ``today``: days after the text's own date."""

    start: int
    end: int
    days: int


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    place: str | None  # the city as written
    date: str | None
    agency: str | None
    place_start: int = 0
    place_end: int = 0


@dataclass(frozen=True)
class Dates:
    """Every date of a page, and what they say about the page itself."""

    dates: tuple[DateHit, ...] = ()
    weekdays: tuple[WeekdayHit, ...] = ()
    dateline: Dateline | None = None
    page_date: str | None = None
    published: str | None = None
    publisher: str | None = None
    document_lines: tuple[DateHit, ...] = ()  # the document's own date lines
    report_date: str | None = None  # the day a report is of: its dateline or stamp, not a label
    page_lines: tuple[DateHit, ...] = ()  # dates of the page, not of what it reports
    relative_days: tuple[RelativeDay, ...] = ()

    def resolve(self, value: str) -> str:
        """A date completed with the page's year when the page's full date allows it."""
        return complete(value, self.published or self.page_date)

    def resolve_hit(self, hit: DateHit) -> str:
        """A date hit completed with the page's year, or the year it says relative to it."""
        reference = self.published or self.page_date
        if hit.year_offset is not None and reference and not reference.startswith("--"):
            return f"{int(reference[:4]) + hit.year_offset}{hit.value[1:]}"
        return self.resolve(hit.value)

    def is_page_date(self, hit: DateHit) -> bool:
        """Whether a date is the page's own (dateline, stamp, publication line, date bar)."""
        if self.dateline and self.dateline.start <= hit.start < self.dateline.end:
            return True
        return any(p.start == hit.start for p in self.page_lines)

    @property
    def anchor(self) -> str | None:
        """The text's own day, which weekdays and relative days count from."""
        if self.dateline and self.dateline.date:
            return complete(self.dateline.date, self.published)
        return self.published

    def weekday_date(self, hit: WeekdayHit) -> str | None:
        """The date a weekday stands for, counted back from the dateline or publication."""
        anchor = self.anchor
        if anchor is None:
            return None
        if not anchor.startswith("--"):
            day = dt.date.fromisoformat(anchor)
            return (day - dt.timedelta(days=(day.weekday() - hit.weekday) % 7)).isoformat()
        anchor_day = self.anchor_weekday()
        if anchor_day is None:
            return None  # a weekday of a day-month whose weekday the text does not tell
        return shift(anchor, -((anchor_day - hit.weekday) % 7))

    def relative_date(self, hit: RelativeDay) -> str | None:
        """The date ``yesterday`` or ``today`` stands for, from the dateline or publication."""
        return shift(self.anchor, hit.days) if self.anchor else None

    def anchor_weekday(self) -> int | None:
        """The weekday of the dateline, when the report tells it: a weekday something is said
        on ("the ministry said on Tuesday"), else the one weekday the report names ("в
        декларации, опубликованной в пятницу": a report is of its dateline's day); None when it
        names several."""
        if not self.dateline:
            return None
        after = [w for w in self.weekdays if w.start >= self.dateline.end]
        said = [w.weekday for w in after if w.reported]
        if said:
            return said[0]
        return after[0].weekday if len({w.weekday for w in after}) == 1 else None


def complete(value: str, reference: str | None) -> str:
    """``--MM-DD`` with the year of a full reference date, when the day is not after it.

    >>> complete("--09-04", "2017-09-04"), complete("--12-30", "2017-09-04")
    ('2017-09-04', '--12-30')
    """
    if not value.startswith("--") or not reference or reference.startswith("--"):
        return value
    candidate = reference[:4] + value[1:]
    return candidate if candidate <= reference else value


def shift(value: str, days: int) -> str | None:
    """A full or partial date moved by whole days; None where a partial date cannot tell
    (across the end of February, whose length depends on the year it does not give).

    >>> shift("2020-03-01", -1), shift("--11-19", -1), shift("--03-01", -1), shift("--01-01", -1)
    ('2020-02-29', '--11-18', None, '--12-31')
    """
    if not value.startswith("--"):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    start = dt.date.fromisoformat("2001" + value[1:])
    moved = start + dt.timedelta(days=days)
    low, high = sorted((start, moved))
    if any(low < dt.date(year, 3, 1) <= high for year in {low.year, high.year}):
        return None
    return "--" + moved.isoformat()[5:]


def month_number(text: str) -> int | None:
    """The month a word names, in Russian or English, full or abbreviated.

    >>> month_number("июн"), month_number("Sept."), month_number("Saint")
    (6, 9, None)
    """
    return _number("month", text)


def _iso(year: str | None, month: int, day: int) -> str | None:
    try:
        dt.date(int(year) if year else 2000, month, day)
    except ValueError:
        return None
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _month_of(m: re.Match[str]) -> int | None:
    text = m.group("month")
    if text.isdigit():
        return int(text)
    if re.fullmatch(r"[a-zA-Z.]+", text) and not text[0].isupper():
        return None  # "states may 5", "a march": English months are capitalised
    return _number("month", text.rstrip(".") if len(text) > 4 else text)


def _hit(text: str, m: re.Match[str]) -> DateHit | None:
    month = _month_of(m)
    if month is None:
        return None
    year = m.group("year")
    value = _iso(year, month, int(m.group("day")))
    if value is None:
        return None
    groups = m.groupdict()
    if groups.get("first"):
        first = _iso(year, month, int(groups["first"]))
        if first is None or first >= value:
            return None
        return DateHit(m.start(), m.end(), first, value)
    relative = None if year else _year_words().match(text, m.end())
    if relative:
        offset = _number("year", relative.group("word"))
        return DateHit(m.start(), relative.end(), value, year_offset=offset)
    return DateHit(m.start(), m.end(), value)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateHit]:
    """The dates written in ``text[start:end]``.

    >>> [d.value for d in find_dates("«10» ноября 2020 года; September 5, 2014; July 4")]
    ['2020-11-10', '2014-09-05', '--07-04']
    >>> [d.value for d in find_dates("16 сентября 202213:28 и 23.11.2022; June 19th")]
    ['2022-09-16', '2022-11-23', '--06-19']
    >>> [(d.value, d.last) for d in find_dates("met on 11-12 September 2014")]
    [('2014-09-11', '2014-09-12')]
    """
    stop = len(text) if end is None else end
    hits: list[DateHit] = []
    for pattern in _patterns():
        for m in pattern.finditer(text, start, stop):
            if any(h.start <= m.start() < h.end or m.start() <= h.start < m.end() for h in hits):
                continue
            hit = _hit(text, m)
            if hit:
                hits.append(hit)
    return _join_spans(text, sorted(hits, key=lambda h: h.start))


_ACROSS_MONTHS = re.compile(r"\s*[-–—]\s*|\s+(?:to|по|until|till|до)\s+")


def _join_spans(text: str, hits: list[DateHit]) -> list[DateHit]:
    """ "30 November - 1 December 2017", "с 30 ноября по 1 декабря": one span across months,
    the first day taking the year of the last."""
    out: list[DateHit] = []
    for hit in hits:
        before = out[-1] if out else None
        if (
            before is not None
            and before.last is None
            and before.value.startswith("--")
            and _ACROSS_MONTHS.fullmatch(text[before.end : hit.start])
        ):
            first = complete(before.value, hit.last or hit.value)
            if first < (hit.last or hit.value) or first.startswith("--"):
                out[-1] = DateHit(before.start, hit.end, first, hit.last or hit.value)
                continue
        out.append(hit)
    return out


@lru_cache(maxsize=1)
def _weekday_pattern() -> re.Pattern[str]:
    names = _alternation("weekday")
    return re.compile(
        rf"(?i)(?<![\w-])(?:(?:в|во|on|last|this|past)\s+(?P<said>{names})|(?P<own>{names})'s)"
        r"(?![\w-])"
    )


def find_weekdays(text: str, start: int = 0, end: int | None = None) -> list[WeekdayHit]:
    """Weekdays named as when something happened.

    >>> [w.weekday for w in find_weekdays("состоявшихся в пятницу; signed on Monday; в среде")]
    [4, 0]
    """
    stop = len(text) if end is None else end
    out = []
    for m in _weekday_pattern().finditer(text, start, stop):
        name = m.group("said") or m.group("own")
        if name.lower() in ("среда", "среды", "среде", "пятница", "суббота"):
            continue  # "в среде" is "in the environment"; the accusative says when
        number = _number("weekday", name)
        if number is not None:
            out.append(WeekdayHit(m.start(), m.end(), number))
    return out


@lru_cache(maxsize=1)
def _relative_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<![\w-])(?P<word>{_alternation('day')})(?![\w-])(?!'s)")


def find_relative_days(text: str, start: int = 0, end: int | None = None) -> list[RelativeDay]:
    """``yesterday``, ``накануне``, ``today``: days said relative to the text's own date.

    >>> [d.days for d in find_relative_days("adopted yesterday; принято сегодня; today's world")]
    [-1, 0]
    """
    stop = len(text) if end is None else end
    out = []
    for m in _relative_pattern().finditer(text, start, stop):
        days = _number("day", m.group("word"))
        if days is not None:
            out.append(RelativeDay(m.start(), m.end(), days))
    return out


_TIME = re.compile(r"\d{1,2}:\d\d")
_PAGE_WORDS = (
    r"updated|обновлено|опубликовано|published|posted|дата публикации|последнее изменение|"
    r"date of publication|publication date|last modified"
)
# a label of the page: "Updated: 2016-06-26", "Published June 20, 2023", "Дата публикации:\n…"
_LABEL_BEFORE = re.compile(rf"(?i)({_PAGE_WORDS})(?:\s+(?:at|on|в))?[\s:|,-]*$")
_TIME_AFTER = re.compile(r"[\s,|•-]*\d{1,2}:\d\d")  # matched at the date's end
_REPORT_CONTEXT = re.compile(
    r"(?i)(?:(?:сообщает|передает|пишет)(?:\s+[^\s\"]+){0,3}\s*\"?|со ссылкой на|источник:|"
    r"по материалам|based on materials from|according to|reports?|reported by|citing)\s*$"
)
# "Об этом БЕЛТА сообщили в пресс-службе": the agency was told, so it published the report
_TOLD_BEFORE = re.compile(r"(?i)\bоб этом\s*$")
_TOLD_AFTER = re.compile(r"(?i)^\s*сообщил")
# what may stand beside the date on the document's own date line: its place, "Done at"
_PLACE_LINE = re.compile(
    r"(?:(?i:г|город|city of|done (?:at|in)|signed (?:at|in)|adopted (?:at|in)|"
    r"совершено в(?: городе)?|подписано в(?: городе)?)\.?\s*)?"
    r"[A-ZА-ЯЁ][\w'-]*(?:,?\s+(?:[A-ZА-ЯЁ][\w'-]*|de|da|on|upon|am|и|and)){0,5}"
)


def read_dates(page: Page) -> Dates:
    r"""Dates, dateline, the page's date lines, publication date and publisher of a page.

    >>> read_dates(Page.of("13.04.2022\nТекст.\nИсточник: ТАСС")).published
    '2022-04-13'
    >>> found = read_dates(Page.of("( Updated: 2016-06-26 09:54\n\nWe, the Presidents, agree."))
    >>> found.published, found.report_date
    ('2016-06-26', None)
    """
    norm = page.norm
    all_dates = find_dates(norm)
    dateline = _dateline(page, all_dates)
    publisher = find_publisher(page, dateline)
    roles = {hit.start: _role(page, hit, dateline) for hit in all_dates}
    news = (
        publisher is not None
        or dateline is not None
        or any(role in ("stamp", "label", "updated") for role in roles.values())
    )

    def having(*wanted: str) -> list[DateHit]:
        return [d for d in all_dates if roles[d.start] in wanted]

    stamps = having("stamp", "bare") if news else having("stamp")
    labels = having("label")
    first = min(stamps + labels, key=lambda d: d.start, default=None)
    page_date = first or next(iter(having("updated")), None)
    published = _published(dateline, page_date)
    report = stamps[0].value if stamps else None
    if dateline and dateline.date:
        report = complete(dateline.date, page_date.value if page_date else None)
    bars = having("bar")
    return Dates(
        dates=tuple(d for d in all_dates if not page.is_ignored(d.start) and d not in bars),
        weekdays=tuple(
            replace(w, reported=_reported(page, w.start))
            for w in find_weekdays(norm)
            if not page.is_ignored(w.start)
        ),
        dateline=dateline,
        page_date=page_date.value if page_date else None,
        published=published,
        publisher=publisher,
        document_lines=tuple(having("document", *(() if news else ("bare",)))),
        report_date=report,
        page_lines=tuple(stamps + labels + having("updated") + bars),
        relative_days=tuple(
            r for r in find_relative_days(norm, 0, page.tail) if not page.is_ignored(r.start)
        ),
    )


def _dateline(page: Page, dates: list[DateHit]) -> Dateline | None:
    """The agency dateline of the page head, when its date is a date (or an agency in slashes
    or brackets vouches for it)."""
    limit = min(len(page.norm), 1500)
    found = find_dateline(page.norm, 0, limit)
    while found and (page.is_ignored(found.start) or not _vouched(page, found, dates)):
        found = find_dateline(page.norm, found.end, limit)
    if found is None:
        return None
    inside = [d for d in dates if found.date_start <= d.start < found.date_end]
    agency = page.norm[found.agency_start : found.agency_end].strip("/() .,:")
    return Dateline(
        found.start,
        found.end,
        page.norm[found.place_start : found.place_end],
        inside[0].value if inside and inside[0].last is None else None,
        agency or None,
        found.place_start,
        found.place_end,
    )


def _vouched(page: Page, found: DatelineSpan, dates: list[DateHit]) -> bool:
    if any(found.date_start <= d.start < found.date_end for d in dates):
        return True
    return page.norm[found.agency_start : found.agency_start + 1] in ("/", "(")


def _role(page: Page, hit: DateHit, dateline: Dateline | None) -> str | None:
    """What a date is to the page: ``dateline``; ``label`` (a publication line), ``updated``;
    ``stamp`` (with a time); ``bar`` (a site's date bar); ``bare`` (alone on its line);
    ``document`` (with a place: the document's own date line); None in running text."""
    norm = page.norm
    if dateline and dateline.start <= hit.start < dateline.end:
        return "dateline"
    whole = page.line_at(hit.start)
    line = _stretch(norm, whole, hit)  # between full stops: "Москва, 19 июня 2023 года. …"
    before = norm[max(line.start, hit.start - 40) : hit.start]
    labelled = _LABEL_BEFORE.search(before)
    above = _label_line_above(page, line.start) if line.start == whole.start else None
    label = labelled.group(1) if labelled else above
    if label:
        return "updated" if re.match(r"(?i)updated|обновлено|послед|last", label) else "label"
    rest = norm[line.start : hit.start] + " " + norm[hit.end : line.end]
    words = re.findall(r"[^\W\d_]+", _TIME.sub(" ", rest))
    if _TIME_AFTER.match(norm, hit.end) and (len(words) <= 4 or hit.start < 300):
        return "stamp"  # also on a line of furniture: "19 June 2023 | 10:30"
    if page.is_ignored(hit.start):
        return None
    if _bar_weekday(norm[line.start : hit.start]) and not _TIME.search(rest):
        return "bar" if hit.start < 300 or len(words) <= 1 else None
    if not words:
        return "stamp" if _TIME.search(rest) else "bare"
    if _PLACE_LINE.fullmatch(rest.strip(" \t,.;:()[]-")):
        return "document"
    return None


_FULL_STOP = re.compile(r"[.!?][\"')\]]*(?:\s|$)")


def _stretch(norm: str, line: Sentence, hit: DateHit) -> Sentence:
    """Where a date of a long line stands between two full stops: its line in a text that lost
    its line breaks ("… от 16 июня 2009 года. г. Москва, «10» ноября 2020 года")."""
    window = max(line.start, hit.start - 200)
    stops = list(_FULL_STOP.finditer(norm, window, hit.start))
    after = _FULL_STOP.search(norm, hit.end, line.end)
    return Sentence(stops[-1].end() if stops else window, after.start() if after else line.end)


def _label_line_above(page: Page, line_start: int) -> str | None:
    """A label on the line above a date alone on its own ("Дата публикации:\n2023-07-04")."""
    index = page.lines.index(page.line_at(line_start))
    for above in reversed(page.lines[max(0, index - 2) : index]):
        content = page.norm[above.start : above.end].strip()
        if content:
            m = re.fullmatch(rf"(?i)({_PAGE_WORDS})\s*:?", content)
            return m.group(1) if m else None
    return None


def _bar_weekday(text: str) -> bool:
    """A weekday just before a date, as a site's date bar writes it ("Saturday, 5 December
    2026", "Суббота, 5 декабря"), not as a sentence does ("on Thursday, July 4")."""
    m = re.search(rf"(?i)(?<![\w-])(?:{_alternation('weekday')}),?\s*$", text)
    return bool(m) and not _DAY_PREPOSITION.search(text, 0, m.start() if m else 0)


_DAY_PREPOSITION = re.compile(
    r"(?i)(?<![\w-])(?:on|by|until|till|since|from|last|this|next|held|в|во|с|до|от|к)\s+$"
)
# "the ministry said on Tuesday", "сообщили во вторник": the day of a report
_SAID = re.compile(
    r"(?i)(?:said|says|stated|announced|reported|told|сообщил\w*|заявил\w*|сообщает|"
    r"отметил\w*|передает)(?:\s+\S+){0,3}\s*$"
)


def _reported(page: Page, offset: int) -> bool:
    sentence = page.sentence_at(offset)
    return bool(_SAID.search(page.norm, sentence.start, offset))


def _published(dateline: Dateline | None, page_date: DateHit | None) -> str | None:
    if dateline and dateline.date:
        if page_date and dateline.date.startswith("--"):
            return complete(dateline.date, page_date.value)
        return dateline.date
    return page_date.value if page_date else None


# "Moscow (VNA) – …", "BEIJING (Reuters) - …": a wire dateline without a date
_WIRE_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-ZА-ЯЁ][\w.' -]{1,30}?,?[ \t]+\((?P<agency>[^()\n]{2,30})\)[ \t]*[-–—]"
)


@lru_cache(maxsize=1)
def _publishers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rows = []
    for line in (LEXICONS_DIR / "publishers.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, pattern = line.partition("\t")
            rows.append((name.strip(), re.compile(rf"(?<![\w-])(?:{pattern.strip()})(?![\w-])")))
    return tuple(rows)


def publisher_names() -> tuple[re.Pattern[str], ...]:
    """The patterns of the agencies and sites of ``publishers.tsv``."""
    return tuple(pattern for _, pattern in _publishers())


def find_publisher(page: Page, dateline: Dateline | None) -> str | None:
    """The agency or site that published the text, when the text names it: in the dateline,
    a source line ("Источник: ТАСС", "сообщает ТАСС"), a line of its own or the page header.

    >>> find_publisher(Page.of("Текст.\\nИсточник: ТАСС - Мировые новости"), None)
    'TASS'
    """
    if dateline and dateline.agency:
        for name, pattern in _publishers():
            if re.search(pattern.pattern, dateline.agency, re.IGNORECASE):
                return name
    tail = page.tail
    wire = _WIRE_DATELINE.search(page.norm, 0, min(tail, 1500))
    if wire:
        for name, pattern in _publishers():
            if pattern.fullmatch(wire.group("agency")):
                return name
    found: list[tuple[int, str]] = []
    for name, pattern in _publishers():
        for m in pattern.finditer(page.norm, 0, tail):
            line = page.line_at(m.start())
            before = page.norm[line.start : m.start()]
            after = page.norm[m.end() : line.end]
            alone = not before.strip(" (") and not after.strip(" ).|")
            if (
                alone
                or _REPORT_CONTEXT.search(before)
                or (_TOLD_BEFORE.search(before) and _TOLD_AFTER.match(after))
                or (line.start == 0 and after.startswith(" |"))
            ):
                found.append((m.start(), name))
    return min(found)[1] if found else None


@lru_cache(maxsize=8)
def place_stems(reference: Reference) -> dict[str, str]:
    """The stems of the Russian one-word names of places, to their keys.

    >>> place_stems(Reference.load())["казан"]
    'kazan'
    """
    return {
        russian.stem(russian.lemma(n.text)): n.id
        for n in reference.names
        if n.kind == "place" and n.lang == "ru" and " " not in n.text and "-" not in n.text
    }


def place_of_adjective(word: str, reference: Reference) -> str | None:
    """The place a Russian adjective is named after.

    >>> ref = Reference.load()
    >>> place_of_adjective("Самаркандскую", ref), place_of_adjective("Казанской", ref)
    ('samarkand', 'kazan')
    >>> place_of_adjective("Минской", ref), place_of_adjective("Уфимская", ref)
    ('minsk', 'ufa')
    """
    stems = place_stems(reference)
    base = russian.lemma(word)
    if not base.endswith("ский") and re.search(r"(?i)ск(?:ая|ой|ую|ий|ого|ому|ом)$", word):
        base = re.sub(r"(?i)ск\w+$", "ский", word.lower())  # a name pymorphy does not know
    if not base.endswith("ский") or len(base) < 7:
        return None
    root = base[: -len("ский")]
    candidates = {root}
    if root.endswith("ий"):  # Дели → делийский
        candidates.add(russian.stem(root[:-1]))
    if len(root) > 4 and root[-2] in "ое":
        candidates.add(root[:-2] + root[-1])
    for candidate in candidates:
        for cut in range(0, 4):
            if cut >= 2 and len(candidate) - cut < 4:
                break  # "кит" of китайский is not Кито
            key = stems.get(candidate[: len(candidate) - cut] if cut else candidate)
            if key:
                return key
    # the adjective swallows the name's end (Минск → минский) or adds a link (Уфа → уфимский)
    if word[:1].isupper():
        shorts = [root] + ([root[:-2]] if root.endswith(("им", "ин")) else [])
        for short in shorts:
            for stem, key in stems.items():
                if len(short) >= 2 and stem.startswith(short) and len(stem) - len(short) <= 2:
                    return key
    return None
