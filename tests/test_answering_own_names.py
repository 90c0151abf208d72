"""What a question asks is not what it says: the full name of a person the question names by a
word of it ("Rask" for "Eva Rask") is no answer to "who", and "take office" asks of taking
office, not of any date near the person. Articles written for the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.service import NewsIndex

ARTICLES = {
    "trip.txt": """Title: Rask to make the trip
Source: Quay Times
Date: 2024-05-02

Trade Minister Eva Rask will make the trip to the northern ports on Friday.

Fisheries chief Ida Moe is scheduled to meet Harbour Master Tor Viken on Monday.
""",
    "office.txt": """Title: New harbour master
Source: Harbour Daily
Date: 2024-05-03

Harbour Master Tor Viken took office in March after a vote of the port board.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "own-names", ARTICLES) as built:
        yield built


def test_the_full_name_of_the_person_asked_about_is_no_answer(index: NewsIndex) -> None:
    answer = index.ask("Who will join Rask on the trip to the northern ports?")
    assert answer.abstained, answer.answer
    assert answer.citations == []


def test_taking_office_is_asked_of_the_sentence_that_tells_it(index: NewsIndex) -> None:
    told = index.ask("When did Tor Viken take office?")
    assert not told.abstained, told.note
    assert "in March" in told.answer
    untold = index.ask("When did Ida Moe take office?")
    assert untold.abstained, untold.answer  # the day of her meeting is not when she took office
