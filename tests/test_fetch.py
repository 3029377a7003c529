"""URLs against a real HTTP server on loopback: pages, feeds, and every way a fetch fails."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from vnevents import errors, service
from vnevents.config import Settings
from vnevents.fetch import USER_AGENT
from vnevents.stages.ingest import read_input

from .conftest import validate

INTAKE = Path(__file__).parent / "data" / "intake"
PAGE = """<html><head><title>Pháp rút quân khỏi Niger</title>
<meta property="article:published_time" content="2024-04-11T08:00:00+07:00"></head>
<body><nav><a href="/">Trang chủ</a></nav><article><h1>Pháp rút quân khỏi Niger</h1>
<p>Pháp đã hoàn tất việc rút quân khỏi Niger vào tháng 12 năm ngoái sau khi các nhà lãnh đạo quân sự
của Niamey ra lệnh cho họ rời đi.</p><p>Tuy nhiên, Washington đã loại trừ khả năng rút quân khỏi Niger.</p>
</article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []
    flaky_calls = 0

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status, body: bytes, content_type: str, extra: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - the http.server API
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/page":
            self._send(200, PAGE.encode("utf-8"), "text/html; charset=utf-8")
        elif self.path == "/feed":
            self._send(200, (INTAKE / "feed.xml").read_bytes(), "application/rss+xml")
        elif self.path == "/linked-feed":
            port = self.server.server_address[1]
            items = "".join(f"<item><title>{title}</title><link>http://127.0.0.1:{port}{link}</link>"
                            f"<description>Nga đã gửi vũ khí tới Niger.</description></item>"
                            for title, link in (("Trang đầy đủ", "/page"), ("Trang mất", "/missing")))
            feed = f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>{items}</channel></rss>'
            self._send(200, feed.encode("utf-8"), "application/rss+xml")
        elif self.path == "/missing":
            self._send(404, b"not here", "text/plain")
        elif self.path == "/report.pdf":
            self._send(200, b"%PDF-1.7\n...", "application/pdf")
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, b"late", "text/plain")
        elif self.path == "/huge":
            self._send(200, ("Nga đã gửi vũ khí tới Niger. " * 4000).encode("utf-8"), "text/plain; charset=utf-8")
        elif self.path == "/flaky":
            Handler.flaky_calls += 1
            if Handler.flaky_calls == 1:
                self._send(503, b"busy", "text/plain", {"Retry-After": "0"})
            else:
                self._send(200, "Nga đã gửi vũ khí tới Niger hôm 10/4.".encode("utf-8"), "text/plain; charset=utf-8")
        else:
            self._send(404, b"?", "text/plain")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


FAST = Settings(fetch_timeout=0.5, fetch_retries=1)


def test_a_page_url_gives_its_article_and_metadata(server):
    [article] = read_input(f"{server}/page", FAST)
    assert article.title == "Pháp rút quân khỏi Niger" and article.date == "2024-04-11"
    assert article.url == f"{server}/page" and "Pháp đã hoàn tất" in article.text
    assert article.raw == PAGE.encode("utf-8")  # the raw bytes, as served
    assert Handler.seen_agents[-1] == USER_AGENT


def test_a_feed_url_gives_one_article_per_item(server):
    results = read_input(f"{server}/feed", FAST)
    articles = [r for r in results if not isinstance(r, errors.VneventsError)]
    assert [a.title for a in articles] == ["Pháp rút quân khỏi Niger", "Nga gửi huấn luyện viên tới Niger"]
    assert isinstance(results[-1], errors.EmptyInput) and "item 3" in str(results[-1])


@pytest.mark.parametrize(
    "path, error, words",
    [
        ("/missing", errors.FetchError, "HTTP 404"),
        ("/report.pdf", errors.UnsupportedInput, "PDF"),
        ("/slow", errors.FetchError, "timed out after 0.5 s (tried 2 times)"),
    ],
)
def test_each_failed_fetch_has_a_clear_message(server, path, error, words):
    with pytest.raises(error) as caught:
        read_input(f"{server}{path}", FAST)
    assert words in str(caught.value) and path in str(caught.value)


def test_a_response_over_the_size_limit_is_refused(server):
    with pytest.raises(errors.TooLarge) as caught:
        read_input(f"{server}/huge", Settings(max_input_bytes=50_000, fetch_timeout=2))
    assert "50,000-byte limit" in str(caught.value)


def test_a_busy_server_is_tried_again(server):
    [article] = read_input(f"{server}/flaky", Settings(fetch_timeout=2, fetch_retries=2))
    assert article.text.startswith("Nga đã gửi vũ khí")


def test_a_batch_of_urls_reports_the_bad_ones_and_codes_the_rest(server):
    outcomes = list(service.analyze_paths([f"{server}/page", f"{server}/missing", f"{server}/report.pdf"], FAST))
    assert [o.error is None for o in outcomes] == [True, False, False]
    record = outcomes[0].to_dict()
    validate(record)
    assert {(e["source"]["country"], e["type"], e["target"]["country"]) for e in record["events"]} >= {("FRA", "RETREAT", "NER")}


def test_the_cli_reads_urls_and_feed_files_beside_bad_urls(server):
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "vnevents", "analyze", f"{server}/page", f"{server}/missing",
                             str(INTAKE / "feed.xml"), "--format", "jsonl"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1  # one input failed ...
    assert f"{server}/missing: HTTP 404" in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for record in records:
        validate(record)
    # ... and the rest was coded: the page and the feed's two items with text
    assert [r["url"] for r in records] == [f"{server}/page", "https://example.vn/the-gioi/phap-rut-quan-khoi-niger.html",
                                          "https://example.vn/the-gioi/nga-gui-huan-luyen-vien.html"]
    assert any(e["type"] == "RETREAT" for e in records[1]["events"])


def test_following_feed_links_reads_each_page_and_falls_back_to_the_summary(server):
    followed, missing = read_input(f"{server}/linked-feed", Settings(fetch_timeout=2, fetch_retries=0, follow_feed_links=True))
    assert "Pháp đã hoàn tất việc rút quân khỏi Niger" in followed.text and followed.raw == PAGE.encode("utf-8")
    assert missing.text == "Nga đã gửi vũ khí tới Niger."  # the page answered 404: the summary stands
    [note] = missing.repairs
    assert note["kind"] == "intake" and "HTTP 404" in note["detail"]
    unfollowed = read_input(f"{server}/linked-feed", FAST)
    assert all(a.text == "Nga đã gửi vũ khí tới Niger." for a in unfollowed)
