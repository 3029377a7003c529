"""Hostile inputs (tests/data/hostile/, and the big ones generated here: a 200 MB text, a 200 MB
JSONL line, 100,000 nested divs, gzip bombs, a feed whose item links to the feed itself) in one
`vnevents ingest` run beside good ones: each bad input gets its one clear line naming it and its
error code, the good ones are stored, the run ends with exit code 1 (some failed), not a crash,
and the big inputs are never held in memory. README: Reliability lists what each one gets.
"""
from __future__ import annotations

import gzip
import re
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "data" / "hostile"
SENTENCE = "Nga đã gửi một đội huấn luyện viên quân sự tới Niger hôm 10/4. "
BIG_BYTES = 200_000_000
BOMB_BYTES = 1 << 30  # a gigabyte of zeros (or of empty lines) in about a megabyte
# Peak memory of the whole ingest run: the pipeline alone takes ~300 MiB; a 200 MB input or a bomb
# held whole would add 200-1,000 MiB.
MAX_RSS_MIB = 700

# input -> [(error code, words of its message)], one per line it gets on stderr
EXPECTED_ERRORS = {
    "empty.txt": [("E101", "file is empty")],
    "blank-lines.txt": [("E101", "file is empty")],
    "nul-bytes.txt": [("E102", "contains NUL bytes")],
    "mixed-encodings.txt": [("E103", "not valid UTF-8")],
    "rtl-only.txt": [("E104", "does not look Vietnamese")],
    "invalid-lines.jsonl": [("E105", "line 2 is not valid JSON"), ("E105", 'line 3 has no string field "text"'),
                            ("E105", 'line 4 has no string field "text"'), ("E102", "line 5: text holds NUL"),
                            ("E103", "line 7 is not valid UTF-8")],
    "huge.txt": [("E108", "over the 5,000,000-byte limit")],
    "huge-line.jsonl": [("E108", "line 2 is 200,000,001 bytes")],
    "deep.html": [("E100", "no extractable article text")],
    "bomb.txt.gz": [("E108", "decompresses to over the 5,000,000-byte limit")],
    "bomb.jsonl.gz": [("E108", "a gzip bomb?")],
    "cut-short.txt.gz": [("E111", "not a readable gzip file")],
    "not-gzip.html.gz": [("E111", "not a readable gzip file")],
    "no-such-file.txt": [("E100", "no such file or folder")],
}
# input -> articles stored from it
EXPECTED_STORED = {"good.txt": 1, "rtl-emoji.txt": 1, "invalid-lines.jsonl": 2, "huge-line.jsonl": 1,
                   "good.txt.gz": 1, "self-feed": 1}


def _generate(folder: Path) -> None:
    good = (HOSTILE / "good.txt").read_bytes()
    with (folder / "huge.txt").open("wb") as out:  # real text, refused by its size before it is read
        block = SENTENCE.encode() * 16_000
        for _ in range(BIG_BYTES // len(block) + 1):
            out.write(block)
    with (folder / "huge-line.jsonl").open("wb") as out:  # one 200 MB line between two good ones
        out.write(b'{"id": "before", "text": "' + SENTENCE.encode() + b'"}\n')
        out.write(b'{"text": "' + b"x" * (BIG_BYTES - 12) + b'"}\n')
    nested = 100_000
    (folder / "deep.html").write_text(f"<html><body>{'<div>' * nested}<p>{SENTENCE * 5}</p>{'</div>' * nested}</body></html>",
                                      encoding="utf-8")
    for name, unit in (("bomb.txt.gz", b"\0"), ("bomb.jsonl.gz", b"\n")):
        member = gzip.compress(unit * (1 << 20), 9)  # a megabyte in about a kilobyte; gzip reads members one after another
        (folder / name).write_bytes(member * (BOMB_BYTES >> 20))
    (folder / "good.txt.gz").write_bytes(gzip.compress(good.replace(b"10/4", b"11/4")))
    (folder / "cut-short.txt.gz").write_bytes(gzip.compress(good)[:60])
    (folder / "not-gzip.html.gz").write_bytes(b"<html><body><p>" + good + b"</p></body></html>")


class SelfFeed(BaseHTTPRequestHandler):
    """A feed whose one item links to the feed itself."""

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - the http.server API
        url = f"http://127.0.0.1:{self.server.server_address[1]}/feed"
        body = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Vòng lặp</title>'
                f"<item><title>Tự trỏ</title><link>{url}</link><description>{SENTENCE}</description></item>"
                "</channel></rss>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def feed_url():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), SelfFeed)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/feed"
    httpd.shutdown()


# Runs the CLI and reports its own peak memory on the last line of stderr: VmHWM, as ru_maxrss
# keeps the high-water mark of the (large) pytest process it was forked from.
MEASURED = ("import re, runpy, sys\nsys.argv = ['vnevents', *sys.argv[1:]]\ntry:\n"
            "    runpy.run_module('vnevents', run_name='__main__')\nfinally:\n"
            "    peak = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
            "    print(f'peak rss {peak // 1024} MiB', file=sys.stderr)\n")


@pytest.fixture(scope="module")
def run(tmp_path_factory, feed_url):
    folder = tmp_path_factory.mktemp("generated")
    _generate(folder)
    db = folder / "events.db"
    result = subprocess.run([sys.executable, "-c", MEASURED, "ingest", str(HOSTILE), str(folder), str(folder / "no-such-file.txt"),
                             feed_url, "--follow", "--db", f"sqlite:///{db}"], capture_output=True, text=True, timeout=600)
    return result, db


def _name(line: str) -> str:
    return Path(re.match(r"error (\S+?):? ", line).group(1)).name


def test_the_run_ends_with_exit_code_one_and_no_traceback(run):
    result, _ = run
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    failed = sum(len(v) for v in EXPECTED_ERRORS.values())
    assert f"stored {sum(EXPECTED_STORED.values())} article(s)" in result.stderr and f"; {failed} failed" in result.stderr


def test_each_bad_input_gets_its_own_clear_message_and_code(run):
    result, _ = run
    lines = [line for line in result.stderr.splitlines() if line.startswith("error ")]
    got: dict[str, list[str]] = {}
    for line in lines:
        got.setdefault(_name(line), []).append(line)
    assert sorted(got) == sorted(EXPECTED_ERRORS)
    for name, expected in EXPECTED_ERRORS.items():
        assert len(got[name]) == len(expected), got[name]
        for line, (code, words) in zip(got[name], expected):
            assert line.endswith(f"[{code}]") and words in line, line


def test_the_good_inputs_beside_them_are_stored(run, feed_url):
    _, db = run
    with sqlite3.connect(db) as connection:
        paths = [row[0] for row in connection.execute("select path from articles")]
        repairs = connection.execute("select repairs from articles where url = ?", (feed_url,)).fetchone()
    stored = {name: 0 for name in EXPECTED_STORED}
    for path in paths:
        key = "self-feed" if path == feed_url else ("invalid-lines.jsonl" if path in ("tot-1", "bad-date") else
                                                   "huge-line.jsonl" if path == "before" else Path(path).name)
        stored[key] += 1
    assert stored == EXPECTED_STORED
    # the feed's item is coded from its summary: its link (the feed itself) is not followed round
    assert repairs and "links to a feed, not an article page" in repairs[0]


def test_big_inputs_are_never_held_in_memory(run):
    result, _ = run
    peak = int(re.search(r"peak rss (\d+) MiB", result.stderr).group(1))
    assert peak < MAX_RSS_MIB, peak
