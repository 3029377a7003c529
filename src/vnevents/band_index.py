"""The stored articles' MinHash LSH bands, held in memory by the process that stores articles.

Near-duplicate candidates are the stored articles that share one of a new article's bands. As an
SQL index the bands were the largest cost of storing an article into a database of 100,000: the
sixteen bands of each article land on sixteen random leaves of an index too large for any commit to
share them, so every article wrote about nineteen more pages than on an empty database. Here the
table `article_lsh` keeps each article's bands as one row (an append, no index over the bands), and
this index takes the rows once into two sorted arrays, then only the rows stored since it last
looked: `seq` grows in commit order (AUTOINCREMENT on SQLite; on PostgreSQL the writers take an
advisory lock before the rows go in: store._read_bands). No library keeps an LSH table in memory that is fed from another
store's rows in commit order (datasketch's MinHashLSH keeps Python dicts of every key: 1.6 million
keys at 100,000 articles cost hundreds of MB), so it is written here over numpy.

A row read here can be stale: an article removed since (its bands stay in the arrays), or an id
reused by a later article. Candidates are only candidates: the caller compares signatures and
skips ids no longer stored, so a stale row costs a comparison, never a wrong group.
"""
from __future__ import annotations

from typing import Iterable

import numpy

MERGE_AT = 1 << 14  # committed keys held apart (in a dict) until the sorted arrays take them in
BAND_BYTES = 8  # each band's bucket: an 8-byte digest of its rows
KEY, ARTICLE = numpy.uint32, numpy.int32  # in the arrays: 8 bytes a band, 128 an article


def band_keys(buckets: bytes) -> numpy.ndarray:
    """One article's keys: each band's digest, told apart from the same digest of another band by a
    constant of its band, folded to 32 bits (two different bands agreeing on them only adds a
    candidate: one lookup in 250 at a million articles)."""
    return _folded(numpy.frombuffer(buckets, dtype="<u8").reshape(1, -1))[0]


def _folded(digests: numpy.ndarray) -> numpy.ndarray:
    """Rows of band digests (uint64, a column per band) as KEY values."""
    salted = digests.astype(numpy.uint64) ^ (numpy.arange(digests.shape[1], dtype=numpy.uint64) * numpy.uint64(0x9E3779B97F4A7C15))
    return (salted ^ (salted >> numpy.uint64(32))).astype(KEY)


class BandIndex:
    """Which stored articles hold a band key. A Store writes from one thread: this is not locked.

    Keys come from three places: the sorted arrays (`_keys`, `_ids`), the committed rows read or
    stored since the arrays were last built (`_recent`), and this transaction's own rows (`_staged`),
    which count once the transaction commits (`settle`) and vanish if it does not (`discard`).
    """

    def __init__(self) -> None:
        self._keys = numpy.empty(0, KEY)
        self._ids = numpy.empty(0, ARTICLE)
        self._recent: dict[int, list[int]] = {}
        self._recent_count = 0
        self._staged: dict[int, list[int]] = {}
        self._staged_seq = 0  # the last seq of this transaction's rows (0: none)
        self._seen_seq = 0  # every committed row up to this seq is held
        self._loaded = False

    def since(self) -> int:
        """The seq after which the rows not yet held begin."""
        return max(self._seen_seq, self._staged_seq)

    def take(self, parts: Iterable[list[tuple]]) -> None:
        """The rows (seq, article_id, buckets) committed after `since()`, in seq order and in parts:
        on the first call all of them, each part kept as arrays, not as rows."""
        if not self._loaded:
            arrays = []
            for rows in parts:
                arrays.append(_arrays(rows))
                self._seen_seq = rows[-1][0]
            if arrays:
                self._keys, self._ids = _sorted(numpy.concatenate([keys for keys, _ in arrays]),
                                                numpy.concatenate([ids for _, ids in arrays]))
            self._loaded = True
            return
        for rows in parts:
            for seq, article_id, buckets in rows:
                self._hold(self._recent, article_id, band_keys(bytes(buckets)).tolist())
                self._recent_count += len(buckets) // BAND_BYTES
                self._seen_seq = seq
        self._merge_if_large()

    def stage(self, seq: int, article_id: int, keys: list[int]) -> None:
        """This transaction stored `article_id`'s bands as row `seq`."""
        self._hold(self._staged, article_id, keys)
        self._staged_seq = max(self._staged_seq, seq)

    def sharing(self, keys: Iterable[int]) -> dict[int, list[int]]:
        """The articles (ids, in no order) holding each of `keys` that any holds."""
        wanted = numpy.unique(numpy.fromiter(keys, dtype=KEY))
        found: dict[int, list[int]] = {}
        if len(self._keys) and len(wanted):
            first = numpy.searchsorted(self._keys, wanted, side="left")
            last = numpy.searchsorted(self._keys, wanted, side="right")
            for position in numpy.flatnonzero(last > first):
                found[int(wanted[position])] = self._ids[first[position]:last[position]].tolist()
        for held in (self._recent, self._staged):
            if held:
                for key in wanted.tolist():
                    if key in held:
                        found.setdefault(key, []).extend(held[key])
        return found

    def settle(self) -> None:
        """The transaction committed: its rows count from now on."""
        if self._staged_seq:
            for key, article_ids in self._staged.items():
                self._recent.setdefault(key, []).extend(article_ids)
                self._recent_count += len(article_ids)
            self._seen_seq = max(self._seen_seq, self._staged_seq)
            self._merge_if_large()
        self._staged, self._staged_seq = {}, 0

    def discard(self) -> None:
        """The transaction rolled back: its rows never were (their seqs may be given again)."""
        self._staged, self._staged_seq = {}, 0

    @staticmethod
    def _hold(held: dict[int, list[int]], article_id: int, keys: list[int]) -> None:
        for key in keys:
            held.setdefault(key, []).append(article_id)

    def _merge_if_large(self) -> None:
        # a dict entry costs some hundred bytes, an array entry eight: the dict takes the keys of
        # about a thousand articles, then they go into the arrays (inserted in place of a sort of
        # all, so that the arrays exist twice at most, not four times, while it runs)
        if self._recent_count < MERGE_AT:
            return
        keys = numpy.fromiter((key for key, ids in self._recent.items() for _ in ids), dtype=KEY, count=self._recent_count)
        ids = numpy.fromiter((article_id for ids in self._recent.values() for article_id in ids), dtype=ARTICLE,
                             count=self._recent_count)
        keys, ids = _sorted(keys, ids)
        places = numpy.searchsorted(self._keys, keys)
        self._keys = numpy.insert(self._keys, places, keys)
        self._ids = numpy.insert(self._ids, places, ids)
        self._recent, self._recent_count = {}, 0


def _arrays(rows: list[tuple]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The keys of `rows` (seq, article_id, buckets), with the article of each: the rows' digests
    folded as one matrix (every article has the same bands)."""
    bands = len(rows[0][2]) // BAND_BYTES
    digests = numpy.frombuffer(b"".join(bytes(row[2]) for row in rows), dtype="<u8").reshape(len(rows), bands)
    return _folded(digests).ravel(), numpy.repeat(numpy.array([row[1] for row in rows], dtype=ARTICLE), bands)


def _sorted(keys: numpy.ndarray, ids: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    order = numpy.argsort(keys)
    return keys[order], ids[order]
