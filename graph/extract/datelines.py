"""Agency datelines: the place, date and agency a news report opens with.

"МОСКВА, 19 ноября. /ТАСС/.", "NEW DELHI, September 9 (TASS)", "МОСКВА, 14 июн – РИА Новости.",
"MOSCOW, June 19 - Russia and …", "MOSCOW (UrduPoint News / Sputnik - 20th June, 2023)",
"Moscow, June 19 (BelTA) -". Found on the normalised view (every dash is "-"); whether the date
is a date is for ``graph/extract/dates.py`` to tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAPS_PLACE = r"(?<![^\W\d_])[A-ZА-ЯЁ][A-ZА-ЯЁ\-]+(?: [A-ZА-ЯЁ][A-ZА-ЯЁ\-]+)*"
_TITLE_PLACE = r"[A-ZА-ЯЁ][a-zа-яё\-]+(?: [A-ZА-ЯЁ][a-zа-яё\-]+){0,2}"
_GLOSS = r"(?: ?/[^/\n]{2,40}/)?"  # "JOHANNESBURG /South Africa/, August 24"
_AGENCY = r"/[^/\n]{2,40}/|\((?:[A-ZА-ЯЁ][^()\n]{1,30})\)"
# a day and a month in either order, perhaps a year: what a dateline without an agency holds
_DATE_SHAPE = (
    r"(?:\d{1,2}(?:st|nd|rd|th)? [^\W\d_]{3,9}\.?|[^\W\d_]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?)"
    r"(?:,? (?:19|20)\d\d)?"
)
_DATELINES = (
    re.compile(
        rf"(?P<place>{_CAPS_PLACE}){_GLOSS}, (?P<date>[^\n/()]{{3,24}}?)\.? ?"
        rf"(?P<agency>{_AGENCY})\.?(?: ?-{{1,2}}(?= ))?"
    ),
    re.compile(
        rf"(?P<place>{_CAPS_PLACE}){_GLOSS}, (?P<date>{_DATE_SHAPE})\.? ?- ?"
        r"(?P<agency>[A-ZА-ЯЁ][\w.]*(?: [A-ZА-ЯЁ][\w.]*){0,3})(?=[.,:] )[.,:]?"
    ),
    re.compile(
        rf"(?P<place>{_CAPS_PLACE}){_GLOSS}, (?P<date>{_DATE_SHAPE})(?P<agency>)(?: ?- ?|\. )"
        r"(?=[A-ZА-ЯЁ\"])"
    ),
    re.compile(
        # "MOSCOW (Agency - 20th June, 2023)": the date must look like one ("IIS (international
        # information security - TASS)" is a gloss)
        rf"(?P<place>{_CAPS_PLACE}) \((?P<agency>[^()\n]{{2,40}}?) ?- ?(?P<date>{_DATE_SHAPE})\)"
    ),
    re.compile(
        rf"(?:^|(?<=\n)|(?<=[.!?] ))[ \t]*(?P<place>{_TITLE_PLACE}), (?P<date>{_DATE_SHAPE})\.? ?"
        rf"(?P<agency>{_AGENCY})\.?"
    ),
)


@dataclass(frozen=True)
class DatelineSpan:
    """Where an agency dateline is, and its place, date and agency (empty when it names none)."""

    start: int
    end: int
    place_start: int
    place_end: int
    date_start: int
    date_end: int
    agency_start: int
    agency_end: int


def find_dateline(norm: str, start: int = 0, end: int | None = None) -> DatelineSpan | None:
    """The first agency dateline in ``norm[start:end]``.

    >>> d = find_dateline("МОСКВА, 14 июн - РИА Новости. Лидеры ШОС договорились.")
    >>> "МОСКВА, 14 июн - РИА Новости. Лидеры"[d.date_start : d.date_end]
    '14 июн'
    """
    stop = len(norm) if end is None else end
    found: list[re.Match[str]] = []
    for pattern in _DATELINES:
        m = pattern.search(norm, start, stop)
        if m:
            found.append(m)
    if not found:
        return None
    m = min(found, key=lambda m: (m.start("place"), -m.end()))
    return DatelineSpan(
        m.start("place"), m.end(), m.start("place"), m.end("place"), m.start("date"),
        m.end("date"), m.start("agency"), m.end("agency"),
    )  # fmt: skip
