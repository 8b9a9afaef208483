"""The entry point (api/views/home.py): its counts are the lists' own."""

from __future__ import annotations

import re

from tests.conftest import Served


def test_issue_17_home_counts_agree_with_the_lists(corpus_server: Served) -> None:
    """Issue 17, item 8: the home page said "15 States" and the list "195 found"."""
    home = corpus_server.client.get("/").json()
    lists = [x for x in home["seeAlso"] if isinstance(x, dict) and "totalItems" in x]
    assert {x["label"]["en"] for x in lists} >= {"states", "instruments", "positions", "sources"}
    for listed in lists:
        answer = corpus_server.client.get(listed["id"].removeprefix(corpus_server.url)).json()
        assert answer["totalItems"] == listed["totalItems"], listed["label"]


def test_home_topics_count_the_states_the_supporters_list_shows(corpus_server: Served) -> None:
    home = corpus_server.client.get("/").json()
    topics = [x for x in home["seeAlso"] if isinstance(x, dict) and "tallies" in x]
    assert topics
    for topic in topics:
        tallies = topic["tallies"] if isinstance(topic["tallies"], list) else [topic["tallies"]]
        for tally in tallies:
            if tally.get("stance", {}).get("publicId") != "supports":
                continue
            url = f"/topics/{topic['publicId']}/supporters"
            answer = corpus_server.client.get(url).json()
            assert answer["totalItems"] == tally["holderCount"], url


def test_home_page_says_what_each_count_counts_in_both_languages(corpus_server: Served) -> None:
    for lang, states in (("en", "states"), ("ru", "государств")):
        html = corpus_server.client.get(f"/?lang={lang}", headers={"Accept": "text/html"}).text
        card = re.search(r'<li data-list="states">(.*?)</li>', html, re.S)
        assert card, html
        assert re.search(rf'class="count">\d+</span> <span class="noun">{states}<', card.group(1))
        assert 'class="muted what">' in card.group(1)
