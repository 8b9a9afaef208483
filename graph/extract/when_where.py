"""When and where an instrument was adopted or signed: its date and place.

The choice among the dates and places a page gives (``graph/extract/dates.py`` reads them), in
order of how directly the text says it:

date
  1. a day the text says it was signed or adopted ("signed in Moscow on 19 June 2023",
     "подписано 30 ноября 2017 года в Минске", "Done at Moscow on …"): over everything else,
     a dateline and a publication date included;
  2. the document's own date line ("Saint Malo, France, April 6, 2019" under its heading);
  3. another date where the text names it ("Совместное заявление … от 17 июля");
  4. a weekday or "yesterday" where the text names it, counted from the dateline or the
     publication date (never from today);
  5. the day of a report on it: its dateline or date stamp (a page's "Updated:" or
     "Published:" line dates the page only);
  6. the date of the meeting where it was made.
A span of days (a summit on 11–12 September) gives no day of adoption: the date is null. A
date of a national step (ratified, approved by a parliament or by decree, entered into force)
is not the date of the instrument.

place
  the city of its own place line or closing formula ("Done at Moscow on …"); a city it is
  named after (the Astana Declaration); "adopted here" under a dateline; a city where the text
  names it; the city of the meeting.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.candidates import Candidate, Context, rule
from graph.extract.date_forms import DateHit, month_number
from graph.extract.dates import Dates, place_of_adjective
from graph.extract.field_words import earlier, national_step, reporting_tail, venue
from graph.extract.text import Page, Sentence, words

# The closing formula of a signed text: "Done at Moscow on 19 June 2023", "Совершено в городе …"
_DONE_AT = re.compile(r"(?i)(?<![\w-])(?:done at|done in|signed at|совершено в|совершено)\s")
_HERE = re.compile(r"(?i)(?<![\w-])(?:here|здесь)(?![\w-])")


def instrument_date(
    page: Page, dates: Dates, same: list[Candidate], sentences: list[Sentence]
) -> str | None:
    """The day the instrument was adopted or signed, ISO (partial without a year), or None."""
    adopted = _adoption_day(page, dates, sentences)
    if adopted is not None:
        return _day_of(dates, adopted)
    if dates.document_lines:
        return _day_of(dates, dates.document_lines[0])
    named = [d for d in _dates_in(dates, sentences) if not _national_step(page, d)]
    if named:
        return _day_of(dates, named[0])
    said = _said_day(page, dates, sentences)
    if said is not None:
        return said or None
    report = _report_day(page, dates, same, sentences)
    if report is not None:
        return report
    # the first sentence that names a venue and a date (looked for from the dates: a record
    # of eighty speakers has thousands of sentences and a handful of dates)
    for hit in sorted(dates.dates, key=lambda d: d.start):
        sentence = page.sentence_at(hit.start)
        if (
            sentence.start <= hit.start < sentence.end
            and not page.is_ignored(sentence.start)
            and not dates.is_page_date(hit)
            and venue().search(page.norm[sentence.start : sentence.end])
            and not _national_step(page, hit)
        ):
            return _day_of(dates, hit)
    return None


def _day_of(dates: Dates, hit: DateHit) -> str | None:
    """A date hit's day, completed with the page's year; a span of days gives none."""
    return None if hit.last else dates.resolve_hit(hit)


def _dates_in(dates: Dates, sentences: list[Sentence]) -> list[DateHit]:
    """The dates of the sentences that are no date of the page itself."""
    return [
        d
        for s in sentences
        for d in dates.dates
        if s.start <= d.start < s.end and not dates.is_page_date(d)
    ]


def _adoption_day(page: Page, dates: Dates, sentences: list[Sentence]) -> DateHit | None:
    """A date the text says the instrument was signed or adopted on: in a sentence that names
    it, the date nearest a verb of signature (first) or adoption; or in a closing "Done at …"
    formula."""
    named = [d for d in _dates_in(dates, sentences) if not _national_step(page, d)]
    for kind in ("signed", "adopted"):
        verb = rule(kind, page.language)
        near = [
            (min(distances), d)
            for d in named
            for distances in [_distances(verb, page, page.sentence_at(d.start), d) if verb else []]
            if distances
        ]
        if near:
            return min(near, key=lambda pair: (pair[0], pair[1].start))[1]
    for done in _done_at(page.norm):
        sentence = page.sentence_at(done)
        if page.is_ignored(sentence.start) or not sentence.start <= done < sentence.end:
            continue
        after = [d for d in _dates_in(dates, [sentence]) if d.start >= done]
        if after:
            return after[0]
    return None


@lru_cache(maxsize=8)
def _done_at(norm: str) -> tuple[int, ...]:
    """Where the text has a closing formula, found once a text (not once a speaker)."""
    return tuple(m.start() for m in _DONE_AT.finditer(norm))


def _national_step(page: Page, hit: DateHit) -> bool:
    """Whether a date's clause tells of a ratification, a decree or a parliament's approval,
    and no signature is nearer the date ("the Majlis on 22 December 2023 approved the
    agreement that the ministers signed in Moscow on 19 June 2023")."""
    clause = _clause(page, hit)
    steps = _distances(national_step(), page, clause, hit)
    if not steps:
        return False
    signed = rule("signed", page.language)
    signatures = _distances(signed, page, clause, hit) if signed else []
    return not signatures or min(steps) < min(signatures)


def _clause(page: Page, hit: DateHit) -> Sentence:
    """The part of a date's sentence between commas, semicolons, colons or brackets."""
    sentence = page.sentence_at(hit.start)
    start, end = hit.start, hit.end
    while start > sentence.start and page.norm[start - 1] not in ",;:()":
        start -= 1
    while end < sentence.end and page.norm[end] not in ",;:()":
        end += 1
    return Sentence(start, end)


def _distances(pattern: re.Pattern[str], page: Page, span: Sentence, hit: DateHit) -> list[int]:
    """How far each match of a pattern in a span is from a date, in characters."""
    return [
        max(hit.start - m.end(), m.start() - hit.end, 0)
        for m in pattern.finditer(page.norm, span.start, span.end)
    ]


def _said_day(page: Page, dates: Dates, sentences: list[Sentence]) -> str | None:
    """The day a weekday or "yesterday" names where the text names the instrument, counted
    from the text's own date; "" when one is named but the text gives no date to count from.
    A weekday after a reporting verb ("said on Tuesday") is the day of the report."""
    for sentence in sentences:
        for weekday in dates.weekdays:
            if sentence.start <= weekday.start < sentence.end and not reporting_tail().search(
                page.norm[sentence.start : weekday.start]
            ):
                found = dates.weekday_date(weekday)
                return dates.resolve(found) if found else ""
        for day in dates.relative_days:
            if sentence.start <= day.start < sentence.end and not reporting_tail().search(
                page.norm[sentence.start : day.start]
            ):
                found = dates.relative_date(day)
                return dates.resolve(found) if found else ""
    return None


def _report_day(
    page: Page, dates: Dates, same: list[Candidate], sentences: list[Sentence]
) -> str | None:
    """The day of a report on the instrument (its dateline or date stamp), unless the text
    says it was made earlier or dates it by a national step. A page that is the document
    itself (headed by it) and no agency report: its date stamp is the page's, not the day the
    document was made."""
    if dates.report_date is None:
        return None
    if dates.dateline is None and any(c.heading for c in same):
        return None
    said = " ".join(page.norm[s.start : s.end] for s in sentences)
    if earlier().search(said) or _dates_in(dates, sentences):
        return None  # "adopted last week", "approved by parliament on 22 December"
    return dates.report_date


def instrument_place(
    ctx: Context, dates: Dates, same: list[Candidate], sentences: list[Sentence]
) -> str | None:
    """Its own place line (a city the reference does not know makes it None: the text says
    where, and it is not a city named elsewhere) or closing formula ("Done at Moscow"); a city
    it is named after (Astana
    Declaration, Казанская декларация); "adopted here" under a dateline; a city where the
    text names it; the city of the meeting where it was made."""
    page, names = ctx.page, ctx.names
    for line in [page.line_at(d.start) for d in dates.document_lines]:
        found = _place_of_line(ctx, line)
        if found is not None:
            return found or None
    seen: set[Sentence] = set()
    for done in _done_at(page.norm):
        sentence = page.sentence_at(done)
        if sentence in seen or page.is_ignored(sentence.start) or not sentence.start <= done:
            continue
        seen.add(sentence)  # the first formula of a sentence, as a search of it finds
        end = _DONE_AT.match(page.norm, done)
        for hit in names.within(end.end() if end else done, sentence.end, "place"):
            return hit.id
    for c in same:
        if _plural(page, c):
            continue  # "the eThekwini, Fortaleza and Ufa declarations": other instruments
        for hit in names.within(c.start, c.end + 1, "place"):
            return hit.id
        if ctx.lang == "ru" and c.named:
            for w in words(page.norm, c.start, c.end):
                key = place_of_adjective(w.text, ctx.reference)
                if key:
                    return key
    dateline = dates.dateline
    if dateline and any(_HERE.search(page.norm, s.start, s.end) for s in sentences):
        for hit in names.within(dateline.place_start, dateline.place_end, "place"):
            return hit.id
    naming = [_naming_span(page, c) for c in same]
    places = [
        h for h in names.hits
        if h.kind == "place"
        and not (dateline and dateline.start <= h.start < dateline.end)
        and not any(a <= h.start < b for a, b in naming)
    ]  # fmt: skip
    for sentence in sentences:
        for hit in places:
            if sentence.start <= hit.start < sentence.end:
                return hit.id
    for hit in places:
        sentence = page.sentence_at(hit.start)
        if venue().search(page.norm[sentence.start : sentence.end]):
            return hit.id
    return None


def _place_of_line(ctx: Context, line: Sentence) -> str | None:
    """The city of a document's date line, on it, the line after ("город Ереван") or the line
    before ("New York, New York"); "" when the line names a city the reference does not know
    ("Saint Malo, France, April 6, 2019")."""
    page, names = ctx.page, ctx.names
    index = page.lines.index(line)
    following = page.lines[min(len(page.lines) - 1, index + 1)]
    for hit in names.within(line.start, following.end, "place"):
        return hit.id
    previous = page.lines[max(0, index - 1)]
    if re.fullmatch(r"[^\W\d][\w .,'-]{1,60}", page.norm[previous.start : previous.end].strip()):
        for hit in names.within(previous.start, previous.end, "place"):
            return hit.id
    return "" if _unknown_city(ctx, line) else None


def _unknown_city(ctx: Context, line: Sentence) -> bool:
    """A capitalised name on a date line that is no known name: a city the reference lacks."""
    page = ctx.page
    known = ctx.names.within(line.start, line.end)
    return any(
        w.text[:1].isupper()
        and w.text.isalpha()
        and len(w.text) > 2
        and not any(h.start <= w.start < h.end for h in known)
        and month_number(w.text) is None
        for w in words(page.norm, line.start, line.end)
    )


_NAME_LIST = re.compile(r"(?:(?:[A-ZА-ЯЁ]|e[A-Z])[\w-]*|,|and|и|\s)+$")


def _naming_span(page: Page, c: Candidate) -> tuple[int, int]:
    """Where a candidate is named, with the cities of a list before it: a city in "the
    eThekwini, Fortaleza and Ufa declarations" names a declaration, it is no place of this one."""
    before = _NAME_LIST.search(page.norm, max(0, c.start - 80), c.start)
    listed = before is not None and _plural(page, c)
    return (before.start() if before and listed else c.start), c.end + 1


def _plural(page: Page, c: Candidate) -> bool:
    """An English type noun in the plural names several instruments, not this one."""
    noun = words(page.norm, c.start, c.end)
    return page.language == "en" and bool(noun) and noun[-1].text.lower().endswith("s")
