"""Content negotiation: an Accept header (with q-values) and what a resource offers → a type.

>>> best_media_type("text/csv;q=0.5, application/sparql-results+json", SELECT_TYPES)
'application/sparql-results+json'
>>> best_media_type("*/*", GRAPH_TYPES)
'text/turtle'
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.errors import UnknownFormat

# The first entry is the default when the client accepts anything.
SELECT_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
GRAPH_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
    "application/ld+json",
    "application/rdf+xml",
)
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/plain": "application/n-triples",
}


def _parse(accept: str) -> list[tuple[str, float, int]]:
    out = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q, index))
    return out


def _matches(pattern: str, offered: str) -> bool:
    if pattern == "*/*":
        return True
    if pattern.endswith("/*"):
        return offered.startswith(pattern[:-1])
    return ALIASES.get(pattern, pattern) == offered


def _specificity(pattern: str) -> int:
    return 0 if pattern == "*/*" else 1 if pattern.endswith("/*") else 2


def best_media_type(accept: str | None, offered: Sequence[str]) -> str:
    """The offered type the client prefers most; ``UnknownFormat`` (406) when none fits."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = _parse(accept)
    best: tuple[float, int, int] | None = None
    choice = None
    for rank, media in enumerate(offered):
        # The most specific range that matches decides the quality of this type.
        fitting = [r for r in ranges if _matches(r[0], media)]
        if not fitting:
            continue
        pattern, q, _ = max(fitting, key=lambda r: _specificity(r[0]))
        if q <= 0:
            continue
        key = (q, _specificity(pattern), -rank)
        if best is None or key > best:
            best, choice = key, media
    if choice is None:
        raise UnknownFormat(f"none of the types in Accept: {accept} is available; try {offered[0]}")
    return choice


# the short names of result and graph formats (format=json, /queries/x.csv)
MEDIA_BY_NAME = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
}
