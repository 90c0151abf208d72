"""Where a statement was made, for "What did X say in Y?": a place in what was said ("the
strike in Tromso") is not where it was said. An article written for the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.service import NewsIndex

ARTICLE = """Title: Port talks in Lisbon
Source: Quay Times
Date: 2024-05-10

Eva Rask met her Norvik counterpart Ola Berg at a press conference in Lisbon on Thursday.

Speaking alongside Berg, Rask told reporters that the two ports are worried about the dock
strike in Tromso.

At a press event in Oslo on Wednesday, Rask said the ferries would run again in June.
"""


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "settings", {"article.txt": ARTICLE}) as built:
        yield built


def test_a_place_in_what_was_said_is_not_where_it_was_said(index: NewsIndex) -> None:
    answer = index.ask("What did Rask tell reporters in Lisbon the two ports were worried about?")
    assert "dock strike in Tromso" in answer.answer


def test_a_statement_made_elsewhere_is_not_one_made_in_the_place(index: NewsIndex) -> None:
    answer = index.ask("What did Rask say in Lisbon about the ferries?")
    assert "June" not in answer.answer
