"""Questions that name their source ("..., according to the Valley Post?") are answered from
that outlet's own articles; "They will discuss ..." after a sentence that names every subject
of the question speaks of them all. Articles written for the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.service import NewsIndex

ARTICLES = {
    "quay.txt": """Title: Harbour talks on Friday
Source: Quay Times
Date: 2024-05-02

Mayor Eva Rask will hold talks with port chief Ola Berg on Friday.

Rask and Berg will discuss ferry fares in their talks, officials said.
""",
    "valley.txt": """Title: Port chief to meet the mayor
Source: Valley Post
Date: 2024-05-02

Mayor Eva Rask is expected to meet the council before talks with port chief Ola Berg on Friday.

They will discuss the cost of new harbour cranes, according to the council.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "sources", ARTICLES) as built:
        yield built


def test_according_to_an_outlet_is_that_outlets_account(index: NewsIndex) -> None:
    answer = index.ask(
        "What will Rask and Berg discuss in their talks, according to the Valley Post?"
    )
    assert "harbour cranes" in answer.answer
    assert "ferry fares" not in answer.answer


def test_according_to_the_other_outlet(index: NewsIndex) -> None:
    answer = index.ask(
        "What will Rask and Berg discuss in their talks, according to the Quay Times?"
    )
    assert "ferry fares" in answer.answer
    assert "harbour cranes" not in answer.answer


def test_they_after_a_sentence_naming_both_subjects_speaks_of_them(index: NewsIndex) -> None:
    """ "They will discuss ..." follows "Rask is expected to meet ... before talks with Berg"."""
    answer = index.ask("What will Eva Rask and Ola Berg discuss, according to the Valley Post?")
    assert "harbour cranes" in answer.answer
