"""A view's document as the client wants it: JSON-LD (default), Turtle, N-Triples, RDF/XML or
HTML, chosen by the Accept header or a suffix (``/states/RUS.ttl``); every format says the
same triples.

>>> split_suffix("RUS.ttl")
('RUS', 'text/turtle')
>>> split_suffix("sco-2009-iis")
('sco-2009-iis', None)
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from rdflib import Graph
from rdflib.term import Node

from api.jsonld import tree
from api.negotiate import best_media_type
from api.views import Document
from graph.errors import UnknownFormat
from graph.namespaces import PREFIXES

DOCUMENT_TYPES = (
    "application/ld+json",
    "text/turtle",
    "text/html",
    "application/n-triples",
    "application/rdf+xml",
)
SUFFIXES = {
    "jsonld": "application/ld+json",
    "json": "application/ld+json",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "html": "text/html",
}
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
DOCUMENT_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The document: JSON-LD (compact, with the context at /context.jsonld), "
        "Turtle, N-Triples, RDF/XML or HTML, by Accept header or suffix",
        "content": {media: {} for media in DOCUMENT_TYPES},
    }
}


def split_suffix(key: str) -> tuple[str, str | None]:
    """A path segment and the media type its suffix asks for (None without a known one)."""
    stem, dot, suffix = key.rpartition(".")
    if dot and suffix in SUFFIXES:
        return stem, SUFFIXES[suffix]
    return key, None


def media_for(request: Request, forced: str | None) -> str:
    """The suffix's type, else ``?format=``'s, else the Accept header's choice."""
    if forced is not None:
        return forced
    asked = request.query_params.get("format")
    if asked:
        if asked not in SUFFIXES:
            raise UnknownFormat(f"format must be one of {', '.join(SUFFIXES)}, got {asked!r}")
        return SUFFIXES[asked]
    accept = request.headers.get("accept")
    if accept:
        # Here plain JSON means JSON-LD (at /sparql it means SPARQL results).
        accept = accept.replace("application/json", "application/ld+json")
    return best_media_type(accept, DOCUMENT_TYPES)


def context_url(request: Request) -> str:
    return str(request.url_for("json_ld_context"))


def rendered(document: Document, request: Request, forced: str | None = None) -> Response:
    """The response for ``document`` in the negotiated (or suffix-forced) format."""
    media = media_for(request, forced)
    headers = {"Vary": "Accept"}
    if media == "application/ld+json":
        body = tree(document.graph, [document.root], context_url(request))
        return Response(json.dumps(body, ensure_ascii=False), media_type=media, headers=headers)
    if media == "text/html":
        body = tree(document.graph, [document.root], context_url(request))
        return HTMLResponse(page(document.title, body, request), headers=headers)
    return Response(
        serialized(document.graph, RDFLIB_FORMATS[media]),
        media_type=f"{media}; charset=utf-8" if media != "application/rdf+xml" else media,
        headers=headers,
    )


def serialized(graph: Iterable[tuple[Node, Node, Node]], fmt: str) -> bytes:
    out = Graph()
    for prefix, iri in PREFIXES.items():
        out.bind(prefix, iri)
    out.bind("hydra", "http://www.w3.org/ns/hydra/core#")
    for triple in graph:
        out.add(triple)
    return out.serialize(format=fmt, encoding="utf-8")


# -- HTML: the JSON-LD tree as nested lists, links kept local -----------------------------------


def page(title: str, body: dict[str, Any], request: Request) -> str:
    base = str(request.base_url)
    settings_base = request.app.state.settings.base
    content = _html_value(body, base, settings_base)
    alternates = " · ".join(
        f'<a href="?format={suffix}">{suffix}</a>' for suffix in ("jsonld", "ttl", "nt")
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} · iisgraph</title>
<style>body{{font:15px/1.45 system-ui,sans-serif;margin:2rem;max-width:75rem}}
dl{{margin:.2rem 0 .2rem 1rem}}dt{{font-weight:600;color:#444}}dd{{margin:0 0 .3rem 1rem}}
.q{{background:#fffbe6}}</style></head>
<body><nav><a href="{base}">iisgraph</a> · <a href="{base}states">states</a> ·
<a href="{base}organizations">organizations</a> · <a href="{base}instruments">instruments</a> ·
<a href="{base}meetings">meetings</a> · <a href="{base}topics">topics</a> ·
<a href="{base}sparql">SPARQL</a></nav>
<h1>{html.escape(title)}</h1>
<p>Also as {alternates}</p>
{content}
</body></html>"""


def _link(value: str, base: str, settings_base: str) -> str:
    href = value
    if value.startswith(settings_base):
        href = base + value[len(settings_base) :]
    if href.startswith(("http://", "https://")):
        return f'<a href="{html.escape(href)}">{html.escape(value)}</a>'
    return html.escape(value)


def _html_value(value: Any, base: str, settings_base: str) -> str:
    if isinstance(value, dict):
        if "@value" in value:
            return html.escape(str(value["@value"]))
        rows = []
        for key, item in value.items():
            if key == "@context":
                continue
            cls = ' class="q"' if key == "exact" else ""
            rows.append(
                f"<dt>{html.escape(key)}</dt><dd{cls}>{_html_value(item, base, settings_base)}</dd>"
            )
        return f"<dl>{''.join(rows)}</dl>"
    if isinstance(value, list):
        return (
            "<ul>"
            + "".join(f"<li>{_html_value(v, base, settings_base)}</li>" for v in value)
            + "</ul>"
        )
    if isinstance(value, str):
        return _link(value, base, settings_base)
    return html.escape(json.dumps(value))


SUFFIX_SUMMARY = "The same list in the format its suffix names: jsonld, json, ttl, nt, rdf, html"
