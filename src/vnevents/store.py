"""The event database: articles (raw bytes kept) and their coded events, through SQLAlchemy.

One schema for SQLite (the default: a file, WAL mode) and PostgreSQL (by URL). The schema grows by
an ordered list of migrations, each recorded in `schema_migrations` when applied, so `vnevents db
upgrade` (and every open) brings an older database up to date without losing anything.

Each article goes in with its events in one transaction, keyed by the SHA-256 of its raw input: a
re-run skips what is stored, and a crash mid-batch leaves every committed article exactly once.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from . import __version__, errors
from .models import Article

DEFAULT_URL = "sqlite:///vnevents.db"
UPGRADE_ATTEMPTS = 5

metadata = sa.MetaData()

migrations_table = sa.Table(
    "schema_migrations", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("date_basis", sa.String(16)),
    sa.Column("author", sa.Text),
    sa.Column("agency", sa.Text),
    sa.Column("encoding", sa.String(16)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("raw", sa.LargeBinary, nullable=False),
    sa.Column("pipeline_version", sa.String(32), nullable=False),
    sa.Column("ingested_at", sa.Text, nullable=False),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("mode", sa.String(32)),
    sa.Column("context", sa.String(32)),
    sa.Column("source_text", sa.Text),
    sa.Column("source_code", sa.String(16)),
    sa.Column("source_country", sa.String(3)),
    sa.Column("target_text", sa.Text),
    sa.Column("target_code", sa.String(16)),
    sa.Column("target_country", sa.String(3)),
    sa.Column("date", sa.String(10)),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_basis", sa.String(8)),
    sa.Column("factuality", sa.String(12), nullable=False),
    sa.Column("speaker", sa.Text),
    sa.Column("via", sa.Text),  # JSON list of outlets, in order
    sa.Column("place_text", sa.Text),
    sa.Column("place_name", sa.Text),
    sa.Column("place_country", sa.String(3)),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("place_precision", sa.String(8)),
    sa.Column("geonameid", sa.Integer),
    sa.Column("cameo", sa.String(4)),
    sa.Column("quad_class", sa.Integer),
    sa.Column("goldstein", sa.Float),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("background", sa.Boolean, nullable=False),
    sa.Column("evidence_sentence", sa.Integer, nullable=False),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence_text", sa.Text, nullable=False),
    sa.Column("caption", sa.Boolean, nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("pattern", sa.String(64), nullable=False),
    sa.Column("pipeline_version", sa.String(32), nullable=False),
    sa.Column("dictionary_version", sa.String(16), nullable=False),
)


def _create_tables(connection: sa.Connection) -> None:
    metadata.create_all(connection, tables=[articles, events])


def _create_event_indexes(connection: sa.Connection) -> None:
    # the filters of `vnevents events`: actor, target, type, dates, place; and the article join
    # (plain DDL, not Index objects: those would stay attached to the shared Table and be created
    # again by the first migration on the next database)
    for name, columns in (("ix_events_source_date", "source_country, date"),
                          ("ix_events_target_date", "target_country, date"),
                          ("ix_events_type_date", "type, date"),
                          ("ix_events_date", "date"),
                          ("ix_events_place", "place_country"),
                          ("ix_events_article", "article_id")):
        connection.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})"))


# Applied in order, each once; a new schema change is a new entry at the end, never an edit.
MIGRATIONS = [
    (1, "articles and events", _create_tables),
    (2, "indexes for the event filters", _create_event_indexes),
]


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None  # source: country (RUS) or full code (RUSGOV)
    target: str | None = None
    type: str | None = None
    since: str | None = None  # YYYY[-MM[-DD]], inclusive
    until: str | None = None  # YYYY[-MM[-DD]], inclusive
    factuality: str | None = None
    place: str | None = None  # country of the place where it happened
    limit: int | None = None


class Store:
    def __init__(self, url: str = DEFAULT_URL):
        self.url = url
        try:
            self.engine = sa.create_engine(url, future=True)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise errors.StoreError(f"cannot use database URL: {exc}", path=url) from None
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.upgrade()

    def upgrade(self) -> list[str]:
        """Apply the migrations this database lacks; returns their names. Two processes opening a
        new database at once: one applies them, the other finds them applied and goes on."""
        for attempt in range(UPGRADE_ATTEMPTS):
            try:
                return self._upgrade_once()
            except (sa.exc.IntegrityError, sa.exc.OperationalError, sa.exc.ProgrammingError) as exc:
                if attempt == UPGRADE_ATTEMPTS - 1:
                    raise errors.StoreError(f"cannot open the database: {getattr(exc, 'orig', exc)}", path=self.url) from None
                time.sleep(0.2 * (attempt + 1))
        return []

    def _upgrade_once(self) -> list[str]:
        applied_now = []
        with self.engine.begin() as connection:
            if self.engine.dialect.name == "postgresql":
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(7345501)"))  # one migrator at a time
            metadata.create_all(connection, tables=[migrations_table])
            done = set(connection.scalars(sa.select(migrations_table.c.version)))
            for version, name, step in MIGRATIONS:
                if version in done:
                    continue
                step(connection)
                connection.execute(migrations_table.insert().values(version=version, name=name, applied_at=_now()))
                applied_now.append(name)
        return applied_now

    def version(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(sa.select(sa.func.max(migrations_table.c.version))) or 0

    def add(self, article: Article, dictionary_version: str) -> int | None:
        """Store one analysed article with its events, in one transaction. Returns its id, or None
        when the same raw input is already stored."""
        digest = content_hash(article)
        with self.engine.begin() as connection:
            if connection.scalar(sa.select(articles.c.id).where(articles.c.content_hash == digest)) is not None:
                return None
            article_id = connection.execute(articles.insert().values(
                content_hash=digest, path=article.path, url=article.url, title=article.title,
                date=article.date, date_basis=article.date_basis, author=article.author, agency=article.agency,
                encoding=article.encoding, text=article.text, raw=article.raw or article.text.encode("utf-8"),
                pipeline_version=__version__, ingested_at=_now(),
            )).inserted_primary_key[0]
            rows = [_event_row(article_id, event.to_dict(), dictionary_version) for event in article.events]
            if rows:
                connection.execute(events.insert(), rows)
        return article_id

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {"articles": connection.scalar(sa.select(sa.func.count()).select_from(articles)),
                    "events": connection.scalar(sa.select(sa.func.count()).select_from(events))}

    def events(self, where: EventFilter = EventFilter()) -> Iterator[dict[str, Any]]:
        query = (sa.select(events, articles.c.url.label("article_url"), articles.c.path.label("article_path"),
                           articles.c.date.label("article_date"))
                 .join(articles, articles.c.id == events.c.article_id)
                 .order_by(events.c.date, events.c.id))
        for condition in _conditions(where):
            query = query.where(condition)
        if where.limit:
            query = query.limit(where.limit)
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                yield dict(row._mapping)

    def raw(self, article_id: int) -> bytes | None:
        with self.engine.connect() as connection:
            return connection.scalar(sa.select(articles.c.raw).where(articles.c.id == article_id))


def _conditions(where: EventFilter) -> list[Any]:
    out = []
    for side, value in (("source", where.actor), ("target", where.target)):
        if value:
            column = events.c[f"{side}_code"] if len(value) > 3 else events.c[f"{side}_country"]
            out.append(column == value.upper())
    if where.type:
        out.append(events.c.type == where.type.upper())
    if where.factuality:
        out.append(events.c.factuality == where.factuality.lower())
    if where.place:
        out.append(events.c.place_country == where.place.upper())
    if where.since:
        out.append(events.c.date >= where.since)
    if where.until:
        # "2024-06" includes every day of June: compare against the next prefix
        out.append(events.c.date <= where.until + "\uffff")
    return out


def content_hash(article: Article) -> str:
    """The raw input's hash; a JSONL line or feed item adds its own text, since it shares the file."""
    digest = hashlib.sha256(article.raw or b"")
    digest.update(b"\x00" + article.path.encode("utf-8") + b"\x00" + article.text.encode("utf-8"))
    return digest.hexdigest()


def _event_row(article_id: int, event: dict[str, Any], dictionary_version: str) -> dict[str, Any]:
    source, target, date, place, evidence = (event["source"] or {}, event["target"] or {}, event["date"] or {},
                                              event["place"] or {}, event["evidence"])
    return {
        "article_id": article_id, "type": event["type"], "mode": event["mode"], "context": event["context"],
        "source_text": source.get("text"), "source_code": source.get("code"), "source_country": source.get("country"),
        "target_text": target.get("text"), "target_code": target.get("code"), "target_country": target.get("country"),
        "date": date.get("value"), "date_precision": date.get("precision"), "date_basis": date.get("basis"),
        "factuality": event["factuality"], "speaker": event["speaker"], "via": json.dumps(event["via"], ensure_ascii=False),
        "place_text": place.get("text"), "place_name": place.get("name"), "place_country": place.get("country"),
        "latitude": place.get("latitude"), "longitude": place.get("longitude"), "place_precision": place.get("precision"),
        "geonameid": place.get("geonameid"), "cameo": event["cameo"], "quad_class": event["quad_class"],
        "goldstein": event["goldstein"], "confidence": event["confidence"], "background": event["background"],
        "evidence_sentence": evidence["sentence"], "evidence_start": evidence["start"], "evidence_end": evidence["end"],
        "evidence_text": evidence["text"], "caption": evidence["caption"], "trigger": event["trigger"],
        "pattern": event["pattern"], "pipeline_version": __version__, "dictionary_version": dictionary_version,
    }


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable at each checkpoint, far faster
    cursor.close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def dictionary_version(data_dir: Path) -> str:
    """A short hash of the shipped data files: which dictionaries and patterns coded an event."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(data_dir).as_posix().encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()[:12]
