"""The lemma view: one pattern matches every inflection, and every match is a verbatim span."""

from __future__ import annotations

import pytest

from graph.extract.lemmas import LemmaView, compile_lemma_pattern, lemma_of
from graph.extract.text import Page


def spans(text: str, pattern: str, lang: str, macros: dict[str, str] | None = None) -> list[str]:
    page = Page.of(text)
    view = LemmaView.of(page)
    compiled = compile_lemma_pattern(pattern, lang, macros or {})
    return [text[s:e] for s, e in view.spans(compiled)]


@pytest.mark.parametrize(
    "text",
    [
        "Стороны выступают за повышение роли МСЭ.",
        "Необходимо повысить роль МСЭ.",
        "О повышении роли МСЭ говорили все.",
    ],
)
def test_one_russian_pattern_matches_every_inflection(text: str) -> None:
    assert spans(text, "(повышение|повысить) роли МСЭ", "ru")


@pytest.mark.parametrize(
    "text",
    [
        "The militarisation of cyberspace must be prevented.",
        "Militarization of cyberspace must be prevented.",
        "They oppose militarising cyberspace.",
    ],
)
def test_british_and_american_spellings_meet(text: str) -> None:
    assert spans(text, "(militarization|militarize) … cyberspace", "en")


def test_a_gap_never_crosses_a_clause_or_a_sentence() -> None:
    assert not spans("We support the treaty; cyberspace is open.", "treaty … cyberspace", "en")
    assert not spans("We support the treaty. Cyberspace is open.", "treaty … cyberspace", "en")


def test_a_match_is_a_verbatim_span_of_the_text_across_line_breaks() -> None:
    text = "Joint statement.\nThey call for legally\nbinding   instruments."
    assert spans(text, "legally binding instrument", "en") == ["legally\nbinding   instruments"]


def test_doesnt_reads_as_do_not() -> None:
    assert spans("The US doesn't support a new treaty.", "do not support", "en") == [
        "doesn't support"
    ]


def test_acronyms_keep_their_capitals() -> None:
    assert lemma_of("IT", "en") == "IT" and lemma_of("it", "en") == "it"
    assert lemma_of("ICTs", "en") == "ICT"
    assert spans("They use IT widely.", "IT", "en") == ["IT"]
    assert not spans("They use it widely.", "IT", "en")


def test_a_joined_prefix_meets_its_unhyphenated_spelling() -> None:
    assert spans("Co-operation in the field grows.", "cooperation", "en") == ["Co-operation"]


def test_a_macro_expands_inside_a_pattern() -> None:
    found = spans(
        "Роль ООН растёт.", "роль {UN}", "ru", {"UN": "(ООН|организация объединенных наций)"}
    )
    assert found == ["Роль ООН"]


def test_an_unclosed_group_is_refused() -> None:
    with pytest.raises(ValueError, match="without its"):
        compile_lemma_pattern("(support a treaty", "en", {})


def test_an_unknown_macro_is_refused() -> None:
    with pytest.raises(ValueError, match="no macro"):
        compile_lemma_pattern("{NOPE} treaty", "en", {})
