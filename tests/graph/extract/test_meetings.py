"""Meetings: kind, date, place, organizer, participants with roles, video link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.extract import extract
from graph.model import Meeting
from graph.reference import Reference

DEV = Path(__file__).resolve().parents[2] / "data" / "dev"


def meetings(text: str) -> list[Meeting]:
    return list(extract(text, "m.txt").meetings)


def roles(meeting: Meeting) -> dict[str, str]:
    return {p.actor: p.role for p in meeting.participants}


def test_observers_and_the_secretariat_take_their_roles_at_a_video_meeting() -> None:
    (m,) = meetings(
        "ДУШАНБЕ, 22.08.2020 /НИАТ «Ховар»/. 21 августа в Исполнительном комитете СНГ в Минске "
        "состоялось заседание экспертной группы (с использованием видеоконференцсвязи).\n"
        "В нем приняли участие эксперты Армении, Молдовы (в качестве наблюдателя), России, а "
        "также сотрудники Исполнительного комитета СНГ."
    )
    assert (m.kind, m.date, m.place, m.organizer, m.virtual) == (
        "expert-meeting", "2020-08-21", "minsk", "CIS", True
    )  # fmt: skip
    assert roles(m) == {
        "ARM": "member",
        "MDA": "observer",
        "RUS": "member",
        "CIS-EC": "secretariat",
    }


def test_a_statement_that_only_names_its_place_and_date_describes_no_meeting() -> None:
    assert (
        meetings("ЗАЯВЛЕНИЕ\nглав государств ШОС\n\nТекст.\n\nг. Москва, «10» ноября 2020 года")
        == []
    )


def test_a_proposed_meeting_is_no_meeting() -> None:
    assert meetings("Подчеркивают значимость запуска консультаций государств – членов ОДКБ.") == []


def test_bilateral_talks_take_the_statements_states_and_date() -> None:
    (m,) = meetings(
        "МОСКВА, 19 ноября. /ТАСС/. Президенты РФ и Узбекистана приняли совместное заявление по "
        "итогам состоявшихся в пятницу в Москве переговоров двух лидеров."
    )
    assert (m.kind, m.date, m.place, roles(m)) == (
        "talks", "--11-19", "moscow", {"RUS": "member", "UZB": "member"}
    )  # fmt: skip


def test_a_summit_where_a_declaration_was_adopted_shares_its_date_and_place() -> None:
    (m,) = meetings(
        "JOHANNESBURG, August 24. /TASS/. BRICS nations welcome it, according to the "
        "Johannesburg II Declaration adopted at the 15th BRICS Summit in South Africa."
    )
    assert (m.date, m.place, m.organizer, roles(m)) == ("--08-24", "johannesburg", "BRICS", {})


def test_a_signing_on_the_sidelines_of_a_summit_is_one_meeting_without_the_summits_organizer() -> (
    None
):
    (m,) = meetings(
        "4 сентября 2017, 10:39\nМОСКВА, 4 сентября. /ТАСС/. Министр иностранных дел России и "
        "глава МИД ЮАР в понедельник на полях саммита БРИКС в Сямэне (Китай) подписали соглашение."
    )
    assert (m.date, m.place, m.organizer, roles(m)) == (
        "2017-09-04", "xiamen", None, {"RUS": "member", "ZAF": "member"}
    )  # fmt: skip


def test_delegations_named_in_a_session_statement_take_part() -> None:
    (m,) = meetings(
        "Statement by Mr. Ivanov, the representative of the Russian delegation, at the Eighth "
        "Session of the UN open-ended Working Group\nRussia joins the statement made by the "
        "representative of Nicaragua."
    )
    assert (m.kind, m.organizer, roles(m)) == ("session", "UN", {"NIC": "member", "RUS": "member"})


def test_consultations_reported_on_a_weekday_keep_their_own_unknown_date() -> None:
    (m,) = meetings(
        "13.04.2022\nОб этом сообщила в среду пресс-служба по итогам состоявшихся в Минске "
        "российско-белорусских консультаций.\nИсточник: ТАСС"
    )
    assert (m.kind, m.date, m.place) == ("consultations", None, "minsk")


def test_the_chair_of_a_video_summit() -> None:
    (m,) = meetings(
        "The SCO Council of Heads of State held a meeting via videoconference on 4 July 2023 "
        "under the chairmanship of the Republic of India."
    )
    assert (m.date, m.virtual, roles(m)) == ("2023-07-04", True, {"IND": "chair"})


def test_the_summit_of_the_association_is_the_organization_the_text_names() -> None:
    (m,) = meetings(
        "НЬЮ-ДЕЛИ, 9 сентября. /ТАСС/. Лидеры стран БРИКС подтвердили приверженность миру. "
        "Об этом говорится в Нью-Делийской декларации, принятой в четверг по итогам XIII "
        "саммита объединения, который прошел в режиме видеоконференции."
    )
    assert (m.kind, m.organizer, m.virtual) == ("summit", "BRICS", True)


def test_a_dateline_that_dates_the_report_does_not_date_the_consultations() -> None:
    (m,) = meetings(
        "ТЕГЕРАН, 23 мая. /ТАСС/. Российско-иранские консультации по вопросам международной "
        "информационной безопасности состоялись в Тегеране. Об этом сообщила во вторник "
        "пресс-служба МИД России."
    )
    assert (m.kind, m.date, m.place, roles(m)) == (
        "consultations", None, "tehran", {"IRN": "member", "RUS": "member"}
    )  # fmt: skip


def test_the_state_that_chaired_a_video_summit_is_its_chair() -> None:
    (m,) = meetings(
        "MOSCOW, June 23. /TASS/. BRICS leaders adopted the Beijing Declaration on Thursday at "
        "the virtual summit chaired by China."
    )
    assert (m.organizer, m.virtual, roles(m)) == ("BRICS", True, {"CHN": "chair"})


# -- held by video link ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The SCO foreign ministers met by video link on 13 May 2020.",
        "BRICS leaders held an online summit on 17 November 2020.",
        "The consultations were held in a videoconference format on 5 March 2021.",
        "The CSTO Council of Foreign Ministers held a session via video conference on 2 June.",
        "The talks of Russia and China took place virtually on 28 June 2021.",
        "Заседание СМИД ОДКБ прошло 2 июня в режиме видеоконференции.",
        "12 апреля состоялись консультации России и Китая в формате видеосвязи.",
        "Саммит БРИКС 17 ноября прошел в онлайн-формате.",
        "Переговоры России и Индии прошли 5 мая в режиме ВКС.",
    ],
)
def test_meeting_by_video_link_is_virtual(text: str) -> None:
    (m,) = meetings(text)
    assert m.virtual


@pytest.mark.parametrize(
    "text",
    [
        "Заседание Совета министров иностранных дел ОДКБ состоялось 30 ноября в Минске в "
        "смешанном формате.",
        "Консультации прошли 5 марта в Москве в гибридном формате (очно и по видеосвязи).",
        "The session took place in Geneva on 7 March 2022 in a hybrid format.",
        "The meeting was held in New York on 4 April 2023, in person and by video link.",
    ],
)
def test_a_meeting_in_a_mixed_format_met_in_a_room_and_is_not_virtual(text: str) -> None:
    (m,) = meetings(text)
    assert not m.virtual


@pytest.mark.parametrize(
    "text",
    [
        "The summit took place in Kazan on 23 October 2024.",
        "The ministers met in Astana on 3 July 2024 to discuss the virtual space.",
        "Встреча прошла 5 мая в Москве.",
    ],
)
def test_a_meeting_in_person_is_not_virtual(text: str) -> None:
    (m,) = meetings(text)
    assert not m.virtual


# -- who took part, in what role -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Consultations on information security were held in Moscow on 5 May 2021. The "
            "delegations of Iran and India discussed threats.",
            {"IND": "member", "IRN": "member"},
        ),
        (
            "The expert meeting took place in Geneva on 7 March 2022. Delegations from "
            "Brazil, China and South Africa presented their views.",
            {"BRA": "member", "CHN": "member", "ZAF": "member"},
        ),
        (
            "Консультации по информационной безопасности состоялись в Москве 5 мая 2021 года. "
            "Делегации Ирана и Индии обсудили угрозы.",
            {"IND": "member", "IRN": "member"},
        ),
        (
            "18 декабря в Тегеране состоялись консультации. Делегацию Китая возглавил "
            "заместитель министра, представителей Пакистана — посол.",
            {"CHN": "member", "PAK": "member"},
        ),
    ],
)
def test_delegations_are_member_participants(text: str, expected: dict[str, str]) -> None:
    (m,) = meetings(text)
    assert roles(m) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The CSTO Council of Foreign Ministers met in Minsk on 30 November 2017 with the "
            "delegations of all member states.",
            ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"],
        ),
        (
            "The SCO summit held in Qingdao on 10 June 2018 was attended by all SCO member states.",
            ["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"],
        ),
        (
            "Заседание Совета министров иностранных дел ОДКБ состоялось 30 ноября 2017 года в "
            "Минске. В нем приняли участие все государства-члены.",
            ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"],
        ),
        (
            "10 июня 2018 года в Циндао прошел саммит ШОС с участием глав всех "
            "государств-членов организации.",
            ["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"],
        ),
    ],
)
def test_all_member_states_resolve_on_the_meeting_date(text: str, expected: list[str]) -> None:
    (m,) = meetings(text)
    assert sorted(roles(m)) == expected
    assert set(roles(m).values()) == {"member"}


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW, June 10. /TASS/. The SCO summit held in Qingdao on Sunday was attended by "
        "all SCO member states.",
        "Саммит ШОС прошел 10 июня в Циндао. В нем приняли участие все государства-члены.",
    ],
)
def test_all_member_states_without_a_full_date_are_not_resolved(text: str) -> None:
    (m,) = meetings(text)
    assert roles(m) == {}


def test_calling_on_all_member_states_names_no_participants() -> None:
    (m,) = meetings(
        "The SCO summit took place in Qingdao on 10 June 2018. The leaders called on all "
        "member states to cooperate."
    )
    assert roles(m) == {}


@pytest.mark.parametrize(
    "text",
    [
        "The meeting in Beijing on 3 March 2023 was co-chaired by Russia and China.",
        "The session, held in Moscow on 5 May 2021 under the co-chairmanship of India and "
        "Russia, discussed threats.",
        "Заседание рабочей группы прошло 5 мая 2021 года в Москве под сопредседательством "
        "России и Индии.",
        "5 мая 2021 года в Москве состоялось заседание. Сопредседателями заседания выступили "
        "Россия и Индия.",
    ],
)
def test_co_chair_has_role_chair(text: str) -> None:
    (m,) = meetings(text)
    assert {a: r for a, r in roles(m).items() if r == "chair"}.keys() <= {"RUS", "CHN", "IND"}
    assert sorted(a for a, r in roles(m).items() if r == "chair") in (
        ["CHN", "RUS"],
        ["IND", "RUS"],
    )


@pytest.mark.parametrize(
    "text",
    [
        "Delegations of China, Kazakhstan and Russia, as well as of the SCO observer states "
        "(Afghanistan, India, Pakistan), met in Dushanbe on 11-12 September 2014.",
        "The summit in Dushanbe on 11 September 2014 was attended by China, Kazakhstan and "
        "Russia, and by observers Afghanistan, India and Pakistan.",
        "China, Kazakhstan and Russia met in Dushanbe on 11 September 2014; Afghanistan, "
        "India and Pakistan took part as observers.",
        "11 сентября 2014 года в Душанбе состоялся саммит с участием Китая, Казахстана и "
        "России; в качестве наблюдателей — Афганистан, Индия и Пакистан.",
        "11 сентября 2014 года в Душанбе прошел саммит. В нем приняли участие Китай, "
        "Казахстан, Россия, а также государства-наблюдатели (Афганистан, Индия, Пакистан).",
    ],
)
def test_observers_take_the_observer_role(text: str) -> None:
    (m,) = meetings(text)
    assert roles(m) == {
        "AFG": "observer",
        "CHN": "member",
        "IND": "observer",
        "KAZ": "member",
        "PAK": "observer",
        "RUS": "member",
    }


@pytest.mark.parametrize(
    "text",
    [
        "The CSTO summit was held in Minsk on 30 November 2017; Serbia took part as a guest.",
        "Саммит ОДКБ прошел в Минске 30 ноября 2017 года, Сербия участвовала в качестве гостя.",
        "30 ноября 2017 года в Минске состоялся саммит. Гости саммита — Сербия и Иран.",
    ],
)
def test_guests_take_the_guest_role(text: str) -> None:
    (m,) = meetings(text)
    assert roles(m).get("SRB") == "guest"


@pytest.mark.parametrize(
    "text",
    [
        "В заседании, состоявшемся 5 мая в Москве, приняли участие представители "
        "Секретариата ОДКБ.",
        "The expert meeting in Minsk on 5 May 2021 was attended by representatives of the "
        "CIS Executive Committee.",
        "Заседание СМИД ОДКБ прошло 30 ноября в Минске. В нем приняли участие министры, а "
        "также Генеральный секретарь ОДКБ.",
        "The CSTO summit was held in Minsk on 30 November 2017. The CSTO Secretary General "
        "also took part.",
    ],
)
def test_a_secretariat_takes_part_as_the_secretariat(text: str) -> None:
    (m,) = meetings(text)
    assert set(roles(m).values()) == {"secretariat"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The First Committee held a thematic debate today on cybersecurity. The European "
            "Union's representative said that international law applies in cyberspace.",
            {"EU": "member"},
        ),
        (
            "The First Committee held a thematic debate today. The delegation of the European "
            "Union and the representative of Brazil spoke on cybersecurity.",
            {"BRA": "member", "EU": "member"},
        ),
        (
            "The General Assembly on Friday approved the resolution. The Finnish representative, "
            "speaking on behalf of the European Union, said it was premature.",
            {"FIN": "member"},
        ),
    ],
)
def test_an_organization_that_speaks_at_a_un_meeting_takes_part(
    text: str, expected: dict[str, str]
) -> None:
    (m,) = meetings(text)
    assert (m.organizer, roles(m)) == ("UN", expected)


# -- what is a meeting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "JOINT STATEMENT\nof the Heads of State of the CSTO\n\nText.\n\nMoscow, 10 November 2020",
        "Совместное заявление министров иностранных дел\n\nТекст.\n\nг. Ереван, 23 ноября 2022 "
        "года",
        "Dinard Declaration on the Cyber Norm Initiative\n\nLogo of the G7 Biarritz Summit\n\n"
        "We remain committed to an open, secure and peaceful cyberspace.",
        "G7 Research Group\n\nLogo of the G7 Biarritz Summit\n\nDinard Declaration on the "
        "Cyber Norm Initiative\n\nThe G7 foreign ministers adopted the declaration.",
    ],
)
def test_a_statement_that_names_only_its_place_date_or_a_logo_describes_no_meeting(
    text: str,
) -> None:
    assert meetings(text) == []


@pytest.mark.parametrize(
    ("text", "organizer", "place"),
    [
        (
            "NEW DELHI, September 9. /TASS/. BRICS countries condemn terrorism, according to "
            "the New Delhi Declaration adopted at the 13th BRICS summit.",
            "BRICS",
            "new-delhi",
        ),
        (
            "Саммит ШОС\n\nЛидеры ШОС договорились противостоять угрозам, указано в "
            "Бишкекской декларации Совета глав государств-членов организации.",
            "SCO",
            "bishkek",
        ),
        (
            "Страны ОДКБ выступили за мир. Об этом говорится в декларации, принятой на саммите "
            "ОДКБ в Минске.",
            "CSTO",
            "minsk",
        ),
    ],
)
def test_a_summit_named_as_the_occasion_of_a_declaration_is_a_meeting(
    text: str, organizer: str, place: str
) -> None:
    (m,) = meetings(text)
    assert (m.kind, m.organizer, m.place) == ("summit", organizer, place)


@pytest.mark.parametrize(
    "text",
    [
        "Statement on Agenda Item 107\n\nJohn Smith\nU.S. Mission to the United Nations\nNew "
        "York, New York\nNovember 18, 2019\n\nThank you, Mr. Chair.\n\nThe United States is "
        "disappointed with the decision to bring this resolution to the Third Committee today.",
        "Statement by the delegation of the United States in the First Committee\n\nNew York, "
        "November 18, 2019\n\nMr. President,\n\nThe United States cannot support this draft "
        "resolution on information security.",
        "Remarks at the UN Open-Ended Working Group on ICTs\n\nU.S. Mission to the United "
        "Nations\nNew York, November 18, 2019\n\nThank you, Chair. The United States supports "
        "the framework of responsible state behavior in cyberspace.",
    ],
)
def test_a_statement_delivered_at_a_un_committee_is_a_meeting_of_the_un(text: str) -> None:
    (m,) = meetings(text)
    assert (m.organizer, m.date, m.place, roles(m)) == (
        "UN", "2019-11-18", "new-york", {"USA": "member"}
    )  # fmt: skip


def test_a_russian_statement_addressed_to_the_chair_was_delivered_at_a_session() -> None:
    (m,) = meetings(
        "Заявление представителя Российской Федерации в Первом комитете Генеральной Ассамблеи "
        "ООН\n\nНью-Йорк, 20 октября 2021 года\n\nГосподин Председатель,\n\nРоссия "
        "выступает за выработку правил ответственного поведения государств."
    )
    assert (m.organizer, m.date, m.place, roles(m)) == (
        "UN", "2021-10-20", "new-york", {"RUS": "member"}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The United Nations General Assembly on Friday approved a resolution on cybercrime. "
            "U.S. Deputy Ambassador Cherith Norman Chalet said before the vote that it was "
            "premature.",
            {"USA": "member"},
        ),
        (
            "The UN Security Council today adopted a resolution. Russia's representative said "
            "it was a step forward; China and India welcomed it.",
            {"CHN": "member", "IND": "member", "RUS": "member"},
        ),
        (
            "Генеральная Ассамблея ООН в пятницу приняла резолюцию о киберпреступности. "
            "Представитель России заявил, что это важный шаг.",
            {"RUS": "member"},
        ),
    ],
)
def test_a_un_body_acting_on_the_day_of_the_news_held_a_session(
    text: str, expected: dict[str, str]
) -> None:
    (m,) = meetings(text)
    assert (m.kind, m.organizer, roles(m)) == ("session", "UN", expected)


@pytest.mark.parametrize(
    "text",
    [
        "We recall with appreciation that the General Assembly has affirmed that international "
        "law is applicable.",
        "The rules were adopted by the UN General Assembly in a form of a resolution in 2018.",
        "Россия напоминает, что Генеральная Ассамблея ООН приняла резолюцию 73/27.",
    ],
)
def test_a_resolution_a_un_body_adopted_before_is_no_meeting(text: str) -> None:
    assert meetings(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The First Committee held a thematic debate today. Costa Rica voiced concerns about "
            "safeguards. Ecuador, on the other hand, praised the text. Several countries, "
            "including Brazil and Egypt, suggested more time.",
            {"BRA": "member", "CRI": "member", "ECU": "member", "EGY": "member"},
        ),
        (
            "17th Meeting (AM)\n\nThe First Committee heard as its debate continued. In this "
            "century, said China's representative, there were no rules. His counterpart from "
            "the Russian Federation said that threats grew, as was noted by Thailand.",
            {"CHN": "member", "RUS": "member"},
        ),
        (
            "Первый комитет ГА ООН сегодня завершил обсуждение. Китай предложил новые правила, "
            "а Бразилия и Индия поддержали их.",
            {"BRA": "member", "CHN": "member", "IND": "member"},
        ),
    ],
)
def test_the_states_that_speak_at_a_un_session_take_part(
    text: str, expected: dict[str, str]
) -> None:
    (m,) = meetings(text)
    assert (m.organizer, roles(m)) == ("UN", expected)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Agenda item 5: General Assembly resolution 75/240 – session 6\n\n11 Jul 2024 "
         "15:00h - 18:00h\n\nThe Working Group continued its discussions on the draft report.",
         "2024-07-11"),
        ("20 October 2011\n\nFirst Committee\n\n17th Meeting (AM)\n\nThe First Committee heard "
         "the introduction of six draft texts on the agenda.", "2011-10-20"),
    ],
)  # fmt: skip
def test_the_record_of_a_session_takes_the_date_of_its_heading(text: str, date: str) -> None:
    (m,) = meetings(text)
    assert (m.date, m.organizer) == (date, "UN")


@pytest.mark.parametrize(
    "text",
    [
        "13.04.2022\nОб этом сообщила в среду пресс-служба по итогам состоявшихся в Минске\n"
        "российско-белорусских консультаций.",
    ],
)
def test_a_page_date_does_not_date_consultations_reported_on_a_weekday(text: str) -> None:
    (m,) = meetings(text)
    assert m.date is None


@pytest.mark.parametrize(
    "text",
    [
        "Delegations of the SCO member states met in Dushanbe on 11-12 September 2014.",
        "The consultations took place in Moscow from 11 to 12 September 2014.",
        "11–12 сентября 2014 года в Душанбе прошел саммит ШОС.",
        "Консультации прошли в Москве с 11 по 12 сентября 2014 года.",
    ],
)
def test_a_meeting_over_several_days_is_dated_by_its_first_day(text: str) -> None:
    (m,) = meetings(text)
    assert m.date == "2014-09-11"


@pytest.mark.parametrize(
    "text",
    [
        "Президент Беларуси подписал указ об утверждении Соглашения о сотрудничестве в "
        "области информационной безопасности.",
        "President Putin signed the law ratifying the agreement on information security.",
    ],
)
def test_a_head_of_state_signing_a_national_act_is_no_meeting(text: str) -> None:
    assert meetings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Brazil and Egypt suggested dedicating more time to the topic at the next session.",
        "Стороны договорились обсудить эти вопросы на следующем заседании.",
        "The upcoming summit of the SCO will discuss information security.",
    ],
)
def test_a_meeting_still_to_come_is_no_meeting(text: str) -> None:
    assert meetings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Iran held consultations in Tehran on 18 December 2019. The sides said that "
        "talks with the United States had stalled.",
        "18 декабря 2019 года в Тегеране состоялись консультации России и Ирана. Стороны "
        "отметили, что переговоры с США зашли в тупик.",
    ],
)
def test_a_meeting_spoken_of_again_adds_only_the_participants_a_cue_names(text: str) -> None:
    (m,) = meetings(text)
    assert roles(m) == {"IRN": "member", "RUS": "member"}


def test_a_russian_statement_to_the_chair_of_the_security_council_was_made_there() -> None:
    (m,) = meetings(
        "Выступление Постоянного представителя Российской Федерации при ООН на заседании "
        "Совета Безопасности ООН\n\nУважаемый Председатель,\n\nРоссия выступает против "
        "милитаризации информационного пространства."
    )
    assert (m.organizer, roles(m)) == ("UN", {"RUS": "member"})


@pytest.mark.parametrize(
    ("text", "date", "place"),
    [
        ("The 25th ASEAN Regional Forum was held in Singapore on 4 August 2018.", "2018-08-04",
         "singapore"),
        ("Региональный форум АСЕАН прошел в Сингапуре 4 августа 2018 года.", "2018-08-04",
         "singapore"),
    ],
)  # fmt: skip
def test_an_organization_that_meets_was_held(text: str, date: str, place: str) -> None:
    (m,) = meetings(text)
    assert (m.date, m.place) == (date, place)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia and ASEAN held consultations in Jakarta on 5 April 2022.",
         {"ASEAN": "member", "RUS": "member"}),
        ("The EU-China Summit took place in Brussels on 1 April 2022 by videoconference.",
         {"CHN": "member", "EU": "member"}),
        ("Консультации России и АСЕАН прошли в Джакарте 5 апреля 2022 года.",
         {"ASEAN": "member", "RUS": "member"}),
        ("Саммит Россия – АСЕАН состоялся в Сочи 20 мая 2016 года.",
         {"ASEAN": "member", "RUS": "member"}),
    ],
)  # fmt: skip
def test_an_organization_named_with_a_state_is_a_side_not_the_organizer(
    text: str, expected: dict[str, str]
) -> None:
    (m,) = meetings(text)
    assert (m.organizer, roles(m)) == (None, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China held talks in Moscow on 5 May 2021 on the situation around Ukraine "
        "and relations with the United States.",
        "5 мая 2021 года в Москве прошли переговоры России и Китая; стороны обсудили ситуацию "
        "вокруг Украины и отношения с США.",
        "Консультации России и Китая состоялись в Москве 5 мая 2021 года. Стороны выступили "
        "против санкций в отношении Ирана.",
    ],
)
def test_a_state_the_meeting_speaks_about_does_not_take_part(text: str) -> None:
    (m,) = meetings(text)
    assert roles(m) == {"CHN": "member", "RUS": "member"}


def gold_cases() -> list[tuple[Path, list[dict[str, object]]]]:
    out = []
    for path in sorted((DEV / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        out.append((DEV / "texts" / str(gold["source"]), gold["meetings"]))
    return out


@pytest.mark.parametrize(("path", "gold"), gold_cases(), ids=lambda v: getattr(v, "stem", ""))
def test_meetings_of_the_annotated_texts(path: Path, gold: list[dict[str, object]]) -> None:
    ref = Reference.load()
    doc = extract(path.read_text("utf-8"), path.name, ref)
    got = [
        {
            "date": m.date,
            "place": ref.place_label(m.place) if m.place else None,
            "organizer": m.organizer,
            "participants": roles(m),
            "virtual": m.virtual,
        }
        for m in doc.meetings
    ]
    assert got == gold
