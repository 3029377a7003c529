"""The web UI end to end: the real app over a real database, driven in Debian's headless chromium.

Each page test saves a screenshot under docs/screenshots/ (shown in the README). The 10k-event
test prints how long the event list takes to render and writes it beside the test's tmp files; it
is a measurement, not an assertion.
"""
from __future__ import annotations

import json
import random
import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from .conftest import DESKTOP, PHONE, SCREENSHOTS, serve

READY = """previous => {
  const view = document.getElementById('view');
  return view && view.dataset.ready && view.dataset.ready !== previous;
}"""


def ready_token(page) -> str:
    return page.evaluate("() => (document.getElementById('view') || {dataset: {}}).dataset.ready || ''")


def wait_ready(page, previous: str) -> None:
    page.wait_for_function(READY, arg=previous, timeout=60_000)
    errors = page.locator("#view .error")
    assert errors.count() == 0, errors.first.inner_text()


def visit(page, base: str, route: str) -> None:
    previous = ready_token(page) if page.url.startswith(base) else ""
    page.goto(f"{base}/#{route}")
    wait_ready(page, previous)


def shoot(page, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def get(base: str, path: str, **params):
    response = httpx.get(f"{base}/api/{path}", params=params, timeout=60)
    response.raise_for_status()
    return response.json()


def test_dashboard_shows_chart_actors_dyads_and_latest_articles(page, ui_server):
    visit(page, ui_server, "/")
    bars = page.locator("svg.timeseries rect.bar")
    assert bars.count() > 0
    series = get(ui_server, "stats/timeseries", by="month")
    assert page.locator("svg.timeseries g.period").count() == len(series)
    # every quad class that has events has bars of its colour class
    for quad in ("1", "2", "3", "4"):
        if any(point["quad"].get(quad) for point in series):
            assert page.locator(f"svg.timeseries rect.q{quad}").count() > 0
    actors = page.locator("table.top-actors tbody tr")
    assert actors.count() > 0
    assert page.locator("table.top-actors a[href='#/actor/RUS']").count() == 1
    assert page.locator("table.top-dyads tbody tr").count() > 0
    latest = page.locator("table.latest-articles tbody tr")
    assert latest.count() == get(ui_server, "articles")["total"] == 4
    shoot(page, "dashboard")


def test_event_list_filters_by_actor(page, ui_server):
    visit(page, ui_server, "/events")
    table = page.locator("table.events")
    everything = int(table.get_attribute("data-total"))
    assert everything == get(ui_server, "events")["total"] > 0
    previous = ready_token(page)
    page.fill("form.filters input[name=actor]", "RUS")
    page.click("form.filters button[type=submit]")
    wait_ready(page, previous)
    assert "actor=RUS" in page.url
    expected = get(ui_server, "events", actor="RUS", sort="-date", limit=500)
    assert 0 < int(table.get_attribute("data-total")) == expected["total"] < everything
    assert page.locator(".summary .total").inner_text().startswith(str(expected["total"]))
    rows = page.locator("table.events tbody tr.row")
    shown = rows.evaluate_all("rs => rs.map(r => Number(r.dataset.id))")
    assert shown == [e["id"] for e in expected["items"]][: len(shown)]
    assert len(shown) == min(expected["total"], 40) or len(shown) >= 40
    assert all(e["source"]["country"] == "RUS" for e in expected["items"])
    sources = page.locator("table.events tbody td.src").all_inner_texts()
    assert sum("[RUS" in text for text in sources) > len(sources) // 2, sources
    assert page.locator("form.filters input[name=actor]").input_value() == "RUS"
    shoot(page, "events")
    # sorting by a column asks the API for that order
    previous = ready_token(page)
    page.click("table.events th[data-col=goldstein] button.sort")
    wait_ready(page, previous)
    assert "sort=-goldstein" in page.url
    top = get(ui_server, "events", actor="RUS", sort="-goldstein", limit=1)["items"][0]
    assert page.locator("table.events tbody tr.row").first.get_attribute("data-id") == str(top["id"])


def test_event_row_opens_its_article_with_the_evidence_highlighted(page, ui_server):
    visit(page, ui_server, "/events?actor=RUS&type=AID")
    link = page.locator("table.events tbody tr a.evidence-link").first
    query = parse_qs(urlsplit(link.get_attribute("href")).fragment.split("?", 1)[1])
    event_id = int(query["event"][0])
    previous = ready_token(page)
    link.click()
    wait_ready(page, previous)
    article_id = int(re.search(r"#/article/(\d+)", page.url).group(1))
    article = get(ui_server, f"articles/{article_id}")
    event = next(e for e in article["events"] if e["id"] == event_id)
    span = article["text"][event["evidence"]["start"]:event["evidence"]["end"]]
    marks = page.locator(".article-text mark.evidence")
    assert marks.count() == 1
    assert marks.first.text_content() == span
    assert event["evidence"]["text"].strip() in span
    assert page.locator(".article-text mark.entity").count() > 0
    # the text on the page is the article's text, character for character
    assert page.locator(".article-text").text_content() == article["text"]
    selected = page.locator("ol.event-list li.selected")
    assert selected.count() == 1
    assert "AID" in selected.inner_text()
    for label in ("Chủ thể", "Đối tượng", "Ngày", "Tính xác thực", "Độ tin cậy", "Bằng chứng"):
        assert label in selected.inner_text()
    assert page.locator(".repairs h2").count() == 1
    shoot(page, "article", full_page=False)
    # choosing another event moves the highlight to its evidence
    others = page.locator("ol.event-list li:not(.selected)")
    if others.count():
        index = int(others.first.get_attribute("data-index"))
        previous = ready_token(page)
        others.first.click()
        wait_ready(page, previous)
        other = article["events"][index]
        assert page.locator(".article-text mark.evidence").text_content() == \
            article["text"][other["evidence"]["start"]:other["evidence"]["end"]]


def test_actor_page_shows_counterparts_and_cooperation_over_time(page, ui_server):
    visit(page, ui_server, "/actor/RUS")
    profile = get(ui_server, "actors/RUS")
    assert "[RUS]" in page.locator("h1").inner_text()
    rows = page.locator(".counterparts tbody tr")
    assert rows.count() == len(profile["counterparts"]) > 0
    first = profile["counterparts"][0]
    assert rows.first.locator(f"a[href='#/actor/{first['code']}']").count() == 1
    assert page.locator("svg.coop-conflict g.period").count() == len(profile["timeline"])
    assert page.locator("svg.coop-conflict rect.coop").count() > 0
    assert page.locator("table.events tbody tr").count() > 0
    shoot(page, "actor")


def test_network_draws_dyads_as_edges_and_filters_by_type(page, ui_server):
    visit(page, ui_server, "/network")
    dyads = get(ui_server, "stats/dyads", limit=60)
    edges = page.locator("svg.network path.edge")
    assert edges.count() == len(dyads) > 0
    widths = {float(w) for w in edges.evaluate_all("es => es.map(e => e.getAttribute('stroke-width'))")}
    assert len(widths) > 1  # weighted by count
    assert page.locator("svg.network a.node").count() == len({d["source"] for d in dyads} | {d["target"] for d in dyads})
    shoot(page, "network")
    visit(page, ui_server, "/network?type=AID")
    aid = get(ui_server, "stats/dyads", type="AID", limit=60)
    assert page.locator("svg.network path.edge").count() == len(aid) < len(dyads)
    visit(page, ui_server, "/network?since=2030-01-01")
    assert page.locator("svg.network").count() == 0


def test_map_draws_the_world_and_event_places(page, ui_server):
    visit(page, ui_server, "/map")
    assert page.locator("svg.map path.country").count() == 177
    places = get(ui_server, "places")
    markers = page.locator("svg.map circle.place")
    assert markers.count() == len(places) >= 1
    assert page.locator("svg.map path.country.has-events").count() >= 1
    place = max(places, key=lambda p: p["count"])
    titles = markers.evaluate_all("cs => cs.map(c => c.textContent)")
    assert any(place["name"] in title for title in titles)
    shoot(page, "map")


def test_language_switch_changes_labels(page, ui_server):
    visit(page, ui_server, "/")
    assert page.locator("#nav a[data-route=events]").inner_text() == "Sự kiện"
    assert page.locator("html").get_attribute("lang") == "vi"
    previous = ready_token(page)
    page.click("#lang")
    wait_ready(page, previous)
    assert page.locator("#nav a[data-route=events]").inner_text() == "Events"
    assert page.locator("h1").inner_text() == "Political events from Vietnamese news"
    assert page.locator("table.top-actors th").first.inner_text().strip().lower() == "actor"
    assert page.locator("html").get_attribute("lang") == "en"
    page.reload()  # the choice is remembered
    wait_ready(page, "")
    assert page.locator("#nav a[data-route=events]").inner_text() == "Events"
    previous = ready_token(page)
    page.click("#lang")
    wait_ready(page, previous)
    assert page.locator("#nav a[data-route=dashboard], #nav a[data-route='']").first.inner_text() == "Tổng quan"


def test_article_markup_shows_as_text(page, ui_server):
    articles = get(ui_server, "articles", limit=50)["items"]
    crafted = next(a for a in articles if "markup" in (a["source"] or "") or "markup" in (a["title"] or ""))
    visit(page, ui_server, f"/article/{crafted['id']}")
    body = page.locator(".article-text")
    text = body.text_content()
    assert "<script>window.__xss = 1</script>" in text
    assert '<img src=x onerror="window.__xss = 2">' in text
    assert body.locator("script, img, b").count() == 0
    assert page.evaluate("() => window.__xss") is None


def test_phone_layout_fits_the_screen(browser, ui_server):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for route in ("/", "/events?actor=RUS", "/map"):
            visit(page, ui_server, route)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{route} is {overflow}px wider than the phone's screen"
            if route == "/":
                shoot(page, "phone-dashboard", full_page=False)
    finally:
        context.close()


# ---- 10k events in the filter range -----------------------------------------------------------
COUNTRIES = ["USA", "RUS", "CHN", "UKR", "FRA", "NER", "VNM", "IRN", "ISR", "SYR"]
TYPES = ["AGREE", "CONSULT", "AID", "ACCUSE", "THREATEN", "ASSAULT", "SANCTION", "COOPERATE"]


def fill_many(url: str, count: int) -> None:
    """`count` generated mentions dated 2024, written straight through the real schema."""
    from vnevents.store import Store, articles, events

    store = Store(url)
    rng = random.Random(11)
    article_count = count // 10
    with store.engine.begin() as connection:
        connection.execute(articles.insert(), [
            {"content_hash": f"{n:064x}", "path": f"gen/{n}.txt", "title": f"Bài {n}", "text": "x", "raw": b"x",
             "pipeline_version": "gen", "ingested_at": "2026-01-01", "date": "2024-06-01"}
            for n in range(1, article_count + 1)])
        rows = []
        for n in range(count):
            source, target = rng.sample(COUNTRIES, 2)
            sentence = f"{source} và {target}: câu bằng chứng số {n} <b>không phải HTML</b>."
            rows.append({
                "article_id": rng.randint(1, article_count), "type": rng.choice(TYPES), "source_code": source + "GOV",
                "source_country": source, "source_text": source, "target_code": target, "target_country": target,
                "target_text": target, "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "date_precision": "day", "factuality": "asserted", "confidence": round(rng.random(), 2),
                "background": False, "evidence_sentence": 0, "evidence_start": 0, "evidence_end": len(sentence),
                "evidence_text": sentence, "caption": False, "trigger": "x", "pattern": "gen", "via": "[]",
                "pipeline_version": "gen", "dictionary_version": "gen", "quad_class": rng.randint(1, 4),
                "goldstein": round(rng.uniform(-10, 10), 1)})
        connection.execute(events.insert(), rows)


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('big') / 'events.db'}"
    fill_many(url, 12_000)
    served = serve(url)
    yield served.url
    served.stop()


def test_ten_thousand_events_render_time(browser, big_server, tmp_path):
    """Not a timing assertion: measures and reports how long 10k+ rows take to show."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    results = {}
    try:
        route = "/events?since=2024-01-01&until=2024-12-31"
        total = get(big_server, "events", since="2024-01-01", until="2024-12-31", limit=1)["total"]
        assert total >= 10_000
        page.goto(f"{big_server}/#{route}")
        wait_ready(page, "")
        assert int(page.locator("table.events").get_attribute("data-total")) == total
        in_page = page.locator("table.events tbody tr.row").count()
        assert 0 < in_page < 200  # only the rows in view are built
        timing = page.evaluate("""() => {
            const ready = performance.getEntriesByName('vnevents:events:ready')[0];
            const data = window.vneventsTimings.filter(t => t.view === 'events:data').pop();
            const view = window.vneventsTimings.filter(t => t.view === 'events').pop();
            return {sinceNavigationMs: ready.startTime, viewMs: view.ms, firstPageFetchMs: data.fetchMs, buildMs: data.buildMs};
        }""")
        results["open the list"] = {"rows_built": in_page, **{k: round(v, 1) for k, v in timing.items()}}
        # every row can be reached: jump to the middle and to the last one
        for name, fraction in (("jump to the middle", 0.5), ("jump to the last row", 1.0)):
            index = min(total - 1, int(total * fraction))
            ms = page.evaluate("""async ([fraction, index]) => {
                const box = document.querySelector('.vscroll');
                const started = performance.now();
                box.scrollTop = (box.scrollHeight - box.clientHeight) * fraction;
                while (!document.querySelector(`tr.row[data-index="${index}"]`)) {
                    await new Promise(done => requestAnimationFrame(done));
                    if (performance.now() - started > 30000) return -1;
                }
                return performance.now() - started;
            }""", [fraction, index])
            assert ms >= 0, f"row {index} never appeared"
            results[name] = {"row": index, "ms": round(ms, 1)}
        last = page.locator(f"tr.row[data-index='{total - 1}']")
        assert last.get_attribute("data-id") == str(
            get(big_server, "events", since="2024-01-01", until="2024-12-31", sort="-date", limit=1, offset=total - 1)["items"][0]["id"])
        # rendered rows carry the generated evidence as text
        assert page.locator("table.events tbody tr b").count() == 0
    finally:
        context.close()
    report = json.dumps({"total_in_range": total, **results}, indent=2)
    (tmp_path / "render-times.json").write_text(report)
    print(f"\nevent list render times ({total} events in range):\n{report}")


def test_ui_code_never_parses_strings_as_html():
    """Beside the browser test above: no script of the UI uses an HTML-parsing sink at all."""
    from .conftest import ROOT

    static = ROOT / "src" / "vnevents" / "web" / "static"
    sinks = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|\beval\(")
    scripts = sorted(static.glob("*.js"))
    assert scripts
    for script in scripts:
        found = sinks.findall(script.read_text(encoding="utf-8"))
        assert not found, f"{script.name}: {found}"
