"""Dates as texts write them: ISO values, partial when the year is missing, spans of days."""

from __future__ import annotations

import pytest

from graph.extract.date_forms import find_dates, find_relative_days, find_weekdays, shift


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
        ("19.06.2023", "2023-06-19"),
        ("19 июня 2023 г.", "2023-06-19"),
        ("June 19th", "--06-19"),
        ("19th of June", "--06-19"),
        ("20th June, 2023", "2023-06-20"),
        ("Sept. 9, 2021", "2021-09-09"),
        ("Dec. 1, 2020", "2020-12-01"),
        ("МОСКВА, 14 июн", "--06-14"),
        ("5 сент. 2019 года", "2019-09-05"),
        ("2 мая", "--05-02"),
    ],
)
def test_dates_in_the_forms_texts_write_them(text: str, expected: str) -> None:
    assert [d.value for d in find_dates(text)] == [expected]


def test_numbers_that_are_no_dates() -> None:
    assert find_dates("подписано 18 документов; resolution 75/282; 2021–2025; 31 февраля") == []
    assert find_dates("Member States may 5 times; a march 12 km long") == []


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("on 11–12 September 2014", "2014-09-11", "2014-09-12"),
        ("on 11 and 12 September", "--09-11", "--09-12"),
        ("September 11-12, 2014", "2014-09-11", "2014-09-12"),
        ("11–12 сентября 2014 года", "2014-09-11", "2014-09-12"),
        ("с 11 по 12 сентября", "--09-11", "--09-12"),
        ("11 и 12 сентября 2014 года", "2014-09-11", "2014-09-12"),
        ("30 November – 1 December 2017", "2017-11-30", "2017-12-01"),
        ("с 30 ноября по 1 декабря", "--11-30", "--12-01"),
    ],
)
def test_a_span_of_days_is_one_date_from_its_first_to_its_last_day(
    text: str, first: str, last: str
) -> None:
    assert [(d.value, d.last) for d in find_dates(text)] == [(first, last)]


def test_weekdays_are_read_where_they_say_when() -> None:
    found = find_weekdays("в пятницу; во вторник; on Monday; Tuesday's talks; в среде; Friday")
    assert [w.weekday for w in found] == [4, 1, 0, 1]


def test_relative_days_count_from_the_text() -> None:
    assert [d.days for d in find_relative_days("вчера; накануне; today; today's world")] == [
        -1,
        -1,
        0,
    ]


def test_a_partial_date_is_not_moved_across_the_end_of_february() -> None:
    assert shift("--03-01", -1) is None
    assert shift("--11-19", -2) == "--11-17"
