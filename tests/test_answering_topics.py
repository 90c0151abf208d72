"""What a speaker said about names: countries counted together ("our three countries"), the
speaker's own country as "we", and "the North" asked for a country the statement calls by
another name ("DPRK"). An article
written for the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.service import NewsIndex

ARTICLE = """Title: Nordic ministers meet on fisheries
Source: Quay Times
Date: 2024-05-10

Fisheries ministers of Norway, Sweden and Finland met in Helsinki on Friday to discuss quotas and North Korea.

"Our three countries have agreed to share fishing data every month," Norwegian Fisheries
Minister Eva Rask said.

"We will not cut our cod quotas this year," Rask said.

"DPRK vessels have been seen far outside their waters," Rask told reporters.
"""


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "topics", {"article.txt": ARTICLE}) as built:
        yield built


def test_countries_counted_together_are_named(index: NewsIndex) -> None:
    answer = index.ask("What did Rask say Norway, Sweden and Finland have agreed to share?")
    assert "share fishing data" in answer.answer


def test_a_count_that_is_not_the_countries_asked_does_not_name_them(index: NewsIndex) -> None:
    answer = index.ask("What did Rask say Norway and Sweden have agreed to share?")
    assert "share fishing data" not in answer.answer


def test_the_north_is_the_country_by_any_of_its_names(index: NewsIndex) -> None:
    answer = index.ask("What did Rask say about the North's vessels outside their waters?")
    assert "DPRK vessels" in answer.answer


def test_we_in_a_quote_is_the_speakers_own_country(index: NewsIndex) -> None:
    """Rask is Norway's minister (the title the article gives her)."""
    answer = index.ask("What did Rask say about Norway's cod quotas?")
    assert "We will not cut our cod quotas" in answer.answer


def test_we_is_not_another_country(index: NewsIndex) -> None:
    answer = index.ask("What did Rask say about Sweden's cod quotas?")
    assert "We will not cut our cod quotas" not in answer.answer
