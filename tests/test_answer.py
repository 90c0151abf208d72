"""Extractive answers: the citation contract, numbering, abstention, duplicates, follow-ups."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.contract import assert_contract_fields

from index.citations import citation_numbers
from index.compose import Quote, compose
from index.evidence import is_outlet_list
from index.followup import (
    completed,
    contextualize,
    extract_entities,
    looks_like_followup,
    with_antecedent,
)
from index.models import CANNOT_ANSWER, Answer, Article
from index.service import NewsIndex

QUESTIONS = [
    "What did Blinken say about Russia?",
    "Who is South Korea's foreign minister?",
    "When did Blinken arrive in South Korea?",
    "What is extended deterrence?",
    "How many artillery shells did North Korea ship?",
    "What did KCNA say about the visits?",
    "Where did Blinken land?",
]
UNANSWERABLE = [
    "What did Blinken say about Taiwan?",
    "What did Blinken say about climate change?",
    "What is the capital of Australia?",
    "Who won the World Cup?",
    "What did Park Jin say about trade tariffs?",
]


def _norm(text: str) -> str:
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
    return " ".join(text.translate(table).split()).lower()


def check_contract(answer: Answer, seeds_dir: Path) -> None:
    """Every [n] has a citation n, every citation is used, in order, and quotes are verbatim.

    Each answer line is a sentence quoted by the first citation it is marked with; further
    markers on a line cite other articles that report the same thing in their own words.
    """
    used = citation_numbers(answer.answer)
    assert used == [c.n for c in answer.citations] == list(range(1, len(used) + 1))
    for citation in answer.citations:
        article = _norm((seeds_dir / f"{citation.article.article_id}.txt").read_text())
        for quote in citation.quotes:
            assert _norm(quote) in article
    by_number = {c.n: c for c in answer.citations}
    for line in answer.answer.splitlines():
        first = citation_numbers(line)[0]
        sentence = re.sub(r"(\s*\[\d+\])+$", "", line)
        assert sentence.endswith(tuple(by_number[first].quotes))


@pytest.mark.parametrize("question", QUESTIONS)
def test_answers_cite_verbatim_sentences(
    sample_index: NewsIndex, seeds_dir: Path, question: str
) -> None:
    answer = sample_index.ask(question)
    assert not answer.abstained
    assert answer.citations
    check_contract(answer, seeds_dir)


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_abstains_and_cites_nothing(sample_index: NewsIndex, question: str) -> None:
    answer = sample_index.ask(question)
    assert answer.abstained
    assert answer.answer == CANNOT_ANSWER
    assert answer.citations == []
    assert answer.to_json()["citations"] == []


def test_answer_json_contract(sample_index: NewsIndex) -> None:
    data = sample_index.ask("What did Blinken say about Russia?").to_json()
    assert_contract_fields(data)
    assert "Russia" in data["answer"]


def _quote(article_id: str, text: str) -> Quote:
    return Quote(
        Article(article_id, f"Title {article_id}", outlet=f"Outlet {article_id}"), text, text
    )


@pytest.mark.parametrize(
    ("lines", "rendered", "numbers", "outlets"),
    [
        ([["a:x."]], ["x. [1]"], {"a": 1}, [1]),
        ([["a:x."], ["b:y."]], ["x. [1]", "y. [2]"], {"a": 1, "b": 2}, [1, 1]),
        ([["b:x."], ["a:y."], ["b:z."]], ["x. [1]", "y. [2]", "z. [1]"], {"b": 1, "a": 2}, [1] * 3),
        ([["a:x.", "b:x too."], ["b:y."]], ["x. [1][2]", "y. [2]"], {"a": 1, "b": 2}, [2, 1]),
        ([["a:x.", "a:x again."]], ["x. [1]"], {"a": 1}, [1]),
        (
            [["c:x.", "a:w.", "b:v."], ["a:y."]],
            ["x. [1][2][3]", "y. [2]"],
            {"c": 1, "a": 2, "b": 3},
            [3, 1],
        ),
    ],
)
def test_citations_are_numbered_by_first_use(
    lines: list[list[str]], rendered: list[str], numbers: dict[str, int], outlets: list[int]
) -> None:
    quotes = []
    for line in lines:
        first, *twins = (_quote(*item.split(":", 1)) for item in line)
        first.twins = twins
        quotes.append(first)
    answer = compose(Answer("q", CANNOT_ANSWER, True), quotes)
    assert answer.answer.splitlines() == rendered and not answer.abstained
    assert {c.article.article_id: c.n for c in answer.citations} == numbers
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert [line.outlets for line in answer.lines] == outlets  # "reported by N outlets"


def test_same_fact_from_two_articles_is_shown_once(fresh_index: NewsIndex, tmp_path: Path) -> None:
    fact = "The city council approved the new harbour budget of 40 million dollars on Monday."
    (tmp_path / "a.txt").write_text(f"Source: Alpha Post\n\n{fact} Critics called it too small.\n")
    (tmp_path / "b.txt").write_text(
        "Source: Beta Times\n\nOn Monday the city council approved the new harbour budget of "
        "40 million dollars. The mayor welcomed the vote.\n"
    )
    fresh_index.ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    answer = fresh_index.ask("What harbour budget did the city council approve?")
    assert not answer.abstained
    assert answer.answer.count("40 million dollars") == 1
    assert re.search(r"40 million dollars[^\n]*\[1\]\[2\]$", answer.answer)
    assert {c.article.article_id for c in answer.citations} == {"a", "b"}


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("Who is South Korea's foreign minister?", ["South Korea"]),
        ("What did the G7 ministers call for in Gaza?", ["G7", "Gaza"]),
        ("Who is Cho Tae-yong?", ["Cho Tae-yong"]),
        ("What did he and Blinken urge North Korea to do?", ["Blinken", "North Korea"]),
        ("what did they discuss?", []),
    ],
)
def test_extract_entities(text: str, entities: list[str]) -> None:
    assert extract_entities(text) == entities


@pytest.mark.parametrize(
    ("question", "previous", "query"),
    [
        ("What did they discuss?", ["Cho Tae-yong"], "What did they discuss? Cho Tae-yong"),
        ("and about China?", ["Blinken", "Russia"], "and about China? Blinken"),
        ("What did he and Blinken urge?", ["Park Jin"], "What did he and Blinken urge? Park Jin"),
        ("What is extended deterrence?", ["Cho Tae-yong"], "What is extended deterrence?"),
        ("What did they discuss?", [], "What did they discuss?"),
        # "they" with a name of its own: still the several people of the turn before
        (
            "What did they discuss besides Ukraine?",
            ["Antony Blinken", "Cho Tae-yong"],
            "What did they discuss besides Ukraine? Antony Blinken Cho Tae-yong",
        ),
        (
            "What did he say about Ukraine?",
            ["Blinken", "Cho"],
            "What did he say about Ukraine? Blinken",
        ),
    ],
)
def test_contextualize(question: str, previous: list[str], query: str) -> None:
    assert contextualize(question, previous).query == query


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        ("When did he meet Blinken?", "When did Park Jin meet Blinken?"),
        ("What did she say when she arrived?", "What did Park Jin say when Park Jin arrived?"),
        ("What did they discuss?", "What did they discuss?"),  # maybe several people
        ("Where is the shelter?", "Where is the shelter?"),  # "she" inside a word
        ("Did Blinken meet her?", "Did Blinken meet her?"),  # not a subject
    ],
)
def test_with_antecedent(question: str, rewritten: str) -> None:
    assert with_antecedent(question, "Park Jin") == rewritten


def test_looks_like_followup() -> None:
    assert looks_like_followup("And what about China?")
    assert looks_like_followup("What did she say?")
    assert not looks_like_followup("What did Blinken say about Russia?")


def test_followup_in_a_chat_uses_the_previous_turn(
    sample_index: NewsIndex, seeds_dir: Path
) -> None:
    first, _ = sample_index.ask_in_chat("Who is Park Jin?", "t-followup")
    assert not first.abstained
    second, turn = sample_index.ask_in_chat(
        "What did he and Blinken urge North Korea to do?", "t-followup"
    )
    assert "Park Jin" in second.retrieval_query
    assert "satellite" in second.answer and not second.abstained
    check_contract(second, seeds_dir)
    assert "Park Jin" in turn.entities
    alone = sample_index.ask("What did they discuss?")
    assert alone.retrieval_query == "What did they discuss?"


def test_followups_do_not_cross_chats_or_users(sample_index: NewsIndex) -> None:
    sample_index.ask_in_chat("Who is Cho Tae-yong?", "t-group", user="1")
    sample_index.ask_in_chat("What is extended deterrence?", "t-group", user="2")
    answer, _ = sample_index.ask_in_chat("What did they discuss?", "t-group", user="1")
    assert "Cho Tae-yong" in answer.retrieval_query
    other, _ = sample_index.ask_in_chat("What did they discuss?", "t-other", user="1")
    assert other.retrieval_query == "What did they discuss?"


def test_search_fuses_lexical_and_dense(sample_index: NewsIndex) -> None:
    results = sample_index.search("Shin Won-sik defence minister", k=3)
    assert len(results) == 3
    assert results[0].score >= results[1].score >= results[2].score
    assert any("Shin Won-sik" in r.text for r in results)


@pytest.mark.parametrize(
    "question",
    ["Hey, what did Blinken say about Russia?", "Hi! What did Blinken say about Russia?"],
)
def test_greetings_do_not_stop_an_answer(sample_index: NewsIndex, question: str) -> None:
    answer = sample_index.ask(question)
    assert not answer.abstained and "Russia" in answer.answer


def test_names_the_collection_never_mentions_are_not_carried(sample_index: NewsIndex) -> None:
    first, _ = sample_index.ask_in_chat("What is the capital of Australia?", "t-carry")
    assert first.abstained
    second, _ = sample_index.ask_in_chat("and about China?", "t-carry")
    assert "Australia" not in second.retrieval_query
    assert not second.abstained and "China" in second.answer


def test_a_followup_on_another_topic_asks_the_same_speaker(sample_index: NewsIndex) -> None:
    sample_index.ask_in_chat("What did Blinken say about Russia?", "t-china")
    # Blinken is quoted on nothing about China: lines that only mention China are no answer
    china, _ = sample_index.ask_in_chat("and about China?", "t-china")
    assert china.question == "and about China?"
    assert china.abstained and "Blinken is quoted" in (china.note or ""), china.answer
    alone = sample_index.ask("What did Blinken say about the Indo-Pacific?")
    assert not alone.abstained
    # a second change of topic still follows the first question
    pacific, _ = sample_index.ask_in_chat("What about the Indo-Pacific?", "t-china")
    assert pacific.answer == alone.answer


@pytest.mark.parametrize(
    ("question", "previous", "full"),
    [("And about China?", "What did Blinken say about Russia?", "What did Blinken say about China?"),
     ("what about Gaza", "What did Park tell reporters?", "What did Park tell reporters about Gaza?"),
     ("On Gaza?", "What did Park say on Russia?", "What did Park say about Gaza?"),
     ("When?", "Who will Austin meet in Seoul?", "When will Austin meet in Seoul?"),
     ("And where?", "When did Blinken land?", "Where did Blinken land?"),
     ("And about Gaza?", "Who is Blinken?", None),  # no topic to change
     ("When did he land?", "Who is Blinken?", None),  # a question of its own
     ("When?", "Blinken in Seoul", None)],
)  # fmt: skip
def test_a_question_that_changes_only_the_topic_is_read_in_full(
    question: str, previous: str, full: str | None
) -> None:
    assert completed(question, previous) == full


@pytest.mark.parametrize(
    ("name", "is_list"),
    [
        ("Fortune, The Verge", True),
        ("Verge and Fortune", True),
        ("Fortune and TechCrunch", True),
        ("Fortune' and 'TechCrunch", True),  # quoted in the question
        ("Fortune, CNBC", True),  # the outlet "CNBC | World Business News"
        ("Fortune", False),  # one name: looked up as a name
        ("Fortune, Megan Grey", False),  # a person among them
        ("Fortune accused of building success", False),
    ],
)
def test_a_run_of_outlet_names_is_no_unknown_name(name: str, is_list: bool) -> None:
    outlets = ["fortune", "the verge", "techcrunch", "cnbc | world business news"]
    assert is_outlet_list(name, outlets) == is_list


def test_a_followup_about_someone_never_quoted_says_so(sample_index: NewsIndex) -> None:
    sample_index.ask_in_chat("Who is Cho Tae-yong?", "t-cho")
    answer, _ = sample_index.ask_in_chat("What did he say?", "t-cho")
    assert answer.abstained and not answer.citations
    assert answer.note == "The articles mention Cho Tae-yong but do not quote them."


def test_a_chunks_first_sentence_refers_back_across_its_edge(sample_index: NewsIndex) -> None:
    # '"... thanked" Cho for ...' opens a chunk; Cho Tae-yong is named in full in the
    # sentence before it, which ends the chunk before
    answer = sample_index.ask("Who did Blinken thank for Seoul's commitment to assist Ukraine?")
    assert 'thanked" Cho' in answer.answer, answer.answer


def test_the_report_is_the_document_the_text_says_said_it(sample_index: NewsIndex) -> None:
    answer = sample_index.ask("What did the report say about the Asia-Pacific region?")
    assert "war cloud in the Asia-Pacific region" in answer.answer, answer.answer
    assert "Blinken said" not in answer.answer  # no person is "the report"
