"""A meeting record in a real browser (issue 19, item 5): the matrix of delegations × topics,
a stance that opens its quote, a quote that opens the speaker's turn in the record."""

from __future__ import annotations

from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import ThreadedServer
from tests.web.conftest import Screenshot

pytestmark = pytest.mark.browser
FIRST_COMMITTEE = "/meetings/idn-rus-usa-2016-10-24"

# whether an element is the page's target and within its scrolling box and the window
SHOWN = """
const element = arguments[0], box = element.getBoundingClientRect();
const pane = element.closest('.source-text');
const within = (outer) => box.top >= outer.top && box.bottom <= outer.bottom;
return element.matches(':target') && within({top: 0, bottom: window.innerHeight})
  && (!pane || within(pane.getBoundingClientRect()));
"""


def test_the_matrix_shows_each_delegations_stances_and_opens_their_quotes(
    browser: Any, records_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{records_over_http.url}{FIRST_COMMITTEE}")
    matrix = browser.find_element(By.CSS_SELECTOR, "table.meeting-matrix")
    screenshot("matrix")
    assert matrix.is_displayed()
    delegations = [e.text for e in matrix.find_elements(By.CSS_SELECTOR, "tbody th")]
    assert delegations == ["Non-Aligned Movement", "United States", "Russia"]
    stance = matrix.find_element(
        By.CSS_SELECTOR,
        "tr[data-statement=rus-2016-10-24-statement] td[data-topic=state-sovereignty] a",
    )
    assert stance.text == "supports"
    stance.click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("-state-sovereignty"))
    quote = browser.find_element(By.ID, "turn-rus-2016-10-24-statement-state-sovereignty")
    screenshot("quote")
    assert browser.execute_script(SHOWN, quote)
    assert "undermined the security and sovereignty of States" in quote.text


def test_a_quote_lands_on_the_speakers_turn_in_the_record(
    browser: Any, records_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{records_over_http.url}{FIRST_COMMITTEE}#turn-usa-2016-10-24-statement")
    turn = browser.find_element(
        By.CSS_SELECTOR, "#turn-usa-2016-10-24-statement-international-law a.turn"
    )
    turn.click()
    WebDriverWait(browser, 10).until(lambda b: "/review#at-" in b.current_url)
    mark = browser.find_element(By.ID, browser.current_url.rsplit("#", 1)[1])
    screenshot("record")
    assert mark.text == "application of existing international law"
    assert browser.execute_script(SHOWN, mark)
    # the words before it in the record are the United States' turn
    text = browser.find_element(By.ID, "source-text").text
    before = text[: text.index(mark.text)]
    assert "representative of the United States" in before[-600:]
    assert browser.get_log("browser") == []
