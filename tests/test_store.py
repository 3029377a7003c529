"""The event database, against SQLite and a real PostgreSQL server alike."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from vnevents import __version__, service
from vnevents.exports import GDELT_COLUMNS, write
from vnevents.store import MIGRATIONS, EventFilter, Store

from .conftest import EXAMPLES, SEED_DATES


def ingest_examples(db_url):
    outcomes = []
    for name, date in [*SEED_DATES.items(), ("003_a702ee0b46030dc5.txt", None)]:
        outcomes += list(service.ingest_paths([EXAMPLES / name], db_url, date=date))
    return outcomes


def test_ingest_stores_articles_raw_bytes_and_events_once(db_url, tmp_path):
    first = ingest_examples(db_url)
    assert [o.duplicate for o in first] == [False, False, False] and all(o.events for o in first)
    store = Store(db_url)
    counts = store.counts()
    assert counts["articles"] == 3 and counts["events"] == sum(o.events for o in first)
    again = ingest_examples(db_url)  # the same inputs again: nothing new
    assert all(o.duplicate for o in again) and store.counts() == counts
    copy = tmp_path / "renamed.txt"  # the same bytes under another name: still nothing new
    copy.write_bytes((EXAMPLES / "003_a702ee0b46030dc5.txt").read_bytes())
    assert [o.duplicate for o in service.ingest_paths([copy], db_url)] == [True]
    for outcome in first:
        assert store.raw(outcome.article_id) == (EXAMPLES / outcome.path.split("/")[-1]).read_bytes()


def test_events_filter_like_the_cli(db_url):
    ingest_examples(db_url)
    store = Store(db_url)
    aid = list(store.events(EventFilter(actor="RUS", type="AID")))
    assert aid and all(r["source_country"] == "RUS" and r["type"] == "AID" for r in aid)
    by_code = list(store.events(EventFilter(actor="RUSMIL")))
    assert by_code and all(r["source_code"] == "RUSMIL" for r in by_code)
    june = list(store.events(EventFilter(since="2024-06", until="2024-06")))
    assert june and all(r["date"].startswith("2024-06") for r in june)
    denied = list(store.events(EventFilter(factuality="denied")))
    assert denied and all(r["factuality"] == "denied" for r in denied)
    in_syria = list(store.events(EventFilter(place="SYR")))
    assert in_syria and all(r["place_country"] == "SYR" and r["latitude"] for r in in_syria)
    row = aid[0]  # every stored event keeps its evidence and what made it
    assert row["evidence_text"] and row["pipeline_version"] and len(row["dictionary_version"]) == 12


def test_exports_read_back_with_pandas_and_duckdb(db_url, tmp_path):
    import duckdb
    import pandas as pd

    ingest_examples(db_url)
    store = Store(db_url)
    rows = list(store.events())
    happenings = list(store.canonical_events())
    for fmt in ("jsonl", "csv", "parquet"):
        assert write(iter(rows), fmt, tmp_path / f"events.{fmt}") == len(rows)
    assert write(iter(happenings), "gdelt", tmp_path / "events.gdelt") == len(happenings)
    gdelt = pd.read_csv(tmp_path / "events.gdelt", sep="\t", header=None, names=GDELT_COLUMNS, dtype=str)
    assert len(GDELT_COLUMNS) == 61 and gdelt.shape == (len(happenings), 61)
    assert gdelt["NumMentions"].astype(int).sum() == len(rows)  # every mention counted once, under its happening
    assert set(gdelt["EventRootCode"]) <= {f"{n:02d}" for n in range(1, 21)}
    assert (gdelt["Actor1CountryCode"] == "RUS").any() and (gdelt["ActionGeo_FullName"] == "Bonn").any()
    assert len(pd.read_json(tmp_path / "events.jsonl", lines=True)) == len(rows)
    assert len(pd.read_csv(tmp_path / "events.csv")) == len(rows)
    parquet = pd.read_parquet(tmp_path / "events.parquet")
    assert list(parquet["id"]) == [r["id"] for r in rows]
    con = duckdb.connect()
    assert con.execute(f"select count(*) from read_parquet('{tmp_path / 'events.parquet'}') where type = 'CONSULT'").fetchone()[0] \
        == sum(r["type"] == "CONSULT" for r in rows)
    assert con.execute(f"select count(*) from read_csv('{tmp_path / 'events.gdelt'}', delim='\t', header=false)").fetchone()[0] == len(happenings)


def test_an_older_database_is_upgraded_in_place(db_url):
    engine = sa.create_engine(db_url)
    first_version, first_name, first_step = MIGRATIONS[0]
    with engine.begin() as connection:  # a database made by a release that had only the first migration
        from vnevents.store import metadata, migrations_table

        metadata.create_all(connection, tables=[migrations_table])
        first_step(connection)
        connection.execute(migrations_table.insert().values(version=first_version, name=first_name, applied_at="2026-01-01"))
    engine.dispose()
    store = Store(db_url)  # opening upgrades
    assert store.version() == MIGRATIONS[-1][0]
    assert Store(db_url).upgrade() == []  # and a second time there is nothing to do


def test_signatures_stored_under_the_earlier_hash_are_made_again_on_upgrade(db_url, tmp_path):
    """Migration 11 changed how a signature's 3-grams are hashed: a database from before it gets
    every stored article's signature and bands made again, so that a copy of a story stored before
    the upgrade is still found when it is republished after it."""
    from vnevents.store import _buckets, _signature

    wire = (EXAMPLES / "000_80fee103ab6e860c.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text("VnExpress\n" + wire, encoding="utf-8")
    list(service.ingest_paths([tmp_path / "a.txt"], db_url, date="2024-04-11"))
    engine = sa.create_engine(db_url)
    with engine.begin() as connection:  # as the release before it left the article: another hash's values
        stale = _signature("một bài khác hẳn " * 50)
        connection.execute(sa.text("UPDATE articles SET minhash = :minhash"), {"minhash": stale.astype("uint64").tobytes()})
        connection.execute(sa.text("UPDATE article_lsh SET buckets = :stale"), {"stale": _buckets(stale)})
        connection.execute(sa.text("DELETE FROM schema_migrations WHERE version IN (11, 13)"))
    engine.dispose()
    assert Store(db_url).version() == MIGRATIONS[-1][0]  # opening upgrades (applies 11 and 13 again)
    with sa.create_engine(db_url).connect() as connection:
        [(article_id, text, minhash)] = connection.execute(sa.text("SELECT id, text, minhash FROM articles")).all()
        [buckets] = connection.scalars(sa.text("SELECT buckets FROM article_lsh WHERE article_id = :id"), {"id": article_id})
    assert bytes(minhash) == _signature(text).astype("uint64").tobytes() and bytes(buckets) == _buckets(_signature(text))
    (tmp_path / "b.txt").write_text("Thanh Niên\n" + wire, encoding="utf-8")  # republished after the upgrade
    list(service.ingest_paths([tmp_path / "b.txt"], db_url, date="2024-04-11"))
    with sa.create_engine(db_url).connect() as connection:
        assert set(connection.scalars(sa.text("SELECT dup_group FROM articles"))) == {article_id}


def test_a_killed_ingest_leaves_every_committed_article_once_and_a_rerun_completes(db_url, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 384  # several transactions' worth: one commits at least every STORE_BATCH_SECONDS
    for n in range(total):  # distinct inputs: the same article under a changed first line
        text = (EXAMPLES / "000_80fee103ab6e860c.txt").read_text(encoding="utf-8")
        (corpus / f"a{n:03d}.txt").write_text(f"Bản tin số {n}\n{text}", encoding="utf-8")
    command = [sys.executable, "-m", "vnevents", "ingest", str(corpus), "--db", db_url, "--date", "2024-04-11"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store = Store(db_url)
    deadline = time.time() + 120
    while store.counts()["articles"] < 5 and time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = store.counts()["articles"]
    assert 5 <= partial < total, partial
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} already stored" in rerun.stderr
    engine = sa.create_engine(db_url)
    with engine.connect() as connection:
        paths = list(connection.scalars(sa.text("select path from articles")))
        orphans = connection.scalar(sa.text("select count(*) from events e left join articles a on a.id = e.article_id where a.id is null"))
    assert len(paths) == len(set(paths)) == total and orphans == 0


def test_reports_of_one_happening_merge_and_republished_copies_count_once(db_url, tmp_path):
    wire = (EXAMPLES / "000_80fee103ab6e860c.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text("VnExpress\n" + wire, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Thanh Niên\n" + wire, encoding="utf-8")  # the same wire story, republished
    (tmp_path / "c.txt").write_text(  # an independent report of the same arrival
        "Tin nhanh\nCác huấn luyện viên quân sự Nga đã đến Niger vào tối 10/4, theo truyền thông Niger.\n"
        "Theo đài RT, truyền thông quốc gia của Niger đưa tin một máy bay chở hàng quân sự Nga đã mang theo một đội ngũ "
        "huấn luyện viên đến hỗ trợ quân đội Niger.", encoding="utf-8")
    results = list(service.ingest_paths([tmp_path], db_url, date="2024-04-11"))
    assert [r.duplicate for r in results] == [False, False, False]
    store = Store(db_url)
    [aid] = [c for c in store.canonical_events(EventFilter(actor="RUS", target="NER", type="AID"))]
    assert aid["article_count"] == 3
    assert aid["mention_count"] == 3 and aid["source_count"] == 2  # a and b are one story
    shown = store.canonical(aid["id"])
    assert {m["article_path"].rsplit("/", 1)[-1] for m in shown["mentions"]} == {"a.txt", "b.txt", "c.txt"}
    assert all(m["evidence_text"] for m in shown["mentions"])
    # a wrong merge can be undone
    independent = next(m for m in shown["mentions"] if m["article_path"].endswith("c.txt"))
    new_id = store.split(independent["id"])
    assert store.canonical(aid["id"])["mention_count"] == 2 and store.canonical(new_id)["mention_count"] == 1
    assert store.canonical(aid["id"])["source_count"] == 1


def test_full_text_search_with_and_without_diacritics(db_url):
    ingest_examples(db_url)
    store = Store(db_url)
    assert [r["path"].rsplit("/", 1)[-1] for r in store.search("Lavrov Burkina")] == ["001_75dbe35eade5f37d.txt"]
    assert [r["path"].rsplit("/", 1)[-1] for r in store.search("lavrov burkina", folded=True)] == ["001_75dbe35eade5f37d.txt"]
    both = {r["path"].rsplit("/", 1)[-1] for r in store.search("quan doi Nga", folded=True)}
    assert both == {"000_80fee103ab6e860c.txt", "001_75dbe35eade5f37d.txt", "003_a702ee0b46030dc5.txt"}
    assert store.search("quan doi Nga") == []  # without folding the marks count
    assert store.search("Washington Khmeimim")[0]["title"] == "Quân đội Nga - Mỹ bí mật phối hợp hoạt động tại Syria?"


def test_stats_per_period_and_dyad(db_url):
    ingest_examples(db_url)
    store = Store(db_url)
    by_month = store.stats("month")
    assert [r["period"] for r in by_month] == sorted(r["period"] for r in by_month)
    assert sum(r["events"] for r in by_month) == sum(r["quad1"] + r["quad2"] + r["quad3"] + r["quad4"] for r in by_month)
    dyad = store.stats("year", ("RUS", "NER"))
    canonical = [c for c in store.canonical_events(EventFilter(actor="RUS", target="NER")) if c["date"]]
    assert sum(r["events"] for r in dyad) == len(canonical)
    assert abs(sum(r["goldstein"] for r in dyad) - sum(c["goldstein"] or 0 for c in canonical)) < 1e-6


def test_the_mentions_export_has_one_row_per_report(db_url, tmp_path):
    import pandas as pd

    from vnevents.exports import MENTION_COLUMNS

    ingest_examples(db_url)
    rows = list(Store(db_url).events())
    assert write(iter(rows), "mentions", tmp_path / "mentions.tsv") == len(rows)
    mentions = pd.read_csv(tmp_path / "mentions.tsv", sep="\t", header=None, names=MENTION_COLUMNS)
    assert len(mentions) == len(rows) and set(mentions["GlobalEventID"]) == {r["canonical_id"] for r in rows}
    assert set(mentions["Factuality"]) <= {"asserted", "reported", "denied", "planned", "speculated"}


def test_reprocess_recodes_stored_articles_after_an_upgrade(db_url):
    ingest_examples(db_url)
    store = Store(db_url)
    before = store.counts()
    engine = sa.create_engine(db_url)
    with engine.begin() as connection:  # as if an older release (and other dictionaries) had coded them
        connection.execute(sa.text("UPDATE events SET pipeline_version = '0.0.1', dictionary_version = 'old'"))
        connection.execute(sa.text("DELETE FROM events WHERE type = 'CONSULT'"))
    engine.dispose()
    articles, events = service.reprocess(db_url)
    assert articles == 3 and store.counts() == before  # the same articles, the same events again
    rows = list(store.events())
    assert {r["pipeline_version"] for r in rows} == {__version__} and any(r["type"] == "CONSULT" for r in rows)
    assert any(r["caption"] for r in rows)  # seed 003's caption events are still marked after re-coding
    assert service.reprocess(db_url) == (0, 0)  # nothing left to re-code


def test_articles_stored_together_keep_a_repeated_input_once(db_url, tmp_path):
    seed = (EXAMPLES / "003_a702ee0b46030dc5.txt").read_bytes()
    for name in ("a.txt", "b.txt"):  # one transaction holds both: the second must see the first
        (tmp_path / name).write_bytes(seed)
    results = list(service.ingest_paths([tmp_path], db_url))
    assert [r.duplicate for r in results] == [False, True]
    assert Store(db_url).counts()["articles"] == 1


def test_an_article_the_database_refuses_is_named_and_the_others_are_kept(db_url, tmp_path):
    from vnevents import errors

    for number, name in enumerate(sorted(SEED_DATES)):
        shutil.copy(EXAMPLES / name, tmp_path / f"{number}.txt")
    (tmp_path / "9.txt").write_text("Nga và Mỹ đã ký thỏa thuận tại Canberra ngày 10/4/2024.", encoding="utf-8")
    # the database itself refuses the one article, as a full disk or a broken constraint would
    store = Store(db_url)
    with store.engine.begin() as connection:
        if store.engine.dialect.name == "sqlite":
            connection.execute(sa.text("CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.text LIKE '%Canberra%' "
                                       "BEGIN SELECT RAISE(ABORT, 'refused by the database'); END"))
        else:
            connection.execute(sa.text("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.text LIKE '%Canberra%' "
                                       "THEN RAISE EXCEPTION 'refused by the database'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"))
            connection.execute(sa.text("CREATE TRIGGER refuse BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION refuse()"))
    results = service.ingest_paths([tmp_path], db_url, date="2024-04-11")
    stored = [next(results), next(results)]
    with pytest.raises(errors.StoreError, match="refused by the database") as refused:
        next(results)
    assert refused.value.path.endswith("9.txt")
    assert all(r.article_id for r in stored) and Store(db_url).counts()["articles"] == 2


def test_near_duplicate_signatures_are_datasketchs_minhash():
    """Stored signatures are compared with those of articles stored long before: they must stay the
    values datasketch's MinHash (affine32, seed 1) gives for the same word 3-grams, each hashed as
    the sum of its words' CRC-32 times fixed weights (written out here one 3-gram at a time)."""
    import zlib

    import numpy
    from datasketch import MinHash

    from vnevents.store import _SHINGLE_WEIGHTS, MINHASH_PERMUTATIONS, MINHASH_SCHEME, _signature, _similarity

    def shingle_hashes(text: str) -> dict[bytes, int]:
        words = text.lower().split()
        if len(words) < 3:
            return {" ".join(words).encode(): zlib.crc32(" ".join(words).encode())}
        return {" ".join(gram).encode(): sum(zlib.crc32(word.encode()) * weight for word, weight in zip(gram, _SHINGLE_WEIGHTS)) % (1 << 32)
                for gram in zip(words, words[1:], words[2:])}

    texts = [(EXAMPLES / name).read_text(encoding="utf-8") for name in sorted(os.listdir(EXAMPLES))[:5]] + ["", "Nga", "Nga và Mỹ"]
    for text in texts:
        hashes = shingle_hashes(text)
        reference = MinHash(num_perm=MINHASH_PERMUTATIONS, scheme=MINHASH_SCHEME, hashfunc=hashes.__getitem__)
        reference.update_batch(list(hashes))
        ours = _signature(text)
        assert ours.dtype == reference.hashvalues.dtype and (ours == reference.hashvalues).all()
    first, second = _signature(texts[0]), _signature(texts[1])
    assert _similarity(first, second) == MinHash(num_perm=MINHASH_PERMUTATIONS, scheme=MINHASH_SCHEME, hashvalues=first).jaccard(
        MinHash(num_perm=MINHASH_PERMUTATIONS, scheme=MINHASH_SCHEME, hashvalues=second.astype(numpy.uint64)))
    # a copy with a few words changed stays near; another story does not
    copy = texts[0].replace("Nga", "Liên bang Nga", 2)
    assert _similarity(first, _signature(copy)) >= 0.8 > _similarity(first, second)


def test_happenings_are_the_same_however_articles_are_grouped_into_transactions(db_url, tmp_path):
    """A chunk's happenings are decided together: an article still joins the happenings of those
    before it, stored earlier or in the same transaction, and a republished copy still counts once."""
    wire = (EXAMPLES / "000_80fee103ab6e860c.txt").read_text(encoding="utf-8")
    texts = [("a.txt", "VnExpress\n" + wire, "2024-04-11")]
    texts += [(name, (EXAMPLES / name).read_text(encoding="utf-8"), date) for name, date in SEED_DATES.items()]
    texts += [("b.txt", "Thanh Niên\n" + wire, "2024-04-11"),  # the same wire story, republished
              ("c.txt", "Tin nhanh\nCác huấn luyện viên quân sự Nga đã đến Niger vào tối 10/4, theo truyền thông Niger.",
               "2024-04-11"),
              ("003.txt", (EXAMPLES / "003_a702ee0b46030dc5.txt").read_text(encoding="utf-8"), None)]
    analysed = [service.analyze(text, date=date, path=name) for name, text, date in texts]
    version = "test"

    def stored_as(batches, writers: int = 1) -> list[tuple]:
        """Each mention in order, with its happening as stored; ids as places, so that runs compare.
        With several writers (each a Store, as a process has one) the batches go to each in turn."""
        stores = [Store(db_url) for _ in range(writers)]
        store = stores[0]
        with store.engine.begin() as connection:
            for table in ("article_lsh", "events", "canonical_events", "articles"):
                connection.execute(sa.text(f"DELETE FROM {table}"))
        for number, batch in enumerate(batches):
            stores[number % writers].add_many(batch, version)
        with store.engine.connect() as connection:
            mentions = connection.execute(sa.text("SELECT id, canonical_id FROM events ORDER BY id")).all()
            heads = {row.id: row._mapping for row in connection.execute(sa.text("SELECT * FROM canonical_events"))}
        place = {mention.id: number for number, mention in enumerate(mentions)}
        return [(place[mention.id], place[heads[mention.canonical_id]["first_mention_id"]],
                 {k: v for k, v in heads[mention.canonical_id].items() if k not in ("id", "first_mention_id", "first_seen", "last_seen")})
                for mention in mentions]

    one_by_one = stored_as([[article] for article in analysed])
    assert any(head["source_count"] < head["article_count"] for _, _, head in one_by_one)  # b repeats a
    assert len({first for _, first, _ in one_by_one}) < len(one_by_one)  # some reports merge
    assert stored_as([analysed]) == one_by_one
    assert stored_as([analysed[:2], analysed[2:]]) == one_by_one
    assert stored_as([[article] for article in analysed], writers=2) == one_by_one  # see the next test
    assert stored_as([analysed[:1], analysed[1:3], analysed[3:4], analysed[4:]], writers=2) == one_by_one


def test_a_writer_sees_the_happenings_another_writer_stored_since_its_last_batch(db_url):
    """A storing process keeps the happening candidates it read and left (on SQLite); once another
    writer has committed it reads them again, so a report joins the happening the other created."""
    arrival = "Tin nhanh\nNga đã gửi viện trợ quân sự cho Niger vào ngày {}."
    april = service.analyze(arrival.format("10/4"), date="2024-04-11", path="april.txt")
    may = service.analyze(arrival.format("20/5"), date="2024-05-21", path="may.txt")
    may_again = service.analyze("Bản tin tối\n" + arrival.format("20/5"), date="2024-05-21", path="may-again.txt")
    first, second = Store(db_url), Store(db_url)
    first.add_many([april], "test")  # the first writer now holds the key's one happening, April's
    second.add_many([may], "test")  # the second adds May's
    first.add_many([may_again], "test")
    with first.engine.connect() as connection:
        heads = connection.execute(sa.text("SELECT date, mention_count FROM canonical_events ORDER BY id")).all()
    assert [tuple(head) for head in heads] == [("2024-04-10", 1), ("2024-05-20", 2)]
