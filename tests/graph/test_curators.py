"""Curators: names with token hashes in a file, never tokens; the write token is the
administrator; a malformed file is refused naming its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.curators import ADMINISTRATOR, Curators, curator_line, token_hash
from graph.errors import BadInput


def test_the_curators_file_keeps_the_hash_of_a_token_never_the_token() -> None:
    line, token = curator_line("bob")
    assert token not in line
    assert line == f"bob\t{token_hash(token)}"
    assert len(token) >= 40


def test_a_token_finds_its_curator_and_no_other() -> None:
    alice, alice_token = curator_line("alice")
    bob, bob_token = curator_line("bob")
    curators = Curators.parse(f"{alice}\n# a comment\n\n{bob}\n", "curators.tsv")
    assert curators.by_token(alice_token).name == "alice"  # type: ignore[union-attr]
    assert curators.by_token(bob_token).name == "bob"  # type: ignore[union-attr]
    assert curators.by_token(token_hash(alice_token)) is None
    assert curators.names() == ["alice", "bob"]


def test_the_write_token_is_the_administrator() -> None:
    curators = Curators.parse("", "curators.tsv", write_token="w")
    found = curators.by_token("w")
    assert found is not None and found.name == ADMINISTRATOR and found.administrator
    assert Curators.parse("", "none").enabled is False


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("alice\tplain-token\n", "line 1: expected 'name<TAB>sha256:"),
        ("\n\nAlice Smith\tsha256:" + "0" * 64, "line 3: 'Alice Smith'"),
        (f"a\tsha256:{'0' * 64}\na\tsha256:{'1' * 64}\n", "line 2: curator 'a' is listed twice"),
        (f"administrator\tsha256:{'0' * 64}\n", "the write token's name"),
    ],
)
def test_a_malformed_curators_file_is_refused_naming_file_and_line(text: str, says: str) -> None:
    with pytest.raises(BadInput, match=r"curators\.tsv") as error:
        Curators.parse(text, "curators.tsv")
    assert says in error.value.message


def test_an_unreadable_curators_file_says_which(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot read the curators file"):
        Curators.load(str(tmp_path / "missing.tsv"), None)
