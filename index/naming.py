"""Questions that ask for the name of a thing: "What is the name of X's first satellite?",
"Which model of missile did X launch?". A sentence that speaks of the thing without naming it
does not answer, however close in meaning: it must give a name right by the thing's noun
("the Hwasong-18 missile", "a satellite called 425", "the chatbot ChatGPT"). Grammar, no
collection's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.candidates import Candidate
from index.names import fold_tokens
from index.nlp import parse_question
from index.question import Question
from index.question_words import AMOUNTS, TIMES
from index.relation import EVENT_DENSE
from index.text import stem

# Nouns that ask for a thing's name; "type" and "kind" are answered by common nouns.
_NAMING = frozenset("name model brand title codename nickname".split())
# A name this many words from the thing's noun, at most, is the thing's ("the new X satellite",
# "a satellite, called X"). Grammar, not tuned.
NAME_REACH = 3
# "X is a [description] thing": the description may run this many words. Grammar, not tuned.
DEFINITION_REACH = 10
_COPULAS = frozenset("is was are were remains".split())
_NOT_NAMES = TIMES | AMOUNTS | {"ORDINAL"}
# Names the entity model often misses: "Hwasong-18", "5G", "ChatGPT", "iPhone".
_CODE = re.compile(r"^(?=[\w-]*[A-Za-z])(?:[\w-]*\d[\w-]*|[\w-]*[a-z][\w-]*[A-Z][\w-]*)$")


def asked_thing(question: str) -> str | None:
    """ "What is the name of South Korea's first indigenous satellite?" -> stem of "satellite"."""
    return noun_of(question, _NAMING)


def noun_of(question: str, governing: frozenset[str]) -> str | None:
    """The stem of the noun after "of" that one of the governing nouns governs in the question
    ("the name of X's satellite", "the outcome of the summit"), read from the parse."""
    found = _thing_of(question, governing)
    return found[0] if found else None


def thing_compounds(question: str) -> tuple[str, ...]:
    """The stems of the nouns that make the asked thing a kind of its noun: "protest" in "the
    name of the protest group" (a group of militants, however named, is not one)."""
    found = _thing_of(question, _NAMING)
    return found[1] if found else ()


@lru_cache(maxsize=256)
def _thing_of(question: str, governing: frozenset[str]) -> tuple[str, tuple[str, ...]] | None:
    if not any(w in governing for w in re.findall(r"[a-z]+", question.lower())):
        return None
    for token in parse_question(question):
        if token.lemma_.lower() not in governing:
            continue
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                thing = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if thing is not None:
                    compounds = tuple(
                        stem(c.lower_) for c in thing.children
                        if c.dep_ == "compound" and c.pos_ == "NOUN"
                    )  # fmt: skip
                    return stem(thing.lower_), compounds
    return None


def names_the_thing(question: Question, cand: Candidate) -> bool:
    """For a question that asks a thing's name: a sentence that speaks of the thing by its noun
    gives a name (not one of the question's own) by that noun."""
    thing = asked_thing(question.text)
    if thing is None:
        return True
    text = cand.text
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    at_thing = [i for i, (_, w) in enumerate(words) if stem(_bare(w).lower()) == thing]
    if not at_thing:  # it does not speak of the thing by its noun: only as close as an event
        return cand.dense >= EVENT_DENSE
    compounds = thing_compounds(question.text)
    if compounds and not {stem(t) for t in fold_tokens(text)}.issuperset(compounds):
        return False  # "the militant group Hamas" names no protest group
    asked = {tuple(fold_tokens(n.text)) for n in question.names}
    entities = cand.read.sentence.entities
    spans = [(a, b) for label, a, b in entities if label not in _NOT_NAMES]
    spans += [  # "Hwasong-18", and a capitalised word the model tagged as nothing ("Lumopad")
        (start, start + len(w)) for i, (start, w) in enumerate(words)
        if (_CODE.match(_bare(w)) or (i > 0 and _bare(w)[:1].isupper()))
        and not any(a <= start < b for _, a, b in entities)
    ]  # fmt: skip
    for a, b in spans:
        if tuple(fold_tokens(text[a:b])) in asked:
            continue
        first = next((i for i, (s, w) in enumerate(words) if s + len(w) > a), None)
        last = next((i for i, (s, w) in reversed(list(enumerate(words))) if s < b), None)
        if first is None or last is None:
            continue
        if any(_by(i, first, last, words) for i in at_thing):
            return True
    return False


def _by(thing: int, first: int, last: int, words: list[tuple[int, str]]) -> bool:
    """The name at words [first, last] is the thing's: before its noun, with at most NAME_REACH
    words between ("the Hwasong-18 solid-fuel missile"); or after it with only linking words
    between ("the satellite, called X"; not "the satellite using SpaceX's rocket")."""
    if last < thing and re.search(r"['’]s$", words[last][1]):
        return False  # "Microsoft's headset": the owner's name, not the thing's
    if last < thing:
        between = [_bare(w).lower() for _, w in words[last + 1 : thing]]
        if between[:1] and between[0] in _COPULAS:  # "HoloLens is an augmented reality headset"
            return len(between) <= DEFINITION_REACH
        return len(between) <= NAME_REACH
    between = [_bare(w).lower() for _, w in words[thing + 1 : first]]
    return first > thing and all(not w or w in _LINKING for w in between)


_LINKING = frozenset("the a an called named dubbed codenamed known as - –".split())


def _bare(word: str) -> str:
    return word.strip("\"'“”‘’(),.;:!?")
