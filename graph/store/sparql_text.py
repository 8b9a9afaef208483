"""What a remote store needs to know of a query's text without parsing it: its form, and where
to put the values of bound variables (a SPARQL server takes no substitutions).

The text is read token by token only as far as strings, IRIs and comments go: a brace or a
keyword inside them is not one.

>>> query_form("PREFIX x: <http://x/{}> # SELECT\\nASK { ?s ?p ?o }")
'ASK'
>>> from rdflib import URIRef
>>> with_bindings("SELECT ?s WHERE { ?s ?p ?o }", {"p": URIRef("http://x/p")})
'SELECT ?s WHERE { VALUES (?p) { (<http://x/p>) } ?s ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from rdflib.term import Identifier

from graph.errors import BadQuery

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<brace>\{)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_SUFFIX = r"""(?:@[A-Za-z0-9-]+|\^\^(?:<[^<>\s]*>|[A-Za-z][\w.-]*:[\w.-]*))?"""
_TERM = (
    r"<[^<>\s]*>"
    + r'|"(?:[^"\\\n]|\\.)*"'
    + _SUFFIX
    + r"|'(?:[^'\\\n]|\\.)*'"
    + _SUFFIX
    + r"|[^\s(){}]+"
)
_ONE_ROW = re.compile(
    # a term ends at a space or ")": a long token is never split (no runaway backtracking)
    r"VALUES\s*\(((?:\s*[?$][A-Za-z_]\w*)+)\s*\)\s*\{\s*\(((?:\s*(?:"
    + _TERM
    + r")(?=[\s)]))*)\s*\)\s*\}",
    re.IGNORECASE,
)

__all__ = ["FORMS", "one_variable_values", "query_form", "with_bindings"]


def _tokens(query: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset) of each token that matters: words and opening braces."""
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind in ("word", "brace"):
            yield kind, match.group(), match.start()


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of them the query says."""
    for kind, text, _ in _tokens(query):
        if kind == "word" and text.upper() in FORMS:
            return text.upper()
    raise BadQuery("the query has no SELECT, ASK, CONSTRUCT or DESCRIBE")


def _where_brace(query: str) -> int:
    """The offset of the brace opening the query's WHERE group (after the WHERE keyword; for a
    query without one, the first brace, as in ``ASK { ... }``, unless it opens a CONSTRUCT
    template)."""
    seen_construct = False
    first: int | None = None
    after_where = False
    for kind, text, at in _tokens(query):
        if kind == "word":
            upper = text.upper()
            if upper == "CONSTRUCT":
                seen_construct = True
            elif upper == "WHERE":
                after_where = True
        elif kind == "brace":
            if after_where:
                return at
            if first is None:
                first = at
                if not seen_construct:
                    return at
    if first is not None and not seen_construct:
        return first
    raise BadQuery("the query has no WHERE group to bind its variables in")


def with_bindings(query: str, bindings: Mapping[str, Identifier] | None) -> str:
    """The query with ``bindings`` as a VALUES row opening its WHERE group: each variable has
    its value wherever the group uses it (terms are written by rdflib, escaped)."""
    if not bindings:
        return query
    for name in bindings:
        if not _VARIABLE.fullmatch(name):
            raise BadQuery(f"not a variable name: {name!r}")
    at = _where_brace(query) + 1
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    return f"{query[:at]} VALUES ({names}) {{ ({values}) }}{query[at:]}"


def one_variable_values(query: str) -> str:
    """The query with each one-row ``VALUES (?a ?b) { (x y) }`` written as
    ``VALUES ?a { x } VALUES ?b { y }`` (the same solutions): Virtuoso 7.2 fails on the first
    form ("no SPART_VARR_FIXED") wherever the engine fixes the variables.

    >>> one_variable_values('SELECT * { VALUES (?a ?b) { (<x:a> "b c") } ?a ?p ?b }')
    'SELECT * { VALUES ?a { <x:a> } VALUES ?b { "b c" } ?a ?p ?b }'
    """
    out, at = [], 0
    for match in _TOKEN.finditer(query):
        if match.lastgroup != "word" or match.group().upper() != "VALUES" or match.start() < at:
            continue
        block = _ONE_ROW.match(query, match.start())
        if block is None:
            continue
        names = block.group(1).split()
        terms = re.findall(f"(?:{_TERM})(?=\\s)", block.group(2).strip() + " ")
        if len(names) != len(terms):
            continue
        split = " ".join(
            f"VALUES {name} {{ {term} }}"
            for name, term in zip(names, terms, strict=True)
            if term.upper() != "UNDEF"
        )
        out.append(query[at : block.start()] + split)
        at = block.end()
    out.append(query[at:])
    return "".join(out)
