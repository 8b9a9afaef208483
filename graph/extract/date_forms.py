"""Dates as texts write them, Russian and English → ISO: ``YYYY-MM-DD``, or ``--MM-DD``.

A date is full when the text gives its year and partial (``--MM-DD``) when it does not: never a
guessed year. "19.06.2023", "19 июня 2023 г.", "«10» ноября", "June 19th", "19th of June",
"Sept. 9, 2021", "14 июн". A span of days ("11–12 September 2014", "on 11 and 12 September",
"с 30 ноября по 1 декабря") is one hit from its first day to its last. Weekdays ("в пятницу",
"on Monday") and days said relative to the text ("yesterday", "накануне", "22 декабря прошлого
года") are found here and resolved by ``graph/extract/dates.py`` against a date the text gives.
The words are in ``graph/lexicons/calendar.tsv``.

>>> [d.value for d in find_dates("«10» ноября 2020 года; June 19th; 19.06.2023")]
['2020-11-10', '--06-19', '2023-06-19']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from graph.lexicon import compiled, read_lexicon
from graph.paths import LEXICONS_DIR


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
    lexicon = read_lexicon(
        LEXICONS_DIR / "calendar.tsv",
        ("kind", "number", "language", "pattern"),
        choices={"kind": ("month", "weekday", "day", "year"), "language": ("en", "ru")},
    )
    for row in lexicon.rows:
        if not re.fullmatch(r"-?\d+", row["number"]):
            raise row.error(f"'{row['number']}' is no number")
        compiled(row, "pattern", "{}")  # refused here, not at the first text, when malformed
        rows.append(CalendarWord(row["kind"], int(row["number"]), row["language"], row["pattern"]))
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


@lru_cache(maxsize=1)
def _weekday_at_end() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<![\w-])(?:{_alternation('weekday')}),?\s*$")


def weekday_before(text: str) -> re.Match[str] | None:
    """A weekday name that ends ``text`` ("Saturday, ", "Суббота, "): what stands before a
    date in a site's date bar.

    >>> bool(weekday_before("Saturday, ")), bool(weekday_before("on the "))
    (True, False)
    """
    return _weekday_at_end().search(text)
