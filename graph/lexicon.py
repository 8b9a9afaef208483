"""The one reader of the lexicons in ``graph/lexicons/*.tsv``.

A lexicon is a tab-separated file: ``#`` starts a comment line, blank lines are skipped, a line
``@NAME<TAB>value`` defines a macro, every other line is a row of named columns. A row with too
few or too many columns, an empty required column, a value outside a column's choices or a
duplicate id is refused with the file and the line, never skipped: a cue silently lost is a
position silently lost.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.tsv"
>>> _ = path.write_text("# demo\\n@X\\tfoo\\nid-1\\ten\\tbar\\n", "utf-8")
>>> table = read_lexicon(path, ("id", "lang", "value"))
>>> table.macros, [(row.line, row["value"]) for row in table.rows]
({'X': 'foo'}, [(3, 'bar')])
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import BadInput


class LexiconError(BadInput):
    """A lexicon line is malformed: the message names the file and the line."""


@dataclass(frozen=True)
class Row:
    """One row of a lexicon, its columns by name, with where it stands."""

    path: Path
    line: int
    values: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column) or default

    def error(self, message: str) -> LexiconError:
        """An error that points at this row."""
        return LexiconError(f"{self.path.name} line {self.line}: {message}")


def compiled(row: Row, column: str, template: str = "{}", flags: int = 0) -> re.Pattern[str]:
    """A column that holds a regular expression, put in ``template`` and compiled; a malformed
    one is refused with its file and line."""
    try:
        return re.compile(template.format(row[column]), flags)
    except re.error as exc:
        raise row.error(f"the {column} '{row[column]}' is no regular expression: {exc}") from exc


@dataclass(frozen=True)
class Lexicon:
    rows: tuple[Row, ...]
    macros: dict[str, str] = field(default_factory=dict)


def read_lexicon(
    path: Path,
    columns: Sequence[str],
    *,
    optional: Sequence[str] = (),
    choices: Mapping[str, Sequence[str]] | None = None,
    unique: str | None = None,
) -> Lexicon:
    """The rows of a lexicon file. ``columns`` must be filled on every row; ``optional`` ones
    may be left out at the end of a line or empty (``-`` counts as empty)."""
    rows: list[Row] = []
    macros: dict[str, str] = {}
    seen: dict[str, int] = {}
    names = (*columns, *optional)
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path.name}: cannot read the lexicon ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        where = f"{path.name} line {number}"
        if line.startswith("@"):
            if len(fields) != 2 or not fields[0][1:] or not fields[1]:
                raise LexiconError(f"{where}: a macro is '@NAME<TAB>value'")
            macros[fields[0][1:]] = fields[1]
            continue
        if not len(columns) <= len(fields) <= len(names):
            expected = " <TAB> ".join(columns) + "".join(f" [<TAB> {o}]" for o in optional)
            raise LexiconError(f"{where}: {len(fields)} columns, expected {expected}")
        values = dict(zip(names, fields, strict=False))
        values = {k: ("" if v == "-" else v) for k, v in values.items()}
        for column in columns:
            if not values[column]:
                raise LexiconError(f"{where}: the column '{column}' is empty")
        for column, allowed in (choices or {}).items():
            value = values.get(column, "")
            if value and value not in allowed:
                raise LexiconError(
                    f"{where}: '{value}' is no {column} (expected {' | '.join(allowed)})"
                )
        if unique:
            key = values[unique]
            if key in seen:
                raise LexiconError(f"{where}: the {unique} '{key}' is already on line {seen[key]}")
            seen[key] = number
        rows.append(Row(path, number, values))
    return Lexicon(tuple(rows), macros)
