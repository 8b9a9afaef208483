"""Russian morphology: lemma keys, nominative titles, persons and their transliteration."""

from __future__ import annotations

import pytest

from graph.extract.actors import find_names
from graph.extract.russian import (
    in_case,
    lemma_keys,
    name_forms,
    nominative,
    person_spans,
    to_latin,
)
from graph.extract.text import Page
from graph.reference import Reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Узбекистана", "UZB"),
        ("Российской Федерации", "RUS"),
        ("государств – членов ОДКБ", "CSTO"),
        ("Шанхайской организации сотрудничества", "SCO"),
        ("в Республике Беларусь", "BLR"),
        ("Южно-Африканской Республики", "ZAF"),
        ("российско-узбекский", "RUS"),
        ("Совета глав государств-членов Шанхайской организации сотрудничества", "SCO-CHS"),
    ],
)
def test_labels_match_in_every_case(text: str, expected: str) -> None:
    hits = find_names(Page.of(text), Reference.load()).hits
    assert expected in {h.id for h in hits}


def test_lemma_keys_of_a_place_the_dictionary_does_not_know_include_its_stem() -> None:
    assert lemma_keys("Сямэне") & lemma_keys("Сямэнь")


def test_a_lower_case_word_is_never_a_capitalised_name() -> None:
    hits = find_names(Page.of("того же мнения"), Reference.load()).hits
    assert not hits


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (["совместном", "заявлении"], ["совместное", "заявление"]),
        (["Совместного", "заявления"], ["Совместное", "заявление"]),
        (["Казанской", "декларации"], ["Казанская", "декларация"]),
        (["Самаркандскую", "декларацию"], ["Самаркандская", "декларация"]),
        (["Астанинской", "декларации"], ["Астанинская", "декларация"]),
        (["межправительственное", "соглашение"], ["межправительственное", "соглашение"]),
    ],
)
def test_titles_go_back_to_the_nominative(phrase: list[str], expected: list[str]) -> None:
    assert nominative(phrase) == expected


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("Владимир Путин", "Vladimir Putin"),
        ("Шавкат Мирзиёев", "Shavkat Mirziyoyev"),
        ("Сергей Лавров", "Sergey Lavrov"),
        ("Николай Патрушев", "Nikolay Patrushev"),
        ("Маите Нкоана-Машабане", "Maite Nkoana-Mashabane"),
        ("Евгений Ильин", "Yevgeny Ilin"),
        ("В. В. Путин", "V. V. Putin"),
    ],
)
def test_persons_are_transliterated_given_name_first(russian: str, english: str) -> None:
    assert to_latin(russian) == english


def test_name_forms_agree_with_the_given_name() -> None:
    assert name_forms(["Шавката", "Мирзиёева"]) == ["Шавкат", "Мирзиёев"]
    assert name_forms(["Маите", "Нкоана-Машабане"]) == ["Маите", "Нкоана-Машабане"]


def test_natasha_finds_persons_in_a_sentence() -> None:
    text = "Министр иностранных дел России Сергей Лавров подписал соглашение."
    spans = person_spans(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == ["Сергей Лавров"]


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("Шанхайская организация сотрудничества", "Шанхайской организации сотрудничества"),
        (
            "Организация Договора о коллективной безопасности",
            "Организации Договора о коллективной безопасности",
        ),
        ("Содружество Независимых Государств", "Содружества Независимых Государств"),
        ("Евразийский экономический союз", "Евразийского экономического союза"),
        (
            "Азиатско-Тихоокеанское экономическое сотрудничество",
            "Азиатско-Тихоокеанского экономического сотрудничества",
        ),
        ("Совет глав государств – членов ШОС", "Совета глав государств – членов ШОС"),
        ("БРИКС", "БРИКС"),
        ("Пять глаз", "Пять глаз"),
    ],
)
def test_issue_17_organization_names_are_put_in_the_genitive(name: str, genitive: str) -> None:
    """Issue 17, item 7: "как член Организация …" on the Russian pages."""
    assert in_case(name, "gent") == genitive
