"""Hybrid retrieval: BM25 over the chunks fused with dense search by reciprocal rank fusion."""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from index.models import Article, Passage
from index.store import ArticleStore, Chunk
from index.text import all_stems

RRF_K = 60
# How often to ask the store whether another process changed it.
RECHECK_SECONDS = 2.0


class BM25:
    """Okapi BM25 over stemmed, stopword-free tokens, with an inverted index."""

    def __init__(self, documents: list[list[str]], k1: float = 1.5, b: float = 0.75) -> None:
        n = len(documents)
        lengths = np.array([len(d) for d in documents], dtype=np.float64)
        average = float(lengths.mean()) if n else 1.0
        # Per document, the part of BM25's denominator that does not depend on the term.
        self._norm = k1 * (1 - b + b * lengths / (average or 1.0))
        self._k1 = k1
        self.size = n
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        counts: dict[str, dict[int, int]] = {}
        for i, doc in enumerate(documents):
            for term, tf in Counter(doc).items():
                counts.setdefault(term, {})[i] = tf
        for term, docs in counts.items():
            ids = np.fromiter(docs.keys(), dtype=np.int64, count=len(docs))
            tfs = np.fromiter(docs.values(), dtype=np.float64, count=len(docs))
            self.postings[term] = (ids, tfs)
        self.idf = {
            t: math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5))
            for t, (ids, _) in self.postings.items()
        }
        self.max_idf = math.log(1 + (n + 0.5) / 0.5) if n else 1.0

    def term_idf(self, term: str) -> float:
        """IDF of a term; a term the corpus never uses gets the highest value."""
        return self.idf.get(term, self.max_idf)

    def scores(self, query: list[str]) -> np.ndarray:
        out = np.zeros(self.size)
        for term in set(query):
            if term not in self.postings:
                continue
            ids, tfs = self.postings[term]
            out[ids] += self.idf[term] * tfs * (self._k1 + 1) / (tfs + self._norm[ids])
        return out


def metadata_text(article: Article) -> str:
    """The words an article's metadata adds to each of its chunks: outlet and title."""
    return f"{article.outlet or ''}\n{article.title}"


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Fuse ranked id lists: each id scores the sum of 1 / (k + rank) over the lists."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class Snapshot:
    """The collection as retrieval sees it, rebuilt when the store changes."""

    count: int
    version: int
    chunks: list[Chunk]
    by_id: dict[str, Chunk]
    articles: dict[str, Article]
    bm25: BM25
    checked_at: float = 0.0
    # Per-chunk work derived from the chunk text (sentences, stems, vectors), filled on demand.
    derived: dict[str, Any] = field(default_factory=dict)


class HybridRetriever:
    """Ranks chunks of one store; the BM25 side is rebuilt whenever the store changes."""

    def __init__(self, store: ArticleStore, candidates: int = 20) -> None:
        self.store = store
        self.candidates = candidates
        self._snapshot: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        snap = self._snapshot
        now = time.monotonic()
        if snap is not None and snap.version == self.store.version:
            if now - snap.checked_at < RECHECK_SECONDS:
                return snap
            snap.checked_at = now
        count = self.store.count()
        if snap is None or snap.count != count or snap.version != self.store.version:
            chunks, articles = self.store.all_chunks()
            docs = [all_stems(f"{metadata_text(articles[c.article_id])}\n{c.text}") for c in chunks]
            snap = Snapshot(
                count=count,
                version=self.store.version,
                chunks=chunks,
                by_id={c.chunk_id: c for c in chunks},
                articles=articles,
                bm25=BM25(docs),
                checked_at=now,
            )
            self._snapshot = snap
        return snap

    def articles(self) -> list[Article]:
        return sorted(self.snapshot().articles.values(), key=lambda a: a.article_id)

    def retrieve(self, query: str, vector: np.ndarray, k: int = 8) -> list[Passage]:
        snap = self.snapshot()
        if not snap.chunks:
            return []
        lexical = snap.bm25.scores(all_stems(query))
        order = np.argsort(-lexical, kind="stable")
        bm25_ranking = [snap.chunks[i].chunk_id for i in order[: self.candidates] if lexical[i] > 0]
        dense = self.store.dense_query(vector, min(self.candidates, len(snap.chunks)))
        dense_ranking = [cid for cid, _ in dense if cid in snap.by_id]
        passages = []
        for chunk_id, score in reciprocal_rank_fusion([bm25_ranking, dense_ranking])[:k]:
            chunk = snap.by_id[chunk_id]
            passages.append(Passage(chunk_id, snap.articles[chunk.article_id], chunk.text, score))
        return passages
