"""Mentions of states, organizations, units, agreements and persons → reference ids."""

from __future__ import annotations

import pytest

from graph.extract import extract
from graph.extract.actors import find_names, find_persons, identify_agreement, referred_agreements
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


def test_english_persons_are_named_after_a_title() -> None:
    text = (
        "The panel included United States Coordinator for State Department Christopher Painter, "
        "China's Ministry of Foreign Affairs Ambassador Chen Xu, and India Deputy National "
        "Security Advisor Arvind Gupta, said Australian Foreign Minister Julie Bishop."
    )
    persons = find_persons(find_names(Page.of(text), Reference.load()))
    assert {(p.name, p.acts_for) for p in persons} == {
        ("Christopher Painter", "USA"),
        ("Chen Xu", "CHN"),
        ("Arvind Gupta", "IND"),
        ("Julie Bishop", "AUS"),
    }
    assert all(text[p.evidence.start : p.evidence.end] == p.evidence.exact for p in persons)


def test_a_byline_and_a_document_title_are_not_persons() -> None:
    text = (
        "Written by Leon Spencer, Contributor\n"
        "The Presidents adopted a Joint Statement on Cooperation."
    )
    assert find_persons(find_names(Page.of(text), Reference.load())) == []


def test_words_of_a_title_case_headline_are_not_persons() -> None:
    text = (
        "General Assembly Adopts Resolution on Countering Use of Information Technologies for "
        "Criminal Purposes\n\nThe General Assembly adopted a resolution on countering the use of "
        "information technologies for criminal purposes."
    )
    assert find_persons(find_names(Page.of(text), Reference.load())) == []


def test_a_person_on_a_heading_line_ends_with_the_line() -> None:
    text = (
        "Explanation of Vote\n\nAmbassador Cherith Norman Chalet\nActing U.S. Representative to "
        "the United Nations\n\nThank you, Madam Chair."
    )
    persons = find_persons(find_names(Page.of(text), Reference.load()))
    assert [p.name for p in persons] == ["Cherith Norman Chalet"]


def test_russian_persons_come_out_in_english_given_name_first() -> None:
    doc = extract(
        "Министр иностранных дел России Сергей Лавров и глава МИД ЮАР Маите Нкоана-Машабане "
        "подписали соглашение. Лавров отметил важность документа.",
        "p.txt",
    )
    assert {(p.name, p.acts_for) for p in doc.persons} == {
        ("Sergey Lavrov", "RUS"),
        ("Maite Nkoana-Mashabane", "ZAF"),
    }


def test_a_known_agreement_resolves_from_its_title_and_its_organization() -> None:
    text = (
        "в рамках Соглашения о сотрудничестве в области обеспечения информационной "
        "безопасности 2017 года государств – членов ОДКБ"
    )
    names = find_names(Page.of(text), Reference.load())
    assert referred_agreements(names, Reference.load(), []) == ["csto-2017-is"]


def test_a_generic_agreement_title_needs_its_organization_in_the_text() -> None:
    text = "Соглашение о сотрудничестве в области обеспечения информационной безопасности"
    names = find_names(Page.of(text), Reference.load())
    assert referred_agreements(names, Reference.load(), []) == []


def test_a_bilateral_agreement_resolves_by_its_parties() -> None:
    text = (
        "Стороны подписали двустороннее соглашение в области обеспечения международной "
        "информационной безопасности."
    )
    names = find_names(Page.of(text), Reference.load())
    assert referred_agreements(names, Reference.load(), ["RUS", "UZB"]) == ["rus-uzb-2021-iis"]


def test_a_new_bilateral_agreement_gets_the_id_pattern_of_the_field() -> None:
    text = (
        "Таджикистан и Россия подписали соглашение о сотрудничестве в области обеспечения "
        "международной информационной безопасности."
    )
    page = Page.of(text)
    names = find_names(page, Reference.load())
    found = identify_agreement(
        names, Reference.load(), [(0, len(text))], ["TJK", "RUS"], "2023-10-16"
    )
    assert found == "rus-tjk-2023-iis"
    assert (
        identify_agreement(names, Reference.load(), [(0, len(text))], ["TJK", "RUS"], "--10-16")
        is None
    )


def test_an_organization_the_reference_data_does_not_list_is_kept_as_unlisted() -> None:
    doc = extract(
        "Об этом сообщили в пресс-службе Совета Безопасности Российской Федерации. Стороны "
        "обсудили вопросы международной информационной безопасности в рамках ШОС.",
        "u.txt",
    )
    assert [(u.name, u.evidence.exact) for u in doc.unlisted] == [
        ("Совет Безопасности", "Совета Безопасности")
    ]
    assert doc.unlisted[0].found.method == "model"
    assert "SCO" in doc.mentioned("organization")


def test_known_units_and_lone_anaphors_are_not_unlisted_organizations() -> None:
    doc = extract(
        "Министры согласовали проекты решений Совета министров иностранных дел и Совета глав "
        "государств СНГ. Организации договорились о сотрудничестве.",
        "k.txt",
    )
    assert doc.unlisted == ()
    assert {"CIS", "CIS-CFM", "CIS-CHS"} <= set(doc.mentioned("organization"))
