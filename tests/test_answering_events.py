"""An event asked by its full description ("the 41st Harbor Film Awards Ceremony") that the
articles write without its last word, the kind of thing it is ("the 41st Harbor Film Awards"),
or by a verb the articles word as a kind of it ("bought" for "acquired"). Articles written for
the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.lexicon_nouns import proper_alias
from index.service import NewsIndex
from index.unknown_names import without_generic_head

ARTICLES = {
    "awards.txt": """Title: Tidewater sweeps the Harbor Film Awards
Source: Coast Herald

At the 41st Harbor Film Awards on Saturday, Tidewater won Best Score and Best Editing.
The documentary Salt Roads took the audience prize.
""",
    "vote.txt": """Title: Sep 14, 2021 ...
Date: 2021-09-14

Voters in Norway chose Ingrid Solvang to lead the new parliament as prime minister. Turnout
was the highest in twenty years ...
""",
    "summit.txt": """Title: Leaders meet in the north
Source: Nordic Wire
Date: 2021-10-02

The Norwegian and Danish leaders met on Tuesday in Norway's far north to discuss fishing
rights.
""",
    "score-win.txt": """Title: Feb 9, 2021 ...
Date: 2021-02-09

Tidewater, a film about a lighthouse keeper, won Best Original Score at the Academy Awards
ceremony on Sunday night ...
""",
    "score-trailers.txt": """Title: Oscars: watch the trailers
Date: 2021-01-20

Oscars: Watch the Trailers for the Best Original Score Nominees · 'Salt Roads'.
""",
    "polls.txt": """Title: Norway votes
Source: Nordic Wire
Date: 2021-09-13

Polls opened on Monday in Norway's parliamentary election.
""",
    "deal.txt": """Title: Lumo changes hands
Source: Market Wire
Date: 2020-03-02

Analysts at Arkon Partners called the deal to acquire Lumo cheap.

Norcorp bought Lumo for $2 million in 2019.

Ada Vik, former CEO of Lumo Inc, now advises Norcorp on its apps.
""",
    "pando-a.txt": """Title: Pando sold
Source: Deal Daily
Date: 2021-07-01

Helio acquired Pando in June 2020 for $5 million.
""",
    "pando-b.txt": """Title: A big price for a small app
Source: App Week
Date: 2021-07-02

Vantor bought Pando for $5 million in 2020, a large sum for a company with four staff.
""",
    "cup.txt": """Title: Vesta Cup goes to Lysa
Source: Ski Daily
Date: 2022-02-10

The skier who won the Vesta Cup on Sunday trained for years on the slopes above Lysa.

Ida Moe won the Vesta Cup with a record time.
""",
    "skarv-fortune.txt": """Title: The dorm-room app
Source: Fortune
Date: 2023-05-02

Jon Berg built the Skarv chat app in his dorm room in 2019.
""",
    "skarv-verge.txt": """Title: Skarv grows
Source: The Verge
Date: 2023-05-03

The Skarv chat app now has ten million users, its founder Jon Berg said.
""",
    "skarv-techcrunch.txt": """Title: Norcorp takes a stake in Skarv
Source: TechCrunch
Date: 2023-05-04

Jon Berg sold a stake in the Skarv chat app to Norcorp.
""",
    "ranking.txt": """Title: Skiing's season in review
Source: Ski Daily
Date: 2021-12-20

Examining the year 2021 in women's skiing, two competitors towered above all the rest.

Ida Moe finished 2021 as the year-end No. 1 of the women's tour.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "events", ARTICLES) as built:
        yield built


@pytest.mark.parametrize(
    ("name", "label", "headless"),
    [
        ("41st Harbor Film Awards Ceremony", "EVENT", "41st Harbor Film Awards"),
        ("92nd Academy Awards Ceremony", "ORG", "92nd Academy Awards"),
        ("2014 World Cup", "EVENT", None),  # "2014 World" names nothing
        ("Harbor Film Awards 2023", "EVENT", None),  # a year is no kind of thing
        ("Ruth Okafor Vale", "PERSON", None),  # a person's name is no description
        ("Korean Central News Agency", "ORG", "Korean Central News"),
    ],
)
def test_a_description_loses_its_last_common_noun_only(
    name: str, label: str, headless: str | None
) -> None:
    assert without_generic_head(name, label) == headless


@pytest.mark.parametrize(
    ("word", "alias"),
    [("Oscar", "Academy Award"), ("Blinken", None), ("Korea", None), ("oscar", None)],
)
def test_a_proper_noun_has_the_other_name_wordnet_gives_it(word: str, alias: str | None) -> None:
    """WordNet's aliases of proper nouns; a place's other names come from index.places."""
    assert proper_alias(word) == alias


@pytest.mark.parametrize(
    ("question", "answer_holds"),
    [
        # written without its kind: "the 41st Harbor Film Awards"
        ("Which film won Best Score at the 41st Harbor Film Awards Ceremony?", "Tidewater"),
        # a snippet dated 2021 in which voters in Norway choose who leads the new parliament;
        # Norway is no answer to "who"
        ("Who won the Norwegian Parliamentary Election 2021?", "Ingrid Solvang"),
        # only a description's country is its own name: the leaders met "in Norway's far north"
        ("Where did the Norwegian and Danish leaders meet?", "Norway"),
        # another name of its proper noun: won "at the Academy Awards", not the nominees'
        # trailers
        ("What film won the Oscar for Best Original Score in 2021?", "Tidewater"),
        # buying is a kind of acquiring: the buyer did it, not the analysts of "the deal to
        # acquire"
        ("Who acquired Lumo?", "Norcorp"),
        # "which <a noun for people>" asks for someone named, not the sentence of "the skier"
        ("Which skier won the Vesta Cup?", "Ida Moe"),
        # a rank asked as a thing: who holds it
        ("What is women's year-end No 1 in skiing in 2021?", "Ida Moe"),
    ],
)
def test_what_is_asked_is_told_in_other_words(
    index: NewsIndex, question: str, answer_holds: str
) -> None:
    answer = index.ask(question)
    assert not answer.abstained
    assert answer_holds in answer.lines[0].text


def test_a_kind_of_the_asked_verb_tells_it_as_fully(index: NewsIndex) -> None:
    """ "Bought" tells "acquire" as "acquired" does: two sources that name different buyers of
    one deal are both shown."""
    answer = index.ask("Who acquired Pando?")
    assert "Helio" in answer.answer and "Vantor" in answer.answer, answer.answer


def test_outlets_the_question_lists_as_its_sources_are_no_unknown_names(
    index: NewsIndex,
) -> None:
    """ "as reported by Fortune, The Verge, and TechCrunch": the entity model reads "Fortune, The
    Verge" as one name, which is no name the articles never mention but a list of outlets."""
    answer = index.ask(
        "Who built the Skarv chat app, as reported by Fortune, The Verge, and TechCrunch?"
    )
    assert not answer.abstained, answer.note
    assert "Jon Berg" in answer.answer


def test_a_title_held_no_longer_is_no_answer_to_who_holds_it(index: NewsIndex) -> None:
    """ "Ada Vik, former CEO of Lumo Inc": not who is its CEO, but who was."""
    now = index.ask("Who is the CEO of Lumo Inc?")
    assert now.abstained and now.citations == [], now.answer
    before = index.ask("Who is the former CEO of Lumo Inc?")
    assert not before.abstained and "Ada Vik" in before.answer, (before.answer, before.note)


@pytest.mark.parametrize(
    "question",
    [
        "Which film won Best Score at the 12th Harbor Film Awards Ceremony?",  # the 41st's
        "Who won the Danish Parliamentary Election 2021?",  # Norway's
    ],
)
def test_another_event_than_the_articles_is_not_told(index: NewsIndex, question: str) -> None:
    answer = index.ask(question)
    assert answer.abstained and answer.citations == [], answer.answer
