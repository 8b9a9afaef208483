"""Lemmas of a page, and patterns written in lemmas, so one line of a lexicon matches every
inflection, number and spelling of a phrase.

``LemmaView`` puts the body of a page in one string of lemmas, a space after each, the
sentences parted by ``¶``: ``" сторона выступать за повышение роль МСЭ ¶ "``. Acronyms keep their
capitals (``IT`` is not ``it``, ``US`` is not ``us``); a plural acronym loses its ``s``
(``ICTs`` → ``ICT``); ``,``, ``;`` and ``:`` are tokens of their own. Every token keeps the
offsets of its word in the text, so a match in the view is a verbatim span of the text.

A lemma pattern (``compile_lemma_pattern``) is written in plain words of the language, which are
lemmatised as the text is:

* ``роли МСЭ`` — the words in this order (any inflection);
* ``(рост|повышение) роли`` — alternatives, each a sequence; ``(всех)?`` — optional;
* ``кибер*`` — any word that begins so;
* ``…`` — a gap of up to four words inside the clause (``…8`` up to eight); a gap never
  crosses ``;``, a sentence or a negation;
* ``{ICT}`` — a macro of the lexicon, itself a pattern.

>>> from graph.extract.text import Page
>>> page = Page.of("Стороны выступают за повышение роли Международного союза электросвязи.")
>>> view = LemmaView.of(page)
>>> view.string
' сторона выступать за повышение роль международный союз электросвязь ¶ '
>>> pattern = compile_lemma_pattern("(повышение|усиление) … роли (МСЭ|международного союза "
...                                 "электросвязи)", "ru", {})
>>> [page.text[s:e] for s, e in view.spans(pattern)]
['повышение роли Международного союза электросвязи']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from graph.extract import english, russian
from graph.extract.text import Page, Sentence

SENTENCE_BREAK = "¶"
_TOKEN = re.compile(r"[^\W_]+n['’]t\b|[^\W_]+|[,;:]")
# "co-operation", "non-interference": an English prefix joined to its word, as in
# "cooperation", so both spellings meet
_JOINED_PREFIX = re.compile(r"(?i)\b(co|non|anti|counter|multi|inter|pre|re|cyber)-(?=[a-z])")
_NT = {"can": "can", "ca": "can", "won": "will", "wo": "will", "shan": "shall", "ain": "be"}


NEGATION_MARK = "¬"  # before a negation's lemma in the view, so no gap of a pattern crosses it
_NEGATIONS = frozenset({"not", "no", "never", "не", "нет", "ни"})


def marked(lemma: str) -> str:
    """A lemma as the view writes it: a negation carries its mark."""
    return NEGATION_MARK + lemma if lemma in _NEGATIONS else lemma


@lru_cache(maxsize=300_000)
def lemma_of(word: str, lang: str) -> str:
    """The lemma of one word as the view writes it.

    >>> lemma_of("ICTs", "en"), lemma_of("ООН", "ru"), lemma_of("Роли", "ru"), lemma_of("не", "ru")
    ('ICT', 'ООН', 'роль', '¬не')
    """
    if not word[:1].isalnum():
        return word
    acronym = re.fullmatch(r"([A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,4})s?", word)
    if acronym and not word.isdigit():
        return acronym.group(1).replace("Ё", "Е")
    if lang == "ru" and re.search(r"[а-яёА-ЯЁ]", word):
        return marked(russian.lemma(word))
    return marked(english.lemma(word))


@dataclass(frozen=True)
class Token:
    start: int  # offsets of the word in the text
    end: int
    lemma: str


@lru_cache(maxsize=8)
def prepared(norm: str, lang: str) -> str:
    """The view tokens are read from: an English joined prefix's hyphen becomes a character
    no token holds, so the two words can be joined again (one character for one). Kept for
    the last texts: a record of eighty speakers reads it once, not once a speaker."""
    if lang != "en":
        return norm
    return _JOINED_PREFIX.sub(lambda m: m.group(1) + "\x00", norm)


def tokens_of(norm: str, lang: str, start: int, end: int) -> list[Token]:
    """The lemma tokens of ``norm[start:end]`` (a ``prepared`` view); "doesn't" gives "do"
    and "not"."""
    out: list[Token] = []
    for m in _TOKEN.finditer(norm, start, end):
        text = m.group(0).replace("\x00", "")
        if text[-3:].lower() in ("n't", "n’t") and len(text) > 3:
            base = text[:-3].lower()
            word_end = m.end() - 3
            out.append(Token(m.start(), word_end, _NT.get(base) or english.lemma(base)))
            out.append(Token(word_end, m.end(), marked("not")))
            continue
        if m.group(0).lower() == "cannot":
            out.append(Token(m.start(), m.start() + 3, "can"))
            out.append(Token(m.start() + 3, m.end(), marked("not")))
            continue
        out.append(Token(m.start(), m.end(), lemma_of(text, lang)))
    return _joined(out, norm)


def _joined(tokens: list[Token], norm: str) -> list[Token]:
    """Words the prefix substitution split at its placeholder are one token again."""
    out: list[Token] = []
    for token in tokens:
        if out and norm[out[-1].end : token.start] == "\x00":
            previous = out.pop()
            word = norm[previous.start : token.end].replace("\x00", "")
            out.append(Token(previous.start, token.end, english.lemma(word)))
        else:
            out.append(token)
    return out


@dataclass(frozen=True)
class LemmaView:
    """The lemmas of a page's body sentences in one string (see the module's doc)."""

    page: Page
    tokens: tuple[Token, ...]
    string: str
    positions: tuple[int, ...]  # where each token starts in ``string``
    sentences: tuple[Sentence, ...]  # the body sentences, in the order of the string

    @classmethod
    def of(cls, page: Page, sentences: list[Sentence] | None = None) -> LemmaView:
        body = page.body() if sentences is None else sentences
        tokens: list[Token] = []
        parts: list[str] = [" "]
        positions: list[int] = []
        at = 1
        norm = prepared(page.norm, page.language)
        for sentence in body:
            if sentence.start >= page.tail:
                break
            for token in tokens_of(norm, page.language, sentence.start, sentence.end):
                tokens.append(token)
                positions.append(at)
                parts.append(token.lemma + " ")
                at += len(token.lemma) + 1
            tokens.append(Token(sentence.end, sentence.end, SENTENCE_BREAK))
            positions.append(at)
            parts.append(SENTENCE_BREAK + " ")
            at += 2
        return cls(page, tuple(tokens), "".join(parts), tuple(positions), tuple(body))

    def token_range(self, match_start: int, match_end: int) -> tuple[int, int]:
        """The tokens ``[first, last)`` a match of the string covers."""
        first = bisect.bisect_left(self.positions, match_start)
        last = bisect.bisect_right(self.positions, match_end - 2)
        return first, last

    def matches(self, pattern: LemmaPattern) -> Iterator[tuple[int, int]]:
        """Every match of a compiled lemma pattern, as a token range ``[first, last)``."""
        if not pattern.may_match(self.string):
            return
        for m in pattern.finditer(self.string):
            if m.end() > m.start():
                yield self.token_range(m.start(), m.end())

    def spans(self, pattern: LemmaPattern) -> Iterator[tuple[int, int]]:
        """Every match as offsets into the text."""
        for first, last in self.matches(pattern):
            yield self.tokens[first].start, self.tokens[last - 1].end

    @cached_property
    def opening(self) -> str:
        """The lemmas of the text's opening (headline, heading, lead), for conditions on what
        the whole text is about."""
        limit = min(400, self.page.tail)
        sentences = [s for s in self.page.sentences if s.start < limit]
        return LemmaView.of(self.page, sentences).string

    @cached_property
    def breaks(self) -> tuple[int, ...]:
        """The indices of the tokens that end a clause (``;``) or a sentence."""
        return tuple(i for i, t in enumerate(self.tokens) if t.lemma in (SENTENCE_BREAK, ";"))

    def same_clause(self, first: int, last: int) -> bool:
        """Whether no clause or sentence break lies in the tokens ``[first, last)``."""
        i = bisect.bisect_left(self.breaks, first)
        return i >= len(self.breaks) or self.breaks[i] >= last

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The index of each sentence's first token."""
        return [0] + [i + 1 for i, t in enumerate(self.tokens) if t.lemma == SENTENCE_BREAK]

    def sentence_of(self, token: int) -> tuple[int, int]:
        """The token range of the sentence around a token (its break excluded)."""
        starts = self.sentence_starts
        i = bisect.bisect_right(starts, token) - 1
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(self.tokens)
        return starts[i], end


def _pattern_lemma(word: str, lang: str) -> str:
    """A lexicon word as a lemma: a Russian word that is a dictionary form stays itself."""
    if lang == "ru" and word[:1].islower():
        return marked(russian.dictionary_form(word))
    return lemma_of(word, lang)


_PATTERN_TOKEN = re.compile(r"\(|\)\??|\||…\d*|\{\w+\}|[^\s()|]+")
# a gap never crosses a clause, a sentence or a negation ("is … needed" is not "is not needed")
_GAP = "(?:[^ ¶;¬][^ ]* ){0,%d}?"


Firsts = frozenset[str] | None  # the lemmas a match may begin with; None: any


@dataclass(frozen=True)
class LemmaPattern:
    """A compiled lemma pattern, with the lemmas a match may begin with, so a text that holds
    none of them is passed over without running the expression."""

    regex: re.Pattern[str]
    firsts: Firsts

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(string)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> bool:
        return bool(self.regex.search(string, pos, len(string) if endpos is None else endpos))

    def may_match(self, string: str) -> bool:
        return self.firsts is None or any(f" {first} " in string for first in self.firsts)


def compile_lemma_pattern(pattern: str, lang: str, macros: dict[str, str]) -> LemmaPattern:
    """A lemma pattern as a regular expression over a ``LemmaView.string``.

    >>> compiled = compile_lemma_pattern("(all)? states кибер*", "en", {})
    >>> compiled.regex.pattern, compiled.firsts
    ('(?<= )(?:all )?state кибер[^ ]* ', None)
    >>> sorted(compile_lemma_pattern("(roles|ITU) of", "en", {}).firsts or ())
    ['ITU', 'role']
    """
    regex, firsts = _expand(pattern, lang, macros, depth=0)
    return LemmaPattern(re.compile("(?<= )" + regex), firsts)


def _expand(pattern: str, lang: str, macros: dict[str, str], depth: int) -> tuple[str, Firsts]:
    if depth > 8:
        raise ValueError(f"macros nest too deep in '{pattern}'")
    parts = _PATTERN_TOKEN.findall(pattern)
    out, firsts, _ = _sequence(parts, 0, lang, macros, depth)
    return out, firsts


def _sequence(
    parts: list[str], i: int, lang: str, macros: dict[str, str], depth: int
) -> tuple[str, Firsts, int]:
    """The regex of the alternatives from ``parts[i]`` to the closing bracket or the end, and
    the lemmas a match of it may begin with."""
    alternatives: list[str] = []
    current: list[str] = []
    firsts: set[str] | None = set()
    current_first: Firsts = frozenset()  # set by the first element of the alternative
    started = False

    def element(regex: str, first: Firsts) -> None:
        nonlocal started, current_first
        current.append(regex)
        if not started:
            current_first, started = first, True

    while i < len(parts):
        part = parts[i]
        if part == "(":
            inner, inner_firsts, i = _sequence(parts, i + 1, lang, macros, depth)
            closing = parts[i] if i < len(parts) else ""
            if not closing.startswith(")"):
                raise ValueError("a '(' without its ')'")
            optional = closing == ")?"
            element(f"(?:{inner})" + ("?" if optional else ""), None if optional else inner_firsts)
        elif part.startswith(")"):
            break
        elif part == "|":
            alternatives.append("".join(current))
            firsts = None if firsts is None or current_first is None else firsts | current_first
            current, started, current_first = [], False, frozenset()
        elif part.startswith("…"):
            element(_GAP % int(part[1:] or 4), None)
        elif part.startswith("{"):
            name = part[1:-1]
            if name not in macros:
                raise ValueError(f"no macro {{{name}}}")
            regex, macro_firsts = _expand(macros[name], lang, macros, depth + 1)
            element(f"(?:{regex})", macro_firsts)
        elif part.endswith("*") and len(part) > 1:
            element(re.escape(part[:-1].lower().replace("ё", "е")) + "[^ ]* ", None)
        else:
            if lang == "en":
                part = _JOINED_PREFIX.sub(r"\1", part)
            for word in _TOKEN.findall(part):
                lemma = _pattern_lemma(word, lang)
                element(re.escape(lemma) + " ", frozenset({lemma}))
        i += 1
    alternatives.append("".join(current))
    if not started:
        current_first = None
    firsts = None if firsts is None or current_first is None else firsts | current_first
    return "|".join(alternatives), (None if firsts is None else frozenset(firsts)), i
