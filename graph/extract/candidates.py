"""Candidates for the instruments of a text: every naming of an instrument type, with its title.

Every naming of a type noun of ``graph/lexicons/instruments.tsv`` is a candidate, with the noun
phrase around it (its adjectives, a place it is named after, what it is about) as its title
and a score (a heading of the document itself, quoted, reported adopted, on information
security). Press statements, instruments only wished for or rejected ("an agreement would be
premature") and agreements merely referred to are no candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.extract import russian
from graph.extract.actors import Names
from graph.extract.dates import place_of_adjective
from graph.extract.text import Page, Sentence, Word, words
from graph.lexicon import compiled, read_lexicon
from graph.paths import LEXICONS_DIR
from graph.reference import Reference

Rules = dict[tuple[str, str], re.Pattern[str]]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The lexicon of ``graph/lexicons/instruments.tsv``, one pattern per kind and language.

    >>> bool(rules()[("type:declaration", "ru")].search("в Казанской декларации"))
    True
    """
    found: dict[tuple[str, str], list[str]] = {}
    lexicon = read_lexicon(
        LEXICONS_DIR / "instruments.tsv",
        ("kind", "lang", "pattern"),
        choices={"lang": ("en", "ru")},
    )
    for row in lexicon.rows:
        compiled(row, "pattern")  # a malformed one is refused with its line
        found.setdefault((row["kind"], row["lang"]), []).append(row["pattern"])
    return {
        key: re.compile(r"(?i)(?<![\w-])(?:" + "|".join(pats) + r")(?![\w-])")
        for key, pats in found.items()
    }


def rule(kind: str, lang: str) -> re.Pattern[str] | None:
    return rules().get((kind, lang))


def has(kind: str, lang: str, text: str) -> bool:
    pattern = rule(kind, lang)
    return bool(pattern and pattern.search(text))


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
class Context:
    page: Page
    names: Names
    reference: Reference

    @property
    def lang(self) -> str:
        return self.page.language


def candidates(ctx: Context) -> list[Candidate]:
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


def _candidate(ctx: Context, kind: str, start: int, end: int) -> Candidate:
    page, norm = ctx.page, ctx.page.norm
    before = words(norm, page.sentence_at(start).start, start)
    draft = bool(before and has("draft", ctx.lang, before[-1].text))
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


def _left_russian(ctx: Context, before: list[Word], start: int) -> tuple[int, bool]:
    begin, named = start, False
    for w in reversed(before[-2:]):
        place = place_of_adjective(w.text, ctx.reference)
        if ctx.page.norm[w.end : begin].strip() or not (place or russian.is_adjective(w.text)):
            break
        if has("draft", "ru", w.text):
            break
        named = named or place is not None
        begin = w.start
    # a compound name: "Нью-Делийской", "Алма-Атинской"
    compound = re.search(r"\b[A-ZА-ЯЁ]\w*-$", ctx.page.norm[max(0, begin - 12) : begin])
    if named and compound:
        begin -= len(compound.group(0))
    return begin, named


def _left_english(ctx: Context, before: list[Word], start: int) -> tuple[int, bool]:
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


def _phrase_end(ctx: Context, start: int, end: int) -> int:
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
        return word.isdigit() or has("stop", "en", word)
    if word.lower() == "от" and following[:1].isdigit():
        return True
    return russian.pos_of(word) in ("VERB", "INFN", "PRTF", "PRTS", "GRND") or (
        word.lower() == "и" and "gent" not in russian.case_of(following)
    )


def _heading_end(ctx: Context, start: int) -> int | None:
    """The end of a heading with the type noun at ``start``: a line of its own in the page
    head that opens with the noun (or with a name or two: "G7 Dinard Declaration"), with the
    lines that continue it (a lone "ЗАЯВЛЕНИЕ" takes the next block)."""
    page = ctx.page
    line = page.line_at(start)
    content = page.norm[line.start : line.end].strip()
    prefix = words(page.norm, line.start, start)
    owner = (  # "G7 Foreign Ministers' Communiqué": a name, then capitalised words
        len(prefix) <= 4
        and bool(prefix)
        and _is_name(ctx, prefix[0])
        and all(w.text[:1].isupper() or w.text in ("of", "s") for w in prefix[1:])
    )
    if not owner and (len(prefix) > 2 or not all(_is_name(ctx, w) for w in prefix)):
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


def _is_name(ctx: Context, w: Word) -> bool:
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
    if has("quote", lang, norm[max(sentence.start, c.start - 40) : c.start]) or has(
        "quote", lang, norm[c.phrase_end : c.phrase_end + 25]
    ):
        score += 3
    if has("adopted", lang, norm[sentence.start : sentence.end]):
        score += 2
    if has("issue", lang, norm[c.start : c.phrase_end]):
        score += 2
    return score


def is_instrument(ctx: Context, c: Candidate) -> bool:
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
        (owner and has("press", lang, owner[0].text))
        or has("press", lang, norm[max(sentence.start, c.start - 25) : c.start])
        or re.search(r"(?i)\b(?:said|stated|announced|noted|added) in (?:a|an|its|the) $", before)
        or _PRESS_ISSUED.search(before)
        or _PRESS_AFTER.match(norm, c.phrase_end, sentence.end)
    ):
        return False  # a ministry's words: a statement of its state only if they state a position
    if c.type == "statement" and has("speech-noun", lang, norm[c.start : c.end]):
        return names_forum(ctx, sentence, venue=True)  # "remarks", "выступление" at a UN body
    if c.type not in ("agreement", "convention", "resolution"):
        return True
    near = norm[max(sentence.start, c.start - 120) : min(sentence.end, c.phrase_end + 30)]
    made = has("signed", lang, near) or (c.type != "agreement" and has("adopted", lang, near))
    if has("hypothetical", lang, text) and not made:
        return False
    if c.type != "agreement":
        return bool(passing_votes(ctx, c))
    known = any(h.kind == "agreement" and h.start <= c.start < h.end + 2 for h in ctx.names.hits)
    if has("reference", lang, before):
        return False
    signed = has("signed", lang, text) or has("ratified", lang, norm[c.end : sentence.end])
    return signed or _signed_later(page, c, known)


# "the State Department issued a statement", "In a statement, the Foreign Ministry said"
_PRESS_ISSUED = re.compile(
    r"(?i)(?:ministry|department|office|spokes\w*|МИД\w*|министерств\w*|ведомств\w*)"
    r"\s+(?:\w+\s+)?(?:issued|released|published|made|распространил\w*|опубликовал\w*)\s+"
    r"(?:a|an|its|the\s+)?\s*$"
)
_PRESS_AFTER = re.compile(
    r"(?i),\s+(?:the\s+)?(?:[\w.'-]+\s+){0,3}(?:ministry|department|foreign office|spokes\w*|"
    r"МИД\w*|министерств\w*)"
)


def _signed_later(page: Page, c: Candidate, known: bool) -> bool:
    """A known or bilateral agreement that the text reports signed further on."""
    signed = rule("signed", page.language)
    bilateral = known or re.search(
        r"(?i)intergovernmental|bilateral|межправительствен|двусторонн|between|между",
        page.norm[max(0, c.start - 30) : c.phrase_end],
    )
    return bool(signed and bilateral and signed.search(page.norm, c.end, page.tail))


def names_forum(ctx: Context, stretch: Sentence, venue: bool = False) -> bool:
    """Whether a stretch of the text names a UN body or an ITU conference (with ``venue``: as
    where someone speaks, "at the First Committee", "на заседании СБ ООН", not "the central
    role of the UN")."""
    forum = rule("forum", ctx.lang)
    starts = (
        [m.start() for m in forum.finditer(ctx.page.norm, stretch.start, stretch.end)]
        if (forum)
        else []
    )
    starts += [
        h.start
        for h in ctx.names.within(stretch.start, stretch.end)
        if h.kind == "organization" and ctx.reference.top(h.id) in ("UN", "ITU")
    ]
    if not venue:
        return bool(starts)
    return any(_VENUE_BEFORE.search(ctx.page.norm[max(0, at - 50) : at]) for at in starts)


_VENUE_BEFORE = re.compile(
    r"(?i)(?:\b(?:at|before|to|in|tells?|told|addressing|addressed)|(?<![\w-])(?:на|в|во|перед))"
    r"\s+(?:the\s+|an?\s+)?(?:[\w'-]+\s+){0,4}$"
)


def passing_votes(ctx: Context, c: Candidate) -> list[re.Match[str]]:
    """The verbs of its sentence that adopt (approve, open for signature) this resolution or
    convention: before it with no other instrument between ("the General Assembly approved a
    resolution that aims to create a convention": not the convention), or just after it."""
    page, norm = ctx.page, ctx.page.norm
    passed = rule("passed", ctx.lang)
    if passed is None:
        return []
    sentence = page.sentence_at(c.start)
    out = [
        m
        for m in passed.finditer(norm, max(sentence.start, c.start - 120), c.start)
        if not _names_type(ctx, m.end(), c.start)
        and not _AGENT.search(norm, m.end(), c.start)  # "the mandate adopted by resolution 75/282"
    ]
    out += [
        m
        for m in passed.finditer(norm, c.end, min(sentence.end, c.phrase_end + 60))
        if not _names_type(ctx, c.end, m.start())
    ]
    return out


_AGENT = re.compile(r"(?i)\bby\s+(?!(?:a\s+)?(?:recorded\s+)?vote)|\bunder\b|(?<![\w-])согласно\b")


def _names_type(ctx: Context, start: int, end: int) -> bool:
    return any(
        pattern.search(ctx.page.norm, start, end)
        for (kind, lang), pattern in rules().items()
        if kind.startswith("type:") and lang == ctx.lang
    )


def approving_body(ctx: Context, c: Candidate) -> str | None:
    """Who adopted a resolution or convention: ``plenary`` (the General Assembly) or a
    ``committee``, whose approval leaves it a draft; the body named nearest each verb that
    adopts it (its subject, or "by the Third Committee" after it)."""
    norm = ctx.page.norm
    bodies: set[str] = set()
    for verb in passing_votes(ctx, c):
        sentence = ctx.page.sentence_at(verb.start())
        before = norm[max(sentence.start, verb.start() - 100) : verb.start()]
        after = re.match(r"\s+by\s+(?:the\s+)?([^,.;]{0,60})", norm[verb.end() : sentence.end])
        nearest = last_body(ctx.lang, after.group(1)) if after else None
        bodies.add(nearest or last_body(ctx.lang, before) or "")
    if "plenary" in bodies:
        return "plenary"
    return "committee" if "committee" in bodies else None


def last_body(lang: str, text: str) -> str | None:
    """The body named last in ``text``; a committee named with its plenary ("the First
    Committee of the General Assembly", "Третий комитет Генассамблеи ООН") is a committee."""
    committee, plenary = rule("committee", lang), rule("plenary", lang)
    if committee is None or plenary is None:
        return None
    found = [(m.end(), "committee") for m in committee.finditer(text)]
    found += [
        (m.end(), "plenary")
        for m in plenary.finditer(text)
        if not any(0 <= m.start() - end <= 16 for end, _ in found)
    ]
    return max(found)[1] if found else None
