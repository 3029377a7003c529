"""End-to-end: the installed `vnevents` command, as a user runs it."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from vnevents.legacy import encode_cp1258

from .conftest import EXAMPLES, validate

VNEVENTS = [sys.executable, "-m", "vnevents"]


def run(*args, cwd=None):
    return subprocess.run([*VNEVENTS, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_analyze_prints_a_table_per_article():
    result = run("analyze", EXAMPLES)
    assert result.returncode == 0, result.stderr
    for name in ("000_80fee103ab6e860c.txt", "001_75dbe35eade5f37d.txt", "003_a702ee0b46030dc5.txt"):
        assert name in result.stdout
    assert "RETREAT" in result.stdout and "Pháp" in result.stdout


def test_analyze_jsonl_to_file_matches_the_schema(tmp_path):
    out = tmp_path / "events.jsonl"
    result = run("analyze", EXAMPLES, "--format", "jsonl", "-o", out)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3
    for record in records:
        validate(record)
        for event in record["events"]:
            ev = event["evidence"]
            assert record["text"][ev["start"]:ev["end"]] == ev["text"]
    assert sum(len(r["events"]) for r in records) >= 15


def test_bad_inputs_get_one_line_each_and_the_rest_is_processed(tmp_path):
    good = tmp_path / "good.txt"
    shutil.copy(EXAMPLES / "000_80fee103ab6e860c.txt", good)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "german.txt").write_bytes("Grüße aus München: die Straße ist schön, sagte er.".encode("latin-1"))
    # Vietnamese typed in a Windows-1258 editor: converted, not refused
    (tmp_path / "legacy.txt").write_bytes(encode_cp1258("Pháp đã rút quân khỏi Niger vào tháng 12 năm ngoái."))
    (tmp_path / "english.txt").write_text("The quick brown fox jumps over the lazy dog. " * 5, encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text('{"text": "Pháp đã rút quân khỏi Niger vào tháng 12."}\n{not json\n', encoding="utf-8")
    (tmp_path / "broken.html").write_text("<html><body><div><p>", encoding="utf-8")
    (tmp_path / "huge.txt").write_bytes(("Pháp đã rút quân khỏi Niger. " * 200_000).encode("utf-8"))
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    (empty_dir / "notes.pdf").write_bytes(b"%PDF")
    result = run("analyze", *sorted(p for p in tmp_path.iterdir()), "--format", "jsonl")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    by_file = {name: [e for e in errors if name in e] for name in
               ("empty.txt", "binary.txt", "german.txt", "english.txt", "broken.jsonl", "nothing", "broken.html", "huge.txt")}
    assert all(len(lines) == 1 for lines in by_file.values()), errors
    assert "empty" in by_file["empty.txt"][0]
    assert "binary" in by_file["binary.txt"][0]
    assert "UTF-8" in by_file["german.txt"][0]
    assert "Vietnamese" in by_file["english.txt"][0]
    assert "line 2" in by_file["broken.jsonl"][0]
    assert "no .txt" in by_file["nothing"][0]
    assert "no extractable article text" in by_file["broken.html"][0]
    assert "limit" in by_file["huge.txt"][0]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["path"] for r in records} == {str(good), f"{tmp_path / 'broken.jsonl'}:1", str(tmp_path / "legacy.txt")}
    [legacy] = [r for r in records if r["path"].endswith("legacy.txt")]
    assert legacy["encoding"] == "cp1258" and legacy["events"][0]["type"] == "RETREAT"


def test_all_inputs_good_exits_zero_and_a_missing_path_fails(tmp_path):
    assert run("analyze", EXAMPLES / "001_75dbe35eade5f37d.txt").returncode == 0
    missing = run("analyze", tmp_path / "nope.txt")
    assert missing.returncode == 1 and "no such file" in missing.stderr


def test_eval_reports_scores(shared):
    result = run("eval", shared / "gold" / "seeds.jsonl", EXAMPLES, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"precision", "recall", "f1", "per_type", "date_accuracy", "factuality_accuracy"} <= set(report)
    table = run("eval", shared / "gold" / "seeds.jsonl", EXAMPLES)
    assert "precision" in table.stdout and "COERCE" in table.stdout


def test_eval_names_a_missing_document(tmp_path, shared):
    result = run("eval", shared / "gold" / "seeds.jsonl", tmp_path)
    assert result.returncode == 1 and "not found" in result.stderr


def test_html_page_gives_metadata_and_clean_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        """<html><head><title>Pháp rút quân khỏi Niger</title><meta name="author" content="Minh Anh">
        <meta property="article:published_time" content="2024-04-11T08:00:00+07:00"></head>
        <body><nav><a href="/">Trang chủ</a> | <a href="/the-gioi">Thế giới</a></nav>
        <article><h1>Pháp rút quân khỏi Niger</h1>
        <p>Pháp đã hoàn tất việc rút quân khỏi Niger vào tháng 12 năm ngoái sau khi các nhà lãnh đạo quân sự
        của Niamey ra lệnh cho họ rời đi.</p>
        <p>Tuy nhiên, Washington đã loại trừ khả năng rút quân khỏi Niger.</p></article>
        <footer>Bản quyền thuộc về báo điện tử. Liên hệ quảng cáo.</footer></body></html>""",
        encoding="utf-8",
    )
    result = run("analyze", page, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    validate(record)
    assert (record["title"], record["date"], record["author"]) == ("Pháp rút quân khỏi Niger", "2024-04-11", "Minh Anh")
    assert record["text"].startswith("Pháp đã hoàn tất") and "Trang chủ" not in record["text"]
    triples = {(e["source"]["country"], e["type"], e["target"]["country"], e["date"]["value"]) for e in record["events"]}
    assert ("FRA", "RETREAT", "NER", "2023-12") in triples and ("USA", "REJECT", "NER", "2024-04-11") in triples
    # the rejection has no date of its own: the page's date stands in, and says so
    [reject] = [e for e in record["events"] if e["type"] == "REJECT"]
    assert (reject["date"]["basis"], reject["date"]["text"]) == ("article", None)


def test_uncoded_lists_sentences_the_coder_missed():
    result = run("analyze", EXAMPLES / "001_75dbe35eade5f37d.txt", "--format", "jsonl", "--uncoded")
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    validate(record)
    coded = {e["evidence"]["sentence"] for e in record["events"]}
    assert record["uncoded"], "the seed has sentences with actors and verbs that give no event"
    for row in record["uncoded"]:
        assert row["sentence"] not in coded and row["actors"] and row["verbs"]
        assert record["text"][row["start"]:row["end"]] == row["text"]
    table = run("analyze", EXAMPLES / "001_75dbe35eade5f37d.txt", "--uncoded")
    assert "uncoded sentences" in table.stdout


def test_min_confidence_filters_events():
    everything = run("analyze", EXAMPLES / "000_80fee103ab6e860c.txt", "--format", "jsonl")
    surest = run("analyze", EXAMPLES / "000_80fee103ab6e860c.txt", "--format", "jsonl", "--min-confidence", "0.7")
    all_events = json.loads(everything.stdout)["events"]
    kept = json.loads(surest.stdout)["events"]
    assert 0 < len(kept) < len(all_events) and all(e["confidence"] >= 0.7 for e in kept)


def test_every_database_command_end_to_end(db_url, tmp_path):
    """ingest, db upgrade, events (list, show, split), search, stats, export and reprocess, as a user runs them."""
    db = ["--db", db_url]
    first = run("ingest", EXAMPLES / "001_75dbe35eade5f37d.txt", *db, "--date", "2024-06-05")
    assert first.returncode == 0 and "stored 1 article(s)" in first.stderr, first.stderr
    again = run("ingest", EXAMPLES / "001_75dbe35eade5f37d.txt", *db, "--date", "2024-06-05")
    assert "1 already stored" in again.stderr
    assert "schema version" in run("db", "upgrade", *db).stdout
    listing = run("events", *db, "--actor", "RUS", "--type", "AID", "--mentions", "--format", "jsonl")
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    happenings = [json.loads(line) for line in run("events", *db, "--actor", "RUS", "--type", "AID", "--format", "jsonl").stdout.splitlines()]
    assert happenings and {h["id"] for h in happenings} == {r["canonical_id"] for r in rows}
    assert sum(h["mention_count"] for h in happenings) == len(rows)
    assert rows and all(r["source_country"] == "RUS" and r["type"] == "AID" for r in rows)
    shown = run("events", "show", str(rows[0]["canonical_id"]), *db)
    assert shown.returncode == 0 and "AID" in shown.stdout and "mention" in shown.stdout
    split = run("events", "split", str(rows[0]["id"]), *db)
    assert split.returncode == 0 and "is now happening" in split.stdout
    assert run("events", "show", "999999", *db).returncode == 1
    found = run("search", "lavrov burkina", "--folded", *db)
    assert "001_75dbe35eade5f37d.txt" in found.stdout
    stats = run("stats", *db, "--by", "year", "--dyad", "RUS-BFA", "--json")
    assert sum(json.loads(line)["events"] for line in stats.stdout.splitlines()) >= 1
    for fmt in ("gdelt", "mentions", "jsonl", "csv", "parquet"):
        exported = run("export", *db, "--format", fmt, "-o", tmp_path / f"out.{fmt}")
        assert exported.returncode == 0 and (tmp_path / f"out.{fmt}").stat().st_size > 0, exported.stderr
    redone = run("reprocess", *db, "--all")
    assert redone.returncode == 0 and "re-coded 1 article(s)" in redone.stderr
    bad = run("events", "--db", "nosuchdb://x")
    assert bad.returncode == 2 and "database URL" in bad.stderr


def test_serve_answers_the_api_and_refuses_writes_without_a_token(tmp_path):
    import os
    import socket
    import time

    import httpx

    db = f"sqlite:///{tmp_path / 'events.db'}"
    refused = run("serve", "--db", db, "--allow-writes", cwd=tmp_path)
    assert refused.returncode == 2 and "token" in refused.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "VNEVENTS_TOKEN": "t0ken"}
    server = subprocess.Popen([*VNEVENTS, "serve", "--db", db, "--port", str(port), "--allow-writes"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):  # up to a minute for the imports and the first open of the database
            try:
                info = httpx.get(f"{base}/api/info").json()
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert info["writes"] is True and info["articles"] == 0
        assert httpx.post(f"{base}/api/reprocess", json={}).status_code == 401
        assert httpx.post(f"{base}/api/reprocess", json={}, headers={"Authorization": "Bearer t0ken"}).json() == {"articles": 0, "events": 0}
    finally:
        server.terminate()
        server.wait(timeout=30)
