"""Dates, datelines, publication and places, Russian and English → ISO dates and place keys.

Dates are ``YYYY-MM-DD`` when the text fixes the year, ``--MM-DD`` when it does not (never a
guessed year). A year missing from a date is taken from the page's own full date when the day
is not after it. Weekdays (``в пятницу``, ``on Monday``) are resolved only against a date the
text gives: the dateline, or a full publication date; a weekday the lede ties to the dateline
("said in a statement on Tuesday") lets other weekdays count back from it.

>>> from graph.extract.text import Page
>>> page = Page.of("МОСКВА, 19 ноября. /ТАСС/. Совместное заявление принято.")
>>> found = read_dates(page)
>>> found.dateline.date, found.published, found.publisher
('--11-19', '--11-19', 'TASS')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.extract import russian
from graph.extract.text import DATELINE, Page
from graph.paths import LEXICONS_DIR
from graph.reference import Reference

_RU_MONTHS = (
    ("январ", "янв"), ("феврал", "фев"), ("март", "мар"), ("апрел", "апр"), ("ма[яй]", "мая"),
    ("июн", "июн"), ("июл", "июл"), ("август", "авг"), ("сентябр", "сен"), ("октябр", "окт"),
    ("ноябр", "ноя"), ("декабр", "дек"),
)  # fmt: skip
_EN_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_RU_MONTH = "|".join(f"{full}[а-я]*|{short}\\.?" for full, short in _RU_MONTHS)
_EN_MONTH = "|".join(f"{m}|{m[:3]}\\.?" for m in _EN_MONTHS) + "|sept\\.?"
_MONTH = f"(?P<month>{_RU_MONTH}|{_EN_MONTH})"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?=\d{1,2}:\d\d)|(?!\d))"
_DAY = r"(?P<day>[0-3]?\d)"

_PATTERNS = (
    re.compile(
        rf'(?i)["«]?{_DAY}["»]?'
        rf"\s+{_MONTH}(?![а-яa-z])(?:,?\s+{_YEAR}(?:\s*(?:года|г\.))?)?"
    ),
    re.compile(rf"(?i)(?<![\w-]){_MONTH}\s+{_DAY}(?!\d)(?:,\s*{_YEAR})?"),
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
)
_WEEKDAYS = (
    ("понедельник", "monday"), ("вторник", "tuesday"), ("сред", "wednesday"),
    ("четверг", "thursday"), ("пятниц", "friday"), ("суббот", "saturday"),
    ("воскресень", "sunday"),
)  # fmt: skip
_WEEKDAY = re.compile(
    r"(?i)\b(?:(?:в|во)\s+(?P<ru>понедельник|вторник|среду|четверг|пятницу|субботу|"
    r"воскресенье)|(?:on|last|this)\s+(?P<en>monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|(?P<own>monday|tuesday|wednesday|thursday|friday|saturday|sunday)'s)\b"
)
_TIME = re.compile(r"\d{1,2}:\d\d")
_PAGE_WORDS = re.compile(r"(?i)updated|обновлено|опубликовано|published|posted|дата публикации")
_REPORT_CONTEXT = re.compile(
    r"(?i)(?:сообщает|передает|пишет|со ссылкой на|источник:|по материалам|based on materials "
    r"from|according to|reports?|reported by)\s*$"
)


@dataclass(frozen=True)
class DateHit:
    """A date written in the text: its offsets and ISO value (full or ``--MM-DD``)."""

    start: int
    end: int
    value: str


@dataclass(frozen=True)
class WeekdayHit:
    start: int
    end: int
    weekday: int  # Monday = 0


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    place: str | None  # the city as written, upper case
    date: str | None
    agency: str | None


@dataclass(frozen=True)
class Dates:
    """Every date of a page, and what they say about the page itself."""

    dates: tuple[DateHit, ...] = ()
    weekdays: tuple[WeekdayHit, ...] = ()
    dateline: Dateline | None = None
    page_date: str | None = None
    published: str | None = None
    publisher: str | None = None
    document_lines: tuple[DateHit, ...] = field(default=())  # the document's own date lines

    def resolve(self, value: str) -> str:
        """A date completed with the page's year when the page's full date allows it."""
        return complete(value, self.published or self.page_date)

    def weekday_date(self, hit: WeekdayHit) -> str | None:
        """The date a weekday stands for, counted back from the dateline or publication."""
        anchor = (self.dateline.date if self.dateline else None) or self.published
        if anchor is None:
            return None
        if not anchor.startswith("--"):
            day = dt.date.fromisoformat(anchor)
            return (day - dt.timedelta(days=(day.weekday() - hit.weekday) % 7)).isoformat()
        anchor_day = self.anchor_weekday()
        if anchor_day is None:
            return anchor
        day = dt.date.fromisoformat("2000" + anchor[1:])
        back = day - dt.timedelta(days=(anchor_day - hit.weekday) % 7)
        return back.isoformat()[4:].replace("-", "--", 1) if back.year == 2000 else None

    def anchor_weekday(self) -> int | None:
        """The weekday of the dateline, when the lede names it ("on Tuesday")."""
        if not self.dateline or not self.weekdays:
            return None
        first = self.weekdays[0]
        return first.weekday if first.start - self.dateline.end < 400 else None


def complete(value: str, reference: str | None) -> str:
    """``--MM-DD`` with the year of a full reference date, when the day is not after it.

    >>> complete("--09-04", "2017-09-04"), complete("--12-30", "2017-09-04")
    ('2017-09-04', '--12-30')
    """
    if not value.startswith("--") or not reference or reference.startswith("--"):
        return value
    candidate = reference[:4] + value[1:]
    return candidate if candidate <= reference else value


def _month_number(text: str) -> int | None:
    lower = text.lower().rstrip(".")
    if lower.isdigit():
        return int(lower)
    for number, (full, short) in enumerate(_RU_MONTHS, start=1):
        if re.match(f"(?:{full}|{short})", lower):
            return number
    for number, name in enumerate(_EN_MONTHS, start=1):
        if lower.startswith(name[:3]) and name.startswith(lower[:3]):
            return number
    return None


def _iso(year: str | None, month: int, day: int) -> str | None:
    try:
        dt.date(int(year) if year else 2000, month, day)
    except ValueError:
        return None
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateHit]:
    """The dates written in ``text[start:end]``.

    >>> [d.value for d in find_dates("«10» ноября 2020 года; September 5, 2014; July 4")]
    ['2020-11-10', '2014-09-05', '--07-04']
    >>> [d.value for d in find_dates("16 сентября 202213:28 и 23.11.2022")]
    ['2022-09-16', '2022-11-23']
    """
    stop = len(text) if end is None else end
    hits: list[DateHit] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text, start, stop):
            if any(h.start <= m.start() < h.end or m.start() <= h.start < m.end() for h in hits):
                continue
            month = _month_number(m.group("month"))
            value = _iso(m.group("year"), month, int(m.group("day"))) if month else None
            if value:
                hits.append(DateHit(m.start(), m.end(), value))
    return sorted(hits, key=lambda h: h.start)


def find_weekdays(text: str, start: int = 0, end: int | None = None) -> list[WeekdayHit]:
    """Weekdays named as when something happened.

    >>> [w.weekday for w in find_weekdays("состоявшихся в пятницу; signed on Monday")]
    [4, 0]
    """
    stop = len(text) if end is None else end
    out = []
    for m in _WEEKDAY.finditer(text, start, stop):
        name = (m.group("ru") or m.group("en") or m.group("own")).lower()
        for number, (ru, en) in enumerate(_WEEKDAYS):
            if name.startswith(ru) or name == en:
                out.append(WeekdayHit(m.start(), m.end(), number))
    return out


def read_dates(page: Page) -> Dates:
    r"""Dates, dateline, the page's date line, publication date and publisher of a page.

    >>> read_dates(Page.of("13.04.2022\nТекст.\nИсточник: ТАСС")).published
    '2022-04-13'
    """
    norm = page.norm
    all_dates = find_dates(norm)
    dateline = _dateline(page, all_dates)
    page_date, document_lines = _date_lines(page, all_dates, dateline)
    publisher = find_publisher(page, dateline)
    news = publisher is not None or dateline is not None or _stamped(page, page_date)
    published = _published(dateline, page_date if news else None)
    body = [d for d in all_dates if not page.is_ignored(d.start)]
    weekdays = [w for w in find_weekdays(norm) if not page.is_ignored(w.start)]
    return Dates(
        dates=tuple(body),
        weekdays=tuple(weekdays),
        dateline=dateline,
        page_date=page_date.value if page_date and news else None,
        published=published,
        publisher=publisher,
        document_lines=tuple(document_lines if not news else []),
    )


def _dateline(page: Page, dates: list[DateHit]) -> Dateline | None:
    m = DATELINE.search(page.norm, 0, min(len(page.norm), 1500))
    while m and page.is_ignored(m.start()):
        m = DATELINE.search(page.norm, m.end(), min(len(page.norm), 1500))
    if not m:
        return None
    inside = [d for d in dates if m.start("date") <= d.start < m.end("date")]
    agency = m.group("agency").strip("/() ")
    return Dateline(
        m.start(), m.end(), m.group("place"), inside[0].value if inside else None, agency
    )


def _date_lines(
    page: Page, dates: list[DateHit], dateline: Dateline | None
) -> tuple[DateHit | None, list[DateHit]]:
    """The page's own date line (a date alone on a line, perhaps with a time or "Updated:")
    and lines that date the document itself (a date alone, or with its place)."""
    page_date: DateHit | None = None
    document: list[DateHit] = []
    for d in dates:
        if page.is_ignored(d.start) and not _PAGE_WORDS.search(
            page.norm[page.line_at(d.start).start : d.start]
        ):
            continue
        line = page.line_at(d.start)
        rest = page.norm[line.start : d.start] + " " + page.norm[d.end : line.end]
        if dateline and dateline.start <= d.start < dateline.end:
            continue
        bare = re.sub(r"[\W\d_]+", " ", _PAGE_WORDS.sub(" ", _TIME.sub(" ", rest))).strip()
        if not bare or (dateline and line.start <= dateline.start and d.end <= dateline.start):
            if page_date is None:
                page_date = d
            if not bare:
                document.append(d)
        elif re.fullmatch(r"(?i)(г|город|city of)?\s*[A-ZА-ЯЁ][\w-]+(?:\s[A-Z][\w-]+)?", bare):
            document.append(d)
    return page_date, document


def _stamped(page: Page, page_date: DateHit | None) -> bool:
    if page_date is None:
        return False
    line = page.line_at(page_date.start)
    return bool(
        _TIME.search(page.norm[line.start : line.end])
        or _PAGE_WORDS.search(page.norm[line.start : line.end])
    )


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
