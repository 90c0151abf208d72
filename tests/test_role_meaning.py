"""A speaker asked for by a role in other words than the articles' ("the top U.S. diplomat")."""

from __future__ import annotations

import pytest

from index.role_meaning import title_after, title_before
from index.service import NewsIndex


@pytest.mark.parametrize(
    ("before", "title"),
    [
        ("SEOUL, Nov. 9 (Yonhap) -- Foreign Minister ", "Foreign Minister"),
        ("Foreign Minister Park Jin and U.S. Secretary of State ", "U.S. Secretary of State"),
        ("he met with national security adviser ", "national security adviser"),
        ("talks alongside South Korean Foreign Minister ", "South Korean Foreign Minister"),
        ("Blinken said during a visit by ", ""),
        ("talks with ", ""),
    ],
)
def test_title_before_a_name(before: str, title: str) -> None:
    assert title_before(before) == title


@pytest.mark.parametrize(
    ("after", "title"),
    [
        (", South Korea's foreign minister, said", "South Korea's foreign minister"),
        (", the U.S. secretary of state.", "the U.S. secretary of state"),
        (", South Korean President ", ""),  # the next person's title, not an apposition
        (" said on Monday", ""),
    ],
)
def test_title_after_a_name(after: str, title: str) -> None:
    assert title_after(after) == title


def _cited(index: NewsIndex, question: str) -> list[str]:
    return [quote for c in index.ask(question).citations for quote in c.quotes]


@pytest.mark.parametrize(
    ("role", "name"),
    [("the top U.S. diplomat", "Blinken"), ("South Korea's top diplomat", "Park Jin"),
     # the country by another of its names, or its capital, than the title's ("U.S.")
     ("America's top diplomat", "Blinken"), ("Washington's top diplomat", "Blinken"),
     ("the top American diplomat", "Blinken")],
)  # fmt: skip
def test_a_role_in_other_words_is_answered_with_its_holders_words(
    sample_index: NewsIndex, role: str, name: str
) -> None:
    by_role = sample_index.ask(f"What did {role} say?")
    assert by_role.answer_kind == "answer"
    by_role_cited = set(_cited(sample_index, f"What did {role} say?"))
    assert by_role_cited & set(_cited(sample_index, f"What did {name} say?"))


def test_a_role_holder_who_is_not_quoted_is_named_in_the_note(sample_index: NewsIndex) -> None:
    answer = sample_index.ask("What did the U.S. defense chief say?")
    assert answer.answer_kind == "abstained"
    assert "Austin" in (answer.note or "")


@pytest.mark.parametrize(
    "role",
    ["the top U.S. general", "North Korea's top diplomat", "the Japanese foreign minister"],
)
def test_a_role_nobody_in_the_articles_holds_is_not_answered(
    sample_index: NewsIndex, role: str
) -> None:
    answer = sample_index.ask(f"What did {role} say?")
    assert answer.answer_kind == "abstained"
    assert not answer.citations


def test_who_holds_a_role_in_other_words_is_answered_with_their_lines(
    sample_index: NewsIndex,
) -> None:
    answer = sample_index.ask("Who is South Korea's top diplomat?")
    assert answer.answer_kind == "answer"
    assert answer.lines
    assert all("Park" in line.text for line in answer.lines), answer.answer
