"""Which part of a date is asked, and the short name a place goes by: "In which months did X
fail?" is answered by a sentence naming the months ("in May and August"), not by "twice this
year"; "the North" is North Vestland once the articles have named it. Articles written for the
test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.places import place_forms
from index.service import NewsIndex

ARTICLES = {
    "launch.txt": """Title: North Vestland readies rocket
Source: Coast Wire
Date: 2024-11-07

North Vestland is preparing to launch a weather rocket after failing twice this year to reach orbit.
""",
    "attempts.txt": """Title: Third attempt near
Source: Quay Times
Date: 2024-11-08

Officials in Norland said North Vestland was building new launch pads on its coast.

Officials said the North appears to be readying a third attempt to launch a weather rocket after failed attempts in May and August.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "dates", ARTICLES) as built:
        yield built


def test_the_north_is_a_form_of_north_anything() -> None:
    assert "the North" in place_forms("North Vestland", "GPE")
    assert "the North" not in place_forms("Vestland", "GPE")


def test_which_months_is_answered_by_months(index: NewsIndex) -> None:
    answer = index.ask(
        "In which months did North Vestland's earlier attempts to launch a weather rocket fail?"
    )
    assert "May and August" in answer.answer, (answer.answer, answer.note)
    assert "twice this year" not in answer.answer
