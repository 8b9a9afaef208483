"""The instrument a text is, or reports on: type, status, title, date, place, issuers.

Every naming of an instrument type (``graph/lexicons/instruments.tsv``) is a candidate; press
statements, instruments only wished for or rejected ("an agreement would be premature") and
agreements merely referred to are not. The best candidate — a heading of the document itself,
a quoted document, one reported adopted or signed, on information security — is *the*
instrument; a report on consultations or a speech that adopts nothing yields none.

>>> from graph.extract import extract
>>> doc = extract("СОВМЕСТНОЕ ЗАЯВЛЕНИЕ\\nглав государств – членов ОДКБ\\n\\n23 ноября 2022 года\\n"
...               "город Ереван\\n\\nГосударства – члены ОДКБ выступают за мир.", "s.txt")
>>> ins = doc.instruments[0]
>>> ins.type, ins.date, ins.place, ins.issuers
('joint-statement', '2022-11-23', 'yerevan', ('CSTO',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.extract import actors, russian
from graph.extract.actors import NameHit, Names
from graph.extract.dates import Dates, place_of_adjective
from graph.extract.text import Page, Sentence, Word, words
from graph.model import Finding, Instrument, Person, Span
from graph.paths import LEXICONS_DIR
from graph.reference import Reference

Rules = dict[tuple[str, str], re.Pattern[str]]
_MEMBERS_BEFORE = re.compile(
    r"(?i)\b(?:государств\w*|стран\w*|член\w*|участник\w*|лидер\w*|глав\w*|министр\w*|саммит\w*|"
    r"member|countries|states|nations|leaders|heads|summit|declaration)\W+(?:\w+\W+){0,2}$"
)
_MEMBERS_AFTER = re.compile(
    r"(?i)^(?:\W*\([^)]*\))?\W*\b(?:nations|countries|members?|member states|leaders|states|"
    r"summit|emphasi|stress|underline|[\w\s]{0,30}declaration|'s)"
)
_UN_SYSTEM = re.compile(r"^(?:UN|ITU)(?:-|$)")
# Where a title turns from who adopted it to what it is about ("Statement by X on Y").
_TOPIC = re.compile(r"(?i)\s(?:on|at|regarding|concerning|about|о|об|по вопросам|в связи с)\s")


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The lexicon of ``graph/lexicons/instruments.tsv``, one pattern per kind and language.

    >>> bool(rules()[("type:declaration", "ru")].search("в Казанской декларации"))
    True
    """
    found: dict[tuple[str, str], list[str]] = {}
    for line in (LEXICONS_DIR / "instruments.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, lang, pattern = (part.strip() for part in line.split("\t"))
            found.setdefault((kind, lang), []).append(pattern)
    return {
        key: re.compile(r"(?i)(?<![\w-])(?:" + "|".join(pats) + r")(?![\w-])")
        for key, pats in found.items()
    }


def _rule(kind: str, lang: str) -> re.Pattern[str] | None:
    return rules().get((kind, lang))


def _has(kind: str, lang: str, text: str) -> bool:
    rule = _rule(kind, lang)
    return bool(rule and rule.search(text))


@dataclass(frozen=True)
class Candidate:
    """One naming of an instrument."""

    type: str
    start: int  # the type noun with its adjectives
    end: int
    phrase_end: int  # the end of the noun phrase (what the instrument is about, whose)
    title: str | None
    named: bool  # a proper name: capitalised, or named after a place
    draft: bool
    heading: bool
    score: float = 0.0


@dataclass(frozen=True)
class Found:
    """The instrument of a text and where the text speaks of it."""

    instrument: Instrument
    sentences: tuple[Sentence, ...]  # sentences that name the instrument
    titles: tuple[tuple[int, int], ...]  # where the text names the instrument itself


@dataclass(frozen=True)
class _Context:
    page: Page
    names: Names
    reference: Reference

    @property
    def lang(self) -> str:
        return self.page.language


def find_instrument(
    page: Page, names: Names, dates: Dates, persons: list[Person], reference: Reference
) -> Found | None:
    """The instrument the text is or reports on, without positions; None when there is none."""
    ctx = _Context(page, names, reference)
    candidates = [c for c in _candidates(ctx) if _is_instrument(ctx, c)]
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.score, -c.start))
    same = [c for c in candidates if c.type == best.type]
    sentences = _mention_sentences(page, same)
    status = _status(page, best, same)
    date = None if status == "draft" else _date(page, dates, same, sentences)
    place = None if status == "draft" else _place(ctx, dates, same, sentences)
    issuers = _issuers(ctx, persons, same, best.type)
    agreement_id = None
    if best.type == "agreement":
        named_at = [(c.start, c.phrase_end) for c in same]
        agreement_id = actors.identify_agreement(names, reference, named_at, issuers, date)
    refs = [a for a in actors.referred_agreements(names, reference, issuers) if a != agreement_id]
    members = _named_members(ctx, issuers)
    instrument = Instrument(
        type=best.type,
        status=status,
        evidence=Span.of(page.text, best.start, best.end),
        title=_title(same),
        date=date,
        place=place,
        issuers=tuple(issuers),
        members=members,
        agreement_id=agreement_id,
        agreements=tuple(refs),
        found=Finding("rule", f"instrument/{page.language}/{best.type}", min(1.0, best.score / 10)),
    )
    titles = tuple((c.start, c.phrase_end) for c in same)
    return Found(instrument, tuple(sentences), titles)


# -- candidates ----------------------------------------------------------------------------------


def _candidates(ctx: _Context) -> list[Candidate]:
    page = ctx.page
    taken: list[tuple[int, int]] = []
    found: list[Candidate] = []
    for (kind, lang), rule in sorted(rules().items(), key=lambda kv: -len(kv[0][0])):
        if lang != page.language or not kind.startswith("type:"):
            continue
        for m in rule.finditer(page.norm, 0, page.tail):
            if page.is_ignored(m.start()) or any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(_candidate(ctx, kind[5:], m.start(), m.end()))
    counts = {t: sum(1 for c in found if c.type == t) for t in {c.type for c in found}}
    scored = [replace(c, score=_score(page, c) + min(3, counts[c.type])) for c in found]
    return sorted(scored, key=lambda c: c.start)


def _candidate(ctx: _Context, kind: str, start: int, end: int) -> Candidate:
    page, norm = ctx.page, ctx.page.norm
    before = words(norm, page.sentence_at(start).start, start)
    draft = bool(before and _has("draft", ctx.lang, before[-1].text))
    heading = _heading_end(ctx, start)
    if heading is not None:
        line = page.line_at(start).start
        line += len(norm[line:start]) - len(norm[line:start].lstrip())
        heading_title = _sentence_case(" ".join(page.text[line:heading].split()))
        return Candidate(kind, line, end, heading, heading_title, True, draft, True)
    left = _left_russian if ctx.lang == "ru" else _left_english
    begin, named = left(ctx, before, start)
    phrase_end = _phrase_end(ctx, begin, end)
    capital = page.text[start : start + 1].isupper() and not _sentence_start(page, start)
    named = named or (capital and phrase_end > end)
    head = page.text[begin:end]
    if ctx.lang == "ru":
        head = _nominative_phrase(page.text, begin, end)
    if named and begin < start:
        title: str | None = head
    elif phrase_end > end:
        title = head + page.text[end:phrase_end]
    else:
        title = None
    quoted = _QUOTED_TITLE.match(norm, end)
    if quoted:
        title, named = page.text[quoted.start(1) : quoted.end(1)], True
    if title:
        title = " ".join(title.split())
        title = title[:1].upper() + title[1:]
    return Candidate(kind, begin, end, phrase_end, title, named, draft, False)


# a resolution titled "Countering the use of ICTs …", резолюция «Противодействие …»
_QUOTED_TITLE = re.compile(
    r',? (?:(?:titled|entitled|called|named|под названием|озаглавленн\w*) )?"([^"\n]{12,240})"'
)


def _title_case_line(page: Page, offset: int) -> bool:
    """A headline set in Title Case, where capitals mark no names."""
    line = page.line_at(offset)
    long = [w.text for w in words(page.norm, line.start, line.end) if len(w.text) >= 4]
    return len(long) >= 4 and sum(w[:1].isupper() for w in long) >= 0.7 * len(long)


def _nominative_phrase(text: str, begin: int, end: int) -> str:
    """``text[begin:end]`` put in the nominative, hyphens kept ("Нью-Делийской декларации" →
    "Нью-Делийская декларация")."""
    found = words(text, begin, end)
    forms = russian.nominative([w.text for w in found])
    out: list[str] = []
    at = begin
    for w, form in zip(found, forms, strict=True):
        gap = text[at : w.start]
        out.append("-" if gap.strip() == "-" else (" " if out else ""))
        out.append(form)
        at = w.end
    return "".join(out)


def _sentence_start(page: Page, offset: int) -> bool:
    return not page.norm[page.sentence_at(offset).start : offset].strip(" \"'(")


def _left_russian(ctx: _Context, before: list[Word], start: int) -> tuple[int, bool]:
    begin, named = start, False
    for w in reversed(before[-2:]):
        place = place_of_adjective(w.text, ctx.reference)
        if ctx.page.norm[w.end : begin].strip() or not (place or russian.is_adjective(w.text)):
            break
        if _has("draft", "ru", w.text):
            break
        named = named or place is not None
        begin = w.start
    # a compound name: "Нью-Делийской", "Алма-Атинской"
    compound = re.search(r"\b[A-ZА-ЯЁ]\w*-$", ctx.page.norm[max(0, begin - 12) : begin])
    if named and compound:
        begin -= len(compound.group(0))
    return begin, named


def _left_english(ctx: _Context, before: list[Word], start: int) -> tuple[int, bool]:
    begin, named = start, False
    if _title_case_line(ctx.page, start):
        return begin, named
    for w in reversed(before[-5:]):
        if ctx.page.norm[w.end : begin].strip(" -"):
            break
        actor = any(h.start <= w.start < h.end and h.kind != "place" for h in ctx.names.hits)
        if w.text[:1].isupper() and not actor and not _sentence_start(ctx.page, w.start):
            begin, named = w.start, True
        elif w.text.lower() in ("intergovernmental", "bilateral", "multilateral"):
            begin = w.start
        else:
            break
    return begin, named


def _phrase_end(ctx: _Context, start: int, end: int) -> int:
    """Where the noun phrase after a type noun ends: before a verb or participle, a comma or
    bracket, a date ("от 17 июля"), the attribution of a quotation. An English one opens with
    a preposition; in a title written in lower case a capitalised word that names no actor
    ends it."""
    page = ctx.page
    ws = words(page.norm, end, page.sentence_at(end).end)
    if page.language == "en" and (not ws or ws[0].text.lower() not in _PREPOSITIONS):
        return end
    titled = page.text[start : start + 1].isupper()
    last, quoted = end, False
    for i, w in enumerate(ws[:30]):
        gap = page.norm[last : w.start]
        quoted ^= gap.count('"') % 2 == 1
        if not quoted and re.search(r"[,;:(.]", gap):
            break
        following = ws[i + 1].text if i + 1 < len(ws) else ""
        if not quoted and (_stops(page.language, w.text, following) or (
            page.language == "en" and not titled and w.text[:1].isupper()
            and not any(h.start <= w.start < h.end for h in ctx.names.hits)
        )):  # fmt: skip
            break
        last = w.end
    if page.norm[end:last].count('"') % 2 == 1 and page.norm[last : last + 1] == '"':
        last += 1
    tail = words(page.norm, end, last)
    while tail and tail[-1].text.lower() in _PREPOSITIONS | {"the", "a", "an", "and"}:
        tail.pop()
    return tail[-1].end if tail and last > tail[-1].end and page.norm[last - 1] != '"' else last


_PREPOSITIONS = {
    "on",
    "of",
    "between",
    "among",
    "for",
    "concerning",
    "regarding",
    "about",
    "to",
    "in",
}


def _stops(lang: str, word: str, following: str) -> bool:
    if lang == "en":
        return word.isdigit() or _has("stop", "en", word)
    if word.lower() == "от" and following[:1].isdigit():
        return True
    return russian.pos_of(word) in ("VERB", "INFN", "PRTF", "PRTS", "GRND") or (
        word.lower() == "и" and "gent" not in russian.case_of(following)
    )


def _heading_end(ctx: _Context, start: int) -> int | None:
    """The end of a heading with the type noun at ``start``: a line of its own in the page
    head that opens with the noun (or with a name or two: "G7 Dinard Declaration"), with the
    lines that continue it (a lone "ЗАЯВЛЕНИЕ" takes the next block)."""
    page = ctx.page
    line = page.line_at(start)
    content = page.norm[line.start : line.end].strip()
    prefix = words(page.norm, line.start, start)
    if len(prefix) > 2 or not all(_is_name(ctx, w) for w in prefix):
        return None
    if content.endswith((".", "?", "!")):
        return None
    prose = re.search(r"[^\n]{160,}", page.norm)
    if prose and prose.start() < line.start:
        return None
    end, index, blank = line.end, page.lines.index(line), False
    alone = content.isupper()
    for nxt in page.lines[index + 1 : index + 8]:
        text = page.norm[nxt.start : nxt.end].strip()
        if not text:
            if blank or not alone:
                break
            blank = True
            continue
        if re.match(r"[\d(\"]|г\.|город\b", text) or text.endswith((".", ",", ":")):
            break
        end = nxt.end
    return end


def _is_name(ctx: _Context, w: Word) -> bool:
    """A known name (G7, Dinard) or an adjective made of one (Бишкекская)."""
    if any(h.start <= w.start < h.end for h in ctx.names.hits):
        return True
    return ctx.lang == "ru" and place_of_adjective(w.text, ctx.reference) is not None


def _sentence_case(title: str) -> str:
    """Words set in capitals in a heading written in lower case (acronyms stay as they are).

    >>> _sentence_case("СОВМЕСТНОЕ ЗАЯВЛЕНИЕ министров ОДКБ")
    'Совместное заявление министров ОДКБ'
    """
    out = []
    for i, word in enumerate(title.split(" ")):
        if word.isupper() and len(word) > 5:
            word = word.capitalize() if i == 0 else word.lower()
        out.append(word)
    return " ".join(out)


def _score(page: Page, c: Candidate) -> float:
    lang, norm = page.language, page.norm
    sentence = page.sentence_at(c.start)
    score = 6.0 * c.heading + 1.0 * c.named
    if c.heading and re.search(r"(?:19|20)\d\d", norm[c.phrase_end : c.phrase_end + 200]):
        score += 3
    if _has("quote", lang, norm[max(sentence.start, c.start - 40) : c.start]) or _has(
        "quote", lang, norm[c.phrase_end : c.phrase_end + 25]
    ):
        score += 3
    if _has("adopted", lang, norm[sentence.start : sentence.end]):
        score += 2
    if _has("issue", lang, norm[c.start : c.phrase_end]):
        score += 2
    return score


def _is_instrument(ctx: _Context, c: Candidate) -> bool:
    """Press statements, instruments only wished for or rejected, and agreements merely
    referred to are no instrument of the text."""
    page, lang, norm = ctx.page, ctx.lang, ctx.page.norm
    if c.heading:
        return True
    sentence = page.sentence_at(c.start)
    before = norm[max(sentence.start, c.start - 40) : c.start]
    text = norm[sentence.start : sentence.end]
    owner = words(norm, c.end, c.phrase_end)[:1]
    if c.type in ("statement", "joint-statement") and (
        (owner and _has("press", lang, owner[0].text))
        or _has("press", lang, norm[max(sentence.start, c.start - 25) : c.start])
        or re.search(r"(?i)\b(?:said|stated|announced|noted|added) in (?:a|an|its|the) $", before)
    ):
        return False
    if c.type not in ("agreement", "convention", "resolution"):
        return True
    near = norm[max(sentence.start, c.start - 120) : min(sentence.end, c.phrase_end + 30)]
    made = _has("signed", lang, near) or (c.type != "agreement" and _has("adopted", lang, near))
    if _has("hypothetical", lang, text) and not made:
        return False
    if c.type != "agreement":
        return bool(re.search(r"(?i)\badopt|\bприня|\bутверд", near))
    known = any(h.kind == "agreement" and h.start <= c.start < h.end + 2 for h in ctx.names.hits)
    if _has("reference", lang, before):
        return False
    return _has("signed", lang, text) or _signed_later(page, c, known)


def _signed_later(page: Page, c: Candidate, known: bool) -> bool:
    """A known or bilateral agreement that the text reports signed further on."""
    rule = _rule("signed", page.language)
    bilateral = known or re.search(
        r"(?i)intergovernmental|bilateral|межправительствен|двусторонн|between|между",
        page.norm[max(0, c.start - 30) : c.phrase_end],
    )
    return bool(rule and bilateral and rule.search(page.norm, c.end, page.tail))


# -- what the instrument is ----------------------------------------------------------------------


def _mention_sentences(page: Page, same: list[Candidate]) -> list[Sentence]:
    found = {page.sentence_at(c.start) for c in same}
    anaphor = _rule("anaphor", page.language)
    if anaphor:
        for m in anaphor.finditer(page.norm, 0, page.tail):
            if not page.is_ignored(m.start()):
                found.add(page.sentence_at(m.start()))
    return sorted(found, key=lambda s: s.start)


def _status(page: Page, best: Candidate, same: list[Candidate]) -> str:
    if any(c.draft for c in same):
        return "draft"
    if best.type == "agreement":
        sentence = page.sentence_at(best.start)
        around = page.norm[max(sentence.start, best.start - 60) : best.phrase_end + 40]
        return "in-force" if _has("in-force", page.language, around) else "signed"
    return "adopted"


_REPORTING = re.compile(
    r"(?i)(?:said|says|stated|announced|reported|told|сообщил\w*|заявил\w*|сообщает|"
    r"отметил\w*|передает)(?:\s+\S+){0,3}\s*$"
)


def _date(page: Page, dates: Dates, same: list[Candidate], sentences: list[Sentence]) -> str | None:
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
        return dates.published
    for sentence in page.body():
        if _VENUE.search(page.norm[sentence.start : sentence.end]):
            inside = [d for d in dates.dates if sentence.start <= d.start < sentence.end]
            if inside:
                return dates.resolve(inside[0].value)
    return None


_VENUE = re.compile(
    r"(?i)конференц|саммит|переговор|встреч|заседани|консультац|сесси|подписа|conference|"
    r"summit|talks|meeting|session|consultations|signing|signed|visit|визит"
)


def _place(
    ctx: _Context, dates: Dates, same: list[Candidate], sentences: list[Sentence]
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


_GLOSS = re.compile(r"(?:[ \t]+[^\W\d]+){0,2}[ \t]*\(([^()\n]{5,200})\)")
_GLOSS_FILLER = re.compile(r"(?i)[\s,;]|\band\b|(?<![\w-])и(?![\w-])")


def _named_members(ctx: _Context, issuers: list[str]) -> tuple[str, ...]:
    """The states a text lists as an issuing organization's members, right after its name:
    "The BRICS nations (Brazil, Russia, India, China and South Africa)"."""
    page, names, reference = ctx.page, ctx.names, ctx.reference
    organizations = {i for i in issuers if not reference.is_state(i)}
    found: set[str] = set()
    for hit in names.hits:
        if hit.kind != "organization" or reference.top(hit.id) not in organizations:
            continue
        gloss = _GLOSS.match(page.norm, hit.end)
        if not gloss or page.is_ignored(hit.start):
            continue
        states = names.within(gloss.start(1), gloss.end(1), "state")
        rest = page.norm[gloss.start(1) : gloss.end(1)]
        for h in reversed(states):
            rest = rest[: h.start - gloss.start(1)] + rest[h.end - gloss.start(1) :]
        ever = {m.state for m in reference.memberships if m.organization == reference.top(hit.id)}
        codes = {h.id for h in states}
        if len(codes) >= 2 and codes <= ever and not _GLOSS_FILLER.sub("", rest):
            found |= codes
    return tuple(sorted(found))


def _issuers(ctx: _Context, persons: list[Person], same: list[Candidate], kind: str) -> list[str]:
    """Who adopted it: the actors of the first context that names any — the instrument's
    title, the opening sentences, the sentences that name the instrument."""
    page = ctx.page
    spans = []
    for c in sorted(same, key=lambda c: (not c.heading, c.start)):
        topic = _TOPIC.search(page.norm, c.end, c.phrase_end)
        spans.append((c.start, topic.start() if topic else c.phrase_end))
    body = [
        s for s in page.body()
        if not re.fullmatch(r"[^a-zа-яё]*", page.norm[s.start : s.end][:12])
    ]  # fmt: skip
    spans += [(s.start, s.end) for s in body[:3]]
    spans += [(s.start, s.end) for s in _mention_sentences(page, same)]
    for start, end in spans:
        found = _actors_in(ctx, start, end, kind)
        if found:
            return found
    return []


def _actors_in(ctx: _Context, start: int, end: int, kind: str) -> list[str]:
    ref, names = ctx.reference, ctx.names
    strong: list[str] = []
    weak: list[str] = []
    states: list[str] = []
    for hit in names.within(start, end):
        if hit.kind not in ("state", "organization") or names.is_locative(hit):
            continue
        if hit.kind == "state":
            states.append(hit.id)
            continue
        top = ref.top(hit.id)
        if _UN_SYSTEM.search(top) and kind != "resolution":
            continue
        (strong if hit.id != top or _member_construct(ctx.page, hit) else weak).append(top)
    if kind == "resolution" and "UN" in strong + weak:
        return ["UN"]
    chosen = strong or states or weak
    return sorted(set(chosen))


def _member_construct(page: Page, hit: NameHit) -> bool:
    """``государства – члены ШОС``, ``the countries of the SCO``, ``BRICS nations``."""
    before = page.norm[max(0, hit.start - 40) : hit.start]
    after = page.norm[hit.end : hit.end + 50]
    return bool(_MEMBERS_BEFORE.search(before) or _MEMBERS_AFTER.search(after))


def _title(same: list[Candidate]) -> str | None:
    for c in same:
        if c.heading:
            return c.title
    named = [c.title for c in same if c.named and c.title]
    plain = [c.title for c in same if c.title]
    pool = named or plain
    return max(pool, key=len) if pool else None
