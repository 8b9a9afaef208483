"""The SPARQL page as WDQS and YASGUI users know it, in a real browser: YASGUI's editor and
table (served from api/static/vendor, installed by ``make install``), names beside IRIs, the
first rows of a result over the limit, a chart and a map, a history and shareable links — with
no console error, no request refused by the page's security policy and nothing fetched from
elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from graph.settings import Settings
from graph.store import Store
from tests.conftest import ROOT, ThreadedServer
from tests.guards import missing
from tests.web.conftest import Screenshot

VENDOR = ROOT / "api" / "static" / "vendor" / "node_modules"
ASSETS = (
    "@zazuko/yasqe/build/yasqe.min.js",
    "@zazuko/yasr/build/yasr.min.js",
    "chart.js/dist/chart.umd.min.js",
    "chartjs-chart-geo/build/index.umd.min.js",
    "lz-string/libs/lz-string.min.js",
    "world-atlas/countries-110m.json",
    "i18n-iso-countries/codes.json",
)
STATES = (
    "PREFIX iis: <https://w3id.org/iisgraph/ontology#>\n"
    "SELECT ?state ?code WHERE { ?state a iis:State ; iis:publicId ?code "
    'FILTER(?code IN ("RUS", "CHN")) } ORDER BY ?code'
)
POSITIONS_PER_STATE = (
    "PREFIX iis: <https://w3id.org/iisgraph/ontology#>\n"
    "SELECT ?state (COUNT(DISTINCT ?position) AS ?positions) WHERE {\n"
    "  ?position iis:statedIn ?instrument .\n"
    "  ?instrument iis:qualifiedHolding/iis:holdingState ?state .\n"
    "} GROUP BY ?state ORDER BY DESC(?positions) ?state"
)


@pytest.fixture(autouse=True)
def vendor_installed() -> None:
    absent = [name for name in ASSETS if not (VENDOR / name).is_file()]
    if absent:
        missing(f"the SPARQL page's npm components ({', '.join(absent)}): run make install")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """The browser, recording every violation of a page's security policy in window.__csp."""
    script = browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`))"
        },
    )
    yield browser
    browser.execute_cdp_cmd(
        "Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]}
    )


def clean(browser: Any, server: ThreadedServer) -> None:
    """No console error, no policy violation, nothing fetched from another server."""
    assert browser.execute_script("return window.__csp") == []
    errors = [
        e
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]
    ]
    assert not errors, errors
    assets = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert assets and all(url.startswith(server.url) for url in assets), assets


def write(browser: Any, query: str) -> None:
    browser.execute_script(
        "document.querySelector('#yasqe .CodeMirror').CodeMirror.setValue(arguments[0])", query
    )


def editor_text(browser: Any) -> str:
    text: str = browser.execute_script(
        "return document.querySelector('#yasqe .CodeMirror').CodeMirror.getValue()"
    )
    return text


def rows_of(browser: Any) -> list[list[str]]:
    WebDriverWait(browser, 20).until(
        lambda b: (
            b.find_elements(By.CSS_SELECTOR, "#results tbody td a.iri")
            or b.find_elements(By.CSS_SELECTOR, "#results tbody td .nonIri")
        )
    )
    return [
        [td.text for td in tr.find_elements(By.TAG_NAME, "td")][1:]  # after the row number
        for tr in browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")
    ]


def test_sparql_page_shows_names_beside_iris_and_keeps_the_query_in_the_url(
    page: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    page.get(f"{corpus_over_http.url}/sparql")
    WebDriverWait(page, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".CodeMirror"))
    write(page, STATES)
    # as a user runs it: into the editor, then Ctrl+Enter (CodeMirror's own textarea is hidden
    # behind it; Chromium 150's driver refuses keys sent to it as "not interactable")
    page.find_element(By.CSS_SELECTOR, "#yasqe .CodeMirror").click()
    ActionChains(page).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
    rows = rows_of(page)
    screenshot("table")
    assert [code for _, code in rows] == ["CHN", "RUS"]
    names = [e.text for e in page.find_elements(By.CSS_SELECTOR, "#results td .iri-label")]
    assert names == ["China", "Russia"]
    link = page.find_element(By.CSS_SELECTOR, "#results td a.iri").get_attribute("href")
    assert link == f"{corpus_over_http.url}/id/state/CHN"
    csv = page.find_element(By.CSS_SELECTOR, "#downloads a[data-format=csv]")
    assert "format=csv" in csv.get_attribute("href")
    shared = page.current_url
    assert "query=" in shared
    clean(page, corpus_over_http)
    page.get(shared)  # a shared link runs its query again
    assert [code for _, code in rows_of(page)] == ["CHN", "RUS"]
    clean(page, corpus_over_http)


def test_sparql_page_in_russian_names_things_in_russian(
    page: Any, corpus_over_http: ThreadedServer
) -> None:
    page.get(f"{corpus_over_http.url}/sparql?lang=ru&query={quote(STATES)}")
    rows_of(page)
    names = [e.text for e in page.find_elements(By.CSS_SELECTOR, "#results td .iri-label")]
    assert names == ["Китай", "Россия"]
    clean(page, corpus_over_http)


def test_sparql_page_over_the_limit_shows_the_first_rows_and_says_so(
    page: Any, corpus_store: Store, screenshot: Screenshot
) -> None:
    with ThreadedServer(corpus_store, Settings(store=":memory:", max_results=5)) as server:
        page.get(f"{server.url}/sparql?query={quote('SELECT ?s WHERE { ?s ?p ?o }')}")
        assert len(rows_of(page)) == 5
        note = page.find_element(By.ID, "truncated")
        screenshot("truncated")
        assert note.is_displayed() and "limit of 5" in note.text
        assert page.find_element(By.ID, "sparql-error").text == ""
        clean(page, server)


def test_sparql_page_charts_counts_and_maps_them_on_the_states(
    page: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    page.get(f"{corpus_over_http.url}/sparql?query={quote(POSITIONS_PER_STATE)}")
    rows_of(page)
    page.find_element(By.CSS_SELECTOR, ".select_chart").click()
    chart = WebDriverWait(page, 10).until(
        lambda b: b.execute_script(
            "const c = document.querySelector('#results canvas');"
            "const chart = c && Chart.getChart(c);"
            "return chart && [chart.config.type, chart.data.labels, chart.data.datasets[0].data]"
        )
    )
    screenshot("chart")
    kind, labels, counts = chart
    assert kind == "bar" and "Russia" in labels and all(n > 0 for n in counts)
    page.find_element(By.CSS_SELECTOR, ".select_map").click()
    drawn = WebDriverWait(page, 20).until(
        lambda b: b.execute_script(
            "const c = document.querySelector('#results canvas');"
            "const chart = c && Chart.getChart(c);"
            "return chart && chart.config.type === 'choropleth' &&"
            " chart.data.datasets[0].data.filter(d => d.value > 0).map(d => d.feature.id)"
        )
    )
    page.execute_script("document.getElementById('results').scrollIntoView()")
    screenshot("map")
    assert "643" in drawn and "156" in drawn  # Russia and China, by their ISO numbers
    clean(page, corpus_over_http)


def test_sparql_page_keeps_a_history_and_shares_a_long_query_compressed(
    page: Any, corpus_over_http: ThreadedServer
) -> None:
    page.get(f"{corpus_over_http.url}/sparql")
    page.execute_script("localStorage.clear()")
    long_query = "# " + "a long comment " * 150 + "\n" + STATES
    for query in (STATES, long_query):
        write(page, query)
        page.find_element(By.ID, "run").click()
        rows_of(page)
    shared = page.current_url
    assert "#lz=" in shared and "query=" not in shared
    page.get(f"{corpus_over_http.url}/sparql")
    history = [
        o.get_attribute("title") for o in page.find_elements(By.CSS_SELECTOR, "#history option")
    ]
    assert history[1:] == [long_query, STATES]  # newest first
    page.execute_script(
        "const s = document.getElementById('history'); s.value = '1';"
        "s.dispatchEvent(new Event('change'))"
    )
    assert editor_text(page) == STATES
    page.get("about:blank")
    page.get(shared)  # the compressed link opens the long query and runs it
    assert [code for _, code in rows_of(page)] == ["CHN", "RUS"]
    assert editor_text(page) == long_query
    clean(page, corpus_over_http)


def test_sparql_error_is_shown_inline_with_its_position(
    page: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    page.get(f"{corpus_over_http.url}/sparql")
    WebDriverWait(page, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".CodeMirror"))
    write(page, "SELECT * WHERE {\n  ?s ?p \n}")
    page.find_element(By.ID, "run").click()
    error = WebDriverWait(page, 20).until(
        lambda b: b.find_element(By.ID, "sparql-error").text or None
    )
    screenshot("error")
    assert "line 3" in error
