"""The curated endpoints, on the bundled corpus."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rdflib import Graph, URIRef

from tests.conftest import Served

BASE = "https://w3id.org/iisgraph/"
ITU_SUPPORTERS = ["ARM", "BLR", "CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def items(body: dict[str, Any]) -> list[dict[str, Any]]:
    return as_list(body.get("items", []))


def every_item(server: Served, path: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The first page of a list and the items of all its pages."""
    pages: list[dict[str, Any]] = []
    while not pages or sum(len(items(p)) for p in pages) < pages[0]["totalItems"]:
        joined = "&" if "?" in path else "?"
        page = f"{path}{joined}per_page=500&page={len(pages) + 1}"
        pages.append(server.client.get(page).json())
        assert items(pages[-1]), path
    return pages[0], [item for page in pages for item in items(page)]


def test_supporters_of_an_itu_role_are_the_states_with_instruments_quotes_and_bonds(
    corpus_server: Served,
) -> None:
    response = corpus_server.client.get("/topics/itu-role/supporters")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/ld+json")
    body = response.json()
    assert [s["publicId"] for s in items(body)] == ITU_SUPPORTERS
    assert body["totalItems"] == len(ITU_SUPPORTERS)
    bonds = set()
    for state in items(body):
        for holding in as_list(state["holdings"]):
            (instrument,) = holding["holdingOf"]
            assert instrument["date"], state["publicId"]
            quotes = [
                sel["exact"]
                for pos in as_list(instrument["positions"])
                for sel in as_list(pos["evidence"]["hasSelector"])
                if "exact" in sel
            ]
            assert quotes, f"{state['publicId']}: no quote"
            if holding["namedInText"]:
                bonds.add("named")
            else:
                membership = holding["viaMembership"]
                assert membership["organization"]["publicId"] in {"SCO", "CSTO", "CIS", "BRICS"}
                assert membership["memberDuring"]["hasBeginning"]["inXSDDate"]
                bonds.add("membership")
    assert bonds == {"named", "membership"}


def test_supporters_carry_counts_kept_at_ingest_and_link_to_all_positions(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get("/topics/itu-role/supporters?instruments_per_state=1").json()
    for state in items(body):
        assert len(as_list(state["holdings"])) == 1
        (tally,) = state["holderTallies"]
        assert tally["positionCount"] >= tally["instrumentCount"] >= 1
        (more,) = as_list(state["seeAlso"])
        listed, positions = every_item(corpus_server, more.removeprefix(corpus_server.url))
        # a position of an instrument counts once, however many sources quote it: the
        # quotes listed cover exactly the instruments counted, and may be more
        counted = {(p["statedIn"]["id"], p["topic"]["id"], p["stance"]["id"]) for p in positions}
        assert len(counted) == tally["positionCount"] == tally["instrumentCount"], state
        assert listed["totalItems"] >= tally["positionCount"], state["publicId"]


def test_supporters_in_a_period_are_the_states_bound_on_its_dates(
    corpus_server: Served,
) -> None:
    everyone = items(corpus_server.client.get("/topics/itu-role/supporters").json())
    early = items(corpus_server.client.get("/topics/itu-role/supporters?to=2020").json())
    assert 0 < len(early) < len(everyone)
    for state in early:
        for holding in as_list(state["holdings"]):
            assert holding["holdingOf"][0]["date"] <= "2020-12-31"


def test_each_supporter_links_to_its_positions_with_the_pages_topic_stance_and_period(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get("/topics/itu-role/supporters?stance=supports&to=2020").json()
    states = items(body)
    assert states
    for state in states:
        (more,) = as_list(state["seeAlso"])
        assert more == (
            f"{corpus_server.url}/positions?state={state['publicId']}"
            "&topic=itu-role&stance=supports&to=2020"
        )
        _, positions = every_item(corpus_server, more.removeprefix(corpus_server.url))
        assert positions and all(p["statedIn"]["date"] <= "2020-12-31" for p in positions)


def test_supporters_of_an_unknown_topic_is_a_404_problem(corpus_server: Served) -> None:
    response = corpus_server.client.get("/topics/no-such-topic/supporters")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "no-such-topic" in response.json()["detail"]


def test_state_shows_memberships_with_periods_and_quotes_at_their_offsets(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get("/states/RUS").json()
    assert body["id"] == f"{BASE}id/state/RUS"
    assert body["label"]["en"] == "Russia"
    sco = [m for m in as_list(body["memberships"]) if m["organization"]["publicId"] == "SCO"]
    assert sco[0]["memberDuring"]["hasBeginning"]["inXSDDate"] == "2001-06-15"
    texts: dict[str, str] = {}
    checked = 0
    for holding in as_list(body["holdings"]):
        for position in holding["holdingOf"][0].get("positions", []):
            evidence = position["evidence"]
            source = evidence["hasSource"]
            if source not in texts:
                key = source.rsplit("/", 1)[-1]
                texts[source] = corpus_server.client.get(f"/sources/{key}").json()["text"]
            selectors = {s["type"]: s for s in as_list(evidence["hasSelector"])}
            quote = selectors["oa:TextQuoteSelector"]["exact"]
            offsets = selectors["oa:TextPositionSelector"]
            assert texts[source][offsets["start"] : offsets["end"]] == quote
            checked += 1
    assert checked >= 5


def test_state_counts_what_it_holds_and_links_to_the_full_lists(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get("/states/RUS").json()
    links = {link.split("?", 1)[0].rsplit("/", 1)[-1]: link for link in as_list(body["seeAlso"])}
    assert set(links) == {"instruments", "positions", "meetings"}
    instruments = corpus_server.client.get(
        links["instruments"].removeprefix(corpus_server.url)
    ).json()
    positions = corpus_server.client.get(links["positions"].removeprefix(corpus_server.url)).json()
    assert instruments["totalItems"] == body["heldInstrumentCount"]
    assert positions["totalItems"] >= body["heldPositionCount"]
    _, listed = every_item(corpus_server, links["positions"].removeprefix(corpus_server.url))
    counted = {(p["statedIn"]["id"], p["topic"]["id"], p["stance"]["id"]) for p in listed}
    assert len(counted) == body["heldPositionCount"]
    assert len(as_list(body["holdings"])) <= 20


def test_lists_are_paginated_with_links_to_other_pages(corpus_server: Served) -> None:
    first = corpus_server.client.get("/states", params={"per_page": 10}).json()
    assert len(items(first)) == 10
    assert first["totalItems"] >= 193
    view = first["view"]
    assert "page=1" in view["id"] and "page=2" in view["next"] and "previous" not in view
    second = corpus_server.client.get(view["next"]).json()
    assert {s["id"] for s in items(first)}.isdisjoint({s["id"] for s in items(second)})
    assert second["view"]["previous"] == view["id"]
    last = corpus_server.client.get(view["last"]).json()
    assert "next" not in last["view"] and 1 <= len(items(last)) <= 10


def test_states_filter_by_membership_on_a_date(corpus_server: Served) -> None:
    body = corpus_server.client.get(
        "/states", params={"organization": "SCO", "on": "2016-01-01"}
    ).json()
    assert [s["publicId"] for s in items(body)] == ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/positions", {"state": "IND", "topic": "itu-role"}),
        ("/instruments", {"issuer": "SCO"}),
        ("/instruments", {"holder": "PAK", "from": "2018"}),
        ("/meetings", {"participant": "RUS"}),
        ("/agreements", {}),
        ("/organizations", {}),
        ("/topics", {}),
        ("/sources", {"language": "ru"}),
    ],
)
def test_every_list_item_carries_its_iri(
    corpus_server: Served, path: str, params: dict[str, str]
) -> None:
    body = corpus_server.client.get(path, params=params).json()
    assert items(body), f"{path} {params}: no items"
    assert all(item["id"].startswith(f"{BASE}id/") for item in items(body))


def test_positions_filtered_by_state_and_topic_are_on_that_topic(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get(
        "/positions", params={"state": "IND", "topic": "itu-role"}
    ).json()
    assert {p["topic"]["id"] for p in items(body)} == {f"{BASE}id/topic/itu-role"}


def test_instrument_shows_holders_named_and_through_membership(
    corpus_server: Served,
) -> None:
    listed = corpus_server.client.get("/instruments", params={"issuer": "SCO", "topic": "itu-role"})
    instrument = items(listed.json())[0]["id"]
    key = instrument.rsplit("/", 1)[-1]
    body = corpus_server.client.get(f"/instruments/{key}").json()
    holdings = as_list(body["qualifiedHolding"])
    assert all(h["namedInText"] is False for h in holdings)
    assert {h["viaMembership"]["organization"]["publicId"] for h in holdings} == {"SCO"}
    assert as_list(body["positions"])[0]["evidence"]["hasSelector"]
    assert body["wasDerivedFrom"]


def test_topics_list_counts_positions(corpus_server: Served) -> None:
    body = corpus_server.client.get("/topics/itu-role").json()
    assert body["publicId"] == "itu-role"
    assert any(link.endswith("/topics/itu-role/supporters") for link in as_list(body["seeAlso"]))


def test_turtle_by_accept_header_or_suffix_says_the_same(corpus_server: Served) -> None:
    by_header = corpus_server.client.get("/states/KAZ", headers={"Accept": "text/turtle"})
    by_suffix = corpus_server.client.get("/states/KAZ.ttl")
    assert by_header.headers["content-type"].startswith("text/turtle")
    a = Graph().parse(data=by_header.text, format="turtle")
    b = Graph().parse(data=by_suffix.text, format="turtle")
    assert len(a) == len(b) > 20
    assert (URIRef(f"{BASE}id/state/KAZ"), None, None) in a


def test_browsers_get_html_with_local_links(corpus_server: Served) -> None:
    response = corpus_server.client.get("/states/KAZ", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Kazakhstan</h1>" in response.text
    assert f'href="{corpus_server.url}/id/organization/SCO"' in response.text


def test_list_suffix_and_format_parameter(corpus_server: Served) -> None:
    assert corpus_server.client.get("/topics.ttl").headers["content-type"].startswith("text/turtle")
    nt = corpus_server.client.get("/topics", params={"format": "nt"})
    assert nt.headers["content-type"].startswith("application/n-triples")
    assert corpus_server.client.get("/topics.xyz").status_code == 404


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/states/XXX", {}, 404),
        ("/states/RUS", {"format": "png"}, 406),
        ("/states", {"per_page": "1000"}, 400),
        ("/states", {"page": "0"}, 400),
        ("/positions", {"from": "last week"}, 400),
        ("/positions", {"state": "R U S"}, 400),
        ("/instruments/nothing-like-this", {}, 404),
    ],
)
def test_bad_requests_are_problems(
    corpus_server: Served, path: str, params: dict[str, str], status: int
) -> None:
    response = corpus_server.client.get(path, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"]


def test_nothing_acceptable_is_406(corpus_server: Served) -> None:
    response = corpus_server.client.get("/states/RUS", headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_context_is_published(corpus_server: Served) -> None:
    response = corpus_server.client.get("/context.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    assert response.json()["@context"]["holdings"] == {
        "@reverse": "iis:holdingState",
        "@type": "@id",
        "@container": "@set",
    }


def test_the_entry_point_links_every_list_and_the_sparql_endpoint(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get("/").json()
    links = {link["id"].rsplit("/", 1)[-1] for link in body["seeAlso"]}
    assert {"states", "topics", "instruments", "positions", "queries"} <= links
    assert body["sparqlEndpoint"] == f"{corpus_server.url}/sparql"


def matrix_cells(body: dict[str, Any]) -> dict[tuple[str, str, str], int]:
    return {
        (t["tallyHolder"]["publicId"], t["tallyTopic"]["publicId"], t["stance"]["publicId"]): t[
            "positionCount"
        ]
        for t in items(body)
    }


def test_matrix_holds_each_state_topic_and_stance_with_its_position_count(
    corpus_server: Served,
) -> None:
    cells = matrix_cells(corpus_server.client.get("/matrix").json())
    itu = sorted(s for s, topic, stance in cells if (topic, stance) == ("itu-role", "supports"))
    assert itu == ITU_SUPPORTERS
    assert all(n >= 1 for n in cells.values())


def test_matrix_of_a_period_counts_only_instruments_dated_in_it(
    corpus_server: Served,
) -> None:
    every = matrix_cells(corpus_server.client.get("/matrix").json())
    period = matrix_cells(corpus_server.client.get("/matrix", params={"from": "2021"}).json())
    assert period and set(period) < set(every)
    assert all(n <= every[key] for key, n in period.items())
    assert matrix_cells(corpus_server.client.get("/matrix", params={"from": "2100"}).json()) == {}


def test_matrix_of_members_on_a_date_keeps_only_those_members(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get(
        "/matrix", params={"organization": "CSTO", "on": "2020-01-01"}
    ).json()
    states = {state for state, _, _ in matrix_cells(body)}
    assert states and states <= {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    missing = corpus_server.client.get("/matrix", params={"organization": "NOPE"})
    assert missing.status_code == 404
    assert "organization 'NOPE'" in missing.json()["detail"]


def test_states_filter_by_un_region_or_subregion(corpus_server: Served) -> None:
    def codes(region: str) -> set[str]:
        body = corpus_server.client.get(
            "/states", params={"region": region, "per_page": 100}
        ).json()
        return {s["publicId"] for s in items(body)}

    assert codes("central-asia") == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    asia = codes("asia")
    assert {"CHN", "IND", "KAZ"} <= asia and "RUS" not in asia


def test_topic_gives_each_holding_state_its_region_and_each_region_its_size(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get("/topics/itu-role").json()
    regions: dict[str, Any] = {}
    holders = {}
    for tally in as_list(body["stateTallies"]):
        state = tally["tallyHolder"]
        if isinstance(state, dict) and "region" in state:
            holders[state["publicId"]] = state["region"]
    assert set(ITU_SUPPORTERS) <= set(holders)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "stateCount" in node:
                regions[node["publicId"]] = node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(body)
    assert regions["central-asia"]["stateCount"] == 5
    assert regions["eastern-europe"]["stateCount"] == 10


def test_a_list_page_offers_a_form_of_its_routes_own_filters(
    corpus_server: Served,
) -> None:
    page = corpus_server.client.get("/instruments", headers={"Accept": "text/html"}).text
    form = page[page.index("<form") : page.index("</form>")]
    named = re.findall(r'name="([^"]+)"', form)
    assert named == ["issuer", "holder", "topic", "type", "status", "from", "to"]
    assert 'placeholder="SCO"' in form


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/instruments", {"holder": "R U S"}, 400),
        ("/meetings", {"from": "2020", "to": "2019"}, 400),
        ("/positions", {"stance": "likes"}, 400),
        ("/timeline", {"format": "png"}, 406),
        ("/meetings.png", {}, 404),
        ("/topics/itu-role/supporters", {"stance": "likes"}, 400),
    ],
)
def test_every_list_checks_its_parameters_in_one_place(
    corpus_server: Served, path: str, params: dict[str, str], status: int
) -> None:
    response = corpus_server.client.get(path, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_issue_17_an_old_instrument_key_answers_301_to_its_readable_key(
    corpus_server: Served,
) -> None:
    response = corpus_server.client.get(
        "/instruments/001_876ecc46e4de017f-0.ttl?lang=ru", follow_redirects=False
    )
    assert response.status_code == 301, response.text
    assert response.headers["location"].endswith(
        "/instruments/cis-joint-statement-001_876ecc46e4de017f.ttl?lang=ru"
    )
    assert corpus_server.client.get(response.headers["location"]).status_code == 200


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "/instruments/rus-uzb-11-19-joint-statement",
            "/instruments/rus-uzb-2021-11-19-joint-statement",
        ),
        ("/meetings/rus-uzb-11-19-moscow.json", "/meetings/rus-uzb-2021-11-19-moscow.json"),
    ],
)
def test_issue_17_an_old_year_less_key_answers_301_to_the_key_with_the_year(
    corpus_server: Served, old: str, new: str
) -> None:
    # The Russian report of the joint statement gives no year; the English one does.
    response = corpus_server.client.get(old, follow_redirects=False)
    assert response.status_code == 301, response.text
    assert response.headers["location"].endswith(new)
    assert corpus_server.client.get(response.headers["location"]).status_code == 200


def test_a_key_that_never_was_is_still_404(corpus_server: Served) -> None:
    response = corpus_server.client.get("/meetings/no-such-meeting-0", follow_redirects=False)
    assert response.status_code == 404, response.text


def test_issue_17_instrument_and_meeting_pages_are_titled_in_the_page_language(
    corpus_server: Served,
) -> None:
    html = {"Accept": "text/html"}
    page = corpus_server.client.get("/instruments/csto-2022-11-23-joint-statement", headers=html)
    assert (
        "<h1>Joint statement of the Collective Security Treaty Organization, Yerevan, "
        "23 November 2022</h1>" in page.text
    )
    assert "Совместное заявление министров иностранных дел" in page.text  # the original
    ru = corpus_server.client.get("/meetings?lang=ru", headers=html).text
    assert "Заседание СНГ, Минск, 21 августа 2020 г." in ru
    en = corpus_server.client.get("/meetings", headers=html).text
    assert "CIS session, Minsk, 21 August 2020" in en
    assert "arm-blr-cis" not in en.split("<main", 1)[-1].split("href")[0]


def test_issue_17_json_ld_gives_clients_the_english_and_russian_names(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get("/instruments/csto-2022-11-23-joint-statement").json()
    assert body["label"]["en"].startswith("Joint statement of the Collective Security")
    assert body["label"]["ru"].startswith("Совместное заявление министров")
