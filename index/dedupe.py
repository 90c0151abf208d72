"""Exact and near-duplicate articles: a hash of the normalised text, and MinHash/LSH over shingles.

`NearDuplicates` keeps one MinHash signature per article and its LSH band hashes in sqlite tables
of a connection the caller owns. The bands are indexed by (band, hash), so adding, finding or
removing one article touches only that article's rows and the few articles sharing a band with
it, never every article.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import unicodedata
from collections.abc import Iterable

import numpy as np

logger = logging.getLogger(__name__)

# Estimated Jaccard similarity of two articles' word 5-shingle sets at or above which one is a
# near-duplicate (a syndicated or lightly edited copy) of the other. Set with
# `.venv/bin/python benchmarks/near_duplicates.py`: on the 924 PolNeAR dev+train articles
# (426,426 pairs) every threshold from 0.2 to 0.5 flags the same 7 pairs, each one story published
# twice (new headline, edited or dropped paragraphs), and no pair of different stories; the
# closest such pair scores 0.12. Constructed copies found at 0.3 / 0.5: syndicated (5 words
# changed, a paragraph dropped) 97.9% / 94.7%, edited (5% of words changed, two paragraphs
# dropped, one added) 94.8% / 59.4%, first-half excerpt 89.0% / 27.7%, 15% of words rewritten
# 3.1% / 0%. 0.2 finds more rewrites (56%) but is within 3 standard errors of 0.12; the misses at
# 0.3 are 2-5 paragraph stories that lost a third or more of their text.
NEAR_DUPLICATE_THRESHOLD = 0.3
SHINGLE_WORDS = 5  # words per shingle: 5 keeps common phrases ("the white house said") apart
NUM_PERM = 128  # MinHash permutations: the estimate's standard error is about 0.04 at 0.5
SEED = 1  # fixed: signatures stored today must compare with those made next year

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dedupe_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dedupe_signatures (
    key TEXT PRIMARY KEY,
    exact TEXT NOT NULL,
    signature BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS dedupe_by_exact ON dedupe_signatures (exact);
CREATE TABLE IF NOT EXISTS dedupe_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dedupe_by_band ON dedupe_bands (band, hash);
CREATE INDEX IF NOT EXISTS dedupe_by_key ON dedupe_bands (key);
"""
_SIGNATURE_PARAMS = f"{NUM_PERM}:{SEED}:{SHINGLE_WORDS}"


def normalised_words(text: str) -> list[str]:
    """The text's words, case-folded and Unicode-normalised, punctuation and spacing dropped."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def exact_key(text: str) -> str:
    """Equal for texts that differ only in case, punctuation, quotes or whitespace."""
    return hashlib.sha256(" ".join(normalised_words(text)).encode()).hexdigest()[:32]


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    words = normalised_words(text)
    if not words:
        return set()
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def signature(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The MinHash signature (NUM_PERM unsigned 64-bit values) of the text's shingle set."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([s.encode() for s in sorted(shingles(text, size))])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def lsh_shape(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) that best separate pairs above and below `threshold`."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def _band_hashes(sig: np.ndarray, bands: int, rows: int) -> list[tuple[int, int]]:
    out = []
    for band in range(bands):
        chunk = sig[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "big", signed=True)))
    return out


class NearDuplicates:
    """A persisted, incremental MinHash LSH index of article texts, keyed by the caller's ids."""

    def __init__(
        self, conn: sqlite3.Connection, threshold: float = NEAR_DUPLICATE_THRESHOLD
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("the near-duplicate threshold must be in (0, 1]")
        self.conn = conn
        self.threshold = threshold
        self.bands, self.rows = lsh_shape(threshold)
        with conn:
            conn.executescript(_SCHEMA)
        self._check_layout()

    def _meta(self, name: str) -> str | None:
        row = self.conn.execute("SELECT value FROM dedupe_meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, name: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO dedupe_meta (name, value) VALUES (?, ?)"
            " ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            (name, value),
        )

    def _check_layout(self) -> None:
        """Signatures made another way are dropped; bands of another threshold are re-cut."""
        params, shape = self._meta("signature"), self._meta("bands")
        wanted_shape = f"{self.bands}x{self.rows}"
        with self.conn:
            if params is not None and params != _SIGNATURE_PARAMS:
                logger.warning("near-duplicate signatures were made differently; starting over")
                self.conn.execute("DELETE FROM dedupe_signatures")
                self.conn.execute("DELETE FROM dedupe_bands")
            elif shape is not None and shape != wanted_shape:
                self._recut_bands()
            self._set_meta("signature", _SIGNATURE_PARAMS)
            self._set_meta("bands", wanted_shape)

    def _recut_bands(self) -> None:
        # Only when the threshold setting changed: re-cut every stored signature, once.
        self.conn.execute("DELETE FROM dedupe_bands")
        for key, blob in self.conn.execute("SELECT key, signature FROM dedupe_signatures"):
            self._insert_bands(key, np.frombuffer(blob, dtype=np.uint64))

    def _insert_bands(self, key: str, sig: np.ndarray) -> None:
        self.conn.executemany(
            "INSERT INTO dedupe_bands (band, hash, key) VALUES (?, ?, ?)",
            [(band, value, key) for band, value in _band_hashes(sig, self.bands, self.rows)],
        )

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM dedupe_signatures").fetchone()[0])

    def add(self, key: str, text: str) -> None:
        """Index one article's clean text under `key` (replacing what that key had)."""
        with self.conn:
            self.add_within(key, text)

    def add_within(self, key: str, text: str) -> None:
        """Like add(), inside a transaction the caller holds open (and commits)."""
        sig = signature(text)
        self._delete(key)
        self.conn.execute(
            "INSERT INTO dedupe_signatures (key, exact, signature) VALUES (?, ?, ?)",
            (key, exact_key(text), sig.tobytes()),
        )
        if shingles(text):
            self._insert_bands(key, sig)

    def remove_within(self, key: str) -> bool:
        """Like remove(), inside a transaction the caller holds open (and commits)."""
        return self._delete(key) > 0

    def _delete(self, key: str) -> int:
        self.conn.execute("DELETE FROM dedupe_bands WHERE key = ?", (key,))
        return self.conn.execute("DELETE FROM dedupe_signatures WHERE key = ?", (key,)).rowcount

    def remove(self, key: str) -> bool:
        with self.conn:
            return self._delete(key) > 0

    def find_exact(self, text: str) -> list[str]:
        """Keys whose text equals `text` up to case, punctuation and whitespace."""
        rows = self.conn.execute(
            "SELECT key FROM dedupe_signatures WHERE exact = ? ORDER BY key", (exact_key(text),)
        )
        return [r[0] for r in rows]

    def find(self, text: str, exclude: Iterable[str] = ()) -> list[tuple[str, float]]:
        """Keys whose estimated Jaccard with `text` reaches the threshold, best first."""
        if not shingles(text):
            return []
        sig = signature(text)
        keys = self._candidates(_band_hashes(sig, self.bands, self.rows)) - set(exclude)
        found = []
        for key, blob in self._signatures(sorted(keys)):
            score = estimated_jaccard(sig, np.frombuffer(blob, dtype=np.uint64))
            if score >= self.threshold:
                found.append((key, score))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))

    def _candidates(self, hashes: list[tuple[int, int]]) -> set[str]:
        where = " OR ".join(["(band = ? AND hash = ?)"] * len(hashes))
        params = [value for pair in hashes for value in pair]
        rows = self.conn.execute(f"SELECT DISTINCT key FROM dedupe_bands WHERE {where}", params)
        return {r[0] for r in rows}

    def _signatures(self, keys: list[str]) -> list[tuple[str, bytes]]:
        out: list[tuple[str, bytes]] = []
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            marks = ",".join("?" * len(batch))
            out.extend(
                self.conn.execute(
                    f"SELECT key, signature FROM dedupe_signatures WHERE key IN ({marks})", batch
                )
            )
        return out
