"""The JSON contract of an answer (`newsbot ask --json`): the fields that must stay."""

from __future__ import annotations

from typing import Any

ANSWER_FIELDS = frozenset({"question", "answer", "abstained", "citations"})
CITATION_FIELDS = frozenset({"n", "article_id", "title", "outlet", "published", "url", "quote"})


def assert_contract_fields(data: dict[str, Any]) -> None:
    """The answer and every citation keep the fields the contract has always had."""
    assert data.keys() >= ANSWER_FIELDS
    for citation in data["citations"]:
        assert citation.keys() >= CITATION_FIELDS
