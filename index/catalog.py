"""The catalog: every article, chunk, sentence and attribution, in one SQLite file per data dir.

Chroma holds the chunk vectors for dense search; everything else lives here, so that nothing is
ever read from chroma in bulk:

- ``libraries``: a library is a set of articles with its own chroma collection of the same name
  (the base library, and one per chat on top of it).
- ``articles``: metadata, the clean story text, and the hashes that decide "unchanged",
  "exact copy" and (through ``copy_of``) "near-duplicate".
- ``chunks`` and ``chunks_fts``: chunk texts and the persisted lexical index. FTS5 ranks with
  BM25 over our own stems (fed pre-stemmed), with the library as a second column so a question
  searches only its own libraries. Adding or removing an article touches only its own rows.
- ``sentences``: every story sentence with its span, vector (float16) and named entities.
- ``attributions``: who said what, per sentence.
- ``pending``: chroma ids written but not yet committed here, or committed as stale; cleaned up
  at the next open, so a crash never leaves orphans in chroma (see ``store.py``).

Connections are per thread (SQLite in WAL mode lets readers run while one writer writes).
``generation()`` changes whenever any process commits, which is how caches know to drop.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.catalog_text import (
    TextQueries,
    _batches,
)
from index.models import Article

if TYPE_CHECKING:
    from index.dedupe import NearDuplicates

SCHEMA_VERSION = "2"
BUSY_TIMEOUT_MS = 30_000
# SQLite page cache per connection (negative: KiB). Large enough for the FTS index's hot pages.
CACHE_KIB = 64 * 1024

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS libraries (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0)
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    library INTEGER NOT NULL REFERENCES libraries(id),
    article_id TEXT NOT NULL,
    source_key TEXT NOT NULL,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    byline TEXT,
    url TEXT,
    dateline TEXT,
    content_hash TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    copy_of INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    added_at REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0),
    added_by TEXT,
    n_chunks INTEGER NOT NULL,
    UNIQUE (library, article_id),
    UNIQUE (library, source_key)
);
CREATE INDEX IF NOT EXISTS articles_by_text ON articles (text_hash);
CREATE INDEX IF NOT EXISTS articles_by_copy ON articles (copy_of);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chunk_id TEXT NOT NULL UNIQUE,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    terms TEXT NOT NULL,
    library TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_article ON chunks (article);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    terms, library, content='chunks', content_rowid='id', tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER IF NOT EXISTS chunks_fts_insert AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts (rowid, terms, library) VALUES (new.id, new.terms, new.library);
END;
CREATE TRIGGER IF NOT EXISTS chunks_fts_delete AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, terms, library)
    VALUES ('delete', old.id, old.terms, old.library);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_vocab USING fts5vocab(chunks_fts, 'row');
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    vector BLOB NOT NULL,
    entities TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS sentences_by_article ON sentences (article, start);
CREATE TABLE IF NOT EXISTS attributions (
    id INTEGER PRIMARY KEY,
    sentence INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker TEXT NOT NULL,
    speaker_key TEXT NOT NULL,
    speaker_kind TEXT NOT NULL,
    mention TEXT NOT NULL,
    cue TEXT NOT NULL,
    kind TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    resolved TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attributions_by_speaker ON attributions (speaker_key);
CREATE INDEX IF NOT EXISTS attributions_by_sentence ON attributions (sentence);
CREATE TABLE IF NOT EXISTS pending (
    chroma_id TEXT NOT NULL,
    collection TEXT NOT NULL,
    pid INTEGER NOT NULL,
    PRIMARY KEY (chroma_id, collection)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class StoredArticle:
    """What ingest needs to know about an article already in a library."""

    row: int
    article_id: str
    source_key: str
    content_hash: str


class Catalog(TextQueries):
    """The SQLite side of a data dir; thread-safe (a connection per thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._commits = 0
        with self._write_lock:
            self.db.executescript(_SCHEMA)  # idempotent; runs in its own transaction
            columns = {r[1] for r in self.db.execute("PRAGMA table_info(articles)")}
            if "dateline" not in columns:  # a catalog made before datelines were kept
                self.db.execute("ALTER TABLE articles ADD COLUMN dateline TEXT")
        with self.write() as db:
            db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,)
            )

    # --- connections -------------------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
            conn.execute("PRAGMA journal_mode=WAL")
            # A power cut may lose the last commits, never corrupt the file; no fsync per article.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self._local.conn = conn
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT), serialised within the process."""
        with self._write_lock:
            db = self.db
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            self._commits += 1

    def generation(self) -> tuple[int, int]:
        """Changes whenever this process or another one commits a change to the file."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0]), self._commits

    def near_duplicates(self) -> NearDuplicates:
        """The near-duplicate index over this thread's connection (its tables live here too)."""
        found: NearDuplicates | None = getattr(self._local, "near", None)
        if found is None or found.conn is not self.db:
            from index.dedupe import NearDuplicates

            with self._write_lock:
                found = self._local.near = NearDuplicates(self.db)
        return found

    def original_of(self, row: int) -> int:
        """The article a near-duplicate copies (itself when it is no copy)."""
        seen = set()
        while row not in seen:
            seen.add(row)
            found = self.db.execute("SELECT copy_of FROM articles WHERE id=?", (row,)).fetchone()
            if found is None or found[0] is None:
                return row
            row = int(found[0])
        return row

    def copies_of(self, rows: Sequence[int]) -> dict[int, list[int]]:
        """For each article row, the rows of the articles that are near-duplicates of it."""
        out: dict[int, list[int]] = {}
        for batch in _batches(list(rows)):
            marks = ",".join("?" * len(batch))
            for copy, original in self.db.execute(
                f"SELECT id, copy_of FROM articles WHERE copy_of IN ({marks})", batch
            ):
                out.setdefault(int(original), []).append(int(copy))
        return out

    def library_of(self, row: int) -> int:
        return int(self.db.execute("SELECT library FROM articles WHERE id=?", (row,)).fetchone()[0])

    def stored_article(self, row: int) -> tuple[str, str, str, str, dict[str, str | None]]:
        """(article_id, source, source_key, text, metadata) of a stored article."""
        r = self.db.execute(
            "SELECT article_id, source, source_key, text, title, outlet, published, byline, url, "
            "dateline FROM articles WHERE id=?",
            (row,),
        ).fetchone()
        keys = ("title", "outlet", "published", "byline", "url", "dateline")
        return r[0], r[1], r[2], r[3], dict(zip(keys, r[4:], strict=True))

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # --- libraries ---------------------------------------------------------------------------
    def library_id(self, name: str) -> int | None:
        row = self.db.execute("SELECT id FROM libraries WHERE name=?", (name,)).fetchone()
        return int(row[0]) if row is not None else None

    def create_library(self, name: str) -> tuple[int, bool]:
        """The library's id, and whether this call created it."""
        with self.write() as db:
            created = db.execute("INSERT OR IGNORE INTO libraries (name) VALUES (?)", (name,))
            new = created.rowcount > 0
        library_id = self.library_id(name)
        assert library_id is not None
        return library_id, new

    def library_names(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM libraries ORDER BY name")]

    # --- articles ----------------------------------------------------------------------------
    def article(self, row: int) -> Article:
        found = self.articles_by_row([row])
        return found[row]

    def articles_by_row(self, rows: Iterable[int]) -> dict[int, Article]:
        wanted = list(dict.fromkeys(rows))
        out: dict[int, Article] = {}
        for batch in _batches(wanted):
            marks = ",".join("?" * len(batch))
            for r in self.db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles a JOIN libraries l ON l.id = a.library "
                f"WHERE a.id IN ({marks})",
                batch,
            ):
                out[int(r[0])] = _article(r)
        return out

    def list_articles(
        self, library_ids: Sequence[int], limit: int | None = None, bylined: bool = False
    ) -> list[Article]:
        """Articles of the libraries (``bylined``: those that name their author), newest first
        (by date, then by when they were added)."""
        marks = ",".join("?" * len(library_ids))
        only = "AND coalesce(a.byline, '') != '' " if bylined else ""
        sql = (
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a JOIN libraries l ON l.id = a.library "
            f"WHERE a.library IN ({marks}) {only}"
            "ORDER BY coalesce(a.published, '') DESC, a.added_at DESC, a.id DESC"
        )
        params: list[Any] = list(library_ids)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_article(r) for r in self.db.execute(sql, params)]

    def count_articles(self, library_ids: Sequence[int]) -> int:
        marks = ",".join("?" * len(library_ids))
        sql = f"SELECT count(*) FROM articles WHERE library IN ({marks})"
        return int(self.db.execute(sql, list(library_ids)).fetchone()[0])

    def count_chunks(self, library_ids: Sequence[int]) -> int:
        """Chunks of the libraries, summed over their articles (one row each, indexed)."""
        marks = ",".join("?" * len(library_ids))
        sql = f"SELECT coalesce(sum(n_chunks), 0) FROM articles WHERE library IN ({marks})"
        return int(self.db.execute(sql, list(library_ids)).fetchone()[0])

    def find_article(self, library_id: int, column: str, value: str) -> StoredArticle | None:
        """The article whose ``column`` (article_id or source_key) has this value, or None."""
        assert column in ("article_id", "source_key")
        row = self.db.execute(
            "SELECT id, article_id, source_key, content_hash FROM articles "
            f"WHERE library=? AND {column}=?",
            (library_id, value),
        ).fetchone()
        return StoredArticle(int(row[0]), row[1], row[2], row[3]) if row else None

    def article_with_text(self, text_hash: str, library_ids: Sequence[int]) -> Article | None:
        marks = ",".join("?" * len(library_ids))
        row = self.db.execute(
            f"SELECT id FROM articles WHERE text_hash=? AND library IN ({marks}) LIMIT 1",
            (text_hash, *library_ids),
        ).fetchone()
        return self.article(int(row[0])) if row else None

    def chunk_ids_of(self, article_row: int) -> list[str]:
        rows = self.db.execute("SELECT chunk_id FROM chunks WHERE article=?", (article_row,))
        return [r[0] for r in rows]

    # --- crash recovery ----------------------------------------------------------------------
    def pending(self, dead_only: bool = True) -> dict[str, list[str]]:
        """Chroma ids per collection that may be orphans: written by a writer that never
        committed them here, or made stale and not yet deleted. With ``dead_only``, only those
        of processes that are gone (a live writer's ids are still in flight)."""
        out: dict[str, list[str]] = {}
        rows = self.db.execute("SELECT chroma_id, collection, pid FROM pending")
        for chroma_id, collection, pid in rows:
            if dead_only and _alive(int(pid)):
                continue
            out.setdefault(collection, []).append(chroma_id)
        return out

    def known_chunk_ids(self, chunk_ids: Sequence[str]) -> set[str]:
        return set(self.chunks_by_id(chunk_ids))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process has no write in flight while it recovers
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_ARTICLE_COLUMNS = (
    "a.id, a.article_id, a.title, a.outlet, a.published, a.byline, a.url, a.source, l.name, "
    "a.dateline"
)


def _article(r: Sequence[Any]) -> Article:
    return Article(
        article_id=r[1], title=r[2], outlet=r[3], published=r[4], byline=r[5], url=r[6],
        source_path=r[7], library=r[8], dateline=r[9], row=int(r[0]),
    )  # fmt: skip
