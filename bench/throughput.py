"""Throughput and memory of the whole pipeline on real articles of ../shared/corpus.

    .venv/bin/python bench/throughput.py [N]      # default: 300 articles

Prints articles/s, sentences/s, events found and peak memory (RSS). Speed targets live here, not
in the unit tests.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from vnevents import service

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    files = sorted(CORPUS.glob("*.txt"))
    step = max(1, len(files) // count)
    sample = files[::step][:count]
    started = time.perf_counter()
    service.pipeline()  # load dictionaries and models once, outside the timing
    warm = time.perf_counter() - started
    articles = sentences = events = failed = 0
    started = time.perf_counter()
    for outcome in service.analyze_paths(sample):
        if outcome.article is None:
            failed += 1
            continue
        articles += 1
        sentences += len(outcome.article.sentences)
        events += len(outcome.article.events)
    elapsed = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"start-up {warm:.1f} s; {articles} articles ({failed} failed), {sentences} sentences, {events} events "
          f"in {elapsed:.1f} s: {articles / elapsed:.1f} articles/s, {sentences / elapsed:.0f} sentences/s; "
          f"peak RSS {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
