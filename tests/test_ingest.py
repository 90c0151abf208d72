"""Chunking, idempotent re-ingest, replacement, and bad input that must write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.pages import article_html
from support.web import WebServer

from index.embedding import MAX_TOKENS, Embedder
from index.errors import InputError, UnknownCollectionError
from index.fetch import AddressPolicy, Fetcher
from index.loaders import load_sources
from index.service import NewsIndex

STORY = (
    "Title: Harbour bridge reopens\n\nSource: Harbour Gazette\n\n"
    "The harbour bridge reopened on Friday after two years of repairs. "
    "Engineers replaced every cable on the eastern span. "
    "The city council said traffic would return to normal within a week.\n"
)


def test_sample_chunks_fit_the_model_and_carry_metadata(
    sample_index: NewsIndex, embedder: Embedder
) -> None:
    db = sample_index.catalog.db
    rows = db.execute(
        "SELECT c.chunk_id, c.text, c.start, c.end, a.article_id, a.text, a.source "
        "FROM chunks c JOIN articles a ON a.id = c.article"
    ).fetchall()
    count_tokens = embedder.count_tokens_fn()
    assert len(rows) >= 5
    by_article: dict[str, int] = {}
    for _chunk_id, text, start, end, article_id, article_text, source in rows:
        assert len(count_tokens(text)) <= MAX_TOKENS - 2  # room for [CLS] and [SEP]
        assert article_text[start:end] == text  # a chunk is a verbatim span of its article
        by_article[article_id] = by_article.get(article_id, 0) + 1
        assert " ".join(text.split())[:80] in " ".join(Path(source).read_text().split())
    assert len(by_article) == 5 and all(n >= 2 for n in by_article.values())
    # The vector side holds exactly the chunks the catalog holds, with their metadata.
    ids = sorted(r[0] for r in rows)
    stored = sample_index.store.collection(sample_index.collection).get(include=["metadatas"])
    assert sorted(stored["ids"]) == ids
    assert all({"article_id", "library", "chunk_index"} <= m.keys() for m in stored["metadatas"])


def _texts(index: NewsIndex, table: str) -> list[str]:
    return [r[0] for r in index.catalog.db.execute(f"SELECT text FROM {table}")]


def test_reingest_unchanged_embeds_nothing_and_changed_replaces(
    fresh_index: NewsIndex, tmp_path: Path
) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(STORY)
    first = fresh_index.ingest([str(path)])
    assert (first.new, first.unchanged, first.replaced) == (1, 0, 0) and first.chunks >= 1
    again = fresh_index.ingest([str(path)])
    assert (again.new, again.unchanged, again.replaced, again.chunks) == (0, 1, 0, 0)
    path.write_text(STORY.replace("two years", "three years"))
    changed = fresh_index.ingest([str(path)])
    assert (changed.new, changed.unchanged, changed.replaced) == (0, 0, 1)
    text = " ".join(_texts(fresh_index, "chunks"))
    assert "three years" in text and "two years" not in text
    assert not any("two years" in s for s in _texts(fresh_index, "sentences"))
    (article,) = fresh_index.articles()
    assert article.title == "Harbour bridge reopens" and article.outlet == "Harbour Gazette"
    vectors = fresh_index.store.collection(fresh_index.collection).count()
    assert vectors == fresh_index.count_chunks()  # the old vectors are gone


def test_same_file_name_elsewhere_is_a_new_article(fresh_index: NewsIndex, tmp_path: Path) -> None:
    """A file named like an indexed one, from another folder, never replaces it."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(STORY)
    other = (
        "Title: Ferry strike ends\n\nSource: Island Post\n\n"
        "Ferry crews returned to work on Monday after a nine-day strike over rosters. "
        "The union accepted a deal that limits night shifts to three a week.\n"
    )
    (tmp_path / "b" / "story.txt").write_text(other)
    fresh_index.ingest([str(tmp_path / "a" / "story.txt")])
    report = fresh_index.ingest([str(tmp_path / "b" / "story.txt")])
    assert report.new == 1 and report.replaced == 0
    ids = sorted(a.article_id for a in fresh_index.articles())
    assert ids[0] == "story" and ids[1].startswith("story-") and len(ids) == 2


def test_an_exact_copy_is_not_indexed_twice(fresh_index: NewsIndex, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(STORY)
    (tmp_path / "two.txt").write_text(STORY.replace("\n\n", "\n\n\n"))  # same story
    report = fresh_index.ingest([str(tmp_path / "one.txt"), str(tmp_path / "two.txt")])
    assert (report.new, report.duplicates) == (1, 1)
    duplicate = report.articles[1]
    assert duplicate.status == "duplicate" and duplicate.same_as is not None
    assert duplicate.same_as.article_id == "one"
    assert len(fresh_index.articles()) == 1


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[str, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    fake_pdf = tmp_path / "fake.pdf"
    fake_pdf.write_text("not a pdf at all, just text")
    cases = {
        "missing": (str(tmp_path / "nope.txt"), "no such file"),
        "empty": (str(empty), "empty"),
        "binary": (str(binary), "binary"),
        "fake pdf": (str(fake_pdf), "not a PDF"),
        "wrong type": (str(_write(tmp_path / "data.csv", "a,b\n1,2\n")), "unsupported file type"),
    }
    return cases


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_bad_input_is_refused_before_anything_is_written(
    fresh_index: NewsIndex, tmp_path: Path
) -> None:
    good = _write(tmp_path / "good.txt", STORY)
    for name, (bad, message) in _bad_inputs(tmp_path).items():
        with pytest.raises(InputError, match=message):
            fresh_index.ingest([str(good), bad])
        assert fresh_index.count_chunks() == 0, name


def test_unknown_collection_is_an_error(embedder: Embedder, tmp_path: Path) -> None:
    NewsIndex(tmp_path / "d", embedder=embedder, collection="alpha", create=True)
    with pytest.raises(UnknownCollectionError, match=r"unknown collection 'beta'.*alpha"):
        NewsIndex(tmp_path / "d", embedder=embedder, collection="beta")
    with pytest.raises(InputError, match="invalid collection name"):
        NewsIndex(tmp_path / "d", embedder=embedder, collection="x", create=True)


def test_unreadable_file_is_refused(
    fresh_index: NewsIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = _write(tmp_path / "locked.txt", STORY)
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(InputError, match=r"locked\.txt: cannot read \(Permission denied\)"):
        fresh_index.ingest([str(locked)])
    assert fresh_index.count_chunks() == 0


def test_ingest_from_url(embedder: Embedder, tmp_path: Path) -> None:
    local = Fetcher(AddressPolicy.allowing("127.0.0.1/32"))
    fresh_index = NewsIndex(tmp_path / "web", "webtest", embedder, create=True, fetcher=local)
    with WebServer() as web:
        web.page("/news/rail", article_html())
        url = web.url("/news/rail")
        report = fresh_index.ingest([url])
        assert report.new == 1
        (article,) = fresh_index.articles()
        assert (
            article.title == "Rail strike ends after pay deal" and article.outlet == "Metro Daily"
        )
        assert article.url == url
        answer = fresh_index.ask("What pay offer ended the rail strike?")
        assert "six percent" in answer.answer and answer.citations[0].article.url == article.url
        with pytest.raises(InputError, match="404"):
            load_sources([web.url("/missing")], fetcher=local)
        with pytest.raises(InputError, match="that address is private"):
            load_sources([url])  # the default fetcher refuses loopback


SYNDICATED = (  # the same story, lightly edited, with a credit line
    "Title: Harbour bridge back in service\n\nSource: Coast Wire\n\n"
    "The harbour bridge reopened on Friday after two years of repairs. "
    "Engineers replaced every cable on the eastern span. "
    "The city council said traffic would be back to normal within a week.\n\n"
    "Coast Wire contributed to this report.\n"
)


def test_a_near_copy_is_linked_not_indexed_and_survives_its_original(
    fresh_index: NewsIndex, tmp_path: Path
) -> None:
    """A syndicated copy (new headline and outlet, same story) adds no chunks: it is linked to
    the article it copies; forgetting that article indexes the copy in its place."""
    (tmp_path / "orig.txt").write_text(STORY)
    (tmp_path / "wire.txt").write_text(SYNDICATED)
    fresh_index.ingest([str(tmp_path / "orig.txt")])
    chunks = fresh_index.count_chunks()
    report = fresh_index.ingest([str(tmp_path / "wire.txt")])
    (copy,) = report.articles
    assert copy.status == "copy" and report.copies == 1 and copy.chunks == 0
    assert copy.same_as is not None and copy.same_as.article_id == "orig"
    assert fresh_index.count_chunks() == chunks  # no new text to search
    fresh_index.forget("orig")
    (left,) = fresh_index.articles()
    assert left.article_id == "wire" and left.outlet == "Coast Wire"
    assert fresh_index.count_chunks() == chunks
    answer = fresh_index.ask("When did the harbour bridge reopen?")
    assert not answer.abstained and answer.citations[0].article.outlet == "Coast Wire"
