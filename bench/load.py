"""Load test of `vnevents serve` on loopback: concurrent clients with mixed read queries.

    .venv/bin/python bench/load.py [--db FILE] [--articles 1000] [--clients 50] [--seconds 60]

Without --db, ingests that many corpus articles (../shared/corpus, -j 2) into a fresh SQLite
database first. Starts `vnevents serve` with the rate limit off (`--rate-limit 0`: every client
here shares one address, and the default 600 a minute per address would answer 429), then runs
the clients (asyncio + httpx, one connection each) for the given time, each sending one request
after another: events and happenings with filters and sorts, full-text search (as written and
folded), article detail, happening detail, actor profiles and listings, time series, dyads and
places. Prints requests, errors and p50/p95/p99 latency per endpoint and overall; exit code 1 on
any error (a status of 400 or more, or a failed connection).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared")) / "corpus" / "articles"


def build_database(count: int, work: Path) -> Path:
    folder = work / "articles"
    folder.mkdir()
    files = sorted(CORPUS.glob("*.txt"))
    for path in files[:: max(1, len(files) // count)][:count]:
        (folder / path.name).symlink_to(path)
    db = work / "load.db"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vnevents", "ingest", str(folder), "--db", f"sqlite:///{db}", "-j", "2"],
                   check=True, capture_output=True, text=True)
    print(f"database: {count} articles ingested in {time.perf_counter() - started:.0f} s", flush=True)
    return db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.time() + limit
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit("the server stopped")
        try:
            if httpx.get(f"{base}/api/info", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    sys.exit("the server did not answer within two minutes")


def material(base: str) -> dict:
    """Codes, ids and words the queries draw on, from the server itself."""
    get = lambda path: httpx.get(f"{base}{path}", timeout=60).json()  # noqa: E731
    actors = [row["code"] for row in get("/api/actors?limit=60")["items"]]
    happenings = [row["id"] for row in get("/api/happenings?limit=300")["items"]]
    articles = get("/api/articles?limit=300")["items"]
    words = sorted({w for row in articles for w in (row.get("title") or "").split() if len(w) > 3 and w.isalpha()})
    return {"actors": actors or ["RUS"], "happenings": happenings or [1], "articles": [row["id"] for row in articles] or [1],
            "words": words or ["Nga"], "types": ["ASSAULT", "AID", "COOPERATE", "ACCUSE", "CONSULT", "COERCE", "REQUEST"]}


def queries(m: dict) -> list[tuple[str, int, object]]:
    """(endpoint label, weight, rng -> path)."""
    pick = random.Random.choice
    return [
        ("events?actor&since", 12, lambda r: f"/api/events?actor={pick(r, m['actors'])}&since=2017-01&limit=50"),
        ("events?type&sort", 8, lambda r: f"/api/events?type={pick(r, m['types'])}&sort=-goldstein&limit=50"),
        ("events?q", 4, lambda r: f"/api/events?q={pick(r, m['words'])}&limit=20"),
        ("happenings?target&sort", 12, lambda r: f"/api/happenings?target={pick(r, m['actors'])}&sort=-mentions&limit=50"),
        ("happenings/{id}", 8, lambda r: f"/api/happenings/{pick(r, m['happenings'])}"),
        ("articles?q", 8, lambda r: f"/api/articles?q={pick(r, m['words'])}&limit=20"),
        ("articles?q&folded", 4, lambda r: f"/api/articles?q=quan+doi&folded=true&limit=20"),
        ("articles/{id}", 8, lambda r: f"/api/articles/{pick(r, m['articles'])}"),
        ("actors", 4, lambda r: "/api/actors?limit=50"),
        ("actors/{code}", 8, lambda r: f"/api/actors/{pick(r, m['actors'])}"),
        ("stats/timeseries", 6, lambda r: f"/api/stats/timeseries?by={pick(r, ['month', 'week', 'year'])}"),
        ("stats/dyads", 4, lambda r: "/api/stats/dyads"),
        ("places", 4, lambda r: "/api/places"),
    ]


async def client(number: int, base: str, mix, deadline: float, record) -> None:
    rng = random.Random(number)
    labels, weights, makers = zip(*mix)
    async with httpx.AsyncClient(base_url=base, timeout=60) as session:
        while time.perf_counter() < deadline:
            index = rng.choices(range(len(labels)), weights=weights)[0]
            started = time.perf_counter()
            try:
                status = (await session.get(makers[index](rng))).status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            record(labels[index], status, time.perf_counter() - started)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def load(base: str, clients: int, seconds: float, mix) -> dict:
    results: dict[str, list] = defaultdict(list)
    errors: dict[str, list] = defaultdict(list)

    def record(label, status, elapsed):
        results[label].append(elapsed)
        if not (isinstance(status, int) and status < 400):
            errors[label].append(status)

    deadline = time.perf_counter() + seconds
    await asyncio.gather(*(client(n, base, mix, deadline, record) for n in range(clients)))
    return {"results": results, "errors": errors}


def report(outcome: dict, seconds: float, clients: int) -> int:
    results, errors = outcome["results"], outcome["errors"]
    every = [t for times in results.values() for t in times]
    failed = sum(len(e) for e in errors.values())
    print(f"{len(every):,} requests in {seconds:.0f} s from {clients} clients ({len(every) / seconds:,.0f}/s), {failed} errors")
    print(f"{'endpoint':26} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for label, times in sorted(results.items()) + [("all", every)]:
        wrong = failed if label == "all" else len(errors.get(label, []))
        print(f"{label:26} {len(times):8,} {wrong:6} {statistics.median(times) * 1000:8.0f} "
              f"{percentile(times, 0.95) * 1000:8.0f} {percentile(times, 0.99) * 1000:8.0f}")
    for label, statuses in errors.items():
        print(f"  errors on {label}: {sorted(set(map(str, statuses)))}")
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="an existing SQLite database file (default: build one)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="vnevents-load-"))
    try:
        db = Path(args.db) if args.db else build_database(args.articles, work)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (work / "server.log").open("w+")
        server = subprocess.Popen([sys.executable, "-m", "vnevents", "serve", "--db", f"sqlite:///{db}", "--port", str(port),
                                   "--rate-limit", "0"], stdout=subprocess.DEVNULL, stderr=log, text=True)
        try:
            wait_until_up(base, server)
            mix = queries(material(base))
            info = httpx.get(f"{base}/api/info").json()
            print(f"serving {info.get('counts', info)}; {args.clients} clients for {args.seconds:.0f} s", flush=True)
            outcome = asyncio.run(load(base, args.clients, args.seconds, mix))
        finally:
            server.terminate()
            server.wait(timeout=30)
        failed = report(outcome, args.seconds, args.clients)
        if failed:  # the server's account of what went wrong
            log.seek(0)
            print("".join(line for line in log if "INFO" not in line)[-3000:])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
