"""The page: language, a same-length normalised view, sentences and page furniture."""

from __future__ import annotations

import re

import pytest

from graph.extract.actors import find_names
from graph.extract.dates import read_dates
from graph.extract.text import Page, language_of, normalized, words
from graph.reference import Reference


def sentences(page: Page) -> list[str]:
    return [page.text[s.start : s.end] for s in page.body()]


def test_language_is_the_script_most_letters_are_in() -> None:
    assert language_of("Совместное заявление о сотрудничестве (ICT)") == "ru"
    assert language_of("Joint statement of Россия and China") == "en"


def test_the_normalised_view_keeps_every_offset() -> None:
    text = "«Ё» — IТ‑технологии\u00a0и “quotes”"
    view = normalized(text)
    assert len(view) == len(text)
    assert view == '"Е" - IT-технологии и "quotes"'


def test_words_split_at_hyphens_and_dashes_with_offsets() -> None:
    text = "государств – членов ОДКБ, российско-узбекский"
    found = words(text)
    assert [w.text for w in found] == ["государств", "членов", "ОДКБ", "российско", "узбекский"]
    assert all(text[w.start : w.end] == w.text for w in found)


def test_a_dateline_is_a_sentence_of_its_own() -> None:
    page = Page.of("19 ноя, 20:02МОСКВА, 19 ноября. /ТАСС/. Президенты приняли заявление.")
    assert sentences(page) == [
        "19 ноя, 20:02МОСКВА, 19 ноября. /ТАСС/.",
        "Президенты приняли заявление.",
    ]


def test_hard_wrapped_lines_stay_one_sentence() -> None:
    page = Page.of("Россия и Белоруссия выступают за усиление\nинформационной безопасности.")
    assert len(page.body()) == 1


def test_a_name_broken_across_lines_is_not_split() -> None:
    page = Page.of("Президенты РФ и Узбекистана Владимир\nПутин и Шавкат Мирзиёев считают нужным.")
    assert len(page.body()) == 1


def test_a_heading_without_punctuation_ends_at_its_line() -> None:
    page = Page.of(
        "Лидеры стран ШОС приняли декларацию\n16 сентября 202213:28\nЛидеры стран утвердили."
    )
    assert sentences(page)[0] == "Лидеры стран ШОС приняли декларацию"


def test_english_abbreviations_do_not_end_sentences() -> None:
    page = Page.of("Statement by Mr. Alexander Radovitskiy at the U.N. session. Russia joins it.")
    assert len(page.body()) == 2


def test_related_news_list_is_ignored_to_the_end() -> None:
    text = "Текст новости.\n\nДругие новости этой рубрики\n\nПосол встретился\nВ Душанбе обсудили"
    page = Page.of(text)
    assert sentences(page) == ["Текст новости."]
    assert page.tail == text.index("Другие")


def test_photo_credits_share_buttons_and_cms_placeholders_are_ignored() -> None:
    text = (
        "news_header_top\n16+\nПоделиться\nЗаявление принято.\n"
        "ФОТО: пресс-служба Исполкома СНГ\nPhoto: TASS"
    )
    assert sentences(Page.of(text)) == ["Заявление принято."]


def test_photo_captions_with_their_credit_are_ignored() -> None:
    text = (
        "President Tran Dai Quang (L) and Russian President Vladimir Putin at the talks "
        "(Photo: VNA)\nThe statement was issued.\n© Mikhail Metzel/TASS\n"
        "Владимир Путин и Си Цзиньпин. Сергей Бобылев/ТАСС"
    )
    assert sentences(Page.of(text)) == ["The statement was issued."]


def test_a_rubric_line_is_ignored() -> None:
    text = "Russian Politics & Diplomacy\nJune 23, 21:15\nThe declaration was adopted.\nВ мире"
    assert sentences(Page.of(text))[-1] == "The declaration was adopted."
    assert "Russian Politics & Diplomacy" not in " ".join(sentences(Page.of(text)))


def test_template_residue_and_unrelated_headlines_are_ignored() -> None:
    text = (
        "EU set to approve expansion of anti-Russia sanctions — sourceWorld July 28, 11:20\n"
        "At least 48 people injured in Barcelona train accidentWorld July 28, 10:17\n"
        "{{element.title}}{{element.heading}} {{element.date}}\n"
        "BEIJING, July 28. /TASS/. Patrushev spoke at the meeting."
    )
    page = Page.of(text)
    assert sentences(page) == ["BEIJING, July 28. /TASS/.", "Patrushev spoke at the meeting."]
    assert page.is_ignored(text.index("EU set"))


def test_bylines_tag_lines_and_menus_are_ignored() -> None:
    text = (
        "Crossroads Blog | Institute for National Security\n"
        "Current Affairs, cyber attack, international law, Law, Official Policy\n"
        "Written by Leon Spencer, Contributor\n"
        "skip to Main Content\n"
        "The declaration was released."
    )
    assert sentences(Page.of(text)) == ["The declaration was released."]


def test_offsets_of_ignored_regions_point_into_the_original_text() -> None:
    text = "Заявление.\nЧитайте также\nДругое"
    page = Page.of(text)
    assert text[page.ignored[0].start :].startswith("Читайте также")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("обеспечения международной информационной безопас-\nности и доверия", "безопасности"),
        ("ensuring international information secu-\nrity and trust", "security"),
        ("ensuring international infor- mation security", "information"),  # copied from a PDF
        ("the Shanghai Cooperation Organi-\n  zation member states", "Organization"),
        ("обеспечения информационной безопас\u00adности", "безопасности"),  # a soft hyphen
    ],
)
def test_hyphenated_word_across_lines_is_matched_and_quoted_verbatim(text: str, word: str) -> None:
    page = Page.of(text)
    assert len(page.norm) == len(text)
    m = re.search(rf"\b{word}\b", page.norm)
    assert m is not None, page.norm
    span = page.verbatim(m.start(), m.end())
    quote = text[span.start : span.end]
    assert quote.replace("-", "").replace("\u00ad", "").replace("\n", "").replace(" ", "") == word
    assert quote != word  # the hyphen and the break stay in the quote
    before = text[: m.start()]
    assert page.norm[: m.start()] == normalized(before)  # offsets before it are unchanged


def test_a_finding_past_a_broken_word_keeps_its_offsets() -> None:
    text = "Стороны выступают против милитари-\nзации информационного пространства."
    page = Page.of(text)
    # spaces stand after a joined word in the view: a space in a pattern must match a run
    m = re.search(r"против милитаризации\s+информационного пространства", page.norm)
    assert m is not None
    span = page.verbatim(m.start(), m.end())
    assert text[span.start : span.end] == ("против милитари-\nзации информационного пространства")
    assert (span.start, span.end) == (m.start(), m.end())  # the end is past the broken word


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("информационно-\nкоммуникационных технологий", "информационно-коммуникационных"),
        ("военно-\nполитических целях", "военно-политических"),
        ("государств-\nчленов ШОС", "государств-членов"),
        ("voluntary, non-\nbinding norms", "non-binding"),
        ("the Russia-\nChina statement", "Russia-China"),
        ("state-\nsponsored attacks; state-sponsored groups", "state-sponsored"),
        ("cyber-\nsecurity, and cybersecurity", "cybersecurity"),
    ],
)
def test_a_hyphen_that_belongs_to_the_word_stays(text: str, joined: str) -> None:
    assert re.search(rf"(?<![\w-]){joined}(?![\w-])", Page.of(text).norm)


def test_a_hyphen_before_and_is_a_shared_ending_not_a_break() -> None:
    text = "pre- and post-conflict; двух- и многосторонних"
    assert Page.of(text).norm == normalized(text) == text


def test_a_name_broken_across_lines_is_found() -> None:
    page = Page.of("Государства – члены Шанхайской организации сотрудни-\nчества выступают.")
    hits = find_names(page, Reference.load()).hits
    assert "SCO" in {h.id for h in hits}


def test_a_hard_wrapped_line_of_a_sentence_is_no_tag_line() -> None:
    text = (
        "В заседании участвовали эксперты Армении, Молдовы (в качестве наблю-\n"
        "дателя), России, Таджикистана, Туркменистана, Узбекистана, а также сотру-\n"
        "дники Исполкома СНГ."
    )
    assert len(sentences(Page.of(text))) == 1


@pytest.mark.parametrize(
    "byline",
    [
        "By John Smith",
        "By Anna Ivanova, TASS",
        "Автор: Елена Короткова, и.о. главного редактора",
        "author:\n\nArray",
        "Posted by admin",
    ],
)
def test_bylines_are_ignored(byline: str) -> None:
    text = f"BRICS leaders adopt declaration\n{byline}\nThe leaders adopted a declaration."
    assert sentences(Page.of(text)) == [
        "BRICS leaders adopt declaration",
        "The leaders adopted a declaration.",
    ]


def test_a_repeated_headline_is_ignored() -> None:
    text = (
        "Таджикистан и Россия будут бороться с угрозами\n\nauthor:\n\nArray\n\n"
        "Таджикистан и Россия будут бороться с угрозами\n\nСтороны подписали соглашение."
    )
    assert sentences(Page.of(text)) == [
        "Таджикистан и Россия будут бороться с угрозами",
        "Стороны подписали соглашение.",
    ]


OCR = (
    "Home | News | World | Sport Saturday, 5 December 2026 BRICS leaders adopt declaration "
    "on ICT security BRICS leaders adopt declaration on ICT security NEW DELHI, September 9 "
    "(TASS) - BRICS countries strongly condemn terrorism, according to the New Delhi "
    "Declaration adopted at the 13th BRICS summit. The leaders expressed concern over the "
    "misuse of ICTs. They reaffirmed their commitment to a peaceful ICT environment."
)


def test_text_without_line_breaks_still_splits_into_sentences() -> None:
    page = Page.of(OCR)
    found = sentences(page)
    assert "NEW DELHI, September 9 (TASS) -" in found
    assert found[-2:] == [
        "The leaders expressed concern over the misuse of ICTs.",
        "They reaffirmed their commitment to a peaceful ICT environment.",
    ]
    assert not page.is_ignored(OCR.index("BRICS countries"))  # a menu does not hide the page


def test_text_without_line_breaks_drops_its_repeated_headline() -> None:
    page = Page.of(OCR)
    second = OCR.index("BRICS leaders", OCR.index("BRICS leaders") + 1)
    assert page.is_ignored(second)
    assert not page.is_ignored(OCR.index("BRICS leaders"))


def test_text_without_line_breaks_keeps_its_dates_apart() -> None:
    found = read_dates(Page.of(OCR))
    assert (found.dateline is not None, found.published, found.report_date) == (
        True,
        "--09-09",
        "--09-09",
    )
    assert found.publisher == "TASS"
