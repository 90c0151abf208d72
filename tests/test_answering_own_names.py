"""What a question asks is not what it says: the full name of a person the question names by a
word of it ("Rask" for "Eva Rask") is no answer to "who"; "take office" asks of taking
office, not of any date near the person; "the Danish protesters" are not any sentence of
Denmark; "How did X react?" is told by what X did, not by a sentence X is only named in; where an
event was held is told by a sentence of the event; a phrasal verb ("touch down") is asked in
what it means. Articles written for the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.doers import governed_by_preposition
from index.embedding import Embedder
from index.service import NewsIndex

ARTICLES = {
    "trip.txt": """Title: Rask to make the trip
Source: Quay Times
Date: 2024-05-02

Trade Minister Eva Rask will make the trip to the northern ports on Friday.

Fisheries chief Ida Moe is scheduled to meet Harbour Master Tor Viken on Monday.
""",
    "farmers.txt": """Title: Protesters wait for Rask
Source: Quay Times
Date: 2024-05-04

Danish protesters gathered outside the trade ministry in Vesta on Monday, waiting for Eva Rask.

They are demanding that Norland drop its new grain tariffs.

Denmark has demanded lower fees at Norland's ports, officials said.
""",
    "tariffs.txt": """Title: Tariff talks
Source: Harbour Daily
Date: 2024-05-05

Eva Rask met fisheries chief Ida Moe in Vesta on Tuesday to discuss Estland's new tariffs.

Port director Per Holm welcomed the new tariffs, saying they would protect local boatyards.

"The grain talks went well and we will sign a deal in June," Minister of Trade Eva Rask said.
""",
    "summit.txt": """Title: Ice-breakers shared
Source: Quay Times
Date: 2024-06-20

During a June summit between Norway and Sweden in Helsinki, both agreed to share ice-breakers.
""",
    "flight.txt": """Title: Moe lands in Vesta
Source: Quay Times
Date: 2024-06-21

Fisheries chief Ida Moe landed at Gardermoen airport late on Sunday.
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


def test_people_described_by_a_nationality_are_not_their_country(index: NewsIndex) -> None:
    answer = index.ask(
        "What are the Danish protesters waiting for Rask at the trade ministry demanding?"
    )
    assert not answer.abstained, answer.note
    assert answer.answer == "They are demanding that Norland drop its new grain tariffs. [1]"


def test_how_someone_reacted_is_what_they_did(index: NewsIndex) -> None:
    reacted = index.ask("How did Per Holm react to Estland's new tariffs?")
    assert not reacted.abstained, reacted.note
    assert "welcomed the new tariffs" in reacted.answer
    met = index.ask("How did Ida Moe react to Estland's new tariffs?")
    assert met.abstained, met.answer  # she is only met to discuss them
    summed = index.ask("How did Eva Rask sum up the grain talks?")
    assert "went well" in summed.answer, summed.note


@pytest.mark.parametrize(
    ("before", "governed"),
    [("Kim traveled to Russia and met with President Vladimir ", True),
     ("talks with the Minister of Foreign Affairs Park ", True),
     ("and will counter it with action of their own, Secretary of State Antony ", False),
     ("Eva Rask met fisheries chief Ida ", False),  # an object: its stored role says so
     ("Port director Per ", False)],
)  # fmt: skip
def test_a_name_a_preposition_governs(before: str, governed: bool) -> None:
    """Read back past the name's title: "of" inside "Secretary of State" governs no one."""
    assert governed_by_preposition(before) is governed


def test_where_an_event_was_held_is_told_by_a_sentence_of_it(index: NewsIndex) -> None:
    """ "hold a summit": a sentence that tells of the summit, in whatever verb, places it."""
    answer = index.ask("Where did Norway and Sweden hold their June summit?")
    assert not answer.abstained, answer.note
    assert "in Helsinki" in answer.answer


def test_a_phrasal_verb_is_asked_in_its_meaning(index: NewsIndex) -> None:
    """ "touch down" is to land (WordNet): the sentence of her landing answers."""
    answer = index.ask("Where did Ida Moe's plane touch down?")
    assert not answer.abstained, answer.note
    assert "landed at Gardermoen airport" in answer.answer
