"""Where a statement was made, for "What did X say in Seoul?": the place is named in the
statement, in the sentences just before it ("... a press conference in Seoul on Thursday.
Speaking alongside Park, Blinken told reporters ..."), or in its article's dateline ("SEOUL,
Nov. 9 (Yonhap) --"), unless the statement names another place it was made in ("he said in
Tokyo").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.catalog import Catalog
from index.catalog_text import StoredSentence
from index.names import fold_tokens, mentions
from index.places import places_within
from index.question_words import SPEECH_VERBS

# Sentences before a statement that may tell where it was made: the one that sets the scene and
# the one after it. Grammar of news paragraphs, not tuned.
SETTING_REACH = 2
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_IN_OR_AT = re.compile(r"(?:^|\s)(?:in|at)\s+(?:the\s+)?$", re.I)
_IRREGULAR_SAYING = {"said", "told", "wrote", "written", "thought"}
# Where what was said begins: "that" after a verb of saying (and whom it was told), or a quote.
_SAYING = sorted({v[:-1] if v[-1] in "ey" else v for v in SPEECH_VERBS} | _IRREGULAR_SAYING)
_WHAT_WAS_SAID = re.compile(
    r"\b(?:{})\w*(?:\s+[\w.'’-]+){{0,3}}?\s+that\b|[“\"]".format("|".join(_SAYING)),
    re.IGNORECASE,
)


def said_in(catalog: Catalog, article: int, position: int, place: str) -> bool:
    """Whether the statement at ``position`` of the article was made in the place."""
    forms = places_within(place)
    near = catalog.sentences_near(article, position, SETTING_REACH)
    own = next((s for s in near if s.position == position), None)
    if own is None:
        return False
    if _names(own, forms):
        return True
    if _made_elsewhere(own, forms):
        return False  # "he said in Tokyo"
    before = sorted((s for s in near if s.position < position), key=lambda s: -s.position)
    if any(_names(s, forms) for s in before):
        return True
    filed = catalog.articles_by_row([article]).get(article)
    dateline = fold_tokens(filed.dateline or "") if filed else []
    return any(mentions(f, dateline, "GPE") for f in forms)


def _names(sentence: StoredSentence, forms: Sequence[str]) -> bool:
    tokens = fold_tokens(sentence.text)
    return any(mentions(f, tokens, "GPE") for f in forms)


def _made_elsewhere(sentence: StoredSentence, forms: Sequence[str]) -> bool:
    """A place of the sentence's own, right after "in" or "at", that is not the asked one; not
    one in what was said ("told reporters that ... the war in Ukraine")."""
    text = sentence.text
    said = _WHAT_WAS_SAID.search(text)
    for label, start, end in sentence.entities:
        if said is not None and start >= said.end():
            continue
        setting = label in _PLACES and bool(_IN_OR_AT.search(text[:start]))
        if setting and not any(mentions(f, fold_tokens(text[start:end]), "GPE") for f in forms):
            return True
    return False
