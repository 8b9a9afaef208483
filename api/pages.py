"""Web pages: a view's JSON-LD tree rendered by a Jinja2 template, in English or Russian.

A page shows the same document its machine twin says (JSON-LD, Turtle): the template gets the
compact JSON-LD tree of the view, so nothing is shown that the data does not hold. Labels are
picked in the page's language (``?lang=ru`` or ``Accept-Language``); source texts are shown as
they are. Every asset is served from ``/static``: the pages work offline.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request

LANGUAGES = ("en", "ru")
TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
ALTERNATES = (
    ("application/ld+json", "jsonld", "JSON-LD"),
    ("text/turtle", "ttl", "Turtle"),
    ("application/n-triples", "nt", "N-Triples"),
)
WORDS: dict[str, dict[str, str]] = {
    "ru": {
        "States": "Государства",
        "Organizations": "Организации",
        "Instruments": "Документы",
        "Meetings": "Встречи",
        "Topics": "Темы",
        "Positions": "Позиции",
        "Sources": "Источники",
        "Search": "Поиск",
        "Also as": "В других форматах",
        "Skip to content": "К содержанию",
        "Language": "Язык",
        "What the graph holds": "Что есть в графе",
        "Newest instruments": "Новые документы",
        "Topic": "Тема",
        "States that support": "Государства, которые поддерживают",
        "Queries": "Запросы",
        "Agreements": "Соглашения",
        "Instruments and quotes": "Документы и цитаты",
    }
}


def language(request: Request) -> str:
    """``?lang=`` if it names a language of the pages, else the first of Accept-Language."""
    asked = request.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "en"


def pick(values: Any, lang: str) -> str:
    """A language map's (or literal's) text in ``lang``, else English, else any."""
    if isinstance(values, str):
        return values
    if isinstance(values, list):
        return pick(values[0], lang) if values else ""
    if isinstance(values, Mapping):
        if "@value" in values:
            return str(values["@value"])
        for key in (lang, "en", "@none", *values):
            if key in values:
                found = values[key]
                return str(found[0] if isinstance(found, list) else found)
    return ""


def name_of(node: Any, lang: str) -> str:
    """What a node is called on a page: label, preferred label or title, else its key."""
    if isinstance(node, str):
        return node.rstrip("/").rsplit("/", 1)[-1]
    if not isinstance(node, Mapping):
        return ""
    for key in ("label", "prefLabel", "title"):
        if key in node:
            text = pick(node[key], lang)
            if text:
                return text
    if "publicId" in node:
        return str(node["publicId"])
    return name_of(str(node.get("id", "")), lang)


def latest_date(node: Any) -> str:
    """The latest date a node carries (a full date sorts after a day without its year)."""
    dates = [pick(d, "en") for d in as_list(node.get("date"))] if isinstance(node, Mapping) else []
    return max(dates, default="")


def newest_first(nodes: list[Any]) -> list[Any]:
    return sorted(nodes, key=latest_date, reverse=True)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _evidence_of(node: Any) -> tuple[str, int, int] | None:
    """(source IRI, start, end) of an evidence node with a text position selector."""
    if not isinstance(node, Mapping):
        return None
    source = node.get("hasSource")
    source_id = source.get("id") if isinstance(source, Mapping) else source
    for selector in as_list(node.get("hasSelector")):
        if isinstance(selector, Mapping) and "start" in selector and "end" in selector:
            return str(source_id), int(selector["start"]), int(selector["end"])
    return None


def highlighted(text: str, source: str, positions: list[Any], lang: str) -> list[dict[str, Any]]:
    """The text of ``source`` cut into pieces, each position's evidence marked where its
    offsets put it (a span overlapping an earlier one starts where that one ends)."""
    spans = []
    for position in positions:
        found = _evidence_of(position.get("evidence")) if isinstance(position, Mapping) else None
        if found and found[0] == source and 0 <= found[1] < found[2] <= len(text):
            topic = name_of(position.get("topic", ""), lang)
            stance = name_of(position.get("stance", ""), lang)
            spans.append((found[1], found[2], topic, stance, position.get("id", "")))
    pieces: list[dict[str, Any]] = []
    at = 0
    for start, end, topic, stance, iri in sorted(spans):
        start = max(start, at)
        if start >= end:
            continue
        if start > at:
            pieces.append({"text": text[at:start]})
        pieces.append({"text": text[start:end], "topic": topic, "stance": stance, "id": iri})
        at = end
    if at < len(text):
        pieces.append({"text": text[at:]})
    return pieces


class Pages:
    """Renders templates for one request: its language, its links kept on this server."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.lang = language(request)
        self.base = str(request.base_url)
        self.data_base = request.app.state.settings.base

    def href(self, iri: Any) -> str:
        """A link for a thing's IRI: its page on this server (through /id/...)."""
        text = iri.get("id", "") if isinstance(iri, Mapping) else str(iri)
        if text.startswith(self.data_base):
            return self.base + text[len(self.data_base) :]
        return text

    def url(self, path: str, **params: Any) -> str:
        """A local URL with the page's language and the given query parameters."""
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if self.lang != "en":
            query.setdefault("lang", self.lang)
        return self.base + path.lstrip("/") + (f"?{urlencode(query)}" if query else "")

    def word(self, text: str) -> str:
        return WORDS.get(self.lang, {}).get(text, text)

    def render(self, template: str, **context: Any) -> str:
        current = self.request.url
        alternates = [
            (media, label, str(current.include_query_params(format=suffix)))
            for media, suffix, label in ALTERNATES
        ]
        languages = [(lang, str(current.include_query_params(lang=lang))) for lang in LANGUAGES]
        return (
            environment()
            .get_template(template)
            .render(
                page=self,
                lang=self.lang,
                alternates=alternates,
                languages=languages,
                request_args=self.request.query_params,
                **context,
            )
        )


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["as_list"] = as_list
    env.globals["highlighted"] = highlighted
    env.filters["newest_first"] = newest_first
    env.filters["latest_date"] = latest_date
    env.filters["pick"] = lambda values, lang: pick(values, lang)
    env.filters["name"] = lambda node, lang: name_of(node, lang)
    return env
