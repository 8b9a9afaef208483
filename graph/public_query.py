"""Guards for queries from the public: read-only, no network, a known result form.

``SERVICE`` (and ``LOAD``) make the engine fetch URLs and cannot be switched off in it, so a
query that names them is refused before it reaches the engine. The check is a case-insensitive
search of the raw text: the engine rejects escaped keywords such as ``\\u0053ERVICE``, so the
raw text is what it would run (a string or comment that merely contains the word is refused too,
which costs nothing).

>>> query_form("PREFIX x: <urn:x> SELECT * WHERE { ?s ?p ?o }")
'SELECT'
>>> query_form("SELECT * { SERVICE <http://e.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
graph.errors.BadQuery: SERVICE is not allowed: this endpoint does not reach other servers
"""

from __future__ import annotations

import re

from graph.errors import BadQuery

_NETWORK = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)
_STRIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\s]*>|#[^\n]*',
)
_FORM = re.compile(
    r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
READ_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def query_form(query: str) -> str:
    """The form of a public query (SELECT, ASK, CONSTRUCT or DESCRIBE), or ``BadQuery``."""
    if not query.strip():
        raise BadQuery("the query is empty")
    network = _NETWORK.search(query)
    if network:
        raise BadQuery(
            f"{network.group(1).upper()} is not allowed: this endpoint does not reach other servers"
        )
    form = _FORM.search(_STRIP.sub(" ", query))
    if form is None:
        raise BadQuery("expected a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    keyword = form.group(1).upper()
    if keyword not in READ_FORMS:
        raise BadQuery("this endpoint is read-only: SPARQL updates are not accepted")
    return keyword
