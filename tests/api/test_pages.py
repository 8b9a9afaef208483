"""How pages turn the views' JSON-LD into what an analyst reads."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from fastapi.dependencies.models import Dependant

from api.app import create_app
from api.language import LOCALE, translations
from api.pages import (
    TEMPLATES,
    environment,
    membership_rows,
    name_of,
    node_index,
    pivot,
    route_filters,
    side_by_side,
)
from api.params import asked_period, list_request
from graph.settings import Settings
from graph.store import Store
from tests.api.test_openapi import api_routes
from tests.conftest import Served

ROOT = Path(__file__).resolve().parents[2]


def concept(key: str, en: str, ru: str | None = None) -> dict[str, Any]:
    return {
        "id": f"https://w3id.org/iisgraph/id/x/{key}",
        "publicId": key,
        "label": {"en": en, "ru": ru or en},
    }


def tally(state: str, topic: str, stance: str, count: int) -> dict[str, Any]:
    return {
        "tallyHolder": concept(state, state),
        "tallyTopic": concept(topic, topic),
        "stance": concept(stance, stance),
        "positionCount": count,
    }


def messages(path: Path) -> dict[tuple[str | None, str], Any]:
    """A catalog's messages by context and id (a plural's id is its singular: ``state`` and
    ``states`` are one entry)."""
    with path.open("rb") as po:
        return {(m.context, singular(m.id)): m for m in read_po(po) if m.id}


def extracted() -> set[tuple[str | None, str]]:
    """The words of api/ as `make messages` gathers them (pyproject.toml [tool.babel])."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["babel"]
    methods = [(m["pattern"], m["method"]) for m in config["mappings"]]
    methods = [(p, config["extractors"].get(m, m)) for p, m in methods]
    options = {
        m["pattern"]: {k: v for k, v in m.items() if k not in ("pattern", "method")}
        for m in config["mappings"]
    }
    found = extract_from_dir(ROOT, methods, options)
    return {(context, singular(message)) for _, _, message, _, context in found}


def singular(message: Any) -> str:
    return message if isinstance(message, str) else str(message[0])


def test_the_catalog_template_holds_every_word_of_the_pages() -> None:
    """A word added to a template or marked with N_() is in messages.pot (`make messages`)."""
    in_template = set(messages(LOCALE / "messages.pot"))
    assert sorted(extracted() - in_template, key=str) == []
    assert sorted(in_template - extracted(), key=str) == [], "stale: run make messages"


def test_every_word_of_the_catalog_template_has_a_russian_translation() -> None:
    template = messages(LOCALE / "messages.pot")
    russian = messages(LOCALE / "ru" / "LC_MESSAGES" / "messages.po")
    assert template, "the templates translate their words through _() and ngettext()"
    untranslated = []
    for key in template:
        message = russian.get(key)
        forms = (
            message.string
            if message and isinstance(message.id, tuple)
            else [message.string if message else ""]
        )
        if message is None or message.fuzzy or not all(forms):
            untranslated.append(key)
    assert untranslated == []


def test_russian_counts_take_their_three_plural_forms() -> None:
    ru = translations("ru")
    forms = [ru.ngettext("instrument", "instruments", n) for n in (1, 3, 5, 11, 21, 22)]
    assert forms == ["документ", "документа", "документов", "документов", "документ", "документа"]
    assert ru.ngettext("in %(num)d instrument", "in %(num)d instruments", 2) == (
        "в %(num)d документах"
    )


def test_english_pages_show_the_words_as_written() -> None:
    page = environment("en").from_string('{{ _("Topics") }}, {{ ngettext("state", "states", 2) }}')
    assert page.render() == "Topics, states"


def test_no_page_text_is_left_outside_the_catalogs() -> None:
    """Text between tags and in labels of the templates goes through _(); only names of things
    (the project, SPARQL, keys to press) and example values (placeholders) are written as
    they are."""
    names = {"iisgraph", "SPARQL", "OK", "Ctrl", "Enter", "JSON-LD"}
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text()
        attributes = re.findall(r'(?:aria-label|title|alt)="([^"{]*)"', text)
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", text, flags=re.S)
        text = re.sub(r"<script.*?</script>|<[^>]*>", " ", text, flags=re.S)
        words = re.findall(r"[^\W\d_][\w'’-]+", text) + [
            w for a in attributes for w in re.findall(r"[^\W\d_][\w'’-]+", a)
        ]
        assert sorted(set(words) - names) == [], template.name


def is_list(dependant: Dependant) -> bool:
    """Whether a route takes a list request or a period: its page shows a filter form."""
    return dependant.call in (list_request, asked_period) or any(
        is_list(d) for d in dependant.dependencies
    )


def test_every_filter_of_a_list_page_is_labelled_in_russian(store: Store) -> None:
    app = create_app(Settings(store=":memory:"), store)
    russian = {
        key: m
        for (context, key), m in messages(LOCALE / "ru" / "LC_MESSAGES" / "messages.po").items()
        if context is None
    }
    labels = {
        label
        for route in api_routes(app.routes)
        if is_list(route.dependant)
        for f in route_filters(route)
        for label in (f.label, *f.choices)
    }
    assert {"issuer", "from", "supports"} <= labels
    assert sorted(label for label in labels if not getattr(russian.get(label), "string", "")) == []


def test_a_meeting_without_a_name_is_called_by_its_kind_and_place() -> None:
    meeting = {
        "meetingKind": concept("talks", "talks", "переговоры"),
        "place": concept("moscow", "Moscow", "Москва"),
    }
    assert name_of(meeting, "en") == "talks, Moscow"
    assert name_of(meeting, "ru") == "переговоры, Москва"


def test_pivot_puts_each_tally_in_its_state_and_topic_cell() -> None:
    table = pivot(
        [
            tally("RUS", "itu-role", "supports", 4),
            tally("RUS", "itu-role", "opposes", 1),
            tally("USA", "cybercrime", "supports", 2),
        ],
        "en",
    )
    assert [code for code, _ in table["states"]] == ["RUS", "USA"]
    assert table["cells"][("RUS", "itu-role")] == {"supports": 4, "opposes": 1}
    assert ("USA", "itu-role") not in table["cells"]
    assert table["most"] == 5


def test_side_by_side_tells_opposite_stances_from_a_missing_position() -> None:
    """Issue 17, item 4: a topic where one state has no known position is not a difference."""
    table = side_by_side(
        [
            tally("RUS", "itu-role", "supports", 4),
            tally("USA", "itu-role", "opposes", 1),
            tally("RUS", "cybercrime", "supports", 9),
            tally("USA", "cybercrime", "supports", 1),
            tally("RUS", "sovereignty", "supports", 3),
            tally("RUS", "ict-threats", "concerned", 2),
            tally("USA", "ict-threats", "concerned", 2),
            tally("USA", "ict-threats", "supports", 1),
        ],
        ["USA", "RUS"],
        "en",
    )
    assert [code for code, _ in table["states"]] == ["USA", "RUS"]
    assert [(row["key"], row["agreement"], row["differ"]) for row in table["rows"]] == [
        ("itu-role", "opposed", True),
        ("ict-threats", "different", True),
        ("cybercrime", "same", False),
        ("sovereignty", "partial", False),
    ]
    assert [s["publicId"] for s in table["rows"][-1]["missing"]] == ["USA"]


def test_side_by_side_keeps_a_compared_state_without_any_position() -> None:
    usa = concept("USA", "United States", "США")
    table = side_by_side([tally("RUS", "itu-role", "supports", 4)], [usa, "RUS"], "en")
    assert [code for code, _ in table["states"]] == ["USA", "RUS"]
    assert table["rows"][0]["agreement"] == "partial"
    assert table["rows"][0]["missing"] == [usa]


def test_membership_rows_run_from_start_to_end_or_today_and_skip_unknown_starts() -> None:
    def membership(who: str, start: str | None, end: str | None = None) -> dict[str, Any]:
        period: dict[str, Any] = {}
        if start:
            period["hasBeginning"] = {"inXSDDate": start}
        if end:
            period["hasEnd"] = {"inXSDDate": end}
        return {"member": concept(who, who), "memberDuring": period}

    layout = membership_rows(
        [
            membership("PAK", "2017-06-09"),
            membership("RUS", "2001-06-15", "2014-03-24"),
            membership("XXX", None),
        ],
        "member",
        "en",
        today="2026-01-01",
    )
    rows = layout["rows"]
    assert [r["who"]["publicId"] for r in rows] == ["RUS", "PAK"]
    russia, pakistan = rows
    assert russia["to"] == "2014-03-24" and pakistan["to"] == ""
    assert russia["x"] < russia["x"] + russia["width"] < pakistan["x"]  # ended before
    assert pakistan["x"] + pakistan["width"] <= layout["width"]
    years = [t["year"] for t in layout["ticks"]]
    assert years == sorted(years) and years[0] > 2001 and years[-1] <= 2027


def test_node_index_finds_a_node_embedded_once_by_its_id() -> None:
    org = concept("SCO", "Shanghai Cooperation Organisation")
    body = {
        "memberships": [{"id": "m1", "organization": org}],
        "holdings": [{"viaMembership": "m1"}],
    }
    index = node_index(body)
    assert index["m1"]["organization"] == org


RUSSIAN_PAGES = ("/", "/states/RUS", "/compare?states=RUS,CHN", "/agreements/sco-2009-iis")


def page_links(html: str, base: str) -> set[str]:
    """The links of a page to pages of this server: not the language switch (``hreflang``),
    not the machine twins (``type=``), not assets."""
    links = set()
    for tag in re.findall(r"<a\s[^>]*>", html):
        href = re.search(r'href="([^"#]*)"', tag)
        if not href or "hreflang=" in tag or " type=" in tag:
            continue
        url = href.group(1).replace("&amp;", "&")
        if url.startswith(base) and "/static/" not in url:
            links.add(url)
    return links


def test_issue_17_every_link_of_a_russian_page_keeps_russian(corpus_server: Served) -> None:
    """Issue 17, item 7: ``?lang=ru`` was dropped by 29 of 69 links of the home page. Each link
    carries the language itself (the client keeps no cookie) and opens a Russian page."""
    client = corpus_server.client
    followed: set[str] = set()
    for path in RUSSIAN_PAGES:
        sep = "&" if "?" in path else "?"
        html = client.get(f"{path}{sep}lang=ru", headers={"Accept": "text/html"}).text
        links = page_links(html, corpus_server.url)
        assert len(links) > 10, path
        assert sorted(link for link in links if "lang=ru" not in link) == [], path
        followed |= links
    for link in sorted(followed):
        response = client.get(link, headers={"Accept": "text/html"}, follow_redirects=True)
        assert response.status_code == 200, link
        assert '<html lang="ru">' in response.text, link


# the nouns the pages count, as pymorphy3 (an oracle apart from the catalogs) agrees them
COUNTED_NOUNS = ("государство", "документ", "позиция", "соглашение", "встреча", "тема")


def test_russian_pages_agree_nouns_with_their_numbers(corpus_server: Served) -> None:
    """Issue 17, item 7: "10 государства", "1 позиций в 1 документов"."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    checked = 0
    for path in (*RUSSIAN_PAGES, "/states", "/topics/itu-role", "/topics/itu-role/supporters"):
        sep = "&" if "?" in path else "?"
        html = corpus_server.client.get(f"{path}{sep}lang=ru", headers={"Accept": "text/html"})
        text = re.sub(r"<[^>]+>", " ", html.text)
        for preposition, number, word in re.findall(r"(?<![\d.:/-])(в\s+)?(\d+)\s+([а-яё]+)", text):
            parse = morph.parse(word)[0]
            if parse.normal_form not in COUNTED_NOUNS:
                continue
            n = int(number)
            lemma = parse.inflect({"sing", "nomn"})
            if preposition:  # в 1 документе, в 3 документах
                one = n % 10 == 1 and n % 100 != 11
                agreed = lemma.inflect({"loct", "sing" if one else "plur"}).word
            else:
                agreed = lemma.make_agree_with_number(n).word
            assert word == agreed, f"{path}: {number} {word} (should be {number} {agreed})"
            checked += 1
    assert checked > 20


def test_english_pages_agree_nouns_with_their_numbers(corpus_server: Served) -> None:
    """Issue 17, item 7: "1 positions in 1 instruments"."""
    html = corpus_server.client.get("/topics/itu-role", headers={"Accept": "text/html"}).text
    text = re.sub(r"<[^>]+>", " ", html)
    pairs = re.findall(r"\b(\d+) (states?|positions?|instruments?)\b", text)
    assert pairs
    for number, word in pairs:
        assert word.endswith("s") == (number != "1"), f"{number} {word}"


def test_russian_pages_put_an_organization_in_the_case_its_phrase_needs(
    corpus_server: Served,
) -> None:
    """Issue 17, item 7: "как член Организация Договора о коллективной безопасности"."""
    html = corpus_server.client.get(
        "/topics/itu-role/supporters?lang=ru", headers={"Accept": "text/html"}
    ).text
    bonds = " ".join(re.findall(r'<span class="bond">(.*?)</span>', html, re.S))
    assert "как член Организации Договора о коллективной безопасности" in bonds
    assert "как член Шанхайской организации сотрудничества" in bonds
    assert "как член Организация" not in bonds
