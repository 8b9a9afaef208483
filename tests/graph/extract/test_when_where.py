"""When and where an instrument was adopted or signed: the date and place chosen for it."""

from __future__ import annotations

import pytest

from graph.extract import extract
from graph.model import Instrument


def instrument(text: str) -> Instrument:
    doc = extract(text, "w.txt")
    assert len(doc.instruments) == 1, doc.instruments
    return doc.instruments[0]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "MOSCOW (UrduPoint News / Sputnik - 20th June, 2023) The ministers have signed an "
            'agreement, the ministry said on Monday.\n\n"On June 19 in Moscow, the ministers have '
            "signed an agreement on cooperation in ensuring international information security,"
            '" the ministry said.',
            "2023-06-19",
        ),
        (
            "MOSCOW, July 20. /TASS/. The intergovernmental agreement on information security "
            "was signed in Moscow on 19 July 2021 by the two foreign ministers.",
            "2021-07-19",
        ),
        (
            "28.04.2018\nЛукашенко утвердил соглашение ОДКБ об информационной безопасности\n"
            "Президент подписал указ об утверждении Соглашения о сотрудничестве в области "
            "информационной безопасности. Об этом БЕЛТА сообщили в пресс-службе.\n"
            "Соглашение было подписано в Минске 30 ноября 2017 года на саммите Организации.",
            "2017-11-30",
        ),
        (
            "МИНСК, 1 декабря. /ТАСС/. Соглашение о сотрудничестве в области информационной "
            "безопасности подписано 30 ноября 2017 года в Минске главами государств ОДКБ.",
            "2017-11-30",
        ),
    ],
)
def test_signing_date_in_body_wins_over_dateline(text: str, date: str) -> None:
    assert instrument(text).date == date


def test_signing_date_wins_over_a_ratification_date_in_the_same_sentence() -> None:
    ins = instrument(
        "DUSHANBE, January 4 (Asia-Plus) - The Majlis of Tajikistan on 22 December 2023 approved "
        "the intergovernmental agreement on information security that Russia and Tajikistan "
        "signed in Moscow on 19 June 2023."
    )
    assert ins.date == "2023-06-19"


@pytest.mark.parametrize(
    "text",
    [
        "The agreement entered into force on 1 March 2024; it was signed in Moscow on 19 June "
        "2023.",
        "Соглашение, подписанное 19 июня 2023 года, вступило в силу 1 марта 2024 года.",
    ],
)
def test_entry_into_force_is_no_date_of_the_instrument(text: str) -> None:
    assert instrument(text).date == "2023-06-19"


def test_a_date_of_a_national_step_is_no_date_of_the_instrument() -> None:
    ins = instrument(
        "Russia and Tajikistan signed an intergovernmental agreement on information security. "
        "The agreement was ratified by the parliament of Tajikistan on 22 December."
    )
    assert ins.date is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (  # the page's year fixes "June 19"
            "Published June 20, 2023 | 01:50 AM\n\nRussia and Tajikistan signed an agreement on "
            "information security on June 19 in Moscow.",
            "2023-06-19",
        ),
        (
            "Дата публикации: 04.07.2023\nРоссия и Таджикистан подписали 19 июня "
            "межправительственное соглашение о сотрудничестве в области информационной "
            "безопасности.",
            "2023-06-19",
        ),
        (  # a day after the page's date is no day of this year: the year stays unknown
            "Published: 20.06.2023\nRussia and Tajikistan signed an agreement on information "
            "security on December 19.",
            "--12-19",
        ),
    ],
)
def test_day_month_takes_the_year_of_the_publication_date(text: str, date: str) -> None:
    assert instrument(text).date == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (  # a full dateline: the Monday before 22 June 2023
            "MOSCOW, June 22, 2023 (BelTA) - Russia and Tajikistan signed an intergovernmental "
            "agreement on information security on Monday.",
            "2023-06-19",
        ),
        (  # a publication date: "во вторник" is that Tuesday
            "Дата публикации:\n2023-07-04\nИсточник: РИА Новости\nСтраны ШОС выступают против "
            "милитаризации ИКТ, говорится в опубликованной во вторник декларации ШОС.",
            "2023-07-04",
        ),
        (  # "в пятницу" with the dateline's day
            "МОСКВА, 14 июн – РИА Новости. Лидеры ШОС договорились противодействовать угрозам, "
            "говорится в декларации, опубликованной в пятницу на сайте Кремля.",
            "--06-14",
        ),
        (  # "yesterday" from the dateline
            "NEW DELHI, September 10 (TASS) - The BRICS leaders adopted yesterday a declaration "
            "on information security.",
            "--09-09",
        ),
    ],
)
def test_weekday_resolved_against_dateline_or_publication_date(text: str, date: str) -> None:
    assert instrument(text).date == date


@pytest.mark.parametrize(
    "text",
    [
        "The BRICS leaders on Sunday adopted a declaration on information security.",
        "Вчера лидеры ШОС приняли декларацию об информационной безопасности.",
        (  # a site's date bar is the day the page was seen, not a date of the text
            "Home | News | World\nSaturday, 5 December 2026\n\nThe BRICS leaders on Friday "
            "adopted a declaration on information security."
        ),
        (
            "Суббота, 5 декабря 2026\n\nЛидеры ШОС в пятницу приняли декларацию об "
            "информационной безопасности."
        ),
    ],
)
def test_weekday_resolved_against_dateline_only(text: str) -> None:
    assert instrument(text).date is None


@pytest.mark.parametrize(
    "text",
    [
        "Delegations of the SCO member states met in Dushanbe, Tajikistan, on 11-12 September "
        "2014. The Dushanbe Summit Declaration refers to information security.",
        "The SCO summit was held in Dushanbe on 11 and 12 September 2014. The leaders adopted "
        "the Dushanbe Declaration on information security.",
        "The SCO Dushanbe Declaration was adopted at the summit of September 11–12, 2014.",
        "Саммит ШОС прошел 11–12 сентября 2014 года в Душанбе. Лидеры приняли Душанбинскую "
        "декларацию об информационной безопасности.",
        "Саммит ШОС прошел с 11 по 12 сентября в Душанбе. Лидеры приняли декларацию.",
    ],
)
def test_two_day_summit_without_adoption_day_has_no_date(text: str) -> None:
    assert instrument(text).date is None


@pytest.mark.parametrize(
    "text",
    [
        "China / Government\n\nJoint statement between the presidents of China and Russia\n\n"
        "( Updated: 2016-06-26 09:54\n\n\nWe, the President of the People's Republic of China "
        "and the President of the Russian Federation, advocate a peaceful information space.",
        "Совместное заявление России и Китая\nОбновлено: 26.06.2016 09:54\nСтороны выступают "
        "за мирное информационное пространство.",
        (  # the page is the statement itself: its stamp is the page's date
            "China Daily\n\nJoint statement between the presidents of China and Russia\n\n"
            "2016-06-26 09:54\n\nWe, the Presidents, advocate a peaceful information space."
        ),
    ],
)
def test_a_publication_line_alone_never_dates_the_instrument(text: str) -> None:
    assert instrument(text).date is None


def test_a_date_stamp_dates_a_report_of_the_adoption() -> None:
    ins = instrument(
        "Лидеры стран ШОС приняли самаркандскую декларацию\n16 сентября 202213:28\n"
        "Лидеры стран ШОС утвердили Самаркандскую декларацию, сообщает ТАСС."
    )
    assert (ins.date, ins.place) == ("2022-09-16", "samarkand")


@pytest.mark.parametrize(
    ("text", "date", "place"),
    [
        (
            "G7 Research Group\n\nDinard Declaration on the Cyber Norm Initiative\n\n"
            "Biarritz, France, April 6, 2019\n\nWe remain committed to a peaceful cyberspace.",
            "2019-04-06",
            "biarritz",
        ),
        (  # a city the reference lacks: the text says where, and it is not Dinard
            "Dinard Declaration on the Cyber Norm Initiative\n\nLucerne, Switzerland, April 6, "
            "2019\n\nWe remain committed to a peaceful cyberspace.",
            "2019-04-06",
            None,
        ),
        (
            "Dinard Declaration on the Cyber Norm Initiative\n\nSaint Malo, France, April 6, 2019"
            "\n\nWe remain committed to a peaceful cyberspace.",
            "2019-04-06",
            "saint-malo",
        ),
        (
            "СОВМЕСТНОЕ ЗАЯВЛЕНИЕ\nминистров иностранных дел государств – членов ОДКБ\n\n"
            "г. Москва, 19 июня 2023 г.\n\nГосударства – члены ОДКБ выступают за мир.",
            "2023-06-19",
            "moscow",
        ),
    ],
)
def test_a_document_dateline_dates_and_places_the_document(
    text: str, date: str, place: str | None
) -> None:
    ins = instrument(text)
    assert (ins.date, ins.place) == (date, place)


def test_the_closing_formula_of_a_signed_text_dates_it() -> None:
    ins = instrument(
        "AGREEMENT between the Government of the Russian Federation and the Government of the "
        "Republic of Tajikistan on cooperation in ensuring international information security\n\n"
        "The Parties have agreed to cooperate.\n\nDone at Moscow on 19 June 2023 in two copies."
    )
    assert (ins.date, ins.place) == ("2023-06-19", "moscow")


def test_a_city_in_a_list_of_earlier_declarations_is_no_place() -> None:
    ins = instrument(
        "The BRICS leaders reaffirm the approach laid in the eThekwini, Fortaleza and Ufa "
        'declarations, they said in the declaration issued here. "We emphasise cooperation on '
        'ICTs," the declaration says.'
    )
    assert ins.place is None


def test_adopted_here_takes_the_city_of_the_dateline() -> None:
    ins = instrument(
        "NEW DELHI, September 9 (PTI) - The declaration adopted here by the BRICS leaders calls "
        "for a peaceful ICT environment."
    )
    assert (ins.date, ins.place) == ("--09-09", "new-delhi")


@pytest.mark.parametrize(
    ("text", "date", "place"),
    [
        (
            "ASEAN Leaders' Statement on Cybersecurity Cooperation\n\nWe, the Heads of "
            "State/Government of the Member States of ASEAN, gathered in Singapore on 27 April "
            "2018, recognise the need to strengthen cybersecurity cooperation.",
            "2018-04-27",
            "singapore",
        ),
        (
            "Заявление глав государств СНГ о сотрудничестве в области информационной "
            "безопасности\n\nМы, главы государств — участников СНГ, собравшиеся в Минске 14 "
            "октября 2021 года, выступаем за укрепление сотрудничества в сфере МИБ.",
            "2021-10-14",
            "minsk",
        ),
    ],
)
def test_the_leaders_gathered_in_a_city_on_a_day_date_and_place_a_declaration(
    text: str, date: str, place: str
) -> None:
    found = instrument(text)
    assert (found.date, found.place) == (date, place)
