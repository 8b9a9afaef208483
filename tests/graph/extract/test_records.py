"""Meeting records with many speakers (issue 19): every delegation's intervention a statement.

Each class of the records' phrasing is specified both ways (what must be found, and what must
not): the turns of a verbatim record, the chair's turns, delegations that are organizations,
groups spoken for, the outcome a body adopts at the sitting. The annotated records of
``tests/data/extract/transcripts`` (copied from ``shared/corpus/transcripts``, README there)
keep the issue's targets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.evaluate import Scores, score
from graph.extract import extract
from graph.ingest import Failure, Pipeline
from graph.model import Document
from graph.namespaces import DEFAULT_BASE

TRANSCRIPTS = Path(__file__).resolve().parents[2] / "data" / "extract" / "transcripts"

OEWG = (
    "Open-ended working group on security of and in the use of information and communications "
    "technologies 2021-2025\nFourth substantive session, 2nd meeting\n\n"
)
PV = (
    "General Assembly\nSeventy-seventh session\nFirst Committee\n14th meeting\n\n"
    "Thematic discussion on specific subjects\n\n"
)


def statements(doc: Document) -> dict[tuple[str, ...], set[str]]:
    return {
        i.issuers: {p.topic for p in i.positions} for i in doc.instruments if i.type == "statement"
    }


def participants(doc: Document) -> dict[str, str]:
    assert len(doc.meetings) == 1, doc.meetings
    return {p.actor: p.role for p in doc.meetings[0].participants}


# -- turns of a verbatim record ------------------------------------------------------------------


def test_a_turn_labelled_with_a_state_is_that_delegations_statement() -> None:
    doc = extract(
        OEWG + "Ghana: Thank you, Mr. Chair. We believe capacity building must remain a "
        "priority.\n\nSingapore: Thank you Chair. We reaffirm that international law applies "
        "in cyberspace.\n",
        "t.txt",
    )
    assert statements(doc) == {("GHA",): {"cooperation"}, ("SGP",): {"international-law"}}
    assert participants(doc) == {"GHA": "member", "SGP": "member"}


def test_a_turn_labelled_with_a_person_and_the_state_in_brackets_is_the_states() -> None:
    doc = extract(
        PV + "Mr. Yermakov (Russian Federation) (spoke in Russian): We consider that a legally "
        "binding instrument on international information security is needed.\n\n"
        "Mrs. Lehmann (European Union): The European Union reaffirms that existing "
        "international law applies to cyberspace.\n",
        "pv.txt",
    )
    assert statements(doc) == {
        ("RUS",): {"legally-binding-instrument"},
        ("EU",): {"international-law"},
    }


def test_the_chairs_turn_is_no_delegations_statement() -> None:
    doc = extract(
        OEWG + "Ghana: Thank you, Chair. Capacity building must remain a priority.\n\n"
        "The Chair: I thank Ghana. A legally binding instrument is not on our agenda today. "
        "I give the floor to Iran.\n\n"
        "Iran: Thank you. We reject the militarization of cyberspace.\n",
        "t.txt",
    )
    assert statements(doc) == {("GHA",): {"cooperation"}, ("IRN",): {"peaceful-use"}}


def test_a_line_naming_the_chair_by_title_ends_the_speakers_turn() -> None:
    doc = extract(
        OEWG + "Australia\n\nThank you Chair. Australia supports greater mobilization of "
        "resources for cyber capacity building.\n\nAmbassador Gafoor\n\nThank you Australia. "
        "Let us now discuss international law and its application in cyberspace.\n",
        "t.txt",
    )
    assert statements(doc) == {("AUS",): {"cooperation"}}


def test_a_line_of_a_record_with_a_colon_but_no_delegation_is_no_turn() -> None:
    doc = extract(
        OEWG + "Agenda item 5: discussions on substantive issues.\n\n"
        "Russia stressed that a legally binding convention on information security is needed.\n",
        "t.txt",
    )
    assert statements(doc) == {("RUS",): {"legally-binding-instrument"}}


# -- delegations in indirect speech --------------------------------------------------------------


def test_an_organization_that_takes_the_floor_at_a_un_body_makes_a_statement() -> None:
    doc = extract(
        "Agenda item 5: discussions on substantive issues – session 2\n\n8 Mar 2023\n\n"
        "The Open-Ended Working Group on ICT security continued its discussions. Russia "
        "called for a legally binding instrument. The European Union stressed that "
        "international law applies to cyberspace.\n",
        "dw.txt",
    )
    assert statements(doc) == {
        ("RUS",): {"legally-binding-instrument"},
        ("EU",): {"international-law"},
    }


def test_an_organization_outside_a_un_body_is_no_speaking_delegation() -> None:
    doc = extract(
        "Brussels, 3 May 2023\n\nThe European Union stressed that international law applies "
        "to cyberspace, Russia said.\n",
        "news.txt",
    )
    assert ("EU",) not in statements(doc)


def test_a_group_spoken_for_issues_the_statement_and_its_speaker_is_in_the_room() -> None:
    doc = extract(
        "Seventy-first Session, 18th Meeting (AM)\n\nThe First Committee (Disarmament and "
        "International Security) held its thematic debate today.\n\nSpeaking on behalf of the "
        "Non-Aligned Movement, Indonesia's representative proposed that a legal framework "
        "should be developed within the United Nations.\n\nThe representative of the United "
        "States said existing international law applies in cyberspace.\n",
        "ga.txt",
    )
    assert set(statements(doc)) == {("NONALIGNED",), ("USA",)}
    assert participants(doc) == {"IDN": "member", "USA": "member"}


def test_states_listed_as_speaking_together_each_make_a_statement() -> None:
    doc = extract(
        "Agenda item 5 – session 3\n\n9 Mar 2023\n\nThe Open-Ended Working Group on ICT "
        "security met. Russia and Iran called for a legally binding instrument. Several "
        "delegations stressed capacity building.\n",
        "dw.txt",
    )
    assert statements(doc) == {
        ("RUS",): {"legally-binding-instrument"},
        ("IRN",): {"legally-binding-instrument"},
    }


# -- what a record is not ------------------------------------------------------------------------

AHC = (
    "(17th meeting) Reconvened concluding session of the Ad Hoc Committee to Elaborate a "
    "Comprehensive International Convention on Countering the Use of Information and "
    "Communications Technologies for Criminal Purposes\n\n9 Aug 2024\n\n"
)


def test_a_convention_a_committee_adopts_at_the_sitting_is_no_statement_of_its_own() -> None:
    doc = extract(
        AHC + "The Ad Hoc Committee adopted the draft convention. Costa Rica voiced concerns "
        "about political repression. Ecuador praised the text as a balanced outcome.\n",
        "ahc.txt",
    )
    assert [i.type for i in doc.instruments] == ["statement", "statement"]
    assert statements(doc) == {("CRI",): {"human-rights"}, ("ECU",): {"cybercrime-convention"}}


def test_a_resolution_adopted_outside_a_record_of_speakers_stays_an_instrument() -> None:
    doc = extract(
        "The General Assembly adopted a resolution on the United Nations Convention against "
        "Cybercrime by consensus on 24 December 2024.\n",
        "ga.txt",
    )
    assert [i.type for i in doc.instruments] == ["resolution"]


def test_a_title_qualified_as_another_conventions_is_not_the_budapest_convention() -> None:
    doc = extract(
        AHC + "The Universal Convention on Cybercrime was adopted. Costa Rica voiced "
        "concerns. Ecuador praised the text.\n",
        "ahc.txt",
    )
    assert all("coe-2001-budapest" not in i.agreements for i in doc.instruments)
    budapest = extract(
        AHC + "Chile said the Convention on Cybercrime already provides a basis.", "b"
    )
    assert "coe-2001-budapest" in budapest.instruments[0].agreements


# -- roll calls: delegations listed as having also taken the floor -------------------------------

RELEASE = (
    "Seventy-seventh Session,\n12th Meeting (PM)\nGA/DIS/3690\n\nThe First Committee "
    "(Disarmament and International Security) continued its thematic debate today.\n\n"
    "The representative of China said a legally binding instrument was needed.\n\n"
)


@pytest.mark.parametrize(
    "roll",
    [
        "Also speaking were the representatives of Cuba, Iran and Brazil.",
        "Statements were also made by the representatives of Cuba, Iran and Brazil.",
        "The following delegations took the floor: Cuba, Iran, Brazil.",
        "The representatives of Cuba, Iran and Brazil also spoke.",
        "Speaking in exercise of the right of reply were the representatives of Cuba, Iran and "
        "Brazil.",
    ],
)
def test_each_delegation_of_a_roll_call_makes_a_statement_and_takes_part(roll: str) -> None:
    doc = extract(RELEASE + roll + "\n", "ga.txt")
    assert set(statements(doc)) == {("CHN",), ("CUB",), ("IRN",), ("BRA",)}
    assert {"CUB", "IRN", "BRA"} <= set(participants(doc))


def test_a_russian_roll_call_lists_its_speakers() -> None:
    doc = extract(
        "Первый комитет Генеральной Ассамблеи ООН провел 12-е заседание.\n\n"
        "Также выступили представители Кубы, Ирана и Бразилии.\n",
        "ga.txt",
    )
    assert {("CUB",), ("IRN",), ("BRA",)} <= set(statements(doc))


def test_a_roll_call_names_its_run_of_speakers_not_who_they_spoke_about() -> None:
    doc = extract(
        RELEASE + "Also speaking were the representatives of Cuba and Iran, who criticised "
        "the United States and Israel. Also speaking were several delegates.\n",
        "ga.txt",
    )
    assert set(statements(doc)) == {("CHN",), ("CUB",), ("IRN",)}
    assert "USA" not in participants(doc)


def test_a_roll_call_outside_a_un_body_is_no_list_of_statements() -> None:
    doc = extract(
        "Moscow, 3 May 2023\n\nAlso speaking at the forum were the representatives of Cuba "
        "and Iran.\n",
        "news.txt",
    )
    assert statements(doc) == {}


def test_a_delegation_listed_on_behalf_of_a_group_delivers_the_groups_statement() -> None:
    doc = extract(
        RELEASE + "Also speaking were the representatives of Nigeria (on behalf of the African "
        "Group), Egypt (on behalf of the Arab Group) and Brazil.\n",
        "ga.txt",
    )
    assert set(statements(doc)) == {("CHN",), ("AFRICANGROUP",), ("ARABGROUP",), ("BRA",)}
    assert {"NGA", "EGY", "BRA"} <= set(participants(doc))
    assert not {"AFRICANGROUP", "ARABGROUP"} & set(participants(doc))


@pytest.mark.parametrize(
    ("sentence", "issuer"),
    [
        ("Speaking on behalf of the Group of 77 and China, the representative of Cuba said",
         "G77"),
        ("Speaking for the Community of Latin American and Caribbean States, the representative "
         "of Mexico said", "CELAC"),
        ("The representative of Egypt, speaking on behalf of the Arab Group, said", "ARABGROUP"),
    ],
)  # fmt: skip
def test_a_speaker_on_behalf_of_a_un_group_makes_the_groups_statement(
    sentence: str, issuer: str
) -> None:
    doc = extract(RELEASE + sentence + " that international law applies.\n", "ga.txt")
    assert (issuer,) in statements(doc)
    assert ("CHN",) in statements(doc)  # "… and China" is the group's name, not a speaker
    assert len(statements(doc)) == 2


def test_celac_statement_is_held_by_its_members_on_the_day() -> None:
    doc = extract(
        "Seventy-eighth Session, 14th Meeting (AM)\n\n19 October 2023\n\nThe First "
        "Committee held its debate. Speaking on behalf of CELAC, the representative of Saint "
        "Vincent and the Grenadines called for capacity building.\n",
        "ga.txt",
    )
    celac = next(i for i in doc.instruments if i.issuers == ("CELAC",))
    assert celac.date == "2023-10-19"


# -- the chair ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "chair",
    [
        "Chair: Mr. Pieris . . . . . . . . . . . . . . . . . . . . . (Sri Lanka)\n\n",
        "The Chair, Mr. Pieris (Sri Lanka), opened the debate.\n\n",
        "The meeting was held under the chairmanship of Mr. Pieris (Sri Lanka).\n\n",
    ],
)
def test_the_chairs_state_named_in_brackets_is_the_chair(chair: str) -> None:
    doc = extract(RELEASE + chair, "ga.txt")
    assert participants(doc)["LKA"] == "chair"
    assert ("LKA",) not in statements(doc)  # procedural words are no intervention


def test_a_chair_named_without_a_state_is_no_participant() -> None:
    doc = extract(RELEASE + "The Chair, Mr. Pieris, opened the debate.\n", "ga.txt")
    assert participants(doc) == {"CHN": "member"}


def test_a_chair_in_brackets_after_another_person_is_not_the_chair() -> None:
    doc = extract(
        RELEASE + "Mr. Gonzalez (Cuba) said that capacity building was a priority.\n",
        "ga.txt",
    )
    assert participants(doc).get("CUB") != "chair"


# -- the heading of an official verbatim record --------------------------------------------------

PV_HEADING = (
    "United Nations A/C.1/77/PV.12\nGeneral Assembly\nSeventy-seventh session\n"
    "First Committee\n12th meeting\nWednesday, 19 October 2022, 3 p.m.\nNew York\n"
    "Official Records\n\n"
)


def test_an_official_records_date_line_and_place_line_date_and_place_the_meeting() -> None:
    doc = extract(
        PV_HEADING + "The Chair: I give the floor to the representative of Cuba.\n\n"
        "Mr. Gonzalez (Cuba) (spoke in Spanish): Cuba supports a legally binding instrument "
        "on information security.\n",
        "pv.txt",
    )
    meeting = doc.meetings[0]
    assert (meeting.date, meeting.place) == ("2022-10-19", "new-york")
    assert statements(doc) == {("CUB",): {"legally-binding-instrument"}}
    assert doc.instruments[0].date == "2022-10-19"


def test_new_york_in_a_press_releases_address_is_not_the_meetings_place() -> None:
    doc = extract(
        "Department of Public Information, News and Media Division, New York\n\n" + RELEASE,
        "ga.txt",
    )
    assert doc.meetings[0].place is None


def test_a_weekday_date_bar_without_a_sittings_hours_dates_no_meeting() -> None:
    doc = extract(
        "Wednesday, 19 October 2022\n\nThe First Committee held a debate on Monday. "
        "Russia called for a legally binding instrument.\n",
        "news.txt",
    )
    assert all(m.date != "2022-10-19" for m in doc.meetings)


# -- the convention a drafting body elaborates ---------------------------------------------------


def test_a_record_of_the_ad_hoc_committee_naming_the_convention_refers_to_it() -> None:
    doc = extract(
        AHC + "The Universal Convention on Cybercrime was adopted. Costa Rica voiced "
        "concerns about the Convention's potential misuse.\n",
        "ahc.txt",
    )
    assert all(i.agreements == ("un-2024-cybercrime",) for i in doc.instruments)


def test_the_committees_own_name_is_no_mention_of_its_convention() -> None:
    doc = extract(AHC + "Costa Rica voiced concerns about political repression.\n", "ahc.txt")
    assert all("un-2024-cybercrime" not in i.agreements for i in doc.instruments)


def test_a_statement_that_speaks_of_the_ad_hoc_committee_refers_to_no_convention() -> None:
    doc = extract(
        "The CSTO foreign ministers adopted a joint statement. They support the work of the "
        "Ad Hoc Committee and the elaboration of a convention within it.\n",
        "csto.txt",
    )
    assert all("un-2024-cybercrime" not in i.agreements for i in doc.instruments)


# -- pages of a PDF's text -----------------------------------------------------------------------


def test_evidence_in_a_paged_text_carries_the_page_it_starts_on() -> None:
    from rdflib import URIRef

    from graph.namespaces import OA, Ids, T
    from graph.readers import PAGE_BREAK
    from graph.reference import Reference
    from graph.to_rdf import to_rdf

    is_state = Reference.load().is_state

    text = (
        OEWG + "Ghana: Thank you, Chair.\n" + PAGE_BREAK + "Singapore: Thank you Chair. We "
        "reaffirm that international law applies in cyberspace.\n"
    )
    graph = to_rdf(extract(text, "pv.pdf"), Ids(), is_state)
    pages = {
        int(graph.value(s, T.page)): int(graph.value(s, OA.start))
        for s in graph.subjects(OA.start, None)
        if isinstance(s, URIRef) and graph.value(s, T.page) is not None
    }
    assert pages and all(
        (start > text.index(PAGE_BREAK)) == (page == 2) for page, start in pages.items()
    )
    plain = to_rdf(extract(text.replace(PAGE_BREAK, "\n"), "pv.txt"), Ids(), is_state)
    assert not list(plain.subjects(T.page, None))


# -- the annotated records -----------------------------------------------------------------------

# The issue's targets (interventions matched by issuer: the instruments field), and today's
# figures less a margin: a change that loses interventions, positions or participants fails here.
TARGETS = {"instruments_f1": 0.95, "positions_f1": 0.85, "participants_f1": 0.90}
NO_REGRESSION = {
    "instruments_f1": 0.98,
    "issuers_f1": 0.98,
    "holders_f1": 0.98,
    "positions_f1": 0.86,
    "participants_f1": 0.98,
    "meetings_f1": 0.98,
    "date_acc": 0.98,
    "evidence_verbatim": 1.0,
}


@pytest.fixture(scope="module")
def transcript_scores() -> Scores:
    golds: dict[str, dict[str, Any]] = {}
    for path in sorted(TRANSCRIPTS.glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        golds[gold["source"]] = gold
    files = [TRANSCRIPTS / name for name in golds]
    preds = {}
    for item in Pipeline(DEFAULT_BASE).summaries(files):
        assert not isinstance(item, Failure), item
        preds[item[0].name] = item[1]
    texts = {f.name: f.read_text("utf-8") for f in files}
    return score(golds, preds, texts, verbose=True)


def test_issue_19_transcripts_meet_the_targets(transcript_scores: Scores) -> None:
    assert transcript_scores.below(TARGETS) == [], transcript_scores.table(verbose=True)


def test_issue_19_transcripts_figures_do_not_regress(transcript_scores: Scores) -> None:
    assert transcript_scores.below(NO_REGRESSION) == [], transcript_scores.table(verbose=True)
