"""Hybrid retrieval: BM25 (the catalog's FTS5 index) fused with dense search by reciprocal rank.

Both sides read only what a question needs: FTS5 ranks the chunks that share a term with the
question, chroma returns its nearest neighbours, and the catalog supplies the texts of the few
chunks kept. Nothing is held in memory per chunk, so adding an article costs the same in a
library of ten articles as in one of ten thousand.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from index.catalog_text import StoredChunk
from index.models import Article, Passage
from index.store import Library, Store
from index.text import all_stems

RRF_K = 60
# Chunks each side proposes before fusion.
CANDIDATES = 20
# Article metadata kept in memory (rows never change: a replaced article gets a new row).
ARTICLE_CACHE = 4096


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Fuse ranked id lists: each id scores the sum of 1 / (k + rank) over the lists."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))


class HybridRetriever:
    """Ranks the chunks of a question's libraries."""

    def __init__(self, store: Store, candidates: int = CANDIDATES) -> None:
        self.store = store
        self.catalog = store.catalog
        self.candidates = candidates
        self._articles: OrderedDict[int, Article] = OrderedDict()
        self._lock = threading.Lock()
        self._idf_generation: tuple[int, int] | None = None
        self._idf: dict[str, float] = {}
        self._chunk_total = 0

    def articles(self, rows: Sequence[int]) -> dict[int, Article]:
        """Article metadata by catalog row, cached."""
        with self._lock:
            found = {r: self._articles[r] for r in rows if r in self._articles}
        missing = [r for r in rows if r not in found]
        if missing:
            fetched = self.catalog.articles_by_row(missing)
            with self._lock:
                for row, article in fetched.items():
                    self._articles[row] = article
                while len(self._articles) > ARTICLE_CACHE:
                    self._articles.popitem(last=False)
            found.update(fetched)
        return found

    def retrieve(
        self, query: str, vector: np.ndarray, libraries: Sequence[Library], k: int = 8
    ) -> list[Passage]:
        lexical = self.catalog.lexical_search(
            all_stems(query), [lib.id for lib in libraries], self.candidates
        )
        dense = self.store.dense_search(vector, libraries, self.candidates)
        chunks = self.catalog.chunks_by_id([cid for cid, _ in lexical] + [cid for cid, _ in dense])
        rankings = [
            [cid for cid, _ in lexical],
            [cid for cid, _ in dense if cid in chunks],  # a vector the catalog dropped is stale
        ]
        fused = reciprocal_rank_fusion(rankings)[:k]
        articles = self.articles([chunks[cid].article for cid, _ in fused])
        return [_passage(chunks[cid], articles[chunks[cid].article], score) for cid, score in fused]

    def idf(self, terms: Sequence[str]) -> tuple[dict[str, float], float]:
        """BM25's IDF of each term over every chunk, and the IDF of a term no chunk uses."""
        generation = self.catalog.generation()
        with self._lock:
            if generation != self._idf_generation:
                self._idf, self._idf_generation = {}, generation
                self._chunk_total = -1
            missing = [t for t in terms if t not in self._idf]
        if missing or self._chunk_total < 0:
            frequencies, total = self.catalog.document_frequencies(missing)
            with self._lock:
                self._chunk_total = total
                for term in missing:
                    df = frequencies.get(term, 0)
                    self._idf[term] = _bm25_idf(df, total) if df else -1.0
        with self._lock:
            unseen = _bm25_idf(0, self._chunk_total)
            return {t: self._idf[t] for t in terms if self._idf.get(t, -1.0) >= 0}, unseen


def _bm25_idf(df: int, total: int) -> float:
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


def _passage(chunk: StoredChunk, article: Article, score: float) -> Passage:
    return Passage(chunk.chunk_id, article, chunk.text, score, chunk.start, chunk.end)
