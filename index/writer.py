"""Writing articles: decide what each one needs, prepare it, then write it atomically.

Articles are written in groups: one batched encoding and one chroma add per group (a per-call
cost that dominates when articles are added one by one), then one catalog transaction per
article, so each article is still all there or not there at all. The protocol that makes a
crash harmless (``pending`` ids, cleaned up by ``Store.recover``) is described in store.py.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

import numpy as np

from index.catalog_text import library_token, vector_blob
from index.errors import BackendError, InputError
from index.loaders import LoadedArticle
from index.models import Article, IngestedArticle, IngestReport
from index.speakers import speaker_key
from index.text import STOPWORDS, all_stems, sentence_spans, split_sentences

if TYPE_CHECKING:
    from index.store import Library, Store

logger = logging.getLogger(__name__)

CHUNK_TOKENS = 200
CHUNK_OVERLAP = 40
# Sentences of a near-copy and of its original that share this share of their words are the
# same sentence, compared word by word for changed facts.
FACT_SENTENCE_JACCARD = 0.5
# Articles written per group: one encoding batch and one chroma add each.
GROUP_ARTICLES = 16


def metadata_text(outlet: str | None, title: str, dateline: str | None = None) -> str:
    """The words an article's metadata adds to each of its chunks: outlet, title and the place
    of its dateline ("SEOUL, Nov. 9 (Yonhap) --", cut from the text by cleaning)."""
    return f"{outlet or ''}\n{title}\n{dateline or ''}"


@dataclass
class Job:
    """One article to write, and what was decided about it."""

    article: LoadedArticle
    article_id: str
    old_row: int | None  # the row it replaces
    copy_of: Article | None = None  # the article this one is a near-duplicate of
    chunks: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, text)
    sentences: list[tuple[int, int, str]] = field(default_factory=list)
    vectors: np.ndarray | None = None  # chunk vectors, then sentence vectors
    # (label, start, end, verb, role) per sentence; offsets relative to the sentence
    entities: list[list[tuple[str, int, int, str, str]]] = field(default_factory=list)
    attributions: list[Any] = field(default_factory=list)

    def chunk_ids(self, library: Library) -> list[str]:
        stamp = self.article.content_hash[:8]
        return [f"{library.id}:{self.article_id}:{stamp}:{i:04d}" for i in range(len(self.chunks))]


class ArticleWriter:
    """Writes a batch of loaded articles into one library of a store."""

    def __init__(self, store: Store, library: Library, visible: Sequence[Library] = ()) -> None:
        self.store = store
        self.catalog = store.catalog
        self.library = library
        self.visible = [library.id, *(lib.id for lib in visible if lib.id != library.id)]
        self._splitter: Any = None
        self._taken_ids: set[str] = set()
        self._texts: dict[str, str] = {}  # text hash -> article id, within this batch

    def write(
        self,
        articles: Sequence[LoadedArticle],
        progress: Callable[[int, int], None] | None = None,
        added_by: str | None = None,
    ) -> IngestReport:
        started = time.perf_counter()
        results: list[IngestedArticle] = []
        jobs: list[Job] = []
        for article in articles:
            decided = self._decide(article)
            if isinstance(decided, Job):
                jobs.append(decided)
                if len(jobs) < GROUP_ARTICLES:
                    continue
                results += self._write_group(jobs, added_by)
                jobs = []
            else:
                results.append(decided)
            if progress:
                progress(len(results), len(articles))
        if jobs:
            results += self._write_group(jobs, added_by)
            if progress:
                progress(len(results), len(articles))
        order = {a.source_key: i for i, a in enumerate(articles)}
        results.sort(key=lambda r: order.get(r.source_key, 0))
        return IngestReport.from_results(results, time.perf_counter() - started)

    # --- deciding ------------------------------------------------------------------------
    def _decide(self, article: LoadedArticle) -> Job | IngestedArticle:
        """Unchanged and duplicate articles are done here; the rest become jobs."""
        existing = self.catalog.find_article(self.library.id, "source_key", article.source_key)
        if existing is not None and existing.content_hash == article.content_hash:
            return result(article, existing.article_id, "unchanged", 0)
        if existing is not None:
            return Job(article, existing.article_id, existing.row)
        article_id = self._free_id(article)
        same = self.catalog.article_with_text(article.text_hash, self.visible)
        if same is None and article.text_hash in self._texts:
            same = Article(self._texts[article.text_hash], self._texts[article.text_hash])
        if same is not None:
            return result(article, article_id, "duplicate", 0, same)
        self._taken_ids.add(article_id)
        self._texts[article.text_hash] = article_id
        return Job(article, article_id, None, copy_of=self._original(article))

    def _original(self, article: LoadedArticle) -> Article | None:
        """The visible article this one nearly copies (a syndicated or lightly edited copy).
        A near-copy that changes a fact (a name, a figure) is no copy: it is indexed as an
        account of its own, so that answers can show that the two disagree."""
        for key, _score in self.catalog.near_duplicates().find(article.clean.text):
            row = self.catalog.original_of(int(key))
            if self.catalog.library_of(row) not in self.visible:
                continue
            if changes_facts(article.clean.text, self.catalog.stored_article(row)[3]):
                return None
            return self.catalog.article(row)
        return None

    def _free_id(self, article: LoadedArticle) -> str:
        """The article's own id, or (when another source has it) the id plus a short hash."""
        digest = hashlib.sha1(article.source_key.encode()).hexdigest()
        candidates = [article.article_id] + [f"{article.article_id}-{digest[:n]}" for n in (6, 40)]
        for candidate in candidates:
            taken = self.catalog.find_article(self.library.id, "article_id", candidate)
            if taken is None and candidate not in self._taken_ids:
                return candidate
        raise InputError(f"{article.source}: cannot find a free id for this article")

    def warm_up(self) -> None:
        """Import and build the chunker, which the first write would otherwise wait for."""
        self._splitter = self._make_splitter()
        if self.store.analyser is not None:
            self.store.analyser(["Warm up. The council said the bridge would open."])

    # --- preparing -----------------------------------------------------------------------
    def _prepare(self, jobs: list[Job]) -> None:
        """Chunks, sentences and the analysis of every job, and all their vectors in one go."""
        if self._splitter is None:
            self._splitter = self._make_splitter()
        texts: list[str] = []
        for job in jobs:
            text = job.article.clean.text
            # A copy adds no text to search: only its sentences, to cite as corroboration.
            chunks = [] if job.copy_of else self._splitter.split_text(text)
            job.chunks = locate_chunks(text, chunks)
            job.sentences = [(a, b, text[a:b]) for a, b in sentence_spans(text)]
            texts += [c[2] for c in job.chunks] + [s[2] for s in job.sentences]
        if self.store.analyser is not None:
            analyses = self.store.analyser([job.article.clean.text for job in jobs])
            for job, analysis in zip(jobs, analyses, strict=True):
                job.entities = [
                    [(e.label, e.start - a, e.end - a, e.verb, e.role) for e in found]
                    for (a, _b, _t), found in zip(job.sentences, analysis.entities, strict=True)
                ]
                job.attributions = list(analysis.attributions)
        vectors = self.store.embedder.encode(texts)
        offset = 0
        for job in jobs:
            size = len(job.chunks) + len(job.sentences)
            job.vectors = vectors[offset : offset + size]
            offset += size

    def _make_splitter(self) -> Any:
        from llama_index.core.node_parser import SentenceSplitter

        return SentenceSplitter(
            chunk_size=CHUNK_TOKENS,
            chunk_overlap=CHUNK_OVERLAP,
            paragraph_separator="\n\n",
            tokenizer=self.store.embedder.count_tokens_fn(),
            include_metadata=False,
            include_prev_next_rel=False,
        )

    # --- writing -------------------------------------------------------------------------
    def _write_group(self, jobs: list[Job], added_by: str | None) -> list[IngestedArticle]:
        from llama_index.core.schema import TextNode

        self._prepare(jobs)
        nodes = []
        for job in jobs:
            assert job.vectors is not None
            for i, (chunk_id, (_a, _b, text)) in enumerate(
                zip(job.chunk_ids(self.library), job.chunks, strict=True)
            ):
                nodes.append(TextNode(
                    id_=chunk_id, text=text, embedding=job.vectors[i].tolist(),
                    metadata={"article_id": job.article_id, "library": self.library.name,
                              "chunk_index": i},
                ))  # fmt: skip
        name = self.library.name
        self.store.mark_pending([n.id_ for n in nodes], name)
        if nodes:
            try:
                self.store.vector_store(name).add(nodes)
            except Exception as exc:  # chroma's errors are bare Exceptions
                raise BackendError(f"cannot write to the chroma store: {exc}") from exc
        done = []
        for job in jobs:
            stale = self._commit(job, added_by)
            self.store.delete_vectors(name, stale)
            status = "replaced" if job.old_row is not None else "copy" if job.copy_of else "new"
            done.append(result(job.article, job.article_id, status, len(job.chunks), job.copy_of))
            logger.info("indexed %s: %d chunks, %d sentences", job.article_id, len(job.chunks),
                        len(job.sentences))  # fmt: skip
        return done

    def _commit(self, job: Job, added_by: str | None) -> list[str]:
        """The catalog side of one article, in one transaction; returns the chroma ids it made
        stale (those of the article it replaces)."""
        article, clean = job.article, job.article.clean
        title = clean.display_title()
        meta_terms = all_stems(metadata_text(clean.outlet, title, clean.dateline))
        chunk_ids = job.chunk_ids(self.library)
        near = self.catalog.near_duplicates()
        copy_of = job.copy_of.row if job.copy_of else None
        with self.catalog.write() as db:
            stale: list[str] = []
            if job.old_row is not None:
                stale = [r[0] for r in db.execute(
                    "SELECT chunk_id FROM chunks WHERE article=?", (job.old_row,))]  # fmt: skip
                insert_pending(db, stale, self.library.name)
                near.remove_within(str(job.old_row))
                db.execute("DELETE FROM articles WHERE id=?", (job.old_row,))
            row = db.execute(
                "INSERT INTO articles (library, article_id, source_key, source, title, outlet, "
                "published, byline, url, dateline, content_hash, text_hash, copy_of, text, "
                "added_by, n_chunks) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (self.library.id, job.article_id, article.source_key, article.source, title,
                 clean.outlet, clean.published, clean.byline, clean.url, clean.dateline,
                 article.content_hash, article.text_hash, copy_of, clean.text, added_by,
                 len(chunk_ids)),
            ).lastrowid  # fmt: skip
            assert row is not None
            near.add_within(str(row), clean.text)
            token = library_token(self.library.id)
            db.executemany(
                "INSERT INTO chunks (chunk_id, article, position, start, end, text, terms, library)"
                " VALUES (?,?,?,?,?,?,?,?)",
                [(cid, row, i, a, b, text, " ".join(meta_terms + all_stems(text)), token)
                 for i, (cid, (a, b, text)) in enumerate(zip(chunk_ids, job.chunks, strict=True))],
            )  # fmt: skip
            sentence_rows = insert_sentences(db, row, job)
            insert_attributions(db, row, sentence_rows, job.attributions)
            db.executemany(
                "DELETE FROM pending WHERE chroma_id=? AND collection=?",
                [(i, self.library.name) for i in chunk_ids],
            )
        return stale


def result(
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
        same_as=same_as, source_key=article.source_key,
    )  # fmt: skip


def changes_facts(new: str, old: str) -> bool:
    """Whether a near-copy rewrites a fact of the text it copies: in a sentence that matches
    one of the original's, a word that differs is a figure or a capitalised word (a name)."""
    originals = [(s, s.split()) for s in split_sentences(old)]
    for sentence in split_sentences(new):
        words = sentence.split()
        best, best_score = None, 0.0
        for _text, candidate in originals:
            union = set(words) | set(candidate)
            score = len(set(words) & set(candidate)) / len(union) if union else 0.0
            if score > best_score:
                best, best_score = candidate, score
        if best is None or best_score < FACT_SENTENCE_JACCARD:
            continue  # an added or rewritten sentence: nothing to compare
        matcher = SequenceMatcher(a=best, b=words, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal" and any(_is_fact(w) for w in best[i1:i2] + words[j1:j2]):
                return True
    return False


def _is_fact(word: str) -> bool:
    word = word.strip(".,;:!?\"'“”‘’()[]")
    name = word[:1].isupper() and len(word) > 1 and word.lower() not in STOPWORDS
    return name or any(c.isdigit() for c in word)


def stored_loaded_article(catalog: Any, row: int) -> LoadedArticle:
    """A stored article as it was loaded (its clean text and metadata), to index it again."""
    from index.cleaning import CleanArticle
    from index.loaders import content_hash

    article_id, source, source_key, text, meta = catalog.stored_article(row)
    clean = CleanArticle(text=text, **meta)
    return LoadedArticle(article_id, source, clean, content_hash(clean), source_key)


def insert_pending(db: Any, chroma_ids: Sequence[str], collection: str) -> None:
    db.executemany(
        "INSERT OR IGNORE INTO pending (chroma_id, collection, pid) VALUES (?, ?, ?)",
        [(i, collection, os.getpid()) for i in chroma_ids],
    )


def insert_sentences(db: Any, article_row: int, job: Job) -> list[int]:
    assert job.vectors is not None
    first = len(job.chunks)
    rows = []
    for i, (a, b, text) in enumerate(job.sentences):
        entities = job.entities[i] if job.entities else []
        cursor = db.execute(
            "INSERT INTO sentences (article, position, start, end, text, vector, entities) "
            "VALUES (?,?,?,?,?,?,?)",
            (article_row, i, a, b, text, vector_blob(job.vectors[first + i]),
             json.dumps(entities)),
        )  # fmt: skip
        rows.append(int(cursor.lastrowid))
    return rows


def insert_attributions(
    db: Any, article_row: int, sentence_rows: list[int], attributions: list[Any]
) -> None:
    db.executemany(
        "INSERT INTO attributions (sentence, article, speaker, speaker_key, speaker_kind, "
        "mention, cue, kind, content_start, content_end, resolved) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (sentence_rows[t.sentence], article_row, t.speaker, key, t.speaker_kind,
             t.mention, t.cue, t.kind, t.content[0], t.content[1], t.resolved)
            for t in attributions
            for key in speaker_key(t.speaker, t.speaker_kind)
        ],
    )  # fmt: skip


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
