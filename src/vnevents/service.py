"""The service layer: the one API the CLI, the Python API (and later the REST API, the web UI and
the batch engine) call. No edge touches a stage directly.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
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
    settings = settings or Settings()
    pending = _read_all(paths, settings, date, on_file)
    if workers <= 1:
        run = pipeline(settings)
        for entry in pending:
            yield entry if isinstance(entry, Outcome) else _analysed(run(entry), with_uncoded)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(settings,)) as pool:
        window: list = []  # bounded look-ahead: memory stays flat on a corpus of any size
        for entry in pending:
            window.append(entry if isinstance(entry, Outcome) else pool.submit(_work, entry, with_uncoded))
            if len(window) >= workers * WORKER_QUEUE:
                yield _settled(window.pop(0))
        for item in window:
            yield _settled(item)


WORKER_QUEUE = 8  # articles in flight per worker process


def _read_all(paths, settings: Settings, date: str | None, on_file) -> Iterator[Article | Outcome]:
    for item in ingest.discover(list(paths)):
        if isinstance(item, errors.VneventsError):
            yield Outcome(item.path or "", error=item)
            continue
        if on_file:
            on_file(item)
        try:
            loaded = ingest.read_input(item, settings)
        except errors.InputError as exc:
            yield Outcome(str(item), error=exc)
            continue
        for entry in loaded:
            if isinstance(entry, errors.VneventsError):
                yield Outcome(entry.path or str(item), error=entry)
                continue
            if date and not entry.date:
                entry.date, entry.date_basis = date, "given"
            yield entry


def _analysed(article: Article, with_uncoded: bool) -> Outcome:
    return Outcome(article.path, article=article, uncoded=uncoded(article) if with_uncoded else None)


_WORKER_SETTINGS: list[Settings] = []


def _start_worker(settings: Settings) -> None:
    _WORKER_SETTINGS[:] = [settings]
    pipeline(settings)  # load models and dictionaries once per process


def _work(article: Article, with_uncoded: bool) -> Outcome:
    return _analysed(pipeline(_WORKER_SETTINGS[0])(article), with_uncoded)


def _settled(item) -> Outcome:
    return item if isinstance(item, Outcome) else item.result()


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


def open_store(url: str | None = None) -> "Store":
    from .store import DEFAULT_URL, Store

    return Store(url or DEFAULT_URL)


def ingest_paths(paths: list[Path | str], url: str | None = None, settings: Settings | None = None,
                 date: str | None = None, workers: int = 1) -> Iterator[Ingested]:
    """Analyse every input and store it with its events; inputs already stored are skipped."""
    from .store import dictionary_version

    settings = settings or Settings()
    store = open_store(url)
    version = dictionary_version(settings.data_dir)
    for outcome in analyze_paths(paths, settings, date=date, workers=workers):
        if outcome.error is not None:
            yield Ingested(outcome.path, error=outcome.error)
            continue
        article_id = store.add(outcome.article, version)
        yield Ingested(outcome.path, article_id, len(outcome.article.events), duplicate=article_id is None)


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
