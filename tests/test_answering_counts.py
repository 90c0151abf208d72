"""A count asked is one value: "How many X has Y deployed since Z resumed long-range tests?" is
read as a count (not a length of time: "long-range" is no "how long"), and with no figure in
the articles it goes unanswered, not shown as each source's evidence however many words it has.
"How many days will X spend in Y?" is not answered by a length that sets one event off from
another. Articles written for the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.question import analyse
from index.question_words import AMOUNTS, TIMES
from index.service import NewsIndex

ARTICLES = {
    "patrols.txt": """Title: Norland steps up patrols
Source: Coast Wire
Date: 2024-11-07

Norland has increased the deployment of patrol boats, long-range drones and a submarine after Vesta resumed long-range rocket tests near the northern coast.

Norland deployed six minesweepers to the Skarv strait in May.
""",
    "visits.txt": """Title: Lind ends Vesta visit
Source: Quay Times
Date: 2024-11-08

Lind's visit came five days before Ida Moe is scheduled to meet Ole Dahl in Bergen on Monday.

Lind's three-day visit to Vesta ended on Friday.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "counts", ARTICLES) as built:
        yield built


@pytest.mark.parametrize(
    ("question", "expects"),
    [
        ("How many patrol boats has Norland sent since the long-range rocket tests?", AMOUNTS),
        ("How long did the long-range rocket tests last?", TIMES),
    ],
)
def test_how_long_is_read_after_how(question: str, expects: frozenset[str]) -> None:
    assert analyse(question).expects == expects


def test_a_count_with_no_figure_goes_unanswered(index: NewsIndex) -> None:
    answer = index.ask(
        "How many patrol boats has Norland deployed to the northern coast since Vesta resumed "
        "long-range rocket tests?"
    )
    assert answer.abstained and answer.citations == [], answer.answer


def test_a_count_given_is_answered(index: NewsIndex) -> None:
    """The control: the figure is there."""
    answer = index.ask("How many minesweepers did Norland deploy to the Skarv strait?")
    assert "six minesweepers" in answer.answer, (answer.answer, answer.note)


def test_a_length_set_off_from_another_event_is_no_stay(index: NewsIndex) -> None:
    """ "five days before Moe is to meet Dahl" says when, not how long Moe stays."""
    answer = index.ask("How many days will Ida Moe spend in Bergen on her trip?")
    assert answer.abstained and answer.citations == [], answer.answer
    lasted = index.ask("How many days did Lind's visit to Vesta last?")
    assert "three-day" in lasted.answer, (lasted.answer, lasted.note)
    apart = index.ask("How many days separated Lind's visit from Ida Moe's meeting with Ole Dahl?")
    assert "five days before" in apart.answer, (apart.answer, apart.note)
