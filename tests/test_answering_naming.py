"""Questions that ask for a thing's name: a sentence that speaks of the thing without naming it
does not answer. Articles written for the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.naming import asked_thing
from index.service import NewsIndex
from index.text import stem

ARTICLES = {
    "norda.txt": """Title: Norda reaches orbit
Source: Orbit Weekly
Date: 2024-05-04

Norda launched its first weather satellite, Skylark-2, from its northern base on May 3.
""",
    "veldia.txt": """Title: Veldia plans a launch
Source: Orbit Weekly
Date: 2024-05-06

Veldia will launch its first reconnaissance satellite using Orbex's Comet rocket next month,
its defence ministry said.
""",
    "kestrel.txt": """Title: A tablet that folds
Source: Gadget Ledger
Date: 2024-05-08

The Lumopad is a folding tablet made by Kestrel, and it goes on sale in June.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "naming", ARTICLES) as built:
        yield built


def test_a_name_given_by_the_thing_is_its_name(index: NewsIndex) -> None:
    answer = index.ask("What is the name of Norda's first weather satellite?")
    assert "Skylark-2" in answer.answer


def test_a_name_given_by_defining_the_thing_is_its_name(index: NewsIndex) -> None:
    answer = index.ask("What is the name of Kestrel's folding tablet?")
    assert "Lumopad" in answer.answer


def test_a_sentence_that_speaks_of_the_thing_without_naming_it_does_not_answer(
    index: NewsIndex,
) -> None:
    """The rocket's name is no name of the satellite."""
    answer = index.ask("What is the name of Veldia's first reconnaissance satellite?")
    assert answer.abstained
    assert not answer.citations


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("What is the name of South Korea's first indigenous satellite?", "satellite"),
        ("Which model of intercontinental ballistic missile did it launch?", "missile"),
        ("What is the name of the chatbot developed by OpenAI, featured in two outlets?",
         "chatbot"),
        ("What type of missile did it launch?", None),  # answered by a common noun
        ("Who named the satellite?", None),
    ],
)  # fmt: skip
def test_the_thing_whose_name_is_asked(question: str, thing: str | None) -> None:
    assert asked_thing(question) == (stem(thing) if thing else None)
