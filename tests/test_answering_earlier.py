"""A question about the occasion before this one ("When did X last meet Y?") is answered by a
sentence that tells of an earlier occasion, never by the one the article reports. Articles
written for the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.question import analyse
from index.service import NewsIndex

ARTICLES = {
    "talks.txt": """Title: Rask and Brun hold grain talks
Source: Quay Times
Date: 2024-05-02

Norland Foreign Minister Eva Rask met Estland trade chief Ole Brun in Vesta on Tuesday.

Rask and Brun previously met in Lund in March, when they agreed to cut tariffs.

Rask also met port director Jon Dahl in Vesta on Wednesday to discuss the harbour.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "earlier", ARTICLES) as built:
        yield built


def test_the_last_meeting_before_is_the_earlier_one(index: NewsIndex) -> None:
    answer = index.ask("Where did Rask last meet Ole Brun before this week?")
    assert not answer.abstained
    assert "Lund" in answer.answer
    assert "on Tuesday" not in answer.answer


def test_a_previous_visit_is_the_earlier_one(index: NewsIndex) -> None:
    answer = index.ask("Where did Rask meet Ole Brun on her previous visit?")
    assert not answer.abstained
    assert "Lund" in answer.answer
    assert "on Tuesday" not in answer.answer


def test_the_meeting_the_article_reports_is_no_earlier_one(index: NewsIndex) -> None:
    answer = index.ask("When did Rask last meet Jon Dahl before this week?")
    assert answer.abstained
    assert answer.citations == []


@pytest.mark.parametrize(
    ("question", "earlier"),
    [
        ("When did Blinken last meet Cho before this trip?", True),
        ("Where had Park and Blinken last met in person?", True),
        ("What brought Blinken to Seoul the previous time he visited?", True),
        ("When did a U.S. secretary of state last visit South Korea?", True),
        ("Had they met previously?", True),
        ("What kind of meeting brought Rask to Vesta on her previous visit?", True),
        ("What did Rask do the previous day?", False),  # a date
        ("Who won the last World Cup?", False),  # the latest one, a thing
        ("What did the United States reveal last month?", False),  # a date
        ("What was the last game released by Nintendo?", False),
        ("Who came last in the race?", False),  # a place in a race
        ("When did the last visit take place?", False),
    ],
)  # fmt: skip
def test_questions_about_an_earlier_occasion(question: str, earlier: bool) -> None:
    assert analyse(question).earlier is earlier
