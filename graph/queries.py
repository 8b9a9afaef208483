"""Named queries: the files of ``queries/``, their headers, and safely bound parameters.

Each ``queries/NAME.rq`` opens with comment lines::

    # title: States that hold a stance on a topic
    # description: Each state with the instrument, its date and the verbatim quote.
    # param: ?topic topic  The topic id (itu-role) or IRI
    # param: ?stance stance=supports  The stance

A parameter's type is ``iri``, ``string``, ``date``, ``integer`` or a kind of thing of
``graph.namespaces.KINDS`` (``topic``, ``state``...), which takes a public id or a full IRI;
``=value`` gives a default. Every parameter is projected by the query (``SELECT ?topic …``):
the engine binds only projected variables. Values are bound (pyoxigraph substitutions, or a
VALUES row for a remote store), never spliced into the query text.

>>> q = NamedQuery.parse("x", "# title: T\\n# param: ?topic topic=itu-role  t\\nSELECT * {}")
>>> q.params[0].name, q.params[0].type, q.params[0].default
('topic', 'topic', 'itu-role')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from graph.errors import BadInput, NotFound
from graph.namespaces import KINDS, Ids, iri_ref
from graph.paths import QUERIES_DIR

_PARAM = re.compile(r"\?(?P<name>\w+)\s+(?P<type>[\w-]+)(?:=(?P<default>\S+))?\s*(?P<doc>.*)")
SCALAR_TYPES = ("iri", "string", "date", "integer")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str

    def bind(self, raw: str, ids: Ids) -> Identifier:
        """The RDF term for a raw parameter value; a bad value is a ``BadInput``."""
        if self.type == "string":
            return Literal(raw)
        if self.type == "integer":
            if not re.fullmatch(r"-?\d+", raw):
                raise BadInput(f"parameter {self.name}: expected an integer, got {raw!r}")
            return Literal(int(raw))
        if self.type == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                raise BadInput(f"parameter {self.name}: expected a date YYYY-MM-DD, got {raw!r}")
            return Literal(raw, datatype=XSD.date)
        if re.match(r"https?://", raw):
            try:
                iri_ref(raw)
            except ValueError:
                raise BadInput(f"parameter {self.name}: not a valid IRI: {raw!r}") from None
            return URIRef(raw)
        if self.type == "iri":
            raise BadInput(f"parameter {self.name}: expected an absolute IRI, got {raw!r}")
        try:
            return ids.thing(self.type, raw)
        except ValueError as exc:
            raise BadInput(f"parameter {self.name}: not a valid {self.type} id: {raw!r}") from exc


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    @classmethod
    def parse(cls, name: str, text: str) -> NamedQuery:
        header: dict[str, str] = {}
        params: list[Param] = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            key, _, value = line.lstrip("# ").partition(":")
            value = value.strip()
            if key == "param":
                match = _PARAM.fullmatch(value)
                if not match or match["type"] not in (*SCALAR_TYPES, *KINDS):
                    raise ValueError(f"queries/{name}.rq: bad param line {line!r}")
                params.append(
                    Param(match["name"], match["type"], match["default"], match["doc"].strip())
                )
            elif key in ("title", "description"):
                header[key] = f"{header.get(key, '')} {value}".strip()
        if "title" not in header:
            raise ValueError(f"queries/{name}.rq: the header has no '# title:' line")
        return cls(name, header["title"], header.get("description", ""), tuple(params), text)

    def bindings(self, raw: Mapping[str, str], ids: Ids) -> dict[str, Identifier]:
        """Bind the given values (and defaults); unknown names are an error."""
        known = {p.name for p in self.params}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise BadInput(f"query {self.name} has no parameter {', '.join(unknown)}")
        out: dict[str, Identifier] = {}
        for param in self.params:
            value = raw.get(param.name, param.default)
            if value is not None and value != "":
                out[param.name] = param.bind(value, ids)
        return out


@lru_cache(maxsize=1)
def _all(folder: Path) -> dict[str, NamedQuery]:
    return {p.stem: NamedQuery.parse(p.stem, p.read_text("utf-8")) for p in folder.glob("*.rq")}


def named_queries(folder: Path = QUERIES_DIR) -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return sorted(_all(folder).values(), key=lambda q: q.name)


def named_query(name: str, folder: Path = QUERIES_DIR) -> NamedQuery:
    try:
        return _all(folder)[name]
    except KeyError:
        raise NotFound(f"there is no named query {name!r}") from None
