"""Persons a text names as acting for a state or an organization."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from graph.extract import russian
from graph.extract.actors import NameHit, Names
from graph.extract.text import Word, words
from graph.lexicon import read_lexicon
from graph.model import Person, Span
from graph.paths import LEXICONS_DIR


@lru_cache(maxsize=1)
def _person_words() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {"role": set(), "office": set(), "notname": set()}
    lexicon = read_lexicon(
        LEXICONS_DIR / "person-words.tsv", ("kind", "word"), choices={"kind": tuple(table)}
    )
    for row in lexicon.rows:
        table[row["kind"]].add(row["word"].lower())
    return table


def _is(kind: str, word: str) -> bool:
    lower = word.lower()
    table = _person_words()[kind]
    return lower in table or (lower.endswith("s") and lower[:-1] in table)


def find_persons(names: Names) -> list[Person]:
    """Persons named as acting: natasha's NER in Russian, titles before names in English.
    A surname alone (``Bishop said``) is no second person.

    >>> from graph.extract.actors import find_names
    >>> from graph.extract.text import Page
    >>> from graph.reference import Reference
    >>> text = "Russian Foreign Minister Sergey Lavrov met them. Lavrov said so."
    >>> [(p.name, p.acts_for) for p in find_persons(find_names(Page.of(text), Reference.load()))]
    [('Sergey Lavrov', 'RUS')]
    """
    page = names.page
    found = _russian_persons(names) if page.language == "ru" else _english_persons(names)
    found = [f for f in found if len(f[2].split()) >= 2]
    respective = _respectively(names, found)
    persons: dict[str, Person] = {}
    for start, end, name in found:
        if name in persons:
            continue
        span = Span.of(page.text, start, end)
        acts_for = respective.get(start) or _acts_for(names, start)
        persons[name] = Person(name, span, acts_for=acts_for)
    return list(persons.values())


def _acts_for(names: Names, start: int) -> str | None:
    """The state named last before a person, close by in the sentence."""
    before = _states_before(names, start)
    return before[-1].id if before else None


def _states_before(names: Names, start: int) -> list[NameHit]:
    sentence = names.page.sentence_at(start)
    return [
        h
        for h in names.within(sentence.start, start, "state")
        if start - h.end <= 60 and not names.is_locative(h)
    ]


_AND = re.compile(r"(?i)^\W*(?:и|and|,)\W*$")


def _respectively(names: Names, found: list[tuple[int, int, str]]) -> dict[int, str]:
    """Persons named in a row after states named in a row, each for its state in turn:
    "the Presidents of Russia and Uzbekistan Vladimir Putin and Shavkat Mirziyoyev"."""
    norm = names.page.norm
    out: dict[int, str] = {}
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and _AND.match(norm[found[j][1] : found[j + 1][0]]):
            j += 1
        run = found[i : j + 1]
        states = _states_before(names, run[0][0])[-len(run) :]
        joined = all(_AND.match(norm[a.end : b.start]) for a, b in pairwise(states))
        if len(run) > 1 and len(states) == len(run) and joined:
            out.update((start, state.id) for (start, _, _), state in zip(run, states, strict=True))
        i = j + 1
    return out


def _english_persons(names: Names) -> list[tuple[int, int, str]]:
    page = names.page
    out: list[tuple[int, int, str]] = []
    for sentence in page.body():
        ws = words(page.norm, sentence.start, sentence.end)
        for run in _capitalised_runs(page.norm, ws):
            out.extend(_english_names_in_run(names, ws, run))
    return out


def _capitalised_runs(norm: str, ws: list[Word]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i, w in enumerate(ws):
        if not w.text[:1].isupper():
            continue
        gap = norm[ws[i - 1].end : w.start] if i else ""
        if runs and runs[-1][-1] == i - 1 and re.fullmatch(r" ?\.? ?", gap):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _english_names_in_run(
    names: Names, ws: list[Word], run: list[int]
) -> list[tuple[int, int, str]]:
    titled = False
    core = list(run)
    while core and (
        any(_is(k, ws[core[0]].text) for k in ("role", "office", "notname"))
        or names.covers(ws[core[0]])
    ):
        titled = titled or _is("role", ws[core[0]].text)
        core.pop(0)
    if not 2 <= len(core) <= 4:
        return []
    if any(
        _is("role", ws[i].text)
        or _is("notname", ws[i].text)
        or names.covers(ws[i])
        or len(ws[i].text) < 2
        for i in core
    ):
        return []
    before = [w for w in ws[max(0, run[0] - 12) : run[0]] if not names.covers(w)]
    titled = (
        titled
        or any(_is("role", w.text) for w in before[-4:])
        or any(_is("role", w.text) and w.text[:1].isupper() for w in before)
    )
    if not titled or any(_written_in_lower_case(names.page.norm, ws[i].text) for i in core):
        return []
    start, end = ws[core[0]].start, ws[core[-1]].end
    text = " ".join(ws[i].text for i in core)
    return [(start, end, text)]


def _written_in_lower_case(norm: str, word: str) -> bool:
    """Whether the text also writes the word in lower case: a common word set in a Title Case
    headline ("Countering Use of ICTs"), not a name."""
    lower = word.lower()
    return lower != word and re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", norm) is not None


def _russian_persons(names: Names) -> list[tuple[int, int, str]]:
    page = names.page
    out: list[tuple[int, int, str]] = []
    for sentence in page.body():
        ws = words(page.norm, sentence.start, sentence.end)
        if not any(
            w.text[:1].isupper()
            and not w.text.isupper()
            and not names.covers(w)
            and russian.is_person_word(w.text)
            for w in ws
        ):
            continue
        for start, end in russian.person_spans(page.norm, sentence.start, sentence.end):
            parts = [w.text for w in words(page.norm, start, end)]
            if any(names.covers(w) for w in words(page.norm, start, end)):
                continue
            joined = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*\.?", page.norm[start:end])
            joined = [w if len(w) == 2 and w.endswith(".") else w.rstrip(".") for w in joined]
            if len(joined) < 2 or not parts:
                continue
            out.append((start, end, russian.to_latin(" ".join(russian.name_forms(joined)))))
    return out
