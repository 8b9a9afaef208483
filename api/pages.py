"""Web pages: a view's JSON-LD tree rendered by a Jinja2 template, in English or Russian.

A page shows the same document its machine twin says (JSON-LD, Turtle): the template gets the
compact JSON-LD tree of the view, so nothing is shown that the data does not hold. Labels are
picked in the page's language (``?lang=ru`` or ``Accept-Language``); source texts are shown as
they are. Every asset is served from ``/static``: the pages work offline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args, get_origin
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request

from api.language import LANGUAGES, language, named_in_case, phrases, translations
from api.views.topics import STANCE_HEADINGS

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
ALTERNATES = (
    ("application/ld+json", "jsonld", "JSON-LD"),
    ("text/turtle", "ttl", "Turtle"),
    ("application/n-triples", "nt", "N-Triples"),
    ("text/csv", "csv", "CSV"),
)
# not filters: how a list is paged and shown
PLUMBING = frozenset({"page", "per_page", "format", "ext", "lang", "instruments_per_state"})


@dataclass(frozen=True)
class Filter:
    """A query parameter of a list as its page's form shows it."""

    name: str
    label: str  # the parameter's title, else its name (translated on the page)
    example: str = ""
    default: str = ""
    choices: tuple[str, ...] = ()  # a closed set of values: the form offers them to pick


def filters_of(request: Request) -> list[Filter]:
    """The filters of the route that answers ``request`` (none outside a route)."""
    route = request.scope.get("route")
    return route_filters(route) if isinstance(route, APIRoute) else []


def route_filters(route: APIRoute) -> list[Filter]:
    """A route's filters: its query parameters and its dependencies' (the period), without
    paging and format, in the order declared."""
    found: dict[str, Filter] = {}
    pending = [route.dependant]
    while pending:
        dependant = pending.pop(0)
        for field in dependant.query_params:
            info = field.field_info
            if field.alias in PLUMBING or field.alias in found:
                continue
            found[field.alias] = Filter(
                field.alias,
                info.title or field.alias,
                str((info.examples or [""])[0]),
                info.default if isinstance(info.default, str) else "",
                _choices(info.annotation),
            )
        pending.extend(dependant.dependencies)
    return list(found.values())


def _choices(annotation: Any) -> tuple[str, ...]:
    """The values of a ``Literal`` annotation (also inside ``| None``), else none."""
    if get_origin(annotation) is Literal:
        return tuple(str(a) for a in get_args(annotation))
    return tuple(c for a in get_args(annotation) for c in _choices(a))


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


def in_language(node: Mapping[str, Any], key: str, lang: str) -> str:
    """A node's ``key`` (label, title...) in ``lang`` exactly, "" when it has none. Of several
    (two sources of one instrument each name it), one that is also a title in ``lang`` (a
    source's own words), else the longest (it says the most: the year, the place).

    >>> node = {"label": {"en": ["Joint statement, 19 November", "Joint Statement on IIS"]},
    ...         "title": {"en": "Joint Statement on IIS", "ru": "Совместное заявление"}}
    >>> in_language(node, "label", "en"), in_language(node, "label", "ru")
    ('Joint Statement on IIS', '')
    """
    value = node.get(key)
    if not isinstance(value, Mapping) or lang not in value:
        return ""
    found = [pick(v, lang) for v in as_list(value[lang])]
    found = [f for f in found if f]
    if len(found) <= 1 or key == "title":
        return found[0] if found else ""
    titles = set(titles_in(node, lang))
    return next((f for f in found if f in titles), max(found, key=len))


def titles_in(node: Any, lang: str | None = None) -> list[str]:
    """A node's titles (``dcterms:title``) in ``lang``, or in every language."""
    value = node.get("title") if isinstance(node, Mapping) else None
    if isinstance(value, Mapping) and "@value" not in value:
        return [
            pick(v, key)
            for key, values in value.items()
            if lang is None or key == lang
            for v in as_list(values)
        ]
    return [pick(v, "en") for v in as_list(value)] if lang is None else []


def original_titles(node: Any, lang: str) -> list[tuple[str, str]]:
    """The titles the sources give a thing, as (language, title), other than the name a page
    in ``lang`` shows for it: the original beside the translation or composition."""
    value = node.get("title") if isinstance(node, Mapping) else None
    shown = name_of(node, lang)
    if not isinstance(value, Mapping) or "@value" in value:
        return []
    return [
        (key, pick(v, key))
        for key, values in sorted(value.items())
        for v in as_list(values)
        if pick(v, key) and pick(v, key) != shown
    ]


def name_of(node: Any, lang: str) -> str:
    """What a node is called on a page: label, preferred label or title in the page's
    language, else in English or any, else its key."""
    if isinstance(node, str):
        return node.rstrip("/").rsplit("/", 1)[-1]
    if not isinstance(node, Mapping):
        return ""
    for key in ("label", "prefLabel", "title"):
        text = in_language(node, key, lang)
        if text:
            return text
    for key in ("label", "prefLabel", "title"):
        if key in node:
            text = pick(node[key], lang)
            if text:
                return text
    kind, place = node.get("meetingKind"), node.get("place")
    if kind and place:  # a meeting has no name of its own: what it was and where
        return f"{name_of(as_list(kind)[0], lang)}, {name_of(as_list(place)[0], lang)}"
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


def quote_parts(evidence: Any) -> dict[str, str] | None:
    """An evidence's quote as a reader sees it: the sentence before, the evidence itself, the
    sentence after (``oa:prefix``, ``oa:exact``, ``oa:suffix``); None without a quote."""
    for selector in as_list(evidence.get("hasSelector")) if isinstance(evidence, Mapping) else []:
        if isinstance(selector, Mapping) and selector.get("exact"):
            return {
                "before": pick(selector.get("prefix", ""), "en"),
                "exact": pick(selector.get("exact"), "en"),
                "after": pick(selector.get("suffix", ""), "en"),
            }
    return None


def turn_of(evidence: Any) -> dict[str, str] | None:
    """Where an evidence stands in its source text: the source's key and the anchor of its
    span on the source's review page (``review_source.html`` marks each position's evidence
    with it); None without a source or offsets.

    >>> turn_of({"hasSource": "https://w3id.org/iisgraph/id/source/s1",
    ...          "hasSelector": [{"start": 4, "end": 9}]})
    {'source': 's1', 'anchor': 'at-4-9'}
    """
    found = _evidence_of(evidence)
    if found is None or "/source/" not in found[0]:
        return None
    source, start, end = found
    return {"source": source.rsplit("/source/", 1)[1], "anchor": span_anchor(start, end)}


def span_anchor(start: Any, end: Any) -> str:
    """The id of a span of a source text on its review page."""
    return f"at-{int(start)}-{int(end)}"


def interventions(body: Any, lang: str) -> dict[str, Any]:
    """A meeting's interventions (the statements its view links by ``seeAlso``) as a small
    matrix: one row per statement in the order the record gives them (where the words naming
    its speaker stand), its positions by topic; the topics any of them takes a stance on."""
    index = node_index(body)

    def resolve(value: Any) -> Any:
        return index.get(value, value) if isinstance(value, str) else value

    rows = []
    topics: dict[str, Any] = {}
    statements = (
        [resolve(s) for s in as_list(body.get("seeAlso"))] if isinstance(body, Mapping) else []
    )
    for statement in statements:
        if not isinstance(statement, Mapping) or "Instrument" not in as_list(statement.get("type")):
            continue
        cells: dict[str, list[Any]] = {}
        for position in map(resolve, as_list(statement.get("positions"))):
            topic = resolve(position.get("topic")) if isinstance(position, Mapping) else None
            if not isinstance(topic, Mapping):
                continue
            key = str(topic.get("publicId", ""))
            topics[key] = topic
            cells.setdefault(key, []).append(
                {
                    **position,
                    "topic": topic,
                    "stance": resolve(position.get("stance")),
                    "evidence": [resolve(e) for e in as_list(position.get("evidence"))],
                }
            )
        evidence = next(iter(map(resolve, as_list(statement.get("evidence")))), None)
        at = _evidence_of(evidence)
        rows.append(
            {
                "statement": statement,
                "key": str(statement.get("id", "")).rstrip("/").rsplit("/", 1)[-1],
                "issuers": [resolve(i) for i in as_list(statement.get("issuer"))],
                "speaker": quote_parts(evidence),
                "at": at[1] if at else None,
                "cells": cells,
            }
        )
    rows.sort(key=lambda r: (r["at"] is None, r["at"] or 0, name_of(r["statement"], lang)))
    return {
        "rows": rows,
        "topics": sorted(topics.items(), key=lambda kv: name_of(kv[1], lang)),
    }


def spoken_at(instrument: Any, meetings: list[Any]) -> list[Any]:
    """The meetings where a statement was an intervention (``iis:madeAt``, as the extractor
    linked it): the node from ``meetings`` when the page holds it, else what ``madeAt``
    says of it.

    >>> statement = {"madeAt": {"id": "m1", "label": {"en": "UN session"}}}
    >>> [m["id"] for m in spoken_at(statement, [{"id": "m1"}, {"id": "m2"}])]
    ['m1']
    >>> spoken_at({"madeAt": "m3"}, [])
    [{'id': 'm3'}]
    """
    if not isinstance(instrument, Mapping):
        return []
    known = {str(m.get("id", "")): m for m in meetings if isinstance(m, Mapping)}
    out = []
    for made in as_list(instrument.get("madeAt")):
        key = str(made.get("id", "")) if isinstance(made, Mapping) else str(made)
        out.append(known.get(key) or (made if isinstance(made, Mapping) else {"id": key}))
    return out


def in_page_language_first(
    positions: list[Any], resolve: Callable[[Any], Any], lang: str
) -> list[Any]:
    """Positions by topic, those quoted from a source in the page's language first (where an
    English and a Russian report of one instrument state the same position, the reader's
    language leads and the other follows)."""

    def order(position: Any) -> tuple[str, bool]:
        source = resolve(_source_of(position))
        language = pick(source.get("language", ""), "en") if isinstance(source, Mapping) else ""
        return (name_of(position.get("topic", ""), lang), language != lang)

    return sorted((p for p in positions if isinstance(p, Mapping)), key=order)


def _source_of(position: Mapping[str, Any]) -> Any:
    for evidence in as_list(position.get("evidence")):
        if isinstance(evidence, Mapping):
            source = evidence.get("hasSource")
            return source.get("id") if isinstance(source, Mapping) else source
    return None


def pivot(tallies: list[Any], lang: str) -> dict[str, Any]:
    """Holder tallies as a table: states (rows), topics (columns), and per cell the number of
    positions by stance."""
    states: dict[str, Any] = {}
    topics: dict[str, Any] = {}
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for tally in tallies:
        if not isinstance(tally, Mapping):
            continue
        state, topic = tally.get("tallyHolder"), tally.get("tallyTopic")
        stance = tally.get("stance")
        if not (
            isinstance(state, Mapping)
            and isinstance(topic, Mapping)
            and isinstance(stance, Mapping)
        ):
            continue
        code, key = str(state.get("publicId", "")), str(topic.get("publicId", ""))
        states[code], topics[key] = state, topic
        cell = cells.setdefault((code, key), {})
        cell[str(stance.get("publicId", ""))] = int(tally.get("positionCount", 0))
    return {
        "states": sorted(states.items(), key=lambda kv: name_of(kv[1], lang)),
        "topics": sorted(topics.items(), key=lambda kv: name_of(kv[1], lang)),
        "cells": cells,
        "most": max((sum(c.values()) for c in cells.values()), default=1),
    }


# How the compared states stand on a topic, the strongest difference first: one supports
# what another opposes; all hold positions but not the same stances; all hold the same ones;
# some have no known position (which is not a difference: nothing is known of them).
AGREEMENTS = ("opposed", "different", "same", "partial")
OPPOSITES = ("supports", "opposes")


def agreement(held: list[frozenset[str]]) -> str:
    """How states that hold these stances (one set per state, empty: no known position) stand.

    >>> agreement([frozenset({"supports"}), frozenset({"opposes"})])
    'opposed'
    >>> agreement([frozenset({"supports"}), frozenset()])
    'partial'
    >>> agreement([frozenset({"supports"}), frozenset({"supports", "concerned"})])
    'different'
    """
    known = [stances for stances in held if stances]
    support, oppose = OPPOSITES
    for one in known:
        for other in known:
            if one is not other and support in one and oppose in other:
                return "opposed"
    if len(known) < len(held):
        return "partial"
    return "same" if len(set(known)) == 1 else "different"


def side_by_side(tallies: list[Any], compared: list[Any], lang: str) -> dict[str, Any]:
    """Holder tallies of a few states as rows of topics: per topic, per state (the
    ``compared`` ones in their order: nodes, or codes) its tallies by stance, and how the
    states stand on it (``agreement``: opposed, different, same, or partial when some have no
    known position, named in ``missing``); opposed stances first."""
    states: dict[str, Any] = {}
    for node in compared:
        code = str(node.get("publicId", "")) if isinstance(node, Mapping) else name_of(node, lang)
        states[code] = node
    rows: dict[str, dict[str, Any]] = {}
    for tally in tallies:
        if not isinstance(tally, Mapping):
            continue
        state, topic, stance = (tally.get(k) for k in ("tallyHolder", "tallyTopic", "stance"))
        if not all(isinstance(x, Mapping) for x in (state, topic, stance)):
            continue
        code, key = str(state.get("publicId", "")), str(topic.get("publicId", ""))  # type: ignore[union-attr]
        if not isinstance(states.get(code), Mapping):
            states[code] = state
        row = rows.setdefault(key, {"key": key, "topic": topic, "cells": {}})
        row["cells"].setdefault(code, []).append(tally)
    codes = list(states)
    for row in rows.values():
        held = [
            frozenset(str(t["stance"].get("publicId")) for t in row["cells"].get(code, []))
            for code in codes
        ]
        row["agreement"] = agreement(held)
        row["differ"] = row["agreement"] in ("opposed", "different")
        row["missing"] = [states[code] for code, h in zip(codes, held, strict=True) if not h]
        row["total"] = sum(
            int(t.get("positionCount", 0)) for ts in row["cells"].values() for t in ts
        )
    return {
        "states": [(code, states[code]) for code in codes],
        "rows": sorted(
            rows.values(),
            key=lambda r: (AGREEMENTS.index(r["agreement"]), -r["total"], r["key"]),
        ),
    }


def node_index(body: Any) -> dict[str, Mapping[str, Any]]:
    """Every node of a JSON-LD tree by its id (the fullest copy): a node embedded once is
    elsewhere only its id, and a page resolves it here."""
    index: dict[str, Mapping[str, Any]] = {}
    stack = [body]
    while stack:
        value = stack.pop()
        if isinstance(value, Mapping):
            key = value.get("id")
            if isinstance(key, str) and len(value) > len(index.get(key, {})):
                index[key] = value
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return index


def by_region(
    holders: list[Any], resolve: Callable[[Any], Any], lang: str, width: int = 720
) -> dict[str, Any]:
    """The holders of a stance (holder tallies) grouped by UN M49 subregion for a chart: per
    region its continent, its states that hold the stance, how many states it has, and a bar
    as long as their share; regions in continent order, the largest share first within."""
    groups: dict[str, dict[str, Any]] = {}
    for tally in holders:
        state = resolve(tally.get("tallyHolder")) if isinstance(tally, Mapping) else None
        if not isinstance(state, Mapping):
            continue
        region = resolve(state.get("region"))
        if not isinstance(region, Mapping):
            continue
        group = groups.setdefault(
            str(region.get("id")),
            {"region": region, "continent": resolve(region.get("broader")), "states": []},
        )
        group["states"].append(state)
    label_width, chart = 220, width - 220 - 200
    rows = []
    for group in groups.values():
        total = int(group["region"].get("stateCount", 0)) or len(group["states"])
        share = len(group["states"]) / total
        rows.append(
            {
                **group,
                "total": total,
                "share": share,
                "x": label_width,
                "width": max(round(chart * share, 1), 2),
                "states": sorted(group["states"], key=lambda s: name_of(s, lang)),
            }
        )
    rows.sort(
        key=lambda r: (name_of(r["continent"], lang), -r["share"], name_of(r["region"], lang))
    )
    return {"rows": rows, "width": width, "label_width": label_width, "chart": chart}


def _year(day: str) -> float | None:
    """A date as a fractional year (2017-06-09 → 2017.44); None when it is not a full date."""
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", day)
    if not found:
        return None
    year, month, dom = (int(g) for g in found.groups())
    return year + (month - 1) / 12 + (dom - 1) / 365


def membership_rows(
    memberships: list[Any], side: str, lang: str, today: str, width: int = 640
) -> dict[str, Any]:
    """Memberships laid out for an SVG timeline: one row per membership, named by its
    ``side`` ("member" or "organization"), a bar from its start to its end (or today), and
    a tick every few years. Memberships without a full start date are left out."""
    rows = []
    for membership in memberships:
        if not isinstance(membership, Mapping):
            continue
        period = membership.get("memberDuring", {})
        if not isinstance(period, Mapping):
            continue
        start = _year(str(_instant(period.get("hasBeginning"))))
        end_text = _instant(period.get("hasEnd"))
        if start is None:
            continue
        rows.append(
            {
                "who": membership.get(side, {}),
                "start": start,
                "end": _year(end_text) if end_text else None,
                "from": _instant(period.get("hasBeginning")),
                "to": end_text,
                "role": membership.get("membershipRole", ""),
            }
        )
    now = _year(today) or 2000.0
    first = min((r["start"] for r in rows), default=now - 1)
    low, high = int(first), int(now) + 1
    span = max(high - low, 1)
    label_width, chart = 200, width - 200 - 10

    def x(year: float) -> float:
        return round(label_width + chart * (year - low) / span, 1)

    rows.sort(key=lambda r: (r["start"], name_of(r["who"], lang)))
    for r in rows:
        r["x"] = x(r["start"])
        r["width"] = max(round(x(r["end"] if r["end"] is not None else now) - r["x"], 1), 2)
    step = next((s for s in (1, 2, 5, 10, 20, 50) if span / s <= 8), 100)
    ticks = [{"year": y, "x": x(y)} for y in range(low - low % step + step, high + 1, step)]
    return {"rows": rows, "ticks": ticks, "width": width, "label_width": label_width}


def _instant(node: Any) -> str:
    if isinstance(node, Mapping):
        return pick(node.get("inXSDDate", ""), "en")
    return ""


NAMES = ("label", "title", "prefLabel")


def translated_title(title: str, lang: str) -> str:
    """A title a view built in English, its known words and phrases (whole words only, the
    longest first) translated into ``lang``."""
    words = phrases(lang)
    if title in words:
        return words[title]
    for phrase, translation in words.items():
        if len(phrase) > 3:
            pattern = rf"(?<!\w){re.escape(phrase)}(?!\w)"
            title = re.sub(pattern, translation.replace("\\", "\\\\"), title)
    return title


class Pages:
    """Renders templates for one request: its language, its links kept on this server."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.lang = language(request)
        self.base = str(request.base_url)
        self.data_base = request.app.state.settings.base

    def href(self, iri: Any) -> str:
        """A link for a thing's IRI: its page on this server (through /id/...), in the page's
        language."""
        text = iri.get("id", "") if isinstance(iri, Mapping) else str(iri)
        if text.startswith(self.data_base):
            return self.local(self.base + text[len(self.data_base) :])
        if text.startswith(self.base):
            return self.local(text)
        # only the web's own schemes: an IRI from the data is never a javascript: link
        return text if text.lower().startswith(("http://", "https://")) else ""

    def heading(self, title: str, body: Any) -> str:
        """A page's title in its language: the thing's own name in it, else the view's title
        (built in English by the view) with its known words translated, else the thing's
        name in another language."""
        if isinstance(body, Mapping):
            for key in ("label", "prefLabel", "title"):
                text = in_language(body, key, self.lang)
                if text:
                    return text
            named = name_of(body, self.lang) if any(k in body for k in NAMES) else ""
            if named and named != title:
                return named
        return translated_title(title, self.lang)

    def local(self, url: Any) -> str:
        """A link of this server (a page of a list the API gave) with the page's language
        kept: the link alone opens the page in it, whoever follows it."""
        text = str(url)
        if self.lang == "en" or not text.startswith(self.base):
            return text
        parts = urlsplit(text)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
        query.append(("lang", self.lang))
        return urlunsplit(parts._replace(query=urlencode(query)))

    @staticmethod
    def number(url: Any) -> str:
        """The page number of a list page's URL."""
        found = re.search(r"[?&]page=(\d+)", str(url))
        return found.group(1) if found else "1"

    def url(self, path: str, **params: Any) -> str:
        """A local URL with the page's language and the given query parameters."""
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if self.lang != "en":
            query.setdefault("lang", self.lang)
        return self.base + path.lstrip("/") + (f"?{urlencode(query)}" if query else "")

    def render(self, template: str, **context: Any) -> str:
        current = self.request.url
        alternates = [
            (media, label, str(current.include_query_params(format=suffix)))
            for media, suffix, label in ALTERNATES
        ]
        languages = [(lang, str(current.include_query_params(lang=lang))) for lang in LANGUAGES]
        index = node_index(context.get("body"))

        def resolve(value: Any) -> Any:
            """A node for a value that may be only its id."""
            if isinstance(value, str):
                return index.get(value, value)
            if isinstance(value, list):
                return [resolve(v) for v in value]
            return value

        return (
            environment(self.lang)
            .get_template(template)
            .render(
                page=self,
                lang=self.lang,
                alternates=alternates,
                languages=languages,
                request_args=self.request.query_params,
                resolve=resolve,
                path=self.request.url.path,
                filters=filters_of(self.request),
                **context,
            )
        )


@lru_cache(maxsize=len(LANGUAGES))
def environment(lang: str) -> Environment:
    """The templates with ``lang``'s words: ``_()``, ``gettext()`` and ``ngettext()`` (the
    plural forms of the catalog, three in Russian) through Jinja2's i18n extension."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["as_list"] = as_list
    env.globals["highlighted"] = highlighted
    env.globals["quote_parts"] = quote_parts
    env.globals["turn_of"] = turn_of
    env.globals["span_anchor"] = span_anchor
    env.globals["interventions"] = interventions
    env.globals["spoken_at"] = spoken_at
    env.globals["original_titles"] = original_titles
    env.globals["in_page_language_first"] = in_page_language_first
    env.globals["pivot"] = pivot
    env.globals["membership_rows"] = membership_rows
    env.globals["side_by_side"] = side_by_side
    env.globals["by_region"] = by_region
    env.globals["stance_headings"] = STANCE_HEADINGS
    env.tests["match"] = lambda value, pattern: re.match(pattern, str(value)) is not None
    env.globals["today"] = lambda: date.today().isoformat()
    env.filters["newest_first"] = newest_first
    env.filters["latest_date"] = latest_date
    env.filters["pick"] = lambda values, lang: pick(values, lang)
    env.filters["name"] = lambda node, lang: name_of(node, lang)
    env.filters["in_case"] = lambda name, case: named_in_case(name, case, lang)
    env.filters["by_name"] = lambda nodes, lang: sorted(nodes, key=lambda n: name_of(n, lang))
    return env
