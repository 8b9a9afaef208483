"""Pages in a real headless browser: Debian's chromium driven by Selenium (chromium-driver).

Every test saves screenshots to ``test-artifacts/screenshots/<run>/`` (the run is named by its
start time); look at them. Without chromium the tests are skipped, saying what to install.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.guards import missing

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
Screenshot = Callable[[str], Path]


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    folder = ROOT / "test-artifacts" / "screenshots" / time.strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if CHROMIUM is None or DRIVER is None:
        missing("page tests need Debian's chromium and chromium-driver (apt-get install)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    options.add_argument("--disable-dev-shm-usage")
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def browser(chromium: object, screenshot_dir: Path, request: pytest.FixtureRequest) -> object:
    """The browser, its window reset to a laptop's size, its cookies (the pages' language)
    cleared and its console log emptied for each test."""
    chromium.set_window_size(1280, 900)  # type: ignore[attr-defined]
    chromium.execute_cdp_cmd("Network.clearBrowserCookies", {})  # type: ignore[attr-defined]
    # what the console said before this test is not this test's (the log is read to empty)
    chromium.get_log("browser")  # type: ignore[attr-defined]
    return chromium


@pytest.fixture
def screenshot(
    chromium: object, screenshot_dir: Path, request: pytest.FixtureRequest
) -> Screenshot:
    """Saves the browser's page as ``<test>-<step>.png`` in the run's folder."""

    def save(step: str) -> Path:
        path = screenshot_dir / f"{request.node.name}-{step}.png"
        chromium.save_screenshot(str(path))  # type: ignore[attr-defined]
        return path

    return save
