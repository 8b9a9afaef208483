"""The instrument a text is or reports on: type, status, title, date, place, issuers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.extract import extract
from graph.model import Instrument
from graph.reference import Reference

DEV = Path(__file__).resolve().parents[2] / "data" / "dev"


def instrument(text: str) -> Instrument:
    doc = extract(text, "i.txt")
    assert len(doc.instruments) == 1, doc.instruments
    return doc.instruments[0]


def test_a_heading_is_the_instrument_with_its_date_and_place_lines() -> None:
    ins = instrument(
        " СОВМЕСТНОЕ ЗАЯВЛЕНИЕ\n\nминистров иностранных дел государств – членов\nОрганизации "
        "Договора о коллективной безопасности\n\n23 ноября 2022 года\nгород Ереван\n\n"
        "Государства – члены ОДКБ выступают за мир."
    )
    assert (ins.type, ins.status, ins.date, ins.place, ins.issuers) == (
        "joint-statement", "adopted", "2022-11-23", "yerevan", ("CSTO",)
    )  # fmt: skip
    assert ins.title == (
        "Совместное заявление министров иностранных дел государств – членов Организации "
        "Договора о коллективной безопасности"
    )


def test_a_council_of_heads_of_state_resolves_to_its_organization() -> None:
    ins = instrument(
        "ЗАЯВЛЕНИЕ\nСовета глав государств-членов ШОС о сотрудничестве\n\nТекст.\n\n"
        "г. Москва, «10» ноября 2020 года"
    )
    assert ins.issuers == ("SCO",)
    assert (ins.date, ins.place) == ("2020-11-10", "moscow")


def test_a_news_report_about_a_joint_statement_yields_it_with_its_title_in_the_nominative() -> None:
    ins = instrument(
        "МОСКВА, 19 ноября. /ТАСС/. Президенты РФ и Узбекистана выступили за мир. Об этом "
        "говорится в совместном заявлении двух лидеров, принятом по итогам состоявшихся в "
        "пятницу в Москве переговоров."
    )
    assert (ins.type, ins.issuers, ins.date, ins.place) == (
        "joint-statement", ("RUS", "UZB"), "--11-19", "moscow"
    )  # fmt: skip
    assert ins.title == "Совместное заявление двух лидеров"


def test_the_presidents_of_two_states_issue_their_joint_statement() -> None:
    ins = instrument(
        "The presidents of Russia and Vietnam adopted a joint statement on cooperation in "
        "ensuring international information security."
    )
    assert ins.issuers == ("RUS", "VNM")
    assert (
        ins.title == "Joint statement on cooperation in ensuring international information security"
    )


def test_a_declaration_named_after_a_city_takes_its_place() -> None:
    ins = instrument("Лидеры стран ШОС приняли самаркандскую декларацию.")
    assert (ins.type, ins.title, ins.place, ins.issuers) == (
        "declaration", "Самаркандская декларация", "samarkand", ("SCO",)
    )  # fmt: skip


def test_an_expert_level_draft_is_a_draft_without_date_or_place() -> None:
    ins = instrument(
        "21 августа в Минске доработан проект Совместного заявления глав государств – "
        "участников СНГ о сотрудничестве в области информационной безопасности."
    )
    assert (ins.status, ins.date, ins.place, ins.issuers) == ("draft", None, None, ("CIS",))


def test_a_signed_bilateral_agreement_gets_its_known_id() -> None:
    ins = instrument(
        "4 сентября 2017, 10:39\nМОСКВА, 4 сентября. /ТАСС/. Министр иностранных дел России и "
        "министр ЮАР подписали в Сямэне межправительственное соглашение о сотрудничестве в "
        "области обеспечения международной информационной безопасности."
    )
    assert (ins.type, ins.status, ins.agreement_id) == ("agreement", "signed", "rus-zaf-2017-iis")
    assert (ins.date, ins.place) == ("2017-09-04", "xiamen")


def test_a_delivered_national_statement_is_issued_by_its_speakers_state() -> None:
    ins = instrument(
        "Statement by the United States on the Russian draft resolution on cybercrime\n\n"
        "The United States strongly opposes this resolution."
    )
    assert (ins.type, ins.status, ins.issuers) == ("statement", "adopted", ("USA",))


def test_a_wished_for_agreement_is_no_instrument() -> None:
    doc = extract("An international agreement on internet security would be premature.", "x.txt")
    assert doc.instruments == ()


def test_a_report_on_consultations_yields_no_instrument() -> None:
    doc = extract(
        "В Минске состоялись российско-белорусские консультации. Стороны подтвердили важность "
        "укрепления сотрудничества, говорится в сообщении пресс-службы.",
        "c.txt",
    )
    assert doc.instruments == ()


def test_a_speech_that_adopts_nothing_yields_no_instrument() -> None:
    doc = extract(
        "BEIJING, July 28. /TASS/. Patrushev said at a BRICS security meeting that the West "
        "imposes the rule of force in information space, the Russian Foreign Ministry said "
        "in a statement.",
        "s.txt",
    )
    assert doc.instruments == ()


def test_agreements_referred_to_are_listed() -> None:
    ins = instrument(
        "СОВМЕСТНОЕ ЗАЯВЛЕНИЕ\nгосударств – членов ОДКБ\n\nГосударства – члены ОДКБ исходят из "
        "необходимости активизации взаимодействия в рамках Соглашения о сотрудничестве в "
        "области обеспечения информационной безопасности 2017 года."
    )
    assert ins.agreements == ("csto-2017-is",)


def gold_cases() -> list[tuple[Path, dict[str, object]]]:
    cases = []
    for path in sorted((DEV / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        cases.append((DEV / "texts" / str(gold["source"]), gold))
    return cases


@pytest.mark.parametrize(("path", "gold"), gold_cases(), ids=lambda v: getattr(v, "stem", ""))
def test_instruments_of_the_annotated_texts(path: Path, gold: dict[str, object]) -> None:
    ref = Reference.load()
    doc = extract(path.read_text("utf-8"), path.name, ref)
    got = [
        {
            "type": i.type,
            "status": i.status,
            "date": i.date,
            "place": ref.place_label(i.place) if i.place else None,
            "issuers": sorted(i.issuers),
            "agreements": sorted(i.agreements),
        }
        for i in doc.instruments
    ]
    fields = ("type", "status", "date", "place", "issuers", "agreements")
    wanted = [{f: g[f] for f in fields} for g in gold["instruments"]]  # type: ignore[attr-defined]
    assert got == wanted


def test_a_declaration_named_after_a_compound_city_name_keeps_the_hyphen() -> None:
    ins = instrument(
        "НЬЮ-ДЕЛИ, 9 сентября. /ТАСС/. Лидеры стран БРИКС выступили за мир. Об этом говорится "
        "в Нью-Делийской декларации, принятой по итогам саммита."
    )
    assert (ins.title, ins.place) == ("Нью-Делийская декларация", "new-delhi")


def test_an_explanation_of_vote_is_the_statement_of_the_state_that_delivers_it() -> None:
    ins = instrument(
        "Explanation of Vote on a Third Committee Resolution on Countering the Use of ICTs for "
        "Criminal Purposes\n\nAmbassador Cherith Norman Chalet\nU.S. Mission to the United "
        "Nations\nNew York, New York\nNovember 18, 2019\n\nThank you, Madam Chair. The United "
        "States strongly opposes this resolution and urges all states to vote no."
    )
    assert (ins.type, ins.status, ins.issuers, ins.date, ins.place) == (
        "statement", "adopted", ("USA",), "2019-11-18", "new-york"
    )  # fmt: skip


def test_a_general_assembly_resolution_is_the_uns() -> None:
    ins = instrument(
        "27 December 2019\n\nThe General Assembly today adopted, by a recorded vote of 79 in "
        'favour to 60 against, a resolution titled "Countering the use of information and '
        'communications technologies for criminal purposes".'
    )
    assert (ins.type, ins.status, ins.issuers, ins.date) == (
        "resolution", "adopted", ("UN",), "2019-12-27"
    )  # fmt: skip
    assert ins.title == (
        "Countering the use of information and communications technologies for criminal purposes"
    )


@pytest.mark.parametrize(
    "text",
    [
        "BENAULIM /Goa/, October 16. /TASS/. The BRICS nations (Brazil, Russia, India, China and "
        "South Africa) advocate rules of responsible behaviour, according to the Goa Declaration "
        "adopted at the 8th BRICS summit on Sunday.",
        "МОСКВА, 9 сентября. /ТАСС/. Страны БРИКС (Бразилия, Россия, Индия, Китай и ЮАР) выступили "
        "за мир. Об этом говорится в декларации, принятой в четверг.",
    ],
)
def test_the_members_a_text_lists_after_the_organization_are_named_members(text: str) -> None:
    ins = instrument(text)
    assert ins.issuers == ("BRICS",)
    assert ins.members == ("BRA", "CHN", "IND", "RUS", "ZAF")


def test_a_parenthesis_with_other_words_names_no_members() -> None:
    ins = instrument(
        "Лидеры стран ШОС (в том числе России и Китая) приняли декларацию о сотрудничестве."
    )
    assert ins.members == ()


def test_a_heading_that_names_its_owner_before_the_type_is_the_title() -> None:
    ins = instrument(
        "G7 Foreign Ministers' Communiqué\n\n4 November 2022\n\nWe, the G7 Foreign Ministers, "
        "reaffirm that international law applies to state conduct in cyberspace."
    )
    assert (ins.type, ins.title, ins.issuers, ins.date) == (
        "communique", "G7 Foreign Ministers' Communiqué", ("G7",), "2022-11-04"
    )  # fmt: skip


def test_a_declaration_on_behalf_of_the_eu_is_held_by_its_members_on_the_day() -> None:
    ins = instrument(
        "Declaration by the High Representative on behalf of the European Union on malicious "
        "cyber activities\n\n30 July 2020\n\nThe European Union and its Member States are "
        "concerned by the increase in malicious cyber activities."
    )
    assert (ins.type, ins.issuers, ins.date) == ("declaration", ("EU",), "2020-07-30")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "MOSCOW, October 26. /TASS/. BRICS leaders called for rules in the information space, "
            "according to the Kazan Declaration adopted at the summit last week.",
            None,
        ),
        (
            "МОСКВА, 26 октября. /ТАСС/. Лидеры БРИКС выступили за правила в информационном "
            "пространстве, говорится в Казанской декларации, принятой на прошлой неделе.",
            None,
        ),
        (
            "МОСКВА, 26 октября. /ТАСС/. Лидеры БРИКС выступили за правила в информационном "
            "пространстве, говорится в Казанской декларации, принятой накануне.",
            "--10-25",
        ),
    ],
)
def test_a_report_dated_after_the_adoption_does_not_date_the_instrument(
    text: str, date: str | None
) -> None:
    assert instrument(text).date == date
