"""The topic × stance grammar: a topic phrase takes its stance from the frame that governs it.

Each case is one sentence under a heading on the field's subject; the grammar must give the
topic the stance, whatever the frame or its inflection, and nothing where the text states no
position. The phrasings are written for the classes of the grammar (negation, chained frames,
harm phrases, rivals, blocking frames), not for any text of the corpus.
"""

from __future__ import annotations

import pytest

from graph.extract.grammar import grammar_hits
from graph.extract.grammar_rules import grammar
from graph.extract.text import Page

HEAD = {
    "en": "Statement on international information security.\n",
    "ru": "Заявление о международной информационной безопасности.\n",
}


def stances(lang: str, sentence: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for hit in grammar_hits(Page.of(HEAD[lang] + sentence)):
        out.setdefault(hit.topic, set()).add(hit.stance)
    return out


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "We do not support a new treaty on information security."),
        ("en", "The United States does not see the need for a new legally binding instrument."),
        ("en", "We do not believe that a new legally binding instrument is needed at this time."),
        ("en", "A universal treaty on cyberspace would be premature."),
        ("en", "We reject calls to elaborate a new international treaty on ICT security."),
        ("en", "There is no consensus on the need for a new treaty on cybersecurity."),
        ("ru", "Мы не поддерживаем разработку нового договора о международной информационной "
               "безопасности."),
        ("ru", "Разработка нового договора о МИБ представляется преждевременной."),
    ],
)  # fmt: skip
def test_negated_or_rejecting_frames_oppose_a_binding_instrument(lang: str, sentence: str) -> None:
    assert stances(lang, sentence).get("legally-binding-instrument") == {"opposes"}


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The parties call for the elaboration of a new treaty on information security."),
        ("en", "We advocate a universal convention on international information security."),
        ("ru", "Стороны выступают за разработку универсального договора о международной "
               "информационной безопасности."),
        ("ru", "Считаем необходимым выработать новую конвенцию о МИБ."),
    ],
)  # fmt: skip
def test_supporting_frames_in_any_inflection_support_it(lang: str, sentence: str) -> None:
    assert stances(lang, sentence).get("legally-binding-instrument") == {"supports"}


def test_a_framed_phrase_without_a_frame_is_no_position() -> None:
    assert "legally-binding-instrument" not in stances("en", "A new treaty on cyberspace exists.")


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The sides oppose the militarization of cyberspace."),
        ("en", "We must prevent an arms race in cyberspace."),
        ("ru", "Стороны выступают против милитаризации информационного пространства."),
        ("ru", "Недопустима милитаризация сферы ИКТ."),
    ],
)
def test_against_a_harm_supports_the_topic(lang: str, sentence: str) -> None:
    assert stances(lang, sentence).get("peaceful-use") == {"supports"}


def test_rejecting_an_attempt_to_bypass_the_oewg_supports_the_oewg() -> None:
    found = stances("en", "We reject any attempt to bypass the OEWG.")
    assert found.get("un-negotiation-process") == {"supports"}


def test_a_frame_governs_another_only_through_link_words() -> None:
    # "countering" has its own object: it does not turn the need that follows the "and"
    found = stances(
        "ru",
        "Отмечена актуальность противодействия информационной преступности и необходимость "
        "повышения роли Международного союза электросвязи.",
    )
    assert found.get("itu-role") == {"supports"}


def test_opposing_the_creation_of_a_treaty_opposes_the_treaty() -> None:
    found = stances("en", "We oppose the creation of a new treaty on information security.")
    assert found.get("legally-binding-instrument") == {"opposes"}


def test_the_rival_already_doing_the_job_opposes_a_new_convention() -> None:
    found = stances(
        "en",
        "The Budapest Convention on Cybercrime, adopted in 2001, already provides the framework "
        "that is needed.",
    )
    assert found.get("cybercrime-convention") == {"opposes"}


def test_support_for_the_rival_alone_is_no_position_on_the_topic() -> None:
    found = stances("en", "We support the Budapest Convention on Cybercrime.")
    assert "cybercrime-convention" not in found


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "We take note of the proposal for a new treaty on information security."),
        ("ru", "Стороны обсудили вопросы разработки договора о международной информационной "
               "безопасности."),
    ],
)  # fmt: skip
def test_noting_or_discussing_a_proposal_is_no_position(lang: str, sentence: str) -> None:
    assert "legally-binding-instrument" not in stances(lang, sentence)


def test_scare_quotes_void_the_frame() -> None:
    found = stances("en", "We do not agree with the call to \u201cimprove\u201d the existing OEWG.")
    assert "opposes" not in found.get("un-negotiation-process", set())


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "We are concerned about the malicious use of ICTs."),
        ("en", "The misuse of ICTs poses a serious threat to international security."),
        ("ru", "Стороны выражают озабоченность ростом угроз в сфере использования ИКТ."),
        ("ru", "Использование ИКТ в военно-политических целях является тревожным."),
    ],
)
def test_concern_about_ict_is_ict_threats(lang: str, sentence: str) -> None:
    assert stances(lang, sentence).get("ict-threats") == {"concerned"}


def test_concern_about_criminal_use_is_no_call_to_counter_it() -> None:
    found = stances("en", "We are concerned about the use of ICTs for criminal purposes.")
    assert found.get("ict-threats") == {"concerned"}
    assert "counter-terrorism-crime" not in found


def test_a_phrase_ending_a_longer_phrase_of_another_topic_is_part_of_it() -> None:
    found = stances(
        "en",
        "We support a comprehensive convention on countering the use of ICTs for criminal "
        "purposes.",
    )
    assert found.get("cybercrime-convention") == {"supports"}
    assert "counter-terrorism-crime" not in found


def test_nobody_opposes_cooperation_a_rejection_near_it_is_about_something_else() -> None:
    found = stances("en", "The resolution would not improve international cooperation.")
    assert "cooperation" not in found


def test_outer_space_treaties_are_no_ict_position() -> None:
    found = stances(
        "en", "We call for an international treaty on the prevention of weapons in outer space."
    )
    assert "legally-binding-instrument" not in found


def test_every_hit_names_its_phrase_and_frames() -> None:
    (hit,) = [
        h
        for h in grammar_hits(Page.of(HEAD["en"] + "We do not support a new cyber treaty."))
        if h.topic == "legally-binding-instrument"
    ]
    assert hit.cue.startswith("lbi/en/") and "@frame/en/support" in hit.cue
    assert "!frame/en/not" in hit.cue


def test_every_topic_has_phrases_in_both_languages() -> None:
    rules = grammar()
    for lang in ("en", "ru"):
        topics = {p.topic for p in rules.phrases if p.lang == lang}
        assert len(topics) == 21, (lang, topics)


def test_a_phrase_inside_a_proper_name_is_no_position() -> None:
    found = stances("en", "Human Rights Watch slammed the resolution on cybercrime.")
    assert "human-rights" not in found


def test_a_phrase_in_a_title_case_headline_still_counts() -> None:
    found = stances("en", "Leaders Stress Respect For Human Rights In Cyberspace")
    assert found.get("human-rights") == {"supports"}


def test_the_predicate_of_a_that_clause_decides_not_the_verb_that_opens_it() -> None:
    found = stances(
        "ru", "Стороны подчеркнули, что развитие ИКТ в военных целях является тревожной тенденцией."
    )
    assert found.get("ict-threats") == {"concerned"}


def test_an_adjectival_participle_reads_as_its_verb() -> None:
    found = stances("en", "Peace is endangered by the malicious use of cyberspace.")
    assert found.get("ict-threats") == {"concerned"}


def test_a_verb_that_opens_a_clause_leaves_the_decision_to_its_predicate() -> None:
    found = stances(
        "en",
        "They insisted the Budapest Convention on Cybercrime, adopted in 2001, already provided "
        "the desired treaty.",
    )
    assert found.get("cybercrime-convention") == {"opposes"}


PARTNERSHIP = {
    "en": "Joint statement on the comprehensive strategic partnership.\n",
    "ru": "Совместное заявление о всеобъемлющем стратегическом партнерстве.\n",
}


def topics_of_partnership(lang: str, body: str) -> set[str]:
    return {hit.topic for hit in grammar_hits(Page.of(PARTNERSHIP[lang] + body))}


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("en", "The sides are concerned about the misuse of ICTs. They will deepen cooperation "
               "in this field."),
        ("en", "Both countries noted the growth of cyber attacks. Cooperation in that area "
               "remains essential."),
        ("ru", "Стороны обеспокоены угрозами в сфере использования ИКТ. Они будут углублять "
               "сотрудничество в данной сфере."),
    ],
)  # fmt: skip
def test_a_sentence_pointing_back_to_the_field_is_about_it(lang: str, body: str) -> None:
    assert "cooperation" in topics_of_partnership(lang, body)


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("en", "The sides discussed energy supplies. They will deepen cooperation in this field."),
        ("en", "The sides will deepen cooperation in trade."),
        ("ru", "Стороны обсудили поставки энергоносителей. Они будут углублять сотрудничество "
               "в данной сфере."),
    ],
)  # fmt: skip
def test_in_a_text_on_a_whole_partnership_other_sentences_state_nothing(
    lang: str, body: str
) -> None:
    assert "cooperation" not in topics_of_partnership(lang, body)


def test_an_excerpt_pointing_back_to_the_field_is_about_it() -> None:
    body = "Expressing concern about the threats related to the use of such technologies."
    assert topics_of_partnership("en", body) == {"ict-threats"}


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("ru", "Стороны будут противодействовать распространению информации, разжигающей рознь."),
        ("en", "The sides will counter the dissemination of information inciting ethnic hatred."),
    ],
)
def test_the_dissemination_of_information_is_the_fields_subject(lang: str, body: str) -> None:
    assert topics_of_partnership(lang, body) == {"hate-propaganda"}
