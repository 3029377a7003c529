"""Crash trials: `vnevents ingest` killed with SIGKILL at random moments, then checked and re-run.

    .venv/bin/python tools/crash_trials.py [TRIALS] [--articles 300] [--seed 0] [--keep DIR]

A clean run over N corpus articles (../shared/corpus) gives the reference: each article's content
hash and how many events it has. Then each trial ingests the same articles into a fresh SQLite
database (-j 1 and -j 2 in turn), kills the whole process group with SIGKILL at a random point
(once a random number of articles is stored, 0-1.5 s later: mid-analysis or mid-transaction), and checks:
the database opens and passes SQLite's integrity check; no content hash is stored twice; every
stored article has exactly the events the clean run gave it (none lost, none doubled) and no event
lacks its article; the re-run completes (exit code 0), skipping exactly the stored articles; and
the final database equals the clean run's (same articles, same events per article, same number of
happenings). Prints one line per trial and a summary; exit code 1 when any check failed.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared")) / "corpus" / "articles"
DATE = "2024-04-11"


def ingest_command(folder: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "vnevents", "ingest", str(folder), "--db", f"sqlite:///{db}", "--date", DATE, "-j", str(workers)]


EMPTY = {"integrity": "ok", "articles": 0, "distinct_hashes": 0, "per_article": {}, "orphans": 0, "happenings": 0}


def state(db: Path) -> dict:
    """What a database holds: events per content hash, happenings, and what must never happen."""
    with sqlite3.connect(db) as connection:
        integrity = connection.execute("pragma integrity_check").fetchone()[0]
        if not connection.execute("select 1 from sqlite_master where name = 'articles'").fetchone():
            # killed while the first run was making the schema: a new database, nothing stored
            return {**EMPTY, "integrity": integrity}
        per_article = dict(connection.execute(
            "select a.content_hash, count(e.id) from articles a left join events e on e.article_id = a.id group by a.id"))
        return {
            "integrity": integrity,
            "articles": connection.execute("select count(*) from articles").fetchone()[0],
            "distinct_hashes": connection.execute("select count(distinct content_hash) from articles").fetchone()[0],
            "per_article": per_article,
            "orphans": connection.execute("select count(*) from events e left join articles a on a.id = e.article_id "
                                          "where a.id is null").fetchone()[0],
            "happenings": connection.execute("select count(*) from canonical_events").fetchone()[0],
        }


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return connection.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:  # not created yet, or busy
        return 0


def check_partial(found: dict, clean: dict) -> list[str]:
    problems = []
    if found["integrity"] != "ok":
        problems.append(f"integrity check: {found['integrity']}")
    if found["articles"] != found["distinct_hashes"]:
        problems.append(f"{found['articles'] - found['distinct_hashes']} content hash(es) stored twice")
    if found["orphans"]:
        problems.append(f"{found['orphans']} event(s) without their article")
    for digest, count in found["per_article"].items():
        if digest not in clean["per_article"]:
            problems.append(f"article {digest[:12]} not in the clean run")
        elif count != clean["per_article"][digest]:
            problems.append(f"article {digest[:12]} has {count} events, {clean['per_article'][digest]} in the clean run")
    return problems


def trial(number: int, folder: Path, work: Path, clean: dict, rng: random.Random) -> dict:
    workers = 1 if number % 2 else 2
    db = work / f"trial-{number:02d}.db"
    process = subprocess.Popen(ingest_command(folder, db, workers), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    # the kill point: once a random number of articles is stored, a random moment later (in the
    # middle of analysing or of a transaction)
    target, extra = rng.randrange(clean["articles"]), rng.uniform(0, 1.5)
    started = time.perf_counter()
    while process.poll() is None and stored_count(db) < target:
        time.sleep(0.05)
    try:
        process.wait(timeout=extra)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the workers of -j 2 too
        process.wait()
    delay = time.perf_counter() - started
    finished = process.returncode == 0
    partial = state(db) if db.exists() else EMPTY
    problems = check_partial(partial, clean)
    rerun = subprocess.run(ingest_command(folder, db, workers), capture_output=True, text=True, timeout=1800)
    if rerun.returncode != 0:
        problems.append(f"re-run exit code {rerun.returncode}: {rerun.stderr.strip().splitlines()[-1:]}")
    skipped = re.search(r"(\d+) already stored", rerun.stderr)
    if not skipped or int(skipped.group(1)) != partial["articles"]:
        problems.append(f"re-run skipped {skipped.group(1) if skipped else '?'}, {partial['articles']} were stored")
    final = state(db)
    problems += check_partial(final, clean)
    if final["per_article"] != clean["per_article"]:
        problems.append(f"final database holds {final['articles']} articles, not the clean run's {clean['articles']}")
    if final["happenings"] != clean["happenings"]:
        problems.append(f"{final['happenings']} happenings, {clean['happenings']} in the clean run")
    return {"number": number, "workers": workers, "killed_after": round(delay, 1), "finished": finished,
            "stored_at_kill": partial["articles"], "events_at_kill": sum(partial["per_article"].values()), "problems": problems}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trials", nargs="?", type=int, default=20, help="how many kills (default 20)")
    parser.add_argument("--articles", type=int, default=300, help="corpus articles each run ingests")
    parser.add_argument("--seed", type=int, default=0, help="seed of the kill times")
    parser.add_argument("--keep", help="folder for the databases (default: a temporary one, removed)")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    rng = random.Random(args.seed)
    work = Path(args.keep or tempfile.mkdtemp(prefix="vnevents-crash-"))
    work.mkdir(parents=True, exist_ok=True)
    folder = work / "articles"
    folder.mkdir(exist_ok=True)
    files = sorted(CORPUS.glob("*.txt"))
    for path in files[:: max(1, len(files) // args.articles)][: args.articles]:
        shutil.copy(path, folder / path.name)

    started = time.perf_counter()
    reference = subprocess.run(ingest_command(folder, work / "clean.db", 2), capture_output=True, text=True, timeout=1800)
    clean_seconds = time.perf_counter() - started
    if reference.returncode != 0:
        sys.exit(f"the clean run failed: {reference.stderr[-2000:]}")
    clean = state(work / "clean.db")
    print(f"clean run: {clean['articles']} articles, {sum(clean['per_article'].values())} events, "
          f"{clean['happenings']} happenings in {clean_seconds:.0f} s")

    results = []
    for number in range(1, 2 * args.trials + 1):  # until `trials` runs were killed mid-run
        if sum(not r["finished"] for r in results) >= args.trials:
            break
        result = trial(number, folder, work, clean, rng)
        results.append(result)
        verdict = "ok" if not result["problems"] else "FAILED: " + "; ".join(result["problems"][:5])
        print(f"trial {number:2d} (-j {result['workers']}): killed after {result['killed_after']:5.1f} s"
              f"{' (had finished)' if result['finished'] else ''} with {result['stored_at_kill']:3d} articles, "
              f"{result['events_at_kill']:4d} events stored; re-run completed: {verdict}", flush=True)
    failed = [r for r in results if r["problems"]]
    killed = [r for r in results if not r["finished"]]
    print(f"{len(results)} trials ({len(killed)} killed mid-run, stored at kill: "
          f"{min((r['stored_at_kill'] for r in killed), default=0)}-{max((r['stored_at_kill'] for r in killed), default=0)} "
          f"of {clean['articles']}): {len(results) - len(failed)} passed every check, {len(failed)} failed")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
