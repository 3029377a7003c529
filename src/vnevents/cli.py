"""The command line: a thin edge over the service layer (parse, call, render)."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import errors, service
from .config import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Political events from Vietnamese news.")
out = Console(soft_wrap=False, width=None if Console().is_terminal else 160)
err = Console(stderr=True)


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"


def _settings(actors: list[Path] | None, min_confidence: float = 0.0, follow: bool = False) -> Settings:
    return Settings(extra_actor_files=tuple(actors or ()), min_confidence=min_confidence, follow_feed_links=follow)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def _actor(ref) -> str:
    if ref is None:
        return "-"
    return f"{ref.text} [{ref.code or ref.country or '?'}]"


EVIDENCE_CONTEXT = 90  # characters of the sentence shown on each side of the trigger


def _evidence(event) -> Text:
    """The evidence sentence, trimmed around the trigger, with the trigger in bold."""
    sentence = event.evidence.text
    at = sentence.find(event.trigger)
    if at < 0:
        return Text(sentence)
    left = sentence[max(0, at - EVIDENCE_CONTEXT) : at]
    right = sentence[at + len(event.trigger) : at + len(event.trigger) + EVIDENCE_CONTEXT]
    shown = Text(("…" if at > EVIDENCE_CONTEXT else "") + left)
    shown.append(event.trigger, style="bold")
    shown.append(right + ("…" if at + len(event.trigger) + EVIDENCE_CONTEXT < len(sentence) else ""))
    return shown


def _render_table(article) -> None:
    title = article.title or ""
    dated = f"{article.date}, inferred" if article.date_basis == "inferred" else (article.date or "no date")
    out.print(f"[bold]{article.path}[/bold]  {title}  ({dated})")
    if article.encoding != "utf-8" or article.repairs:
        fixed = sum(1 for r in article.repairs if r["kind"] == "diacritic")
        out.print(f"  read as {article.encoding}; {fixed} damaged letter(s) repaired", highlight=False)
    if not article.events:
        out.print("  no events\n")
        return
    table = Table(show_lines=True, expand=True)
    table.add_column("source", overflow="fold", ratio=1)
    table.add_column("type", no_wrap=True)
    table.add_column("target", overflow="fold", ratio=1)
    for column in ("date", "place", "factuality", "conf"):
        table.add_column(column, no_wrap=column != "place", overflow="fold")
    table.add_column("evidence", overflow="fold", ratio=3)
    for event in article.events:
        mode = f"/{event.mode}" if event.mode else ""
        table.add_row(_actor(event.source), event.type + mode, _actor(event.target),
                      _when(event), _where(event), event.factuality, f"{event.confidence:.2f}",
                      _evidence(event))
    out.print(table)


def _when(event) -> str:
    if not event.date or not event.date.value:
        return "-"
    return event.date.value + ("*" if event.date.basis == "article" else "")  # * the article's date


def _where(event) -> str:
    if not event.location:
        return "-"
    place = event.location.place
    return f"{place.name} ({place.country})" if place.precision == "city" else place.name


def _render_uncoded(rows) -> None:
    if not rows:
        out.print("  uncoded: none\n")
        return
    table = Table("sentence", "actors", "verbs", "text", title="uncoded sentences (actor + action verb, no event)", expand=True)
    for row in rows:
        table.add_row(str(row.sentence), ", ".join(row.actors), ", ".join(row.verbs), row.text)
    out.print(table)


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files or folders (.txt, .html, .jsonl, .xml/.rss/.atom feeds) or http(s) URLs"),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table (readable) or jsonl (one object per article)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout"),
    date: Optional[str] = typer.Option(None, help="Date (YYYY-MM-DD) for articles that carry none, to resolve relative dates"),
    actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary (YAML), repeatable"),
    show_uncoded: bool = typer.Option(False, "--uncoded", help="Also list sentences with an actor and an action verb but no event"),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0, help="Drop events below this confidence"),
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Processes analysing in parallel (one per core)"),
    follow: bool = typer.Option(False, "--follow", help="Feeds: read the page each item links to, not its summary"),
) -> None:
    """Code the events in Vietnamese news articles. Exit code 1 when any input failed."""
    failed = 0
    sink = output.open("w", encoding="utf-8") if output else None
    try:
        with _progress() as progress:
            task = progress.add_task("analysing", total=None)
            for outcome in service.analyze_paths(paths, _settings(actors, min_confidence, follow), date=date, with_uncoded=show_uncoded,
                                                 workers=workers):
                progress.advance(task)
                if outcome.error is not None:
                    failed += 1
                    err.print(f"[red]error[/red] {outcome.error}", highlight=False, soft_wrap=True)
                    continue
                article = outcome.article
                if format is Format.jsonl:
                    line = json.dumps(outcome.to_dict(), ensure_ascii=False)
                    if sink:
                        sink.write(line + "\n")
                    else:
                        sys.stdout.write(line + "\n")
                else:
                    _render_table(article)
                    if outcome.uncoded is not None:
                        _render_uncoded(outcome.uncoded)
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    finally:
        if sink:
            sink.close()
    if failed:
        err.print(f"{failed} input(s) failed", highlight=False)
        raise typer.Exit(1)


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., help="Gold file (JSONL, shared/gold/README.md format)"),
    paths: list[Path] = typer.Argument(..., help="Files or folders holding the documents the gold names"),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON"),
    actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary (YAML), repeatable"),
) -> None:
    """Score the pipeline against hand-coded gold events: precision, recall, F1, per type."""
    try:
        with _progress() as progress:
            task = progress.add_task("evaluating", total=None)
            report = service.evaluate(gold, paths, _settings(actors), on_doc=lambda d: progress.advance(task))
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    for problem in report.errors:
        err.print(f"[red]error[/red] {problem}", highlight=False, soft_wrap=True)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        d = report.to_dict()
        out.print(f"precision {d['precision']:.3f}  recall {d['recall']:.3f}  F1 {d['f1']:.3f}  "
                  f"(predicted {d['predicted']}, correct {d['correct']}, required {d['required']}, found {d['found']})")
        fmt = lambda v: "-" if v is None else f"{v:.3f}"
        out.print(f"date accuracy {fmt(d['date_accuracy'])} on {d['date_total']}  "
                  f"factuality accuracy {fmt(d['factuality_accuracy'])} on {d['factuality_total']}")
        table = Table("type", "predicted", "correct", "precision", "required", "found", "recall")
        for type_, c in d["per_type"].items():
            table.add_row(type_, str(c["predicted"]), str(c["correct"]), fmt(c["precision"]), str(c["required"]),
                          str(c["found"]), fmt(c["recall"]))
        out.print(table)
        reliability = Table("confidence", "predicted", "correct", "precision", title="reliability")
        for row in d["reliability"]:
            reliability.add_row(f"{row['from']:.1f}-{row['to']:.1f}", str(row["predicted"]), str(row["correct"]), fmt(row["precision"]))
        out.print(reliability)
    if report.errors:
        raise typer.Exit(1)


DB_HELP = "Database URL: sqlite:///FILE (default sqlite:///vnevents.db) or postgresql://USER@HOST/DB"


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders or http(s) URLs, as for analyze"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    date: Optional[str] = typer.Option(None, help="Date (YYYY-MM-DD) for articles that carry none"),
    actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary (YAML), repeatable"),
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Processes analysing in parallel (one per core)"),
    follow: bool = typer.Option(False, "--follow", help="Feeds: read the page each item links to, not its summary"),
) -> None:
    """Analyse inputs and store them with their events; inputs already stored are skipped."""
    stored = skipped = failed = events = 0
    try:
        with _progress() as progress:
            task = progress.add_task("ingesting", total=None)
            for result in service.ingest_paths(paths, db, _settings(actors, follow=follow), date=date, workers=workers):
                progress.advance(task)
                if result.error is not None:
                    failed += 1
                    err.print(f"[red]error[/red] {result.error}", highlight=False, soft_wrap=True)
                elif result.duplicate:
                    skipped += 1
                else:
                    stored += 1
                    events += result.events
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    err.print(f"stored {stored} article(s) with {events} event(s); {skipped} already stored; {failed} failed", highlight=False)
    if failed:
        raise typer.Exit(1)


class Engine(str, Enum):
    local = "local"
    dask = "dask"


BATCH_ERRORS_SHOWN = 50  # rows of the error table printed; all of them are in DIR/errors.parquet


@app.command()
def batch(
    paths: list[str] = typer.Argument(..., help="Files, folders, JSONL corpora or http(s) URLs, as for ingest"),
    out_dir: Path = typer.Option(..., "--out", help="Folder for the Parquet shards (on a cluster: one every worker sees)"),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local: this process; dask: dask.distributed workers"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786); implies --engine dask"),
    workers: int = typer.Option(2, "--workers", "-j", min=1, help="Worker processes of the local Dask cluster (no --scheduler)"),
    partition_size: int = typer.Option(200, "--partition-size", min=1, help="Articles per partition"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    date: Optional[str] = typer.Option(None, help="Date (YYYY-MM-DD) for articles that carry none"),
    actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary (YAML), repeatable"),
) -> None:
    """Code a corpus in partitions on workers, write Parquet shards, then store them; re-run the
    same command after a crash and it finishes what is left, storing every article once."""
    chosen = "dask" if scheduler else engine.value
    try:
        with _progress() as progress:
            task = progress.add_task(f"batch ({chosen})", total=None)
            report = service.batch(
                paths, out_dir, db, chosen, scheduler, workers, partition_size, _settings(actors), date,
                on_plan=lambda plan, before: progress.update(task, total=sum(p.articles for p in plan.partitions)),
                on_partition=lambda loaded: progress.advance(task, loaded.partition.articles))
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if report.failures:
        table = Table("input", "code", "error", title="failed inputs")
        for failure in report.failures[:BATCH_ERRORS_SHOWN]:
            table.add_row(failure.path, failure.code, failure.message)
        err.print(table)
        if len(report.failures) > BATCH_ERRORS_SHOWN:
            err.print(f"... and {len(report.failures) - BATCH_ERRORS_SHOWN} more", highlight=False)
    err.print(f"{report.partitions} partition(s): {report.already_loaded} stored before, {report.computed} computed, "
              f"{report.reused} finished before; stored {report.stored} article(s) with {report.events} event(s); "
              f"{report.duplicates} already stored; {len(report.failures)} failed (table: {report.errors_path})",
              highlight=False, soft_wrap=True)
    if report.failures:
        raise typer.Exit(1)


@app.command()
def reprocess(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    everything: bool = typer.Option(False, "--all", help="Re-code every stored article, not only those coded by another version"),
    actors: Optional[list[Path]] = typer.Option(None, "--actors", help="Extra actor dictionary (YAML), repeatable"),
) -> None:
    """Re-code stored articles after an upgrade, from their stored text (sources are not read again)."""
    try:
        with _progress() as progress:
            task = progress.add_task("re-coding", total=None)
            articles, events = service.reprocess(db, _settings(actors), everything, on_article=lambda p: progress.advance(task))
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    err.print(f"re-coded {articles} article(s): {events} event(s)", highlight=False)


db_app = typer.Typer(no_args_is_help=True, help="Manage the event database.")
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Create the database or bring its schema up to date."""
    try:
        store = service.open_store(db)
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    out.print(f"schema version {store.version()}; {store.counts()['articles']} articles, {store.counts()['events']} events")


class Listing(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(str, Enum):
    gdelt = "gdelt"
    mentions = "mentions"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _filter(actor, target, type_, since, until, factuality, place, limit=None):
    from .store import EventFilter

    return EventFilter(actor=actor, target=target, type=type_, since=since, until=until, factuality=factuality,
                       place=place, limit=limit)


events_app = typer.Typer(help="Stored events: list them (with filters), show one happening, undo a merge.",
                          invoke_without_command=True)
app.add_typer(events_app, name="events")


@events_app.command("show")
def events_show(
    canonical_id: int = typer.Argument(..., help="Id of a happening (the 'happening' column of the listing)"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """One happening and every mention of it, each with its article and evidence."""
    try:
        found = service.open_store(db).canonical(canonical_id)
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if found is None:
        err.print(f"[red]error[/red] no happening {canonical_id}", highlight=False)
        raise typer.Exit(1)
    out.print(f"[bold]happening {found['id']}[/bold]: {found['source_code'] or found['source_country'] or '-'} "
              f"{found['type']} {found['target_code'] or found['target_country'] or '-'}  date {found['date'] or '-'}  "
              f"{found['mention_count']} mention(s) from {found['source_count']} distinct stor(ies); outlets {', '.join(json.loads(found['outlets'] or '[]')) or '-'}")
    table = Table("mention", "article", "story", "factuality", "conf", "evidence", expand=True)
    for mention in found["mentions"]:
        table.add_row(str(mention["id"]), mention["article_url"] or mention["article_path"], str(mention["article_group"]),
                      mention["factuality"], f"{mention['confidence']:.2f}", mention["evidence_text"])
    out.print(table)
    err.print("a wrong merge: vnevents events split MENTION", highlight=False)


@events_app.command("split")
def events_split(
    mention_id: int = typer.Argument(..., help="Id of the mention to take out of its happening"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Undo a merge: the mention becomes a happening of its own."""
    try:
        new_id = service.open_store(db).split(mention_id)
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    out.print(f"mention {mention_id} is now happening {new_id}")


@events_app.callback()
def events_command(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    actor: Optional[str] = typer.Option(None, help="Source: country (RUS) or actor code (RUSGOV)"),
    target: Optional[str] = typer.Option(None, help="Target: country or actor code"),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. AID"),
    since: Optional[str] = typer.Option(None, help="From this date (YYYY[-MM[-DD]]), inclusive"),
    until: Optional[str] = typer.Option(None, help="Up to this date (YYYY[-MM[-DD]]), inclusive"),
    factuality: Optional[str] = typer.Option(None, help="asserted, reported, denied, planned or speculated"),
    place: Optional[str] = typer.Option(None, help="Country where it happened"),
    limit: int = typer.Option(100, help="At most this many (0: all)"),
    mentions: bool = typer.Option(False, "--mentions", help="List each report (mention) instead of each happening"),
    format: Listing = typer.Option(Listing.table, "--format", "-f"),
) -> None:
    """List stored happenings (one per event, however many articles told it) matching the filters."""
    if ctx.invoked_subcommand is not None:
        return
    import csv as csv_module

    from .exports import FLAT_COLUMNS, HAPPENING_COLUMNS

    where = _filter(actor, target, type_, since, until, factuality, place, limit or None)
    try:
        rows = list(service.query_events(db, where) if mentions else service.query_happenings(db, where))
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    columns = FLAT_COLUMNS if mentions else HAPPENING_COLUMNS
    if format is Listing.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps({k: row.get(k) for k in columns}, ensure_ascii=False) + "\n")
    elif format is Listing.csv:
        writer = csv_module.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    elif not mentions:
        table = Table("happening", "date", "source", "type", "target", "place", "mentions", "stories", "first report", expand=True)
        for row in rows:
            table.add_row(str(row["id"]), row["date"] or "-", row["source_code"] or row["source_country"] or "-", row["type"],
                          row["target_code"] or row["target_country"] or "-", row["place_name"] or row["place_country"] or "-",
                          str(row["mention_count"]), str(row["source_count"]), row["evidence_text"][:160])
        out.print(table)
        err.print(f"{len(rows)} happening(s); details: vnevents events show ID", highlight=False)
    else:
        table = Table("id", "happening", "date", "source", "type", "target", "place", "factuality", "conf", "evidence", expand=True)
        for row in rows:
            table.add_row(str(row["id"]), str(row["canonical_id"]), row["date"] or "-", row["source_code"] or row["source_country"] or "-", row["type"],
                          row["target_code"] or row["target_country"] or "-", row["place_name"] or "-", row["factuality"],
                          f"{row['confidence']:.2f}", row["evidence_text"][:160])
        out.print(table)
        err.print(f"{len(rows)} event(s)", highlight=False)


@app.command("export")
def export_command(
    output: Path = typer.Option(..., "--output", "-o", help="File to write"),
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="gdelt (GDELT 2.0 event table TSV), mentions (GDELT-style mentions TSV), jsonl, csv, parquet"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    actor: Optional[str] = typer.Option(None, help="Source: country or actor code"),
    target: Optional[str] = typer.Option(None, help="Target: country or actor code"),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type"),
    since: Optional[str] = typer.Option(None, help="From this date, inclusive"),
    until: Optional[str] = typer.Option(None, help="Up to this date, inclusive"),
    factuality: Optional[str] = typer.Option(None, help="Factuality"),
    place: Optional[str] = typer.Option(None, help="Country where it happened"),
) -> None:
    """Export stored events (with the same filters as `events`): gdelt one row per happening, the
    others one row per mention."""
    from . import exports

    where = _filter(actor, target, type_, since, until, factuality, place)
    try:
        rows = service.query_happenings(db, where) if format is ExportFormat.gdelt else service.query_events(db, where)
        count = exports.write(rows, format.value, output)
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    err.print(f"wrote {count} {'happening' if format is ExportFormat.gdelt else 'mention'}(s) to {output}", highlight=False)


@app.command("search")
def search_command(
    words: str = typer.Argument(..., help="Words the article must all hold"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    folded: bool = typer.Option(False, "--folded", help="Ignore diacritics: 'quan doi nga' finds 'Quân đội Nga'"),
    limit: int = typer.Option(50, help="At most this many articles"),
) -> None:
    """Full-text search over stored articles."""
    try:
        found = service.open_store(db).search(words, folded=folded, limit=limit)
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    table = Table("id", "date", "title", "source", expand=True)
    for row in found:
        table.add_row(str(row["id"]), row["date"] or "-", row["title"] or "-", row["url"] or row["path"])
    out.print(table)
    err.print(f"{len(found)} article(s)", highlight=False)


class Period(str, Enum):
    day = "day"
    month = "month"
    year = "year"


@app.command("stats")
def stats_command(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    by: Period = typer.Option(Period.month, "--by", help="Period"),
    dyad: Optional[str] = typer.Option(None, help="SOURCE-TARGET countries, e.g. RUS-NER"),
    type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type"),
    since: Optional[str] = typer.Option(None, help="From this date, inclusive"),
    until: Optional[str] = typer.Option(None, help="Up to this date, inclusive"),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table"),
) -> None:
    """Happenings per period: counts, Goldstein sum and the quad-class mix."""
    pair = tuple(dyad.upper().split("-", 1)) if dyad else None
    if pair is not None and len(pair) != 2:
        err.print("[red]error[/red] --dyad takes SOURCE-TARGET, e.g. RUS-NER", highlight=False)
        raise typer.Exit(2)
    try:
        rows = service.open_store(db).stats(by.value, pair, _filter(None, None, type_, since, until, None, None))
    except errors.VneventsError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row) + "\n")
        return
    table = Table(by.value, "events", "goldstein", "verbal coop", "material coop", "verbal conflict", "material conflict")
    for row in rows:
        table.add_row(row["period"], str(row["events"]), f"{row['goldstein']:.1f}", *(str(row[f"quad{q}"]) for q in (1, 2, 3, 4)))
    out.print(table)


@app.command("serve")
def serve_command(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0: every interface)"),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on"),
    allow_writes: bool = typer.Option(False, "--allow-writes", help="Turn on ingest, delete and reprocess (they need --token)"),
    token: Optional[str] = typer.Option(None, "--token", envvar="VNEVENTS_TOKEN", help="Bearer token the writing endpoints require"),
    cors_origin: Optional[list[str]] = typer.Option(None, "--cors-origin", help="Origin allowed to call the API from a browser, repeatable"),
    rate_limit: int = typer.Option(Settings.api_rate_per_minute, "--rate-limit", min=0, envvar="VNEVENTS_RATE_LIMIT",
                                   help="API requests a minute per client address (0: no limit)"),
) -> None:
    """Serve the REST API (/api, docs at /docs) and the web UI (/). Read-only unless --allow-writes."""
    import uvicorn

    from .web import create_app

    try:
        web_app = create_app(db, Settings(api_rate_per_minute=rate_limit), allow_writes=allow_writes, token=token,
                             cors_origins=tuple(cors_origin or ()))
    except (errors.VneventsError, ValueError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    err.print(f"serving http://{host}:{port}/ (API docs /docs); writes {'on' if allow_writes else 'off'}", highlight=False)
    uvicorn.run(web_app, host=host, port=port, log_level="info")


def main() -> None:  # pragma: no cover - console-script entry point
    app()
