"""Guards for queries from the public: small enough, read-only, no network, a known form.

The query is read as SPARQL tokens — strings, IRIs, comments, variables, prefixed names,
keywords, punctuation — after its ``\\u`` escapes are decoded (the grammar applies them
before anything else), so a keyword counts only where it is one: ``?o "SERVICE <x>"``, a
comment or an IRI that holds the word is no SERVICE clause, and ``\\u0053ERVICE`` is one.

Limits come first, on the raw size and then on the tokens, before any parser or engine sees
the query: a query of thousands of nested groups or of twenty thousand ``||`` terms does not
time out, it takes the engine down with every request in flight. Each limit is a setting and
each refusal says which one.

``SERVICE`` and ``LOAD`` make the engine fetch URLs and cannot be switched off in it, so a
query that uses them is refused.

>>> query_form("PREFIX x: <urn:x> SELECT * WHERE { ?s ?p ?o }")
'SELECT'
>>> query_form("SELECT * { SERVICE <http://e.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
graph.errors.BadQuery: SERVICE is not allowed: this endpoint does not reach other servers
>>> query_form('SELECT * { ?s ?p "SERVICE <x>" } # LOAD')
'SELECT'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import BadQuery


@dataclass(frozen=True)
class QueryLimits:
    """How large a public query may be (``Settings.query_max_*``)."""

    max_bytes: int = 100_000
    max_tokens: int = 5_000
    max_depth: int = 100


READ_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>\#[^\n]*)
    |(?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<iri><[^<>"{}|^`\\\s]*>)
    |(?P<variable>[?$]\w+)
    |(?P<name>[A-Za-z_][\w-]*(?:\.[\w-]+)*:[\w.:%-]*|:[\w.:%-]*)
    |(?P<word>[A-Za-z_]\w*)
    |(?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
    |(?P<open>[{(\[])
    |(?P<close>[})\]])
    |(?P<other>\^\^|\|\||&&|!=|<=|>=|.)""",
    re.VERBOSE | re.DOTALL,
)


def query_form(query: str, limits: QueryLimits = QueryLimits()) -> str:
    """The form of a public query (SELECT, ASK, CONSTRUCT or DESCRIBE), or ``BadQuery``
    saying which limit or rule it breaks."""
    if not query.strip():
        raise BadQuery("the query is empty")
    size = len(query.encode("utf-8"))
    if size > limits.max_bytes:
        raise BadQuery(f"the query is {size:,} bytes; at most {limits.max_bytes:,} are accepted")
    keywords = _keywords(_decoded(query), limits)
    network = next((k for k in keywords if k in ("SERVICE", "LOAD")), None)
    if network:
        raise BadQuery(f"{network} is not allowed: this endpoint does not reach other servers")
    form = next((k for k in keywords if k in READ_FORMS or k in _UPDATE_FORMS or k == "WITH"), None)
    if form is None:
        raise BadQuery("expected a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if form not in READ_FORMS:
        raise BadQuery("this endpoint is read-only: SPARQL updates are not accepted")
    return form


def _decoded(query: str) -> str:
    """The query with its ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes applied."""

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(char, query)


def _keywords(query: str, limits: QueryLimits) -> list[str]:
    """The query's bare words in upper case, in order; ``BadQuery`` past a token or depth
    limit."""
    words: list[str] = []
    tokens = depth = 0
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        if kind in ("space", "comment"):
            continue
        tokens += 1
        if tokens > limits.max_tokens:
            raise BadQuery(
                f"the query has more than {limits.max_tokens:,} terms (words, names, values, "
                "operators); split it or use VALUES"
            )
        if kind == "open":
            depth += 1
            if depth > limits.max_depth:
                raise BadQuery(
                    f"the query nests groups or brackets more than {limits.max_depth} deep"
                )
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "word":
            words.append(m.group().upper())
    return words
