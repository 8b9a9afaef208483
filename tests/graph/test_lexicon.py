"""The lexicon reader: a malformed line is refused with its file and line, never skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import BadInput
from graph.lexicon import LexiconError, read_lexicon

COLUMNS = ("id", "lang", "value")


def lexicon(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cues.tsv"
    path.write_text(text, "utf-8")
    return path


def test_rows_keep_their_line_numbers_and_macros_are_read(tmp_path: Path) -> None:
    path = lexicon(tmp_path, "# a comment\n\n@M\tx|y\na\ten\tone\nb\tru\ttwo\n")
    table = read_lexicon(path, COLUMNS)
    assert table.macros == {"M": "x|y"}
    assert [(row.line, row["id"], row["value"]) for row in table.rows] == [
        (4, "a", "one"),
        (5, "b", "two"),
    ]


def test_a_line_with_too_few_columns_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = lexicon(tmp_path, "a\ten\tone\nb\ten\n")
    with pytest.raises(LexiconError, match=r"cues\.tsv line 2: 2 columns, expected id"):
        read_lexicon(path, COLUMNS)


def test_a_line_with_too_many_columns_is_refused(tmp_path: Path) -> None:
    path = lexicon(tmp_path, "a\ten\tone\textra\n")
    with pytest.raises(LexiconError, match="line 1: 4 columns"):
        read_lexicon(path, COLUMNS)


def test_optional_columns_may_be_left_out_or_dashed(tmp_path: Path) -> None:
    path = lexicon(tmp_path, "a\ten\tone\nb\ten\ttwo\t-\nc\ten\tthree\tnote\n")
    rows = read_lexicon(path, COLUMNS, optional=("note",)).rows
    assert [row.get("note") for row in rows] == ["", "", "note"]


def test_an_empty_required_column_is_refused(tmp_path: Path) -> None:
    path = lexicon(tmp_path, "a\t\tone\n")
    with pytest.raises(LexiconError, match="line 1: the column 'lang' is empty"):
        read_lexicon(path, COLUMNS)


def test_a_value_outside_its_choices_is_refused(tmp_path: Path) -> None:
    path = lexicon(tmp_path, "a\tde\tone\n")
    with pytest.raises(LexiconError, match="'de' is no lang"):
        read_lexicon(path, COLUMNS, choices={"lang": ("en", "ru")})


def test_a_duplicate_id_is_refused_with_both_lines(tmp_path: Path) -> None:
    path = lexicon(tmp_path, "a\ten\tone\na\tru\ttwo\n")
    with pytest.raises(LexiconError, match="line 2: the id 'a' is already on line 1"):
        read_lexicon(path, COLUMNS, unique="id")


def test_a_malformed_macro_is_refused(tmp_path: Path) -> None:
    path = lexicon(tmp_path, "@M\n")
    with pytest.raises(LexiconError, match="line 1: a macro is"):
        read_lexicon(path, COLUMNS)


def test_a_lexicon_error_is_bad_input_a_user_can_act_on() -> None:
    assert issubclass(LexiconError, BadInput)
