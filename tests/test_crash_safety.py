"""Ingestion is atomic per article: SIGKILL mid-corpus, ingest again, and nothing is lost,
doubled or orphaned (issue 8)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from pathlib import Path

from support.cli import run_newsbot, share_model, start_newsbot
from support.corpus import synthetic_story, write_corpus

from index.embedding import Embedder
from index.service import NewsIndex

ARTICLES = 200


def _committed_articles(data_dir: Path) -> int:
    path = data_dir / "library.sqlite3"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not written yet
        return 0


def _chroma_ids(index: NewsIndex) -> list[str]:
    collection = index.store.collection(index.collection)
    ids: list[str] = []
    while True:
        page = collection.get(include=[], limit=500, offset=len(ids))["ids"]
        if not page:
            return ids
        ids += page


def test_sigkill_during_ingest_then_again_leaves_a_consistent_store(
    embedder: Embedder, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES)
    data_dir = tmp_path / "data"
    share_model(embedder, data_dir)
    first = start_newsbot("ingest", str(corpus), "--collection", "crash", data_dir=data_dir)
    deadline = time.monotonic() + 600
    while _committed_articles(data_dir) < 40:
        assert first.poll() is None, first.communicate()[1]
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.05)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    killed_at = _committed_articles(data_dir)
    assert 40 <= killed_at < ARTICLES

    again = run_newsbot("ingest", str(corpus), "--collection", "crash", "--json",
                        data_dir=data_dir)  # fmt: skip
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["unchanged"] >= killed_at and report["new"] + report["unchanged"] == ARTICLES

    index = NewsIndex(data_dir, "crash", embedder)
    db = index.catalog.db
    ids = [r[0] for r in db.execute("SELECT article_id FROM articles")]
    assert sorted(ids) == sorted(f"story_{n:04d}" for n in range(ARTICLES))  # each once
    chunk_ids = sorted(r[0] for r in db.execute("SELECT chunk_id FROM chunks"))
    assert chunk_ids == sorted(_chroma_ids(index))  # vector and lexical sides agree
    assert db.execute("SELECT count(*) FROM pending").fetchone()[0] == 0
    per_article = db.execute(
        "SELECT a.n_chunks, count(c.id) FROM articles a LEFT JOIN chunks c ON c.article = a.id "
        "GROUP BY a.id"
    ).fetchall()
    assert all(expected == found > 0 for expected, found in per_article)
    doubled = db.execute(
        "SELECT count(*) FROM (SELECT article, position FROM sentences "
        "GROUP BY article, position HAVING count(*) > 1)"
    ).fetchone()[0]
    assert doubled == 0
    orphans = db.execute(
        "SELECT count(*) FROM sentences WHERE article NOT IN (SELECT id FROM articles)"
    ).fetchone()[0]
    assert orphans == 0
    db.execute("INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('integrity-check', 1)")
    assert "project number 123" in synthetic_story(123)
    answer = index.ask("How much did project 123 cost?")
    assert not answer.abstained and "133 million" in answer.answer
    index.close()
