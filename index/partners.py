"""Who a named subject did something with: "Who did X hold talks with?" is answered by the
names the sentence puts after "with" ("held talks with Foreign Minister Y") or beside X as a
second doer ("Y and X held talks"), not by the other names it holds ("held talks in South
Korea on ties between North Korea and Russia"). Grammar only."""

from __future__ import annotations

import re

from index.candidates import Candidate
from index.doers import governing_word
from index.lexicon_nouns import names_people
from index.names import fold_tokens, mentions
from index.question import Question

# The prepositions of a partner: "talks with X", "speaking alongside X". Grammar.
_PARTNERING = frozenset({"with", "alongside"})


def asks_partner(question: Question) -> bool:
    """ "Who did X meet with?", "With whom did X talk?", "Alongside whom did X speak?": the
    wh-word is what "with" governs, or "with" is left standing at the end of the question's
    verb phrase."""
    if question.wh != "who" or question.doc is None or question.subject is None:
        return False
    for token in question.doc:
        if token.lower_ not in _PARTNERING or token.dep_ != "prep":
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects or objects[0].lower_ in ("who", "whom"):
            return True
    return False


def partner_values(question: Question, cand: Candidate, values: tuple[str, ...]) -> tuple[str, ...]:
    """The values that are the subject's partner in the sentence: after "with", or a second
    doer joined to the subject by "and"."""
    subject = question.subject
    if subject is None:
        return values
    sentence = cand.read.sentence
    text = sentence.text
    spans = list(zip(sentence.entities, cand.read.roles, strict=False))
    doers = [
        (start, end, role)
        for (_, start, end), role in spans
        if mentions(subject.text, fold_tokens(text[start:end]), subject.label)
    ]
    found = []
    for (_, start, end), (verb, role) in spans:
        value = text[start:end]
        if value not in values or any(start == s for s, _, _ in doers):
            continue
        if governing_word(text[:start]) in _PARTNERING:
            found.append(value)
            continue
        beside = any(
            role == "subj" and (verb, "subj") == doer_role and _joined(text, start, end, s, e)
            for s, e, doer_role in doers
        )
        if beside:
            found.append(value)
    if not found and _with_people(text):
        return values  # "joint talks with their Indian counterparts": told, by no name
    return tuple(dict.fromkeys(found))


# Words read after "with" for a noun of people ("their Indian counterparts"). Grammar.
_PHRASE_WORDS = 5


def _with_people(text: str) -> bool:
    """The sentence puts a noun of people after "with" ("talks with their Indian
    counterparts")."""
    for match in re.finditer(r"\bwith\s+([^,;:.()\"“”]+)", text):
        words = match.group(1).split()[:_PHRASE_WORDS]
        if any(names_people(" ".join(words[: i + 1])) for i in range(len(words))):
            return True
    return False


def _joined(text: str, start: int, end: int, other_start: int, other_end: int) -> bool:
    """Two names joined by "and" ("Y and U.S. Secretary of State X"), not one in the other's
    title ("U.S. Secretary of State X")."""
    between = text[end:other_start] if end <= other_start else text[other_end:start]
    words = between.split()
    return "and" in words and len(words) <= _JOIN_WORDS and not _BREAKS.search(between)


# Words between two joined names, at most ("Y and U.S. Secretary of State X": "and" and a title
# of five). Grammar, not tuned.
_JOIN_WORDS = 7
_BREAKS = re.compile(r"[,;:“”\"()]")
