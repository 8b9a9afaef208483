"""Words broken across lines by a hyphen: whole in the view, their offsets mapped back."""

from __future__ import annotations

from graph.extract.hyphenation import Join, find_joins, join_words


def test_a_joined_word_stands_whole_from_its_first_letter_with_spaces_after_it() -> None:
    view = "secu-\nrity policy"
    joins = find_joins(view)
    assert joins == (Join(start=0, cut=4, removed=2, end=10),)
    assert join_words(view, joins) == "security   policy"


def test_offsets_inside_a_joined_word_map_back_to_the_text() -> None:
    join = Join(start=0, cut=4, removed=2, end=10)  # "secu-\nrity"
    assert [join.text_start(o) for o in (0, 3, 4, 7, 8, 9)] == [0, 3, 6, 9, 10, 10]
    assert [join.text_end(o) for o in (4, 5, 8, 9, 10)] == [4, 7, 10, 10, 10]


def test_a_kept_hyphen_stays_in_the_view() -> None:
    view = "информационно-\nкоммуникационных"
    assert join_words(view, find_joins(view)) == "информационно-коммуникационных "


def test_no_join_across_digits_a_blank_line_or_a_dash_between_spaces() -> None:
    for text in ("2021-\n2025", "secu-\n\nrity", "peace -\nsecurity", "peace - security"):
        assert find_joins(text) == ()


def test_a_dash_at_a_line_end_is_no_hyphen() -> None:
    assert find_joins("security\u2014\nthat is, trust; мира\u2013\nбезопасности") == ()
