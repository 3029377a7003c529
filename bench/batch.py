"""Batch speed and memory: `vnevents batch` on a Dask LocalCluster of 1 and of 2 worker processes.

    .venv/bin/python bench/batch.py [N] [--worker-counts 1,2] [--partition-size 100] [--scale 10]

1. Throughput: the first N corpus articles (default 1,000), one fresh job and SQLite database per
   worker count: articles/s from the command's start to its end (cluster start, model loading,
   coding, storing), and the per-partition cost a user sizes a cluster with: seconds a worker
   spends coding one partition, seconds the driver spends storing it (the driver stores partitions
   one after another, so it caps what any number of workers can reach).
2. Memory: synthetic corpora (bench/ingest.py's `synthetic_corpus`: the corpus's real paragraphs
   recombined) of N and of N x scale articles on the largest worker count: the peak RSS of each
   worker process (read in the worker by getrusage after each partition) and of the driver. Flat
   means the workers and the driver hold a partition at a time, never the corpus.
"""
from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from vnevents import service

sys.path.insert(0, str(Path(__file__).parent))
from ingest import CORPUS, synthetic_corpus  # noqa: E402 - a sibling script, not a package

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1000
WORKER_COUNTS = [int(n) for n in (sys.argv[sys.argv.index("--worker-counts") + 1] if "--worker-counts" in sys.argv else "1,2").split(",")]
PARTITION_SIZE = int(sys.argv[sys.argv.index("--partition-size") + 1]) if "--partition-size" in sys.argv else 100
SCALE = int(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 10


def job(inputs: list[str], workers: int, folder: Path) -> dict:
    loads: list[float] = []
    began = time.perf_counter()
    report = service.batch(inputs, folder / "out", f"sqlite:///{folder / 'events.db'}", engine="dask", workers=workers,
                           partition_size=PARTITION_SIZE, on_partition=lambda loaded: loads.append(loaded.seconds))
    wall = time.perf_counter() - began
    assert not report.failures, report.failures[:3]
    coded = [r for r in report.results if r.articles]
    per_worker: dict[str, float] = {}
    for result in report.results:
        per_worker[result.worker] = max(per_worker.get(result.worker, 0.0), result.peak_rss_mib)
    return {"articles": report.stored, "events": report.events, "wall": wall, "partitions": report.partitions,
            "code_s": statistics.median(r.seconds for r in coded), "store_s": statistics.median(loads),
            "warm_up_s": max(r.warm_up_seconds for r in report.results),
            "worker_rss": sorted(per_worker.values()), "driver_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    corpus = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:COUNT]]
    print(f"{len(corpus)} corpus articles, partitions of {PARTITION_SIZE}, Dask LocalCluster (processes, 1 thread each)")
    for workers in WORKER_COUNTS:
        with tempfile.TemporaryDirectory() as folder:
            got = job(corpus, workers, Path(folder))
        print(f"  {workers} worker(s): {got['articles'] / got['wall']:.1f} articles/s end to end "
              f"({got['articles']} articles, {got['events']} events in {got['wall']:.0f} s); per partition of "
              f"{PARTITION_SIZE}: {got['code_s']:.1f} s coding on a worker ({PARTITION_SIZE / got['code_s']:.1f} articles/s), "
              f"{got['store_s']:.1f} s storing in the driver ({PARTITION_SIZE / got['store_s']:.0f} articles/s); "
              f"model loading {got['warm_up_s']:.1f} s per worker", flush=True)
    workers = max(WORKER_COUNTS)
    for count in (COUNT, COUNT * SCALE):
        with tempfile.TemporaryDirectory() as folder:
            synthetic = synthetic_corpus(count, Path(folder))
            got = job([str(synthetic)], workers, Path(folder))
        print(f"  synthetic {count}: {got['articles'] / got['wall']:.1f} articles/s with {workers} worker(s); peak RSS per "
              f"worker {', '.join(f'{m:.0f}' for m in got['worker_rss'])} MiB; driver {got['driver_rss']:.0f} MiB "
              f"(a process's peak so far)", flush=True)


if __name__ == "__main__":
    main()
