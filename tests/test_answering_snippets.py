"""Passages cut from longer texts (search snippets, encyclopedia extracts): they refer to their
topic ("The game was released ...", "It was unveiled ...") or name it by its last word, and
never name it whole. Articles written for the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.service import NewsIndex

ARTICLES = {
    "quorra-review.txt": """Title: Quorra Saga 3 review
Source: Pixel Courier

Quorra Saga 3 is a 2019 puzzle game developed by Lantern Works for home consoles.

Critics praised the music of Quorra Saga 3 and its hand-drawn levels.
""",
    "quorra-snippet.txt": """Title: Mar 3, 2020 ...

The game was announced at the Lantern Showcase on May 2, 2018. The game was released on
November 8, 2019 in Europe and Japan ...
""",
    "quorra-expansion.txt": """Title: Jan 5, 2021 ...

The game was released on April 20, 2020. It was sold as part of the Quorra Saga 3 expansion
pass and can be played from the main menu ...
""",
    "tellis-review.txt": """Title: Norda's new handset
Source: Gadget Ledger

The Tellis 7b is a mid-range phone made by Norda, with a battery that lasts two days.
""",
    "tellis-snippet.txt": """Title: Aug 2021 ...

It was officially unveiled on August 3, 2021 at a press event in Oslo and went on sale on
August 12. Tellis 7b. Maker, Norda. Screen, 6.1 inches ...
""",
    "valdris-review.txt": """Title: A northern epic
Source: Pixel Courier

Warden's Oath Valdris is an open-world game set in a frozen kingdom.
""",
    "valdris-snippet.txt": """Title: Feb 2, 2022 ...

Valdris was released for consoles and computers on March 14, 2022, with a handheld version
later ...
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "snippets", ARTICLES) as built:
        yield built


def test_the_game_is_the_game_the_other_passages_name(index: NewsIndex) -> None:
    """ "The game was released on ..." opens a snippet that names no game: other passages
    call Quorra Saga 3 a game, so it tells when Quorra Saga 3 came out."""
    answer = index.ask("When was Quorra Saga 3 released?")
    assert not answer.abstained
    assert "November 8, 2019" in answer.answer


def test_a_snippet_that_names_the_subject_as_something_else_is_not_about_it(
    index: NewsIndex,
) -> None:
    """ "It was sold as part of the Quorra Saga 3 expansion pass": that game is not Quorra
    Saga 3, so its release date is no answer."""
    answer = index.ask("When was Quorra Saga 3 released?")
    assert "April 20, 2020" not in answer.answer


def test_it_opening_a_snippet_is_the_thing_the_snippet_is_headed_by(index: NewsIndex) -> None:
    """ "It was officially unveiled on ..." opens an extract whose infobox names the Tellis 7b."""
    answer = index.ask("When was the Tellis 7b unveiled?")
    assert not answer.abstained
    assert "August 3, 2021" in answer.answer


def test_a_name_by_its_last_word_alone_in_a_snippet(index: NewsIndex) -> None:
    """ "Valdris was released ...": the snippet never names Warden's Oath Valdris whole."""
    answer = index.ask("When was Warden's Oath Valdris released?")
    assert not answer.abstained
    assert "March 14, 2022" in answer.answer
