"""The figures a question states that a passage must state too: its year ("who won in 2019"),
its quarter, an edition's number ("the 92nd Academy Awards") and an ordinal instance ("the
third attempt")."""

from __future__ import annotations

import re

from index.asked_values import quarters_in
from index.candidates import Candidate
from index.names import fold_tokens
from index.question import Question
from index.values import YEAR

_EDITION = re.compile(r"\d+(?:st|nd|rd|th)")
# "the third attempt" is not the first two: an ordinal instance the question asks of is in the
# passage (as a word or a figure). "first" is left out: it is told in many ways ("maiden",
# "debut", "never before"). Grammar, not tuned.
_ORDINALS = dict(
    zip("second third fourth fifth sixth seventh eighth ninth tenth".split(),
        "2nd 3rd 4th 5th 6th 7th 8th 9th 10th".split(), strict=True)
)  # fmt: skip


def figures_hold(question: Question, cand: Candidate) -> bool:
    """A year the question states is in the passage, its title or its date (a passage that
    never says which year it speaks of cannot answer "who won in 2019"), and the sentence does
    not speak of other years (or quarters of a year) only; an edition's number ("the 92nd
    Academy Awards") and an ordinal instance ("the third attempt") are in the passage or its
    title."""
    asked, said = quarters_in(question.text), quarters_in(cand.text)
    if asked and said and not asked & said:
        return False  # "revenue in Q2" is not answered by the first quarter's figure
    tokens = set(cand.chunk.tokens) | set(fold_tokens(cand.article.published or ""))
    # "the 12th edition" is not the 41st: an edition's number is in the passage as written
    editions = [n.lower() for n in question.numbers if _EDITION.fullmatch(n.lower())]
    if any(n not in tokens for n in editions):
        return False
    asked_ordinals = {w for w in re.findall(r"[a-z]+", question.text.lower()) if w in _ORDINALS}
    if any(w not in tokens and _ORDINALS[w] not in tokens for w in asked_ordinals):
        return False
    years = [n for n in question.numbers if YEAR.fullmatch(n)]
    if not years:
        return True
    own = {t for t in cand.read.tokens if YEAR.fullmatch(t)}
    return all(year in tokens and (not own or year in own) for year in years)
