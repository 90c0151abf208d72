"""Who wrote an article: the byline, quoted and cited, labelled with the outlet and date; a
name the articles give only as a byline; an author's bio at the end of an article, and "He"
going on about its author; the article asked about found by the rarest words of what it is on.
Articles written for the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.authors import asked_topic, asks_article_date, asks_author, byline_names
from index.embedding import Embedder
from index.service import NewsIndex

ARTICLES = {
    "grain.txt": """Title: Grain talks open in Vesta
Source: Quay Times
Date: 2024-05-02

By Mara Lind

Norland Trade Minister Eva Rask opened grain talks with Estland's trade chief, Ole Brun, in Vesta.

The two sides want lower tariffs on barley before the harvest, officials said.
""",
    "fees.txt": """Title: Port fees rise
Source: Harbour Daily
Date: 2024-05-04
Author: Per Holm and Siri Dahl

Vesta raised its port fees by a fifth after the harbour flooded twice in April.

The fisheries report, written by the Norland Sea Institute, found that cod stocks fell by a third.
""",
    "quotas.txt": """Title: Quota talks planned
Source: Harbour Daily
Date: 2024-05-05

Norland officials are expected to discuss fishing quotas with trawler crews in Karsby on Monday.
""",
    "ferry.txt": """Title: Ferry strike ends
Source: Quay Times
Date: 2024-05-06

Ferry crews in Karsby ended their strike on Sunday after a pay deal with the port authority.

The deal raises wages by six percent over two years, the union said.

Tove Sand is based in Vesta and reports on shipping for the Quay Times.

She served in the Norland Navy.

She graduated from the University of Bergen.
""",
    "satellite.txt": """Title: Norland and Estland agree fishing quotas
Source: Coast Wire
Date: 2024-05-07

By Nils Berg

Norland and Estland agreed on cod and herring quotas for the Barents Sea on Monday.

The quota deal runs for five years and covers trawlers from both countries.

Separately, officials said a weather satellite would be launched on a Skarv 2 rocket in March.

Nils Berg reports on fisheries and science for Coast Wire.

He served in the Norland Navy and studied at the University of Vesta.
""",
    "space.txt": """Title: Norland is launching its satellite
Source: Fjord Post
Date: 2024-05-08

Norland is launching its satellite on a rocket this year, the first time Norland launches a satellite of its own.

Norland launching its satellite on its own rocket has drawn attention abroad.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "authors", ARTICLES) as built:
        yield built


@pytest.mark.parametrize(
    ("question", "asks"),
    [("Who wrote the Quay Times story on the grain talks?", True),
     ("Who wrote Harbour Daily's report on port fees?", True),
     ("Which reporters covered the ferry strike?", True),
     ("Which Quay Times journalists covered the ferry strike?", True),
     ("Which Norland officials reported the strike?", False),
     ("Who is the author of the article about port fees?", True),
     ("Whose byline is on the grain story?", True),
     ("Who wrote the fisheries report?", False),  # a report the articles tell of
     ("Who wrote the letter to the minister?", False),
     ("Who reported that the strike ended?", False),
     ("Who is Mara Lind?", False)],
)  # fmt: skip
def test_which_questions_ask_for_an_author(question: str, asks: bool) -> None:
    assert asks_author(question, ["Quay Times", "Harbour Daily"]) is asks


@pytest.mark.parametrize(
    ("byline", "names"),
    [("Mara Lind", ["Mara Lind"]),
     ("Per Holm and Siri Dahl", ["Per Holm", "Siri Dahl"]),
     ("Ann Lee, Bo Ek & Cy Moe", ["Ann Lee", "Bo Ek", "Cy Moe"])],
)  # fmt: skip
def test_byline_names(byline: str, names: list[str]) -> None:
    assert byline_names(byline) == names


def test_who_wrote_an_outlets_story_is_its_byline(index: NewsIndex) -> None:
    answer = index.ask("Who wrote the Quay Times story on the grain talks?")
    assert not answer.abstained, answer.note
    assert answer.answer == "Quay Times (2024-05-02), byline: Mara Lind [1]"
    assert [c.article.article_id for c in answer.citations] == ["grain"]
    assert answer.citations[0].quotes == ("Mara Lind",)
    assert "Mara Lind" in ARTICLES["grain.txt"]  # the quote is the article's own text


def test_the_topic_picks_the_article_among_an_outlets(index: NewsIndex) -> None:
    for question in (
        "Who wrote the Harbour Daily article about port fees?",
        "Who's the byline on the Harbour Daily update about port fees?",  # an update is a piece
        "Who wrote the Harbour Daily write-up about port fees?",
    ):
        answer = index.ask(question)
        assert "Per Holm and Siri Dahl" in answer.answer, (question, answer.answer)
    unsigned = index.ask("Who wrote the Harbour Daily article about fishing quotas?")
    assert unsigned.abstained and unsigned.citations == []
    assert unsigned.note is not None and "does not name its author" in unsigned.note
    assert "Quota talks planned" in unsigned.note


@pytest.mark.parametrize(
    ("question", "topic"),
    [("Who wrote the story on the grain talks?", "the grain talks"),
     ("Who wrote the Yonhap story that was updated as the talks began?",
      "updated as the talks began"),
     ("Which reporter wrote the article which covered the strike?", "covered the strike")],
)  # fmt: skip
def test_what_the_article_asked_about_is_on(question: str, topic: str) -> None:
    assert asked_topic(question) == topic


def test_the_article_that_holds_the_rarest_words_of_the_topic(index: NewsIndex) -> None:
    """Both articles are on a satellite launch; only one names the Skarv rocket."""
    answer = index.ask(
        "Who wrote the story about Norland launching its satellite on a Skarv rocket?"
    )
    assert "Nils Berg" in answer.answer, (answer.answer, answer.note)


def test_a_report_the_articles_tell_of_is_not_asked_of_the_bylines(index: NewsIndex) -> None:
    answer = index.ask("Who wrote the fisheries report?")
    assert "byline" not in answer.answer
    assert "Per Holm" not in answer.answer


def test_a_name_given_only_as_a_byline(index: NewsIndex) -> None:
    answer = index.ask("Who is Siri Dahl?")
    assert not answer.abstained
    assert answer.answer.startswith("Harbour Daily (2024-05-04), byline: Per Holm and Siri Dahl")
    said = index.ask("What did Mara Lind say about tariffs?")
    assert said.abstained and said.citations == []
    assert said.note == "The articles name Mara Lind only as the author of an article."
    assert index.ask("Who is Ada Quist?").note == "The articles never mention Ada Quist."


def test_which_outlet_a_byline_s_writer_writes_for(index: NewsIndex) -> None:
    """ "Which news agency did X write for?": the outlet of the articles X's byline is on."""
    answer = index.ask("Which news agency did Siri Dahl write her report for?")
    assert answer.answer.startswith("Harbour Daily (2024-05-04), byline: Per Holm and Siri Dahl")


def test_an_author_bio_answers_and_he_goes_on_about_its_author(index: NewsIndex) -> None:
    who = index.ask("Who is Tove Sand?")
    assert "reports on shipping" in who.answer
    studied = index.ask("Which university did Tove Sand graduate from?")
    assert not studied.abstained, studied.note
    assert "University of Bergen" in studied.answer
    served = index.ask("Which navy did Tove Sand serve in?")
    assert "Norland Navy" in served.answer


@pytest.mark.parametrize(
    ("question", "asks"),
    [("When was the Quay Times story on the ferry strike published?", True),
     ("What date is on the Harbour Daily article about port fees?", True),
     ("On what date did the Coast Wire report run?", True),
     ("When was the fisheries report published?", False),  # a report the articles tell of
     ("When did the ferry strike end?", False),
     ("What date will the satellite be launched?", False)],
)  # fmt: skip
def test_which_questions_ask_when_an_article_was_published(question: str, asks: bool) -> None:
    assert asks_article_date(question, ["Quay Times", "Harbour Daily", "Coast Wire"]) is asks


def test_when_an_article_was_published_is_its_date(index: NewsIndex) -> None:
    answer = index.ask("When was the Quay Times story on the ferry strike published?")
    assert answer.answer.startswith("Quay Times, published: 2024-05-06"), answer.answer
    assert [c.article.article_id for c in answer.citations] == ["ferry"], answer.citations


def test_he_after_a_byline_is_its_author(index: NewsIndex) -> None:
    """ "Who wrote X?" ... "Which navy did he serve in?": he is the author the answer gave, and
    a navy (WordNet's group of people) is one the articles name as an organisation."""
    index.ask_in_chat("Who wrote the Coast Wire story on the fishing quotas?", "t-author")
    answer, _ = index.ask_in_chat("Which navy did he serve in?", "t-author")
    assert "Norland Navy" in answer.answer, (answer.answer, answer.note)
