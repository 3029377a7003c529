"""The REST API, in-process (starlette's TestClient over the ASGI app), against a database of the
seed articles on each supported database."""
from __future__ import annotations

import io
import json

import pytest
from starlette.testclient import TestClient

from vnevents import service
from vnevents.config import Settings
from vnevents.store import EventFilter
from vnevents.web import create_app
from vnevents.web.guards import RateLimit

from ..conftest import EXAMPLES, SEED_DATES, validate

TOKEN = "s3cret-token"
FRENCH_WITHDRAWAL = "Pháp đã hoàn tất việc rút quân khỏi Niger vào tháng 12 năm ngoái."


@pytest.fixture
def seeded(db_url) -> str:
    for path in sorted(EXAMPLES.glob("*.txt")):
        [outcome] = service.ingest_paths([path], db_url, date=SEED_DATES.get(path.name))
        assert outcome.error is None and outcome.article_id
    return db_url


@pytest.fixture
def client(seeded) -> TestClient:
    return TestClient(create_app(seeded))


@pytest.fixture
def writer(seeded) -> TestClient:
    return TestClient(create_app(seeded, allow_writes=True, token=TOKEN))


def _article_id(client: TestClient, name: str) -> int:
    return next(a["id"] for a in client.get("/api/articles").json()["items"] if a["source"].endswith(name))


def _all(client: TestClient, path: str, **params) -> list[dict]:
    items, offset = [], 0
    while True:
        page = client.get(path, params={**params, "limit": 7, "offset": offset}).json()
        items += page["items"]
        offset += 7
        if offset >= page["total"]:
            return items


# ---- articles -----------------------------------------------------------------------------------
def test_articles_are_listed_latest_first_with_their_event_counts(client, seeded):
    page = client.get("/api/articles").json()
    assert page["total"] == 3 and page["limit"] == 50 and page["offset"] == 0
    ids = [a["id"] for a in page["items"]]
    assert ids == sorted(ids, reverse=True)
    assert sum(a["events"] for a in page["items"]) == len(list(service.query_events(seeded)))
    newest = page["items"][0]
    assert newest["title"].startswith("Quân đội Nga - Mỹ") and newest["source"] == "VOV" and newest["date"] == "2017-02-18"


def test_article_search_finds_words_with_and_without_diacritics(client):
    found = client.get("/api/articles", params={"q": "Niger"}).json()
    assert found["total"] == 2
    assert {a["source"].rsplit("/", 1)[-1] for a in found["items"]} == {"000_80fee103ab6e860c.txt", "001_75dbe35eade5f37d.txt"}
    folded = client.get("/api/articles", params={"q": "bi mat phoi hop", "folded": True}).json()
    assert [a["source"] for a in folded["items"]] == ["VOV"]
    assert client.get("/api/articles", params={"q": "bi mat phoi hop"}).json()["total"] == 0


def test_an_article_shows_the_repairs_made_to_its_text(client):
    damaged = client.get(f"/api/articles/{_article_id(client, '001_75dbe35eade5f37d.txt')}").json()
    fixes = [(r["from"], r["to"]) for r in damaged["repairs"]]
    assert fixes.count(("đă", "đã")) == 3 and ("lănh", "lãnh") in fixes and ("rơ", "rõ") in fixes
    for repair in damaged["repairs"]:
        assert damaged["text"][repair["start"] : repair["start"] + len(repair["to"])] == repair["to"]
    clean = client.get(f"/api/articles/{_article_id(client, '000_80fee103ab6e860c.txt')}").json()
    assert clean["repairs"] == []


def test_an_article_comes_with_its_stored_events_names_and_sentences(client, seeded):
    article_id = _article_id(client, "000_80fee103ab6e860c.txt")
    article = client.get(f"/api/articles/{article_id}").json()
    text = article["text"]
    stored = [row for row in service.query_events(seeded) if row["article_id"] == article_id]
    assert sorted(e["id"] for e in article["events"]) == sorted(row["id"] for row in stored)
    aid = next(e for e in article["events"] if e["type"] == "AID")
    assert (aid["source"]["code"], aid["target"]["code"], aid["trigger"]) == ("RUSMIL", "NERMIL", "mang theo")
    for event in article["events"]:
        evidence = event["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
        assert event["trigger"] in evidence["text"]
    assert article["mentions"] and all(text[m["start"] : m["end"]] == m["text"] for m in article["mentions"])
    assert any(m["code"] == "NER" for m in article["mentions"])
    assert article["sentences"][0]["start"] == 0 and all(s["end"] > s["start"] for s in article["sentences"])


def test_an_unknown_article_is_404(client):
    assert client.get("/api/articles/999999").status_code == 404
    assert client.get("/api/articles/0").status_code == 422


# ---- events and happenings --------------------------------------------------------------------------
def test_events_filter_as_the_cli_does(client, seeded):
    page = client.get("/api/events", params={"actor": "RUS", "target": "NER", "limit": 500}).json()
    expected = list(service.query_events(seeded, EventFilter(actor="RUS", target="NER")))
    assert page["total"] == len(expected) > 0
    assert {e["id"] for e in page["items"]} == {row["id"] for row in expected}
    assert all(e["source"]["country"] == "RUS" and e["target"]["country"] == "NER" for e in page["items"])
    aid = next(e for e in page["items"] if e["type"] == "AID")
    assert aid["source"]["code"] == "RUSMIL" and aid["evidence"]["text"].startswith("Theo đài RT")
    assert aid["via"] == ["RT", "truyền thông quốc gia của Niger"] and aid["factuality"] == "reported"
    only_aid = client.get("/api/events", params={"type": "aid"}).json()
    assert only_aid["total"] >= 1 and all(e["type"] == "AID" for e in only_aid["items"])
    in_2017 = client.get("/api/events", params={"since": "2017-01", "until": "2017-02"}).json()["items"]
    assert in_2017 and all("2017-01" <= e["date"]["value"][:7] <= "2017-02" for e in in_2017)


def test_event_pages_cover_every_event_once(client, seeded):
    everything = _all(client, "/api/events")
    assert len(everything) == len({e["id"] for e in everything}) == len(list(service.query_events(seeded)))


@pytest.mark.parametrize("key", ["goldstein", "confidence", "date"])
def test_events_sort_both_ways(client, key):
    def value(event):
        return event["date"]["value"] if key == "date" else event[key]

    ascending = [value(e) for e in client.get("/api/events", params={"sort": key, "limit": 500}).json()["items"]]
    descending = [value(e) for e in client.get("/api/events", params={"sort": f"-{key}", "limit": 500}).json()["items"]]
    known = [v for v in ascending if v is not None]
    assert known == sorted(known) and len(set(known)) > 1
    assert [v for v in descending if v is not None] == sorted(known, reverse=True)
    assert client.get("/api/events", params={"sort": "id; DROP TABLE events"}).status_code == 422


def test_events_search_their_evidence(client):
    items = client.get("/api/events", params={"q": "burkina", "limit": 500}).json()["items"]
    assert items and all("burkina" in e["evidence"]["text"].lower() for e in items)


def test_happenings_list_and_show_as_the_cli(client, seeded):
    listed = _all(client, "/api/happenings")
    assert sorted(h["id"] for h in listed) == sorted(row["id"] for row in service.query_happenings(seeded))
    dates = [h["date"] for h in listed]
    assert dates == sorted(dates, key=lambda d: (d is None, d))  # undated last
    merged = max(listed, key=lambda h: h["mention_count"])
    shown = client.get(f"/api/happenings/{merged['id']}").json()
    assert len(shown["mentions"]) == shown["mention_count"] == merged["mention_count"]
    assert shown["evidence_text"] == merged["evidence_text"] and shown["mention_id"] == merged["mention_id"]
    assert all(m["happening"] == merged["id"] for m in shown["mentions"])
    assert client.get("/api/happenings/999999").status_code == 404
    by_mentions = [h["mention_count"] for h in client.get("/api/happenings", params={"sort": "-mentions"}).json()["items"]]
    assert by_mentions == sorted(by_mentions, reverse=True)


# ---- actors, stats, places, export ---------------------------------------------------------------
def test_an_actor_has_its_events_counterparts_and_timeline(client):
    russia = client.get("/api/actors/rus").json()
    assert russia["code"] == "RUS" and russia["name"] == "Nga" and russia["country"] == "RUS"
    events = client.get("/api/actors/RUS/events", params={"limit": 500}).json()
    assert russia["events"] == events["total"] > 0
    assert all("RUS" in (e["source"]["country"], (e["target"] or {}).get("country")) for e in events["items"])
    partners = {c["code"]: c for c in russia["counterparts"]}
    assert "NER" in partners and partners["BFA"]["name"] == "Burkina Faso"
    assert sum(p["count"] for p in russia["timeline"]) <= russia["events"]
    assert all(p["cooperation"] + p["conflict"] <= p["count"] for p in russia["timeline"])
    assert client.get("/api/actors/ZZZ").status_code == 404


def test_top_actors_are_ranked_by_events(client):
    page = client.get("/api/actors", params={"limit": 5}).json()
    counts = [a["count"] for a in page["items"]]
    assert len(counts) == 5 and counts == sorted(counts, reverse=True) and page["total"] > 5
    top = page["items"][0]
    coded = [side["code"] for e in _all(client, "/api/events") for side in (e["source"], e["target"]) if side and side["code"]]
    assert top["count"] == coded.count(top["code"]) == max(coded.count(code) for code in set(coded))


def test_every_listed_actor_has_a_profile(client):
    # three-letter codes that are no country (WAG: Wagner, UAF) were listed, then 404 as profiles
    codes = [a["code"] for a in client.get("/api/actors", params={"limit": 500}).json()["items"]]
    assert "WAG" in codes
    for code in codes:
        profile = client.get(f"/api/actors/{code}")
        assert profile.status_code == 200 and profile.json()["events"] > 0, code


def test_timeseries_match_the_cli_stats(client, seeded):
    monthly = client.get("/api/stats/timeseries", params={"by": "month"}).json()
    cli = service.open_store(seeded).stats("month")
    assert [(p["period"], p["count"]) for p in monthly] == [(r["period"], r["events"]) for r in cli]
    assert all(sum(p["quad"].values()) == p["count"] for p in monthly)
    weekly = client.get("/api/stats/timeseries", params={"by": "week"}).json()
    daily = client.get("/api/stats/timeseries", params={"by": "day"}).json()
    assert weekly and all(len(p["period"]) == 8 and p["period"][4:6] == "-W" for p in weekly)
    assert sum(p["count"] for p in weekly) == sum(p["count"] for p in daily)
    niger = client.get("/api/stats/timeseries", params={"by": "month", "target": "NER"}).json()
    assert 0 < sum(p["count"] for p in niger) < sum(p["count"] for p in monthly)


def test_dyads_count_happenings_per_pair(client):
    dyads = client.get("/api/stats/dyads", params={"limit": 100}).json()
    happenings = _all(client, "/api/happenings")
    pairs = {}
    for h in happenings:
        source, target = h["source_code"] or h["source_country"], h["target_code"] or h["target_country"]
        if source and target:
            pairs[(source, target)] = pairs.get((source, target), 0) + 1
    assert {(d["source"], d["target"]): d["count"] for d in dyads} == pairs
    top = dyads[0]
    # named with the words the news uses most for Russia's government here: Putin's name
    assert (top["source"], top["target"]) == ("RUSGOV", "USAGOV") and top["source_name"].endswith("Putin")


def test_places_put_happenings_on_the_map(client):
    places = {p["name"]: p for p in client.get("/api/places").json()}
    assert places["Bonn"]["country"] == "DEU" and places["Bonn"]["lat"] == pytest.approx(50.73, abs=0.01)
    assert places["Niger"]["count"] >= 1
    syria_only = client.get("/api/places", params={"place": "SYR"}).json()
    assert syria_only and {p["country"] for p in syria_only} == {"SYR"}


def test_exports_hold_the_filtered_events(client):
    events = client.get("/api/events", params={"actor": "RUS", "limit": 500}).json()
    jsonl = client.get("/api/export", params={"format": "jsonl", "actor": "RUS"})
    assert jsonl.status_code == 200 and jsonl.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert sorted(r["id"] for r in rows) == sorted(e["id"] for e in events["items"])
    gdelt = client.get("/api/export", params={"format": "gdelt"})
    assert len(gdelt.text.splitlines()) == client.get("/api/happenings").json()["total"]
    assert all(len(line.split("\t")) == 61 for line in gdelt.text.splitlines())
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(client.get("/api/export", params={"format": "parquet"}).content))
    assert table.num_rows == client.get("/api/events").json()["total"]
    assert client.get("/api/export", params={"format": "csv"}).text.startswith("id,article_id,")
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


# ---- analyze ------------------------------------------------------------------------------------------
def test_analyze_codes_text_in_the_contract_shape_and_stores_nothing(client):
    before = client.get("/api/info").json()
    answer = client.post("/api/analyze", json={"text": FRENCH_WITHDRAWAL, "date": "2024-04-11"})
    assert answer.status_code == 200
    article = answer.json()
    validate(article)
    [event] = article["events"]
    assert (event["source"]["code"], event["type"], event["target"]["code"]) == ("FRA", "RETREAT", "NER")
    assert event["date"]["value"] == "2023-12"
    assert client.get("/api/info").json() == before


def test_analyze_reads_an_html_page(client):
    page = (f"<html><head><title>Rút quân</title></head><body><article><h1>Rút quân</h1><p>{FRENCH_WITHDRAWAL}</p>"
            "<p>Quân đội Pháp đã rời khỏi căn cứ cuối cùng tại Niamey.</p></article></body></html>")
    article = client.post("/api/analyze", json={"html": page, "date": "2024-04-11"}).json()
    validate(article)
    assert any(e["type"] == "RETREAT" and e["source"]["country"] == "FRA" for e in article["events"])


def test_markup_in_text_comes_back_as_plain_json_strings(client):
    text = "Nga viện trợ nhân đạo cho Syria <script>alert('x')</script> vào ngày 10/4/2024. <img src=x onerror=alert(1)>"
    answer = client.post("/api/analyze", json={"text": text})
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.json()["text"] == text


@pytest.mark.parametrize("body", ['{"text": ', '{"text": "a", "html": "b"}', "{}", '{"text": 5}', '{"text": "a", "date": "10/4"}'])
def test_analyze_refuses_malformed_requests(client, body):
    answer = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 422


def test_request_bodies_over_the_limit_are_413(seeded):
    small = TestClient(create_app(seeded, settings=Settings(api_max_body_bytes=2_000)))
    assert small.post("/api/analyze", json={"text": FRENCH_WITHDRAWAL * 40}).status_code == 413
    assert small.post("/api/analyze", json={"text": FRENCH_WITHDRAWAL}).status_code == 200

    def chunks():  # no Content-Length: counted while read
        for _ in range(40):
            yield FRENCH_WITHDRAWAL.encode()

    assert small.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"}).status_code == 413


# ---- writes -----------------------------------------------------------------------------------------
def test_writes_are_off_by_default(client):
    document = {"documents": [{"text": FRENCH_WITHDRAWAL}]}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/ingest", json=document, headers=auth).status_code == 403
    assert client.post("/api/reprocess", json={}, headers=auth).status_code == 403
    assert client.delete("/api/articles/1", headers=auth).status_code == 403
    assert client.get("/api/info").json()["articles"] == 3


def test_writes_need_the_token(writer):
    document = {"documents": [{"text": FRENCH_WITHDRAWAL}]}
    assert writer.post("/api/ingest", json=document).status_code == 401
    assert writer.post("/api/ingest", json=document, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert writer.delete("/api/articles/1", headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert writer.get("/api/info").json() == {**writer.get("/api/info").json(), "articles": 3, "writes": True}


def test_writable_server_refuses_to_start_without_a_token(seeded):
    with pytest.raises(ValueError):
        create_app(seeded, allow_writes=True)


def test_ingest_stores_documents_once(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    french = {"actor": "FRA", "type": "RETREAT"}
    before = writer.get("/api/events", params=french).json()["total"]
    body = {"documents": [{"text": FRENCH_WITHDRAWAL + " <b>đậm</b>", "date": "2024-04-11", "source": "TTXVN"}]}
    [result] = writer.post("/api/ingest", json=body, headers=auth).json()["results"]
    assert result["article_id"] and result["events"] == 1 and not result["duplicate"]
    [again] = writer.post("/api/ingest", json=body, headers=auth).json()["results"]
    assert again["duplicate"] and again["article_id"] is None
    stored = writer.get(f"/api/articles/{result['article_id']}").json()
    assert stored["text"].endswith("<b>đậm</b>") and stored["source"] == "TTXVN"
    assert writer.get("/api/events", params=french).json()["total"] == before + 1


def test_delete_takes_an_article_out_of_every_count(writer, seeded):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    article_id = _article_id(writer, "000_80fee103ab6e860c.txt")
    assert writer.delete(f"/api/articles/{article_id}", headers=auth).json() == {"deleted": article_id}
    assert writer.get(f"/api/articles/{article_id}").status_code == 404
    assert writer.delete(f"/api/articles/{article_id}", headers=auth).status_code == 404
    assert all(e["article_id"] != article_id for e in _all(writer, "/api/events"))
    assert [a["source"] for a in writer.get("/api/articles", params={"q": "Niger"}).json()["items"]] == [str(EXAMPLES / "001_75dbe35eade5f37d.txt")]
    mentions: dict[int, int] = {}
    for event in _all(writer, "/api/events"):
        mentions[event["happening"]] = mentions.get(event["happening"], 0) + 1
    happenings = _all(writer, "/api/happenings")
    assert {h["id"]: h["mention_count"] for h in happenings} == mentions


def test_reprocess_recodes_every_article(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = writer.get("/api/info").json()["events"]
    assert writer.post("/api/reprocess", json={"all": True}, headers=auth).json() == {"articles": 3, "events": before}
    assert writer.post("/api/reprocess", headers=auth).json() == {"articles": 0, "events": 0}


# ---- the edges: injection, rate, CORS, docs ------------------------------------------------------------
@pytest.mark.parametrize("params", [
    {"actor": "RUS' OR '1'='1"}, {"target": "NER\" OR 1=1 --"}, {"type": "AID'; DROP TABLE events; --"},
    {"q": "%' OR 1=1 --"}, {"q": "_"}, {"place": "' O"},
])
def test_sql_in_filters_is_only_text(client, params):
    before = client.get("/api/info").json()
    aggregates = ("/api/stats/timeseries", "/api/places", "/api/stats/dyads") if "q" not in params else ()
    for path in ("/api/events", "/api/happenings", *aggregates):
        answer = client.get(path, params=params)
        assert answer.status_code in (200, 422), path  # 422: longer than any code may be
        if answer.status_code == 200:
            found = answer.json()
            assert (found if isinstance(found, list) else found["items"]) == [], path
    assert client.get("/api/info").json() == before


@pytest.mark.parametrize("words", ['nga" OR "x', "') OR 1=1 --", "*", "NEAR(nga my)"])
def test_sql_and_search_syntax_in_article_search_is_only_text(client, words):
    answer = client.get("/api/articles", params={"q": words})
    assert answer.status_code == 200
    assert answer.json()["total"] <= 1


def test_rate_limit_answers_429_past_the_burst(seeded):
    limited = TestClient(create_app(seeded, settings=Settings(api_rate_per_minute=60, api_rate_burst=3)))
    codes = [limited.get("/api/info").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = limited.get("/api/info")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert limited.get("/openapi.json").status_code == 200  # only /api is limited


def test_token_bucket_refills_with_time():
    now = [0.0]
    bucket = RateLimit(None, per_minute=60, burst=2, clock=lambda: now[0])
    assert [bucket.take("a"), bucket.take("a")] == [0.0, 0.0]
    assert bucket.take("a") == pytest.approx(1.0)
    assert bucket.take("b") == 0.0  # each client has its own bucket
    now[0] = 1.0
    assert bucket.take("a") == 0.0 and bucket.take("a") > 0


def test_cors_is_off_unless_an_origin_is_given(seeded, client):
    origin = {"Origin": "https://example.org"}
    assert "access-control-allow-origin" not in client.get("/api/info", headers=origin).headers
    allowed = TestClient(create_app(seeded, cors_origins=["https://example.org"]))
    assert allowed.get("/api/info", headers=origin).headers["access-control-allow-origin"] == "https://example.org"
    assert "access-control-allow-origin" not in allowed.get("/api/info", headers={"Origin": "https://evil.example"}).headers


def test_openapi_docs_describe_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/articles/{article_id}", "/api/analyze", "/api/stats/timeseries"} <= set(spec["paths"])
    assert "ListedEvent" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_control_characters_never_reach_the_database(client):
    # PostgreSQL refuses NUL in a string: refused as a bad request, not a server error
    assert client.get("/api/events", params={"q": "Nga\x00"}).status_code == 422
    assert client.get("/api/articles", params={"q": "Nga\x00"}).status_code == 422
    assert client.get("/api/events", params={"actor": "RUS\x00"}).status_code == 422
