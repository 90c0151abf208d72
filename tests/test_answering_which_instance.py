"""A question about one instance of a thing is not answered by a sentence about another: "the
third attempt" is not the first two, "the protest group" is no militant group, "the outcome of
the attempt" is not told by a sentence that never speaks of it, the time since a last trip is
no stay's length, someone met or arriving is greeted by no one, and a country is no city.
"Which agency was cited as quoting X?" is answered by the sentence an outlet quotes X in, though
it says "he"; "When was that?" asks the event of the question before. Articles written for the
test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.followup import completed
from index.places import place_forms
from index.question import analyse
from index.relation import asks_speakers
from index.service import NewsIndex

ARTICLES = {
    "probe.txt": """Title: Vesta plans another probe launch
Source: Coast Wire
Date: 2024-11-07

Vesta is preparing to launch a weather probe after having failed twice this year to put one in orbit.

Vesta's engineers blamed a faulty valve for both failures, the space agency said.
""",
    "attempt.txt": """Title: Vesta readies weather probe
Source: Quay Times
Date: 2024-11-08

Officials in Norland said Vesta appears to be readying for a third attempt to launch a weather probe.

The Norland government has urged Vesta to cancel the launch.

Ministers condemned Vesta's rocket tests, which they said were a direct violation of U.N. Security Council resolutions.

Norland has taken steps to protect its coast from winter storms, the ministry said.

Norland said the militant group Skarn had broken the Bergen Truce agreement signed in March.
""",
    "satellite.txt": """Title: Vesta sets satellite date
Source: Quay Times
Date: 2024-11-10

Vesta's space agency said it will launch its first indigenous weather satellite from Skarv island on Nov. 30.
""",
    "visit.txt": """Title: Lind arrives in Norland
Source: Harbour Daily
Date: 2024-11-09

Ole Lind is expected to be met by a group of protesters when he arrives for talks at the foreign ministry.

Lind arrived in Norland after a meeting with leaders who called for pauses in the fighting with the militant group Skarn.

Ida Moe had traveled to Vesta that month, her first trip outside Norland in over four years, and met Lind.

Ole Lind landed at Bergen airport late at night, flying in from Oslo.

Deputy minister Kari Holm thanked Lind for his support of the coast guard.

Lind and Moe last met in person at the Nordic Council in Oslo in September.

Lind will meet Moe again on Thursday.

Lind will fly out of Bergen on Friday and head for Poland, the last leg of his Europe swing.

At an August retreat in Annapolis, Md., Lind and Moe agreed to share coast guard patrols.

Ole Lind, the Vesta foreign minister, spoke in Bergen on Thursday.

The two countries also held joint drills near the coast in October.

“Our two countries have taken steps to share weather warning data in real time,” he said as quoted by Coast Wire.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "instances-asked", ARTICLES) as built:
        yield built


@pytest.mark.parametrize(
    "question",
    [
        "What was the outcome of Vesta's third attempt to launch a weather probe?",
        "What is the name of the protest group expected to meet Lind at the foreign ministry?",
        "How long did Ida Moe stay in Vesta?",
        "Which Norland official greeted Ole Lind when he landed in Bergen?",
        "On what date is the third attempt by Vesta's space agency to launch its weather probe "
        "scheduled?",
        "Which specific U.N. Security Council resolutions did ministers say Vesta had violated?",
    ],
)
def test_another_instance_is_no_answer(index: NewsIndex, question: str) -> None:
    answer = index.ask(question)
    assert answer.abstained, answer.answer
    assert not answer.citations


@pytest.mark.parametrize(
    ("question", "told"),
    [
        # the instance the question asks of ("a third attempt") is in the passage
        ("Who said Vesta is readying for a third attempt to launch a weather probe?", "Norland"),
        # the act on a person told by its verb
        ("Which Norland official thanked Ole Lind?", "Kari Holm"),
        # an abstraction's name says which one ("the Bergen Truce agreement"), as "steps to
        # protect ..." says which steps
        ("Which agreement did Norland say the militant group Skarn had broken?", "Bergen Truce"),
        ("What steps has Norland taken against storms?", "protect its coast"),
        # a phrasal verb WordNet lacks in its news sense ("send up": launch)
        ("When will Vesta send up its first homegrown weather satellite?", "Nov. 30"),
        # a city asked is answered by a city, not a country
        ("In which city did Lind and Moe last meet in person?", "Oslo"),
        # a state named by its news abbreviation ("Annapolis, Md.")
        ("What did Lind and Moe agree to at their retreat in Maryland?", "coast guard patrols"),
        # the outlet quoting a speaker who is "he" in the sentence
        (
            "Which news agency was cited as quoting Ole Lind on the real-time sharing of weather "
            "warning data?",
            "quoted by Coast Wire",
        ),
    ],
)
def test_the_instance_told_answers(index: NewsIndex, question: str, told: str) -> None:
    answer = index.ask(question)
    assert not answer.abstained, question
    assert told in answer.answer


def test_a_country_is_no_city(index: NewsIndex) -> None:
    """ "Which Polish city will Lind fly to?": "head for Poland" names no city. (Whether a city
    another sentence names is in Poland is not read: "flying in from Oslo" may still answer.)"""
    answer = index.ask("Which Polish city will Lind fly to after leaving Bergen?")
    assert "head for Poland" not in answer.answer


def test_a_state_has_its_news_abbreviation_unless_it_reads_as_a_word() -> None:
    assert "Md." in place_forms("Maryland", "GPE")
    assert "Wash." not in place_forms("Washington", "GPE")  # folded, it reads as "wash"


@pytest.mark.parametrize(
    ("question", "by_speaker"),
    [
        ("Which news agency was cited as quoting Ole Lind on weather data?", True),
        ("Which outlet quoted Ida Moe on the drills?", True),
        ("Which outlet reported the drills near the coast?", False),
        ("Who cited the drills near the coast?", False),
    ],
)
def test_an_outlet_quoting_someone_is_asked_of_the_speaker(question: str, by_speaker: bool) -> None:
    assert asks_speakers(analyse(question)) is by_speaker


@pytest.mark.parametrize(
    ("followup", "read_as"),
    [
        ("When was that?", "When did Lind and Moe last meet in person?"),
        ("and where did that happen?", "Where did Lind and Moe last meet in person?"),
        ("When did it take place?", "When did Lind and Moe last meet in person?"),
        ("When?", "When did Lind and Moe last meet in person?"),
        ("And in what month was that?", "In what month did Lind and Moe last meet in person?"),
        ("Which city was that in?", None),  # the preposition after: not read
        ("How was that?", None),  # an opinion asked, not the event's manner
        ("When was the summit?", None),  # a question of its own
    ],
)
def test_a_bare_wh_follow_up_asks_the_event_before(followup: str, read_as: str | None) -> None:
    assert completed(followup, "Where did Lind and Moe last meet in person?") == read_as


def test_when_was_that_is_answered_of_the_meeting_before(index: NewsIndex) -> None:
    first, _ = index.ask_in_chat("Where did Lind and Moe last meet in person?", "t-that")
    assert "Oslo" in first.answer
    second, _ = index.ask_in_chat("When was that?", "t-that")
    assert "September" in second.answer
    assert "Thursday" not in second.answer
