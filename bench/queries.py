"""Query latency on a generated database of N event mentions (default 1,000,000), SQLite.

    .venv/bin/python bench/queries.py [N] [--db PATH]

The events are synthetic but shaped like real output (a few dozen countries with skewed
frequencies, 16 types, dates over ten years, places for a third of them), written straight into a
database made by the real schema and migrations. Prints p50 and p95 over repeated runs of the
queries `vnevents events` and `vnevents stats` make. The target: p95 <= 50 ms on SQLite.
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from vnevents.store import EventFilter, Store, articles, canonical_events, events

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "PRK", "KOR", "JPN", "IRN", "ISR", "SYR", "TUR", "FRA", "GBR", "DEU", "IND",
             "PAK", "VNM", "PHL", "NER", "MLI", "BFA", "SAU", "QAT", "EGY", "AFG", "IRQ", "YEM", "MMR", "THA", "AUS"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
FACTS = ["asserted"] * 6 + ["reported"] * 3 + ["planned", "speculated", "denied"]


def build(path: Path, count: int) -> Store:
    url = f"sqlite:///{path}"
    store = Store(url)
    rng = random.Random(7)
    weights = [1 / (i + 1) for i in range(len(COUNTRIES))]  # news is about a few countries most
    articles_needed = count // 5
    with store.engine.begin() as connection:
        connection.execute(articles.insert(), [
            {"content_hash": f"{n:064x}", "path": f"gen/{n}.txt", "text": "x", "raw": b"x", "pipeline_version": "bench",
             "ingested_at": "2026-01-01", "date": None} for n in range(1, articles_needed + 1)])
    batch = []
    canonical = []
    for n in range(1, count + 1):
        source, target = rng.choices(COUNTRIES, weights, k=2)
        year, month, day = rng.randint(2016, 2026), rng.randint(1, 12), rng.randint(1, 28)
        type_ = rng.choice(TYPES)
        placed = rng.random() < 0.33
        batch.append({
            "article_id": rng.randint(1, articles_needed), "type": type_, "source_code": source + "GOV", "source_country": source,
            "target_code": target, "target_country": target, "date": f"{year}-{month:02d}-{day:02d}", "date_precision": "day",
            "factuality": rng.choice(FACTS), "place_country": target if placed else None, "confidence": round(rng.random(), 2),
            "background": False, "evidence_sentence": 0, "evidence_start": 0, "evidence_end": 1, "evidence_text": "x",
            "caption": False, "trigger": "x", "pattern": "x", "pipeline_version": "bench", "dictionary_version": "bench",
            "quad_class": rng.randint(1, 4), "goldstein": rng.uniform(-10, 10), "canonical_id": (n + 2) // 3, "via": "[]",
        })
        if n % 3 == 0:
            canonical.append({"type": type_, "source_code": source + "GOV", "source_country": source, "target_code": target,
                              "target_country": target, "date": f"{year}-{month:02d}-{day:02d}", "quad_class": batch[-1]["quad_class"],
                              "goldstein": batch[-1]["goldstein"], "mention_count": 3, "source_count": 1, "outlets": "[]",
                              "first_seen": "2026-01-01", "last_seen": "2026-01-01", "first_mention_id": n - 2,
                              "article_count": 3})
        if len(batch) == 50_000:
            _flush(store, batch, canonical)
    _flush(store, batch, canonical)
    with store.engine.begin() as connection:
        connection.execute(sa.text("ANALYZE"))
    return store


def _flush(store: Store, batch: list, canonical: list) -> None:
    with store.engine.begin() as connection:
        if batch:
            connection.execute(events.insert(), batch)
        if canonical:
            connection.execute(canonical_events.insert(), canonical)
    batch.clear()
    canonical.clear()


def timed(run, repeats: int = 30) -> tuple[float, float]:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 1_000_000
    path = Path(sys.argv[sys.argv.index("--db") + 1]) if "--db" in sys.argv else Path(f"/tmp/vnevents-bench-{count}.db")
    if not path.exists():
        started = time.perf_counter()
        store = build(path, count)
        print(f"built {count:,} events in {time.perf_counter() - started:.0f} s: {path} ({path.stat().st_size / 2**20:.0f} MiB)")
    else:
        store = Store(f"sqlite:///{path}")
    queries = {
        "events --actor RUS --target NER --type AID --since 2024-01 --until 2024-06 --factuality asserted --place NER":
            EventFilter(actor="RUS", target="NER", type="AID", since="2024-01", until="2024-06", factuality="asserted", place="NER", limit=100),
        "events --actor RUS --since 2024-01 --until 2024-06 (first 100)": EventFilter(actor="RUS", since="2024-01", until="2024-06", limit=100),
        "events --type ASSAULT --target UKR (first 100)": EventFilter(type="ASSAULT", target="UKR", limit=100),
        "events --actor USAGOV --factuality denied (first 100)": EventFilter(actor="USAGOV", factuality="denied", limit=100),
    }
    print(f"{'query':<100} {'p50 ms':>8} {'p95 ms':>8}")
    for name, where in queries.items():
        p50, p95 = timed(lambda w=where: list(store.events(w)))
        print(f"{name:<100} {p50:8.1f} {p95:8.1f}")
    for name, run in {
        "events (happenings) --actor RUS --target NER --type AID --since 2024-01 --until 2024-06":
            lambda: list(store.canonical_events(EventFilter(actor="RUS", target="NER", type="AID", since="2024-01", until="2024-06", limit=100))),
        "events (happenings) --type ASSAULT --target UKR --factuality asserted (first 100)":
            lambda: list(store.canonical_events(EventFilter(type="ASSAULT", target="UKR", factuality="asserted", limit=100))),
        "stats --by month --dyad RUS-NER": lambda: store.stats("month", ("RUS", "NER")),
        "stats --by year --dyad USA-CHN --type SANCTION": lambda: store.stats("year", ("USA", "CHN"), EventFilter(type="SANCTION")),
    }.items():
        p50, p95 = timed(run)
        print(f"{name:<100} {p50:8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
