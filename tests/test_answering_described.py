"""A person a question describes instead of naming ("the top Estland diplomat") whose role the
articles give no one is not told of; names in the wh-word's phrase ("which Norland city") say
what kind of answer is asked for, and the answer need not repeat them. Articles written for the
test, with made-up names; and a capital made to act ("What prompted Berlin to ...?") is its
country, not a place the answer must name; "they" after a "who" question that named no one
is the people its answer gave; a speaker described in other words than the articles' ("Norway's
state news agency") is the organisation they name so, with that country."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.question import analyse
from index.relation import quotes_the_question
from index.service import NewsIndex
from index.stand_ins import described_people

ARTICLES = {
    "visit.txt": """Title: Norland envoy in Vesta
Source: Quay Times
Date: 2024-05-02

Norland Foreign Minister Eva Rask held talks with Estland's trade chief, Ole Brun, on grain.

Rask arrived in Vesta on Tuesday evening after a stop in Karsby.

Estland has asked for lower grain tariffs for two years.
""",
    "summit.txt": """Title: Grain summit planned
Source: Harbour Daily
Date: 2024-05-03

Norland will host the grain summit this summer, officials said.

The summit will be held in Bergen in July, the organisers said.
""",
    "meeting.txt": """Title: Port talks on Monday
Source: Harbour Daily
Date: 2024-05-05

Harbour master Tor Viken is scheduled to meet Norland's fisheries chief, Ida Moe, in Vesta on Monday.

The two are expected to discuss dredging the northern channel.
""",
    "quotas.txt": """Title: Quota talks
Source: Quay Times
Date: 2024-05-05

Norland officials are expected to discuss fishing quotas in Vesta on Monday.
""",
    "envoy.txt": """Title: Envoy visit draws fire
Source: Quay Times
Date: 2024-05-06

Swedish envoy Ole Brun arrived in Oslo on Sunday for talks on fishing rights.

The state-run Norwegian Press Agency reported that Brun's visit was "an insult to the fishermen."

The Swedish foreign ministry said Brun's visit was routine.
""",
    "fees.txt": """Title: Port fees rise
Source: Harbour Daily
Date: 2024-05-04

Germany raised its port fees by a fifth after the harbour at Hamburg flooded twice in April.

Denmark suspects Germany of raising the fees to pay for new flood walls.

Germany declared June 1 "harbour safety day" to honour the crews who fought the floods.

During a March summit between Germany and Denmark at Kiel, both agreed to share dredgers.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "described", ARTICLES) as built:
        yield built


def test_a_person_described_by_a_role_the_articles_give_is_answered(index: NewsIndex) -> None:
    answer = index.ask("When did the top Norland diplomat arrive in Vesta?")
    assert not answer.abstained
    assert "Tuesday evening" in answer.answer


def test_a_role_no_one_holds_is_not_given_to_someone_else(index: NewsIndex) -> None:
    answer = index.ask("When did the top Estland diplomat arrive in Vesta?")
    assert answer.abstained
    assert answer.citations == []
    assert answer.note == "The articles do not name the top Estland diplomat."
    # a country they never mention is said first: that is the plainer reason
    unknown = index.ask("When did the top Latvian diplomat arrive in Vesta?")
    assert unknown.abstained and unknown.note == "The articles never mention Latvian."


def test_a_name_in_the_wh_phrase_need_not_be_in_the_answer(index: NewsIndex) -> None:
    answer = index.ask("In which Norland city will the grain summit be held?")
    assert not answer.abstained
    assert "Bergen in July" in answer.answer


@pytest.mark.parametrize(
    ("question", "told"),
    [("What prompted Berlin to raise its port fees?", "flooded twice"),
     ("What led Berlin to raise its port fees?", "flooded twice"),
     ("Why does Denmark suspect Berlin of raising the fees?", "new flood walls")],
)  # fmt: skip
def test_a_capital_made_to_act_stands_for_its_country(
    index: NewsIndex, question: str, told: str
) -> None:
    answer = index.ask(question)
    assert not answer.abstained, answer.note
    assert told in answer.answer


def test_they_after_a_who_question_are_the_people_it_gave(index: NewsIndex) -> None:
    chat = "t-they-answered"
    first, _ = index.ask_in_chat("Who is scheduled to meet in Vesta on Monday?", chat)
    assert "Tor Viken" in first.answer
    answer, _ = index.ask_in_chat("What are they expected to discuss?", chat)
    assert "dredging" in answer.answer and "quotas" not in answer.answer, answer.answer


def test_the_two_after_a_sentence_naming_both_speaks_of_them(index: NewsIndex) -> None:
    answer = index.ask("What are Tor Viken and Ida Moe expected to discuss?")
    assert "dredging" in answer.answer and "quotas" not in answer.answer, answer.answer


def test_an_organisation_described_in_other_words_is_the_one_named(index: NewsIndex) -> None:
    answer = index.ask("What did Norway's state news agency say about Brun's visit?")
    assert "an insult to the fishermen" in answer.answer, answer.answer
    assert "routine" not in answer.answer
    other = index.ask("What did Sweden's state news agency say about Brun's visit?")
    assert other.abstained and other.citations == [], other.answer


def test_an_event_held_is_told_by_its_noun(index: NewsIndex) -> None:
    answer = index.ask("When did Germany and Denmark hold their summit at Kiel?")
    assert not answer.abstained, answer.note
    assert "March summit" in answer.answer


def test_a_quoted_phrase_tells_the_event_in_any_verb(index: NewsIndex) -> None:
    answer = index.ask('Why did Berlin pick June 1 as "harbour safety day"?')
    assert "to honour the crews" in answer.answer, answer.answer
    when = index.ask('When did Berlin pick June 1 as "harbour safety day"?')
    assert when.abstained, when.answer  # the day of the choosing is told nowhere


@pytest.mark.parametrize(
    ("question", "described"),
    [
        ("When did the top U.S. diplomat arrive?", ["the top U.S. diplomat"]),
        ("Who did South Korea's foreign minister meet?", ["South Korea's foreign minister"]),
        ("Why will the Pentagon chief join him?", ["the Pentagon chief"]),
        ("Where did the president of Estland speak?", ["the president of Estland"]),
        ("What did the prime minister's spokesman say?", ["the prime minister's spokesman"]),
        ("When did Foreign Minister Eva Rask arrive?", []),  # a title before a name
        ("When did the foreign minister Eva Rask arrive?", []),
        ("What did the protesters demand?", []),  # many people, no one role
        ("What is the name of the new treaty?", []),  # "name" is no person
        ("From which base will Estland's first spy satellite be launched?", []),
        ("Which official did Rask meet?", []),  # the kind of answer asked for
        ("When did a minister resign?", []),  # no one known
        # "land" is the verb, not the end of the owner's name
        ("When did the U.S. secretary of state land in Seoul?", ["the U.S. secretary of state"]),
        ("When did Park and the secretary of state last meet?", ["the secretary of state"]),
    ],
)  # fmt: skip
def test_people_described_in_a_question(question: str, described: list[str]) -> None:
    assert described_people(question) == described


@pytest.mark.parametrize(
    ("question", "kind_names", "other_names"),
    [
        ("In which U.S. state was the summit held?", ["U.S."], []),
        ("Which South Korean official did Blinken meet?", ["South Korean"], ["Blinken"]),
        ("Which Japanese city hosted the G7 meeting?", ["Japanese"], ["G7"]),
        ("What did Blinken say about Russia?", [], ["Blinken", "Russia"]),
    ],
)  # fmt: skip
def test_names_in_the_wh_phrase(
    question: str, kind_names: list[str], other_names: list[str]
) -> None:
    names = analyse(question).names
    assert [n.text for n in names if n.asked_kind] == kind_names
    assert [n.text for n in names if not n.asked_kind] == other_names
    assert not any(n.subject for n in names if n.asked_kind)


@pytest.mark.parametrize(
    ("question", "sentence", "quoted"),
    [
        ('Why pick June 1 as "harbour safety day"?', 'It named June 1 "harbour safety day".', True),
        ("Why pick June 1 as “harbour safety day”?", "It named June 1 “Harbour Safety Day.”", True),
        ('Why pick June 1 as "harbour safety day"?', "It named June 1 a day of safety.", False),
        ('Why was he called "rude"?', "He was rude.", False),  # one word is no phrase
        ("Why pick June 1 as harbour safety day?", 'It named June 1 "harbour safety day".', False),
    ],
)  # fmt: skip
def test_a_phrase_the_question_quotes(question: str, sentence: str, quoted: bool) -> None:
    assert quotes_the_question(question, sentence) is quoted
