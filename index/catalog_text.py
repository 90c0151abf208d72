"""The catalog's text side: chunks, sentences, the lexical index and attributions, read.

A mixin of ``Catalog`` (index/catalog.py), which owns the connections and the schema; kept apart
so each file reads as one subject. Every read is bounded by the ids or the limit it is given.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# The columns an attribution row is read with; rows come back as dicts keyed by these names.
_ATTRIBUTION_COLUMNS = ("sentence", "article", "speaker", "speaker_key", "speaker_kind", "mention",
                        "cue", "kind", "content_start", "content_end", "resolved")  # fmt: skip


def library_token(library_id: int) -> str:
    """The single FTS token that marks a chunk's library ("lib12")."""
    return f"lib{library_id}"


def vector_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def blob_vector(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)


@dataclass(frozen=True)
class StoredSentence:
    """A story sentence as stored: its row, article row, span, text, vector and entities."""

    row: int
    article: int
    position: int
    start: int
    end: int
    text: str
    vector: np.ndarray
    entities: tuple[tuple[str, int, int], ...]  # (label, start, end) relative to the sentence
    # (verb, role) of each entity (index.roles); empty for sentences stored before roles were
    roles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class StoredChunk:
    row: int
    chunk_id: str
    article: int
    start: int
    end: int
    text: str


class TextQueries:
    """Reads of chunks, sentences, the FTS5 index and attributions (mixed into Catalog)."""

    db: Any  # the thread's sqlite3 connection, provided by Catalog

    # --- chunks and sentences ----------------------------------------------------------------
    def chunks_by_id(self, chunk_ids: Sequence[str]) -> dict[str, StoredChunk]:
        out: dict[str, StoredChunk] = {}
        for batch in _batches(list(chunk_ids)):
            marks = ",".join("?" * len(batch))
            for r in self.db.execute(
                f"SELECT id, chunk_id, article, start, end, text FROM chunks "
                f"WHERE chunk_id IN ({marks})",
                batch,
            ):
                out[r[1]] = StoredChunk(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4]), r[5])
        return out

    def sentences_in(self, article: int, start: int, end: int) -> list[StoredSentence]:
        """The article's sentences that lie mostly inside [start, end), or that fill most of
        it (a sentence longer than a chunk)."""
        rows = self.db.execute(
            "SELECT id, article, position, start, end, text, vector, entities FROM sentences "
            "WHERE article=? AND start < ? AND end > ? ORDER BY start",
            (article, end, start),
        )
        out = []
        for r in rows:
            inside = min(end, r[4]) - max(start, r[3])
            if 2 * inside >= min(r[4] - r[3], end - start):
                out.append(_sentence(r))
        return out

    def sentences_by_row(self, rows: Sequence[int]) -> dict[int, StoredSentence]:
        out: dict[int, StoredSentence] = {}
        for batch in _batches(list(rows)):
            marks = ",".join("?" * len(batch))
            for r in self.db.execute(
                "SELECT id, article, position, start, end, text, vector, entities FROM sentences "
                f"WHERE id IN ({marks})",
                batch,
            ):
                out[int(r[0])] = _sentence(r)
        return out

    def sentences_near(self, article: int, position: int, radius: int) -> list[StoredSentence]:
        """The article's sentences within ``radius`` positions of one, in order."""
        rows = self.db.execute(
            "SELECT id, article, position, start, end, text, vector, entities FROM sentences "
            "WHERE article=? AND position BETWEEN ? AND ? ORDER BY position",
            (article, position - radius, position + radius),
        )
        return [_sentence(r) for r in rows]

    def article_sentences(self, article: int) -> list[StoredSentence]:
        rows = self.db.execute(
            "SELECT id, article, position, start, end, text, vector, entities FROM sentences "
            "WHERE article=? ORDER BY position",
            (article,),
        )
        return [_sentence(r) for r in rows]

    # --- lexical search ----------------------------------------------------------------------
    def lexical_search(
        self, terms: Sequence[str], library_ids: Sequence[int], limit: int
    ) -> list[tuple[str, float]]:
        """(chunk_id, BM25 score) of the best chunks of the libraries for any of the terms."""
        terms = [t for t in dict.fromkeys(terms) if t]
        if not terms or not library_ids:
            return []
        match = "library : ({}) AND terms : ({})".format(
            " OR ".join(library_token(i) for i in library_ids),
            " OR ".join(_fts_string(t) for t in terms),
        )
        rows = self.db.execute(
            "SELECT c.chunk_id, -bm25(chunks_fts, 1.0, 0.0) AS score FROM chunks_fts "
            "JOIN chunks c ON c.id = chunks_fts.rowid WHERE chunks_fts MATCH ? "
            "ORDER BY bm25(chunks_fts, 1.0, 0.0) LIMIT ?",
            (match, limit),
        )
        return [(r[0], float(r[1])) for r in rows]

    def name_known(self, terms: Sequence[str], library_ids: Sequence[int], loose: bool = False
                   ) -> bool:  # fmt: skip
        """Whether one chunk of the libraries holds every term of a name. ``loose``: a word's
        stem may go on ("Korea" finds "Korean", "Japanese" finds "Japan")."""
        terms = [t for t in dict.fromkeys(terms) if t]
        if not terms or not library_ids:
            return True
        parts = [
            f"{_fts_string(t[: max(4, len(t) - 3)])} *" if loose and len(t) > 4 else _fts_string(t)
            for t in terms
        ]
        match = "library : ({}) AND terms : ({})".format(
            " OR ".join(library_token(i) for i in library_ids), " AND ".join(parts)
        )
        row = self.db.execute(
            "SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT 1", (match,)
        ).fetchone()
        return row is not None

    def outlets(self, library_ids: Sequence[int]) -> list[str]:
        """The outlets of the libraries' articles."""
        marks = ",".join("?" * len(library_ids))
        rows = self.db.execute(
            f"SELECT DISTINCT outlet FROM articles WHERE library IN ({marks}) "
            "AND outlet IS NOT NULL",
            list(library_ids),
        )
        return [r[0] for r in rows]

    def passage_of(self, sentence_row: int) -> str:
        """The chunk that holds a sentence (what /source n shows), or the sentence itself."""
        row = self.db.execute(
            "SELECT c.text FROM sentences s JOIN chunks c ON c.article = s.article "
            "AND c.start <= s.start AND c.end >= s.end WHERE s.id=? ORDER BY c.position LIMIT 1",
            (sentence_row,),
        ).fetchone()
        if row is not None:
            return str(row[0])
        text = self.db.execute("SELECT text FROM sentences WHERE id=?", (sentence_row,)).fetchone()
        return str(text[0]) if text else ""

    def document_frequencies(self, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        """How many chunks (over every library) use each term, and how many chunks there are."""
        wanted = list(dict.fromkeys(terms))
        found: dict[str, int] = {}
        for batch in _batches(wanted):
            marks = ",".join("?" * len(batch))
            for term, docs in self.db.execute(
                f"SELECT term, doc FROM chunks_vocab WHERE term IN ({marks})", batch
            ):
                found[term] = int(docs)
        total = int(self.db.execute("SELECT count(*) FROM chunks").fetchone()[0])
        return found, total

    # --- attributions ------------------------------------------------------------------------
    def attributions_of(
        self, speaker_keys: Sequence[str], library_ids: Sequence[int], limit: int
    ) -> list[dict[str, Any]]:
        """Attributions whose speaker key is one of the keys, in the libraries (newest first)."""
        if not speaker_keys:
            return []
        keys = ",".join("?" * len(speaker_keys))
        return self._attributions(f"t.speaker_key IN ({keys})", speaker_keys, library_ids, limit)

    def attributions_mentioning(
        self, word: str, library_ids: Sequence[int], limit: int
    ) -> list[dict[str, Any]]:
        """Attributions whose speaker is mentioned with the word ("the report said"), in the
        libraries (newest first): a document that speaks for someone named elsewhere."""
        if not word:
            return []
        pattern = f"%{word.lower()}%"
        return self._attributions("lower(t.mention) LIKE ?", [pattern], library_ids, limit)

    def _attributions(
        self, where: str, params: Sequence[str], library_ids: Sequence[int], limit: int
    ) -> list[dict[str, Any]]:
        if not library_ids:
            return []
        libs = ",".join("?" * len(library_ids))
        columns = ", ".join(f"t.{c}" for c in _ATTRIBUTION_COLUMNS)
        rows = self.db.execute(
            f"SELECT {columns} FROM attributions t JOIN articles a ON a.id = t.article "
            f"WHERE {where} AND a.library IN ({libs}) "
            "ORDER BY coalesce(a.published, '') DESC, t.id LIMIT ?",
            (*params, *library_ids, limit),
        )
        return [dict(zip(_ATTRIBUTION_COLUMNS, r, strict=True)) for r in rows]

    def attributions_for(self, sentence_rows: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        out: dict[int, list[dict[str, Any]]] = {}
        for batch in _batches(list(sentence_rows)):
            marks = ",".join("?" * len(batch))
            for r in self.db.execute(
                f"SELECT {', '.join(_ATTRIBUTION_COLUMNS)} FROM attributions "
                f"WHERE sentence IN ({marks})",
                batch,
            ):
                row = dict(zip(_ATTRIBUTION_COLUMNS, r, strict=True))
                out.setdefault(int(row["sentence"]), []).append(row)
        return out


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _batches(items: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _sentence(r: Sequence[Any]) -> StoredSentence:
    stored = json.loads(r[7] or "[]")
    entities = tuple((str(e[0]), int(e[1]), int(e[2])) for e in stored)
    roles = (
        tuple((str(e[3]), str(e[4])) for e in stored) if all(len(e) >= 5 for e in stored) else ()
    )
    return StoredSentence(
        int(r[0]),
        int(r[1]),
        int(r[2]),
        int(r[3]),
        int(r[4]),
        r[5],
        blob_vector(r[6]),
        entities,
        roles,
    )
