"""What is still to come, and one instance of a repeated event: "When will X make its third
attempt?" is not answered by the dates of the attempts that failed, nor by a date that had
passed when the article was written; "What was the outcome of the summit?" not by a sentence
that tells of the summit as still ahead. Articles written for the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.instances import asked_instance, of_another_instance
from index.service import NewsIndex

ARTICLES = {
    "lumeria.txt": """Title: Lumeria readies its rocket again
Source: Orbit Weekly
Date: 2024-06-10

Lumeria is preparing for a third attempt to launch a weather satellite, after its failed
attempts in March and May.
""",
    "veldia.txt": """Title: Veldia sets a date
Source: Orbit Weekly
Date: 2024-06-12

Veldia will make its second attempt to launch a probe on July 2, its space agency said.

Veldia's first attempt to launch a probe failed in April, when the rocket lost power.
""",
    "tarsa.txt": """Title: Tarsa counts its visitors
Source: Valley Post
Date: 2024-06-20

Tarsa held a harvest festival in May, and the town council is planning another one.
""",
    "norda.txt": """Title: Norda tries again
Source: Orbit Weekly
Date: 2024-06-25

Norda is preparing to launch a probe after failing once this year to put one in orbit.
""",
    "summits.txt": """Title: Two summits
Source: Valley Post
Date: 2024-06-22

Fishing quotas could be discussed ahead of the Harbour summit between Lumeria and Veldia in
Vika, set for later this month.

The Quay summit between Tarsa and Norda ended with a deal to share the fishing grounds.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "instances", ARTICLES) as built:
        yield built


def test_the_dates_of_the_other_attempts_do_not_date_the_third(index: NewsIndex) -> None:
    answer = index.ask("When will Lumeria make its third attempt to launch a weather satellite?")
    assert answer.abstained
    assert not answer.citations


def test_the_date_of_the_asked_attempt_is_the_answer(index: NewsIndex) -> None:
    answer = index.ask("When will Veldia make its second attempt to launch a probe?")
    assert "July 2" in answer.answer
    assert "April" not in answer.answer


def test_a_date_gone_by_when_the_article_was_written_is_not_one_to_come(
    index: NewsIndex,
) -> None:
    answer = index.ask("When will Tarsa hold another harvest festival?")
    assert answer.abstained


@pytest.mark.parametrize(
    ("sentence", "date", "question", "other"),
    [
        ("It is ready for a third attempt, after failed attempts in May and August.", "May",
         "When is the third attempt?", True),
        ("It is ready for a third attempt, after failed attempts in May and August.", "August",
         "When is the third attempt?", True),
        ("Its third attempt in October failed.", "October", "When was its third attempt?", False),
        ("Its second attempt in October failed.", "October", "When was its third attempt?", True),
        # a date of the verb, not of a noun: the parse does not say which attempt it is
        ("It failed in May after two attempts.", "May", "When was its third attempt?", False),
    ],
)  # fmt: skip
def test_which_instance_a_date_belongs_to(
    sentence: str, date: str, question: str, other: bool
) -> None:
    asked = asked_instance(question)
    assert asked is not None
    start = sentence.index(date)
    assert of_another_instance(sentence, start, start + len(date), asked) is other


def test_an_event_still_ahead_has_no_outcome_yet(index: NewsIndex) -> None:
    answer = index.ask("What was the outcome of the Harbour summit in Vika?")
    assert answer.abstained
    assert not answer.citations


def test_the_outcome_of_an_event_that_took_place_is_answered(index: NewsIndex) -> None:
    answer = index.ask("What was the outcome of the Quay summit?")
    assert "share the fishing grounds" in answer.answer


def test_on_what_date_is_not_answered_by_a_year(index: NewsIndex) -> None:
    """ "this year" names no date, and is when the attempts failed."""
    answer = index.ask("On what date will Norda make its second attempt to launch a probe?")
    assert answer.abstained


def test_an_attempt_still_being_prepared_has_no_outcome_yet(index: NewsIndex) -> None:
    """Lumeria is "preparing for a third attempt": nothing came of it yet."""
    answer = index.ask(
        "What was the outcome of Lumeria's third attempt to launch a weather satellite?"
    )
    assert answer.abstained
