"""Persons a text names as acting for a state or an organization."""

from __future__ import annotations

from graph.extract import extract
from graph.extract.actors import find_names
from graph.extract.persons import find_persons
from graph.extract.text import Page
from graph.reference import Reference


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


def test_persons_named_in_a_row_after_states_in_a_row_act_for_each_in_turn() -> None:
    text = (
        "МОСКВА, 19 ноября. /ТАСС/. Президенты РФ и Узбекистана Владимир Путин и Шавкат "
        "Мирзиёев подписали совместное заявление."
    )
    persons = find_persons(find_names(Page.of(text), Reference.load()))
    assert {(p.name, p.acts_for) for p in persons} == {
        ("Vladimir Putin", "RUS"),
        ("Shavkat Mirziyoyev", "UZB"),
    }
