"""What an analyst sees, in a real browser, on the five founding texts of the bundled corpus."""

from __future__ import annotations

import re
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.api.routes.test_curated import ITU_SUPPORTERS
from tests.conftest import ThreadedServer
from tests.web.conftest import Screenshot


def test_from_home_to_the_itu_role_supporters_shows_exactly_the_ten_states(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/")
    screenshot("home")
    row = browser.find_element(By.CSS_SELECTOR, "tr[data-topic=itu-role]")
    assert row.find_element(By.CSS_SELECTOR, "a.supporters").text == str(len(ITU_SUPPORTERS))
    row.find_element(By.CSS_SELECTOR, "a.supporters").click()
    WebDriverWait(browser, 10).until(lambda b: "/supporters" in b.current_url)
    states = [
        element.get_attribute("data-state")
        for element in browser.find_elements(By.CSS_SELECTOR, "li.state")
    ]
    screenshot("supporters")
    assert states == ITU_SUPPORTERS
    quotes = browser.find_elements(By.CSS_SELECTOR, "li.state q.evidence")
    assert quotes and all(q.text for q in quotes)
    bonds = {b.text for b in browser.find_elements(By.CSS_SELECTOR, ".bond")}
    assert any("named in the text" in b for b in bonds)
    assert any("as a member of" in b for b in bonds)


def test_russian_labels_by_parameter_and_the_links_keep_the_language(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/topics/itu-role/supporters")
    browser.find_element(By.CSS_SELECTOR, ".lang a[hreflang=ru]").click()
    WebDriverWait(browser, 10).until(lambda b: "lang=ru" in b.current_url)
    names = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "li.state h3 a")]
    screenshot("russian")
    assert "Россия" in names
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    nav = browser.find_element(By.LINK_TEXT, "Темы").get_attribute("href")
    assert "lang=ru" in nav


def test_every_page_links_its_machine_twins_and_loads_nothing_from_elsewhere(
    browser: Any, corpus_over_http: ThreadedServer
) -> None:
    browser.get(f"{corpus_over_http.url}/states/RUS")
    alternates = {
        link.get_attribute("type")
        for link in browser.find_elements(By.CSS_SELECTOR, "link[rel=alternate]")
    }
    assert {"application/ld+json", "text/turtle"} <= alternates
    assets = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert assets and all(url.startswith(corpus_over_http.url) for url in assets)


def test_instrument_highlights_each_quote_in_its_source_text(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/states/RUS")
    screenshot("state")
    quotes = browser.find_elements(By.CSS_SELECTOR, "ol.holdings q.evidence")
    assert quotes and all(q.text for q in quotes)
    link = browser.find_element(
        By.CSS_SELECTOR, "ol.holdings a[href$='/instrument/sco-2020-11-10-statement']"
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    WebDriverWait(browser, 10).until(lambda b: "sco-2020-11-10-statement" in b.current_url)
    marks = browser.find_elements(By.CSS_SELECTOR, ".source-text mark.evidence")
    quotes = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "td q.evidence mark")]
    assert marks and quotes
    assert {m.text for m in marks} <= set(quotes)
    itu = next(m for m in marks if "электросвязи" in m.text)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", itu)
    itu.click()
    note = browser.find_element(By.ID, "evidence-note").text
    screenshot("instrument")
    assert note == f"{itu.get_attribute('data-topic')}: {itu.get_attribute('data-stance')}"
    assert "ITU" in note


def test_home_tells_what_the_graph_holds_and_search_finds_by_russian_name(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/")
    counts = {
        card.get_attribute("data-list"): int(card.find_element(By.CSS_SELECTOR, ".count").text)
        for card in browser.find_elements(By.CSS_SELECTOR, ".counts li")
    }
    assert counts["instruments"] >= 5 and counts["sources"] == 5
    dates = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "ol.newest time")]
    assert dates and dates == sorted(dates, reverse=True)
    box = browser.find_element(By.ID, "q")
    box.send_keys("Росси")
    box.submit()
    WebDriverWait(browser, 10).until(lambda b: "/search" in b.current_url)
    found = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "ul.results a")]
    screenshot("search")
    assert "Russia" in found


def test_topic_page_charts_the_states_of_each_stance_from_the_data(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/")
    browser.find_element(By.CSS_SELECTOR, "tr[data-topic=itu-role] td a").click()
    WebDriverWait(browser, 10).until(lambda b: "itu-role" in b.current_url)
    section = browser.find_element(By.CSS_SELECTOR, "section[data-stance=supports]")
    bars = section.find_elements(By.CSS_SELECTOR, "svg.chart.states rect")
    screenshot("topic")
    assert len(bars) == len(ITU_SUPPORTERS)
    names = {
        t.text for t in section.find_elements(By.CSS_SELECTOR, "svg.chart.states .chart-label")
    }
    assert "Russia" in names
    assert all(float(bar.get_attribute("width")) > 0 for bar in bars)
    regions = {
        g.get_attribute("data-region"): g.find_element(By.CSS_SELECTOR, ".chart-value").text
        for g in section.find_elements(By.CSS_SELECTOR, "svg.regions g.region")
    }
    # Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan of the five Central Asian states
    assert regions["central-asia"].startswith("4/5")
    assert regions["eastern-europe"].startswith("2/10")  # Belarus and Russia


def test_matrix_cell_of_a_supporter_opens_its_evidence_on_the_topic(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/")
    browser.find_element(By.CSS_SELECTOR, "header nav a[href$='/matrix']").click()
    WebDriverWait(browser, 10).until(lambda b: "/matrix" in b.current_url)
    screenshot("matrix")
    supporters = {
        row.get_attribute("data-state")
        for row in browser.find_elements(By.CSS_SELECTOR, "table.matrix tbody tr")
        if row.find_elements(By.CSS_SELECTOR, "td.cell-supports[data-topic=itu-role]")
    }
    assert supporters == set(ITU_SUPPORTERS)
    cell = browser.find_element(By.CSS_SELECTOR, "tr[data-state=RUS] td[data-topic=itu-role] a")
    cell.click()
    WebDriverWait(browser, 10).until(lambda b: "/positions" in b.current_url)
    assert "state=RUS" in browser.current_url and "topic=itu-role" in browser.current_url
    screenshot("matrix-cell")
    assert browser.find_elements(By.CSS_SELECTOR, "q.evidence, .evidence")


def test_matrix_filtered_to_members_on_a_date_keeps_the_filter_in_the_url(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/matrix")
    browser.find_element(By.ID, "organization").send_keys("CSTO")
    browser.find_element(By.ID, "on").send_keys("2020-01-01")
    browser.find_element(By.ID, "organization").submit()
    WebDriverWait(browser, 10).until(lambda b: "organization=CSTO" in b.current_url)
    screenshot("matrix-csto")
    rows = {
        row.get_attribute("data-state")
        for row in browser.find_elements(By.CSS_SELECTOR, "table.matrix tbody tr")
    }
    assert rows and rows <= {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}


def test_compare_picks_states_by_name_and_tells_agreement_from_absence(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    """Issue 17, item 4: states picked by name (not ISO codes only); each topic says whether
    the states hold the same stance, opposite ones, or only some have a known position."""
    from selenium.webdriver.support.ui import Select

    browser.get(f"{corpus_over_http.url}/states/RUS")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Compare with other states").click()
    WebDriverWait(browser, 10).until(lambda b: "/compare" in b.current_url)
    assert Select(browser.find_element(By.ID, "state-1")).first_selected_option.text == (
        "Russia · Россия (RUS)"
    )
    Select(browser.find_element(By.ID, "state-2")).select_by_visible_text("China · Китай (CHN)")
    Select(browser.find_element(By.ID, "state-3")).select_by_visible_text("India · Индия (IND)")
    browser.find_element(By.ID, "state-1").submit()
    WebDriverWait(browser, 10).until(lambda b: "states=CHN" in b.current_url)
    screenshot("compare")
    heads = [
        th.get_attribute("data-state")
        for th in browser.find_elements(By.CSS_SELECTOR, "table.compare thead th[data-state]")
    ]
    assert heads == ["RUS", "CHN", "IND"]
    itu = browser.find_element(By.CSS_SELECTOR, "tr[data-topic=itu-role]")
    assert itu.get_attribute("data-agreement") == "same"
    assert itu.find_element(By.CSS_SELECTOR, "th .badge").text == "same stance"
    for code in heads:
        cell = itu.find_element(By.CSS_SELECTOR, f"td[data-state={code}]")
        assert cell.find_elements(By.CSS_SELECTOR, "[data-stance=supports]")
        assert cell.find_elements(By.CSS_SELECTOR, "q.evidence")
    partial = browser.find_elements(By.CSS_SELECTOR, "tr[data-agreement=partial]")
    assert partial and all(r.find_elements(By.CSS_SELECTOR, ".no-position") for r in partial)
    assert "no known position" in partial[0].find_element(By.CSS_SELECTOR, "th .badge").text
    browser.find_element(By.ID, "differ").click()
    browser.find_element(By.ID, "state-1").submit()
    WebDriverWait(browser, 10).until(lambda b: "differ=1" in b.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.compare tbody tr")
    # only opposite or different stances: a state's silence is not a difference
    assert all(r.get_attribute("data-agreement") in ("opposed", "different") for r in rows)


def test_issue_17_every_link_of_the_russian_home_and_state_pages_stays_russian(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    """Issue 17, item 7: clicking a topic from the Russian home page opened English; 29 of 69
    links of the home page and 122 of 160 of /states/RUS dropped ?lang=ru."""
    import httpx

    browser.get(f"{corpus_over_http.url}/?lang=ru")
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})  # the link alone must keep it
    browser.find_element(By.CSS_SELECTOR, "tr[data-topic=itu-role] td a").click()
    WebDriverWait(browser, 10).until(lambda b: "itu-role" in b.current_url)
    screenshot("topic-ru")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    assert browser.find_element(By.TAG_NAME, "h1").text == "повышение роли МСЭ"
    links: set[str] = set()
    for path in ("/?lang=ru", "/states/RUS?lang=ru"):
        browser.get(f"{corpus_over_http.url}{path}")
        for a in browser.find_elements(By.CSS_SELECTOR, "a[href]:not([hreflang]):not([type])"):
            href = a.get_attribute("href").split("#")[0]
            if href.startswith(corpus_over_http.url) and "/static/" not in href:
                links.add(href)
    assert len(links) > 100
    assert sorted(link for link in links if "lang=ru" not in link) == []
    with httpx.Client(timeout=60, follow_redirects=True) as client:  # no cookie kept across
        for link in sorted(links):
            page = client.get(link, headers={"Accept": "text/html"})
            assert page.status_code == 200 and '<html lang="ru">' in page.text, link


def test_agreement_page_shows_what_refers_to_it_and_is_in_the_menu(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    """Issue 17, item 3."""
    browser.get(f"{corpus_over_http.url}/")
    browser.find_element(By.CSS_SELECTOR, "header nav a[href$='/agreements']").click()
    WebDriverWait(browser, 10).until(lambda b: "/agreements" in b.current_url)
    browser.find_element(By.CSS_SELECTOR, "tr[data-id=sco-2009-iis] a").click()
    WebDriverWait(browser, 10).until(lambda b: "sco-2009-iis" in b.current_url)
    screenshot("agreement")
    referring = browser.find_elements(By.CSS_SELECTOR, "ol.referring li")
    assert [r.get_attribute("data-id") for r in referring] == ["sco-2020-11-10-statement"]
    assert "2020-11-10" in referring[0].text
    headings = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
    assert any(h.startswith("Referred to by") for h in headings)
    assert "Positions" not in headings and "Source texts" not in headings
    referring[0].find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 10).until(lambda b: "sco-2020-11-10-statement" in b.current_url)
    refers = browser.find_element(By.XPATH, "//th[text()='refers to']/following-sibling::td")
    assert "2009" in refers.text


def test_issue_17_home_counts_are_the_lists_counts(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    """Issue 17, item 8: "15 States" on the home page, "195 found" on the list."""
    browser.get(f"{corpus_over_http.url}/")
    cards = {
        card.get_attribute("data-list"): (
            int(card.find_element(By.CSS_SELECTOR, ".count").text),
            card.find_element(By.TAG_NAME, "a").get_attribute("href"),
            card.find_element(By.CSS_SELECTOR, ".what").text,
        )
        for card in browser.find_elements(By.CSS_SELECTOR, ".counts li")
    }
    assert {"states", "instruments", "agreements", "positions", "sources"} <= set(cards)
    for kind, (count, href, what) in cards.items():
        assert what, kind  # each says what it counts
        browser.get(href)
        total = browser.find_element(By.CSS_SELECTOR, ".total").text
        assert int(total) == count, kind


def test_state_page_shows_its_memberships_on_a_timeline_and_its_positions_by_topic(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/states/KAZ")
    screenshot("state-kaz")
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.timeline a.membership rect")
    assert len(bars) >= 3
    assert browser.find_elements(By.CSS_SELECTOR, "table.tallies tr[data-topic=itu-role]")
    bonds = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "ol.holdings .bond")]
    assert any("as a member of Collective Security Treaty Organization" in b for b in bonds)


def test_organization_page_charts_when_each_member_joined(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/organizations/SCO")
    screenshot("organization")
    members = {
        a.get_attribute("data-who")
        for a in browser.find_elements(By.CSS_SELECTOR, "svg.timeline a.membership")
    }
    assert {"CHN", "RUS", "IND", "PAK"} <= members
    india = browser.find_element(By.CSS_SELECTOR, "svg.timeline a[data-who=IND] rect")
    russia = browser.find_element(By.CSS_SELECTOR, "svg.timeline a[data-who=RUS] rect")
    assert float(india.get_attribute("x")) > float(russia.get_attribute("x"))  # joined later


def test_timeline_lists_instruments_latest_first_and_filters_by_organization(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/timeline?organization=CSTO")
    screenshot("timeline")
    years = [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".timeline h2.year")]
    known = [y for y in years if y.isdigit()]
    assert known and known == sorted(known, reverse=True)
    events = browser.find_elements(By.CSS_SELECTOR, "li.event")
    assert events and all("Collective Security Treaty" in e.text for e in events)


def test_pages_in_russian_translate_their_own_words_too(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/topics/itu-role/supporters?lang=ru")
    screenshot("supporters-ru")
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading.startswith("Государства, которые поддерживают")
    assert "МСЭ" in heading or "электросвязи" in heading
    bonds = " ".join(b.text for b in browser.find_elements(By.CSS_SELECTOR, ".bond"))
    assert "как член" in bonds and "as a member" not in bonds


def test_keyboard_reaches_the_content_first_and_focus_is_visible(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{corpus_over_http.url}/topics/itu-role")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.get_attribute("class") == "skip"
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", skip)
    assert outline != "none"
    screenshot("focus")
    skip.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main"


def test_pages_fit_a_phone_without_sideways_scrolling(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.set_window_size(390, 844)
    for path in (
        "/",
        "/states/RUS",
        "/instruments/sco-2020-11-10-statement",
        "/matrix",
        "/compare?states=RUS,CHN",
    ):
        browser.get(f"{corpus_over_http.url}{path}")
        WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.TAG_NAME, "h1"))
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth"
        )
        screenshot("phone-" + (path.strip("/").split("?")[0].replace("/", "-") or "home"))
        assert overflow <= 1, f"{path} is {overflow}px wider than the phone"


def test_instrument_reported_in_two_languages_shows_both_texts_highlighted(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/instruments/rus-uzb-2021-11-19-joint-statement")
    screenshot("two-languages")
    sources = browser.find_elements(By.CSS_SELECTOR, "section.source")
    languages = sorted(s.get_attribute("lang") for s in sources)
    assert languages == ["en", "ru"]
    for source in sources:
        marks = source.find_elements(By.CSS_SELECTOR, ".source-text mark.evidence")
        assert marks, f"no highlighted evidence in the {source.get_attribute('lang')} text"


def test_issue_17_english_reader_reads_a_russian_statement_with_its_sentences(
    browser: Any, corpus_over_http: ThreadedServer, screenshot: Screenshot
) -> None:
    browser.get(f"{corpus_over_http.url}/instruments/csto-2022-11-23-joint-statement")
    screenshot("english-title-of-russian-statement")
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading.startswith("Joint statement of the Collective Security Treaty Organization")
    original = browser.find_element(By.CSS_SELECTOR, "tr.original-title td")
    assert original.get_attribute("lang") == "ru" and "Совместное заявление" in original.text
    rows = browser.find_elements(By.CSS_SELECTOR, "table:not(.facts) tbody tr")
    assert rows
    with_context = 0
    for row in rows:
        topic, stance, quote = row.find_elements(By.TAG_NAME, "td")
        assert re.search("[a-z]", topic.text) and stance.text in {
            "supports",
            "opposes",
            "concerned",
        }
        marked = quote.find_element(By.CSS_SELECTOR, "q.evidence mark").text
        whole = quote.find_element(By.CSS_SELECTOR, "q.evidence").text
        assert marked in whole, whole
        with_context += len(whole) > len(marked)
    assert with_context, "no quote shows the sentence around its evidence"
