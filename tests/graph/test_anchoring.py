"""An act's quote is found again in a changed text by its words and context, or reported
orphaned; offsets alone never decide."""

from __future__ import annotations

from graph.anchoring import Quote, anchor, quote_of

TEXT = (
    "The Parties support a greater role for the ITU in internet governance. "
    "They also support the central role of the United Nations."
)


def test_an_unchanged_text_keeps_the_quote_where_it_was() -> None:
    start = TEXT.index("support a greater")
    quote = quote_of(TEXT, start, start + len("support a greater role for the ITU"))
    found = anchor(TEXT, quote)
    assert found is not None and (found.start, found.moved) == (start, False)


def test_a_quote_moved_by_an_edit_before_it_is_found_at_its_new_place() -> None:
    start = TEXT.index("greater role")
    quote = quote_of(TEXT, start, start + len("greater role for the ITU"))
    changed = "Preamble added later. " + TEXT
    found = anchor(changed, quote)
    assert found is not None and found.moved
    assert changed[found.start : found.end] == "greater role for the ITU"


def test_of_two_occurrences_the_one_whose_context_agrees_wins() -> None:
    second = TEXT.index("support the central")
    quote = quote_of(TEXT, second, second + len("support"))
    found = anchor("Intro. " + TEXT, quote)
    assert found is not None
    assert ("Intro. " + TEXT)[found.start : found.start + 20] == "support the central "


def test_line_breaks_read_differently_do_not_lose_the_quote() -> None:
    quote = Quote("greater role for the ITU", "support a ", " in internet")
    rewrapped = TEXT.replace("role for", "role\nfor")
    found = anchor(rewrapped, quote)
    assert found is not None and found.exact == "greater role\nfor the ITU"


def test_a_quote_whose_words_are_gone_is_orphaned() -> None:
    quote = Quote("a legally binding convention", "support ", ".", 10, 38)
    assert anchor(TEXT, quote) is None


def test_offsets_that_point_at_other_words_do_not_anchor() -> None:
    quote = Quote("central role", "They also support the ", " of the United", 0, 12)
    found = anchor(TEXT, quote)
    assert found is not None and TEXT[found.start : found.end] == "central role"
    assert found.start == TEXT.index("central role")
