"""The page: language, a same-length normalised view, sentences and page furniture."""

from __future__ import annotations

from graph.extract.text import Page, language_of, normalized, words


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
