"""Headlines and captions among the sentences: one that has a name do something states it
("Lidia Vance wins Orrin Medal"), one that only lists names ("Cast and Crew") does not; and a
name is shown as fully as a source gives it. Articles written for the test, made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.service import NewsIndex

ARTICLES = {
    "harbor-credits.txt": """Title: Harbor Lights (2021)

Harbor Lights: Directed by Mirela Tosk. With Anton Vale, Ruth Okafor. A lighthouse keeper
finds a boat with no crew ...
""",
    "harbor-remaster.txt": """Title: Harbor Lights Remastered announced
Source: Pixel Courier

Pavel Gren, art director of Harbor Lights Remastered, showed the new lighthouse level on
Monday. The remastered game comes out in the spring.
""",
    "medal-clip.txt": """Title: Video highlights

Vance wins 2023 Orrin Medal (2:10). Watch the goals of the season.
""",
    "medal-report.txt": """Title: Goalkeeper takes the Orrin Medal
Source: League Weekly

Goalkeeper Lidia Vance has won the 2023 Orrin Medal, given to the league's best player of the
year. She kept eleven clean sheets this season.
""",
    "ferry-caption.txt": """Title: Photo gallery

Ferry Strike Pickets And Harbor Offices. Photos by staff.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "headlines", ARTICLES) as built:
        yield built


def test_a_credit_line_names_the_director(index: NewsIndex) -> None:
    """ "Harbor Lights: Directed by Mirela Tosk." is short and capitalised, but it has Tosk
    direct; the art director of another title ("Harbor Lights Remastered") is not it."""
    answer = index.ask("Who is the director of the Harbor Lights movie?")
    assert not answer.abstained
    assert "Mirela Tosk" in answer.lines[0].text
    assert "Pavel Gren" not in answer.answer


def test_a_name_is_shown_in_its_fullest_form(index: NewsIndex) -> None:
    """A clip title gives the winner's surname, a report the whole name: one line, in the
    report's words, citing both."""
    answer = index.ask("Who is the Orrin Medal winner in 2023?")
    assert not answer.abstained
    first = answer.lines[0]
    assert "Lidia Vance" in first.text and len(first.citations) == 2


def test_a_caption_that_only_lists_names_is_no_answer(index: NewsIndex) -> None:
    answer = index.ask("Who organized the ferry strike pickets?")
    assert answer.abstained and answer.citations == [], answer.answer
