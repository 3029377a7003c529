"""Storing's cost per article as the database grows, measured at one machine speed.

    .venv/bin/python bench/growth.py --db PATH [N] [--rounds R]

bench/ingest.py gives the per-article cost in windows of a long run, but this shared machine's speed
drifts by a third within minutes, more than the change the windows look for. Here the same N new
articles (default 2,560: the corpus's paragraphs recombined under another seed than bench/ingest.py's,
dated after its stream, in 2025) are analysed once, then stored in turn into an empty database and
into a copy of PATH, a SQLite file a long run left (`bench/ingest.py 100000 --workers 2 --db
sqlite:///PATH`), for R rounds (default 5). Storing goes in batches of service.STORE_BATCH, as ingest
stores. Each round also analyses a sample of the articles again, before and after storing: its CPU
time per article is the machine's speed in that round, and the whole article's cost (analysis + storing) on PATH against the
empty database is taken within the round. Prints each round and the medians.
"""
from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from vnevents import service
from vnevents.stages import ingest
from vnevents.store import Store, dictionary_version

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import corpus_paragraphs  # noqa: E402  (a script beside this one)

SEED = 2025  # bench/ingest.py draws with another: none of these articles is one of its own
FIRST_DAY, DAYS = date(2025, 1, 1), 90
SAMPLE = 300  # articles analysed again in each round: the machine's speed then


def new_articles(count: int) -> list[tuple[str, str]]:
    """(text, date) of `count` articles as bench/ingest.py makes its synthetic ones, in date order."""
    sizes, paragraphs = corpus_paragraphs()
    rng = random.Random(SEED)
    return [("\n".join(rng.sample(paragraphs, rng.choice(sizes))), (FIRST_DAY + timedelta(days=number * DAYS // count)).isoformat())
            for number in range(count)]


def analysed(texts: list[tuple[str, str]]) -> tuple[list, float]:
    """The texts analysed as ingest's workers leave them for storing, and the CPU ms an article."""
    run = service.pipeline()
    run.warm_up()
    started = time.process_time()
    out = [service._storable(run(ingest.from_text(text, path=f"growth-{number}", date=day)))
           for number, (text, day) in enumerate(texts)]
    return out, (time.process_time() - started) * 1000 / len(texts)


def stored(articles: list, url: str) -> tuple[float, float]:
    """CPU and wall ms an article of storing `articles` into `url`, in ingest's batches. The store
    is opened (and its near-duplicate bands read) before the clock starts: once per run, not per article."""
    store = Store(url)
    version = dictionary_version(service.Settings().data_dir)
    store.read_bands()
    cpu, wall = time.process_time(), time.perf_counter()
    for start in range(0, len(articles), service.STORE_BATCH):
        store.add_many(articles[start : start + service.STORE_BATCH], version)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    store.engine.dispose()
    return cpu * 1000 / len(articles), wall * 1000 / len(articles)


def main() -> None:
    if "--db" not in sys.argv:
        sys.exit(__doc__)
    big = Path(sys.argv[sys.argv.index("--db") + 1])
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 5
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and not sys.argv[i - 1].startswith("--")]
    count = int(args[0]) if args else 2560
    texts = new_articles(count)
    articles, analysis_ms = analysed(texts)
    with Store(f"sqlite:///{big}").engine.connect() as connection:  # brings PATH up to this release's schema once
        held = connection.exec_driver_sql("SELECT count(*) FROM articles").scalar()
    print(f"{count} new articles analysed at {analysis_ms:.2f} ms CPU an article; the large database holds {held:,}")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(1, rounds + 1):
            before = analysed(texts[:SAMPLE])[1]
            empty = Path(folder) / "empty.db"
            copy = Path(folder) / "large.db"
            for path in (empty, copy):
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(big, copy)
            small_cpu, small_wall = stored(articles, f"sqlite:///{empty}")
            large_cpu, large_wall = stored(articles, f"sqlite:///{copy}")
            speed = (before + analysed(texts[:SAMPLE])[1]) / 2  # the machine's speed across the round
            growth = (speed + large_cpu) / (speed + small_cpu) - 1
            rows.append((speed, small_cpu, large_cpu, growth, small_wall, large_wall))
            print(f"round {number}: analysis {speed:.2f} ms; storing into the empty database {small_cpu:.2f} ms "
                  f"(wall {small_wall:.2f}), into the large one {large_cpu:.2f} ms (wall {large_wall:.2f}); "
                  f"the whole article {growth:+.1%}")
    median = [statistics.median(column) for column in zip(*rows)]
    print(f"median of {rounds} rounds: analysis {median[0]:.2f} ms, storing {median[1]:.2f} ms empty and {median[2]:.2f} ms "
          f"at {held:,} articles (wall {median[4]:.2f} and {median[5]:.2f}): the whole article's cost {median[3]:+.1%} "
          f"from an empty database ({count:,} articles at the end) to {held:,}")


if __name__ == "__main__":
    main()
