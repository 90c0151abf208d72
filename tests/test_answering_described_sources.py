"""Sources asked for by description and their words: a news agency asked as "Finland's state
news agency" (and "it" in the next question), an outlet's own report ("the Quay Times report"),
a role with a clause after it ("the counterparts that X will meet"), a summit held with someone,
a kind of thing asked ("what kind of meeting"). An article written for the test, made-up people.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.question import analyse
from index.service import NewsIndex

ARTICLE = """Title: Norwegian ministers visit Vesta
Source: Quay Times
Date: 2024-05-16

Norwegian Foreign Minister Eva Rask arrived in Vesta on Wednesday after a two-day meeting in Lund of trade ministers from the G5, the five northern trading nations.

It marks her first trip to Vesta in three years, after her last visit here for a "three plus three" meeting of the trade and fisheries chiefs.

Finnish leader Kai Moss had traveled to Norway in March and met with President Ivar Lie, the state-run Finnish Central News Agency said at the time.

The ministers' talks came after an arms deal reached at a rare March summit between Kai Moss and Norwegian President Ivar Lie.

The Finnish Central News Agency in a report Thursday criticized Rask's visit and described the senior Norwegian officials as "uninvited guests."

"There is no doubt that the visits of the Norwegian ministers will bring a new storm cloud over the Baltic region," the report said.

Rask will fly to Lund later in the day for joint talks with her Finnish counterparts.

"Our two countries have taken steps to share port data every week," Rask said.
"""


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "described-sources", {"a.txt": ARTICLE}) as built:
        yield built


def test_an_agency_asked_by_description_is_quoted_on_what_it_describes(index: NewsIndex) -> None:
    """The topic is told by its head noun ("the officials"), not its last word ("region")."""
    question = "How did Finland's state news agency describe the senior Norwegian officials visiting the region?"
    answer, _ = index.ask_in_chat(question, "agency")
    assert "uninvited guests" in answer.answer, answer.answer
    # "it" is the agency the question described, not a name it mentioned
    then, _ = index.ask_in_chat("And what did it predict the visits would bring?", "agency")
    assert "storm cloud" in then.answer, then.answer


def test_an_outlets_report_speaks_for_the_outlet(index: NewsIndex) -> None:
    answer = index.ask("How does the Quay Times report describe the G5?")
    assert answer.answer_kind == "evidence", answer.answer
    assert "five northern trading nations" in answer.answer


def test_a_role_with_a_clause_after_it_that_no_one_is_given(index: NewsIndex) -> None:
    answer = index.ask("Who are the Finnish counterparts that Rask will meet?")
    assert answer.abstained and answer.citations == [], answer.answer
    assert answer.note == "The articles do not name the Finnish counterparts."


def test_the_one_a_summit_was_held_with(index: NewsIndex) -> None:
    """ "Hold a summit with Y": the summit's noun tells the event; the place it was held in
    is not told by it."""
    answer = index.ask("Which head of state did Finland's leader hold a rare summit with in March?")
    assert "Ivar Lie" in answer.answer, answer.answer
    place = index.ask("In which Norwegian city did Kai Moss and Ivar Lie hold their March summit?")
    assert place.abstained and place.citations == [], place.answer


def test_a_kind_of_thing_asked_needs_no_name(index: NewsIndex) -> None:
    answer = index.ask("What kind of meeting brought Rask to Vesta on her previous visit?")
    assert "three plus three" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expects_names"),
    [
        ("What kind of meeting brought Rask to Vesta?", False),
        ("What type of official did Rask meet?", False),
        ("Which team won the cup?", True),
        ("Which diplomat did Rask meet?", True),
    ],
)
def test_a_kind_asked_expects_no_name(question: str, expects_names: bool) -> None:
    assert bool(analyse(question).expects) is expects_names


@pytest.mark.parametrize(
    "question",
    [
        "According to Rask, what steps have the two countries taken?",
        "What steps have the two countries taken, according to Rask?",
    ],
)
def test_according_to_someone_asks_their_own_words(index: NewsIndex, question: str) -> None:
    answer = index.ask(question)
    assert "share port data" in answer.answer, answer.answer


def test_according_to_someone_on_what_they_never_said(index: NewsIndex) -> None:
    answer = index.ask("According to Rask, what did Kai Moss eat for breakfast?")
    assert answer.abstained and answer.citations == [], answer.answer


@pytest.mark.parametrize(
    ("question", "speaker", "topic"),
    [
        ("According to Rask, what steps were taken?", "Rask", "what steps were taken"),
        ("What steps were taken, according to Eva Rask's office?", None, None),  # described
        ("According to Finnish state media, why did Moss go?", None, None),
        ("What was agreed, according to the coverage?", None, None),
        ("Who did Rask meet?", None, None),
    ],
)
def test_the_source_a_question_names(question: str, speaker: str | None, topic: str | None) -> None:
    from index.asked_speech import according_to

    speech = according_to(question)
    assert (speech.speaker if speech else None) == speaker
    if topic is not None and speech is not None:
        assert speech.topic == topic
