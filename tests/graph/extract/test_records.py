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
