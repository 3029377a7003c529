"""End-to-end speed: analyse and store real articles, beside underthesea's own tools on the same text.

    .venv/bin/python bench/ingest.py [N] [--db URL] [--workers K]   # default: 1000 articles, 1 process

Prints, side by side in one run: vnevents analyze+ingest articles/s and sentences/s (into a fresh
SQLite database unless --db is given), underthesea.word_tokenize and underthesea.ner over the same
sentences (on a sample: ner is slow), the ratios, and the peak RSS. Also the per-article cost over
the first and the second half of the run, to show whether it stays flat as the database grows.
"""
from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from vnevents import service

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
WORKERS = int(sys.argv[sys.argv.index("--workers") + 1]) if "--workers" in sys.argv else 1
NER_SAMPLE = 300  # sentences given to underthesea.ner (it runs at a few dozen sentences a second)


def main() -> None:
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and not sys.argv[i - 1].startswith("--")]
    count = int(args[0]) if args else 1000
    files = sorted(CORPUS.glob("*.txt"))[:count]
    url = sys.argv[sys.argv.index("--db") + 1] if "--db" in sys.argv else f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    service.pipeline()  # models and dictionaries load once, outside the timing
    service.open_store(url)
    sentences: list[str] = []
    stamps = []
    started = time.perf_counter()
    stored = events = 0
    for result in service.ingest_paths(files, url, workers=WORKERS):
        stamps.append(time.perf_counter())
        if result.error is None and not result.duplicate:
            stored += 1
            events += result.events
    elapsed = time.perf_counter() - started
    # the same sentences again, for underthesea's tools
    for outcome in service.analyze_paths(files):
        if outcome.article:
            sentences += [outcome.article.text[s.start : s.end] for s in outcome.article.sentences]
    from underthesea import ner, word_tokenize

    t0 = time.perf_counter()
    for sentence in sentences:
        word_tokenize(sentence)
    tokenize_rate = len(sentences) / (time.perf_counter() - t0)
    sample = sentences[:: max(1, len(sentences) // NER_SAMPLE)][:NER_SAMPLE]
    t0 = time.perf_counter()
    for sentence in sample:
        ner(sentence)
    ner_rate = len(sample) / (time.perf_counter() - t0)
    rate = len(sentences) / elapsed
    half = len(stamps) // 2
    first = (stamps[half - 1] - started) / half if half else 0
    second = (stamps[-1] - stamps[half - 1]) / (len(stamps) - half) if half else 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"vnevents analyze+ingest ({WORKERS} process(es)): {stored} articles, {len(sentences)} sentences, {events} events in {elapsed:.1f} s: "
          f"{stored / elapsed:.1f} articles/s, {rate:.0f} sentences/s")
    print(f"underthesea.word_tokenize: {tokenize_rate:.0f} sentences/s (vnevents end to end is {rate / tokenize_rate:.2f}x)")
    print(f"underthesea.ner: {ner_rate:.1f} sentences/s on {len(sample)} sentences (vnevents end to end is {rate / ner_rate:.1f}x)")
    print(f"per-article cost: first half {first * 1000:.1f} ms, second half {second * 1000:.1f} ms ({(second / first - 1) * 100:+.0f}%)")
    print(f"peak RSS {peak:.0f} MiB" + (f" (largest worker process {worker_peak:.0f} MiB)" if WORKERS > 1 else ""))


if __name__ == "__main__":
    main()
