"""Curation in a real browser (issue 18): a curator gives a token, selects text and adds a
position, which is then counted; rejects one, which leaves the counts and stays in the
history; reviews the queue with the keyboard. A visitor sees the marks, not the controls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from graph.settings import Settings
from graph.store import Store
from tests.conftest import StatementBuilder, ThreadedServer
from tests.graph.test_review import count
from tests.web.conftest import Screenshot

pytestmark = pytest.mark.browser
TOKEN = "curator-s3cret"


@pytest.fixture
def curating(store: Store, statement: StatementBuilder) -> Iterator[ThreadedServer]:
    store.replace_source("s1", statement())
    store.replace_source("s2", statement(source="s2.txt", issuers=("RUS",), topic="un-norms"))
    with ThreadedServer(store, Settings(store=":memory:", write_token=TOKEN)) as server:
        yield server


def sign_in(browser: Any) -> None:
    browser.find_element(By.ID, "curator-token").send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, "#curator button[type=submit]").click()
    WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.ID, "curator-said").text == "administrator"
    )


def controls_shown(browser: Any) -> bool:
    return any(c.is_displayed() for c in browser.find_elements(By.CSS_SELECTOR, ".controls"))


SELECT = """
const text = document.getElementById('source-text');
const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
let node; while ((node = walker.nextNode())) {
  const at = node.textContent.indexOf(arguments[0]);
  if (at >= 0) {
    const range = document.createRange();
    range.setStart(node, at); range.setEnd(node, at + arguments[0].length);
    const selection = window.getSelection();
    selection.removeAllRanges(); selection.addRange(range);
    return true;
  }
}
return false;
"""


def test_a_curator_selects_text_adds_a_position_and_it_is_counted(
    browser: Any, curating: ThreadedServer, store: Store, screenshot: Screenshot
) -> None:
    browser.get(f"{curating.url}/sources/s1/review")
    assert not controls_shown(browser)  # a visitor sees the marks only
    sign_in(browser)
    assert controls_shown(browser)
    assert browser.execute_script(SELECT, "роли Международного союза")
    WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.ID, "selected-evidence").text == "роли Международного союза"
    )
    Select(browser.find_element(By.ID, "add-topic")).select_by_value(
        "https://w3id.org/iisgraph/id/topic/un-central-role"
    )
    screenshot("curation-add-position")
    browser.find_element(By.ID, "add-submit").click()
    WebDriverWait(browser, 10).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "mark.status-added, td.status-added")
    )
    assert count(store, "un-central-role") == 1
    supporters = curating.client.get("/topics/un-central-role/supporters").json()
    assert supporters["totalItems"] > 0
    said = str(supporters)  # the added position, marked as added and by whom
    assert "'reviewStatus': 'added'" in said and "curator/administrator" in said
    assert "administrator" in browser.find_element(By.CSS_SELECTOR, "table.positions-review").text
    browser.get(f"{curating.url}/topics/un-central-role/supporters")
    assert "administrator" in browser.find_element(By.CSS_SELECTOR, ".review.status-added").text


def test_a_rejected_position_leaves_the_counts_and_stays_in_the_history(
    browser: Any, curating: ThreadedServer, store: Store, screenshot: Screenshot
) -> None:
    browser.get(f"{curating.url}/sources/s1/review")
    sign_in(browser)
    row = browser.find_element(By.CSS_SELECTOR, "tr[data-position]")
    Select(row.find_element(By.CSS_SELECTOR, "select[data-reason]")).select_by_value("wrong-stance")
    row.find_element(By.CSS_SELECTOR, "button[data-verdict=rejected]").click()
    WebDriverWait(browser, 10).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "td.status-rejected")
    )
    screenshot("curation-rejected")
    assert count(store) == 0
    acts = curating.client.get("/annotations/").json()
    assert acts["total"] == 1
    bodies = acts["first"]["items"][0]["body"]
    assert {"type": "TextualBody", "value": "wrong-stance", "purpose": "classifying"} in bodies


def test_the_queue_is_reviewed_with_the_keyboard(
    browser: Any, curating: ThreadedServer, store: Store, screenshot: Screenshot
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(f"{curating.url}/review")
    assert "0 of 2 positions reviewed" in browser.find_element(By.ID, "progress").text
    sign_in(browser)
    browser.find_element(By.TAG_NAME, "h1").click()  # away from the token field
    ActionChains(browser).send_keys("j").perform()
    first = browser.switch_to.active_element
    assert first.get_attribute("class") == "queued"
    ActionChains(browser).send_keys("c").perform()
    WebDriverWait(browser, 10).until(lambda b: "done" in first.get_attribute("class"))
    screenshot("curation-queue-keyboard")
    browser.refresh()
    assert "1 of 2 positions reviewed" in browser.find_element(By.ID, "progress").text


def test_a_curator_corrects_an_instrument_and_its_holders_follow(
    browser: Any, curating: ThreadedServer, store: Store, screenshot: Screenshot
) -> None:
    from tests.graph.test_review import BASE

    rows = store.select(
        "SELECT ?i WHERE { ?i <https://w3id.org/iisgraph/ontology#issuer> "
        f'<{BASE}id/organization/SCO> FILTER(CONTAINS(STR(?i), "/instrument/")) }}'
    )
    key = str(rows[0]["i"]).rsplit("/", 1)[-1]
    holders = (
        f"SELECT ?code WHERE {{ <{rows[0]['i']}> <https://w3id.org/iisgraph/ontology#holder>/"
        "<https://w3id.org/iisgraph/ontology#publicId> ?code }"
    )
    assert "IND" in {str(r["code"]) for r in store.select(holders)}
    browser.get(f"{curating.url}/instruments/{key}")
    browser.find_element(By.ID, "correct-link").click()
    assert not controls_shown(browser)  # a visitor sees the fields, not the form
    sign_in(browser)
    date = browser.find_element(By.ID, "correct-date")
    date.clear()
    date.send_keys("2016-06-24")
    Select(browser.find_element(By.ID, "correct-place")).select_by_value(f"{BASE}id/place/tashkent")
    screenshot("curation-correct-instrument")
    browser.find_element(By.ID, "correct-submit").click()
    WebDriverWait(browser, 10).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "td[data-field=date] .status-corrected")
    )
    assert "2016-06-24" in browser.find_element(By.CSS_SELECTOR, "td[data-field=date]").text
    assert "administrator" in browser.find_element(By.ID, "instrument-fields").text
    assert "IND" not in {str(r["code"]) for r in store.select(holders)}  # joined the SCO in 2017
    browser.get(f"{curating.url}/instruments/{key}")
    assert browser.find_elements(By.CSS_SELECTOR, ".status-corrected")
