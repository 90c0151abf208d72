"""'What is X?' of a name is answered by the sentences that say what X is. Articles written for
the test, with made-up names; and a table of sentences that do or do not define a name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.defining import defines
from index.embedding import Embedder
from index.service import NewsIndex

ARTICLES = {
    "port.txt": """Title: Trouble at the port
Source: Quay Times
Date: 2024-05-02

The Coastal Watch Agency (CWA) tracked three ships near the port on Monday.

Fishermen clashed with the Baltic militant group Kestrel near the harbour, police said.

The NFU, the national fishermen's union, called a strike on Tuesday.

Kestrel said it would hold more protests, and the NFU said it would join them.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "definitions", ARTICLES) as built:
        yield built


@pytest.mark.parametrize(
    ("question", "defined"),
    [
        ("What is Kestrel?", "militant group Kestrel"),
        ("What does CWA stand for?", "Coastal Watch Agency"),
        ("What is the NFU?", "national fishermen's union"),
    ],
)
def test_what_a_name_is_is_told_by_the_sentence_that_says_it(
    index: NewsIndex, question: str, defined: str
) -> None:
    answer = index.ask(question)
    assert defined in answer.answer
    assert "hold more protests" not in answer.answer


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("Hamas", "Israel fought the Palestinian militant group Hamas in Gaza.", True),
        ("G7", "ministers from the G7, the seven leading industrial nations, met.", True),
        ("G7", "He attended a Group of Seven (G7) meeting.", True),
        ("DPRK", "DPRK, Democratic People's Republic of Korea, is its official name.", True),
        ("KCNA", "the state-run Korean Central News Agency reported.", True),
        ("KCNA", "KCNA in a report criticized the visit.", False),
        ("Hamas", "The Israel-Hamas conflict is to be addressed.", False),
        ("Kestrel", "Kestrel said it would hold more protests.", False),
    ],
)  # fmt: skip
def test_sentences_that_define_a_name(name: str, text: str, expected: bool) -> None:
    assert defines(name, text) is expected
