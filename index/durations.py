"""Lengths of time: how long something lasted ("How long did the call last?", "How many days
will X spend in Y?") and how long ago it was ("How long ago was X?"). A length that sets one
event off from another ("five days before X is to meet Y") is no stay's length, and one that
tells how long an event lasted ("a two-day meeting") is not the time since it."""

from __future__ import annotations

import re

from index.candidates import Candidate
from index.earlier import FIRST_IN, tells_time_since
from index.expected import TIME_UNITS
from index.question import Question
from index.question_words import TIMES
from index.relation import named_or_close
from index.values import lengths_of_time, lengths_since

# A question that itself anchors the length ("How many days before the vote ...?", "How long
# had it been since ...?", "How many days separated X from Y?") asks the offset, not how long
# something lasted.
_ANCHORED = re.compile(
    r"\b(?:ago|since|before|after|later|earlier|until|till|between|apart|separat\w*)\b",
    re.IGNORECASE,
)


def length_holds(question: Question, cand: Candidate) -> bool:
    """ "How long did the call last?": a length of time answers for the event the sentence
    names (the question's theme) or is as close to in meaning as an event's sentence must be;
    "more than two years" since a visit is not the length of a call."""
    if question.wh != "how_many" or question.expects != TIMES or question.theme is None:
        return True
    # "the first visit in more than two years" tells the time since the last one, not how long
    # this one lasted (index.earlier.FIRST_IN)
    lengths = lengths_of_time(cand.read.tokens) - len(FIRST_IN.findall(cand.text))
    return lengths > 0 and named_or_close(question.theme, cand)


_HOW_LONG_AGO = re.compile(r"\bhow\s+long\s+ago\b", re.IGNORECASE)


def elapsed_holds(question: Question, cand: Candidate) -> bool:
    """ "How long ago was X?": the time since an event ("two years ago", "the first in more
    than two years", "2 1/2 years after his last visit"); how long one lasted ("a two-day
    meeting") is no answer."""
    if not _HOW_LONG_AGO.search(question.text):
        return True
    return tells_time_since(cand.text) or lengths_since(cand.read.tokens) > 0


def span_holds(question: Question, cand: Candidate) -> bool:
    """ "How many days will X spend in Y?", "How long is the visit?": the sentence gives a
    length of time not anchored to another event ("five days before X is to meet Y" says when,
    not how long)."""
    if question.wh != "how_many" or not question.expects >= TIMES:
        return True
    if question.head not in TIME_UNITS and question.expects != TIMES:
        return True
    if _ANCHORED.search(question.text):
        return True
    tokens = cand.read.tokens
    # nor is "his first trip abroad in over four years" (the time since the last one)
    since = lengths_since(tokens) + len(FIRST_IN.findall(cand.text))
    return lengths_of_time(tokens) - since > 0
