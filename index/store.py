"""The store: chunk vectors in chroma (through llama-index), everything else in the catalog.

Writing one article is atomic and idempotent, whatever kills the process:

1. its new chroma ids are recorded in the catalog's ``pending`` table (committed);
2. the chunk vectors go into the library's chroma collection through llama-index;
3. one catalog transaction replaces the article's rows (chunks, lexical index, sentences,
   attributions), clears its new ids from ``pending`` and records the old ones there;
4. the old vectors are deleted from chroma and their ``pending`` rows cleared.

A crash before 3 leaves only vectors that the catalog never references; a crash after 3 leaves
only stale vectors. Both are listed in ``pending`` and removed by ``recover()`` at the next open.
Retrieval only ever returns chunks the catalog holds, so a question never sees half an article.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index.catalog import Catalog, library_token, vector_blob
from index.embedding import Embedder
from index.errors import BackendError, InputError, UnknownCollectionError
from index.loaders import LoadedArticle
from index.models import Article, IngestedArticle, IngestReport
from index.text import all_stems, sentence_spans

logger = logging.getLogger(__name__)

CHUNK_TOKENS = 200
CHUNK_OVERLAP = 40
_COLLECTION_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{1,61})[A-Za-z0-9]$")

# An analyser turns a clean text into per-sentence entities and attributions (index/attribution).
Analyser = Callable[[str], Any]


def check_collection_name(name: str) -> str:
    if not _COLLECTION_NAME.match(name) or ".." in name:
        raise InputError(
            f"invalid collection name {name!r}: use 3-63 letters, digits, '.', '_' or '-', "
            "starting and ending with a letter or digit"
        )
    return name


def metadata_text(outlet: str | None, title: str) -> str:
    """The words an article's metadata adds to each of its chunks: outlet and title."""
    return f"{outlet or ''}\n{title}"


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


@dataclass(frozen=True)
class Library:
    """A set of articles: its catalog id, and its chroma collection (of the same name)."""

    id: int
    name: str


@dataclass
class PreparedArticle:
    """Everything written for one article, worked out before anything is written."""

    chunks: list[tuple[int, int, str]]  # (start, end, text) in the clean text
    sentences: list[tuple[int, int, str]]
    vectors: np.ndarray  # chunk vectors, then sentence vectors
    entities: list[list[tuple[str, int, int]]] = field(default_factory=list)
    attributions: list[Any] = field(default_factory=list)


class Store:
    """Every library of one data dir (or chroma server): write articles, search vectors."""

    def __init__(
        self,
        client: Any,
        catalog: Catalog,
        embedder: Embedder,
        analyser: Analyser | None = None,
    ) -> None:
        self.client = client
        self.catalog = catalog
        self.embedder = embedder
        self.analyser = analyser
        self._collections: dict[str, Any] = {}
        self._vector_stores: dict[str, Any] = {}
        self._lock = threading.RLock()

    # --- libraries ---------------------------------------------------------------------------
    def library(self, name: str, create: bool = False) -> Library:
        check_collection_name(name)
        library_id = self.catalog.library_id(name)
        if library_id is None and create:
            library_id, new = self.catalog.create_library(name)
            if new:
                self._reset_collection(name)
        if library_id is None:
            known = ", ".join(n for n in self.catalog.library_names() if ".chat" not in n)
            raise UnknownCollectionError(
                f"unknown collection {name!r} (known: {known or 'none'}); create it with "
                f"`newsbot ingest PATH --collection {name}`"
            )
        return Library(library_id, name)

    def find_library(self, name: str) -> Library | None:
        library_id = self.catalog.library_id(name)
        return Library(library_id, name) if library_id is not None else None

    def _reset_collection(self, name: str) -> None:
        """A library new to the catalog starts with an empty collection: vectors left under its
        name (by an older newsbot's layout) are not referenced by anything and are dropped."""
        existing = {c if isinstance(c, str) else c.name for c in self.client.list_collections()}
        for stale in (name, f"{name}__sentences"):
            if stale in existing:
                logger.warning("dropping chroma collection %r left by an older newsbot", stale)
                self.client.delete_collection(stale)
        with self._lock:
            self._collections.pop(name, None)
            self._vector_stores.pop(name, None)

    def collection(self, name: str) -> Any:
        with self._lock:
            if name not in self._collections:
                self._collections[name] = self.client.get_or_create_collection(
                    name, metadata={"hnsw:space": "cosine"}, embedding_function=None
                )
            return self._collections[name]

    def _vector_store(self, name: str) -> Any:
        """llama-index's view of a library's collection, used to write chunks (imported lazily:
        answering reads chroma directly and need not pay for importing llama-index)."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        with self._lock:
            if name not in self._vector_stores:
                self._vector_stores[name] = ChromaVectorStore(
                    chroma_collection=self.collection(name)
                )
        return self._vector_stores[name]

    # --- reading -------------------------------------------------------------------------
    def dense_search(
        self, vector: np.ndarray, libraries: Sequence[Library], k: int
    ) -> list[tuple[str, float]]:
        """The k nearest chunk ids over the libraries, with cosine similarities.

        Asks chroma for ids and distances only; the catalog has the texts.
        """
        hits: list[tuple[str, float]] = []
        for library in libraries:
            collection = self.collection(library.name)
            n = min(k, int(collection.count()))
            if n == 0:
                continue
            result = collection.query(query_embeddings=[vector], n_results=n, include=["distances"])
            ids = result["ids"][0] if result["ids"] else []
            distances = result["distances"][0] if result.get("distances") else [1.0] * len(ids)
            hits += [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]
        return sorted(hits, key=lambda hit: -hit[1])[:k]

    # --- writing -------------------------------------------------------------------------
    def ingest(
        self,
        articles: Iterable[LoadedArticle],
        library: Library,
        progress: Callable[[int, int], None] | None = None,
        added_by: str | None = None,
        visible: Sequence[Library] = (),
    ) -> IngestReport:
        """Index new and changed articles; unchanged ones cost nothing, exact copies of an
        article the library (or ``visible`` ones) already has are skipped."""
        started = time.perf_counter()
        articles = list(articles)
        results: list[IngestedArticle] = []
        splitter = None
        for done, article in enumerate(articles, start=1):
            if splitter is None:
                splitter = self._splitter()
            results.append(self._ingest_one(article, library, splitter, added_by, visible))
            if progress:
                progress(done, len(articles))
        return IngestReport.from_results(results, time.perf_counter() - started)

    def _ingest_one(
        self,
        article: LoadedArticle,
        library: Library,
        splitter: Any,
        added_by: str | None,
        visible: Sequence[Library],
    ) -> IngestedArticle:
        existing = self.catalog.find_article(library.id, "source_key", article.source_key)
        if existing is not None and existing.content_hash == article.content_hash:
            return self._result(article, existing.article_id, "unchanged", 0)
        article_id = existing.article_id if existing else self._free_id(article, library)
        if existing is None:
            others = [library.id, *(lib.id for lib in visible if lib.id != library.id)]
            copy = self.catalog.article_with_text(article.text_hash, others)
            if copy is not None:
                return self._result(article, article_id, "duplicate", 0, copy)
        prepared = self._prepare(article, splitter)
        self._write(library, article, article_id, prepared, existing.row if existing else None,
                    added_by)  # fmt: skip
        status = "replaced" if existing else "new"
        return self._result(article, article_id, status, len(prepared.chunks))

    def _free_id(self, article: LoadedArticle, library: Library) -> str:
        """The article's own id, or (when another source has it) the id plus a short hash."""
        if self.catalog.find_article(library.id, "article_id", article.article_id) is None:
            return article.article_id
        digest = hashlib.sha1(article.source_key.encode()).hexdigest()
        for size in (6, 10, 16, 40):
            candidate = f"{article.article_id}-{digest[:size]}"
            if self.catalog.find_article(library.id, "article_id", candidate) is None:
                return candidate
        raise InputError(f"{article.source}: cannot find a free id for this article")

    @staticmethod
    def _result(
        article: LoadedArticle,
        article_id: str,
        status: str,
        chunks: int,
        same_as: Article | None = None,
    ) -> IngestedArticle:
        clean = article.clean
        return IngestedArticle(
            article_id=article_id, source=article.source, title=clean.display_title(),
            outlet=clean.outlet, published=clean.published, status=status, chunks=chunks,
            same_as=same_as,
        )  # fmt: skip

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

    def _prepare(self, article: LoadedArticle, splitter: Any) -> PreparedArticle:
        text = article.clean.text
        chunks = locate_chunks(text, splitter.split_text(text))
        sentences = [(a, b, text[a:b]) for a, b in sentence_spans(text)]
        vectors = self.embedder.encode([c[2] for c in chunks] + [s[2] for s in sentences])
        prepared = PreparedArticle(chunks, sentences, vectors)
        if self.analyser is not None:
            analysis = self.analyser(text)
            prepared.entities = [
                [(e.label, e.start - a, e.end - a) for e in found]
                for (a, _b, _t), found in zip(sentences, analysis.entities, strict=True)
            ]
            prepared.attributions = list(analysis.attributions)
        return prepared

    def _write(
        self,
        library: Library,
        article: LoadedArticle,
        article_id: str,
        prepared: PreparedArticle,
        old_row: int | None,
        added_by: str | None,
    ) -> None:
        from llama_index.core.schema import TextNode

        stamp = article.content_hash[:8]
        chunk_ids = [
            f"{library.id}:{article_id}:{stamp}:{i:04d}" for i in range(len(prepared.chunks))
        ]
        nodes = [
            TextNode(
                id_=chunk_id, text=text, embedding=vector.tolist(),
                metadata={"article_id": article_id, "library": library.name, "chunk_index": i},
            )
            for i, (chunk_id, (_a, _b, text), vector) in enumerate(
                zip(chunk_ids, prepared.chunks, prepared.vectors, strict=False)
            )
        ]  # fmt: skip
        self._mark_pending(chunk_ids, library.name)
        if nodes:
            try:
                self._vector_store(library.name).add(nodes)
            except Exception as exc:  # chroma's errors are bare Exceptions
                raise BackendError(f"cannot write to the chroma store: {exc}") from exc
        stale = self._commit(library, article, article_id, prepared, chunk_ids, old_row, added_by)
        self._delete_vectors(library.name, stale)
        logger.info("indexed %s: %d chunks, %d sentences", article_id, len(chunk_ids),
                    len(prepared.sentences))  # fmt: skip

    def _mark_pending(self, chroma_ids: Sequence[str], collection: str) -> None:
        with self.catalog.write() as db:
            db.executemany(
                "INSERT OR IGNORE INTO pending (chroma_id, collection, pid) VALUES (?, ?, ?)",
                [(i, collection, os.getpid()) for i in chroma_ids],
            )

    def _commit(
        self,
        library: Library,
        article: LoadedArticle,
        article_id: str,
        prepared: PreparedArticle,
        chunk_ids: list[str],
        old_row: int | None,
        added_by: str | None,
    ) -> list[str]:
        """The catalog side, in one transaction; returns the chroma ids it made stale."""
        clean = article.clean
        title = clean.display_title()
        meta_terms = all_stems(metadata_text(clean.outlet, title))
        with self.catalog.write() as db:
            stale: list[str] = []
            if old_row is not None:
                stale = [r[0] for r in db.execute(
                    "SELECT chunk_id FROM chunks WHERE article=?", (old_row,))]  # fmt: skip
                db.executemany(
                    "INSERT OR IGNORE INTO pending (chroma_id, collection, pid) VALUES (?, ?, ?)",
                    [(i, library.name, os.getpid()) for i in stale],
                )
                db.execute("DELETE FROM articles WHERE id=?", (old_row,))
            row = db.execute(
                "INSERT INTO articles (library, article_id, source_key, source, title, outlet, "
                "published, byline, url, content_hash, text_hash, text, added_by, n_chunks) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (library.id, article_id, article.source_key, article.source, title, clean.outlet,
                 clean.published, clean.byline, clean.url, article.content_hash,
                 article.text_hash, clean.text, added_by, len(chunk_ids)),
            ).lastrowid  # fmt: skip
            assert row is not None
            db.executemany(
                "INSERT INTO chunks (chunk_id, article, position, start, end, text, terms, library)"
                " VALUES (?,?,?,?,?,?,?,?)",
                [
                    (cid, row, i, a, b, text, " ".join(meta_terms + all_stems(text)),
                     library_token(library.id))
                    for i, (cid, (a, b, text)) in enumerate(
                        zip(chunk_ids, prepared.chunks, strict=True))
                ],
            )  # fmt: skip
            sentence_rows = self._insert_sentences(db, row, prepared, len(chunk_ids))
            self._insert_attributions(db, row, sentence_rows, prepared)
            db.executemany(
                "DELETE FROM pending WHERE chroma_id=? AND collection=?",
                [(i, library.name) for i in chunk_ids],
            )
        return stale

    @staticmethod
    def _insert_sentences(
        db: Any, article_row: int, prepared: PreparedArticle, n_chunks: int
    ) -> list[int]:
        rows = []
        for i, (a, b, text) in enumerate(prepared.sentences):
            entities = prepared.entities[i] if prepared.entities else []
            cursor = db.execute(
                "INSERT INTO sentences (article, position, start, end, text, vector, entities) "
                "VALUES (?,?,?,?,?,?,?)",
                (article_row, i, a, b, text, vector_blob(prepared.vectors[n_chunks + i]),
                 json.dumps(entities)),
            )  # fmt: skip
            rows.append(int(cursor.lastrowid))
        return rows

    @staticmethod
    def _insert_attributions(
        db: Any, article_row: int, sentence_rows: list[int], prepared: PreparedArticle
    ) -> None:
        from index.speakers import speaker_key

        db.executemany(
            "INSERT INTO attributions (sentence, article, speaker, speaker_key, speaker_kind, "
            "mention, cue, kind, content_start, content_end, resolved) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (sentence_rows[t.sentence], article_row, t.speaker, key, t.speaker_kind,
                 t.mention, t.cue, t.kind, t.content[0], t.content[1], t.resolved)
                for t in prepared.attributions
                for key in speaker_key(t.speaker, t.speaker_kind)
            ],
        )  # fmt: skip

    def delete_article(self, library: Library, article_id: str) -> Article:
        """Remove an article (and its vectors) from a library."""
        found = self.catalog.find_article(library.id, "article_id", article_id)
        if found is None:
            raise InputError(f"no article {article_id!r} in {library.name}")
        article = self.catalog.article(found.row)
        with self.catalog.write() as db:
            stale = [r[0] for r in db.execute(
                "SELECT chunk_id FROM chunks WHERE article=?", (found.row,))]  # fmt: skip
            db.executemany(
                "INSERT OR IGNORE INTO pending (chroma_id, collection, pid) VALUES (?, ?, ?)",
                [(i, library.name, os.getpid()) for i in stale],
            )
            db.execute("DELETE FROM articles WHERE id=?", (found.row,))
        self._delete_vectors(library.name, stale)
        return article

    def _delete_vectors(self, collection: str, chroma_ids: Sequence[str]) -> None:
        if not chroma_ids:
            return
        try:
            self.collection(collection).delete(ids=list(chroma_ids))
        except Exception as exc:  # left in pending: recover() retries at the next open
            logger.warning("could not delete %d stale vectors: %s", len(chroma_ids), exc)
            return
        with self.catalog.write() as db:
            db.executemany(
                "DELETE FROM pending WHERE chroma_id=? AND collection=?",
                [(i, collection) for i in chroma_ids],
            )

    def recover(self) -> int:
        """Remove the vectors a crashed writer left behind; returns how many were removed."""
        removed = 0
        for collection, ids in self.catalog.pending(dead_only=True).items():
            known = self.catalog.known_chunk_ids(ids)
            orphans = [i for i in ids if i not in known]
            if orphans:
                self._delete_vectors(collection, orphans)
                removed += len(orphans)
            with self.catalog.write() as db:
                db.executemany(
                    "DELETE FROM pending WHERE chroma_id=? AND collection=?",
                    [(i, collection) for i in ids if i in known],
                )
        if removed:
            logger.warning("removed %d vectors left by an interrupted ingest", removed)
        return removed


def locate_chunks(text: str, chunks: Sequence[str]) -> list[tuple[int, int, str]]:
    """Each chunk with its span in text; a chunk the splitter reworded is located by its start."""
    located: list[tuple[int, int, str]] = []
    cursor = 0
    for chunk in chunks:
        start = text.find(chunk, cursor)
        if start < 0:
            start = text.find(chunk)
        if start < 0:
            head = chunk.strip()[:40]
            start = max(text.find(head, cursor), 0)
            end = min(len(text), start + len(chunk))
            chunk = text[start:end]
        else:
            end = start + len(chunk)
        located.append((start, end, chunk))
        cursor = start + 1
    return located
