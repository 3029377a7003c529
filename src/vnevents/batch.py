"""Batch: a corpus coded in partitions on many workers (dask.distributed, or this process), each
partition written as Parquet shards, then loaded into the event database.

The plan is a pure function of the inputs: they are listed in the order `ingest.discover` gives and
cut into partitions of `size` articles (a JSONL corpus is cut between its lines, so one large file
spreads over many workers). A partition's id hashes what decides its result: each input's path, size
and modification time (its byte range for a JSONL slice), the pipeline and dictionary versions, the
settings and the fallback date. Re-running the same command plans the same partitions.

Exactly once, through a kill of a worker or of the driver at any point:
- a worker writes each shard to a temporary name and renames it into place, and writes the
  partition's `done.json` last: a partition is either finished on disk or computed again (dask
  resubmits a dead worker's partitions to the living ones by itself);
- the driver loads a finished partition's articles and records the partition in `batch_loads` in
  the same transaction: a partition is in the database whole or not at all, and never twice;
- the articles' content hashes are a second guard (an article stored by `ingest` is skipped).
A re-run skips the partitions the database holds, loads those finished on disk, computes the rest.

Partitions are loaded in plan order, whichever worker finishes first, so the database (ids, story
groups, happenings) is the same for any number of workers, and the loaded ones are a prefix.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import resource
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__, errors, fetch
from .config import Settings
from .models import Article
from .stages import ingest

DEFAULT_PARTITION_SIZE = 200  # articles: ~5 s of one core here, a few MB of shards; a lost worker costs little
SHARDS = ("articles", "events", "mentions", "errors")
DONE = "done.json"


@dataclass(frozen=True)
class Slice:
    """One input, or for a JSONL corpus the lines in bytes [start, stop) from line `first_line` on."""

    input: str  # a path or an http(s) URL
    start: int = 0
    stop: int | None = None  # None: the whole input
    first_line: int = 1


@dataclass(frozen=True)
class Partition:
    id: str
    number: int  # its place in the plan: partitions are loaded in this order
    slices: tuple[Slice, ...]
    articles: int  # the articles (inputs, JSONL lines) it holds, as planned


@dataclass
class Plan:
    partitions: list[Partition]
    errors: list[errors.VneventsError]  # inputs that name nothing readable (a missing path)


@dataclass
class PartitionResult:
    """What a worker reports for a partition; its shards hold the articles themselves."""

    id: str
    articles: int = 0
    events: int = 0
    errors: int = 0
    seconds: float = 0.0  # analysing and writing, after the pipeline was loaded
    warm_up_seconds: float = 0.0  # loading the pipeline, on a worker's first partition
    peak_rss_mib: float = 0.0  # the worker process's peak resident memory so far
    worker: str = ""
    pipeline_version: str = __version__
    dictionary_version: str = ""
    reused: bool = False  # finished by an earlier run: read from its done.json


@dataclass
class Failure:
    """An input that could not be analysed or stored: one row of the error table."""

    path: str
    code: str
    message: str
    partition: str | None = None


@dataclass
class Loaded:
    """A partition's fate in the database."""

    partition: Partition
    result: PartitionResult | None = None  # None: loaded by an earlier run, or failed whole
    earlier: bool = False  # stored by an earlier run of the job
    stored: int = 0
    duplicates: int = 0  # already in the database (same content hash)
    events: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0  # reading the shards and storing them: the driver's share of the cost


# ---- the plan ---------------------------------------------------------------------------------
def plan(paths: Iterable[Path | str], size: int = DEFAULT_PARTITION_SIZE, settings: Settings | None = None,
         date: str | None = None) -> Plan:
    """Cut the inputs under `paths` into partitions of at most `size` articles."""
    from .store import dictionary_version

    settings = settings or Settings()
    job = json.dumps([__version__, dictionary_version(settings.data_dir), repr(settings), date])
    partitions: list[Partition] = []
    failed: list[errors.VneventsError] = []
    current: list[Slice] = []
    filled = 0  # articles in `current`

    def close() -> None:
        if current:
            digest = hashlib.sha256(job.encode())
            for piece in current:
                digest.update(json.dumps([asdict(piece), _fingerprint(piece.input)]).encode())
            partitions.append(Partition(digest.hexdigest()[:20], len(partitions), tuple(current), filled))
            current.clear()

    for item in ingest.discover(list(paths)):
        if isinstance(item, errors.VneventsError):
            failed.append(item)
            continue
        for piece, articles in _slices(item, size):
            if filled + articles > size:
                close()
                filled = 0
            current.append(piece)
            filled += articles
    close()
    return Plan(partitions, failed)


def _slices(item: Path | str, size: int) -> Iterator[tuple[Slice, int]]:
    """An input as slices of at most `size` articles: a JSONL corpus by its lines, anything else whole."""
    if fetch.is_url(item) or ingest.SUFFIXES.get(Path(item).suffix.lower()) != "jsonl":
        yield Slice(str(item)), 1
        return
    start = position = last = lines = 0
    first = 1
    try:
        corpus = open(item, "rb")
    except OSError:
        yield Slice(str(item)), 1  # the worker reads it and reports why it cannot
        return
    with corpus:  # lines as ingest reads them: an over-long one is counted, never held
        for number, line, length in ingest._bounded_lines(corpus, ingest.JSONL_LINE_MAX_BYTES, None, str(item)):
            position += number - last - 1  # the empty lines before it, a line end each
            last = number
            if line is None or line.strip():
                if lines == size:
                    yield Slice(str(item), start, position, first), lines
                    start, first, lines = position, number, 0
                lines += 1
            position += length
        end = corpus.tell()
    if lines or start == 0:  # an empty corpus stays one slice: its worker reports it empty
        yield Slice(str(item), start, end if lines else None, first), max(lines, 1)


def _fingerprint(item: str) -> list:
    if fetch.is_url(item):
        return [item]
    try:
        stat = os.stat(item)
    except OSError:
        return [item, None]
    return [os.path.abspath(item), stat.st_size, stat.st_mtime_ns]


# ---- a worker's part --------------------------------------------------------------------------
def run_partition(partition: Partition, out_dir: str, settings: Settings | None = None,
                  date: str | None = None) -> PartitionResult:
    """Analyse one partition and write its shards under `out_dir`/shards/<id>/; a partition whose
    done.json is there already is not analysed again. Runs on a worker (or in the driver)."""
    from .store import content_hash, dictionary_version

    settings = settings or Settings()
    folder = Path(out_dir) / "shards" / partition.id
    done = _finished(folder)
    if done is not None:
        return done
    run, warm_up = _pipeline(settings)
    began = time.perf_counter()
    rows: dict[str, list[dict]] = {name: [] for name in SHARDS}
    for entry in _read_partition(partition, settings, date):
        if isinstance(entry, errors.VneventsError):
            rows["errors"].append(_error_row(entry, entry.path or "", partition.id))
            continue
        try:
            article = run(entry)
        except Exception as exc:  # noqa: BLE001 - one article's failure is a row, not a failed job
            rows["errors"].append(_error_row(exc, entry.path, partition.id))
            continue
        _add_rows(rows, article, content_hash(article), len(rows["articles"]))
    folder.mkdir(parents=True, exist_ok=True)
    for name in SHARDS:
        _write_atomically(folder / f"{name}.parquet", lambda path, name=name: pq.write_table(
            pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]), path, compression="zstd"))
    result = PartitionResult(partition.id, len(rows["articles"]), len(rows["events"]), len(rows["errors"]),
                             round(time.perf_counter() - began, 3), warm_up, _peak_rss_mib(),
                             f"{socket.gethostname()}:{os.getpid()}", __version__, dictionary_version(settings.data_dir))
    _write_atomically(folder / DONE, lambda path: Path(path).write_text(json.dumps(asdict(result))))
    return result


_PIPELINES: dict[Settings, object] = {}  # one per worker process, kept from partition to partition


def _pipeline(settings: Settings):
    """The pipeline for `settings`, loaded on a worker's first partition; and the seconds that took."""
    from . import service

    if settings in _PIPELINES:
        return _PIPELINES[settings], 0.0
    began = time.perf_counter()
    # (frozen for the collector only in a worker process: a local run shares the caller's process)
    _PIPELINES[settings] = service.pipeline(settings).warm_up(freeze=multiprocessing.parent_process() is not None)
    return _PIPELINES[settings], round(time.perf_counter() - began, 3)


def _read_partition(partition: Partition, settings: Settings, date: str | None) -> Iterator[Article | errors.VneventsError]:
    for piece in partition.slices:
        try:
            entries = ingest.iter_input(piece.input, settings) if piece.stop is None else _jsonl_slice(piece)
            for entry in entries:
                if isinstance(entry, Article) and date and not entry.date:
                    entry.date, entry.date_basis = date, "given"
                yield entry
        except errors.InputError as exc:
            yield exc


def _jsonl_slice(piece: Slice) -> Iterator[Article | errors.InputError]:
    try:
        with open(piece.input, "rb") as corpus:
            corpus.seek(piece.start)
            window = _Window(corpus, piece.stop)
            for number, line, length in ingest._bounded_lines(window, ingest.JSONL_LINE_MAX_BYTES, None, piece.input):
                number += piece.first_line - 1
                if line is None:
                    yield errors.TooLarge(f"line {number} is {length:,} bytes, over the "
                                          f"{ingest.JSONL_LINE_MAX_BYTES:,}-byte limit", path=piece.input)
                elif line.strip():
                    yield from ingest.read_jsonl_line(line, number, piece.input)
    except OSError as exc:
        raise errors.InputError(f"cannot read: {exc.strerror}", path=piece.input) from None


class _Window:
    """Bytes up to `stop` of an open file, from where it stands: one slice of a JSONL corpus."""

    def __init__(self, stream, stop: int):
        self.stream, self.left = stream, stop - stream.tell()

    def read(self, size: int = -1) -> bytes:
        block = self.stream.read(self.left if size < 0 else min(size, self.left))
        self.left -= len(block)
        return block

    def tell(self) -> int:
        return self.stream.tell()


def _add_rows(rows: dict[str, list[dict]], article: Article, digest: str, number: int) -> None:
    rows["articles"].append({
        "article": number, "content_hash": digest, "path": article.path, "url": article.url, "title": article.title,
        "date": article.date, "date_basis": article.date_basis, "author": article.author, "agency": article.agency,
        "encoding": article.encoding, "text": article.text, "raw": article.raw or article.text.encode("utf-8"),
        "captions": json.dumps(article.captions), "repairs": json.dumps(article.repairs, ensure_ascii=False),
        "sentences": len(article.sentences), "events": len(article.events)})
    for event in article.events:
        record = event.to_dict()
        rows["events"].append({
            "article": number, "content_hash": digest, "type": record["type"], "mode": record["mode"],
            "source_code": (record["source"] or {}).get("code"), "target_code": (record["target"] or {}).get("code"),
            "date": record["date"]["value"], "factuality": record["factuality"], "cameo": record["cameo"],
            "goldstein": record["goldstein"], "confidence": record["confidence"],
            "evidence_start": record["evidence"]["start"], "evidence_end": record["evidence"]["end"],
            "record": json.dumps(record, ensure_ascii=False)})
    for mention in article.mentions:
        actor = mention.actor
        rows["mentions"].append({
            "article": number, "content_hash": digest, "text": mention.text, "start": mention.start, "end": mention.end,
            "sentence": mention.sentence, "kind": mention.kind, "code": actor.code if actor else None,
            "country": actor.country if actor else None})


def _error_row(exc: BaseException, path: str, partition: str) -> dict:
    code = getattr(exc, "code", "E000")
    message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
    return {"path": path, "code": code, "message": message, "partition": partition}


SCHEMAS = {
    "articles": pa.schema([("article", pa.int32()), ("content_hash", pa.string()), ("path", pa.string()),
                           ("url", pa.string()), ("title", pa.string()), ("date", pa.string()), ("date_basis", pa.string()),
                           ("author", pa.string()), ("agency", pa.string()), ("encoding", pa.string()),
                           ("text", pa.string()), ("raw", pa.binary()), ("captions", pa.string()), ("repairs", pa.string()),
                           ("sentences", pa.int32()), ("events", pa.int32())]),
    # the columns a reader filters on, and the whole event as the JSONL contract has it (`record`)
    "events": pa.schema([("article", pa.int32()), ("content_hash", pa.string()), ("type", pa.string()),
                         ("mode", pa.string()), ("source_code", pa.string()), ("target_code", pa.string()),
                         ("date", pa.string()), ("factuality", pa.string()), ("cameo", pa.string()),
                         ("goldstein", pa.float64()), ("confidence", pa.float64()), ("evidence_start", pa.int32()),
                         ("evidence_end", pa.int32()), ("record", pa.string())]),
    # names in the text and the actors they were linked to
    "mentions": pa.schema([("article", pa.int32()), ("content_hash", pa.string()), ("text", pa.string()),
                           ("start", pa.int32()), ("end", pa.int32()), ("sentence", pa.int32()), ("kind", pa.string()),
                           ("code", pa.string()), ("country", pa.string())]),
    "errors": pa.schema([("path", pa.string()), ("code", pa.string()), ("message", pa.string()), ("partition", pa.string())]),
}


def _write_atomically(path: Path, write: Callable[[str], None]) -> None:
    partial = f"{path}.{os.getpid()}.partial"  # per process: two copies of one task never share it
    write(partial)
    with open(partial, "rb") as written:
        os.fsync(written.fileno())
    os.replace(partial, path)


def _finished(folder: Path) -> PartitionResult | None:
    try:
        done = json.loads((folder / DONE).read_text())
    except (OSError, ValueError):
        return None
    return PartitionResult(**{**done, "reused": True})


def _peak_rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: KiB


# ---- the driver's part: loading ---------------------------------------------------------------
class _ShardEvent:
    """An event read back from a shard: the store asks an event only for its dict."""

    def __init__(self, record: dict):
        self.record = record

    def to_dict(self) -> dict:
        return self.record


def read_shards(out_dir: str | Path, partition_id: str) -> list[Article]:
    """A finished partition's articles with their events, as the store takes them."""
    folder = Path(out_dir) / "shards" / partition_id
    events: dict[int, list[_ShardEvent]] = {}
    for row in pq.read_table(folder / "events.parquet", columns=["article", "record"]).to_pylist():
        events.setdefault(row["article"], []).append(_ShardEvent(json.loads(row["record"])))
    batch = []
    for row in pq.read_table(folder / "articles.parquet").to_pylist():
        batch.append(Article(path=row["path"], text=row["text"], raw=row["raw"], title=row["title"], date=row["date"],
                             date_basis=row["date_basis"], author=row["author"], agency=row["agency"], url=row["url"],
                             encoding=row["encoding"], captions=[tuple(s) for s in json.loads(row["captions"])],
                             repairs=json.loads(row["repairs"]), events=events.get(row["article"], [])))
    return batch


def read_errors(out_dir: str | Path, partition_id: str) -> list[Failure]:
    path = Path(out_dir) / "shards" / partition_id / "errors.parquet"
    if not path.exists():
        return []
    return [Failure(**row) for row in pq.read_table(path).to_pylist()]


def load(store, out_dir: str | Path, partition: Partition, result: PartitionResult) -> Loaded:
    """Store a finished partition in one transaction with its `batch_loads` record. An article the
    database refuses is stored apart from the others (they are kept) and becomes an error row."""
    began = time.perf_counter()
    batch = read_shards(out_dir, partition.id)
    loaded = Loaded(partition, result, failures=read_errors(out_dir, partition.id))
    try:
        ids = store.add_partition(partition.id, batch, result.dictionary_version)
    except errors.StoreError:
        ids = []
        for article in batch:
            try:
                ids.append(store.add(article, result.dictionary_version))
            except errors.StoreError as exc:
                ids.append(None)
                loaded.failures.append(Failure(article.path, exc.code, exc.message, partition.id))
        store.add_partition(partition.id, [], result.dictionary_version)
    for article, article_id in zip(batch, ids or []):
        if article_id is None:
            loaded.duplicates += 1
        else:
            loaded.stored += 1
            loaded.events += len(article.events)
    loaded.seconds = round(time.perf_counter() - began, 3)
    return loaded


def write_error_table(out_dir: str | Path, failures: list[Failure]) -> Path:
    path = Path(out_dir) / "errors.parquet"
    _write_atomically(path, lambda target: pq.write_table(
        pa.Table.from_pylist([asdict(f) for f in failures], schema=SCHEMAS["errors"]), target))
    return path


# ---- the driver: engines and ordered loading --------------------------------------------------
ENGINES = ("local", "dask")
CONNECT_TIMEOUT_S = 10  # waiting for a scheduler that does not answer


def run(store, paths: Iterable[Path | str], out_dir: str | Path, engine: str = "local", scheduler: str | None = None,
        workers: int = 2, size: int = DEFAULT_PARTITION_SIZE, settings: Settings | None = None,
        date: str | None = None, on_plan: Callable[[Plan, set[str]], None] | None = None) -> Iterator[Loaded]:
    """Plan, compute the partitions the database lacks (on `engine`), and load each in plan order;
    yields every partition's Loaded, those loaded by an earlier run first. A partition that failed
    as a whole (its worker died too often, its shards could not be written) is reported and left
    for the next run."""
    if engine not in ENGINES:
        raise errors.BatchError(f"unknown engine '{engine}' (expected {' or '.join(ENGINES)})")
    settings = settings or Settings()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    the_plan = plan(paths, size, settings, date)
    before = store.loaded_partitions()
    _write_manifest(out_dir, the_plan)
    if on_plan:
        on_plan(the_plan, before)
    for partition in the_plan.partitions:
        if partition.id in before:
            yield Loaded(partition, earlier=True, failures=read_errors(out_dir, partition.id))
    order = [p for p in the_plan.partitions if p.id not in before]
    finished: dict[str, PartitionResult | Failure] = {}  # coded, waiting for the partitions before them
    for partition in order:  # finished on disk by an earlier run: stored without a cluster
        done = _finished(out_dir / "shards" / partition.id)
        if done is not None:
            finished[partition.id] = done
    position = 0

    def store_ready() -> Iterator[Loaded]:
        nonlocal position
        while position < len(order) and order[position].id in finished:
            head, outcome = order[position], finished.pop(order[position].id)
            position += 1
            yield Loaded(head, failures=[outcome]) if isinstance(outcome, Failure) else load(store, out_dir, head, outcome)

    missing = [p for p in order if p.id not in finished]
    yield from store_ready()
    if missing:
        compute = _compute_local if engine == "local" else _compute_dask
        for partition, outcome in compute(missing, str(out_dir), settings, date, scheduler=scheduler, workers=workers):
            finished[partition.id] = outcome
            yield from store_ready()


def _compute_local(order: list[Partition], out_dir: str, settings: Settings, date: str | None,
                   **_engine) -> Iterator[tuple[Partition, PartitionResult | Failure]]:
    for partition in order:
        try:
            yield partition, run_partition(partition, out_dir, settings, date)
        except OSError as exc:  # shards that cannot be written: the partition waits for the next run
            yield partition, _partition_failure(partition, exc)


def _compute_dask(order: list[Partition], out_dir: str, settings: Settings, date: str | None, scheduler: str | None,
                  workers: int) -> Iterator[tuple[Partition, PartitionResult | Failure]]:
    import logging
    from contextlib import ExitStack

    from distributed import Client, LocalCluster, as_completed

    with ExitStack() as stack:
        try:
            if scheduler:
                client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT_S))
            else:
                cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                           dashboard_address=None, silence_logs=logging.ERROR))
                client = stack.enter_context(Client(cluster))
        except (OSError, TimeoutError, ValueError) as exc:
            raise errors.BatchError(f"cannot reach the Dask scheduler: {exc}", path=scheduler) from None
        futures = {client.submit(run_partition, p, out_dir, settings, date, key=f"vnevents-partition-{p.id}", pure=False): p
                   for p in order}
        for future in as_completed(futures):
            partition = futures.pop(future)
            try:
                yield partition, future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, a full disk: this partition, not the job
                yield partition, _partition_failure(partition, exc)
            future.release()


def _partition_failure(partition: Partition, exc: BaseException) -> Failure:
    inputs = sorted({piece.input for piece in partition.slices})
    where = inputs[0] + (f" and {len(inputs) - 1} more" if len(inputs) > 1 else "")
    return Failure(where, errors.BatchError.code, f"partition {partition.number} failed: {type(exc).__name__}: {exc}",
                   partition.id)


def _write_manifest(out_dir: Path, the_plan: Plan) -> None:
    """DIR/partitions.json: each partition's id, number, articles and inputs, for a reader of the shards."""
    manifest = [{"id": p.id, "number": p.number, "articles": p.articles, "slices": [asdict(s) for s in p.slices]}
                for p in the_plan.partitions]
    _write_atomically(out_dir / "partitions.json", lambda path: Path(path).write_text(json.dumps(manifest)))
