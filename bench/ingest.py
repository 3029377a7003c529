"""End-to-end speed: analyse and store real articles, beside underthesea's own tools on the same text.

    .venv/bin/python bench/ingest.py [N] [--db URL] [--workers K]   # default: 1000 articles, 1 process

Prints, side by side in one run: vnevents analyze+ingest articles/s and sentences/s (into a fresh
SQLite database unless --db is given), underthesea.word_tokenize and underthesea.ner over a sample
of the same sentences (ner is slow), the ratios, the peak RSS of the storing process and of the
largest worker, and the peak PSS of all of them together. Also the per-article cost in windows of 1,000 articles at 1k, 10k, 100k ... stored,
to show whether it stays flat as the database grows.

The corpus (../shared/corpus) has 3,000 articles. Beyond that (or with --synthetic) the articles are
made of the corpus's real paragraphs, drawn at random (seeded) into new combinations as long as the
corpus's articles: new texts, so neither the content hash nor the near-duplicate grouping takes them
for copies. Their dates run through 2023-2024 in the order they are stored, as a collection gathered
over months arrives (each up to three days before its place in that order); with --random-dates each
has a date drawn at random from the two years instead, as an archive loaded in no order would.
The per-article cost is given as wall-clock time, and as CPU time per article of the storing process
and of the workers. This shared machine's speed drifts by a third within minutes, in CPU time as well;
the workers' analysis does the same work per article however large the database, so the change in
their CPU time per article measures the machine, and the total is also given corrected for it.
"""
from __future__ import annotations

import json
import os
import random
import resource
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from vnevents import service

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
WORKERS = int(sys.argv[sys.argv.index("--workers") + 1]) if "--workers" in sys.argv else 1
NER_SAMPLE = 300  # sentences given to underthesea.ner (it runs at a few dozen sentences a second)
TOKENIZE_SAMPLE = 3000  # sentences given to underthesea.word_tokenize
WINDOW = 1000  # articles per cost window
FIRST_DAY, DAYS = date(2023, 1, 1), 730  # the synthetic articles' dates


def corpus_paragraphs() -> tuple[list[int], list[str]]:
    """Each corpus article's number of paragraphs, and all their paragraphs."""
    sizes, paragraphs = [], []
    for source in sorted(CORPUS.glob("*.txt")):
        lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        sizes.append(len(lines))
        paragraphs += lines
    return sizes, paragraphs


def synthetic_corpus(count: int, folder: Path, random_dates: bool = False) -> Path:
    """A JSONL file of `count` articles recombined from the corpus's paragraphs (the same texts
    whichever way they are dated)."""
    sizes, paragraphs = corpus_paragraphs()
    rng = random.Random(20261123)
    path = folder / "synthetic.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            text = "\n".join(rng.sample(paragraphs, rng.choice(sizes)))  # as many paragraphs as a real article
            day = f"{rng.choice((2023, 2024))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if not random_dates:
                day = (FIRST_DAY + timedelta(days=max(0, number * DAYS // count - rng.randint(0, 3)))).isoformat()
            out.write(json.dumps({"id": f"synthetic-{number}", "text": text, "date": day}, ensure_ascii=False) + "\n")
    return path


class MemorySampler(threading.Thread):
    """The largest total PSS of this process and its workers, sampled twice a second: RSS counts the
    pages forked workers share with this process once in each of them, PSS splits them."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mib = 0.0
        self.worker_peak_mib = 0.0  # the largest worker's own peak RSS (VmHWM)
        self.running = True

    @staticmethod
    def proc_kib(pid: int, file: str, field: str) -> int:
        """A field in KiB of /proc/PID/FILE; 0 once the process is gone."""
        try:
            lines = Path(f"/proc/{pid}/{file}").read_text().splitlines()
        except OSError:
            return 0
        return next((int(line.split()[1]) for line in lines if line.startswith(field)), 0)

    def pss_kib(self, pid: int) -> int:
        return self.proc_kib(pid, "smaps_rollup", "Pss:")

    def hwm_kib(self, pid: int) -> int:
        return self.proc_kib(pid, "status", "VmHWM:")

    def run(self) -> None:
        me = os.getpid()
        while self.running:
            children = child_processes()
            self.peak_mib = max(self.peak_mib, sum(self.pss_kib(pid) for pid in [me, *children]) / 1024)
            self.worker_peak_mib = max([self.worker_peak_mib] + [self.hwm_kib(pid) / 1024 for pid in children])
            time.sleep(0.5)


def child_processes() -> list[int]:
    children = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            children += [int(pid) for pid in (task / "children").read_text().split()]
        except OSError:
            continue
    return children


def cpu_seconds() -> tuple[float, float]:
    """The CPU time (user and system) of this process, which stores, and of its children, the
    workers, which analyse: those still running from /proc, those ended (the last of them, at the
    end) from getrusage."""
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = ended.ru_utime + ended.ru_stime
    for pid in child_processes():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        workers += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return time.process_time(), workers


def marks(total: int) -> list[int]:
    """Where the cost is given: 1k, 10k, 100k ... articles stored, and the end."""
    out, mark = [], WINDOW
    while mark <= total:
        out.append(mark)
        mark *= 10
    if total >= WINDOW and (not out or out[-1] != total):
        out.append(total)
    return out


def cpu_windows(cpu_at: dict[int, tuple[float, float]], total: int) -> list[tuple[int, float, float]]:
    """(articles stored, storing and analysing CPU ms per article over the WINDOW articles ending
    there), as `windows`; the first window counts from the first article stored (the workers'
    start is not in it)."""
    out = []
    for mark in marks(total):
        begin = max(mark - WINDOW, 1)
        if mark in cpu_at and begin in cpu_at:
            out.append((mark, *((cpu_at[mark][side] - cpu_at[begin][side]) / (mark - begin) * 1000 for side in (0, 1))))
    return out


def windows(stamps: list[float], started: float) -> list[tuple[int, float]]:
    """(articles stored, ms per article over the WINDOW articles ending there) at 1k, 10k, 100k ..., and the end."""
    out = []
    for mark in marks(len(stamps)):
        begin = stamps[mark - WINDOW - 1] if mark > WINDOW else started
        out.append((mark, (stamps[mark - 1] - begin) / WINDOW * 1000))
    return out


def sample_sentences(inputs: list[Path]) -> list[str]:
    """Sentences of the first articles, as vnevents splits them: the text both tools are timed on."""
    sentences: list[str] = []
    for outcome in service.analyze_paths(inputs[:200] if len(inputs) > 1 else inputs):
        if outcome.article:
            sentences += [outcome.article.text[s.start : s.end] for s in outcome.article.sentences]
        if len(sentences) >= TOKENIZE_SAMPLE:
            break
    return sentences


def tool_rates(sentences: list[str]) -> tuple[float, float]:
    """underthesea.word_tokenize and underthesea.ner, sentences per second. Timed before and after
    vnevents' run: this shared machine's speed drifts by a third within minutes, and the faster of
    the two (the smaller ratio) is the one reported."""
    from underthesea import ner, word_tokenize

    # each tool loads its model on its first call (ner: about half a second): not part of its rate,
    # as vnevents' own loading is not part of its own
    word_tokenize(sentences[0])
    ner(sentences[0])
    t0 = time.perf_counter()
    for sentence in sentences:
        word_tokenize(sentence)
    tokenize_rate = len(sentences) / (time.perf_counter() - t0)
    sample = sentences[:: max(1, len(sentences) // NER_SAMPLE)][:NER_SAMPLE]
    t0 = time.perf_counter()
    for sentence in sample:
        ner(sentence)
    return tokenize_rate, len(sample) / (time.perf_counter() - t0)


def tool_rates_apart(sentences: list[str]) -> tuple[float, float]:
    """`tool_rates` in a process of its own: underthesea's models stay out of the memory measured
    here (workers forked after loading them would carry them too)."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(tool_rates, (sentences,))


def main() -> None:
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and not sys.argv[i - 1].startswith("--")]
    count = int(args[0]) if args else 1000
    folder = Path(tempfile.mkdtemp())
    real = sorted(CORPUS.glob("*.txt"))
    inputs = ([synthetic_corpus(count, folder, "--random-dates" in sys.argv)]
              if "--synthetic" in sys.argv or count > len(real) else real[:count])
    url = sys.argv[sys.argv.index("--db") + 1] if "--db" in sys.argv else f"sqlite:///{folder}/bench.db"
    service.pipeline().warm_up()  # models and dictionaries load once, outside the timing
    sentences = sample_sentences(inputs)
    before = tool_rates_apart(sentences)
    service.open_store(url)
    stamps: list[float] = []
    cpu_at: dict[int, tuple[float, float]] = {}  # articles stored: CPU seconds so far, storing and analysing
    sampler = MemorySampler()
    sampler.start()
    started = time.perf_counter()
    stored = events = sentence_count = 0
    for result in service.ingest_paths(inputs, url, workers=WORKERS):
        stamps.append(time.perf_counter())
        if len(stamps) == 1 or len(stamps) % WINDOW == 0:
            cpu_at[len(stamps)] = cpu_seconds()
        if result.error is None and not result.duplicate:
            stored += 1
            events += result.events
            sentence_count += result.sentences
    elapsed = time.perf_counter() - started
    sampler.running = False
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak = sampler.worker_peak_mib  # (not RUSAGE_CHILDREN: it counts the tools' own process too)

    after = tool_rates_apart(sentences)
    tokenize_rate, ner_rate = (max(a, b) for a, b in zip(before, after))
    rate = sentence_count / elapsed
    print(f"vnevents analyze+ingest ({WORKERS} process(es)): {stored} articles, {sentence_count} sentences, {events} events "
          f"in {elapsed:.1f} s: {stored / elapsed:.1f} articles/s, {rate:.0f} sentences/s")
    print(f"underthesea.word_tokenize: {tokenize_rate:.0f} sentences/s on {len(sentences)} sentences "
          f"(vnevents end to end is {rate / tokenize_rate:.2f}x; before/after the run: {before[0]:.0f}/{after[0]:.0f})")
    print(f"underthesea.ner: {ner_rate:.1f} sentences/s on {NER_SAMPLE} sentences (vnevents end to end is {rate / ner_rate:.1f}x; "
          f"before/after the run: {before[1]:.1f}/{after[1]:.1f})")
    costs = windows(stamps, started)
    if costs:
        base = costs[0][1]
        print("per-article cost over the last 1,000 articles: " + ", ".join(
            f"at {mark:,}: {ms:.1f} ms ({(ms / base - 1) * 100:+.0f}%)" for mark, ms in costs))
    cpu_costs = cpu_windows(cpu_at, len(stamps))
    if cpu_costs:
        _, store_base, analyse_base = cpu_costs[0]
        print("CPU time per article over the last 1,000 articles, storing + analysing: " + ", ".join(
            f"at {mark:,}: {store:.1f} + {analyse:.1f} = {store + analyse:.1f} ms ({((store + analyse) / (store_base + analyse_base) - 1) * 100:+.0f}%)"
            for mark, store, analyse in cpu_costs))
        # the workers' work per article does not depend on the database: what changes it is this
        # shared machine's speed, which the total is corrected for here
        print("the same at the machine's speed of the first window (total x analysing at 1,000 / analysing there): " + ", ".join(
            f"at {mark:,}: {(store + analyse) * analyse_base / analyse:.1f} ms ({((store + analyse) * analyse_base / analyse / (store_base + analyse_base) - 1) * 100:+.0f}%)"
            for mark, store, analyse in cpu_costs))
    print(f"peak RSS {peak:.0f} MiB" + (f" (largest worker process {worker_peak:.0f} MiB)" if WORKERS > 1 else "")
          + f"; peak PSS of all processes together {sampler.peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
