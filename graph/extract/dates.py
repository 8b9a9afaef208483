"""Dates, datelines, publication and places, Russian and English → ISO dates and place keys.

Dates are ``YYYY-MM-DD`` when the text fixes the year, ``--MM-DD`` when it does not (never a
guessed year; the forms texts write them in are read by ``graph/extract/date_forms.py``). A
year missing from a date is taken from the page's own full date when the day is not after it.
Weekdays (``в пятницу``, ``on Monday``) and days said relative to the text (``yesterday``,
``накануне``) are resolved only against a date the text gives: the dateline, or a publication
date; the weekday a report is said on ("said in a statement on Tuesday") lets other weekdays
count back from it.

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
from graph.extract.date_forms import (
    DateHit,
    RelativeDay,
    WeekdayHit,
    complete,
    find_dates,
    find_relative_days,
    find_weekdays,
    shift,
    weekday_before,
)
from graph.extract.datelines import DatelineSpan, find_dateline
from graph.extract.field_words import reporting_tail
from graph.extract.text import Page, Sentence
from graph.lexicon import compiled, read_lexicon
from graph.paths import LEXICONS_DIR
from graph.reference import Reference


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


_TIME = re.compile(r"\d{1,2}:\d\d")
_PAGE_WORDS = (
    r"updated|обновлено|опубликовано|published|posted|дата публикации|последнее изменение|"
    r"date of publication|publication date|last modified"
)
# a label of the page: "Updated: 2016-06-26", "Published June 20, 2023", "Дата публикации:\n…"
_LABEL_BEFORE = re.compile(rf"(?i)({_PAGE_WORDS})(?:\s+(?:at|on|в))?[\s:|,-]*$")
_TIME_AFTER = re.compile(r"[\s,|•-]*\d{1,2}:\d\d")  # matched at the date's end
_HOURS_AFTER = re.compile(
    r"[\s,|•]*\d{1,2}[:.]\d\dh?\s*-\s*\d{1,2}[:.]\d\dh?"
    r"|,?\s*(?:at\s+)?\d{1,2}(?:[.:]\d\d)?\s*[ap]\.\s?m\.(?:\s|$)"  # an official record's "3 p.m."
)
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
    ``document`` (with a place or a session's hours: the document's own date line); None in
    running text."""
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
    if _HOURS_AFTER.match(norm, hit.end):
        return "document"  # a session's hours: "11 Jul 2024 15:00h - 18:00h", "…2022, 3 p.m."
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
    m = weekday_before(text)
    return m is not None and not _DAY_PREPOSITION.search(text, 0, m.start())


_DAY_PREPOSITION = re.compile(
    r"(?i)(?<![\w-])(?:on|by|until|till|since|from|last|this|next|held|в|во|с|до|от|к)\s+$"
)


def _reported(page: Page, offset: int) -> bool:
    sentence = page.sentence_at(offset)
    return bool(reporting_tail().search(page.norm, sentence.start, offset))


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
    for row in read_lexicon(LEXICONS_DIR / "publishers.tsv", ("name", "pattern")).rows:
        rows.append((row["name"], compiled(row, "pattern", r"(?<![\w-])(?:{})(?![\w-])")))
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
