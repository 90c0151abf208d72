"""What a much-quoted speaker said long ago is still found: with more than six hundred newer
statements of theirs, "What did Lind say about the harbour tax?" reaches the old one. And a
topic told by its words is told with its head: "plane safety" not by "his chartered plane".
Articles written for the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.service import NewsIndex

_PORTS = ("Vesta", "Lysa", "Bergen", "Skarv", "Tromso", "Narvik", "Dahl", "Moe", "Rask", "Viken")
_NEWER = " ".join(
    f"Lind said the {port} terminal would add {n} safe berths by {year} for safety."
    for n in range(1, 66)
    for port, year in zip(_PORTS, range(2030, 2040), strict=True)
)
ARTICLES = {
    "old.txt": """Title: Lind on the harbour tax
Source: Fjord Post
Date: 2019-03-01

"The harbour tax is a burden on every fisherman in the north," Lind said on Friday.
""",
    "new.txt": f"""Title: Lind lists new berths
Source: Quay Times
Date: 2024-06-01

{_NEWER}
""",
    "pope.txt": """Title: Holm and Vik on the road
Source: Coast Wire
Date: 2024-06-02

"I am an enormous fan of the bishop because he talks about the poor," Holm said aboard his chartered plane.

"Plane safety must come before the price of a ticket," Vik said on Monday.
""",
    "safety.txt": """Title: Safety first at the port
Source: Coast Wire
Date: 2024-06-03

Safety inspectors visited the Vesta docks in August.

The docks had six safety failures last year.

Dock workers say safety needs more money.
""",
    "ferries.txt": """Title: Ferry safety reviewed
Source: Quay Times
Date: 2024-06-04

A review of ferry safety will report in September.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "many", ARTICLES) as built:
        yield built


def test_an_old_statement_of_a_much_quoted_speaker_is_found(index: NewsIndex) -> None:
    """650 newer statements of Lind's come first; the one on the harbour tax is older."""
    answer = index.ask("What did Lind say about the harbour tax?")
    assert not answer.abstained, (answer.answer, answer.note)
    assert "burden on every fisherman" in answer.answer


def test_a_topic_s_words_are_told_with_its_head(index: NewsIndex) -> None:
    """Holm's line shares "plane" with the topic only in its frame ("aboard his chartered
    plane"); Vik's is on plane safety."""
    holm = index.ask("What did Holm say about plane safety?")
    assert holm.abstained and holm.citations == [], holm.answer
    vik = index.ask("What did Vik say about plane safety?")
    assert "price of a ticket" in vik.answer, (vik.answer, vik.note)
