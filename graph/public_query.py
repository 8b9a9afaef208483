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
from urllib.parse import urljoin

from graph.errors import BadQuery


@dataclass(frozen=True)
class QueryLimits:
    """How large a public query may be (``Settings.query_max_*``)."""

    max_bytes: int = 100_000
    max_tokens: int = 5_000
    max_depth: int = 100


READ_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
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


@dataclass(frozen=True)
class PublicQuery:
    """A public query as it will run: its form, its text (with a ``BASE`` for its relative
    IRIs), and the dataset its ``FROM`` and ``FROM NAMED`` clauses name."""

    form: str
    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def query_form(query: str, limits: QueryLimits = QueryLimits()) -> str:
    """The form of a public query (SELECT, ASK, CONSTRUCT or DESCRIBE), or ``BadQuery``
    saying which limit or rule it breaks."""
    return read_public_query(query, limits).form


def read_public_query(
    query: str,
    limits: QueryLimits = QueryLimits(),
    base: str | None = None,
) -> PublicQuery:
    """The query checked (limits, no network, read-only) and made ready to run: relative IRIs
    resolved against ``base`` (the endpoint's IRI) unless the query declares its own ``BASE``.

    >>> q = read_public_query("SELECT * FROM <g1> WHERE { ?s ?p ?o }", base="http://e.org/sparql")
    >>> q.text.split(" SELECT")[0], q.default_graphs
    ('BASE <http://e.org/sparql>', ('http://e.org/g1',))
    """
    if not query.strip():
        raise BadQuery("the query is empty")
    size = len(query.encode("utf-8"))
    if size > limits.max_bytes:
        raise BadQuery(f"the query is {size:,} bytes; at most {limits.max_bytes:,} are accepted")
    tokens = _tokens(_decoded(query), limits)
    words = [text.upper() for kind, text in tokens if kind == "word"]
    network = next((k for k in words if k in ("SERVICE", "LOAD")), None)
    if network:
        raise BadQuery(f"{network} is not allowed: this endpoint does not reach other servers")
    form = next((k for k in words if k in READ_FORMS or k in _UPDATE_FORMS or k == "WITH"), None)
    if form is None:
        raise BadQuery("expected a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if form not in READ_FORMS:
        raise BadQuery("this endpoint is read-only: SPARQL updates are not accepted")
    declared = "BASE" in words
    relative = any(k == "iri" and not _ABSOLUTE.match(t[1:-1]) for k, t in tokens)
    text = f"BASE <{base}> {query}" if base and relative and not declared else query
    default, named = _dataset(tokens, None if declared else base)
    return PublicQuery(form, text, default, named)


def _dataset(
    tokens: list[tuple[str, str]], base: str | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The graphs of the query's ``FROM`` and ``FROM NAMED`` clauses, as absolute IRIs."""
    prefixes: dict[str, str] = {}
    current_base = base
    default: list[str] = []
    named: list[str] = []
    words = [(kind, text.upper() if kind == "word" else text) for kind, text in tokens]
    for i, (_, text) in enumerate(words):
        following = words[i + 1 : i + 4]
        if text == "BASE" and following and following[0][0] == "iri":
            current_base = _absolute(following[0][1], current_base)
        elif text == "PREFIX" and len(following) >= 2 and following[1][0] == "iri":
            prefixes[following[0][1].rstrip(":")] = _absolute(following[1][1], current_base)
        elif text == "FROM" and following:
            target, term = (
                (named, following[1:2]) if following[0][1] == "NAMED" else (default, following[:1])
            )
            if term:
                target.append(_term_iri(term[0], prefixes, current_base))
    return tuple(default), tuple(named)


def _term_iri(token: tuple[str, str], prefixes: dict[str, str], base: str | None) -> str:
    kind, text = token
    if kind == "iri":
        return _absolute(text, base)
    prefix, _, local = text.partition(":")
    if kind == "name" and prefix in prefixes:
        return prefixes[prefix] + local
    raise BadQuery(f"FROM names {text}, which is no IRI the query declares")


def _absolute(iri: str, base: str | None) -> str:
    inner = iri[1:-1]
    if _ABSOLUTE.match(inner) or base is None:
        return inner
    return urljoin(base, inner)


def _decoded(query: str) -> str:
    """The query with its ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes applied."""

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(char, query)


def _tokens(query: str, limits: QueryLimits) -> list[tuple[str, str]]:
    """The query's tokens (kind, text), spaces and comments left out; ``BadQuery`` past a
    token or depth limit."""
    out: list[tuple[str, str]] = []
    depth = 0
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        if len(out) >= limits.max_tokens:
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
        out.append((kind, m.group()))
    return out
