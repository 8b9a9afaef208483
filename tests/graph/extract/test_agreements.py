"""Agreements a text names: known titles, and bilateral agreements by their parties and year."""

from __future__ import annotations

from graph.extract.actors import find_names
from graph.extract.agreements import identify_agreement, referred_agreements
from graph.extract.text import Page
from graph.reference import Reference


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
