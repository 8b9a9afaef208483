"""How pages turn the views' JSON-LD into what an analyst reads."""

from __future__ import annotations

import re
from typing import Any

from api.pages import (
    TEMPLATES,
    WORDS,
    membership_rows,
    name_of,
    node_index,
    pivot,
    side_by_side,
)


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


def test_every_word_the_templates_use_has_a_russian_translation() -> None:
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""page\.word\(["']([^"']+)["']\)""", template.read_text()))
    assert used, "the templates translate their words through page.word"
    assert sorted(used - set(WORDS["ru"])) == []


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


def test_side_by_side_puts_topics_where_states_differ_first() -> None:
    table = side_by_side(
        [
            tally("RUS", "itu-role", "supports", 4),
            tally("USA", "itu-role", "opposes", 1),
            tally("RUS", "cybercrime", "supports", 9),
            tally("USA", "cybercrime", "supports", 1),
        ],
        ["USA", "RUS"],
        "en",
    )
    assert [code for code, _ in table["states"]] == ["USA", "RUS"]
    assert [(row["key"], row["differ"]) for row in table["rows"]] == [
        ("itu-role", True),
        ("cybercrime", False),
    ]


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
