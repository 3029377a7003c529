"""Fixtures for the web UI tests: a database of the seed articles (plus one whose text holds
markup), the real app served by uvicorn on a free loopback port, and Debian's headless chromium
driven by Playwright (never a downloaded browser). In CI (env CI set) a missing chromium fails."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from vnevents import service

from ..conftest import EXAMPLES, ROOT, SEED_DATES

CHROMIUM = os.environ.get("VNEVENTS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(os.environ.get("VNEVENTS_SCREENSHOTS", ROOT / "docs" / "screenshots"))
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

# An article whose text carries markup: the UI must show it as text, never run or parse it
MARKUP_ARTICLE = (
    "Nga viện trợ nhân đạo cho Syria <script>window.__xss = 1</script> vào ngày 10/4/2024.\n"
    "Thủ tướng nói: <img src=x onerror=\"window.__xss = 2\"> <b>đậm</b> là chữ thường.\n"
)


@pytest.fixture(scope="session")
def ui_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("ui")
    url = f"sqlite:///{folder / 'events.db'}"
    for path in sorted(EXAMPLES.glob("*.txt")):
        for outcome in service.ingest_paths([path], url, date=SEED_DATES.get(path.name)):
            assert outcome.error is None, outcome.error
    crafted = folder / "markup.txt"
    crafted.write_text(MARKUP_ARTICLE, encoding="utf-8")
    for outcome in service.ingest_paths([crafted], url, date="2024-04-11"):
        assert outcome.error is None and outcome.article_id, outcome.error
    return url


class Served:
    """The app under uvicorn in a daemon thread; stopped when the fixture ends."""

    def __init__(self, app):
        import uvicorn

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web app did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve(db_url: str):
    from vnevents.web.app import create_app

    return Served(create_app(db_url=db_url))


@pytest.fixture(scope="session")
def ui_server(ui_db):
    served = serve(ui_db)
    yield served.url
    served.stop()


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"no chromium at {CHROMIUM}: apt-get install chromium chromium-driver (scripts/test.sh does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.js_errors = errors
    yield opened
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"
