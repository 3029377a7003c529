"""The service layer: the one API the CLI, the Python API (and later the REST API, the web UI and
the batch engine) call. No edge touches a stage directly.
"""
from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import errors
from .config import Settings
from .coverage import Uncoded, uncoded
from .evaluate import GoldDoc, Report, load_gold, score
from .models import Article
from .pipeline import Pipeline
from .stages import ingest


@lru_cache(maxsize=4)
def pipeline(settings: Settings = Settings()) -> Pipeline:
    return Pipeline(settings)


def analyze(text: str, date: str | None = None, title: str | None = None, path: str = "<text>",
            settings: Settings | None = None) -> Article:
    """Analyse one Vietnamese text; `date` (YYYY[-MM[-DD]]) anchors relative dates."""
    article = ingest.from_text(text, path=path, date=date, title=title)
    return pipeline(settings or Settings())(article)


@dataclass
class Outcome:
    """One input's result: an analysed article, or the error that stopped it."""

    path: str
    article: Article | None = None
    error: errors.VneventsError | None = None
    uncoded: list[Uncoded] | None = None  # filled when asked for: sentences the coder missed

    def to_dict(self) -> dict:
        record = self.article.to_dict() if self.article else {"path": self.path}
        if self.uncoded is not None:
            record["uncoded"] = [u.to_dict() for u in self.uncoded]
        return record


def analyze_paths(paths: list[Path | str], settings: Settings | None = None, date: str | None = None,
                  on_file: Callable[[Path | str], None] | None = None, with_uncoded: bool = False,
                  workers: int = 1) -> Iterator[Outcome]:
    """Analyse every readable input under `paths` (files, folders, http(s) URLs); unreadable ones
    yield an Outcome with an error. With `workers` > 1 the analysis runs in that many processes
    (reading stays here); outcomes keep the inputs' order either way."""
    yield from _analyses(paths, settings, date, on_file, with_uncoded, workers, whole=True)


def _analyses(paths: list[Path | str], settings: Settings | None, date: str | None,
              on_file: Callable[[Path | str], None] | None, with_uncoded: bool, workers: int, whole: bool) -> Iterator[Outcome]:
    """`analyze_paths`; not `whole`: each article as storing reads it, no more (see `_storable`)."""
    settings = settings or Settings()
    pending = _read_all(paths, settings, date, on_file)
    if workers <= 1:
        run = pipeline(settings)
        for entry in pending:
            yield entry if isinstance(entry, Outcome) else _analysed(run(entry), with_uncoded)
        return
    from concurrent.futures import ProcessPoolExecutor

    # where workers are forked, they inherit it all, loaded once and out of the collector's walks
    pipeline(settings).warm_up(freeze=True)
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(settings,)) as pool:
            window: deque = deque()  # bounded look-ahead: memory stays flat on a corpus of any size
            for handed in _handfuls(pending):
                articles = [entry for entry in handed if not isinstance(entry, Outcome)]
                window.append((handed, pool.submit(_work_all, articles, with_uncoded, whole) if articles else None))
                if len(window) * WORKER_HANDFUL >= workers * WORKER_QUEUE:
                    yield from _settled(*window.popleft())
            for handed, analysed in window:
                yield from _settled(handed, analysed)
    finally:
        gc.unfreeze()  # this process goes on (storing, a test run): what it froze can be collected again


# articles in flight per worker process. A storing batch (STORE_BATCH) in all: while ingest's
# process stores one, the workers go on analysing the next (at 8, they sat idle for a seventh of an
# ingest on 2 cores); a few hundred analysed articles are a few MiB.
WORKER_QUEUE = 128
# articles handed to a worker at once. One task per article cost this process a millisecond of CPU
# an article (futures, locks, pipe writes and wake-ups on both sides): a tenth of all the work.
WORKER_HANDFUL = 8
# ... but no article waits for the others of its handful longer than this: a slow source (URLs, a
# feed) hands each on as it comes
WORKER_HANDFUL_SECONDS = 0.2


def _handfuls(entries: Iterator) -> Iterator[list]:
    handful: list = []
    began = 0.0
    for entry in entries:
        if not handful:
            began = time.monotonic()
        handful.append(entry)
        if len(handful) >= WORKER_HANDFUL or time.monotonic() - began >= WORKER_HANDFUL_SECONDS:
            yield handful
            handful = []
    if handful:
        yield handful


def _read_all(paths, settings: Settings, date: str | None, on_file) -> Iterator[Article | Outcome]:
    for item in ingest.discover(list(paths)):
        if isinstance(item, errors.VneventsError):
            yield Outcome(item.path or "", error=item)
            continue
        if on_file:
            on_file(item)
        try:  # one article at a time: a JSONL corpus is never held whole in memory
            for entry in ingest.iter_input(item, settings):
                if isinstance(entry, errors.VneventsError):
                    yield Outcome(entry.path or str(item), error=entry)
                    continue
                if date and not entry.date:
                    entry.date, entry.date_basis = date, "given"
                yield entry
        except errors.InputError as exc:
            yield Outcome(str(item), error=exc)


def _analysed(article: Article, with_uncoded: bool) -> Outcome:
    return Outcome(article.path, article=article, uncoded=uncoded(article) if with_uncoded else None)


_WORKER_SETTINGS: list[Settings] = []


def _start_worker(settings: Settings) -> None:
    _WORKER_SETTINGS[:] = [settings]
    pipeline(settings).warm_up(freeze=True)  # loaded already where forked; otherwise once per process


def _work_all(articles: list[Article], with_uncoded: bool, whole: bool = True) -> list[Outcome]:
    run = pipeline(_WORKER_SETTINGS[0])
    return [_analysed(run(article) if whole else _storable(run(article)), with_uncoded) for article in articles]


def _storable(article: Article) -> Article:
    """An analysed article without what storing never reads: its mentions, time expressions and
    character origins are half of what a worker process sends back to be stored."""
    article.mentions, article.times, article.origin = [], [], []
    return article


def _settled(handed: list, analysed) -> Iterator[Outcome]:
    """A handful's outcomes in the order read: its read errors where they stood, between the analyses."""
    results = iter(analysed.result() if analysed is not None else ())
    for entry in handed:
        yield entry if isinstance(entry, Outcome) else next(results)


def _gold_text(gold: GoldDoc, files: dict[str, Path]) -> str:
    path = files.get(gold.doc)
    if path is None:
        raise errors.GoldError(f"document '{gold.doc}' (gold line {gold.line}) not found under the given paths")
    raw = path.read_bytes()
    text = ingest.decode(raw, str(path))  # refuses empty, binary and non-UTF-8 files by name
    if gold.span:
        # Spans index the file as written (newlines untranslated, any BOM kept), as the gold says.
        text = raw.decode("utf-8")[gold.span[0] : gold.span[1]]
    return text


def evaluate(gold_path: Path, paths: list[Path], settings: Settings | None = None,
             on_doc: Callable[[GoldDoc], None] | None = None) -> Report:
    """Run the pipeline on every document the gold file names and score it."""
    gold_docs = load_gold(Path(gold_path))
    files: dict[str, Path] = {}
    for item in ingest.discover([Path(p) for p in paths]):
        if isinstance(item, Path):
            files.setdefault(item.name, item)
    run = pipeline(settings or Settings())
    pairs = []
    failures = []
    for gold in gold_docs:
        if on_doc:
            on_doc(gold)
        try:
            text = _gold_text(gold, files)
        except errors.VneventsError as exc:
            failures.append(str(exc))
            pairs.append((gold, []))
            continue
        article = ingest.from_text(text, path=gold.key)
        if gold.span:
            article.title = ""  # a paragraph has no title line to take off
        article.date = gold.doc_date  # a fallback: a date line in the text itself wins
        article.date_basis = "given" if gold.doc_date else None
        article = run(article)
        pairs.append((gold, [e.to_dict() for e in article.events]))
    return score(pairs, failures)


# ---- the event database ---------------------------------------------------------------------
@dataclass
class Ingested:
    """One input's fate in `ingest`: stored (with its id), already there, or failed."""

    path: str
    article_id: int | None = None
    events: int = 0
    duplicate: bool = False
    error: errors.VneventsError | None = None
    sentences: int = 0


def open_store(url: "str | Store | None" = None) -> "Store":
    from .store import DEFAULT_URL, Store

    if isinstance(url, Store):  # already open: the server keeps one for all its requests
        return url
    return Store(url or DEFAULT_URL)


def ingest_paths(paths: list[Path | str], url: str | None = None, settings: Settings | None = None,
                 date: str | None = None, workers: int = 1) -> Iterator[Ingested]:
    """Analyse every input and store it with its events; inputs already stored are skipped."""
    from .store import dictionary_version

    settings = settings or Settings()
    store = open_store(url)
    version = dictionary_version(settings.data_dir)
    pending: list[Outcome] = []
    oldest = 0.0

    def stored() -> Iterator[Ingested]:
        batch = pending[:]
        pending.clear()
        try:
            ids = store.add_many([o.article for o in batch], version)
        except errors.StoreError:
            ids = None  # one article the database refuses: the others are stored one by one, up to it
        for outcome, article_id in zip(batch, ids or [None] * len(batch)):
            if ids is None:
                article_id = store.add(outcome.article, version)
            yield Ingested(outcome.path, article_id, len(outcome.article.events), duplicate=article_id is None,
                           sentences=len(outcome.article.sentences))

    for outcome in _analyses(paths, settings, date, None, False, workers, whole=False):
        if outcome.error is not None:
            yield from stored()
            yield Ingested(outcome.path, error=outcome.error)
            continue
        if not pending:
            oldest = time.monotonic()
        pending.append(outcome)
        # Several articles per transaction, but none waits long: a slow source (URLs) still
        # commits each article within STORE_BATCH_SECONDS of its analysis.
        if len(pending) >= STORE_BATCH or time.monotonic() - oldest >= STORE_BATCH_SECONDS:
            yield from stored()
    yield from stored()


# articles per transaction: each costs about a dozen statements and a commit besides its articles'
# own (a quarter of a millisecond an article at 16, a sixteenth at 64). On a large database the
# commit writes a page for nearly every index entry an article adds, fewer the more articles share
# one: storing into 100,000 articles cost 0.3 to 0.6 ms an article less at 256 than at 64
# (bench/growth.py), about the same into an empty database.
STORE_BATCH = 256
STORE_BATCH_SECONDS = 2.0


def query_events(url: str | None = None, where: "EventFilter | None" = None) -> Iterator[dict]:
    from .store import EventFilter

    yield from open_store(url).events(where or EventFilter())


def reprocess(url: str | None = None, settings: Settings | None = None, everything: bool = False,
              on_article: Callable[[str], None] | None = None) -> tuple[int, int]:
    """Re-code stored articles after an upgrade, from their stored text (no source is read again).
    Returns (articles, events)."""
    from .store import dictionary_version

    settings = settings or Settings()
    store = open_store(url)
    run = pipeline(settings)
    version = dictionary_version(settings.data_dir)
    done = total = 0
    for article_id, article in store.stale_articles(version, everything):
        if on_article:
            on_article(article.path)
        recoded = run(article, start_at="segment")
        total += store.replace_events(article_id, recoded, version)
        done += 1
    return done, total


def query_happenings(url: str | None = None, where: "EventFilter | None" = None) -> Iterator[dict]:
    from .store import EventFilter

    yield from open_store(url).canonical_events(where or EventFilter())


# ---- reads and writes for the REST API and the web UI ----------------------------------------
# Each takes `db`: a database URL (the CLI) or an open Store (the server keeps one per app, so a
# request does not pay for an engine and a migration check; `open_store` passes it through).
@dataclass
class Page:
    """One page of a listing and how many items match in all."""

    total: int
    items: list[dict]
    limit: int
    offset: int

    def to_dict(self) -> dict:
        return {"total": self.total, "items": self.items, "limit": self.limit, "offset": self.offset}


TIMESERIES_WIDTHS = {"year": 4, "month": 7, "week": 10, "day": 10}  # date prefix; weeks are folded from days
SEARCH_CAP = 1000  # full-text results a listing can page through


def list_articles(db=None, words: str | None = None, folded: bool = False, limit: int = 50, offset: int = 0) -> Page:
    """Stored articles: those holding all `words` (best match first), else the latest first."""
    store = open_store(db)
    if not words:
        total, rows = store.page_articles(limit, offset)
    else:
        found = [row["id"] for row in store.search(words, folded=folded, limit=SEARCH_CAP)]
        total, rows = len(found), store.articles_by_id(found[offset : offset + limit])
    return Page(total, [{**row, "source": _outlet(row)} for row in rows], limit, offset)


def _outlet(row: dict) -> str | None:
    from .store import _site

    return row.get("agency") or _site(row.get("url")) or row.get("path")


def article_detail(db, article_id: int, settings: Settings | None = None) -> dict | None:
    """A stored article with its stored events (as `vnevents events --mentions` lists them, in
    the JSONL contract's shape) and the names and sentences of its text, found again by running
    the stages after repair over the stored cleaned text."""
    store = open_store(db)
    found = store.article(article_id)
    if found is None:
        return None
    article, row = found
    analysed = pipeline(settings or Settings())(article, start_at="segment").to_dict()
    return {"id": row["id"], "path": row["path"], "title": row["title"], "date": row["date"],
            "date_basis": row["date_basis"], "author": row["author"], "agency": row["agency"], "url": row["url"],
            "source": _outlet(row),
            "encoding": row["encoding"], "ingested_at": row["ingested_at"], "text": row["text"],
            "captions": analysed["captions"], "repairs": analysed["repairs"], "sentences": analysed["sentences"],
            "mentions": analysed["entities"], "events": [contract_event(e) for e in store.article_events(article_id)]}


def contract_event(row: dict) -> dict:
    """A stored mention in the JSONL contract's event shape, with its ids; what the database does
    not keep (actor offsets, the date's words, the place's span) is null."""
    import json

    def actor(side: str) -> dict | None:
        if row[f"{side}_text"] is None and row[f"{side}_code"] is None and row[f"{side}_country"] is None:
            return None
        return {"text": row[f"{side}_text"] or "", "code": row[f"{side}_code"], "country": row[f"{side}_country"],
                "start": None, "end": None}

    place = None
    if row["place_name"] is not None:
        place = {"text": row["place_text"], "name": row["place_name"], "country": row["place_country"],
                 "latitude": row["latitude"], "longitude": row["longitude"], "precision": row["place_precision"],
                 "geonameid": row["geonameid"]}
    return {"id": row["id"], "article_id": row["article_id"], "happening": row["canonical_id"],
            "type": row["type"], "mode": row["mode"], "context": row["context"],
            "source": actor("source"), "target": actor("target"),
            "date": {"value": row["date"], "precision": row["date_precision"], "text": None, "basis": row["date_basis"]},
            "place": place, "factuality": row["factuality"], "speaker": row["speaker"], "via": json.loads(row["via"] or "[]"),
            "evidence": {"sentence": row["evidence_sentence"], "start": row["evidence_start"], "end": row["evidence_end"],
                         "text": row["evidence_text"], "caption": bool(row["caption"])},
            "trigger": row["trigger"], "pattern": row["pattern"], "cameo": row["cameo"], "quad_class": row["quad_class"],
            "goldstein": row["goldstein"], "confidence": row["confidence"], "background": bool(row["background"])}


def list_events(db=None, where: "EventFilter | None" = None, sort: str = "date", limit: int = 50, offset: int = 0,
                words: str | None = None, party: str | None = None) -> Page:
    """A page of stored event mentions (the rows of `vnevents events --mentions`), each with its
    article's title and url."""
    from .store import EventFilter

    total, rows = open_store(db).page_events(where or EventFilter(), sort, limit, offset, text=words, party=party)
    items = [{**contract_event(row), "article_title": row["article_title"], "article_url": row["article_url"],
              "article_date": row["article_date"]} for row in rows]
    return Page(total, items, limit, offset)


def list_happenings(db=None, where: "EventFilter | None" = None, sort: str = "date", limit: int = 50, offset: int = 0,
                    words: str | None = None) -> Page:
    """A page of happenings (the rows of `vnevents events`)."""
    from .store import EventFilter

    total, rows = open_store(db).page_happenings(where or EventFilter(), sort, limit, offset, text=words)
    return Page(total, [_happening(row) for row in rows], limit, offset)


def _happening(row: dict) -> dict:
    import json

    return {**row, "outlets": json.loads(row.get("outlets") or "[]")}


def happening_detail(db, canonical_id: int) -> dict | None:
    """One happening and every mention of it (as `vnevents events show`)."""
    found = open_store(db).canonical(canonical_id)
    if found is None:
        return None
    reports = found.pop("mentions")
    first = next((m for m in reports if m["id"] == found["first_mention_id"]), reports[0] if reports else {})
    # the first report stands for the happening, as in the listing
    told = {key: first.get(key) for key in ("source_text", "target_text", "evidence_text", "place_name", "latitude",
                                            "longitude", "article_id", "article_url", "article_path")}
    mentions = [{**contract_event(m), "article_url": m["article_url"], "article_path": m["article_path"],
                 "story": m["article_group"]} for m in reports]
    return {**_happening(found), **told, "mention_id": first.get("id"), "mentions": mentions}


def _named(store, rows: list[dict], *fields: str) -> list[dict]:
    """Rows with `<field>_name` (or `name`) beside each code field: the words news uses for it."""
    names = store.actor_names(sorted({row[f] for row in rows for f in fields if row[f]}))
    for row in rows:
        for f in fields:
            row["name" if f == "code" else f"{f}_name"] = names.get(row[f])
    return rows


def actor_profile(db, code: str, by: str = "month", counterparts: int = 20) -> dict | None:
    """An actor (code or country): its mentions, counterparts and timeline; None if never seen."""
    from .store import EventFilter

    store = open_store(db)
    code = code.upper()
    total, _ = store.page_events(EventFilter(), limit=0, party=code)
    if not total:
        return None
    merged: dict[str, dict] = {}
    for row in store.actor_sides(code):
        entry = merged.setdefault(row["code"], {"code": row["code"], "count": 0, "weighted": 0.0, "scored": 0})
        entry["count"] += row["count"]
        if row["goldstein"] is not None:
            entry["weighted"] += row["goldstein"] * row["count"]
            entry["scored"] += row["count"]
    ranked = sorted(merged.values(), key=lambda e: (-e["count"], e["code"]))[:counterparts]
    partners = _named(store, [{"code": e["code"], "count": e["count"],
                               "goldstein": round(e["weighted"] / e["scored"], 2) if e["scored"] else None} for e in ranked], "code")
    timeline = _periods(store.actor_timeline(code, TIMESERIES_WIDTHS[by]), by, ("count", "cooperation", "conflict", "goldstein"))
    name = store.actor_names([code]).get(code)
    country = code[:3] if len(code) >= 3 else None
    return {"code": code, "name": name, "country": country, "role": code[3:] or None, "events": total,
            "counterparts": partners, "timeline": timeline}


def list_actors(db=None, where: "EventFilter | None" = None, limit: int = 50, offset: int = 0) -> Page:
    """Actors by how many event mentions name them (either side), most first."""
    from .store import EventFilter

    store = open_store(db)
    ranked = store.actor_counts(where or EventFilter())
    return Page(len(ranked), _named(store, ranked[offset : offset + limit], "code"), limit, offset)


def _periods(rows: list[dict], by: str, sums: tuple[str, ...]) -> list[dict]:
    """Rows keyed by `period`; for weeks, days folded into ISO weeks ("2024-W15")."""
    if by != "week":
        return rows
    from datetime import date as day

    weeks: dict[str, dict] = {}
    for row in rows:
        year, week, _ = day.fromisoformat(row["period"]).isocalendar()
        label = f"{year}-W{week:02d}"
        entry = weeks.setdefault(label, {"period": label, **{k: 0 for k in sums}})
        for k in sums:
            entry[k] += row[k] or 0
    return [weeks[label] for label in sorted(weeks)]


def timeseries(db=None, where: "EventFilter | None" = None, by: str = "month") -> list[dict]:
    """Happenings per day, week, month or year: count, Goldstein sum and the quad-class mix (as
    `vnevents stats`, with every event filter)."""
    from .store import EventFilter

    rows = open_store(db).happening_periods(where or EventFilter(), TIMESERIES_WIDTHS[by])
    rows = _periods(rows, by, ("count", "goldstein", "quad1", "quad2", "quad3", "quad4"))
    return [{"period": r["period"], "count": r["count"], "goldstein": round(r["goldstein"], 2),
             "quad": {str(q): r[f"quad{q}"] for q in (1, 2, 3, 4)}} for r in rows]


def dyads(db=None, where: "EventFilter | None" = None, limit: int = 20) -> list[dict]:
    """Source-target pairs of happenings, most told first, with their mean Goldstein value."""
    from .store import EventFilter

    store = open_store(db)
    rows = [{**r, "goldstein": None if r["goldstein"] is None else round(r["goldstein"], 2)}
            for r in store.dyads(where or EventFilter(), limit)]
    return _named(store, rows, "source", "target")


def places(db=None, where: "EventFilter | None" = None, limit: int = 500) -> list[dict]:
    from .store import EventFilter

    return open_store(db).places(where or EventFilter(), limit)


def export_events(db, fmt: str, output: Path, where: "EventFilter | None" = None) -> int:
    """Write stored events to `output`: gdelt one row per happening, the other formats one per mention."""
    from . import exports
    from .store import EventFilter

    store, where = open_store(db), where or EventFilter()
    rows = store.canonical_events(where) if fmt == "gdelt" else store.events(where)
    return exports.write(rows, fmt, output)


def analyze_document(text: str | None = None, html: str | None = None, date: str | None = None,
                     title: str | None = None, path: str = "<text>", settings: Settings | None = None) -> Article:
    """Analyse one document given as text or as an HTML page (main text and metadata extracted);
    nothing is stored."""
    if html is not None:
        article = ingest.from_html(html, path=path)
        if date and not article.date:
            article.date, article.date_basis = date, "given"
        article.title = title or article.title
    else:
        article = ingest.from_text(text or "", path=path, date=date, title=title)
    return pipeline(settings or Settings())(article)


def ingest_documents(documents: list[dict], db=None, settings: Settings | None = None) -> list[Ingested]:
    """Analyse and store documents given inline ({"text"|"html", "title", "date", "url", "source"});
    those already stored are skipped."""
    from .store import dictionary_version

    settings = settings or Settings()
    store = open_store(db)
    version = dictionary_version(settings.data_dir)
    results = []
    for number, document in enumerate(documents):
        path = document.get("path") or document.get("url") or f"<document {number}>"
        try:
            article = analyze_document(document.get("text"), document.get("html"), document.get("date"),
                                       document.get("title"), path=path, settings=settings)
        except errors.VneventsError as exc:
            results.append(Ingested(path, error=exc))
            continue
        article.url = document.get("url") or article.url
        article.agency = document.get("source") or article.agency
        article_id = store.add(article, version)
        results.append(Ingested(path, article_id, len(article.events), duplicate=article_id is None))
    return results


def delete_article(db, article_id: int) -> bool:
    """Remove a stored article and its mentions; the happenings it told are recounted."""
    return open_store(db).delete_article(article_id)


def ingested_dict(result: Ingested) -> dict:
    return {"path": result.path, "article_id": result.article_id, "events": result.events,
            "duplicate": result.duplicate, "error": str(result.error) if result.error else None}


# ---- batch: partitions coded on workers, written as Parquet shards, then stored ---------------
@dataclass
class BatchReport:
    """A `batch` job: its partitions and what became of their articles."""

    partitions: int = 0
    already_loaded: int = 0  # stored by an earlier run of the same job
    computed: int = 0  # analysed in this run
    reused: int = 0  # finished on disk by an earlier run, stored in this one
    stored: int = 0
    duplicates: int = 0
    events: int = 0
    failures: list = field(default_factory=list)  # batch.Failure rows: inputs that failed, partitions that failed whole
    results: list = field(default_factory=list)  # batch.PartitionResult of each partition computed or reused in this run
    errors_path: Path | None = None


def batch(paths: list[Path | str], out_dir: Path | str, url: str | None = None, engine: str = "local",
          scheduler: str | None = None, workers: int = 2, partition_size: int | None = None,
          settings: Settings | None = None, date: str | None = None,
          on_plan: "Callable[[batch.Plan, set[str]], None] | None" = None,
          on_partition: "Callable[[batch.Loaded], None] | None" = None) -> BatchReport:
    """Code a corpus in partitions (in this process, or on a Dask cluster), write each as Parquet
    shards under `out_dir`, and store them; a re-run of the same job does only what is left."""
    from . import batch as batches

    store = open_store(url)
    report = BatchReport()

    def planned(plan: "batches.Plan", before: set[str]) -> None:
        report.partitions = len(plan.partitions)
        report.failures += [batches.Failure(e.path or "", e.code, e.message) for e in plan.errors]
        if on_plan:
            on_plan(plan, before)

    for loaded in batches.run(store, paths, out_dir, engine, scheduler, workers,
                              partition_size or batches.DEFAULT_PARTITION_SIZE, settings, date, on_plan=planned):
        report.failures += loaded.failures
        if loaded.earlier:
            report.already_loaded += 1
        elif loaded.result is not None:
            report.results.append(loaded.result)
            report.reused += loaded.result.reused
            report.computed += not loaded.result.reused
        report.stored += loaded.stored
        report.duplicates += loaded.duplicates
        report.events += loaded.events
        if on_partition:
            on_partition(loaded)
    report.errors_path = batches.write_error_table(out_dir, report.failures)
    return report
