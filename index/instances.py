"""Which instance of a repeated event a date belongs to: "When will X make its third attempt?"
is not answered by "... after its failed attempts in May and August", whose dates are those of
other attempts. Read from the parse of the sentence, at answer time, only for such questions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.nlp import parse_sentence
from index.text import stem

# The words that pick one instance out of several. Grammar, not tuned.
_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|last|latest|"
    r"\d+(?:st|nd|rd|th))\s+([a-z]+)",
    re.IGNORECASE,
)
# Steps up the parse from a date to the noun it dates; a longer way is another clause.
_MAX_STEPS = 4


@lru_cache(maxsize=256)
def asked_instance(question: str) -> tuple[str, str] | None:
    """ "its third attempt" -> ("third", stem of "attempt"): the ordinal and the event noun."""
    match = _ORDINAL.search(question)
    if match is None:
        return None
    return match.group(1).lower(), stem(match.group(2).lower())


def of_another_instance(sentence: str, start: int, end: int, asked: tuple[str, str]) -> bool:
    """The date at [start, end) of the sentence dates an instance of the asked event noun that
    the ordinal does not pick ("failed attempts in May" for "third attempt")."""
    ordinal, noun = asked
    doc = parse_sentence(sentence)
    tokens = [t for t in doc if t.idx >= start and t.idx + len(t.text) <= end]
    if not tokens:
        return False
    token = tokens[0]
    while token.dep_ == "conj" and token.head is not token:
        token = token.head  # "in May and August": August is dated as May is
    for _ in range(_MAX_STEPS):
        head = token.head
        if head is token:
            return False
        if head.pos_ in ("NOUN", "PROPN") and stem(head.lower_) == noun:
            return all(child.lower_ != ordinal for child in head.children)
        if head.pos_ in ("VERB", "AUX"):
            return False
        token = head
    return False
