"""Russian morphology and names: the only module that touches pymorphy3 and natasha.

* ``lemma_keys``: the dictionary forms a word may have (cached: pymorphy3 parses ~12k words/s),
  so a label's lemma sequence matches the text's in every case (``Российской Федерации`` →
  ``российский федерация``).
* ``nominative``: a noun phrase put back into the nominative (``в совместном заявлении`` →
  ``совместное заявление``), for titles.
* ``person_spans``: natasha's NER for persons, run only on the sentences that need it.
* ``to_latin``: persons in English transliteration, "Given Family", with the exceptions of
  ``graph/lexicons/names.tsv`` (``Мирзиёев`` → ``Mirziyoyev``).

>>> sorted(lemma_keys("Узбекистана"))
['узбекистан']
>>> nominative(["совместном", "заявлении"])
['совместное', 'заявление']
>>> to_latin("Сергей Лавров")
'Sergey Lavrov'
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

import pymorphy3

from graph.lexicon import read_lexicon
from graph.paths import LEXICONS_DIR

_CYRILLIC = re.compile(r"[а-яё]", re.I)
_PROPER = {"Name", "Surn", "Patr"}


@lru_cache(maxsize=1)
def _morph() -> Any:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1)
def _unranked() -> Any:
    """An analyzer that skips pymorphy3's probability estimate: twice as fast, for when every
    reading of a word counts (lemma keys), not only the likeliest."""
    return pymorphy3.MorphAnalyzer(probability_estimator_cls=None)


@lru_cache(maxsize=300_000)
def _parses(word: str) -> tuple[Any, ...]:
    return tuple(_morph().parse(word)[:4])


@lru_cache(maxsize=100_000)
def is_word(word: str) -> bool:
    """Whether pymorphy3's dictionary knows the word (in any form).

    >>> is_word("заявлениями"), is_word("ываоыв")
    (True, False)
    """
    return bool(_morph().word_is_known(word.lower()))


def stem(word: str) -> str:
    """A crude stem for proper names the dictionary does not know (``Сямэне`` ~ ``Сямэнь``).

    >>> stem("сямэне"), stem("сямэнь")
    ('сямэн', 'сямэн')
    """
    w = word.lower().replace("ё", "е")
    stripped = w.rstrip("аяоеиыуюйь")
    return stripped if len(stripped) >= 3 else w


@lru_cache(maxsize=300_000)
def lemma_keys(word: str) -> frozenset[str]:
    """The normal forms a word may have, lower case, ``ё`` as ``е``; a capitalised word also
    keys by its stem, so unknown place names match in any case.

    >>> sorted(lemma_keys("Сямэне"))
    ['сямэн']
    """
    lower = word.lower().replace("ё", "е")
    if not _CYRILLIC.search(lower):
        return frozenset({lower})
    keys = {p.normal_form.replace("ё", "е") for p in _unranked().parse(lower)}
    if word[:1].isupper() and len(lower) > 3 and not _unranked().word_is_known(lower):
        keys.add(stem(lower))
    return frozenset(keys)


@lru_cache(maxsize=100_000)
def lemma(word: str) -> str:
    """The most likely normal form of a word.

    >>> lemma("заявлении")
    'заявление'
    """
    lower = word.lower().replace("ё", "е")
    if not _CYRILLIC.search(lower):
        return lower
    parses = _parses(lower)
    if word[:1].isupper():
        # a capitalised word inside a sentence is a name more often than a verb: "Устав ООН"
        # is the Charter, not "having tired"
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if nouns:
            return str(nouns[0].normal_form).replace("ё", "е")
    return str(parses[0].normal_form).replace("ё", "е")


@lru_cache(maxsize=100_000)
def dictionary_form(word: str) -> str:
    """A lexicon's word as a lemma: itself when it is a dictionary form already ("устав" is
    the noun, whatever pymorphy3 thinks likelier), else its most likely lemma.

    >>> dictionary_form("устав"), dictionary_form("роли")
    ('устав', 'роль')
    """
    lower = word.lower().replace("ё", "е")
    if _CYRILLIC.search(lower) and lower in lemma_keys(lower):
        return lower
    return lemma(word)


@lru_cache(maxsize=100_000)
def is_person_word(word: str) -> bool:
    """Whether a capitalised word may be part of a person's name (a given name, surname or
    patronymic, or a word the dictionary does not know).

    >>> is_person_word("Мирзиёев"), is_person_word("Президент")
    (True, False)
    """
    lower = word.lower()
    if not _morph().word_is_known(lower):
        return True
    return any(_PROPER & set(p.tag.grammemes) for p in _parses(lower))


_ADJ_ENDING = re.compile(
    r"(?:ого|ему|ому|ыми|ими|ой|ую|ая|ое|ее|ые|ие|ых|их|ым|им|ом|ем|ый|ий|яя|юю)$"
)
_NOMINATIVE = {"femn": "ая", "neut": "ое", "masc": "ый"}


def _inflect(word: str, grammemes: set[str], pos: tuple[str, ...]) -> str:
    for parse in _parses(word.lower()):
        if parse.tag.POS in pos:
            form = parse.inflect(grammemes)
            if form is not None:
                return _same_case(word, form.word)
    if "ADJF" in pos and _ADJ_ENDING.search(word.lower()):
        base = _ADJ_ENDING.sub("", word)
        gender = next((g for g in _NOMINATIVE if g in grammemes), "masc")
        ending = _NOMINATIVE[gender]
        if gender == "masc" and base[-1:].lower() in "кгхжшчщ":
            ending = "ий"
        return base + ending
    return word


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def nominative(words: list[str]) -> list[str]:
    """Adjectives and the head noun that ends the list, put in the nominative singular.

    >>> nominative(["Казанской", "декларации"])
    ['Казанская', 'декларация']
    """
    if not words:
        return words
    head = words[-1]
    gender = "neut"
    for parse in _parses(head.lower()):
        if parse.tag.POS == "NOUN":
            gender = parse.tag.gender or gender
            break
    out = [_inflect(w, {"nomn", gender, "sing"}, ("ADJF", "PRTF")) for w in words[:-1]]
    out.append(_inflect(head, {"nomn", "sing"}, ("NOUN",)))
    return out


def case_of(word: str) -> set[str]:
    """The cases a word form may be in (``{'gent', 'loct', ...}``)."""
    return {str(p.tag.case) for p in _parses(word.lower()) if p.tag.case}


def is_adjective(word: str) -> bool:
    """Whether any reading of a word is an adjective or participle (full form).

    >>> is_adjective("Казанской"), is_adjective("заявлении")
    (True, False)
    """
    return any(p.tag.POS in ("ADJF", "PRTF") for p in _parses(word.lower()))


def pos_of(word: str) -> str | None:
    """The most likely part of speech (pymorphy3's tag: ``NOUN``, ``ADJF``, ``VERB`` ...)."""
    parses = _parses(word.lower())
    return str(parses[0].tag.POS) if parses and parses[0].tag.POS else None


# -- persons -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _ner() -> tuple[Any, Any]:
    # The NER runs one sentence at a time: tiny matrices, for which OpenBLAS threads only spin
    # and contend (throughput varied threefold). One thread, unless the user chose otherwise.
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


@lru_cache(maxsize=256)
def entity_spans(text: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    """Offsets and types (PER, ORG, LOC) of what natasha finds in ``text[start:end]`` (one
    sentence or so); a sentence asked for persons and then organizations is tagged once."""
    from natasha import Doc

    segmenter, tagger = _ner()
    doc = Doc(text[start:end])
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return tuple((start + s.start, start + s.stop, s.type) for s in doc.spans)


def person_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the persons natasha finds in ``text[start:end]``."""
    return [(a, b) for a, b, kind in entity_spans(text, start, end) if kind == "PER"]


def organization_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the organizations natasha finds in ``text[start:end]``."""
    return [(a, b) for a, b, kind in entity_spans(text, start, end) if kind == "ORG"]


def name_forms(words: list[str]) -> list[str]:
    """A person's name words put in the nominative (surnames agree with the given name).

    >>> name_forms(["Шавката", "Мирзиёева"]), name_forms(["Маите", "Нкоана-Машабане"])
    (['Шавкат', 'Мирзиёев'], ['Маите', 'Нкоана-Машабане'])
    """
    gender = None
    for parse in _parses(words[0].lower()) if words else ():
        if "Name" in parse.tag:
            gender = parse.tag.gender
            break
    out = []
    for word in words:
        if word.endswith("."):
            out.append(word)  # an initial
            continue
        nominatives = [p for p in _parses(word.lower()) if p.tag.case == "nomn"]
        if any(gender is None or p.tag.gender in (gender, None) for p in nominatives):
            out.append(word)
            continue
        lower = word.lower()
        if (not _morph().word_is_known(lower) and lower[-1:] in "еиоуэ") or lower.endswith(
            ("их", "ых", "ко", "аго")
        ):
            out.append(word)  # an indeclinable foreign name: Маите, Нкоана-Машабане
            continue
        proper = [p for p in _parses(word.lower()) if _PROPER & set(p.tag.grammemes)]
        target = next((p for p in proper if gender is None or p.tag.gender == gender), None)
        if target is not None:
            form = target.inflect({"nomn"})
            out.append(_same_case(word, form.word if form else target.normal_form))
        else:
            out.append(word)
    return out


_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_VOWELS = set("аеёиоуыэюяъь")


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, str]:
    lexicon = read_lexicon(LEXICONS_DIR / "names.tsv", ("russian", "english"), unique="russian")
    return {row["russian"].lower(): row["english"] for row in lexicon.rows}


def _word_to_latin(word: str) -> str:
    known = _exceptions().get(word.lower())
    if known:
        return known
    out = []
    for i, ch in enumerate(word.lower()):
        prev = word[i - 1].lower() if i else ""
        if ch == "е" and (not prev or prev in _VOWELS):
            out.append("ye")
        elif ch == "й" and prev in ("и", "ы") and i == len(word) - 1:
            out[-1] = "y"
        else:
            out.append(_LATIN.get(ch, ch))
    latin = "".join(out)
    return latin[:1].upper() + latin[1:]


def to_latin(name: str) -> str:
    """A Russian name in English transliteration; hyphenated parts and initials kept.

    >>> to_latin("Шавкат Мирзиёев"), to_latin("Маите Нкоана-Машабане"), to_latin("В. В. Путин")
    ('Shavkat Mirziyoyev', 'Maite Nkoana-Mashabane', 'V. V. Putin')
    """
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*\.?", name)
    latin = []
    for word in words:
        dot = word.endswith(".")
        parts = [_word_to_latin(p) for p in word.rstrip(".").split("-")]
        latin.append("-".join(parts) + ("." if dot else ""))
    return " ".join(latin)


@lru_cache(maxsize=4096)
def in_case(name: str, case: str) -> str:
    """A name put in a grammatical case (pymorphy3's grammeme: ``gent``, ``datv``...): its head
    noun and the adjectives that agree with it before it; what follows the head (its own
    complement) and abbreviations stay as they are.

    >>> in_case("Организация Договора о коллективной безопасности", "gent")
    'Организации Договора о коллективной безопасности'
    >>> in_case("Шанхайская организация сотрудничества", "gent")
    'Шанхайской организации сотрудничества'
    >>> in_case("БРИКС", "gent"), in_case("Пять глаз", "gent")
    ('БРИКС', 'Пять глаз')
    """
    words = name.split(" ")
    agreeing: list[int] = []
    for at, word in enumerate(words):
        if word.isupper() or (not word.isalpha() and "-" not in word):
            return name
        parses = [p for p in _parses(word.lower()) if p.tag.case == "nomn"]
        if any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
            agreeing.append(at)
            continue
        head = next((p for p in parses if p.tag.POS == "NOUN"), None)
        if head is None:
            return name
        number = head.tag.number or "sing"
        form = head.inflect({case, number})
        if form is None:
            return name
        out = list(words)
        out[at] = _same_case(word, form.word)
        gender = {head.tag.gender} if number == "sing" and head.tag.gender else set()
        for before in agreeing:
            form_of = _inflect(words[before], {case, number, *gender}, ("ADJF", "PRTF"))
            models, parts = words[before].split("-"), form_of.split("-")
            same = len(models) == len(parts)
            out[before] = "-".join(map(_same_case, models, parts)) if same else form_of
        return " ".join(out)
    return name
