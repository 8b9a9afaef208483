"""The comparison of states (api/views/compare.py and its page)."""

from __future__ import annotations

import re

from tests.conftest import Served

HTML = {"Accept": "text/html"}


def test_compare_offers_the_states_that_hold_an_instrument_by_name_in_both_languages(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get("/compare").json()
    offered = {s["publicId"]: s["label"] for s in body["seeAlso"]}
    assert {"RUS", "CHN", "IND"} <= set(offered)
    assert offered["RUS"] == {"en": "Russia", "ru": "Россия"}
    html = corpus_server.client.get("/compare?lang=ru", headers=HTML).text
    assert '<option value="RUS">Россия · Russia (RUS)</option>' in html
    assert len(re.findall(r'<select id="state-\d" name="states"', html)) == 4


def test_issue_17_compare_tells_agreement_from_absence(corpus_server: Served) -> None:
    """Issue 17, item 4: a topic where only one state has a known position is not a
    difference; the page says which of the states has none."""
    html = corpus_server.client.get("/compare?states=RUS,IND", headers=HTML).text
    rows = dict(re.findall(r'<tr data-topic="([\w-]+)" data-agreement="(\w+)"', html))
    assert rows["itu-role"] == "same"  # both support a greater role for the ITU
    assert "partial" in rows.values()
    partial = re.search(r'data-agreement="partial".*?</tr>', html, re.S)
    assert partial and "no known position" in partial.group(0)
    selected = re.findall(r'<option value="(\w+)" selected>', html)
    assert selected == ["RUS", "IND"]
