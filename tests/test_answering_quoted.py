"""A question that quotes the articles' words: "Who said "..."?" of a quote standing alone in
its sentence is answered by the speaker its attribution gives, shown as the line's label; the
sentence holding the quoted words comes first, for who said what and for a place or a time
asked of that saying; a quoted title is a name, not words said. Articles written for the test,
with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.asked_words import asked_words
from index.embedding import Embedder
from index.nlp import parse_question
from index.relation import quotes_the_question
from index.service import NewsIndex

ARTICLES = {
    "tariffs.txt": """Title: Rask rejects grain tariffs
Source: Quay Times
Date: 2024-05-02

Norland Trade Minister Eva Rask rejected Estland's new grain tariffs on Tuesday.

"We will not accept tariffs that punish our farmers," Rask said at a news conference in Vesta.

"We are working to find buyers for every tonne of barley we grow."

Estland's trade chief, Ole Brun, said the tariffs would stay until the autumn.

"This harvest is something we are very focused on," Rask said.
""",
    "trip.txt": """Title: Rask heads north
Source: Harbour Daily
Date: 2024-05-03

Trade Minister Eva Rask spoke to reporters at the port of Bergen on Wednesday.

"I am going on to Oslo and then going home to Vesta, because the harvest cannot wait," she said in Bergen.

Fishing crews in Bergen have tied up a third of their boats since March, the port authority said.

Rask said she was deeply worried about the price of fuel for fishing boats.

Rask also said that prices for fuel had risen sharply across the north this spring.

Rask said the shortage of crews worried her less than the cost of new nets.

Officials at the ministry expect the fuel subsidy to be debated in parliament in June.

Norland remains focused on its fishing fleet despite other troubles, Rask told reporters in Bergen.
""",
    "strike.txt": """Title: Holm on the port strike
Source: Coast Wire
Date: 2024-05-04

Norland can cope with the port strike while it deals with the fuel shortage, Lars Holm told a news conference in Oslo on Friday, saying his government was able to "row and bail at the same time".

At the same news conference in Oslo, Holm said, "We are deeply worried about the herring quotas," vowing to push for a "full review" of the fishing treaty.

"We will build two new harbours in the north this year," Holm said in Oslo.

The fishers' union called the treaty a "paper fence" on Saturday.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "quoted", ARTICLES) as built:
        yield built


@pytest.mark.parametrize(
    ("question", "sentence", "quotes"),
    [('Why did they call it "harbour safety day"?', "They named June 1 harbour safety day.", True),
     ('Who said "we are working to find buyers"?', "“We are working to find buyers for it.”", True),
     ('Who directed "The Shape of Water"?', "The Shape of Water won four Oscars.", False),
     ('Who starred in "Pretty Woman"?', "Pretty Woman was a hit.", False),
     ('Why "harbour"?', "The harbour flooded.", False)],  # one word is no phrase
)  # fmt: skip
def test_which_quoted_phrases_count(question: str, sentence: str, quotes: bool) -> None:
    assert quotes_the_question(question, sentence) is quotes


def test_who_said_a_quote_that_stands_alone_gives_its_speaker(index: NewsIndex) -> None:
    answer = index.ask('Who said "We are working to find buyers for every tonne of barley"?')
    assert not answer.abstained, answer.note
    first = answer.answer.splitlines()[0]
    assert first.startswith("Eva Rask: ")
    assert "We are working to find buyers for every tonne of barley we grow." in first
    assert answer.citations[0].article.article_id == "tariffs"


def test_a_place_asked_of_a_quoted_saying(index: NewsIndex) -> None:
    answer = index.ask('Where was Rask when she said she was "going on to Oslo"?')
    assert not answer.abstained, answer.note
    assert answer.answer.splitlines()[0].endswith("she said in Bergen. [1]")


def test_a_statement_with_the_quoted_words_is_about_the_topic(index: NewsIndex) -> None:
    # "her ministry" is in no statement: the quoted words tell which one the asker read
    answer = index.ask('What did Rask say her ministry is "very focused" on?')
    assert not answer.abstained, answer.note
    assert answer.answer == '"This harvest is something we are very focused on," Rask said. [1]'


def test_the_statement_with_the_quoted_words_comes_first(index: NewsIndex) -> None:
    answer = index.ask('What did Rask say she was "deeply worried" about?')
    assert not answer.abstained, answer.note
    lines = answer.answer.splitlines()
    assert "deeply worried about the price of fuel" in lines[0]
    # the other statements of hers, about other things, go
    assert "Oslo" not in answer.answer and "tariffs" not in answer.answer


def test_the_figure_of_speech_someone_used(index: NewsIndex) -> None:
    """ "What idiom did X use to argue Y?": the line of X's closest to what it argues, which
    quotes the figure; told in other words than the question's ("cope with ... while it deals
    with" for "handle several crises at once")."""
    for question in (
        "What idiom did Lars Holm use in Oslo to argue that Norland can handle several crises at"
        " once?",
        "what phrase did Holm use to say his government can juggle two crises at once?",
    ):
        answer = index.ask(question)
        assert "row and bail" in answer.answer, (question, answer.answer)
        assert len(answer.citations) == 1, answer.answer


def test_no_figure_of_speech_when_the_closest_line_quotes_none(index: NewsIndex) -> None:
    """His closest line on the harbours is a quote of his whole sentence, not a phrase of it;
    on a topic he never spoke on, nothing of his is close enough."""
    for question in (
        "What phrase did Holm use in Oslo to describe the new harbours in the north?",
        "What phrase did Lars Holm use to describe the price of bread?",
    ):
        answer = index.ask(question)
        assert answer.abstained and answer.citations == [], (question, answer.answer)


@pytest.mark.parametrize(
    ("question", "speaker", "topic", "setting"),
    [
        ("What idiom did Holm use in Oslo to argue that it can cope?", "Holm", "it can cope",
         "Oslo"),
        ("What phrase did the trade minister use about tariffs?", "trade minister", "tariffs",
         ""),
        ("What label did the union apply to the treaty?", "union", "the treaty", ""),
        ("What three verbs did Holm use to describe the plan?", "Holm", "the plan", ""),
        ("What phrases did Holm use about tariffs?", "Holm", "tariffs", ""),
        ("What did Holm use to cut the nets?", None, None, None),  # no words asked
    ],
)  # fmt: skip
def test_which_questions_ask_for_words_used(
    question: str, speaker: str | None, topic: str | None, setting: str | None
) -> None:
    asked = asked_words(parse_question(question))
    if speaker is None:
        assert asked is None
        return
    assert asked is not None and asked.words
    assert (asked.speaker, asked.topic, asked.setting) == (speaker, topic, setting)
