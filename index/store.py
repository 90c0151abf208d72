"""The chromadb store: article chunks through llama-index, plus one vector per sentence.

Collection NAME holds the chunks (via llama-index's ChromaVectorStore) with each chunk carrying its
article's metadata; NAME__sentences holds every story sentence with its own embedding, so answers
can score sentences without embedding them at question time.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from index.embedding import Embedder
from index.errors import BackendError, InputError, UnknownCollectionError
from index.loaders import LoadedArticle
from index.models import Article, IngestReport
from index.text import split_sentences

logger = logging.getLogger(__name__)

SENTENCES_SUFFIX = "__sentences"
CHUNK_TOKENS = 200
CHUNK_OVERLAP = 40
_COLLECTION_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{1,61})[A-Za-z0-9]$")


def check_collection_name(name: str) -> str:
    if not _COLLECTION_NAME.match(name) or ".." in name or SENTENCES_SUFFIX in name:
        raise InputError(
            f"invalid collection name {name!r}: use 3-63 letters, digits, '.', '_' or '-', "
            "starting and ending with a letter or digit"
        )
    return name


def sentence_id(article_id: str, sentence: str) -> str:
    return hashlib.sha1(f"{article_id}\x1f{sentence}".encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    article_id: str
    text: str


def article_from_metadata(meta: dict[str, Any]) -> Article:
    return Article(
        article_id=str(meta["article_id"]),
        title=str(meta.get("title") or meta["article_id"]),
        outlet=meta.get("outlet") or None,
        published=meta.get("published") or None,
        byline=meta.get("byline") or None,
        url=meta.get("url") or None,
        source_path=meta.get("source_path") or None,
    )


def make_client(data_dir: Path, host: str | None = None, port: int | None = None) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if host:
            return chromadb.HttpClient(host=host, port=port or 8000, settings=settings)
        (data_dir / "chroma").mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=settings)
    except Exception as exc:  # chromadb raises bare Exceptions for connection problems
        where = f"{host}:{port}" if host else str(data_dir)
        raise BackendError(f"cannot open the chroma store at {where}: {exc}") from exc


class ArticleStore:
    """One collection of articles: write with ingest(), read chunks, sentences and articles."""

    def __init__(self, client: Any, name: str, embedder: Embedder, create: bool = False) -> None:
        self.name = check_collection_name(name)
        self.embedder = embedder
        existing = {c if isinstance(c, str) else c.name for c in client.list_collections()}
        if name not in existing and not create:
            known = ", ".join(sorted(n for n in existing if SENTENCES_SUFFIX not in n)) or "none"
            raise UnknownCollectionError(
                f"unknown collection {name!r} (known: {known}); create it with "
                f"`newsbot ingest PATH --collection {name}`"
            )
        space = {"hnsw:space": "cosine"}
        self.chunks = client.get_or_create_collection(name, metadata=space, embedding_function=None)
        self.sentences = client.get_or_create_collection(
            name + SENTENCES_SUFFIX, metadata=space, embedding_function=None
        )
        self.version = 0

    @cached_property
    def vector_store(self) -> Any:
        """llama-index's view of the chunk collection, used to write chunks (imported lazily:
        answering reads chroma directly and need not pay for importing llama-index)."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.chunks)

    # --- reading -------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.chunks.count())

    def all_chunks(self) -> tuple[list[Chunk], dict[str, Article]]:
        got = self.chunks.get(include=["documents", "metadatas"])
        chunks: list[Chunk] = []
        articles: dict[str, Article] = {}
        for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
            chunks.append(Chunk(cid, str(meta["article_id"]), doc or ""))
            if meta["article_id"] not in articles:
                articles[str(meta["article_id"])] = article_from_metadata(meta)
        chunks.sort(key=lambda c: c.chunk_id)
        return chunks, articles

    def sentence_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        got = self.sentences.get(ids=ids, include=["embeddings"])
        pairs = zip(got["ids"], got["embeddings"], strict=True)
        return {i: np.asarray(e, dtype=np.float32) for i, e in pairs}

    def dense_query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The k nearest chunk ids with cosine similarities.

        Asks chroma for ids and distances only: the chunk texts are already in memory for BM25,
        and rebuilding llama-index nodes for every hit would cost more than the search itself.
        """
        result = self.chunks.query(query_embeddings=[vector], n_results=k, include=["distances"])
        ids = result["ids"][0] if result["ids"] else []
        distances = result["distances"][0] if result.get("distances") else [1.0] * len(ids)
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def _stored_hash(self, article_id: str) -> str | None:
        got = self.chunks.get(where={"article_id": article_id}, limit=1, include=["metadatas"])
        return str(got["metadatas"][0]["content_hash"]) if got["ids"] else None

    # --- writing -------------------------------------------------------------------------
    def ingest(
        self,
        articles: Iterable[LoadedArticle],
        progress: Callable[[int, int], None] | None = None,
    ) -> IngestReport:
        """Embed new and changed articles; unchanged ones (same content hash) cost nothing."""
        started = time.perf_counter()
        todo: list[tuple[LoadedArticle, bool]] = []
        unchanged = 0
        ids: list[str] = []
        for article in articles:
            ids.append(article.article_id)
            stored = self._stored_hash(article.article_id)
            if stored == article.content_hash:
                unchanged += 1
            else:
                todo.append((article, stored is not None))
        splitter = self._splitter() if todo else None
        total_chunks = 0
        for done, (article, _replacing) in enumerate(todo, start=1):
            assert splitter is not None
            total_chunks += self._write_article(article, splitter)
            if progress:
                progress(done, len(todo))
        if todo:
            self.version += 1
        replaced = sum(1 for _, r in todo if r)
        return IngestReport(
            new=len(todo) - replaced,
            unchanged=unchanged,
            replaced=replaced,
            chunks=total_chunks,
            seconds=time.perf_counter() - started,
            article_ids=tuple(ids),
        )

    def _splitter(self) -> Any:
        from llama_index.core.node_parser import SentenceSplitter

        return SentenceSplitter(
            chunk_size=CHUNK_TOKENS,
            chunk_overlap=CHUNK_OVERLAP,
            paragraph_separator="\n\n",
            tokenizer=self.embedder.count_tokens_fn(),
            include_metadata=False,
            include_prev_next_rel=False,
        )

    def _write_article(self, article: LoadedArticle, splitter: Any) -> int:
        from llama_index.core.schema import BaseNode, TextNode

        clean = article.clean
        texts = splitter.split_text(clean.text)
        metadata = {
            "article_id": article.article_id,
            "title": clean.display_title(),
            "outlet": clean.outlet or "",
            "published": clean.published or "",
            "byline": clean.byline or "",
            "url": clean.url or "",
            "source_path": article.source,
            "content_hash": article.content_hash,
        }
        sentences = sorted({s for t in texts for s in split_sentences(t)})
        vectors = self.embedder.encode(texts + sentences)
        nodes: list[BaseNode] = []
        for i, (text, vector) in enumerate(zip(texts, vectors, strict=False)):
            node = TextNode(
                id_=f"{article.article_id}:{article.content_hash[:8]}:{i:04d}",
                text=text,
                metadata={**metadata, "chunk_index": i, "n_chunks": len(texts)},
                embedding=vector.tolist(),
            )
            nodes.append(node)
        old_chunks = self.chunks.get(where={"article_id": article.article_id}, include=[])["ids"]
        old_sentences = self.sentences.get(where={"article_id": article.article_id}, include=[])
        # New rows go in before old ones go out, so a failure never leaves the article missing.
        self.vector_store.add(nodes)
        sentence_ids = [sentence_id(article.article_id, s) for s in sentences]
        kept_sentences = set(sentence_ids)
        if sentences:
            self.sentences.upsert(
                ids=sentence_ids,
                documents=sentences,
                embeddings=vectors[len(texts) :].tolist(),
                metadatas=[{"article_id": article.article_id}] * len(sentences),
            )
        new_ids = {n.id_ for n in nodes}
        stale = [i for i in old_chunks if i not in new_ids]
        if stale:
            self.chunks.delete(ids=stale)
        stale_sentences = [i for i in old_sentences["ids"] if i not in kept_sentences]
        if stale_sentences:
            self.sentences.delete(ids=stale_sentences)
        logger.info(
            "indexed %s: %d chunks, %d sentences", article.article_id, len(nodes), len(sentences)
        )
        return len(nodes)
