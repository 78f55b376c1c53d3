"""The take-home link in a real browser (#14): Debian's chromium driven by selenium.

Skips when chromium or its driver is absent, except under CI=true (.ci/run installs them),
where a missing browser is a failure. The server binds 127.0.0.1 only.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_share import Clock, make_pdf

from aibook_desktop.engine.share import ShareServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def _need_browser() -> None:
    missing = [
        name for name, path in (("chromium", CHROMIUM), ("chromedriver", DRIVER)) if not path
    ]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if missing:
        why = f"no {', '.join(missing)} (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[tuple[object, Path]]:
    _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + str(tmp_path / "profile")):  # fmt: skip
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "plugins.always_open_pdf_externally": True,
        },
    )
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    try:
        yield driver, downloads
    finally:
        driver.quit()


def _wait_for_file(folder: Path, name: str, timeout_s: float = 20.0) -> Path:
    deadline = time.monotonic() + timeout_s
    target = folder / name
    while time.monotonic() < deadline:
        if target.exists() and not list(folder.glob("*.crdownload")):
            return target
        time.sleep(0.1)  # the browser writes the file on its own; nothing to wait on but disk
    raise AssertionError(f"{name} never arrived; folder has {sorted(os.listdir(folder))}")


def test_a_phone_browser_opens_the_page_and_saves_the_pdf(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver, downloads = browser
    clock = Clock()
    server = ShareServer("127.0.0.1", clock=clock)
    files = {
        "book.pdf": make_pdf(tmp_path / "book.pdf", "The Moon Cat"),
        "colouring.pdf": make_pdf(tmp_path / "colouring.pdf", "Colour me"),
    }
    try:
        offer = server.offer("The Moon Cat", files, "en", ttl_s=600)
        driver.get(offer.url)
        assert driver.title == "The Moon Cat"
        links = driver.find_elements(By.CSS_SELECTOR, "a.file")
        assert [a.text for a in links] == ["The book (PDF)", "The colouring book (PDF)"]
        links[0].click()
        saved = _wait_for_file(downloads, "book.pdf")
        assert saved.read_bytes() == files["book.pdf"].read_bytes()

        # a guessed link shows nothing of the book
        guessed = offer.url.replace(offer.token, "x" * len(offer.token))
        driver.get(guessed)
        assert "Nothing here." in driver.find_element(By.TAG_NAME, "body").text
        assert "Moon" not in driver.page_source

        # an expired link says so, kindly, and serves no file
        clock.now += 601
        driver.get(offer.url)
        assert "expired" in driver.find_element(By.TAG_NAME, "body").text
        driver.get(offer.url + "colouring.pdf")
        time.sleep(0.5)  # give a (wrong) download the chance to start before looking
        assert not (downloads / "colouring.pdf").exists()
    finally:
        server.stop()
