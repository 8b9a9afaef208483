"""Dates, datelines, publication and places: ISO values, partial when the year is missing."""

from __future__ import annotations

import pytest

from graph.extract.actors import find_names
from graph.extract.dates import place_of_adjective, read_dates
from graph.extract.text import Page
from graph.reference import Reference


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
        ("МОСКВА, 14 июн – РИА Новости. Лидеры ШОС договорились.", "МОСКВА", "РИА Новости"),
        ("ТАШКЕНТ, 19 июня — Sputnik. Текст.", "ТАШКЕНТ", "Sputnik"),
        (
            "MOSCOW (UrduPoint News / Sputnik - 20th June, 2023) Text.",
            "MOSCOW",
            "UrduPoint News / Sputnik",
        ),
        ("Moscow, June 19 (BelTA) - Text.", "Moscow", "BelTA"),
        ("BEIJING, Sept. 3 (Xinhua) -- Text.", "BEIJING", "Xinhua"),
        ("MOSCOW, June 19 - Russia and Tajikistan signed.", "MOSCOW", None),
    ],
)
def test_datelines(dateline: str, place: str, agency: str | None) -> None:
    found = read_dates(Page.of(dateline)).dateline
    assert found is not None and (found.place, found.agency) == (place, agency)
    assert found.date is not None or agency == 'НИАТ "Ховар"'


@pytest.mark.parametrize(
    ("text", "date", "publisher"),
    [
        ("МОСКВА, 14 июн – РИА Новости. Лидеры ШОС приняли декларацию.", "--06-14", "RIA Novosti"),
        ("MOSCOW (UrduPoint News / Sputnik - 20th June, 2023) Text.", "2023-06-20", "Sputnik"),
        ("NEW DELHI, September 9 (TASS) - BRICS adopted a declaration.", "--09-09", "TASS"),
    ],
)
def test_a_news_dateline_dates_the_report(text: str, date: str, publisher: str) -> None:
    found = read_dates(Page.of(text))
    assert (found.report_date, found.published, found.publisher) == (date, date, publisher)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("China / Government\n( Updated: 2016-06-26 09:54\n\nWe, the Presidents.", "2016-06-26"),
        ("Umer Jamshaid Published June 20, 2023 | 01:50 AM\n\nText.", "2023-06-20"),
        (
            "Автор публикации:\nДата публикации:\n2023-07-04\nИсточник: РИА Новости\nТекст.",
            "2023-07-04",
        ),
        ("Опубликовано: 19.06.2023\nТекст.", "2023-06-19"),
        ("Posted on June 19, 2023 by admin\nText.", "2023-06-19"),
    ],
)
def test_a_publication_line_gives_the_publication_date_only(text: str, published: str) -> None:
    found = read_dates(Page.of(text))
    assert (found.published, found.report_date, found.document_lines) == (published, None, ())


@pytest.mark.parametrize(
    "text",
    [
        "Лидеры ШОС приняли декларацию\n16 сентября 202213:28\nЛидеры утвердили декларацию.",
        "Headline\nJune 23, 2022, 21:15\nThe leaders adopted the declaration.",
        "16 сентября 2022 13:28 Лидеры стран ШОС утвердили декларацию, сообщает ТАСС.",
    ],
)
def test_a_date_stamp_dates_the_report(text: str) -> None:
    found = read_dates(Page.of(text))
    assert found.report_date == found.published
    assert found.published in ("2022-09-16", "2022-06-23")


@pytest.mark.parametrize(
    "text",
    [
        "Home | News | World\nSaturday, 5 December 2026\n\nThe leaders met on Friday.",
        "Saturday, 5 December 2026\nBRICS leaders adopt declaration\nThe leaders met on Friday.",
        "Суббота, 5 декабря 2026\nЛидеры встретились в пятницу.",
    ],
)
def test_a_sites_date_bar_is_no_publication_date(text: str) -> None:
    found = read_dates(Page.of(text))
    assert (found.published, found.report_date, found.document_lines) == (None, None, ())
    assert found.weekday_date(found.weekdays[0]) is None
    assert not found.dates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Dinard Declaration\n\nSaint Malo, France, April 6, 2019\n\nAs our societies.",
            "2019-04-06",
        ),
        ("Statement\n(Shanghai, 15 June 2006)\n\nThe heads of state met.", "2006-06-15"),
        ("ЗАЯВЛЕНИЕ\n\nг. Москва, «10» ноября 2020 года\n\nГосударства выступают.", "2020-11-10"),
        ("Statement\nNew York, New York\nNovember 18, 2019\n\nThank you, Mr. Chair.", "2019-11-18"),
        ("Agenda item 5\n\n11 Jul 2024 15:00h - 18:00h\n\nTable of contents", "2024-07-11"),
    ],
)
def test_a_date_with_a_place_is_the_documents_own_date_line(text: str, date: str) -> None:
    found = read_dates(Page.of(text))
    assert [d.value for d in found.document_lines] == [date]
    assert (found.published, found.report_date) == (None, None)


def test_yesterday_and_today_count_from_the_dateline_only() -> None:
    found = read_dates(Page.of("NEW DELHI, September 10 (TASS) - Adopted yesterday; said today."))
    assert [found.relative_date(d) for d in found.relative_days] == ["--09-09", "--09-10"]
    alone = read_dates(Page.of("The declaration was adopted yesterday."))
    assert [alone.relative_date(d) for d in alone.relative_days] == [None]


def test_a_weekday_against_a_publication_label_is_the_latest_such_day() -> None:
    found = read_dates(Page.of("Дата публикации: 2023-07-04\nДекларация опубликована во вторник."))
    assert found.weekday_date(found.weekdays[0]) == "2023-07-04"


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


def test_the_weekday_a_report_is_said_on_is_the_datelines_day() -> None:
    found = read_dates(
        Page.of(
            "MOSCOW, June 20. /TASS/. Russia and Tajikistan signed the agreement on Monday, "
            "the foreign ministry said on Tuesday."
        )
    )
    assert [found.weekday_date(w) for w in found.weekdays] == ["--06-19", "--06-20"]


def test_several_weekdays_and_no_day_said_leave_a_partial_dateline_unresolved() -> None:
    found = read_dates(
        Page.of("MOSCOW, June 20. /TASS/. The talks began on Monday and ended on Wednesday.")
    )
    assert [found.weekday_date(w) for w in found.weekdays] == [None, None]


def test_a_weekday_in_a_sentence_is_no_date_bar() -> None:
    found = read_dates(Page.of("The leaders adopted the declaration on Thursday, July 4, 2024."))
    assert [d.value for d in found.dates] == ["2024-07-04"]
    assert found.page_lines == ()


def test_a_date_stamp_on_a_line_of_furniture_is_a_stamp() -> None:
    found = read_dates(Page.of("19 June 2023 | 10:30\nRussia and Tajikistan sign an agreement."))
    assert found.report_date == found.published == "2023-06-19"


def test_a_year_said_relative_to_the_page_takes_the_pages_year() -> None:
    found = read_dates(
        Page.of(
            "4 января, 2024\n\nСоглашение одобрено парламентом 22 декабря прошлого года, "
            "сообщает Азия-Плюс."
        )
    )
    assert found.published == "2024-01-04"
    hit = next(d for d in found.dates if d.year_offset is not None)
    assert found.resolve_hit(hit) == "2023-12-22"
