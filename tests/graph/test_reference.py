"""The reference data as the extractors see it: names, kinds, units, places, memberships."""

from __future__ import annotations

from graph.reference import Reference


def test_loading_is_cached_per_base() -> None:
    assert Reference.load() is Reference.load()
    other = Reference.load("https://example.org/")
    assert other is not Reference.load()
    assert other.is_state("RUS")


def test_kinds_of_public_ids() -> None:
    ref = Reference.load()
    assert ref.is_state("UZB") and not ref.is_state("SCO")
    assert ref.kind_of("SCO") == "organization"
    assert ref.kind_of("moscow") == "place"
    assert ref.kind_of("sco-2009-iis") == "agreement"
    assert ref.kind_of("itu-role") == "topic"
    assert ref.kind_of("nowhere") is None


def test_a_unit_belongs_to_its_organization() -> None:
    ref = Reference.load()
    assert ref.parent_of("CSTO-CFM") == "CSTO"
    assert ref.parent_of("CSTO") is None
    assert ref.top("SCO-CHS") == "SCO"


def test_places_have_english_labels_and_countries() -> None:
    ref = Reference.load()
    assert ref.place_label("moscow") == "Moscow"
    assert ref.country_of("xiamen") == "CHN"


def test_names_are_per_language_and_form() -> None:
    names = {(n.text, n.lang, n.form) for n in Reference.load().names if n.id == "RUS"}
    assert ("Россия", "ru", "label") in names
    assert ("российско", "ru", "hidden") in names
    assert ("Russian Federation", "en", "alt") in names


def test_members_on_a_date_follow_joining_and_leaving() -> None:
    ref = Reference.load()
    assert ref.members_of("SCO", "2017-06-08") == ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert "IND" in ref.members_of("SCO", "2017-06-09")
    assert "UZB" in ref.members_of("CSTO", "2010-01-01")
    assert "UZB" not in ref.members_of("CSTO", "2012-12-19")  # a membership ends on its end date


def test_a_partial_date_resolves_no_members() -> None:
    assert Reference.load().members_of("SCO", "--11-10") == []


def test_known_agreements_carry_their_parties_and_dates() -> None:
    agreement = Reference.load().agreements["rus-uzb-2021-iis"]
    assert agreement.parties == ("RUS", "UZB")
    assert agreement.date == "2021-11-19"
