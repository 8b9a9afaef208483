"""Positions: topic and stance with verbatim evidence, in both languages and many phrasings.

The phrasings are cases in ``tests/data/extract/positions.tsv``, each read as the only body
sentence of a joint statement on the field's subject (of Russia and China, or of the United
States and Australia, whose oppositions the cases state); the annotated texts of
``tests/data/dev`` are regression cases. Every evidence is checked against the text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.extract import extract
from graph.extract.grammar_rules import FRAME_STANCES, grammar
from graph.model import Document
from graph.reference import Reference

DATA = Path(__file__).resolve().parents[2] / "data"
HEAD = {
    "ru": "Совместное заявление России и Китая о международной информационной безопасности.\n",
    "en": "Joint statement of the United States and Australia on cyberspace.\n",
}


def positions(doc: Document) -> dict[str, str]:
    return {p.topic: p.stance for i in doc.instruments for p in i.positions}


def assert_verbatim(doc: Document) -> None:
    for ins in doc.instruments:
        for p in ins.positions:
            assert doc.text[p.evidence.start : p.evidence.end] == p.evidence.exact, p


def phrasings() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in (DATA / "extract" / "positions.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, topic, stance, sentence = line.split("\t")
            rows.append((lang, topic, stance, sentence))
    return rows


@pytest.mark.parametrize(("lang", "topic", "stance", "sentence"), phrasings())
def test_each_phrasing_states_its_position(
    lang: str, topic: str, stance: str, sentence: str
) -> None:
    doc = extract(HEAD[lang] + sentence, "case.txt")
    assert_verbatim(doc)
    found = positions(doc)
    if stance == "none":
        assert topic not in found, found
    else:
        assert found.get(topic) == stance, found


def test_every_topic_has_several_phrasings_in_each_language() -> None:
    counts: dict[tuple[str, str], int] = {}
    for lang, topic, stance, _ in phrasings():
        if stance != "none":
            counts[(lang, topic)] = counts.get((lang, topic), 0) + 1
    topics = Reference.load().topics()
    thin = {(lang, t) for lang in ("ru", "en") for t in topics if counts.get((lang, t), 0) < 3}
    assert not thin, sorted(thin)


def test_every_topic_phrase_names_a_known_topic_and_every_frame_a_stance() -> None:
    topics = Reference.load().topics()
    rules = grammar()
    assert {p.topic for p in rules.phrases} == set(topics)
    assert {f.stance for f in rules.frames} == set(FRAME_STANCES)


def test_negated_treaty_call_is_opposition() -> None:
    doc = extract(
        HEAD["en"] + "They do not support legally binding instruments on ICT security.", "n.txt"
    )
    assert positions(doc)["legally-binding-instrument"] == "opposes"


def test_opposition_outweighs_the_need_others_see() -> None:
    doc = extract(
        HEAD["en"] + "Despite the need for a trans-border agreement, an international agreement "
        "on internet security would be premature.",
        "o.txt",
    )
    assert positions(doc)["legally-binding-instrument"] == "opposes"


def test_against_militarisation_supports_peaceful_use() -> None:
    doc = extract(
        HEAD["ru"] + "Стороны выступают против милитаризации информационного пространства.", "m.txt"
    )
    assert positions(doc) == {"peaceful-use": "supports"}


def test_no_instrument_no_positions() -> None:
    doc = extract("В Минске прошли консультации. Стороны выступают за повышение роли МСЭ.", "c.txt")
    assert doc.instruments == ()


def test_the_instruments_own_title_states_nothing() -> None:
    doc = extract(
        "Россия и ЮАР подписали межправительственное соглашение о сотрудничестве в области "
        "обеспечения международной информационной безопасности.",
        "t.txt",
    )
    assert positions(doc) == {}


def test_one_position_per_topic_with_the_cue_recorded() -> None:
    doc = extract(
        HEAD["ru"]
        + "Стороны выступают за мирное урегулирование споров и предотвращение конфликтов.",
        "d.txt",
    )
    (ins,) = doc.instruments
    assert [p.topic for p in ins.positions] == ["conflict-prevention"]
    assert (
        ins.positions[0].found.cue.startswith("conflict-prevention/")
        or "/" in ins.positions[0].found.cue
    )


def gold_cases() -> list[tuple[Path, dict[str, object]]]:
    out = []
    for path in sorted((DATA / "dev" / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        out.append((DATA / "dev" / "texts" / str(gold["source"]), gold))
    return out


@pytest.mark.parametrize(("path", "gold"), gold_cases(), ids=lambda v: getattr(v, "stem", ""))
def test_positions_of_the_annotated_texts(path: Path, gold: dict[str, object]) -> None:
    doc = extract(path.read_text("utf-8"), path.name)
    assert_verbatim(doc)
    got = [sorted((p.topic, p.stance) for p in i.positions) for i in doc.instruments]
    wanted = [
        sorted((p["topic"], p["stance"]) for p in g["positions"])
        for g in gold["instruments"]  # type: ignore[attr-defined]
    ]
    assert got == wanted


@pytest.mark.parametrize(
    "text",
    [
        "Statement of the United States.\nA new UN cybercrime convention would undermine the "
        "Budapest Convention.",
        "Statement of the European Union.\nThe European Union and its member states do not see "
        "the need for a new international instrument on cybercrime.",
        "Statement by the United States on cybercrime.\nThe United States will vote no on this "
        "resolution.",
        "Заявление США.\nСША выступают против разработки новой конвенции о киберпреступности.",
    ],
)
def test_the_other_side_opposes_a_cybercrime_treaty(text: str) -> None:
    doc = extract(text, "o.txt")
    assert_verbatim(doc)
    assert positions(doc) == {"cybercrime-convention": "opposes"}


def test_a_statement_on_a_whole_partnership_states_positions_only_where_it_speaks_of_ict() -> None:
    doc = extract(
        "Vietnam, Russia issue joint statement on their comprehensive strategic partnership\n\n"
        "Vietnam and Russia issued a joint statement on further strengthening their "
        "comprehensive strategic partnership on June 29, following talks between the two "
        "presidents in Moscow. The two leaders agreed to expand trade, energy and defence ties "
        "and to bring bilateral trade to 10 billion USD by 2020, and welcomed the growth of "
        "tourism, education and cultural exchanges between the two countries. They opposed the "
        "use of "
        "information and communication technologies to interfere in the internal affairs of "
        "other countries. They also called for the peaceful settlement of disputes in the East "
        "Sea on the basis of international law.",
        "v.txt",
    )
    assert positions(doc) == {"non-interference": "supports"}


def test_a_word_hyphenated_across_lines_is_found_and_quoted_with_its_hyphen() -> None:
    doc = extract(
        HEAD["en"] + "The parties call for a legally binding treaty on international infor-\n"
        "mation security and oppose the militari-\nzation of cyberspace.",
        "h.txt",
    )
    assert_verbatim(doc)
    quotes = {p.topic: p.evidence.exact for i in doc.instruments for p in i.positions}
    assert "militari-\nzation" in quotes["peaceful-use"]
    assert quotes["legally-binding-instrument"] == "call for a legally binding treaty"


def test_a_states_vote_against_a_un_resolution_is_not_the_resolutions() -> None:
    doc = extract(
        "The UN General Assembly adopted a resolution on countering the use of ICTs for criminal "
        "purposes.\nThe United States opposed the resolution on cybercrime.",
        "u.txt",
    )
    resolutions = [i for i in doc.instruments if i.type == "resolution"]
    assert resolutions and resolutions[0].issuers == ("UN",)
    assert "opposes" not in {p.stance for p in resolutions[0].positions}


@pytest.mark.parametrize(
    ("text", "issuers", "wanted"),
    [
        (
            "Statement by the Delegation of Canada at the Open-ended Working Group on ICT "
            "Security\nNew York, 6 March 2023\n\nThank you, Chair. Canada believes that existing "
            "international law, including the UN Charter in its entirety, applies to State conduct "
            "in cyberspace. We do not see the need for a new legally binding instrument. We "
            "support the Programme of Action as a permanent mechanism.",
            ("CAN",),
            {"international-law": "supports", "legally-binding-instrument": "opposes"},
        ),
        (
            "Выступление представителя Российской Федерации на заседании Рабочей группы открытого "
            "состава ООН\nНью-Йорк, 7 марта 2023 года\n\nУважаемый Председатель! Российская "
            "сторона выступает за разработку под эгидой ООН универсальной конвенции о "
            "международной информационной безопасности. Мы против попыток подменить РГОС так "
            "называемой Программой действий.",
            ("RUS",),
            {"legally-binding-instrument": "supports", "un-negotiation-process": "supports"},
        ),
        (
            "EU statement on the UN cybercrime convention\nBrussels, 8 August 2024\n\nThe "
            "European Union and its Member States welcome the adoption of the UN Convention "
            "against Cybercrime by the Ad Hoc Committee. The EU stresses that human rights "
            "safeguards must be fully respected.",
            ("EU",),
            {"cybercrime-convention": "supports", "human-rights": "supports"},
        ),
        (
            "MOSCOW, June 5 (TASS). The Russian Foreign Ministry said that attempts by Western "
            "countries to militarize the information space are unacceptable. Moscow stands for a "
            "peaceful ICT environment and the central role of the UN.",
            ("RUS",),
            {"peaceful-use": "supports", "un-central-role": "supports"},
        ),
    ],
)
def test_a_national_statement_of_either_side_states_its_states_positions(
    text: str, issuers: tuple[str, ...], wanted: dict[str, str]
) -> None:
    doc = extract(text, "n.txt")
    assert_verbatim(doc)
    (ins,) = doc.instruments
    assert (ins.type, ins.issuers) == ("statement", issuers)
    assert {p.topic: p.stance for p in ins.positions} == wanted


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW, March 3 (TASS). Russian and Iranian diplomats held consultations on international "
        "information security in Tehran. The sides discussed cooperation within the OEWG and "
        "exchanged views on the draft UN convention against cybercrime.",
        "Консультации по МИБ\nВ Минске состоялись российско-белорусские консультации по вопросам "
        "международной информационной безопасности. Стороны обсудили ход работы РГОС и "
        "обменялись мнениями о взаимодействии в рамках ОДКБ и СНГ.",
    ],
)
def test_a_report_on_consultations_yields_no_instrument(text: str) -> None:
    assert extract(text, "c.txt").instruments == ()
