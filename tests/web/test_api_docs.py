"""The API's interactive documentation renders in a real browser without internet: Swagger UI
on /docs and ReDoc on /redoc load their assets from this server, under its strict page policy."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import ThreadedServer
from tests.web.conftest import Screenshot


def test_swagger_ui_lists_the_operations_from_local_assets(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/docs")
    WebDriverWait(browser, 20).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    )
    screenshot("swagger")
    paths = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")}
    assert {"/states/{code}", "/sparql"} <= {p.replace("\u200b", "") for p in paths}
    scripts = [s.get_attribute("src") for s in browser.find_elements(By.TAG_NAME, "script")]
    assert all(src.startswith(corpus_over_http.url) for src in scripts), scripts


def test_redoc_renders_the_description_from_local_assets(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/redoc")
    WebDriverWait(browser, 30).until(
        lambda b: "Supporters" in b.page_source or "supporters" in b.page_source
    )
    screenshot("redoc")
    assert "/topics/{key}/supporters" in browser.page_source
