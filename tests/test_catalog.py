"""The catalog's persisted lexical index: BM25 ranking, libraries kept apart, incremental."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.catalog import Catalog
from index.catalog_text import library_token


def _add(catalog: Catalog, library: str, article_id: str, chunks: list[str]) -> int:
    library_id, _ = catalog.create_library(library)
    with catalog.write() as db:
        row = db.execute(
            "INSERT INTO articles (library, article_id, source_key, source, title, content_hash, "
            "text_hash, text, n_chunks) VALUES (?,?,?,?,?,?,?,?,?)",
            (library_id, article_id, article_id, article_id, article_id, "h", article_id,
             " ".join(chunks), len(chunks)),
        ).lastrowid  # fmt: skip
        for i, terms in enumerate(chunks):
            db.execute(
                "INSERT INTO chunks (chunk_id, article, position, start, end, text, terms, library)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (f"{article_id}:{i}", row, i, 0, len(terms), terms, terms,
                 library_token(library_id)),
            )  # fmt: skip
    assert row is not None
    return row


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return Catalog(tmp_path / "library.sqlite3")


def test_bm25_ranks_by_rare_terms_and_length(catalog: Catalog) -> None:
    _add(catalog, "news", "a", ["cat sat mat", "dog sat", "cat dog bird fish tree sky", "sky"])
    news = catalog.library_id("news")
    assert news is not None
    ranked = catalog.lexical_search(["cat", "unknown"], [news], 10)
    assert [cid for cid, _ in ranked] == ["a:0", "a:2"]  # the shorter chunk first
    assert ranked[0][1] > ranked[1][1] > 0
    frequencies, total = catalog.document_frequencies(["cat", "bird", "zzz"])
    assert frequencies == {"cat": 2, "bird": 1} and total == 4


def test_a_library_is_searched_only_when_asked_for(catalog: Catalog) -> None:
    _add(catalog, "news", "base", ["ferry fares rise"])
    _add(catalog, "news.chat-1", "mine", ["ferry strike ends"])
    _add(catalog, "news.chat-2", "theirs", ["ferry timetable"])
    ids = {name: catalog.library_id(name) for name in ("news", "news.chat-1", "news.chat-2")}
    found = catalog.lexical_search(["ferry"], [ids["news"], ids["news.chat-1"]], 10)  # type: ignore[list-item]
    assert sorted(cid for cid, _ in found) == ["base:0", "mine:0"]
    assert catalog.count_chunks([ids["news.chat-2"]]) == 1  # type: ignore[list-item]


def test_deleting_an_article_removes_it_from_the_lexical_index(catalog: Catalog) -> None:
    row = _add(catalog, "news", "gone", ["volcano erupts"])
    _add(catalog, "news", "kept", ["volcano sleeps"])
    news = catalog.library_id("news")
    assert news is not None
    with catalog.write() as db:
        db.execute("DELETE FROM articles WHERE id=?", (row,))
    assert [cid for cid, _ in catalog.lexical_search(["volcano"], [news], 10)] == ["kept:0"]
    assert catalog.document_frequencies(["volcano", "erupts"])[0] == {"volcano": 1}
