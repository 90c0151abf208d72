"""An index of articles written for a test module: each one a file, ingested once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from index.embedding import Embedder
from index.service import NewsIndex


@contextmanager
def indexed(
    embedder: Embedder,
    tmp_path_factory: pytest.TempPathFactory,
    collection: str,
    articles: dict[str, str],
) -> Iterator[NewsIndex]:
    """A collection of its own holding the articles (file name -> text), closed after."""
    folder = tmp_path_factory.mktemp(collection)
    for name, text in articles.items():
        (folder / name).write_text(text)
    built = NewsIndex(folder / "data", collection, embedder, create=True)
    built.ingest([str(folder / name) for name in articles])
    try:
        yield built
    finally:
        built.close()
