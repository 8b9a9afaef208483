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
