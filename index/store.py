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

import logging
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.catalog import Catalog
from index.embedding import Embedder
from index.errors import BackendError, InputError, UnknownCollectionError
from index.loaders import LoadedArticle
from index.models import Article, IngestReport

logger = logging.getLogger(__name__)

_COLLECTION_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{1,61})[A-Za-z0-9]$")

# An analyser turns clean texts into their per-sentence entities and attributions, in one batch
# (index.attribution.analyze_articles).
Analyser = Callable[[Sequence[str]], list[Any]]


def check_collection_name(name: str) -> str:
    if not _COLLECTION_NAME.match(name) or ".." in name:
        raise InputError(
            f"invalid collection name {name!r}: use 3-63 letters, digits, '.', '_' or '-', "
            "starting and ending with a letter or digit"
        )
    return name


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

    def library_by_id(self, library_id: int) -> Library:
        row = self.catalog.db.execute("SELECT name FROM libraries WHERE id=?", (library_id,))
        return Library(library_id, row.fetchone()[0])

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

    def vector_store(self, name: str) -> Any:
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
            result = self.collection(library.name).query(
                query_embeddings=[vector], n_results=k, include=["distances"]
            )
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
        """Index new and changed articles; unchanged ones cost nothing, and exact copies of an
        article in the library (or in ``visible`` ones) are skipped."""
        from index.writer import ArticleWriter

        writer = ArticleWriter(self, library, visible)
        return writer.write(list(articles), progress=progress, added_by=added_by)

    def mark_pending(self, chroma_ids: Sequence[str], collection: str) -> None:
        from index.writer import insert_pending

        with self.catalog.write() as db:
            insert_pending(db, chroma_ids, collection)

    def delete_article(
        self, library: Library, article_id: str
    ) -> tuple[Article, list[tuple[Library, LoadedArticle]]]:
        """Remove an article (and its vectors) from a library. Its near-duplicate copies are
        removed too and returned with their libraries, to be indexed again on their own."""
        from index.writer import insert_pending, stored_loaded_article

        found = self.catalog.find_article(library.id, "article_id", article_id)
        if found is None:
            raise InputError(f"no article {article_id!r} in {library.name}")
        article = self.catalog.article(found.row)
        copy_rows = self.catalog.copies_of([found.row]).get(found.row, [])
        copies = [
            (
                self.library_by_id(self.catalog.library_of(row)),
                stored_loaded_article(self.catalog, row),
            )
            for row in copy_rows
        ]
        near = self.catalog.near_duplicates()
        with self.catalog.write() as db:
            stale = [r[0] for r in db.execute(
                "SELECT chunk_id FROM chunks WHERE article=?", (found.row,))]  # fmt: skip
            insert_pending(db, stale, library.name)
            for row in [found.row, *copy_rows]:
                near.remove_within(str(row))
                db.execute("DELETE FROM articles WHERE id=?", (row,))
        self.delete_vectors(library.name, stale)
        return article, copies

    def delete_vectors(self, collection: str, chroma_ids: Sequence[str]) -> None:
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
                self.delete_vectors(collection, orphans)
                removed += len(orphans)
            with self.catalog.write() as db:
                db.executemany(
                    "DELETE FROM pending WHERE chroma_id=? AND collection=?",
                    [(i, collection) for i in ids if i in known],
                )
        if removed:
            logger.warning("removed %d vectors left by an interrupted ingest", removed)
        return removed
