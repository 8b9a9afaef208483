"""Dates, datelines, publication and places: ISO values, partial when the year is missing."""

from __future__ import annotations

import pytest

from graph.extract.actors import find_names
from graph.extract.dates import find_dates, place_of_adjective, read_dates
from graph.extract.text import Page
from graph.reference import Reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«10» ноября 2020 года", "2020-11-10"),
        ("23 ноября 2022 года", "2022-11-23"),
        ("19 November 2021", "2021-11-19"),
        ("23.11.2022", "2022-11-23"),
        ("September 5, 2014", "2014-09-05"),
        ("Updated: 2006-06-15 20:30", "2006-06-15"),
        ("16 сентября 202213:28", "2022-09-16"),
        ("Август 22, 2020 12:02", "2020-08-22"),
        ("19 ноя, 20:02", "--11-19"),
        ("от 17 июля", "--07-17"),
        ("ASTANA, July 4", "--07-04"),
    ],
)
def test_dates_in_the_forms_texts_write_them(text: str, expected: str) -> None:
    assert [d.value for d in find_dates(text)] == [expected]


def test_numbers_that_are_no_dates() -> None:
    assert find_dates("подписано 18 документов; resolution 75/282; 2021–2025; 31 февраля") == []


def test_partial_date_when_dateline_has_no_year() -> None:
    found = read_dates(Page.of("MOSCOW, July 20. /TASS/. The ministry said it on Tuesday."))
    assert found.dateline is not None and found.dateline.date == "--07-20"
    assert found.published == "--07-20"
    assert found.publisher == "TASS"


@pytest.mark.parametrize(
    ("dateline", "place", "agency"),
    [
        ("МОСКВА, 19 ноября. /ТАСС/. Текст.", "МОСКВА", "ТАСС"),
        ("NEW DELHI, September 9 (TASS) - Text.", "NEW DELHI", "TASS"),
        ("ASTANA, July 4 /TASS/. Text.", "ASTANA", "TASS"),
        ("JOHANNESBURG /South Africa/, August 24. /TASS/. Text.", "JOHANNESBURG", "TASS"),
        ("ДУШАНБЕ, 22.08.2020 /НИАТ «Ховар»/. Текст.", "ДУШАНБЕ", 'НИАТ "Ховар"'),
    ],
)
def test_datelines(dateline: str, place: str, agency: str) -> None:
    found = read_dates(Page.of(dateline)).dateline
    assert found is not None and (found.place, found.agency) == (place, agency)


def test_the_page_date_line_completes_a_dateline_without_year() -> None:
    found = read_dates(
        Page.of("4 сентября 2017, 10:39\nЗаголовок\nМОСКВА, 4 сентября. /ТАСС/. Текст")
    )
    assert found.published == "2017-09-04"
    assert found.resolve("--09-04") == "2017-09-04"
    assert found.resolve("--12-30") == "--12-30"  # after the page's date: never a guessed year


def test_a_weekday_counts_back_from_the_weekday_the_lede_gives_the_dateline() -> None:
    text = (
        "MOSCOW, July 20. /TASS/. The ministry said in a statement on Tuesday. "
        "It was signed on Monday."
    )
    found = read_dates(Page.of(text))
    assert [found.weekday_date(w) for w in found.weekdays] == ["--07-20", "--07-19"]


def test_a_weekday_against_a_full_date_is_the_latest_such_day() -> None:
    found = read_dates(
        Page.of("19 November 2021\n\nAfter Friday's talks.\nBased on materials from TASS")
    )
    assert found.weekday_date(found.weekdays[0]) == "2021-11-19"


def test_a_weekday_without_a_date_in_the_text_resolves_to_nothing() -> None:
    found = read_dates(Page.of("Bishop spoke at the conference on Friday."))
    assert found.weekday_date(found.weekdays[0]) is None


def test_a_document_date_line_is_no_publication_date() -> None:
    found = read_dates(
        Page.of("СОВМЕСТНОЕ ЗАЯВЛЕНИЕ\n\n23 ноября 2022 года\nгород Ереван\n\nТекст.")
    )
    assert found.published is None
    assert [d.value for d in found.document_lines] == ["2022-11-23"]


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("Источник: ТАСС - Мировые новости", "TASS"),
        ("Лидеры утвердили декларацию, сообщает ТАСС.", "TASS"),
        ("Based on materials from TASS", "TASS"),
        ("(China Daily)", "China Daily"),
        ("Moscow (VNA) – Vietnam and Russia issued a joint statement.", "VNA"),
        ("BEIJING (Reuters) - China said on Monday it opposed the resolution.", "Reuters"),
    ],
)
def test_publisher_from_source_lines(line: str, publisher: str) -> None:
    assert read_dates(Page.of("Текст заметки.\n" + line)).publisher == publisher


@pytest.mark.parametrize(
    ("text", "place"),
    [("переговоры в Москве", "moscow"), ("г. Москва, «10» ноября", "moscow"),
     ("в Сямэне (КНР)", "xiamen"), ("in The Hague", "the-hague"), ("МИНСК, 30 ноября", "minsk")],
)  # fmt: skip
def test_places_resolve_to_place_keys_in_any_case(text: str, place: str) -> None:
    hits = find_names(Page.of(text), Reference.load()).hits
    assert place in {h.id for h in hits if h.kind == "place"}


def test_places_named_by_an_adjective() -> None:
    ref = Reference.load()
    assert place_of_adjective("Самаркандскую", ref) == "samarkand"
    assert place_of_adjective("Астанинской", ref) == "astana"
    assert place_of_adjective("совместном", ref) is None
