"""Mentions of states, organizations, units, agreements and places → reference ids."""

from __future__ import annotations

import pytest

from graph.extract.actors import find_names
from graph.extract.text import Page
from graph.reference import Reference


def ids(text: str, kind: str | None = None) -> set[str]:
    hits = find_names(Page.of(text), Reference.load()).hits
    return {h.id for h in hits if kind in (None, h.kind)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Президенты России и Узбекистана", {"RUS", "UZB"}),
        ("российско-белорусских консультаций", {"RUS", "BLR"}),
        ("узбекская сторона", {"UZB"}),
        ("the Chinese side", {"CHN"}),
        ("Russian-Nicaraguan cyber security deal", {"RUS", "NIC"}),
        ("the Republic of Kazakhstan, the People's Republic of China", {"KAZ", "CHN"}),
        ("Главы МИД РФ и ЮАР", {"RUS", "ZAF"}),
        ("the U.S. and the UK", {"USA", "GBR"}),
    ],
)
def test_states_by_name_adjective_compound_and_acronym(text: str, expected: set[str]) -> None:
    assert ids(text, "state") == expected


def test_a_pronoun_is_not_a_state() -> None:
    assert ids("they told us about it", "state") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("государства – члены ШОС", {"SCO"}),
        ("SCO countries", {"SCO"}),
        ("стран ОДКБ", {"CSTO"}),
        ("в Исполнительном комитете СНГ", {"CIS-EC", "CIS"}),
        ("the North Atlantic Council", {"NATO-NAC"}),
        ("Рабочей группы открытого состава ООН", {"UN-OEWG-2021", "UN"}),
        ("the UN General Assembly adopted", {"UN"}),
        ("в Третьем комитете ГА ООН", {"UN"}),
    ],
)
def test_organizations_and_units_in_both_alphabets(text: str, expected: set[str]) -> None:
    assert ids(text, "organization") == expected


def test_a_russian_name_is_found_when_inflection_changes_its_fourth_letter() -> None:
    # only words that begin like some name's word are lemmatised: "семи" (of "семь") begins
    # like it in three letters, not four
    assert ids("заявление Группы семи", "organization") == {"G7"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the East Asia Summit adopted a statement", {"EAS"}),
        ("на полях Восточноазиатского саммита", {"EAS"}),
        ("лидеры АТЭС", {"APEC"}),
        ("the APEC Economic Leaders' Week", {"APEC"}),
        ("the Council of Europe Convention on Cybercrime", {"COE"}),
        ("в Совете Европы", {"COE"}),
        ("the ASEAN Regional Forum (ARF)", {"ARF"}),
        ("участники Регионального форума АСЕАН", {"ARF"}),
        ("the OSCE, formerly the CSCE", {"OSCE"}),
        ("the African Union and the AU Commission", {"AU"}),
        ("the Organization of American States", {"OAS"}),
        ("страны ОАГ", {"OAS"}),
        ("заявление Группы семи", {"G7"}),
        ("саммит Большой семерки", {"G7"}),
        ("Лиги арабских государств", {"LAS"}),
        ("Совета сотрудничества арабских государств Персидского залива", {"GCC"}),
        ("Союзного государства", {"UNIONSTATE"}),
        ("the Quad leaders", {"QUAD"}),
        ("the Non-Aligned Movement (NAM)", {"NONALIGNED"}),
        ("the existing expert group on cybercrime", {"UN-IEG"}),
        ("the 2021 OEWG report", {"UN-OEWG-2019"}),
        ("through the process of UNGGE", {"UN-GGE"}),
        ("the reports of the Groups of Governmental Experts", {"UN-GGE"}),
        ("заседания Высшего Евразийского Экономического совета", {"EAEU-SEEC"}),
        ("декларации совета глав государств-членов ШОС", {"SCO-CHS", "SCO"}),
        ("РАТС ШОС", {"SCO-RATS", "SCO"}),
        ("Секретариата ШОС", {"SCO-SEC", "SCO"}),
    ],
)
def test_the_organizations_of_the_whole_field_are_found(text: str, expected: set[str]) -> None:
    assert ids(text, "organization") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il est au bureau.", set()),  # "AU" only in capitals
        ("a quad bike", set()),  # "Quad" only with its capital
        ("союзные государства", set()),  # allies, not the Union State
        ("объекты интеллектуальной собственности (ОИС)", set()),  # no Russian acronym: OIC
        ("автоматизированная система (АС)", set()),  # nor for the African Union
        ("European Union State aid", {"EU"}),  # not the Union State
    ],
)
def test_common_words_are_not_organizations_of_the_field(text: str, expected: set[str]) -> None:
    assert ids(text, "organization") == expected


def test_an_anaphoric_unit_counts_only_when_its_organization_is_named() -> None:
    named = (
        "Страны ОДКБ приняли заявление, распространенное пресс-службой Секретариата организации."
    )
    assert "CSTO-SEC" in ids(named)
    assert "CSTO-SEC" not in ids("Заявление распространено пресс-службой Секретариата организации.")
    session = "Главы государств ОДКБ на сессии Совета коллективной безопасности подписали документ."
    assert ids(session, "organization") == {"CSTO", "CSTO-CSC"}
    assert "CSTO-CSC" not in ids("Сессия Совета коллективной безопасности прошла в Минске.")


def test_names_in_page_furniture_are_not_mentions() -> None:
    text = "Заявление ШОС принято.\nДругие новости\nЕС ввел санкции"
    assert ids(text, "organization") == {"SCO"}


def test_locative_states_are_told_apart_from_actors() -> None:
    page = Page.of(
        "Главы МИД подписали в Китае соглашение в Сямэне (КНР) и в The Hague, the Netherlands."
    )
    names = find_names(page, Reference.load())
    locative = {h.id for h in names.hits if h.kind == "state" and names.is_locative(h)}
    assert locative == {"CHN"}
