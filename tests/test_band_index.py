"""The near-duplicate bands in memory: what other writers stored since the last look is found, a
rolled-back transaction leaves nothing behind, and a removed article is no candidate."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from vnevents import band_index, service, store as store_module
from vnevents.store import Store

from .conftest import EXAMPLES

WIRE = (EXAMPLES / "000_80fee103ab6e860c.txt").read_text(encoding="utf-8")
VERSION = "test"


@pytest.fixture(scope="module")
def stories():
    """The same wire story under three outlets' first lines, and an unrelated article."""
    copies = [service.analyze(f"{outlet}\n{WIRE}", date="2024-04-11", path=f"{n}.txt")
              for n, outlet in enumerate(("VnExpress", "Thanh Niên", "Tuổi Trẻ"))]
    other = service.analyze((EXAMPLES / "001_75dbe35eade5f37d.txt").read_text(encoding="utf-8"), date="2024-06-01", path="other.txt")
    return copies, other


def _groups(url: str) -> dict[str, int]:
    with sa.create_engine(url).connect() as connection:
        return dict(connection.execute(sa.text("SELECT path, dup_group FROM articles")).all())


def _ids(url: str) -> dict[str, int]:
    with sa.create_engine(url).connect() as connection:
        return dict(connection.execute(sa.text("SELECT path, id FROM articles")).all())


def test_a_copy_another_writer_stored_since_the_last_look_is_found(db_url, stories):
    copies, other = stories
    late, early = Store(db_url), Store(db_url)
    late.add_many([other], VERSION)  # reads the bands once: there is one article
    early.add_many([copies[0]], VERSION)
    late.add_many([copies[1]], VERSION)  # reads only what was stored since: the first copy
    groups, ids = _groups(db_url), _ids(db_url)
    assert groups["1.txt"] == ids["0.txt"] and groups["other.txt"] == ids["other.txt"]


def test_a_rolled_back_transaction_leaves_no_bands_and_a_later_row_is_still_read(db_url, stories, monkeypatch):
    copies, other = stories
    failing, writer = Store(db_url), Store(db_url)
    failing.add_many([other], VERSION)
    stored_mentions = store_module._store_new_mentions

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(store_module, "_store_new_mentions", broken)
    with pytest.raises(RuntimeError):
        failing.add_many([copies[0]], VERSION)  # its bands went in, then the transaction rolled back
    monkeypatch.setattr(store_module, "_store_new_mentions", stored_mentions)
    assert "0.txt" not in _ids(db_url)
    writer.add_many([copies[2]], VERSION)  # on SQLite, the row takes the seq the rolled-back one had
    failing.add_many([copies[1]], VERSION)
    groups, ids = _groups(db_url), _ids(db_url)
    assert set(ids) == {"other.txt", "2.txt", "1.txt"}
    assert groups["1.txt"] == ids["2.txt"]


def test_a_removed_article_is_no_candidate(db_url, stories):
    copies, _ = stories
    store = Store(db_url)
    [first] = store.add_many([copies[0]], VERSION)
    assert store.delete_article(first)  # its bands stay in this store's memory
    [second] = store.add_many([copies[1]], VERSION)
    [third] = store.add_many([copies[2]], VERSION)
    groups = _groups(db_url)
    assert groups == {"1.txt": second, "2.txt": second} and third != second


def test_the_bands_read_at_once_and_those_gathered_one_commit_at_a_time_find_the_same(db_url, stories, monkeypatch):
    monkeypatch.setattr(band_index, "MERGE_AT", 20)  # the held keys go into the arrays after two articles
    copies, other = stories
    gathering = Store(db_url)
    gathering.add_many([other], VERSION)
    for copy in copies:
        gathering.add_many([copy], VERSION)
    groups, ids = _groups(db_url), _ids(db_url)
    assert {groups[f"{n}.txt"] for n in range(3)} == {ids["0.txt"]}
    fresh = Store(db_url)
    fresh.read_bands()
    with sa.create_engine(db_url).connect() as connection:
        every_key = [key for (buckets,) in connection.execute(sa.text("SELECT buckets FROM article_lsh ORDER BY seq"))
                     for key in band_index.band_keys(bytes(buckets)).tolist()]
    assert len(every_key) == 4 * store_module.LSH_BANDS
    found = {key: sorted(ids) for key, ids in gathering._bands.sharing(every_key).items()}
    assert found == {key: sorted(ids) for key, ids in fresh._bands.sharing(every_key).items()}
    assert sorted(found[every_key[0]]) == [ids["other.txt"]]
    assert max(map(len, found.values())) == 3  # a band the three copies share
