"""Sortable columns on the list pages, in a headless browser (issue 17, item 11): a click on a
heading sorts the rows by it, a second click the other way, under the pages' script policy."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.by import By

from tests.conftest import ThreadedServer
from tests.web.conftest import Screenshot


def column(browser: Any, index: int) -> list[str]:
    cells = browser.find_elements(By.CSS_SELECTOR, f"table.list tbody tr td:nth-child({index})")
    return [cell.text.strip() for cell in cells]


def test_a_click_on_a_heading_sorts_the_rows_by_it(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/instruments?per_page=50")
    before = column(browser, 1)
    assert len(before) > 5
    heading = browser.find_element(By.CSS_SELECTOR, "table.list thead th:nth-child(1)")
    heading.find_element(By.CSS_SELECTOR, "button.sort").click()
    names = column(browser, 1)
    assert heading.get_attribute("aria-sort") == "ascending"
    assert sorted(names) == sorted(before) and names != before
    assert names[0].casefold() <= names[len(names) // 2].casefold() <= names[-1].casefold()
    heading.find_element(By.CSS_SELECTOR, "button.sort").click()
    assert heading.get_attribute("aria-sort") == "descending"
    assert column(browser, 1) == list(reversed(names))
    dates = browser.find_element(By.CSS_SELECTOR, "table.list thead th:nth-child(2) button")
    dates.click()
    sorted_dates = [d for d in column(browser, 2) if d]
    screenshot("instruments-by-date")
    assert sorted_dates == sorted(sorted_dates)
    shown = column(browser, 2)
    assert shown[: len(sorted_dates)] == sorted_dates  # empty cells last


def test_sorting_numbers_as_numbers_on_the_states_page(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/states?organization=SCO")
    details = browser.find_element(By.CSS_SELECTOR, "table.list thead th:nth-child(3) button")
    details.click()
    details.click()  # descending: the most instruments first
    counts = [int(text.split()[0]) for text in column(browser, 3) if text[:1].isdigit()]
    screenshot("states-by-count")
    assert len(counts) > 2 and counts == sorted(counts, reverse=True)
    errors = [
        e
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]
    ]
    assert not errors, errors  # no script error, nothing refused by the security policy
