"""Claims between two sentences: the same answer, or a conflict. Tables of constructed sentences;
entities are given as the model might tag them (or fail to)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from index.candidates import Candidate, ReadChunk, read_sentence
from index.catalog_text import StoredSentence
from index.claims import differing_values, same_answer
from index.models import Article, Passage


def candidate(
    text: str, tagged: dict[str, str], article: str, values: tuple[str, ...] = ()
) -> Candidate:
    """A candidate sentence of its own article; `tagged` maps entity text to its label."""
    entities = tuple(
        (label, m.start(), m.end())
        for name, label in tagged.items()
        for m in [re.search(re.escape(name), text)]
        if m
    )
    stored = StoredSentence(1, 1, 0, 0, len(text), text, np.zeros(4, np.float32), entities)
    art = Article(article, article)
    cand = Candidate(read_sentence(stored), art, Passage(article, art, text, 1.0), 0,
                     ReadChunk((), (), frozenset()))  # fmt: skip
    cand.values = values
    return cand


@pytest.mark.parametrize(
    ("first", "second", "differ"),
    [
        # both tagged, one claim, two values
        (("The storm destroyed 40 homes.", {"40": "CARDINAL"}),
         ("The storm destroyed 400 homes.", {"400": "CARDINAL"}), ("40", "400")),
        # one name tagged, the other not: still two claims
        (("The mill was bought by Harlow Group in May.", {"Harlow Group": "ORG", "May": "DATE"}),
         ("The mill was bought by Venn Partners in May.", {"May": "DATE"}),
         ("Harlow Group", "Venn Partners")),
        # titles are names too
        (('"Low Tide" won the prize for best film.', {"Low Tide": "WORK_OF_ART"}),
         ('"Salt Roads" won the prize for best film.', {"Salt Roads": "ORG"}),
         ("Low Tide", "Salt Roads")),
        # a capitalised first word is no name unless the other side's is tagged
        (("Officials said the bridge opened in May.", {"May": "DATE"}),
         ("Police said the bridge opened in May.", {"May": "DATE"}), None),
        # a tagged date written two ways is no pair of names
        (("The day was set as November 18 last year.", {"November 18": "DATE"}),
         ("The day was set as Nov. 18 last year.", {"Nov. 18": "DATE"}), None),
        # the same value written two ways
        (("The mill was sold to Harlow Group on Friday.", {"Harlow Group": "ORG"}),
         ("The mill was sold to Harlow on Friday.", {"Harlow": "ORG"}), None),
        # worded differently: not one claim
        (("The storm destroyed 40 homes.", {"40": "CARDINAL"}),
         ("Rebuilding will take 400 days, the mayor warned after the storm.",
          {"400 days": "DATE"}), None),
    ],
)  # fmt: skip
def test_differing_values(
    first: tuple[str, dict[str, str]],
    second: tuple[str, dict[str, str]],
    differ: tuple[str, str] | None,
) -> None:
    found = differing_values(candidate(*first, "a"), candidate(*second, "b"))
    assert (found and (found[0].text, found[1].text)) == (differ or None)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (("It opens on Sept. 14.", "Sept. 14"), ("It opens on 14 September 2024.",
                                                 "14 September 2024"), True),
        (("It opened on Wednesday.", "Wednesday"), ("It opened late Wednesday.",
                                                    "late Wednesday"), True),
        (("It opened in 2024.", "2024"), ("It opened on 14 September 2024.",
                                          "14 September 2024"), False),  # a year is not a day
        (("It opened on Sept. 14.", "Sept. 14"), ("It opened on Sept. 15.", "Sept. 15"), False),
        (("Ada Lind won.", "Ada Lind"), ("Lind won the vote.", "Lind"), True),
    ],
)  # fmt: skip
def test_same_answer(first: tuple[str, str], second: tuple[str, str], same: bool) -> None:
    def one(text: str, value: str) -> Candidate:
        label = "PERSON" if value[0].isalpha() and "Lind" in value else "DATE"
        return candidate(text, {value: label}, text, (value,))

    assert same_answer(one(*first), one(*second)) is same


def test_a_claim_worded_alike_with_another_value_is_not_the_same_answer() -> None:
    """Two sources that differ on the asked date are no corroboration of each other because
    they agree on a second one."""
    first, second = (
        candidate(f"It was unveiled on {day} and went on sale on August 12.",
                  {day: "DATE", "August 12": "DATE"}, day, (day, "August 12"))
        for day in ("August 3, 2021", "August 3, 2011")
    )  # fmt: skip
    assert not same_answer(first, second)
    assert same_answer(first, candidate("It went on sale on August 12.", {"August 12": "DATE"},
                                        "c", ("August 12",)))  # fmt: skip
