"""Prompt templates load by name and share the CANNOT_ANSWER constant with the code."""

from __future__ import annotations

import pytest

from index.models import CANNOT_ANSWER
from prompts import load_prompt


def test_answer_prompt_fills_every_placeholder() -> None:
    text = load_prompt("answer", cannot_answer=CANNOT_ANSWER, passages="[1] A.", question="Q?")
    assert CANNOT_ANSWER in text and "[1] A." in text and "Question: Q?" in text
    assert "$" not in text


def test_unknown_prompt_and_missing_value() -> None:
    with pytest.raises(KeyError, match="no prompt named"):
        load_prompt("nope")
    with pytest.raises(KeyError):
        load_prompt("answer", question="Q?")
