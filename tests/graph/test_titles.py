"""Titles composed for instruments and meetings, in English and Russian (issue 17, items 1, 6)."""

from __future__ import annotations

import pytest

from graph.reference import Reference
from graph.titles import human_date, instrument_title, meeting_title


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        (
            "en",
            "Joint statement of the CSTO Council of Foreign Ministers, Yerevan, 23 November 2022",
        ),
        (
            "ru",
            "Совместное заявление Совета министров иностранных дел ОДКБ, Ереван, 23 ноября 2022 г.",
        ),
    ],
)
def test_issue_17_instrument_title_from_type_issuer_place_and_date(lang: str, title: str) -> None:
    ref = Reference.load()
    assert (
        instrument_title("joint-statement", ("CSTO-CFM",), "yerevan", "2022-11-23", lang, ref)
        == title
    )


def test_instrument_title_names_states_in_the_genitive_and_keeps_a_day_without_its_year() -> None:
    ref = Reference.load()
    assert (
        instrument_title("joint-statement", ("RUS", "UZB"), "moscow", "--11-19", "ru", ref)
        == "Совместное заявление России и Узбекистана, Москва, 19 ноября"
    )
    assert (
        instrument_title("joint-statement", ("RUS", "UZB"), None, None, "en", ref)
        == "Joint statement of Russia and Uzbekistan"
    )


def test_instrument_title_names_no_issuer_when_there_are_many() -> None:
    many = ("AUS", "CAN", "DEU", "FRA", "USA")
    assert instrument_title("statement", many, None, "2019", "en", Reference.load()) == (
        "Statement, 2019"
    )


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("en", "CIS expert meeting, Minsk, 21 August 2020"),
        ("ru", "Встреча экспертов СНГ, Минск, 21 августа 2020 г."),
    ],
)
def test_issue_17_meeting_title_from_organizer_kind_place_and_date(lang: str, title: str) -> None:
    ref = Reference.load()
    assert meeting_title("expert-meeting", "CIS", (), "minsk", "2020-08-21", lang, ref) == title


def test_meeting_title_without_organizer_names_up_to_three_participants() -> None:
    ref = Reference.load()
    assert (
        meeting_title("talks", None, ("RUS", "UZB"), "moscow", "2021-11-19", "en", ref)
        == "Russia–Uzbekistan talks, Moscow, 19 November 2021"
    )
    assert (
        meeting_title("talks", None, ("RUS", "UZB"), "moscow", "2021-11-19", "ru", ref)
        == "Переговоры России и Узбекистана, Москва, 19 ноября 2021 г."
    )
    assert meeting_title("summit", None, ("A", "B", "C", "D"), None, None, "en", ref) == "Summit"


def test_human_date_of_full_partial_and_missing_dates() -> None:
    assert human_date("2020-08-21", "en") == "21 August 2020"
    assert human_date("--08-21", "en") == "21 August"
    assert human_date("2020", "en") == "2020"
    assert human_date(None, "ru") == ""


def test_human_date_of_a_year_and_month_names_the_month_alone() -> None:
    assert human_date("2029-06", "en") == "June 2029"
    assert human_date("2029-06", "ru") == "июнь 2029 г."


def test_human_date_keeps_what_is_no_date_as_written() -> None:
    assert human_date("2029-13", "en") == "2029-13"
    assert human_date("2029-00-10", "ru") == "2029-00-10"
