"""The agreement view (api/views/agreements.py): an agreement with what refers to it."""

from __future__ import annotations

import re

from tests.conftest import Served

HTML = {"Accept": "text/html"}


def test_issue_17_agreement_shows_the_instruments_that_refer_to_it(corpus_server: Served) -> None:
    """Issue 17, item 3: SPARQL found the SCO 2020 statement ``iis:refersTo sco-2009-iis``,
    the agreement's page did not."""
    body = corpus_server.client.get("/agreements/sco-2009-iis").json()
    referring = body["referencedBy"]
    referring = referring if isinstance(referring, list) else [referring]
    assert [r["id"].rsplit("/", 1)[-1] for r in referring] == ["sco-2020-11-10-statement"]
    assert referring[0]["date"] == "2020-11-10"
    turtle = corpus_server.client.get("/agreements/sco-2009-iis.ttl").text
    assert "iis:refersTo" in turtle or "refersTo" in turtle


def test_agreement_page_lists_what_refers_to_it_and_hides_empty_sections(
    corpus_server: Served,
) -> None:
    html = corpus_server.client.get("/agreements/sco-2009-iis", headers=HTML).text
    section = re.search(r'<ol class="referring">(.*?)</ol>', html, re.S)
    assert section and "sco-2020-11-10-statement" in section.group(1)
    assert "Referred to by" in html
    assert "<h2>Positions</h2>" not in html  # none is stated in the agreement itself
    assert "<h2>Source texts</h2>" not in html  # it comes from the reference data
    assert re.search(r'<nav[^>]*>.*href="[^"]*/agreements">Agreements</a>', html, re.S)
