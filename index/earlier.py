"""A question about an earlier occasion ("When did X last meet Y?", "Where had they previously
met?", "What brought X here the previous time?", "... on his previous visit?") is answered by a
sentence that tells of an earlier one: it says so ("previously", "last", "ago", "former") or
dates its event before its article's month. The occasion the article reports ("X met Y on
Thursday") is not the one before it. Grammar and the calendar; nothing tuned.
"""

from __future__ import annotations

import re
from typing import Any

from index.candidates import Candidate
from index.expected import TIME_UNITS
from index.lexicon import is_verb
from index.text import stem
from index.values import read_value

# Words of the question that ask for the occasion before this one, when they qualify its verb.
_ASKING = frozenset({"last", "previously"})
# Words of a sentence that place its event before the one the article reports.
_TELLING = frozenset("previously previous last earlier ago formerly former once past prior".split())
# "the previous time", "the last time": the occasion before.
_TIME_NOUNS = frozenset({"time", "occasion"})


def asks_earlier(doc: Any) -> bool:
    """Whether the question asks about the occasion before this one: "last" or "previously"
    qualifying its verb (not "last month", a date, nor "the last World Cup", a thing), or "the
    previous time"."""
    for token in doc:
        word, head = token.lower_, token.head
        if word == "previously":
            return True
        if word in ("last", "previous") and head.lower_ in _TIME_NOUNS:
            return True
        if word == "previous" and head.pos_ == "NOUN" and stem(head.lower_) not in TIME_UNITS:
            return True  # "on his previous visit" ("the previous day" is a date)
        if word != "last" or (head.i < token.i and head.pos_ in ("VERB", "AUX")):
            continue  # "came last" is a place in a race
        if token.dep_ == "advmod" or head.tag_.startswith("VB") or _verb_after(token):
            return True
    return False


def _verb_after(token: Any) -> bool:
    """ "last visit South Korea": a verb right after "last" that the small model tagged a noun
    (no article before "last": "the last visit" is a thing)."""
    if token.i + 1 >= len(token.doc) or not is_verb(token.nbor().lower_):
        return False
    return token.i > 0 and token.nbor(-1).pos_ != "DET"


def tells_earlier(cand: Candidate) -> bool:
    """Whether the sentence tells of an event before the one its article reports: a word that
    says so, the time since it ("his first trip abroad in over four years"), or a date before
    its article's month."""
    if _TELLING & set(cand.read.tokens) or tells_time_since(cand.text):
        return True
    published = cand.article.published
    if not published:
        return False
    year, month = int(published[:4]), int(published[5:7])
    sentence = cand.read.sentence
    for label, start, end in sentence.entities:
        if label != "DATE":
            continue
        day = read_value(sentence.text[start:end], "DATE", published).day
        if day is None or day[0] is None:
            continue
        if day[0] < year or (day[0] == year and day[1] is not None and day[1] < month):
            return True
    return False


# "the first visit in more than two years": the time since the last one. Grammar, not tuned.
FIRST_IN = re.compile(
    r"\bfirst\b[^.;:]*?\bin\s+(?:more than\s+|over\s+|nearly\s+|almost\s+|about\s+)?"
    r"[\w /½-]{1,20}?\b(?:days?|weeks?|months?|years?|decades?)\b",
    re.IGNORECASE,
)


def tells_time_since(text: str) -> bool:
    """The sentence tells how long it had been since the last such event ("X's first trip
    abroad in over four years")."""
    return FIRST_IN.search(text) is not None
