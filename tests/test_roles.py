"""The part a name plays in its sentence's event (index.roles), read from spaCy's parse: tables
of constructed sentences and questions."""

from __future__ import annotations

import pytest

from index.nlp import pipeline
from index.roles import role_of, wh_slot


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("Harlow Group bought the old mill in May.", "Harlow Group", ("buy", "subj")),
        ("The old mill was bought by Harlow Group in May.", "Harlow Group", ("buy", "subj")),
        ("The club hired coach Mira Holt last week.", "Mira Holt", ("hire", "obj")),
        ("Eva Rask and Jon Vale won the doubles.", "Jon Vale", ("win", "subj")),
        ("The race was held in Arlen on Sunday.", "Arlen", ("", "")),  # a place, no part
    ],
)
def test_role_of(sentence: str, name: str, expected: tuple[str, str]) -> None:
    doc = pipeline()(sentence)
    start = sentence.index(name)
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    assert span is not None
    assert role_of(span.root) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who won the spring regatta?", ("win", "subj")),
        ("Who did the club hire as coach?", ("hire", "obj")),
        ("Which company bought the old mill?", ("buy", "subj")),
        ("Who was awarded the medal?", ("award", "obj")),
        ("Who is the president of the club?", ("", "")),  # a role, not an event
        ("When did the race start?", ("", "")),
    ],
)
def test_wh_slot(question: str, expected: tuple[str, str]) -> None:
    assert wh_slot(pipeline()(question)) == expected
