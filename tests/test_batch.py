"""The batch engine: partitions on this process, on a Dask LocalCluster and on a scheduler with
workers started as separate processes; the same database as `ingest`; kills of a worker and of
the driver, then a re-run."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from vnevents import batch, service
from vnevents.store import Store

from .conftest import EXAMPLES, SHARED

CORPUS_ARTICLES = 30
VNEVENTS = [sys.executable, "-m", "vnevents"]


@pytest.fixture(scope="module")
def inputs() -> list[str]:
    corpus = sorted((SHARED / "corpus" / "articles").glob("*.txt"))[:CORPUS_ARTICLES]
    assert len(corpus) == CORPUS_ARTICLES, "the shared corpus is missing: set VNEVENTS_SHARED"
    return [str(EXAMPLES)] + [str(p) for p in corpus]


def stored(url: str) -> dict:
    """The database's content, without the ids that differ between servers."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        articles = connection.execute(sa.text(
            "select a.content_hash, a.path, g.content_hash as story from articles a "
            "join articles g on g.id = a.dup_group order by a.id")).all()
        mentions = connection.execute(sa.text(
            "select a.content_hash, e.type, e.source_code, e.target_code, e.date, e.factuality, e.evidence_start, "
            "e.evidence_end, e.confidence, c.mention_count from events e join articles a on a.id = e.article_id "
            "join canonical_events c on c.id = e.canonical_id order by e.id")).all()
        happenings = connection.scalar(sa.text("select count(*) from canonical_events"))
    engine.dispose()
    return {"articles": [tuple(r) for r in articles], "mentions": [tuple(r) for r in mentions], "happenings": happenings}


@pytest.fixture(scope="module")
def ingested(inputs, tmp_path_factory) -> dict:
    """What `ingest` stores from the same inputs: what every batch run must store too."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ingest') / 'events.db'}"
    results = list(service.ingest_paths(inputs, url))
    assert not [r.error for r in results if r.error]
    return stored(url)


def test_local_engine_stores_what_ingest_stores_and_a_rerun_does_nothing(db_url, tmp_path, inputs, ingested):
    report = service.batch(inputs, tmp_path / "out", db_url, engine="local", partition_size=8)
    assert report.partitions == 5 and report.computed == 5 and not report.failures
    assert stored(db_url) == ingested
    assert report.stored == len(ingested["articles"]) == CORPUS_ARTICLES + 3
    again = service.batch(inputs, tmp_path / "out", db_url, engine="local", partition_size=8)
    assert (again.already_loaded, again.computed, again.stored) == (5, 0, 0)
    assert stored(db_url) == ingested


def test_a_finished_job_pointed_at_a_new_database_is_stored_from_its_shards_alone(tmp_path, inputs, ingested):
    first = service.batch(inputs, tmp_path / "out", f"sqlite:///{tmp_path / 'first.db'}", partition_size=8)
    assert first.computed == 5
    url = f"sqlite:///{tmp_path / 'second.db'}"  # no scheduler answers there: none is needed
    report = service.batch(inputs, tmp_path / "out", url, engine="dask", scheduler="tcp://127.0.0.1:1", partition_size=8)
    assert (report.reused, report.computed, report.stored) == (5, 0, CORPUS_ARTICLES + 3)
    assert stored(url) == ingested


def test_dask_local_cluster_of_two_processes_stores_what_ingest_stores(db_url, tmp_path, inputs, ingested):
    report = service.batch(inputs, tmp_path / "out", db_url, engine="dask", workers=2, partition_size=3)
    assert report.computed == report.partitions == 11 and not report.failures
    assert len({r.worker for r in report.results}) == 2  # both worker processes coded partitions
    assert stored(db_url) == ingested


def test_shards_hold_the_articles_events_and_names_and_read_back_with_pandas(tmp_path, inputs):
    out = tmp_path / "out"
    report = service.batch(inputs[:1], out, f"sqlite:///{tmp_path / 'events.db'}", partition_size=2)
    manifest = json.loads((out / "partitions.json").read_text())
    assert [p["articles"] for p in manifest] == [2, 1]
    articles = pq.read_table(out / "shards" / manifest[0]["id"] / "articles.parquet").to_pandas()
    assert sorted(Path(p).name for p in articles["path"]) == ["000_80fee103ab6e860c.txt", "001_75dbe35eade5f37d.txt"]
    events = pd_concat(out, manifest, "events")
    assert len(events) == report.events and {"RETREAT", "AID"} <= set(events["type"])
    record = json.loads(events["record"].iloc[0])
    assert record["evidence"]["text"] and record["type"] == events["type"].iloc[0]
    names = pd_concat(out, manifest, "mentions")
    assert "NER" in set(names["country"].dropna())


def pd_concat(out: Path, manifest: list[dict], shard: str):
    import pandas as pd

    return pd.concat([pq.read_table(out / "shards" / p["id"] / f"{shard}.parquet").to_pandas() for p in manifest])


def test_a_jsonl_corpus_is_cut_between_lines_and_bad_articles_are_rows_of_the_error_table(tmp_path, inputs):
    texts = [Path(p).read_text(encoding="utf-8") for p in inputs[1:10]]
    lines = [json.dumps({"id": f"doc-{n}", "text": t}, ensure_ascii=False) for n, t in enumerate(texts)]
    lines.insert(5, '{"text": 42}')  # line 6: no text
    lines.insert(2, "")  # a blank line is no article
    lines.append(json.dumps({"text": "Việt Nam " * 700_000}))  # line 12: 9.8 MB (escaped), over the limit
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "english.txt").write_text("This is an English sentence about the weather.", encoding="utf-8")
    out = tmp_path / "out"
    command = [*VNEVENTS, "batch", str(corpus), str(tmp_path / "english.txt"), str(tmp_path / "missing"), "--out",
               str(out), "--db", f"sqlite:///{tmp_path / 'events.db'}", "--partition-size", "4"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "stored 9 article(s)" in result.stderr
    plan = json.loads((out / "partitions.json").read_text())
    assert [p["articles"] for p in plan] == [4, 4, 4]  # 11 records, then the .txt file
    failures = pq.read_table(out / "errors.parquet").to_pylist()
    assert sorted((Path(f["path"]).name, f["code"]) for f in failures) == [
        ("corpus.jsonl", "E105"), ("corpus.jsonl", "E108"), ("english.txt", "E104"), ("missing", "E100")]
    messages = sorted(f["message"] for f in failures if f["path"].endswith("corpus.jsonl"))
    assert messages[0].startswith("line 12 is 9,800,013 bytes") and messages[1].startswith("line 7 ")  # the file's numbers
    paths = list(sa.create_engine(f"sqlite:///{tmp_path / 'events.db'}").connect().scalars(sa.text("select path from articles")))
    assert sorted(paths) == sorted(f"doc-{n}" for n in range(9))


def test_an_unreachable_scheduler_is_a_job_error(tmp_path):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    result = subprocess.run([*VNEVENTS, "batch", str(EXAMPLES), "--out", str(tmp_path / "out"), "--db",
                             f"sqlite:///{tmp_path / 'events.db'}", "--scheduler", f"tcp://127.0.0.1:{port}"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2 and "[E600]" in result.stderr and "scheduler" in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def scheduler_and_workers(count: int = 2):
    """A Dask scheduler and `count` single-threaded workers, each its own process on loopback."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                   "--port", address.rsplit(":", 1)[1], "--no-dashboard"], **quiet)]
    try:
        for _ in range(count):
            processes.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address,
                                               "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"], **quiet))
        with Client(address, timeout=60) as client:
            client.wait_for_workers(count, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def test_a_scheduler_and_two_workers_as_processes_and_a_worker_killed_mid_run(tmp_path, inputs, ingested):
    import threading

    from distributed import Client

    url, out = f"sqlite:///{tmp_path / 'events.db'}", tmp_path / "out"
    killed: dict = {}

    def kill_a_busy_worker(observer: Client, running: threading.Event) -> None:
        while running.is_set():  # once two partitions are coded, the next worker caught coding one
            busy = {w: keys for w, keys in observer.processing().items() if keys}
            if len(list(out.glob("shards/*/done.json"))) >= 2 and busy:
                worker, keys = sorted(busy.items())[0]
                pid = observer.run(os.getpid, workers=[worker])[worker]
                os.kill(pid, signal.SIGKILL)
                killed.update(pid=pid, partitions=keys)
                return
            time.sleep(0.02)

    with scheduler_and_workers(2) as address, Client(address) as observer:
        running = threading.Event()
        running.set()
        killer = threading.Thread(target=kill_a_busy_worker, args=(observer, running))
        killer.start()
        try:
            report = service.batch(inputs, out, url, engine="dask", scheduler=address, partition_size=2)
        finally:
            running.clear()
            killer.join()
    assert killed, "no worker was caught coding a partition"
    # its partition was given to the other worker (which finds it done when the kill came after its done.json)
    assert not report.failures and report.computed + report.reused == report.partitions == 17
    with pytest.raises(ProcessLookupError):
        os.kill(killed["pid"], 0)
    assert stored(url) == ingested  # every article once, as ingest stores them


def test_a_killed_driver_leaves_whole_partitions_and_a_rerun_stores_every_article_once(tmp_path, inputs, ingested):
    url = f"sqlite:///{tmp_path / 'events.db'}"
    command = [*VNEVENTS, "batch", *inputs, "--out", str(tmp_path / "out"), "--db", url, "--partition-size", "3"]
    driver = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store = Store(url)
    deadline = time.time() + 300
    while len(store.loaded_partitions()) < 2 and time.time() < deadline and driver.poll() is None:
        time.sleep(0.05)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    loaded = store.loaded_partitions()
    assert 2 <= len(loaded) < 11, loaded
    with store.engine.connect() as connection:  # whole partitions only: their planned articles, no more
        recorded = connection.scalar(sa.text("select sum(articles) from batch_loads"))
        assert connection.scalar(sa.text("select count(*) from articles")) == recorded
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(loaded)} stored before" in rerun.stderr
    assert stored(url) == ingested


def test_a_partition_that_fails_whole_is_a_row_and_the_next_run_does_it(tmp_path):
    url, out = f"sqlite:///{tmp_path / 'events.db'}", tmp_path / "out"
    middle = batch.plan([EXAMPLES], size=1).partitions[1]
    (out / "shards").mkdir(parents=True)
    (out / "shards" / middle.id).write_text("in the way")  # its shards cannot be written
    report = service.batch([EXAMPLES], out, url, partition_size=1)
    assert [(f.code, f.partition) for f in report.failures] == [("E600", middle.id)]
    assert report.stored == 2 and middle.id not in Store(url).loaded_partitions()
    (out / "shards" / middle.id).unlink()
    again = service.batch([EXAMPLES], out, url, partition_size=1)
    assert (again.already_loaded, again.computed, again.stored, again.failures) == (2, 1, 1, [])
