"""A meeting with its interventions (issue 19, item 5): the statements its delegations made,
read from its record, as a matrix of delegations × topics; each quote opens the speaker's turn
in the record; a state page marks its interventions among its instruments."""

from __future__ import annotations

import html
import re

from api.pages import interventions, spoken_at, turn_of
from graph.store import Store
from tests.conftest import InProcessServer, Served

FIRST_COMMITTEE = "/meetings/idn-rus-usa-2016-10-24"  # 2016: the NAM through Indonesia, USA, Russia
LIKE_MINDED = "/meetings/bdi-blr-chn-cub-eri-irn-nic-prk-rus-syr-ven-zwe-2024-07-11"
AD_HOC = "/meetings/bfa-cri-ecu-syr-2024-08-09"


def page(server: Served, path: str, **params: str) -> str:
    answer = server.client.get(path, params=params, headers={"Accept": "text/html"})
    assert answer.status_code == 200, answer.text
    return answer.text


def rows(text: str) -> list[str]:
    """The statements of a meeting's matrix, in its order."""
    matrix = text.split('<table class="meeting-matrix">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr data-statement="([^"]+)"', matrix)


def cell(text: str, statement: str, topic: str) -> str:
    row = text.split(f'<tr data-statement="{statement}">', 1)[1].split("</tr>", 1)[0]
    return row.split(f'<td data-topic="{topic}">', 1)[1].split("</td>", 1)[0]


def test_a_meeting_page_lists_each_delegation_in_the_order_it_spoke(
    records_server: Served,
) -> None:
    text = page(records_server, FIRST_COMMITTEE)
    assert rows(text) == [
        "nonaligned-2016-10-24-statement",
        "usa-2016-10-24-statement",
        "rus-2016-10-24-statement",
    ]


def test_a_group_speaking_through_one_state_is_an_intervention_of_the_group(
    records_server: Served,
) -> None:
    """Indonesia is the participant; the Non-Aligned Movement issues the statement (read as a
    speech): its row is the group's, and the words that name its speaker say who spoke."""
    text = page(records_server, FIRST_COMMITTEE)
    turn = text.split('id="turn-nonaligned-2016-10-24-statement"', 1)[1].split("</li>\n  <li", 1)[0]
    assert "Non-Aligned Movement" in turn
    assert "<mark>Indonesia’s representative</mark>" in html.unescape(turn)


def test_each_cell_shows_the_stance_and_links_to_its_quote_on_the_page(
    records_server: Served,
) -> None:
    text = page(records_server, FIRST_COMMITTEE)
    found = cell(text, "rus-2016-10-24-statement", "state-sovereignty")
    assert "supports" in found
    anchor = re.search(r'href="#([^"]+)"', found)
    assert (
        anchor is not None and anchor.group(1) == "turn-rus-2016-10-24-statement-state-sovereignty"
    )
    quote = text.split(f'id="{anchor.group(1)}"', 1)[1].split("</li>", 1)[0]
    assert "<mark>undermined the security and sovereignty of States</mark>" in quote
    assert cell(text, "usa-2016-10-24-statement", "state-sovereignty").strip() == ""


def test_a_like_minded_group_is_one_delegation_of_its_states(records_server: Served) -> None:
    text = page(records_server, LIKE_MINDED)
    (statement,) = rows(text)
    heading = text.split('<table class="meeting-matrix">', 1)[1].split("</tr>", 2)[1]
    assert all(name in heading for name in ("Belarus", "China", "Russia", "Zimbabwe"))
    assert "supports" in cell(text, statement, "legally-binding-instrument")


def test_a_delegation_with_no_position_read_is_listed_and_says_so(
    records_server: Served,
) -> None:
    text = page(records_server, AD_HOC)
    assert rows(text)[-1] == "bfa-2024-08-09-statement"
    turn = text.split('id="turn-bfa-2024-08-09-statement"', 1)[1]
    assert "No position was read from this intervention." in turn.split("</li>", 1)[0]


def test_the_meeting_document_links_its_interventions(records_server: Served) -> None:
    """The machine twin says what the page shows: the meeting ``seeAlso`` each statement,
    with its positions and their evidence."""
    doc = records_server.client.get(FIRST_COMMITTEE, headers={"Accept": "application/ld+json"})
    statements = {s["id"].rsplit("/", 1)[-1]: s for s in doc.json()["seeAlso"]}
    assert set(statements) == {
        "nonaligned-2016-10-24-statement",
        "usa-2016-10-24-statement",
        "rus-2016-10-24-statement",
    }
    russia = statements["rus-2016-10-24-statement"]
    assert {p["topic"]["publicId"] for p in russia["positions"]} == {
        "ict-threats",
        "peaceful-use",
        "state-sovereignty",
    }


def test_a_meeting_whose_text_made_no_speech_has_no_matrix(corpus_server: Served) -> None:
    """The founding texts report talks and a CIS session with a joint statement: no
    delegation took the floor in them."""
    listed = corpus_server.client.get("/meetings", headers={"Accept": "application/ld+json"})
    keys = [m["id"].rsplit("/", 1)[-1] for m in listed.json()["items"]]
    assert keys
    for key in keys:
        assert 'class="meeting-matrix"' not in page(corpus_server, f"/meetings/{key}")


def test_a_quote_opens_its_span_on_the_records_review_page(records_server: Served) -> None:
    text = page(records_server, FIRST_COMMITTEE)
    links = re.findall(r'<a class="turn" href="([^"]+)"', text)
    assert len(links) == 7  # one per position of the three interventions
    for link in links:
        path, anchor = link.removeprefix(InProcessServer.url).split("#")
        assert path == "/sources/03_undis-first-committee-2016/review"
        start, end = (int(n) for n in anchor.removeprefix("at-").split("-"))
        review = page(records_server, path)
        mark = re.search(rf'<mark id="{anchor}"[^>]*>([^<]*)</mark>', review)
        assert mark is not None, anchor
        assert f'data-start="{start}" data-end="{end}"' in mark.group(0)


def test_a_russian_page_links_quotes_to_the_russian_review_page(records_server: Served) -> None:
    text = page(records_server, FIRST_COMMITTEE, lang="ru")
    assert "Выступления" in text and "делегация" in text
    link = re.search(r'<a class="turn" href="([^"]+)"', text)
    assert link is not None and re.search(r"/review\?lang=ru#at-\d+-\d+$", html.unescape(link[1]))


def test_the_supporters_quotes_open_the_speakers_turn(records_server: Served) -> None:
    text = page(records_server, "/topics/legally-binding-instrument/supporters")
    """The like-minded group's twelve states support one (the Non-Aligned Movement's members
    are not in the reference data: its statement has no holder)."""
    links = re.findall(r'<a class="turn" href="[^"]+/sources/([^"/]+)/review#(at-[\d-]+)"', text)
    assert set(links) == {("07_digwatch-oewg8-like-minded", "at-1327-1358")}
    assert len(links) == 12


def test_a_review_page_anchors_a_span_inside_an_earlier_one_on_its_row() -> None:
    """Two positions of one span (or one inside another) have one mark: the anchor of the
    other is its row in the table."""
    from api.pages import environment

    review = {
        "key": "s",
        "name": "s.txt",
        "source": "https://w3id.org/iisgraph/id/source/s",
        "text": "abcdefghij",
        "reviewed": 0,
        "positions": [
            {"id": "p1", "start": 0, "end": 6, "status": "extracted", "acts": []},
            {"id": "p2", "start": 2, "end": 4, "status": "extracted", "acts": []},
        ],
    }
    review["pieces"] = [
        {"text": "abcdef", "start": 0, "position": review["positions"][0]},
        {"text": "ghij", "start": 6},
    ]

    class Page:
        base = "/"

        @staticmethod
        def url(path: str) -> str:
            return path

    template = environment("en").get_template("review_source.html")
    context = {"review": review, "concepts": {"topics": [], "stances": []}, "reasons": []}
    context |= {"page": Page(), "lang": "en", "text_lang": "en"}
    text = "".join(template.blocks["content"](template.new_context(context)))
    assert re.findall(r'id="(at-[\d-]+)"', text) == ["at-0-6", "at-2-4"]
    assert '<tr id="at-2-4"' in text


def test_interventions_resolve_nodes_given_by_their_id() -> None:
    topic = {"id": "t", "publicId": "cooperation", "label": {"en": "cooperation"}}
    body = {
        "seeAlso": [
            {
                "id": "https://w3id.org/iisgraph/id/instrument/b",
                "type": ["Instrument"],
                "positions": [{"id": "p2", "topic": "t", "stance": "s"}],
                "evidence": {"hasSource": "x", "hasSelector": [{"start": 50, "end": 60}]},
            },
            {
                "id": "https://w3id.org/iisgraph/id/instrument/a",
                "type": ["Instrument"],
                "positions": [{"id": "p1", "topic": topic, "stance": "s"}],
                "evidence": {"hasSource": "x", "hasSelector": [{"start": 5, "end": 9}]},
            },
        ]
    }
    found = interventions(body, "en")
    assert [r["key"] for r in found["rows"]] == ["a", "b"]
    assert found["rows"][1]["cells"]["cooperation"][0]["topic"] == topic
    assert found["topics"] == [("cooperation", topic)]


def test_a_quote_without_offsets_or_source_has_no_turn() -> None:
    assert turn_of({"hasSource": "https://w3id.org/iisgraph/id/source/s"}) is None
    assert turn_of({"hasSelector": [{"start": 1, "end": 2}]}) is None


def test_a_statement_made_at_no_meeting_is_no_intervention() -> None:
    joint = {"instrumentType": {"publicId": "joint-statement"}, "wasDerivedFrom": {"id": "r"}}
    assert spoken_at(joint, [{"id": "m", "wasDerivedFrom": {"id": "r"}}]) == []


def test_a_state_page_marks_its_interventions_among_its_instruments(
    records_store: Store,
) -> None:
    with InProcessServer(records_store) as server:  # a cache of its own
        text = page(server, "/states/RUS")
    marked = re.findall(
        r'<li class="holding" data-instrument="[^"]+/instrument/([^"]+)">(?:(?!</li>).)*?'
        r'intervention at <a href="[^"]+/meeting/([^"#]+)#interventions"',
        text,
        flags=re.S,
    )
    assert ("rus-2016-10-24-statement", "idn-rus-usa-2016-10-24") in marked
    assert len(marked) == 2  # and the like-minded group's statement of 2024


def test_a_state_page_marks_no_joint_statement_as_an_intervention(corpus_server: Served) -> None:
    assert "intervention at" not in page(corpus_server, "/states/UZB")
