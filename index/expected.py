"""The kind of answer a question expects, as entity labels a sentence must hold: a time for
"when", a place for "where", a figure for "how many", people for "who" (not for "Who is X?",
which asks what X is), and for "which X" / "what X" the labels of X's kind (a revenue is money,
a team a group, a quarterback a person, a rank whoever holds it). Read from spaCy's parse and
WordNet; general English only."""

from __future__ import annotations

from typing import Any

from index.lexicon import lemmas
from index.lexicon_nouns import is_concrete_noun, is_group_noun, is_person_noun
from index.question_names import is_verb_token
from index.question_words import (
    AMOUNTS,
    HEAD_LABELS,
    NAME_LABELS,
    PEOPLE,
    PLACES,
    RANK_HELD,
    RANK_HOLDERS,
    TIMES,
)
from index.text import stem

# What names a group of people: an organisation, a nationality, a country.
GROUPS = frozenset({"ORG", "NORP", "GPE"})
TIME_UNITS = frozenset(stem(u) for u in "minute hour day night week month year decade".split())


def expected_labels(wh: str, head: str | None, kind: str | None, doc: Any) -> frozenset[str]:
    """The labels the answer must hold (empty: any sentence may answer); ``head`` is the stem
    of the wh-phrase's noun, ``kind`` the thing asked for (asked_kind)."""
    expects = _expects(wh, head, doc)
    # "What kind of official / meeting ...?" asks a kind, which no name need give
    if expects or kind is None or stem(kind) != head:
        return expects
    if is_group_noun(kind):
        return GROUPS  # "Which military did X serve in?": one the articles name
    if is_person_noun(kind):
        return PEOPLE  # "Which quarterback won X?", "What astronaut ...?": someone named
    return expects


def _root(doc: Any) -> Any:
    return next((t for t in doc if t.dep_ == "ROOT"), None)


def _expects(wh: str, head: str | None, doc: Any) -> frozenset[str]:
    if wh == "who":
        is_who_is = any(t.lemma_ == "be" and t.dep_ == "ROOT" for t in doc)
        # "Who is X?" asks what X is (a role), not for another name.
        return frozenset() if is_who_is and _has_name_subject(doc) else PEOPLE
    if wh == "when":
        return TIMES
    if wh == "where":
        return PLACES
    if wh == "how_many":
        # the word after "how": "long-range" later in the question asks no length of time
        words = [t.nbor().lower_ for t in doc if t.lower_ == "how" and t.i + 1 < len(doc)]
        if "much" in words:
            return frozenset({"MONEY", "QUANTITY", "PERCENT"})  # a count is "how many"
        if "far" in words:
            return frozenset({"QUANTITY"})  # a distance
        if "long" in words:
            root = _root(doc)
            if is_verb_token(root) and root.lemma_ != "be":
                return TIMES  # "How long did the war last?": a length of time
            if _lasting_subject(root):
                return TIMES  # "How long was his trip?": not a bridge's length
            return frozenset({"DATE", "TIME", "QUANTITY", "CARDINAL"})
        if "old" in words:
            return frozenset({"DATE", "CARDINAL"})
        if head in TIME_UNITS:
            return AMOUNTS | TIMES  # "how many days": "a nine-day trip" is a DATE
        return AMOUNTS
    if wh in ("which", "what") and head is not None:
        for word, labels in HEAD_LABELS.items():
            if stem(word) == head:
                return labels
    if wh in ("which", "what") and RANK_HELD.search(doc.text):
        return RANK_HOLDERS
    return frozenset()


def _has_name_subject(doc: Any) -> bool:
    """ "Who is Cho Tae-yong?" names someone; "Who is the new CEO of Vanguard?" describes them
    (a noun phrase with an article), and asks for the name."""
    root = _root(doc)
    nominal = next(
        (c for c in root.children if c.dep_ in ("attr", "nsubj") and c.lower_ != "who"), None
    ) if root is not None else None  # fmt: skip
    if nominal is None:
        return False
    if any(c.dep_ == "det" for c in nominal.children):
        return False
    return nominal.ent_type_ in NAME_LABELS or nominal.pos_ == "PROPN"


def asked_kind(head: Any, wh: str) -> str | None:
    """X of "which X" / "what X" / "what type of X", when X is the thing asked for ("Which
    rocket did X use?"), not a word for its name ("What is the name of X")."""
    if head is None or wh not in ("which", "what"):
        return None
    if not any(c.dep_ == "det" and c.lower_ == wh for c in head.children):
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return head.lemma_.lower()
    thing = next((c for c in of.children if c.dep_ == "pobj"), None)
    if head.lemma_.lower() in _KIND_WORDS and thing is not None and thing.pos_ == "NOUN":
        return thing.lemma_.lower()  # "What type of rocket": a rocket, of whatever type
    return None


# Words asking for a sort of the thing after "of" ("What type of rocket did X use?").
_KIND_WORDS = frozenset("type kind sort variety".split())


def _lasting_subject(root: Any) -> bool:
    """ "How long was X's trip (visit, war, meeting)?": the subject of "be" is a thing that
    lasts, not one that one can point at (WordNet's lexicon_nouns.is_concrete_noun: a bridge, a
    river)."""
    if root is None or root.lemma_ != "be":
        return False
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return (
        subject is not None and subject.pos_ == "NOUN"
        and subject.lemma_.lower() in lemmas("noun")
        and not is_concrete_noun(subject.lemma_.lower())
    )  # fmt: skip
