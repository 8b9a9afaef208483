"""When and where an instrument was adopted or signed: its date and place.

The choice among the dates and places a page gives (``graph/extract/dates.py`` reads them):
the document's own date line, a date where the text names the instrument, a weekday resolved
against the dateline or publication date, the date of a report on it; a city it is named after,
its place line, a city where the text names it, the city of the meeting where it was made.
"""

from __future__ import annotations

import datetime as dt
import re

from graph.extract.candidates import Candidate, Context
from graph.extract.dates import Dates, place_of_adjective
from graph.extract.text import Page, Sentence, words

_REPORTING = re.compile(
    r"(?i)(?:said|says|stated|announced|reported|told|сообщил\w*|заявил\w*|сообщает|"
    r"отметил\w*|передает)(?:\s+\S+){0,3}\s*$"
)


def instrument_date(
    page: Page, dates: Dates, same: list[Candidate], sentences: list[Sentence]
) -> str | None:
    """The document's own date line; else a date or weekday where the text names the
    instrument; else the date of a report on it (dateline, the page's date line)."""
    if dates.document_lines:
        return dates.resolve(dates.document_lines[0].value)
    for sentence in sentences:
        inside = [d for d in dates.dates if sentence.start <= d.start < sentence.end]
        if dates.dateline:
            inside = [d for d in inside if not dates.dateline.start <= d.start < dates.dateline.end]
        if inside:
            return dates.resolve(inside[0].value)
    for sentence in sentences:
        for weekday in dates.weekdays:
            if sentence.start <= weekday.start < sentence.end and not _REPORTING.search(
                page.norm[sentence.start : weekday.start]
            ):
                found = dates.weekday_date(weekday)
                return dates.resolve(found) if found else None
    if dates.published:
        said = " ".join(page.norm[s.start : s.end] for s in sentences)
        if _EARLIER.search(said):
            return None  # "adopted last week": not the day of the report
        if _DAY_BEFORE.search(said):
            return _day_before(dates.published)
        return dates.published
    for sentence in page.body():
        if _VENUE.search(page.norm[sentence.start : sentence.end]):
            inside = [d for d in dates.dates if sentence.start <= d.start < sentence.end]
            if inside:
                return dates.resolve(inside[0].value)
    return None


_EARLIER = re.compile(
    r"(?i)\b(?:last (?:week|month|year)|earlier this (?:week|month|year)|previously|recently|"
    r"days? ago|weeks? ago|на прошлой неделе|в прошлом (?:месяце|году)|ранее|недавно|"
    r"на днях|днями ранее)\b"
)
_DAY_BEFORE = re.compile(r"(?i)\b(?:yesterday|the day before|накануне|вчера)\b")


def _day_before(value: str) -> str | None:
    """The day before a full or partial date; None where a partial date cannot tell (1 March).

    >>> _day_before("2020-03-01"), _day_before("--11-19"), _day_before("--03-01")
    ('2020-02-29', '--11-18', None)
    """
    if not value.startswith("--"):
        return (dt.date.fromisoformat(value) - dt.timedelta(days=1)).isoformat()
    if value == "--03-01":
        return None
    day = dt.date.fromisoformat("2001" + value[1:]) - dt.timedelta(days=1)
    return "--" + day.isoformat()[5:]


_VENUE = re.compile(
    r"(?i)конференц|саммит|переговор|встреч|заседани|консультац|сесси|подписа|conference|"
    r"summit|talks|meeting|session|consultations|signing|signed|visit|визит"
)


def instrument_place(
    ctx: Context, dates: Dates, same: list[Candidate], sentences: list[Sentence]
) -> str | None:
    """Named after a city (Astana Declaration, Казанская декларация); the document's place line;
    a city where the text names it; the city of the meeting where it was made."""
    page, names = ctx.page, ctx.names
    for c in same:
        for hit in names.within(c.start, c.end + 1, "place"):
            return hit.id
        if ctx.lang == "ru" and c.named:
            for w in words(page.norm, c.start, c.end):
                key = place_of_adjective(w.text, ctx.reference)
                if key:
                    return key
    lines = [page.line_at(d.start) for d in dates.document_lines]
    for line in lines:
        index = page.lines.index(line)
        following = page.lines[min(len(page.lines) - 1, index + 1)]
        for hit in names.within(line.start, following.end, "place"):
            return hit.id
        # "New York, New York" on the line above "November 18, 2019"
        previous = page.lines[max(0, index - 1)]
        if re.fullmatch(
            r"[^\W\d][\w .,'-]{1,60}", page.norm[previous.start : previous.end].strip()
        ):
            for hit in names.within(previous.start, previous.end, "place"):
                return hit.id
    dateline = dates.dateline
    places = [
        h for h in names.hits
        if h.kind == "place" and not (dateline and dateline.start <= h.start < dateline.end)
    ]  # fmt: skip
    for sentence in sentences:
        for hit in places:
            if sentence.start <= hit.start < sentence.end:
                return hit.id
    for hit in places:
        sentence = page.sentence_at(hit.start)
        if _VENUE.search(page.norm[sentence.start : sentence.end]):
            return hit.id
    return None
