"""Who speaks for which state, and which sentences of the text are their statement."""

from __future__ import annotations

import pytest

from graph.extract.actors import find_names
from graph.extract.persons import find_persons
from graph.extract.speeches import Speech, find_speeches, is_record
from graph.extract.text import Page
from graph.reference import Reference


def speeches(text: str) -> list[Speech]:
    ref = Reference.load()
    page = Page.of(text)
    names = find_names(page, ref)
    return find_speeches(page, names, find_persons(names), ref)


def scopes(text: str) -> dict[tuple[str, ...], list[str]]:
    """Each speaker's sentences, as text."""
    return {s.speakers: [text[a:b] for a, b in s.scope] for s in speeches(text)}


def test_a_speakers_statement_runs_on_to_the_end_of_its_paragraph() -> None:
    text = (
        "The First Committee held its debate today.\n\nChina's representative said norms were "
        "urgent. As a result, accidents occurred.\n\nThe Committee then turned to other items."
    )
    assert scopes(text) == {
        ("CHN",): [
            "China's representative said norms were urgent.",
            "As a result, accidents occurred.",
        ]
    }


def test_a_back_reference_returns_to_the_speaker_after_other_sentences() -> None:
    text = (
        "The General Assembly approved a resolution on cybercrime.\nU.S. Deputy Ambassador "
        "Cherith Norman Chalet said the resolution was divisive.\nThe resolution creates a "
        'committee of experts.\nChalet also took issue with the timing.\n"It is wrong," she said.'
    )
    assert scopes(text) == {
        ("USA",): [
            "U.S. Deputy Ambassador Cherith Norman Chalet said the resolution was divisive.",
            "Chalet also took issue with the timing.",
            '"It is wrong," she said.',
        ]
    }


def test_a_headline_that_ends_with_its_speaker_takes_the_quotation_before() -> None:
    text = (
        "First Committee\n17th Meeting\n\nPotential Threats Can 'Provoke Information Wars',\n\n"
        "Says Russian Federation, Introducing Draft Resolution"
    )
    assert scopes(text)[("RUS",)] == [
        "Potential Threats Can 'Provoke Information Wars',",
        "Says Russian Federation, Introducing Draft Resolution",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Iran stressed the importance of cooperation at the consultations in Tehran.",
        "Россия и Иран подчеркнули важность продолжения сотрудничества при важнейшей роли ООН.",
        "Russia joins the statement made by the representative of Nicaragua.",
        "The talks with the Russian delegation were held in Minsk, the ministry said.",
    ],
)
def test_no_state_speaks_for_itself_here(text: str) -> None:
    assert speeches(text) == []


def test_states_named_together_at_a_un_body_each_speak() -> None:
    text = (
        "OEWG, ninth session\n\nCanada and Chile proposed modalities for stakeholders. A group "
        "of like-minded states, including Belarus, Cuba and Iran, voiced concerns."
    )
    assert [s.speakers for s in speeches(text)] == [("CAN",), ("CHL",), ("BLR", "CUB", "IRN")]
    assert not any(s.optional for s in speeches(text))


def test_a_speaker_elsewhere_is_a_statement_only_if_it_states_a_position() -> None:
    (speech,) = speeches("The Russian Foreign Ministry said Moscow backs a UN convention.")
    assert (speech.speakers, speech.optional) == (("RUS",), True)


@pytest.mark.parametrize(
    ("text", "record"),
    [
        ("Seventy-first Session, 18th Meeting\n\nFirst Committee debate.", True),
        ("Session 1-9 Transcript\n(OEWG 2021-25)\n\nAustralia\n\nThank you Chair.", True),
        ("The General Assembly approved a resolution by a 79-60 vote.", False),
        ("Russia and Iran held consultations on information security in Tehran.", False),
    ],
)
def test_a_record_names_a_un_body_and_a_sitting_in_its_opening(text: str, record: bool) -> None:
    ref = Reference.load()
    page = Page.of(text)
    assert is_record(page, find_names(page, ref), ref) is record
