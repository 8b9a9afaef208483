"""Documents as CSV tables, as spreadsheet users and Datasette users expect: a list (a page of a
``hydra:Collection``) is one row per item, any other document one row for its thing.

The row is read from the document's JSON-LD tree (``api/jsonld.py``), so it says what the other
formats say. Columns: ``id`` (the thing's IRI) first, then each property in the order first
met: a plain value as it is, a language map as one column per language (``label_en``,
``label_ru``), a linked thing by its key (``publicId``, else the end of its IRI), a node with
no name of its own (a tally, a holding) spread over ``property.subproperty`` columns, several
values joined with `` | ``.

>>> body = {"@context": "/context.jsonld", "id": "https://e.org/states", "totalItems": 1,
...         "items": [{"id": "https://e.org/id/state/RUS", "type": "State",
...                    "label": {"en": "Russia", "ru": "Россия"}, "publicId": "RUS",
...                    "holderTallies": {"id": "https://e.org/t/1", "positionCount": 3}}]}
>>> print(csv_text(body), end="")
id,type,label_en,label_ru,publicId,holderTallies.positionCount
https://e.org/id/state/RUS,State,Russia,Россия,RUS,3
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

NAMES = ("publicId", "label", "title", "prefLabel", "name")
SEPARATOR = " | "
Row = dict[str, list[str]]


def csv_text(body: Mapping[str, Any]) -> str:
    """The CSV of a document's JSON-LD tree: its items' rows, or its own row."""
    items = body.get("items") if "totalItems" in body else None
    things = (items if isinstance(items, list) else [items]) if items is not None else [body]
    rows = [_row(t if isinstance(t, Mapping) else {"id": t}) for t in things if t is not None]
    columns = list(dict.fromkeys(column for row in rows for column in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([SEPARATOR.join(dict.fromkeys(row.get(c, []))) for c in columns])
    return out.getvalue()


def _row(thing: Mapping[str, Any]) -> Row:
    row: Row = {"id": [str(thing.get("id", ""))]}
    for key, value in thing.items():
        if key not in ("@context", "id"):
            _put(row, key, value, depth=0)
    return row


def _put(row: Row, column: str, value: Any, depth: int) -> None:
    """Add ``value`` to the cells of ``column`` (or of its sub-columns)."""
    if isinstance(value, list):
        for each in value:
            _put(row, column, each, depth)
    elif isinstance(value, Mapping) and "id" not in value and "@value" not in value:
        for language, text in value.items():  # a language map
            _put(row, f"{column}_{language}", text, depth)
    elif isinstance(value, Mapping) and "@value" in value:
        row.setdefault(column, []).append(str(value["@value"]))
    elif isinstance(value, Mapping):
        if depth > 0 or any(name in value for name in NAMES):
            row.setdefault(column, []).append(_key(value))
        else:  # a node without a name of its own: its values, one level down
            for key, inner in value.items():
                if key not in ("id", "type"):
                    _put(row, f"{column}.{key}", inner, depth + 1)
    elif isinstance(value, bool):
        row.setdefault(column, []).append("true" if value else "false")
    elif value is not None:
        row.setdefault(column, []).append(str(value))


def _key(node: Mapping[str, Any]) -> str:
    """How a linked thing is named in a cell: its key, else the end of its IRI."""
    if isinstance(node.get("publicId"), str):
        return str(node["publicId"])
    iri = str(node.get("id", ""))
    return iri.rstrip("/").rpartition("/")[2] or iri
