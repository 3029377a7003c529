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
import re
import time
import unicodedata
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from . import __version__, errors
from .band_index import BAND_BYTES, BandIndex, band_keys
from .config import SQLITE_CACHE_KIB, SQLITE_CHECKPOINT_PAGES, SQLITE_MMAP_BYTES
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
    sa.Column("dup_group", sa.Integer),  # the first stored article of the same story (itself if none)
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("search_folded", sa.Text),  # title and text without diacritics, for folded search
    sa.Column("captions", sa.Text),  # JSON list of [start, end] caption spans of `text`
    sa.Column("repairs", sa.Text),  # JSON list of the repairs made to the text as read (Article.repairs)
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
    sa.Column("canonical_id", sa.Integer),  # the happening this mention reports (canonical_events)
)


canonical_events = sa.Table(
    "canonical_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("source_code", sa.String(16)),
    sa.Column("source_country", sa.String(3)),
    sa.Column("target_code", sa.String(16)),
    sa.Column("target_country", sa.String(3)),
    sa.Column("date", sa.String(10)),
    sa.Column("place_country", sa.String(3)),
    sa.Column("cameo", sa.String(4)),
    sa.Column("quad_class", sa.Integer),
    sa.Column("goldstein", sa.Float),
    sa.Column("mention_count", sa.Integer, nullable=False),
    sa.Column("source_count", sa.Integer, nullable=False),  # distinct stories: near-duplicates count once
    sa.Column("outlets", sa.Text),  # JSON list of the outlets (agencies, sites) that told it
    sa.Column("first_seen", sa.Text, nullable=False),
    sa.Column("last_seen", sa.Text, nullable=False),
    sa.Column("article_count", sa.Integer),
    sa.Column("first_mention_id", sa.Integer),  # the earliest report: its evidence and article stand for the happening
)

# MinHash LSH bands of each article's text, to find republished copies of a story: one row an
# article, read into memory by the storing process (band_index); `seq` is never given twice
article_lsh = sa.Table(
    "article_lsh", metadata,
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("buckets", sa.LargeBinary, nullable=False),  # each band's 8-byte digest, in band order
    sqlite_autoincrement=True,
)

# until migration 13: a row per band, found through an SQL index (see band_index for why no more)
article_bands = sa.Table(
    "article_bands", metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("band", sa.Integer, nullable=False),
    sa.Column("bucket", sa.String(16), nullable=False),
)

MINHASH_PERMUTATIONS = 128
MINHASH_SCHEME = "affine32"  # stored signatures are only comparable under the scheme that made them
MINHASH_SEED = 1  # datasketch's default: the permutations of every stored signature
LSH_BANDS = 16  # of 8 rows each: pairs above ~0.7 Jaccard similarity become candidates
NEAR_DUPLICATE_JACCARD = 0.8  # a candidate this similar is the same story republished


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


def _create_indexes(connection: sa.Connection, indexes) -> None:
    for name, table, columns in indexes:
        connection.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})"))


def _add_column(connection: sa.Connection, table: str, column: str, ddl: str) -> None:
    if column not in {c["name"] for c in sa.inspect(connection).get_columns(table)}:
        connection.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))


def _add_first_mention(connection: sa.Connection) -> None:
    columns = {c["name"] for c in sa.inspect(connection).get_columns("canonical_events")}
    for column in ("article_count", "first_mention_id"):
        if column not in columns:
            connection.execute(sa.text(f"ALTER TABLE canonical_events ADD COLUMN {column} INTEGER"))
    connection.execute(sa.text(
        "UPDATE canonical_events SET first_mention_id = (SELECT min(id) FROM events WHERE canonical_id = canonical_events.id), "
        "article_count = (SELECT count(DISTINCT article_id) FROM events WHERE canonical_id = canonical_events.id)"))
    _create_indexes(connection, (("ix_canonical_target_date", "canonical_events", "target_country, date"),
                                 ("ix_canonical_type_date", "canonical_events", "type, date"),
                                 ("ix_canonical_date", "canonical_events", "date")))


def _add_canonical_events(connection: sa.Connection) -> None:
    metadata.create_all(connection, tables=[canonical_events, article_bands])
    inspector = sa.inspect(connection)
    for table, column, ddl in (("events", "canonical_id", "INTEGER"), ("articles", "dup_group", "INTEGER"),
                               ("articles", "minhash", "BYTEA" if connection.dialect.name == "postgresql" else "BLOB")):
        if column not in {c["name"] for c in inspector.get_columns(table)}:
            connection.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))
    for name, table, columns in (("ix_events_canonical", "events", "canonical_id"),
                                 ("ix_canonical_key", "canonical_events", "type, source_country, target_country, date"),
                                 ("ix_bands", "article_bands", "band, bucket"),
                                 ("ix_articles_group", "articles", "dup_group")):
        connection.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})"))


def _add_search(connection: sa.Connection) -> None:
    """Full-text search over articles: SQLite FTS5, PostgreSQL tsvector with a GIN index; each over
    the text as written and over its diacritic-free form (`search_folded`)."""
    inspector = sa.inspect(connection)
    if "search_folded" not in {c["name"] for c in inspector.get_columns("articles")}:
        connection.execute(sa.text("ALTER TABLE articles ADD COLUMN search_folded TEXT"))
    if connection.dialect.name == "sqlite":
        connection.execute(sa.text("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                                   "title, text, search_folded, content='articles', content_rowid='id', "
                                   "tokenize='unicode61 remove_diacritics 0')"))
        connection.execute(sa.text("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"))
    else:
        connection.execute(sa.text("CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING GIN "
                                   "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"))
        connection.execute(sa.text("CREATE INDEX IF NOT EXISTS ix_articles_fts_folded ON articles USING GIN "
                                   "(to_tsvector('simple', coalesce(search_folded, '')))"))


# Applied in order, each once; a new schema change is a new entry at the end, never an edit.
MIGRATIONS = [
    (1, "articles and events", _create_tables),
    (2, "indexes for the event filters", _create_event_indexes),
    (3, "canonical events, near-duplicate groups", _add_canonical_events),
    (4, "full-text search over articles", _add_search),
    (5, "indexes for actor codes", lambda connection: _create_indexes(connection, (
        ("ix_events_source_code_date", "events", "source_code, date"),
        ("ix_events_target_code_date", "events", "target_code, date"),
        ("ix_canonical_dyad_date", "canonical_events", "source_country, target_country, date")))),
    (6, "happenings keep their first report and article count; their indexes", _add_first_mention),
    (7, "articles keep their photo captions", lambda connection: _add_column(connection, "articles", "captions", "TEXT")),
    # the happening lookup reads the latest candidates of a (type, source, target): in id order from
    # the index, not sorted from all of them, so it costs the same at 1k and at 1M happenings
    (8, "happening lookup in id order", lambda connection: _create_indexes(connection, (
        ("ix_canonical_match", "canonical_events", "type, source_country, target_country, id"),))),
    (9, "articles keep the repairs made to their text", lambda connection: _add_column(connection, "articles", "repairs", "TEXT")),
    (10, "partitions the batch engine has loaded", lambda connection: metadata.create_all(connection, tables=[batch_loads])),
    (11, "near-duplicate signatures from word hashes", lambda connection: _rehash_signatures(connection)),
    # the candidates' date and place from the index itself: reading each candidate's row, scattered
    # over the table, was the largest cost of storing an article into 100,000 stored ones
    (12, "happening lookup from the index alone", lambda connection: (
        _create_indexes(connection, (("ix_canonical_candidates", "canonical_events", "type, source_country, target_country, id, date, place_country"),)),
        connection.execute(sa.text("DROP INDEX IF EXISTS ix_canonical_match")))),
    (13, "near-duplicate bands in one row an article", lambda connection: _store_bands_by_article(connection)),
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
        self._bands = BandIndex()  # read from the database when this store first stores an article
        self._candidates = _RecentCandidates() if self.engine.dialect.name == "sqlite" else None

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
        return self.add_many([article], dictionary_version)[0]

    def add_many(self, batch: list[Article], dictionary_version: str) -> list[int | None]:
        """Store analysed articles with their events, all in one transaction (a commit per article
        was a tenth of ingest's time). Returns each one's id, None for one already stored."""
        with self._storing_transaction() as connection:
            return self._add_all(connection, batch, dictionary_version)

    @contextmanager
    def _storing_transaction(self) -> Iterator[sa.Connection]:
        """A transaction that stores articles: the bands it stores count in memory once it commits;
        if it rolls back, they never do, and the happening candidates this store kept are forgotten."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except BaseException:
            self._bands.discard()
            self._forget_candidates()
            raise
        self._bands.settle()

    def read_bands(self) -> None:
        """Read the stored near-duplicate bands now, not on this store's first store (benchmarks
        time storing without it)."""
        with self.engine.begin() as connection:
            _read_bands(connection, self._bands)

    def _forget_candidates(self) -> None:
        if self._candidates is not None:
            self._candidates.forget()

    def _add_all(self, connection: sa.Connection, batch: list[Article], dictionary_version: str) -> list[int | None]:
        ids: list[int | None] = []
        for start in range(0, len(batch), WRITE_CHUNK):
            ids += self._add_chunk(connection, batch[start : start + WRITE_CHUNK], dictionary_version)
        return ids

    def _add_chunk(self, connection: sa.Connection, batch: list[Article], dictionary_version: str) -> list[int | None]:
        """The articles' rows, search entries, near-duplicate bands and events go in with one
        statement each for the whole chunk (SQLAlchemy's cost per statement was most of storing's)."""
        digests = [content_hash(article) for article in batch]
        with _storing(batch):
            stored = set(connection.scalars(_STORED_HASHES, {"digests": digests}))
        first: dict[str, int] = {}  # each new input's first place in the chunk: a repeat of it is stored once
        for place, digest in enumerate(digests):
            if digest not in stored:
                first.setdefault(digest, place)
        if not first:
            return [None] * len(batch)
        fresh = [batch[place] for place in first.values()]
        signatures = [_signature(article.text) for article in fresh]
        with _storing(fresh):
            now = _now()
            found = dict(connection.execute(_NEW_ARTICLES, [{
                "content_hash": digest, "path": article.path, "url": article.url, "title": article.title,
                "date": article.date, "date_basis": article.date_basis, "author": article.author, "agency": article.agency,
                "encoding": article.encoding, "text": article.text, "raw": article.raw or article.text.encode("utf-8"),
                "pipeline_version": __version__, "ingested_at": now,
                "search_folded": fold(f"{article.title or ''} {article.text}"), "minhash": signature.astype("uint64").tobytes(),
                "captions": json.dumps(article.captions), "repairs": json.dumps(article.repairs, ensure_ascii=False),
            } for digest, article, signature in zip(first, fresh, signatures)]).all())
            new_ids = [found[digest] for digest in first]
            if self.engine.dialect.name == "sqlite":
                connection.execute(_FTS_INSERT, {"ids": new_ids})
            groups = _assign_groups(connection, new_ids, signatures, self._bands)
            _store_new_mentions(connection, [
                ([_event_row(article_id, e.to_dict(), dictionary_version) for e in article.events],
                 _NewArticle(article_id, group, article.agency or _site(article.url)))
                for article, article_id, group in zip(fresh, new_ids, groups)], now, self._candidates)
        return [found[digest] if first.get(digest) == place else None for place, digest in enumerate(digests)]

    def stale_articles(self, dictionary_version: str, everything: bool = False) -> Iterator[tuple[int, Article]]:
        """Stored articles whose events an older pipeline or other dictionaries made (all with
        `everything`), as articles ready to re-code from their cleaned text."""
        query = sa.select(articles.c.id, articles.c.path, articles.c.url, articles.c.title, articles.c.date,
                          articles.c.date_basis, articles.c.author, articles.c.agency, articles.c.encoding, articles.c.text,
                          articles.c.captions, articles.c.repairs)
        if not everything:
            outdated = sa.select(events.c.article_id).where(sa.or_(events.c.pipeline_version != __version__,
                                                                  events.c.dictionary_version != dictionary_version))
            query = query.where(sa.or_(articles.c.pipeline_version != __version__, articles.c.id.in_(outdated)))
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(articles.c.id)).all()
        for row in rows:
            yield row.id, _stored_article(row)

    def replace_events(self, article_id: int, article: Article, dictionary_version: str) -> int:
        """Re-coded events in place of the old ones, in one transaction; their happenings recounted."""
        self._forget_candidates()
        with self.engine.begin() as connection:
            touched = set(connection.scalars(sa.select(events.c.canonical_id).where(events.c.article_id == article_id)))
            connection.execute(events.delete().where(events.c.article_id == article_id))
            _store_mentions(connection, [_event_row(article_id, e.to_dict(), dictionary_version) for e in article.events],
                            also_recount=touched - {None})
            connection.execute(articles.update().where(articles.c.id == article_id).values(pipeline_version=__version__))
        return len(article.events)

    def canonical(self, canonical_id: int) -> dict[str, Any] | None:
        """One happening with every mention of it (and each mention's evidence)."""
        with self.engine.connect() as connection:
            head = connection.execute(sa.select(canonical_events).where(canonical_events.c.id == canonical_id)).first()
            if head is None:
                return None
            mentions = connection.execute(
                sa.select(events, articles.c.path.label("article_path"), articles.c.url.label("article_url"),
                          articles.c.agency.label("article_agency"), articles.c.dup_group.label("article_group"))
                .join(articles, articles.c.id == events.c.article_id)
                .where(events.c.canonical_id == canonical_id).order_by(events.c.id))
            return {**dict(head._mapping), "mentions": [dict(m._mapping) for m in mentions]}

    def split(self, mention_id: int) -> int:
        """Undo a merge: the mention becomes a happening of its own. Returns the new canonical id."""
        self._forget_candidates()
        with self.engine.begin() as connection:
            row = connection.execute(sa.select(events).where(events.c.id == mention_id)).first()
            if row is None:
                raise errors.StoreError(f"no event mention {mention_id}", path=self.url)
            old = row.canonical_id
            now = _now()
            new_id = _new_canonical(connection, dict(row._mapping), now)
            connection.execute(events.update().where(events.c.id == mention_id).values(canonical_id=new_id))
            _recount(connection, new_id, now)
            if old is not None:
                _recount(connection, old, now)
            return new_id

    def canonical_events(self, where: EventFilter = EventFilter()) -> Iterator[dict[str, Any]]:
        """Happenings matching the filters, each with its first mention's evidence and article (the
        representative GDELT-style exports need): `evidence_text`, `article_url`, `place_name`..."""
        yield from self._rows(_happenings_query(where).order_by(canonical_events.c.date, canonical_events.c.id), where.limit)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {"articles": connection.scalar(sa.select(sa.func.count()).select_from(articles)),
                    "events": connection.scalar(sa.select(sa.func.count()).select_from(events))}

    def events(self, where: EventFilter = EventFilter()) -> Iterator[dict[str, Any]]:
        yield from self._rows(_mentions_query(where).order_by(events.c.date, events.c.id), where.limit)

    def _rows(self, query: sa.Select, limit: int | None) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as connection:
            for row in connection.execute(query.limit(limit) if limit else query):
                yield dict(row._mapping)

    def search(self, words: str, folded: bool = False, limit: int = 50) -> list[dict[str, Any]]:
        """Articles holding all the words; `folded`: diacritics ignored ("nga" finds "Nga", "ngà")."""
        terms = [t for t in re.findall(r"\w+", fold(words) if folded else words.lower())]
        if not terms:
            return []
        with self.engine.connect() as connection:
            if self.engine.dialect.name == "sqlite":
                column = "search_folded" if folded else "{title text}"
                query = " AND ".join(f'{column}:"{t}"' for t in terms)
                rows = connection.execute(sa.text(
                    "SELECT a.id, a.path, a.url, a.title, a.date FROM articles_fts f JOIN articles a ON a.id = f.rowid "
                    "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"), {"q": query, "n": limit})
            else:
                document = "coalesce(search_folded, '')" if folded else "coalesce(title, '') || ' ' || text"
                rows = connection.execute(sa.text(
                    f"SELECT id, path, url, title, date FROM articles WHERE to_tsvector('simple', {document}) "
                    "@@ to_tsquery('simple', :q) ORDER BY id LIMIT :n"), {"q": " & ".join(terms), "n": limit})
            return [dict(r._mapping) for r in rows]

    def stats(self, by: str = "month", dyad: tuple[str, str] | None = None, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Happenings per period: count, Goldstein sum, and the mix of quad classes (1 verbal
        cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict)."""
        width = {"year": 4, "month": 7, "day": 10}[by]
        period = sa.func.substr(canonical_events.c.date, 1, width).label("period")
        query = (sa.select(period, sa.func.count().label("events"),
                           sa.func.coalesce(sa.func.sum(canonical_events.c.goldstein), 0.0).label("goldstein"),
                           *(sa.func.sum(sa.case((canonical_events.c.quad_class == q, 1), else_=0)).label(f"quad{q}") for q in (1, 2, 3, 4)))
                 .where(canonical_events.c.date.is_not(None), sa.func.length(canonical_events.c.date) >= width)
                 .group_by(period).order_by(period))
        if dyad:
            query = query.where(canonical_events.c.source_country == dyad[0].upper(), canonical_events.c.target_country == dyad[1].upper())
        for condition in _conditions(EventFilter(type=where.type, since=where.since, until=where.until), canonical_events):
            query = query.where(condition)
        with self.engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(query)]

    def raw(self, article_id: int) -> bytes | None:
        with self.engine.connect() as connection:
            return connection.scalar(sa.select(articles.c.raw).where(articles.c.id == article_id))

    # ---- reads for the REST API and the web UI: pages, one article, actors, aggregates ----------
    def page_events(self, where: EventFilter = EventFilter(), sort: str = "date", limit: int = 50, offset: int = 0,
                    text: str | None = None, party: str | None = None) -> tuple[int, list[dict[str, Any]]]:
        """One page of event mentions and how many match in all. `text`: words in the evidence;
        `party`: an actor on either side (country or full code)."""
        query = _mentions_query(where)
        if text:
            query = query.where(events.c.evidence_text.icontains(text, autoescape=True))
        if party:
            query = query.where(_either_side(events, party))
        return self._page(query, _ordering(MENTION_SORTS, sort, events.c.id), limit, offset)

    def page_happenings(self, where: EventFilter = EventFilter(), sort: str = "date", limit: int = 50, offset: int = 0,
                        text: str | None = None) -> tuple[int, list[dict[str, Any]]]:
        query = _happenings_query(where)
        if text:
            query = query.where(events.c.evidence_text.icontains(text, autoescape=True))
        return self._page(query, _ordering(HAPPENING_SORTS, sort, canonical_events.c.id), limit, offset)

    def page_articles(self, limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """Stored articles, the latest stored first."""
        query = sa.select(*_ARTICLE_LISTING)
        return self._page(query, [articles.c.id.desc()], limit, offset)

    def articles_by_id(self, ids: list[int]) -> list[dict[str, Any]]:
        """Listing rows (with event counts) of these articles, in the order given."""
        if not ids:
            return []
        with self.engine.connect() as connection:
            found = {row.id: dict(row._mapping) for row in connection.execute(sa.select(*_ARTICLE_LISTING).where(articles.c.id.in_(ids)))}
        return [found[i] for i in ids if i in found]

    def _page(self, query, order: list[Any], limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        with self.engine.connect() as connection:
            total = connection.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
            rows = connection.execute(query.order_by(*order).limit(limit).offset(offset))
            return total, [dict(row._mapping) for row in rows]

    def article(self, article_id: int) -> tuple[Article, dict[str, Any]] | None:
        """One stored article (cleaned text and metadata, ready to re-segment) and its stored row."""
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(*(c for c in articles.c if c.name not in ("raw", "minhash", "search_folded")))
                                     .where(articles.c.id == article_id)).first()
        if row is None:
            return None
        return _stored_article(row), dict(row._mapping)

    def article_events(self, article_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(events).where(events.c.article_id == article_id)
                                      .order_by(events.c.evidence_start, events.c.id))
            return [dict(row._mapping) for row in rows]

    def delete_article(self, article_id: int) -> bool:
        """Remove an article with its mentions, bands and search entry, in one transaction; the
        happenings it reported are recounted (those it alone reported disappear)."""
        self._forget_candidates()
        now = _now()
        with self.engine.begin() as connection:
            row = connection.execute(sa.select(articles.c.id, articles.c.title, articles.c.text, articles.c.search_folded)
                                     .where(articles.c.id == article_id)).first()
            if row is None:
                return False
            touched = set(connection.scalars(sa.select(events.c.canonical_id).where(events.c.article_id == article_id)))
            if self.engine.dialect.name == "sqlite":  # an external-content FTS5 table forgets a row only when told its old values
                connection.execute(sa.text("INSERT INTO articles_fts(articles_fts, rowid, title, text, search_folded) "
                                           "VALUES ('delete', :id, :title, :text, :folded)"),
                                   {"id": row.id, "title": row.title, "text": row.text, "folded": row.search_folded})
            connection.execute(events.delete().where(events.c.article_id == article_id))
            connection.execute(article_lsh.delete().where(article_lsh.c.article_id == article_id))
            connection.execute(articles.delete().where(articles.c.id == article_id))
            for canonical_id in touched - {None}:
                _recount(connection, canonical_id, now)
        return True

    def actor_sides(self, code: str, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Per counterpart of `code` (either side of a mention): count and mean Goldstein."""
        out = []
        with self.engine.connect() as connection:
            for own, other in (("source", "target"), ("target", "source")):
                column = events.c[f"{own}_code"] if len(code) > 3 else events.c[f"{own}_country"]
                counterpart = sa.func.coalesce(events.c[f"{other}_code"], events.c[f"{other}_country"]).label("code")
                query = (sa.select(counterpart, sa.func.count().label("count"), sa.func.avg(events.c.goldstein).label("goldstein"))
                         .where(column == code.upper(), counterpart.is_not(None), *_conditions(where)).group_by(counterpart))
                out.extend(dict(row._mapping) for row in connection.execute(query))
        return out

    def actor_timeline(self, code: str, width: int = 7) -> list[dict[str, Any]]:
        """Mentions with `code` on either side per period (a date prefix of `width` characters)."""
        period = sa.func.substr(events.c.date, 1, width).label("period")
        query = (sa.select(period, sa.func.count().label("count"),
                           sa.func.sum(sa.case((events.c.quad_class.in_((1, 2)), 1), else_=0)).label("cooperation"),
                           sa.func.sum(sa.case((events.c.quad_class.in_((3, 4)), 1), else_=0)).label("conflict"),
                           sa.func.coalesce(sa.func.sum(events.c.goldstein), 0.0).label("goldstein"))
                 .where(_either_side(events, code), sa.func.length(events.c.date) >= width).group_by(period).order_by(period))
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def actor_counts(self, where: EventFilter = EventFilter(), limit: int | None = None) -> list[dict[str, Any]]:
        """Mentions per actor code (either side), most first; each side's country where no code."""
        totals: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as connection:
            for side in ("source", "target"):
                code = sa.func.coalesce(events.c[f"{side}_code"], events.c[f"{side}_country"]).label("code")
                query = (sa.select(code, sa.func.min(events.c[f"{side}_country"]).label("country"), sa.func.count().label("count"))
                         .where(code.is_not(None), *_conditions(where)).group_by(code))
                for row in connection.execute(query):
                    entry = totals.setdefault(row.code, {"code": row.code, "country": row.country, "count": 0})
                    entry["count"] += row.count
        ranked = sorted(totals.values(), key=lambda e: (-e["count"], e["code"]))
        return ranked[:limit] if limit else ranked

    def actor_names(self, codes: list[str]) -> dict[str, str]:
        """The words news uses most often for each code (or country), as written."""
        best: dict[str, tuple[int, str]] = {}
        if not codes:
            return {}
        wanted = [c.upper() for c in codes]
        with self.engine.connect() as connection:
            for side in ("source", "target"):
                code = sa.func.coalesce(events.c[f"{side}_code"], events.c[f"{side}_country"])
                query = (sa.select(code.label("code"), events.c[f"{side}_text"].label("text"), sa.func.count().label("count"))
                         .where(code.in_(wanted), events.c[f"{side}_text"].is_not(None),
                                events.c[f"{side}_text"].not_like("(%"))  # "(quân đội, suy ra)": inferred, not words
                         .group_by(code, events.c[f"{side}_text"]))
                for row in connection.execute(query):
                    seen = best.get(row.code)
                    if seen is None or (row.count, row.text) > seen:
                        best[row.code] = (row.count, row.text)
        return {code: text for code, (_, text) in best.items()}

    def happening_periods(self, where: EventFilter = EventFilter(), width: int = 7) -> list[dict[str, Any]]:
        """Happenings per date prefix of `width` characters: count, Goldstein sum, quad classes
        (as `stats`, with every event filter)."""
        base = _happenings_query(where).where(sa.func.length(canonical_events.c.date) >= width).subquery()
        period = sa.func.substr(base.c.date, 1, width).label("period")
        query = (sa.select(period, sa.func.count().label("count"),
                           sa.func.coalesce(sa.func.sum(base.c.goldstein), 0.0).label("goldstein"),
                           *(sa.func.sum(sa.case((base.c.quad_class == q, 1), else_=0)).label(f"quad{q}") for q in (1, 2, 3, 4)))
                 .group_by(period).order_by(period))
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def dyads(self, where: EventFilter = EventFilter(), limit: int = 20) -> list[dict[str, Any]]:
        """Source-target pairs of happenings (actor codes, else countries), most told first."""
        base = _happenings_query(where).subquery()
        source = sa.func.coalesce(base.c.source_code, base.c.source_country).label("source")
        target = sa.func.coalesce(base.c.target_code, base.c.target_country).label("target")
        count = sa.func.count().label("count")
        query = (sa.select(source, target, count, sa.func.avg(base.c.goldstein).label("goldstein"))
                 .where(source.is_not(None), target.is_not(None)).group_by(source, target)
                 .order_by(count.desc(), source, target).limit(limit))
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def places(self, where: EventFilter = EventFilter(), limit: int = 500) -> list[dict[str, Any]]:
        """Places on the map where happenings took place (their first report's place), with counts."""
        base = _happenings_query(where).where(events.c.latitude.is_not(None)).subquery()
        count = sa.func.count().label("count")
        query = (sa.select(base.c.place_name.label("name"), base.c.place_country.label("country"),
                           base.c.latitude.label("lat"), base.c.longitude.label("lon"), count)
                 .group_by(base.c.place_name, base.c.place_country, base.c.latitude, base.c.longitude)
                 .order_by(count.desc(), base.c.place_name).limit(limit))
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def loaded_partitions(self) -> set[str]:
        """The ids of the batch partitions stored so far (`vnevents batch`)."""
        with self.engine.connect() as connection:
            return set(connection.scalars(sa.select(batch_loads.c.partition)))

    def add_partition(self, partition: str, batch: list[Article], dictionary_version: str) -> list[int | None] | None:
        """Store a batch partition's analysed articles and record the partition as loaded, in one
        transaction: a loader killed at any point leaves the partition stored whole or not at all.
        Returns each article's id (None: already stored), or None when the partition was loaded before."""
        with self._storing_transaction() as connection:
            if connection.scalar(sa.select(batch_loads.c.partition).where(batch_loads.c.partition == partition)):
                return None
            ids = self._add_all(connection, batch, dictionary_version)  # on an error nothing of the partition is kept
            connection.execute(batch_loads.insert(), {"partition": partition, "articles": len(batch), "loaded_at": _now()})
        return ids


# The write path runs for every article: its statements are built once, with bound parameters, so
# SQLAlchemy neither rebuilds nor re-keys them per row (that cost more than the SQL itself).
WRITE_CHUNK = 100  # articles per statement: bounds the bound parameters of one (SQLite allows 32766)
_STORED_HASHES = sa.select(articles.c.content_hash).where(articles.c.content_hash.in_(sa.bindparam("digests", expanding=True)))
# RETURNING the hash with the id: the order of a multi-row insert's returned rows is not promised
_NEW_ARTICLES = articles.insert().returning(articles.c.content_hash, articles.c.id)
_FTS_INSERT = sa.text("INSERT INTO articles_fts(rowid, title, text, search_folded) "
                      "SELECT id, title, text, search_folded FROM articles WHERE id IN :ids ORDER BY id").bindparams(
    sa.bindparam("ids", expanding=True))
_OWN_GROUP = articles.update().where(articles.c.id.in_(sa.bindparam("ids", expanding=True))).values(dup_group=articles.c.id)
_SET_GROUP = articles.update().where(articles.c.id == sa.bindparam("article_id"))
_MENTIONS_OF = (sa.select(events.c.id, events.c.article_id, events.c.date, events.c.place_country, articles.c.dup_group,
                          articles.c.agency, articles.c.url)
                .join(articles, articles.c.id == events.c.article_id).where(events.c.canonical_id == sa.bindparam("canonical_id")))
_UPDATE_CANONICAL = canonical_events.update().where(canonical_events.c.id == sa.bindparam("canonical_id"))
_DELETE_CANONICAL = canonical_events.delete().where(canonical_events.c.id == sa.bindparam("canonical_id"))


def _stored_article(row) -> Article:
    """A stored article as the stages after repair read it: cleaned text, metadata, captions, repairs."""
    return Article(path=row.path, text=row.text, title=row.title, date=row.date, date_basis=row.date_basis,
                   author=row.author, agency=row.agency, url=row.url, encoding=row.encoding or "utf-8",
                   captions=[tuple(span) for span in json.loads(row.captions or "[]")],
                   repairs=json.loads(row.repairs or "[]"))


@contextmanager
def _storing(batch: list[Article]) -> Iterator[None]:
    """A database error while storing these articles, as a StoreError naming the first of them
    (its callers store a refused batch again one article at a time, to name the one refused)."""
    try:
        yield
    except sa.exc.SQLAlchemyError as exc:  # the whole transaction is rolled back
        what = "the article" if len(batch) == 1 else f"{len(batch)} articles from this one on"
        raise errors.StoreError(f"cannot store {what}: {getattr(exc, 'orig', exc)}", path=batch[0].path) from None


_SHINGLE_WEIGHTS = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D)  # odd: a 3-gram's hash from its words' (below)


def _signature(text: str):
    """The MinHash of an article's word 3-grams, which near-duplicate stories share most of: its
    MINHASH_PERMUTATIONS values (uint32), under datasketch's affine32 scheme (seed 1). Computed here
    in a few array operations: importing datasketch (it imports scipy) cost a second of every
    storing process's time, and its object around the array a tenth of a millisecond per article.
    tests/test_store.py holds the two to the same values for the same 3-gram hashes."""
    import numpy

    words = text.lower().split()
    if len(words) > 2:
        # each word hashed once (CRC-32 of its UTF-8), a 3-gram's hash a weighted sum of its three
        # words' (modulo 2^32): hashing each 3-gram's text (datasketch's SHA-1 of it, stored before
        # migration 11) was three times the cost, 4% of an ingest's CPU
        hashes = numpy.fromiter(map(zlib.crc32, map(str.encode, words)), numpy.uint32, len(words))
        first, second, third = (numpy.uint32(weight) for weight in _SHINGLE_WEIGHTS)
        mixed = hashes[:-2] * first + hashes[1:-1] * second + hashes[2:] * third
    else:  # too short for a 3-gram: the words together are the one shingle
        mixed = numpy.array([zlib.crc32(" ".join(words).encode())], numpy.uint32)
    # affine32: each hash mixed once (MurmurHash3's finalizer), then a * h + b modulo 2^32 for each
    # permutation (uint32 arithmetic wraps around); the signature is each permutation's minimum (a
    # 3-gram met twice changes no minimum, so they are not made unique first)
    mixed = mixed.reshape(-1, 1)
    mixed ^= mixed >> numpy.uint32(16)
    mixed *= numpy.uint32(0x85EBCA6B)
    mixed ^= mixed >> numpy.uint32(13)
    mixed *= numpy.uint32(0xC2B2AE35)
    mixed ^= mixed >> numpy.uint32(16)
    multipliers, offsets = _permutations()
    return (mixed * multipliers + offsets).min(axis=0)


def _buckets(signature) -> bytes:
    """The signature's LSH_BANDS buckets, one 8-byte digest per band of rows, in band order:
    articles sharing a band's bucket are near-duplicate candidates."""
    rows_per_band = MINHASH_PERMUTATIONS // LSH_BANDS
    signature = signature.astype("uint32", copy=False)  # as _signature makes it (stored: as uint64)
    return b"".join(hashlib.blake2b(signature[band * rows_per_band : (band + 1) * rows_per_band].tobytes(), digest_size=BAND_BYTES).digest()
                    for band in range(LSH_BANDS))


def _rehash_signatures(connection: sa.Connection) -> None:
    """Migration 11: every stored article's signature and LSH bands made again from its text under
    _signature's word hashes, so that new articles' signatures can be compared with them; the
    near-duplicate groups already found stay as they are."""
    last_id = 0
    while True:
        rows = connection.execute(sa.select(articles.c.id, articles.c.text).where(articles.c.id > last_id)
                                  .order_by(articles.c.id).limit(REHASH_BATCH)).all()
        if not rows:
            return
        last_id = rows[-1].id
        signatures = {row.id: _signature(row.text or "") for row in rows}
        connection.execute(articles.update().where(articles.c.id == sa.bindparam("article_id")),
                           [{"article_id": article_id, "minhash": signature.astype("uint64").tobytes()}
                            for article_id, signature in signatures.items()])


def _store_bands_by_article(connection: sa.Connection) -> None:
    """Migration 13: each stored article's bands made again from its signature, as one row of
    `article_lsh`; the table of a row per band goes. (Migration 11 no longer writes that table:
    this one makes the bands of every signature it left.)"""
    connection.execute(sa.text("DROP TABLE IF EXISTS article_bands"))  # its index ix_bands with it
    metadata.create_all(connection, tables=[article_lsh])
    _create_indexes(connection, (("ix_lsh_article", "article_lsh", "article_id"),))
    connection.execute(article_lsh.delete())  # applied again over rows of its own (tests re-apply it)
    last_id = 0
    while True:
        rows = connection.execute(sa.select(articles.c.id, articles.c.minhash).where(articles.c.id > last_id, articles.c.minhash.is_not(None))
                                  .order_by(articles.c.id).limit(REHASH_BATCH)).all()
        if not rows:
            return
        last_id = rows[-1].id
        connection.execute(article_lsh.insert(), [{"article_id": row.id, "buckets": _buckets(_unpack(row.minhash))} for row in rows])


REHASH_BATCH = 1000  # articles read and re-hashed at a time by migration 11


def _similarity(signature, other) -> float:
    """The share of equal values of two signatures: their texts' estimated Jaccard similarity."""
    import numpy

    return float(numpy.count_nonzero(signature == other)) / float(MINHASH_PERMUTATIONS)


def _assign_groups(connection: sa.Connection, ids: list[int], signatures: list, bands: BandIndex) -> list[int]:
    """Find a stored near-duplicate (the same wire story republished) of each new article by MinHash
    LSH bands, or among the articles stored before it in the chunk; the article joins its group,
    or starts one. Returns each article's group."""
    buckets = [_buckets(signature) for signature in signatures]
    keys = [band_keys(own).tolist() for own in buckets]
    _read_bands(connection, bands)
    sharing = bands.sharing(key for own in keys for key in own)  # band key: the stored articles with it
    stored_candidates = sorted({other for own in keys for key in own for other in sharing.get(key, ())})
    # every stored candidate's signature read at once: a statement per article was a third of
    # storing's cost on a database of 100,000 articles
    seen = {other_id: (minhash, dup_group) for other_id, minhash, dup_group in _raw_rows(
        connection, "SELECT id, minhash, dup_group FROM articles WHERE id IN ({})", stored_candidates, _MISSING_ID)}
    earlier: dict[int, tuple[Any, int]] = {}  # this chunk's articles so far: signature and group
    groups = []
    for article_id, signature, own in zip(ids, signatures, keys):
        group = article_id
        for other in sorted({other for key in own for other in sharing.get(key, ())}):
            if other in earlier:
                hashvalues, other_group = earlier[other]
            elif other in seen:  # not when removed since its bands were read (see band_index)
                minhash, dup_group = seen[other]
                if minhash is None:
                    continue
                hashvalues, other_group = _unpack(minhash), dup_group or other
            else:
                continue
            if _similarity(signature, hashvalues) >= NEAR_DUPLICATE_JACCARD:
                group = other_group
                break
        earlier[article_id] = (signature, group)
        groups.append(group)
        for key in own:
            sharing.setdefault(key, []).append(article_id)
    stored = _insert_rows(connection, article_lsh, [{"article_id": article_id, "buckets": own} for article_id, own in zip(ids, buckets)],
                          returning=("seq", "article_id"))
    keys_of = dict(zip(ids, keys))
    for seq, article_id in stored:
        bands.stage(seq, article_id, keys_of[article_id])
    starting = [article_id for article_id, group in zip(ids, groups) if article_id == group]
    if starting:
        connection.execute(_OWN_GROUP, {"ids": starting})
    joined = [{"article_id": article_id, "dup_group": group} for article_id, group in zip(ids, groups) if article_id != group]
    if joined:
        connection.execute(_SET_GROUP, joined)
    return groups


def _read_bands(connection: sa.Connection, bands: BandIndex) -> None:
    """The near-duplicate bands other writers committed since `bands` last looked (on its first
    look, all of them). Read in the storing transaction after its articles went in: on SQLite it
    holds the write lock, and on PostgreSQL it takes BANDS_LOCK until it commits, so that no row
    commits behind the ones read."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({BANDS_LOCK})")
    with _driver_cursor(connection) as cursor:
        cursor.execute(f"SELECT seq, article_id, buckets FROM article_lsh WHERE seq > {_mark(connection)} ORDER BY seq",
                       (bands.since(),))
        bands.take(iter(lambda: cursor.fetchmany(BAND_ROWS), []))


BANDS_LOCK = 7345502  # PostgreSQL advisory lock: one writer at a time from reading the bands to its commit
BAND_ROWS = 10_000  # rows of article_lsh read at a time


_IN_SIZES = (8, 32, 128, 512)  # the lengths an IN list is padded to (see _raw_rows)
_MISSING_ID = -1  # pads a list of ids: no row has it


def _padded(values: list, padding, size: int | None = None) -> list:
    """`values` (at most the largest of _IN_SIZES) padded to `size`, or to the next of _IN_SIZES up."""
    return values + [padding] * ((size or next(size for size in _IN_SIZES if size >= len(values))) - len(values))


def _raw_rows(connection: sa.Connection, sql: str, values: list, padding) -> list[tuple]:
    """The rows of `sql`, whose "{}" is an IN list of `values`, read through the driver's own
    cursor in this transaction. Storing reads thousands of rows a chunk on a large database, and
    SQLAlchemy's compiling and row objects cost more than the queries. The lists are padded to a
    few lengths: the driver keeps each statement shape it runs prepared, and one shape per chunk
    grew the storing process by 50 MiB in 3,000 articles."""
    rows: list[tuple] = []
    for start in range(0, len(values), _IN_SIZES[-1]):
        part = _padded(values[start : start + _IN_SIZES[-1]], padding)
        rows += _raw_query(connection, sql.format(", ".join([_mark(connection)] * len(part))), part)
    return rows


def _raw_query(connection: sa.Connection, sql: str, parameters: list) -> list[tuple]:
    with _driver_cursor(connection) as cursor:
        cursor.execute(sql, tuple(parameters))
        return cursor.fetchall()


def _driver_cursor(connection: sa.Connection):
    """A cursor of the driver's own connection, in this transaction, closed after the `with`."""
    return closing(connection.connection.dbapi_connection.cursor())


# rows per multi-row INSERT, largest first: a batch goes in as a few statements of these sizes, so
# that the driver keeps a handful of statement shapes prepared (see _raw_rows)
_INSERT_SIZES = (256, 64, 16, 4, 1)
_MAX_PARAMETERS = 32766  # SQLite's limit of bound parameters in one statement (PostgreSQL's is larger)


def _insert_rows(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]], returning: tuple[str, ...] = ()) -> list[tuple]:
    """`rows` (dicts with the same keys) into `table` through the driver's cursor, with `returning`'s
    columns of the new rows (in no promised order). Storing inserts some thirty rows an article, and
    SQLAlchemy's building of each row's parameters cost a fifth of storing's CPU. The values must be
    what the driver takes as they are (text, numbers, bytes, booleans, None): no type of these
    tables converts its values on the way in."""
    if not rows:
        return []
    columns = [column.name for column in table.columns if column.name in rows[0]]
    if len(columns) != len(rows[0]):
        raise ValueError(f"not columns of {table.name}: {sorted(set(rows[0]) - set(columns))}")
    mark = _mark(connection)
    one_row = "(" + ", ".join([mark] * len(columns)) + ")"
    head = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES "
    tail = f" RETURNING {', '.join(returning)}" if returning else ""
    found: list[tuple] = []
    with _driver_cursor(connection) as cursor:
        start = 0
        for size in _INSERT_SIZES:
            if size * len(columns) > _MAX_PARAMETERS:
                continue
            statement = head + ", ".join([one_row] * size) + tail
            while len(rows) - start >= size:
                cursor.execute(statement, tuple(row[column] for row in rows[start : start + size] for column in columns))
                if returning:
                    found += cursor.fetchall()
                start += size
    return found


def _update_rows(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]], key: str = "id") -> None:
    """Each of `rows` (dicts with the same keys) sets its other columns in the row of `table` whose
    `key` column equals its `key` value; through the driver's cursor, as _insert_rows."""
    if not rows:
        return
    mark = _mark(connection)
    columns = [column for column in rows[0] if column != key]
    with _driver_cursor(connection) as cursor:
        cursor.executemany(f"UPDATE {table.name} SET {', '.join(f'{column} = {mark}' for column in columns)} WHERE {key} = {mark}",
                           [tuple(row[column] for column in columns) + (row[key],) for row in rows])


def _mark(connection: sa.Connection) -> str:
    """The driver's placeholder (sqlite3 and psycopg)."""
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


@lru_cache(maxsize=1)
def _permutations():
    """The multipliers (odd) and offsets of datasketch's affine32 permutations for its default seed,
    drawn as it draws them, once."""
    import numpy

    generator = numpy.random.RandomState(MINHASH_SEED)
    multipliers = generator.randint(0, 1 << 31, MINHASH_PERMUTATIONS, dtype=numpy.uint32) * numpy.uint32(2) + numpy.uint32(1)
    offsets = generator.randint(0, 1 << 32, MINHASH_PERMUTATIONS, dtype=numpy.uint32)
    return multipliers, offsets


def _unpack(blob: bytes):
    import numpy

    return numpy.frombuffer(blob, dtype="uint64")


@dataclass(frozen=True)
class _NewArticle:
    id: int
    group: int  # its near-duplicate group (its own id when it starts one)
    outlet: str | None


def _store_mentions(connection: sa.Connection, rows: list[dict[str, Any]], also_recount: set[int] = frozenset()) -> None:
    """Store re-coded event mentions, each under the happening it reports (a new one if none
    matches); every happening touched is then recounted from all its mentions."""
    now = _now()
    touched: set[int] = set()
    latest = _latest_candidates(connection, {_happening_key(row) for row in rows}) if rows else {}
    for row in rows:
        candidates = latest[_happening_key(row)]
        head = _compatible(candidates, row)
        if head is None:  # the next mention may report the happening just made
            head = _Happening(_new_canonical(connection, row, now), row, row["date"], row["place_country"], 0, 0, None, None, "[]")
            candidates.insert(0, head)
            del candidates[CANONICAL_CANDIDATES:]
        row["canonical_id"] = head.id
        touched.add(head.id)
    if rows:
        connection.execute(events.insert(), rows)
    for canonical_id in sorted(touched | set(also_recount)):
        _recount(connection, canonical_id, now)


class _Happening:
    """A happening as storing a chunk sees it: as stored before the chunk (`id` known), or created
    for it (`id` None until inserted); its counts as the chunk's articles so far left them. A
    stored one's counts and outlets start at nothing (`stored_counts`: the stored ones are still to
    be added, read once for all the chunk's picks); its date and place are the stored ones."""
    __slots__ = ("id", "row", "date", "place_country", "mention_count", "source_count", "article_count",
                 "first_mention_id", "outlets", "as_stored", "stored_counts")

    def __init__(self, id, row, date, place_country, mention_count, source_count, article_count, first_mention_id, outlets,
                 stored_counts=False):
        self.id, self.row, self.date, self.place_country = id, row, date, place_country
        self.mention_count, self.source_count, self.article_count = mention_count, source_count, article_count
        self.first_mention_id, self.outlets = first_mention_id, outlets
        self.as_stored = (date, place_country)  # (a created one's: as inserted)
        self.stored_counts = stored_counts


def _store_new_mentions(connection: sa.Connection, stories: list[tuple[list[dict[str, Any]], _NewArticle]], now: str,
                        recent: "_RecentCandidates | None" = None) -> None:
    """Store new articles' event mentions, each under the happening it reports (a new one if none
    matches), and add them to their happenings' counts without reading the happenings' other
    mentions. Decided here for the whole chunk, article by article in order (an article's mentions
    may join a happening an earlier one created, and see the counts it left), from the latest
    candidates of every (type, source, target) read at once: a handful of statements a chunk, where
    a lookup per mention, an insert per happening and a read per count were most of storing's cost.
    The rules are `_compatible`'s, as re-coding's are."""
    rows = [row for mentions, _ in stories for row in mentions]
    if not rows:
        return
    keys = {_happening_key(row) for row in rows}
    latest = recent.candidates(connection, keys) if recent is not None else _latest_candidates(connection, keys)
    reported: list[_Happening] = []  # the happening of each of `rows`
    created: list[_Happening] = []
    touched: dict[_Happening, None] = {}
    told: set[tuple[_Happening, int]] = set()  # (happening, group) of this chunk's mentions so far
    unsure: list[tuple[_Happening, int]] = []
    for mentions, article in stories:
        by_happening: dict[_Happening, list[dict[str, Any]]] = {}
        fresh = set()  # created for this article: nothing to add to
        for row in mentions:
            candidates = latest[_happening_key(row)]
            head = _compatible(candidates, row)
            if head is None:
                head = _Happening(None, row, row["date"], row["place_country"], 0, 0, None, None, "[]")
                candidates.insert(0, head)
                del candidates[CANONICAL_CANDIDATES:]
                created.append(head)
                fresh.add(head)
            reported.append(head)
            by_happening.setdefault(head, []).append(row)
        # the counts change only after the article: each of its mentions met the happenings as they stood
        for head, told_here in by_happening.items():
            # a near-duplicate of a story already counted adds no independent source
            if head in fresh or article.group == article.id:
                new_source = True
            elif (head, article.group) in told:
                new_source = False
            else:  # a stored happening may hold a stored report of the story: settled below
                new_source = head.id is None
                if head.id is not None:
                    unsure.append((head, article.group))
            _count_in(head, told_here, article.outlet, head in fresh, new_source)
            touched[head] = None
        told.update((head, article.group) for head in by_happening)
    if unsure:  # read before this chunk's mentions are stored: only earlier stories count
        seen = set(connection.execute(_GROUPS_SEEN, {"ids": sorted({head.id for head, _ in unsure}),
                                                     "groups": sorted({group for _, group in unsure})}).tuples())
        for head, group in unsure:
            head.source_count += (head.id, group) not in seen
    if created:
        # each with its place in `created` for a mention count until counted in below: the order of
        # a multi-row insert's returned rows is not promised
        for canonical_id, place in _insert_rows(connection, canonical_events, [
                {**_canonical_values(head.row, now), "mention_count": place} for place, head in enumerate(created)],
                returning=("id", "mention_count")):
            created[place].id = canonical_id
    for row, head in zip(rows, reported):
        row["canonical_id"] = head.id
    first_ids: dict[int, int] = {}  # a created happening's first report: its earliest mention
    for event_id, canonical_id in _insert_rows(connection, events, rows, returning=("id", "canonical_id")):
        if event_id < first_ids.get(canonical_id, event_id + 1):
            first_ids[canonical_id] = event_id
    for head in created:
        head.first_mention_id = first_ids[head.id]
    _add_stored_counts(connection, [head for head in touched if head.stored_counts])
    # date and place set only where they changed (the statement sets the columns its parameters
    # name): five indexes hold the date, and SQLite rewrites an index entry whose column is set,
    # even to the value it had (three times the pages written on a large database)
    for moved in (False, True):
        heads = [head for head in touched if ((head.date, head.place_country) != head.as_stored) is moved]
        if heads:
            _update_rows(connection, canonical_events, [{
                "id": head.id, "mention_count": head.mention_count, "source_count": head.source_count,
                "article_count": head.article_count, "first_mention_id": head.first_mention_id, "outlets": head.outlets,
                "last_seen": now, **({"date": head.date, "place_country": head.place_country} if moved else {})} for head in heads])
    if recent is not None:
        recent.keep(latest)


def _add_stored_counts(connection: sa.Connection, heads: list[_Happening]) -> None:
    """The stored counts and outlets of the stored happenings this chunk's mentions joined, added
    to what the chunk counted: read for these few, not for every candidate looked at."""
    by_id = {head.id: head for head in heads}
    for canonical_id, mention_count, source_count, article_count, first_mention_id, outlets in _raw_rows(
            connection, "SELECT id, mention_count, source_count, article_count, first_mention_id, outlets "
                        "FROM canonical_events WHERE id IN ({})", sorted(by_id), _MISSING_ID):
        head = by_id[canonical_id]
        head.mention_count += mention_count
        head.source_count += source_count
        head.article_count += article_count or 0
        head.first_mention_id = first_mention_id
        head.outlets = json.dumps(sorted(set(json.loads(outlets or "[]")) | set(json.loads(head.outlets))), ensure_ascii=False)
        head.stored_counts = False


def _count_in(head: _Happening, mentions: list[dict[str, Any]], outlet: str | None, fresh: bool, new_source: bool) -> None:
    """One new article's mentions added to a happening's counts (`fresh`: created for them)."""
    known = [] if fresh else [head.date]
    dates = sorted((d for d in known + [m["date"] for m in mentions] if d), key=len, reverse=True)  # the most precise
    outlets = set() if fresh else set(json.loads(head.outlets or "[]"))
    if outlet:
        outlets.add(outlet)
    place = None if fresh else head.place_country
    head.mention_count = (0 if fresh else head.mention_count) + len(mentions)
    head.source_count = (0 if fresh else head.source_count) + int(new_source)
    head.article_count = (0 if fresh else head.article_count or 0) + 1
    head.date = dates[0] if dates else None
    head.place_country = place or next((m["place_country"] for m in mentions if m["place_country"]), None)
    head.outlets = json.dumps(sorted(outlets), ensure_ascii=False)


def _happening_key(row: dict[str, Any]) -> tuple[str, str | None, str | None]:
    return row["type"], row["source_country"], row["target_country"]


def _compatible(candidates: list, row: dict[str, Any]) -> _Happening | None:
    """The latest of the candidates (newest first) this mention may report: the same source, type
    and target (the candidates'), and a compatible date and place. The coarser date contains the
    finer ("2024-04" ~ "2024-04-10"), or two days are one apart (a night event reported the next
    day); an unknown date or place matches anything. A candidate still a stored row (a tuple of
    _CANDIDATE_COLUMNS: most are never picked) becomes a _Happening, in the list too, when picked."""
    when, place = row["date"], row["place_country"]
    near = ()
    if when and len(when) == 10:
        day = date.fromisoformat(when)
        near = ((day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat())
    for number, head in enumerate(candidates):
        stored_row = type(head) is tuple
        head_date, head_place = (head[1], head[2]) if stored_row else (head.date, head.place_country)
        if when is not None and head_date is not None and not (
                when.startswith(head_date) or head_date.startswith(when) or head_date in near):
            continue
        if place is not None and head_place is not None and head_place != place:
            continue
        if stored_row:
            head = candidates[number] = _Happening(head[0], None, head[1], head[2], 0, 0, 0, None, "[]", stored_counts=True)
        return head
    return None


CANONICAL_CANDIDATES = 50  # the latest happenings of a (type, source, target) a new report may join
_CANDIDATE_KEYS = 200  # keys per statement: SQLite allows 500 terms in a compound SELECT
_KEY_BATCH_SIZES = (8, 32, 96, _CANDIDATE_KEYS)
_NO_TYPE = "-"  # no PLOVER type: a padding key that matches nothing
_CANDIDATE_COLUMNS = "id, date, place_country"  # all in ix_canonical_candidates: no read of the table


def _latest_candidates(connection: sa.Connection, keys: set[tuple[str, str | None, str | None]]) -> dict[tuple, list[_Happening]]:
    """The latest CANONICAL_CANDIDATES happenings of each (type, source, target), newest first:
    each key's own ORDER BY id DESC LIMIT from the index alone (ix_canonical_candidates), so the cost stays
    the same however many happenings are stored; all keys in one UNION ALL."""
    keys = list(keys)
    found: dict[tuple, list[_Happening]] = {key: [] for key in keys}
    # the dialect's own placeholders, run as is: SQLAlchemy compiling a statement of a shape seen
    # once cost more than all the rest of storing's happenings
    mark = _mark(connection)
    # Few shapes of statement: the driver keeps each one it runs prepared (up to a hundred), and
    # one shape per chunk grew the storing process by 50 MiB in 3,000 articles. So the keys go by
    # which sides are unknown, padded to a few sizes with a type no happening has.
    by_shape: dict[tuple[bool, bool], list[tuple]] = {}
    for key in sorted(keys, key=lambda key: tuple("" if value is None else value for value in key)):
        by_shape.setdefault((key[1] is None, key[2] is None), []).append(key)
    parts = []
    for (no_source, no_target), shaped in by_shape.items():
        for start in range(0, len(shaped), _CANDIDATE_KEYS):
            part = shaped[start : start + _CANDIDATE_KEYS]
            size = next(size for size in _KEY_BATCH_SIZES if size >= len(part))
            padding = (_NO_TYPE, None if no_source else _NO_TYPE, None if no_target else _NO_TYPE)
            parts.append((part, part + [padding] * (size - len(part))))
    for part, padded in parts:
        parameters: list[str] = []
        selects = []
        for number, key in enumerate(padded):
            # an unknown side matches only an unknown side; "= NULL" would match nothing
            where = " AND ".join(f"{column} IS NULL" if value is None else f"{column} = {mark}"
                                 for column, value in zip(("type", "source_country", "target_country"), key))
            parameters += (value for value in key if value is not None)
            selects.append(f"SELECT * FROM (SELECT {number} AS k, {_CANDIDATE_COLUMNS} FROM canonical_events "
                           f"WHERE {where} ORDER BY id DESC LIMIT {CANONICAL_CANDIDATES}) AS c{number}")
        # a few hundred rows an article on a large database: read as _raw_rows reads, and left as
        # rows until _compatible picks one
        for k, *columns in _raw_query(connection, " UNION ALL ".join(selects), parameters):
            found[part[k]].append(tuple(columns))
    # newest first: sorted here, since a UNION ALL promises no order (SQLite sorting the whole
    # union by key and id was a quarter of the statement's time)
    for candidates in found.values():
        candidates.sort(reverse=True)
    return found


RECENT_CANDIDATE_KEYS = 4096  # keys kept: at most 50 candidates each, some 25 MB in all


class _RecentCandidates:
    """The latest candidates of the (type, source, target) keys this process stored mentions of
    lately, as `_latest_candidates` would read them now: on a large database their reads were the
    largest part of storing's growth from 1k to 100k articles (every popular key holds its 50).
    After each chunk they are kept as it left them (its new happenings first, dates and places as
    it stored them). SQLite only: `PRAGMA data_version` tells whether another connection committed
    since, and then all are forgotten; so they are when this process's transaction rolls back, and
    when it changes happenings otherwise (re-coding, splits, removals)."""

    def __init__(self, keys: int = RECENT_CANDIDATE_KEYS) -> None:
        self._lists: OrderedDict[tuple, list[tuple]] = OrderedDict()
        self._keys = keys
        self._seen: tuple[Any, int] | None = None  # (the driver's connection, its data_version) when last kept

    def candidates(self, connection: sa.Connection, keys: set[tuple]) -> dict[tuple, list]:
        driver = connection.connection.dbapi_connection
        with _driver_cursor(connection) as cursor:
            version = cursor.execute("PRAGMA data_version").fetchone()[0]
        if self._seen is None or self._seen[0] is not driver or self._seen[1] != version:
            self._lists.clear()
        self._seen = (driver, version)
        found = {key: list(self._lists[key]) for key in keys if key in self._lists}  # copies: the chunk changes its own
        missing = keys - found.keys()
        if missing:
            found.update(_latest_candidates(connection, missing))
        return found

    def keep(self, latest: dict[tuple, list]) -> None:
        for key, candidates in latest.items():
            self._lists[key] = [(head.id, head.date, head.place_country) if type(head) is _Happening else head
                                for head in candidates]
            self._lists.move_to_end(key)
        while len(self._lists) > self._keys:
            self._lists.popitem(last=False)

    def forget(self) -> None:
        self._lists.clear()
        self._seen = None


_GROUPS_SEEN = (sa.select(events.c.canonical_id, articles.c.dup_group).distinct()
                .join(articles, articles.c.id == events.c.article_id)
                .where(events.c.canonical_id.in_(sa.bindparam("ids", expanding=True)),
                       articles.c.dup_group.in_(sa.bindparam("groups", expanding=True))))


def _new_canonical(connection: sa.Connection, row: dict[str, Any], now: str) -> int:
    return connection.execute(_NEW_CANONICAL, _canonical_values(row, now)).scalar_one()


def _canonical_values(row: dict[str, Any], now: str) -> dict[str, Any]:
    """A new happening as its first mention tells it, before any mention is counted in."""
    return {"type": row["type"], "source_code": row["source_code"], "source_country": row["source_country"],
            "target_code": row["target_code"], "target_country": row["target_country"], "date": row["date"],
            "place_country": row["place_country"], "cameo": row["cameo"], "quad_class": row["quad_class"],
            "goldstein": row["goldstein"], "mention_count": 0, "source_count": 0, "outlets": "[]", "first_seen": now, "last_seen": now}


_NEW_CANONICAL = canonical_events.insert().returning(canonical_events.c.id)


def _recount(connection: sa.Connection, canonical_id: int, now: str) -> None:
    mentions = connection.execute(_MENTIONS_OF, {"canonical_id": canonical_id}).all()
    if not mentions:
        connection.execute(_DELETE_CANONICAL, {"canonical_id": canonical_id})
        return
    dates = sorted((m.date for m in mentions if m.date), key=len, reverse=True)  # the most precise date
    outlets = sorted({m.agency or _site(m.url) for m in mentions if m.agency or m.url})
    connection.execute(_UPDATE_CANONICAL, {
        "canonical_id": canonical_id, "mention_count": len(mentions), "source_count": len({m.dup_group for m in mentions}),
        "article_count": len({m.article_id for m in mentions}), "first_mention_id": min(m.id for m in mentions),
        "date": dates[0] if dates else None, "place_country": next((m.place_country for m in mentions if m.place_country), None),
        "outlets": json.dumps(outlets, ensure_ascii=False), "last_seen": now})


def _site(url: str | None) -> str | None:
    from urllib.parse import urlparse

    return urlparse(url).netloc or None if url else None


def _conditions(where: EventFilter, table: sa.Table = events) -> list[Any]:
    """The filters of `vnevents events` over mentions (`events`) or happenings (`canonical_events`);
    a happening's factuality is per mention and is filtered by its caller."""
    out = []
    for side, value in (("source", where.actor), ("target", where.target)):
        if value:
            column = table.c[f"{side}_code"] if len(value) > 3 else table.c[f"{side}_country"]
            out.append(column == value.upper())
    if where.type:
        out.append(table.c.type == where.type.upper())
    if where.factuality and "factuality" in table.c:
        out.append(table.c.factuality == where.factuality.lower())
    if where.place:
        out.append(table.c.place_country == where.place.upper())
    if where.since:
        out.append(table.c.date >= where.since)
    if where.until:
        # "2024-06" includes every day of June: compare against the next prefix
        out.append(table.c.date <= where.until + "\uffff")
    return out


def fold(text: str) -> str:
    """Lower case without diacritics, đ as d: what a user typing without Vietnamese marks writes."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return _COMBINING_MARK.sub("", decomposed)


# every combining mark (Unicode category Mn) that NFD can produce, as one character class
_COMBINING_MARK = re.compile("[" + "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))) + "]")


def content_hash(article: Article) -> str:
    """The raw input's hash, with the article's own text since the items of one feed share their
    raw bytes. The path is left out: the same file saved twice under two names is stored once."""
    digest = hashlib.sha256(article.raw or b"")
    digest.update(b"\x00" + article.text.encode("utf-8"))
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
    # (sizes and why: config.py)
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_CHECKPOINT_PAGES}")
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


# ---- query builders shared by the listings, the pages and the aggregates -----------------------
def _mentions_query(where: EventFilter):
    """Event mentions matching the filters, with their article's url, path, title, date and agency."""
    query = (sa.select(events, articles.c.url.label("article_url"), articles.c.path.label("article_path"),
                       articles.c.date.label("article_date"), articles.c.agency.label("article_agency"),
                       articles.c.title.label("article_title"))
             .join(articles, articles.c.id == events.c.article_id))
    return query.where(*_conditions(where))


def _happenings_query(where: EventFilter):
    """Happenings matching the filters, each with its first mention's evidence, place and article."""
    reports = events.alias("reports")  # all the happening's mentions, for the factuality filter
    query = (sa.select(canonical_events, canonical_events.c.first_mention_id.label("mention_id"), events.c.source_text,
                       events.c.target_text, events.c.evidence_text, events.c.place_name, events.c.latitude,
                       events.c.longitude, events.c.place_precision, events.c.geonameid,
                       articles.c.url.label("article_url"), articles.c.path.label("article_path"),
                       articles.c.date.label("article_date"), events.c.article_id)
             .join(events, events.c.id == canonical_events.c.first_mention_id)
             .join(articles, articles.c.id == events.c.article_id))
    query = query.where(*_conditions(where, canonical_events))
    if where.factuality:  # told so by at least one mention
        told = sa.select(reports.c.id).where(reports.c.canonical_id == canonical_events.c.id,
                                             reports.c.factuality == where.factuality.lower())
        query = query.where(told.exists())
    return query


def _either_side(table: sa.Table, code: str):
    code = code.upper()
    if len(code) > 3:
        return sa.or_(table.c.source_code == code, table.c.target_code == code)
    # three letters: a country (RUS), or an actor with a code of its own and no country (WAG, UAF)
    return sa.or_(table.c.source_country == code, table.c.target_country == code,
                  table.c.source_code == code, table.c.target_code == code)


# Sort keys a caller may name (a leading "-": descending); anything else is refused by the caller.
MENTION_SORTS = {"date": events.c.date, "goldstein": events.c.goldstein, "confidence": events.c.confidence}
HAPPENING_SORTS = {"date": canonical_events.c.date, "goldstein": canonical_events.c.goldstein,
                   "mentions": canonical_events.c.mention_count}


def _ordering(columns: dict[str, Any], sort: str, tiebreak) -> list[Any]:
    descending = sort.startswith("-")
    column = columns[sort.lstrip("-")]
    # unknown values last either way, so a page never opens on undated rows
    return [column.desc().nulls_last() if descending else column.asc().nulls_last(),
            tiebreak.desc() if descending else tiebreak.asc()]


_ARTICLE_LISTING = (articles.c.id, articles.c.title, articles.c.date, articles.c.path, articles.c.url, articles.c.agency,
                    sa.select(sa.func.count()).where(events.c.article_id == articles.c.id).scalar_subquery().label("events"))


# Batch partitions stored (`vnevents batch`): recorded in the transaction that stores their articles,
# so a re-run after a kill loads each partition exactly once.
batch_loads = sa.Table(
    "batch_loads", metadata,
    sa.Column("partition", sa.String(64), primary_key=True),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("loaded_at", sa.Text, nullable=False),
)
