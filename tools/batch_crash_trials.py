"""Crash trials for `vnevents batch`: SIGKILL the driver at random moments, then check the database
and re-run the same command to completion.

    .venv/bin/python tools/batch_crash_trials.py [--trials 20] [--articles 100] [--engine local|dask]
                                                 [--partition-size 4] [--seed 1]

One uninterrupted run first gives the reference database, its partitions P and how long storing
one takes. Each trial starts a fresh job (new shard folder, new SQLite database) and kills the driver
after k partitions are stored, k drawn from 0 to P, plus a random part of one partition's time
(while it plans, codes, stores a partition, or is about to exit: the kill point follows the run's
progress, not the clock, so a busy machine does not move it), and checks that
- the database opens (and migrates);
- it holds whole partitions only: as many articles as the partitions `batch_loads` records, each
  path once, no event without its article;
then, in a third of the trials, kills the re-run too, and finally re-runs the same command, which
must exit 0 and leave exactly the reference's articles and events. Prints a line per trial and a
summary line; exits 1 if any trial failed.
"""
from __future__ import annotations

import argparse
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from vnevents.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def content(url: str) -> tuple:
    """Articles (content hash, path) and their event counts, and the happenings; no ids."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        articles = sorted(connection.execute(sa.text(
            "select a.content_hash, a.path, count(e.id) from articles a left join events e on e.article_id = a.id "
            "group by a.id, a.content_hash, a.path")).all())
        happenings = connection.scalar(sa.text("select count(*) from canonical_events"))
    engine.dispose()
    return tuple(map(tuple, articles)), happenings


def partial_state_problems(url: str) -> list[str]:
    """What is wrong with a database a killed driver left behind (nothing, if all is well)."""
    try:
        store = Store(url)  # opening recovers the WAL and applies any missing migration
    except Exception as exc:  # noqa: BLE001 - a trial's finding, not this script's failure
        return [f"database does not open: {exc}"]
    problems = []
    with store.engine.connect() as connection:
        counts = connection.execute(sa.text(
            "select (select count(*) from articles), (select count(distinct path) from articles), "
            "(select coalesce(sum(articles), 0) from batch_loads), "
            "(select count(*) from events e left join articles a on a.id = e.article_id where a.id is null)")).one()
    articles, paths, recorded, orphans = counts
    if articles != recorded:
        problems.append(f"{articles} articles but the loaded partitions hold {recorded}")
    if paths != articles:
        problems.append(f"{articles - paths} article(s) stored twice")
    if orphans:
        problems.append(f"{orphans} event(s) without their article")
    store.engine.dispose()
    return problems


def stored_partitions(url: str) -> int:
    """Partitions the driver has stored, read without opening the store (which would migrate)."""
    try:
        with sqlite3.connect(f"file:{url.removeprefix('sqlite:///')}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("select count(*) from batch_loads").fetchone()[0]
    except sqlite3.Error:  # no database yet, or no table yet
        return 0


def killed_at(command: list[str], url: str, partitions: int, delay: float) -> bool:
    """Run `command`; SIGKILL it `delay` seconds after it has stored `partitions` partitions (the
    partition's storing may be under way then). True if it was still running at that point."""
    driver = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while driver.poll() is None and stored_partitions(url) < partitions:
        time.sleep(0.01)
    try:
        driver.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        driver.send_signal(signal.SIGKILL)
        driver.wait()
        return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--articles", type=int, default=100, help="corpus articles in the job")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--partition-size", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    inputs = [str(p) for p in sorted(CORPUS.glob("*.txt"))[: options.articles]]
    work = Path(tempfile.mkdtemp(prefix="batch-crash-"))

    def job(name: str) -> tuple[list[str], str]:
        url = f"sqlite:///{work / name / 'events.db'}"
        (work / name).mkdir()
        return ([sys.executable, "-m", "vnevents", "batch", *inputs, "--out", str(work / name / "out"), "--db", url,
                 "--engine", options.engine, "--workers", "2", "--partition-size", str(options.partition_size)], url)

    command, url = job("reference")
    began = time.monotonic()
    driver = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stamps = []  # when the first and the last partition were stored
    while driver.poll() is None:
        loaded = stored_partitions(url)
        if loaded and (not stamps or loaded != stamps[-1][1]):
            stamps.append((time.monotonic() - began, loaded))
        time.sleep(0.02)
    duration = time.monotonic() - began
    assert driver.returncode == 0 and stamps, "the uninterrupted run failed"
    first_load, last_load, partitions = stamps[0][0], stamps[-1][0], stamps[-1][1]
    gap = (last_load - first_load) / max(partitions - 1, 1)  # between two partitions stored
    reference = content(url)
    print(f"reference: {len(reference[0])} articles, {sum(a[2] for a in reference[0])} events, "
          f"{reference[1]} happenings, {partitions} partitions in {duration:.1f} s ({options.engine} engine); "
          f"partitions stored from {first_load:.1f} s to {last_load:.1f} s", flush=True)
    passed, kills, partial_loads = 0, 0, []
    for trial in range(1, options.trials + 1):
        command, url = job(f"trial{trial:02d}")
        # where to kill: after k partitions stored (k drawn from 0 to all), a random part of a
        # partition's time later: while planning, coding, storing, or just before exiting
        after = rng.randint(0, partitions)
        points = [(after, rng.uniform(0, first_load) if after == 0 else rng.uniform(0, gap))]
        if rng.random() < 1 / 3:  # the re-run killed too
            points.append((rng.randint(0, partitions), rng.uniform(0, gap)))
        problems, notes = [], []
        for after, delay in points:
            if not killed_at(command, url, after, delay):
                notes.append(f"finished before the kill point ({delay:.2f} s after {after} stored)")
                continue
            kills += 1
            problems += partial_state_problems(url)
            loaded = len(Store(url).loaded_partitions()) if not problems else -1
            partial_loads.append(loaded)
            moment = f"{delay:.2f} s after its start" if after == 0 else f"{delay:.2f} s after partition {after} was stored"
            notes.append(f"killed {moment}, with {loaded} stored")
        rerun = subprocess.run(command, capture_output=True, text=True)
        if rerun.returncode != 0:
            problems.append(f"re-run exited {rerun.returncode}: {rerun.stderr.strip()[-300:]}")
        elif content(url) != reference:
            problems.append("after the re-run the database differs from the reference")
        passed += not problems
        print(f"trial {trial:2d}: {'ok  ' if not problems else 'FAIL'} {'; '.join(notes + problems)}", flush=True)
    print(f"summary: {passed}/{options.trials} trials passed, {kills} SIGKILLs of the driver "
          f"({sum(1 for n in partial_loads if n == 0)} before any partition was stored, "
          f"{sum(1 for n in partial_loads if 0 < n < partitions)} with some stored, "
          f"{sum(1 for n in partial_loads if n >= partitions)} after all {partitions} were); "
          f"every re-run stored each of the {len(reference[0])} articles once: {passed == options.trials}")
    if passed == options.trials:
        shutil.rmtree(work)
    else:
        print(f"the failed trials' databases and shards are under {work}")
    return 0 if passed == options.trials else 1


if __name__ == "__main__":
    sys.exit(main())
