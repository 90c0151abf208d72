"""The part of an event a question asks is what a sentence must give: "Why did X fail?" is not
answered by a sentence in which the failure is only the occasion of something else; "What were
the protesters demanding?" by one that tells of the protesters but not of a demand, or of
others' demands; "Who did X hold talks with?" by X's talks with no one named; "Where will they
hold their meeting?" is told by a summit, a kind of meeting. Articles written for the test,
with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.followup import contextualize, quoted_names
from index.question import analyse
from index.service import NewsIndex

ARTICLES = {
    "probe.txt": """Title: Vesta plans another probe launch
Source: Coast Wire
Date: 2024-11-07

Vesta is preparing to launch a weather probe after having failed twice this year to put one in orbit.

Officials in Norland said Vesta appears to be readying for a third attempt after failed launches in May and August.
""",
    "ferry.txt": """Title: Ferry service halted
Source: Quay Times
Date: 2024-11-08

The Bergen ferry service failed on Monday because a storm flooded its engine room, the operator said.
""",
    "visit.txt": """Title: Lind arrives in Norland
Source: Harbour Daily
Date: 2024-11-09

Ole Lind is expected to be met by a group of fishermen's protesters when he arrives for talks at the harbour office.
They are demanding that Norland lifts its ban on winter trawling.

Lind arrived in Norland after a meeting with Nordic leaders who called for an end to the quota dispute with Vesta.

Norland Foreign Minister Ole Lind held talks in Bergen on Thursday on fishing quotas between Vesta and Skarv.

On Friday, Lind will hold talks with Trade Minister Eva Berg in Bergen.

Speaking alongside Trade Minister Eva Berg, Lind told reporters that the quota talks would go on.

At their meeting in Bergen on Friday, the two ministers are expected to discuss the winter trawling rules.

Lind will fly out of Bergen on Saturday and head for Poland, the last leg of his trip.

Lind will then fly to Tromso, to be joined by Kari Moe for joint talks with their Vesta counterparts.

The quota dispute could be discussed ahead of a long-awaited summit between Norland President Arne Dahl and Vesta President Rolf Aas in Tromso later this month.
""",
    "coast.txt": """Title: Coast guard on alert
Source: Quay Times
Date: 2024-11-11

Vesta has increased the deployment of patrol boats after the storms.

Lind condemned illegal trawling by Skarv near the coast and Skarv's sending of fishing fleets to Vesta's waters, the Fisheries Department said.
""",
    "department.txt": """Title: Lind meets harbour chief
Source: Coast Wire
Date: 2024-11-10

Lind thanked harbour chief Tor Aas for his support of the coast guard, the Fisheries Department said.

Lind and President Arne Dahl will discuss the winter trawling ban during a courtesy call on Friday.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "asked-part", ARTICLES) as built:
        yield built


@pytest.mark.parametrize(
    "question",
    [
        # the failures are told only as the occasion of the preparing: no reason for them
        "Why did Vesta's weather probe launch in May fail?",
        "Why did the third attempt fail?",
    ],
)
def test_nothing_that_answers_is_told(index: NewsIndex, question: str) -> None:
    answer = index.ask(question)
    assert answer.abstained, answer.answer
    assert not answer.citations


@pytest.mark.parametrize(
    ("question", "told", "not_told"),
    [
        # the reason of the failure itself
        ("Why did the Bergen ferry service fail?", "because a storm flooded", None),
        # the demand, told in the sentence after the one naming the protesters ("They ...")
        (
            "What were the protesters expected to meet Lind at the harbour office demanding?",
            "lifts its ban on winter trawling",
            "Nordic leaders",
        ),
        # "talk about" is told by "discuss"
        (
            "What are they expected to talk about at their meeting in Bergen on Friday?",
            "winter trawling rules",
            None,
        ),
        # the one X held talks with, not X's talks with no one named
        ("Who did Lind hold talks with in Bergen?", "Eva Berg", "fishing quotas between"),
        ("With whom did Ole Lind hold talks?", "Eva Berg", "fishing quotas between"),
        # or a noun of people after "with"
        ("Whom will Lind and Moe hold joint talks with in Tromso?", "Vesta counterparts", None),
        # "alongside" as "with"
        ("Alongside whom did Lind address reporters?", "Eva Berg", None),
        # a meeting staged in the passive ("to be held") is told by a summit
        ("Where will the meeting between Arne Dahl and Rolf Aas be held?", "Tromso", None),
        # "express thanks to X" is to thank X
        ("For what did Lind express thanks to Tor Aas?", "support of the coast guard", None),
        # a summit is a kind of meeting
        (
            "Where are the Norland and Vesta presidents expected to hold their long-awaited meeting?",
            "Tromso",
            None,
        ),
    ],
)
def test_the_asked_part_is_told(
    index: NewsIndex, question: str, told: str, not_told: str | None
) -> None:
    answer = index.ask(question)
    assert not answer.abstained, question
    assert told in answer.answer
    if not_told is not None:
        assert not_told not in answer.answer


@pytest.mark.parametrize(
    ("question", "wh"),
    [
        ("With whom did Lind meet?", "who"),
        ("To whom did Lind pay a courtesy call?", "who"),
        ("Whom did Lind thank?", "who"),
        ("In which city did Lind land?", "which"),
    ],
)
def test_a_preposition_before_the_wh_word_keeps_its_kind(question: str, wh: str) -> None:
    assert analyse(question).wh == wh


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ('Which date did Vesta declare "rocket industry day"?', ["rocket industry day"]),
        ("What did Lind mean by “walking and talking at once”?", ["walking and talking at once"]),
        ('Who stars in "Harbour Lights"?', []),  # a title: a name already
        ('What did Lind call "absurd"?', []),  # one word: no phrase to carry
    ],
)
def test_a_quoted_phrase_is_what_a_later_it_may_stand_for(question: str, quoted: list[str]) -> None:
    assert quoted_names(question) == quoted


def test_it_after_a_quoted_phrase_carries_the_phrase() -> None:
    first = contextualize('Which date did Vesta declare "rocket industry day"?')
    followup = contextualize("What event does it commemorate?", first.entities)
    assert "rocket industry day" in followup.required
    assert "rocket industry day" in followup.query


def test_a_verb_of_another_sense_tells_no_act(index: NewsIndex) -> None:
    """ "Who heads Poland's trade ministry?": "head for Poland" is a movement, acting on no
    ministry."""
    answer = index.ask("Who heads Poland's trade ministry?")
    assert "head for Poland" not in answer.answer


def test_according_to_a_source_is_what_the_source_is_reported_to_say(index: NewsIndex) -> None:
    """ "According to the Fisheries Department, ...?" is answered by what the department is
    reported to say, not by a sentence that no one attributes to it."""
    told = index.ask("According to the Fisheries Department, what did Lind thank Tor Aas for?")
    assert "support of the coast guard" in told.answer
    untold = index.ask(
        "According to the Fisheries Department, what will Lind and President Arne Dahl discuss "
        "during the courtesy call?"
    )
    assert untold.abstained, untold.answer
    assert not untold.citations


def test_a_deed_of_another_name_is_not_the_subjects(index: NewsIndex) -> None:
    """ "What has Vesta sent more of to the coast?": "Skarv's sending of fishing fleets" is
    Skarv's act, not Vesta's."""
    answer = index.ask("What has Vesta sent more of to the coast since the storms?")
    assert "Skarv's sending" not in answer.answer
