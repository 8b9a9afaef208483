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


# -- national statements -------------------------------------------------------------------------


def instruments(text: str) -> tuple[Instrument, ...]:
    return extract(text, "i.txt").instruments


def issued(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Type, status and issuers of every instrument of a text, in order."""
    return [(i.type, i.status, i.issuers) for i in instruments(text)]


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "Statement by the Delegation of the Russian Federation at the second substantive "
            "session of the Open-ended Working Group on security of and in the use of ICTs\n\n"
            "Mr. Chair,\n\nThe Russian Federation supports the development of a universal legally "
            "binding instrument under the auspices of the United Nations.",
            "RUS",
        ),
        (
            "Statement by H.E. Mr. Zhang Jun, Permanent Representative of China to the United "
            "Nations, at the Security Council Arria-formula meeting on cyber-attacks\n\nMr. "
            "President,\n\nChina is concerned by the use of ICTs for purposes incompatible with "
            "international peace and security.",
            "CHN",
        ),
        (
            "Выступление представителя Российской Федерации на второй сессии Рабочей группы ООН "
            "открытого состава по вопросам безопасности в сфере использования ИКТ\n\nУважаемый "
            "господин Председатель,\n\nРоссийская Федерация выступает за выработку универсального "
            "юридически обязывающего документа.",
            "RUS",
        ),
        (
            "Заявление делегации Китайской Народной Республики на заседании Первого комитета "
            "Генеральной Ассамблеи ООН\n\nКитай выступает за центральную роль ООН в обеспечении "
            "международной информационной безопасности.",
            "CHN",
        ),
    ],
)
def test_delegation_speech_at_oewg_is_a_statement_of_its_state(text: str, issuer: str) -> None:
    assert issued(text) == [("statement", "adopted", (issuer,))]
    assert instruments(text)[0].positions


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "Remarks by Ambassador Linda Thomas-Greenfield at a UN Security Council Open Debate "
            "on Cybersecurity\n\nThank you, Madam President. The United States is committed to "
            "the framework of responsible state behavior in cyberspace.",
            "USA",
        ),
        (
            "Explanation of vote by the delegation of China on draft resolution A/C.1/78/L.13\n\n"
            "China voted in favour. China supports the central role of the United Nations.",
            "CHN",
        ),
    ],
)
def test_remarks_and_explanations_of_vote_are_statements(text: str, issuer: str) -> None:
    assert issued(text) == [("statement", "adopted", (issuer,))]


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "MOSCOW, March 3. /TASS/. The Russian Foreign Ministry said on Tuesday that Moscow "
            "supports the elaboration of a comprehensive international convention on countering "
            "the use of ICTs for criminal purposes.",
            "RUS",
        ),
        (
            "МИД России считает необходимым разработать под эгидой ООН всеобъемлющую "
            "международную конвенцию о противодействии использованию ИКТ в преступных целях.",
            "RUS",
        ),
        (
            "Официальный представитель МИД России Мария Захарова заявила, что Россия выступает "
            "за недопущение милитаризации информационного пространства.",
            "RUS",
        ),
        (
            "BEIJING, June 5 (Xinhua) -- Chinese Foreign Ministry spokesperson Wang Wenbin said "
            "on Monday that China firmly opposes the militarization of cyberspace.",
            "CHN",
        ),
        (
            "MOSCOW, April 2. The Russian Foreign Ministry issued a statement on Friday saying "
            "that Moscow supports a universal convention on countering the use of ICTs for "
            "criminal purposes.",
            "RUS",
        ),
        (
            "МИД России распространил заявление, в котором выступил за выработку под эгидой ООН "
            "универсальной конвенции о противодействии киберпреступности.",
            "RUS",
        ),
        (
            "WASHINGTON, Nov. 18 (Reuters) - The United States opposes the Russian-drafted "
            "resolution on cybercrime. There is no consensus among member states on the need "
            "for a new treaty, a State Department spokesperson said.",
            "USA",
        ),
    ],
)
def test_a_ministry_or_a_state_stating_a_position_in_indirect_speech_makes_a_statement(
    text: str, issuer: str
) -> None:
    assert issued(text) == [("statement", "adopted", (issuer,))]
    assert instruments(text)[0].positions


@pytest.mark.parametrize(
    "text",
    [
        "Russia's Permanent Representative to the UN Vassily Nebenzia told the Security Council "
        "on Friday that the use of ICTs for interference in internal affairs is unacceptable.",
        "Выступая на заседании Совета Безопасности ООН, постоянный представитель России при ООН "
        "Василий Небензя заявил, что Россия выступает против милитаризации информационного "
        "пространства.",
        "Speaking at the UN General Assembly, Russian President Vladimir Putin called for a "
        "universal convention on countering cybercrime.",
    ],
)
def test_an_envoy_or_a_head_of_state_speaking_at_a_un_body_makes_a_statement(text: str) -> None:
    assert issued(text) == [("statement", "adopted", ("RUS",))]


def test_a_head_of_state_quoted_on_a_summit_makes_no_statement_of_his_own() -> None:
    assert issued(
        "ASTANA, July 4. /TASS/. The SCO leaders adopted the Astana Declaration. Russian "
        "President Vladimir Putin said the SCO member states support the central role of the UN "
        "in ensuring international information security."
    ) == [("declaration", "adopted", ("SCO",))]


def test_every_delegation_in_a_meeting_record_is_a_statement() -> None:
    text = (
        "First Committee\nSeventy-eighth session, 20th meeting\n\nThe representative of the "
        "Russian Federation said that the information space must never become an arena of "
        "military confrontation. Speaking for the European Union, the representative of Spain "
        "stressed that international law applies in cyberspace. Brazil's delegate said that "
        "capacity building was essential. Cuba, Nicaragua and Venezuela voiced concerns over "
        "the militarization of cyberspace."
    )
    assert [i.issuers for i in instruments(text)] == [
        ("RUS",), ("EU",), ("BRA",), ("CUB",), ("NIC",), ("VEN",)
    ]  # fmt: skip
    assert {i.type for i in instruments(text)} == {"statement"}


def test_sentences_that_go_on_with_a_speaker_are_its_statements() -> None:
    text = (
        "The First Committee continued its thematic debate today.\n\nIn this century of "
        "information, said China's representative, there were no traffic rules. Global rules of "
        "responsible behaviour in cyberspace were urgently needed.\n\n"
        "Australia's representative said her country "
        "will act in accordance with the UN framework. International law applies in cyberspace, "
        "she added."
    )
    china, australia = instruments(text)
    assert [p.topic for p in china.positions] == ["un-norms"]
    assert "international-law" in [p.topic for p in australia.positions]
    assert "un-norms" not in [p.topic for p in australia.positions]


def test_a_group_of_like_minded_states_is_one_statement_of_every_state_it_names() -> None:
    ins = instrument(
        "Agenda item 5 - session 6\n\nThe Open-Ended Working Group on ICTs convened its seventh "
        "meeting.\n\nA group of like-minded states, including Belarus, China, Cuba, Iran, "
        "Nicaragua and Russia, voiced concerns over the draft. They emphasized the need for "
        "legally binding norms in the ICT field."
    )
    assert ins.issuers == ("BLR", "CHN", "CUB", "IRN", "NIC", "RUS")
    assert [p.topic for p in ins.positions] == ["legally-binding-instrument"]


def test_a_transcripts_speaker_line_opens_the_statement_that_follows() -> None:
    ins = instrument(
        "Session 1-9 Transcript\n(OEWG 2021-25)\n\nChair\n\nI give the floor to the delegation "
        "of Australia.\n\nAustralia\n\nThank you Chair. We can make progress towards a more "
        "open, secure, stable and peaceful cyberspace, as was noted by Thailand."
    )
    assert (ins.type, ins.issuers) == ("statement", ("AUS",))
    assert [p.topic for p in ins.positions] == ["peaceful-use"]


@pytest.mark.parametrize(
    "text",
    [
        "TEHRAN, December 18. Russia and Iran held interagency consultations on international "
        "information security in Tehran. The sides stressed the importance of continuing "
        "cooperation under the central role of the UN. The Russian delegation was headed by "
        "Special Representative Andrey Krutskikh.",
        "В Пекине состоялись российско-китайские консультации по вопросам международной "
        "информационной безопасности. Стороны подчеркнули важность сотрудничества в рамках ООН. "
        "Российскую делегацию возглавил специальный представитель Президента А.В.Крутских.",
        "Россия и Белоруссия выступают за усиление информационной безопасности в СНГ. Об этом "
        "сообщила пресс-служба Совета безопасности РФ по итогам консультаций в Минске.",
        "MOSCOW, May 5. In a statement, the Russian Foreign Ministry said the consultations with "
        "China on international information security were held in a constructive atmosphere.",
        "The State Department issued a statement on Tuesday about the talks between the US and "
        "Russian delegations in Geneva. The sides discussed cybersecurity issues.",
        "В заявлении МИД России говорится, что консультации с Китаем по вопросам международной "
        "информационной безопасности прошли в конструктивной атмосфере.",
    ],
)
def test_a_press_release_on_consultations_yields_no_instrument(text: str) -> None:
    assert instruments(text) == ()


def test_a_remark_outside_a_un_body_that_states_no_position_is_no_instrument() -> None:
    assert (
        instruments(
            "BEIJING, July 28. /TASS/. Western countries are trying to dominate the information "
            "space, the Russian Foreign Ministry said on Friday."
        )
        == ()
    )


@pytest.mark.parametrize(
    ("text", "kind", "issuers"),
    [
        (
            "MOSCOW, July 20. /TASS/. Russia and Nicaragua signed an intergovernmental agreement "
            "on cooperation in ensuring international information security, the Russian Foreign "
            'Ministry said on Tuesday. "The document confirms that our countries seek to boost '
            'bilateral cooperation in this field," the ministry said.',
            "agreement",
            ("NIC", "RUS"),
        ),
        (
            "MOSCOW, May 8. /TASS/. Russia and China adopted a joint statement on cooperation in "
            "ensuring international information security. The Russian Foreign Ministry said the "
            "statement confirms the commitment of the two countries to the peaceful use of ICTs.",
            "joint-statement",
            ("CHN", "RUS"),
        ),
    ],
)
def test_an_issuer_speaking_of_its_own_document_adds_no_statement(
    text: str, kind: str, issuers: tuple[str, ...]
) -> None:
    (ins,) = instruments(text)
    assert (ins.type, ins.issuers) == (kind, issuers)
    assert ins.positions


def test_a_text_that_is_a_delegations_statement_carries_no_other() -> None:
    assert issued(
        "Statement by the representative of the Russian Federation at the eighth session of the "
        "Open-ended Working Group on security of and in the use of ICTs\n\nMr. Chair,\n\nRussia "
        "joins the statement made by the representative of Nicaragua on behalf of a group of "
        "like-minded States. As the distinguished representative of China said, we need legally "
        "binding norms in the field of international information security."
    ) == [("statement", "adopted", ("RUS",))]


# -- resolutions and conventions of the UN -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The UN General Assembly on Tuesday adopted a resolution on countering the use of "
        "information and communications technologies for criminal purposes.",
        "The General Assembly's plenary approved the resolution recommended by its Third "
        "Committee on countering the use of ICTs for criminal purposes.",
        "Генеральная Ассамблея ООН приняла резолюцию о противодействии использованию "
        "информационно-коммуникационных технологий в преступных целях.",
    ],
)
def test_general_assembly_resolution_is_adopted_by_the_un(text: str) -> None:
    assert issued(text) == [("resolution", "adopted", ("UN",))]


@pytest.mark.parametrize(
    "text",
    [
        "The First Committee of the UN General Assembly approved a draft resolution submitted "
        "by Russia that establishes a new open-ended working group on ICT security.",
        "The Third Committee approved the resolution on countering the use of ICTs for "
        "criminal purposes by a recorded vote of 88 to 58.",
        "Третий комитет Генассамблеи ООН одобрил российскую резолюцию о противодействии "
        "использованию ИКТ в преступных целях.",
    ],
)
def test_committee_approved_resolution_is_a_draft(text: str) -> None:
    assert issued(text) == [("resolution", "draft", ("UN",))]


def test_a_convention_a_resolution_is_to_elaborate_is_not_made_by_it() -> None:
    assert issued(
        "The General Assembly approved a resolution that aims to create a new international "
        "convention on cybercrime."
    ) == [("resolution", "adopted", ("UN",))]


# -- several instruments in one text -------------------------------------------------------------

# A UNGA resolution and the U.S. statement against it, as a news report tells them
RESOLUTION_AND_STATEMENT = (
    "The UN General Assembly approved on Friday a resolution backed by Russia that starts "
    "work on a new cybercrime treaty.\nThe resolution establishes an expert committee to "
    "elaborate a comprehensive international convention on countering the use of ICTs for "
    "criminal purposes.\nBefore the vote, the U.S. representative said that the United "
    'States opposes the resolution.\n"A new treaty would stifle global efforts to combat '
    'cybercrime," she said.'
)


def test_resolution_and_statement_against_it_are_two_instruments() -> None:
    resolution, statement = instruments(RESOLUTION_AND_STATEMENT)
    assert (resolution.type, resolution.issuers) == ("resolution", ("UN",))
    assert (statement.type, statement.issuers) == ("statement", ("USA",))
    assert [(p.topic, p.stance) for p in resolution.positions] == [
        ("cybercrime-convention", "supports")
    ]
    assert [(p.topic, p.stance) for p in statement.positions] == [
        ("cybercrime-convention", "opposes")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "On 10 November the SCO heads of state adopted a statement on cooperation in "
        "international information security, on 28 November the CSTO Collective Security "
        "Council adopted a statement calling for the peaceful use of ICTs, and on 18 December "
        "the CIS heads of state adopted a statement on the central role of the UN.",
        "10 ноября Совет глав государств ШОС принял заявление о сотрудничестве в области "
        "обеспечения международной информационной безопасности, 28 ноября Совет коллективной "
        "безопасности ОДКБ принял заявление против милитаризации информационного пространства, "
        "а 18 декабря главы государств СНГ приняли заявление о центральной роли ООН.",
    ],
)
def test_three_statements_of_three_summits_in_one_sentence_are_three_instruments(
    text: str,
) -> None:
    found = instruments(text)
    assert [(i.issuers, i.date) for i in found] == [
        (("SCO",), "--11-10"), (("CSTO",), "--11-28"), (("CIS",), "--12-18")
    ]  # fmt: skip


def test_documents_of_one_sentence_each_take_their_own_clause() -> None:
    statement, declaration = instruments(
        "On 10 November the SCO heads of state adopted a statement on cooperation in "
        "information security, and on 28 November the CSTO Collective Security Council adopted "
        "a declaration calling for the peaceful use of ICTs."
    )
    assert (statement.type, statement.issuers) == ("statement", ("SCO",))
    assert (declaration.type, declaration.issuers) == ("declaration", ("CSTO",))
    assert "peaceful-use" not in [p.topic for p in statement.positions]
    assert [p.topic for p in declaration.positions] == ["peaceful-use"]


@pytest.mark.parametrize(
    ("text", "issuers"),
    [
        (
            "Joint statement by Australia, Canada, New Zealand, the United Kingdom and the United "
            "States on advancing responsible state behaviour in cyberspace\n\nWe reaffirm that "
            "international law, including the UN Charter, applies in cyberspace.",
            ("AUS", "CAN", "GBR", "NZL", "USA"),
        ),
        (
            "Совместное заявление Российской Федерации, Республики Беларусь, Республики Казахстан "
            "и Кыргызской Республики о международной информационной безопасности\n\nСтороны "
            "выступают за центральную роль ООН.",
            ("BLR", "KAZ", "KGZ", "RUS"),
        ),
        (
            "BRICS countries adopted a statement calling for the central role of the UN in "
            "ensuring security in the use of ICTs.",
            ("BRICS",),
        ),
        (
            "Страны БРИКС приняли заявление, в котором выступили за центральную роль ООН в "
            "обеспечении безопасности в сфере использования ИКТ.",
            ("BRICS",),
        ),
    ],
)
def test_a_joint_statement_has_every_state_or_group_it_names_as_issuer(
    text: str, issuers: tuple[str, ...]
) -> None:
    assert instrument(text).issuers == issuers


@pytest.mark.parametrize(
    "text",
    [
        "After the session in Bishkek the presidents of Kyrgyzstan and Russia made a joint "
        "statement on cooperation in ensuring international information security.",
        "Автор: корреспондент «Вечернего Кыргызстана»\n\nПосле заседания в Бишкеке президенты "
        "Кыргызстана и России сделали совместное заявление о сотрудничестве в области "
        "обеспечения международной информационной безопасности.",
        "После декабрьского заседания Высшего Евразийского экономического совета в Бишкеке "
        "президенты Кыргызстана и России сделали совместное заявление о сотрудничестве в "
        "области обеспечения международной информационной безопасности.",
    ],
)
def test_the_states_a_text_says_made_a_statement_issue_it(text: str) -> None:
    assert issued(text) == [("joint-statement", "adopted", ("KGZ", "RUS"))]


@pytest.mark.parametrize(
    "text",
    [
        "Tajikistan and Russia will jointly counter the misuse of ICTs. The agreement on "
        "cooperation in this field between the two countries was approved by the parliament of "
        "Tajikistan.",
        "Таджикистан и Россия будут совместно бороться с неправильным использованием ИКТ. "
        "Соглашение о сотрудничестве в этой сфере между двумя странами было одобрено депутатами "
        "парламента Таджикистана.",
    ],
)
def test_an_agreement_a_parliament_approved_was_signed(text: str) -> None:
    assert issued(text) == [("agreement", "signed", ("RUS", "TJK"))]


def test_a_reporters_summary_after_a_speaker_is_not_the_speakers() -> None:
    ins = instruments(
        "Agenda item 6: other matters\nSession at a Glance\n\nThe Open-Ended Working Group "
        "discussed the future mechanism at the United Nations. Several countries, including "
        "Brazil and Egypt, suggested dedicating more time to the topic. Overall, there was broad "
        "agreement on implementing the framework for responsible state behaviour in cyberspace."
    )
    assert [(i.issuers, i.positions) for i in ins] == [(("BRA",), ()), (("EGY",), ())]


def test_a_speech_without_a_date_of_its_own_takes_the_date_of_its_sitting() -> None:
    ins = instrument(
        "Agenda item 5: discussions on substantive issues\n\n11 Jul 2024 15:00h - 18:00h\n\n"
        "Full session report\n\nThe Open-Ended Working Group on ICT security convened its "
        "seventh meeting. Costa Rica voiced concerns about the lack of safeguards for human "
        "rights."
    )
    assert (ins.issuers, ins.date) == (("CRI",), "2024-07-11")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "(17th meeting) Reconvened concluding session of the Ad Hoc Committee on the "
            "cybercrime convention\n\nFull session report\n\nThe Convention on Countering the Use "
            "of ICTs for Criminal Purposes was adopted after extensive negotiations.",
            "draft",
        ),
        (
            "HANOI, October 25. The United Nations Convention against Cybercrime was opened for "
            "signature at a ceremony in Hanoi.",
            "adopted",
        ),
        (
            "Конвенция ООН против киберпреступности открыта для подписания в Ханое.",
            "adopted",
        ),
    ],
)
def test_a_un_convention_is_a_draft_until_the_plenary_adopts_it(text: str, status: str) -> None:
    assert issued(text) == [("convention", status, ("UN",))]


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "Moscow believes that a universal convention on countering the use of ICTs for "
            "criminal purposes should be elaborated under the UN auspices.",
            "RUS",
        ),
        ("Пекин выступает против милитаризации киберпространства.", "CHN"),
        (
            "WASHINGTON, Oct. 2. Washington opposes any treaty that would give governments "
            "control over the internet.",
            "USA",
        ),
    ],
)
def test_a_capital_named_for_its_government_speaks_for_its_state(text: str, issuer: str) -> None:
    assert issued(text) == [("statement", "adopted", (issuer,))]


def test_an_observer_delegation_at_a_un_body_makes_a_statement() -> None:
    text = (
        "General Assembly, 78th session, 45th plenary meeting\n\nThe observer for the European "
        "Union said that international law applies in cyberspace."
    )
    assert issued(text) == [("statement", "adopted", ("EU",))]
