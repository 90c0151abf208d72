"""Whether a sentence names the question's subject as the one who acts: "How did X react to
Y?" is told by a sentence in which X does something, not one in which X is met or talked
about (a name after "with", "to", "by" ...); and the people a question's verb acts on by name
("Which official greeted X?"), whose act a sentence must then tell. Grammar only."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from index.candidates import Candidate
from index.names import fold_tokens, mentions
from index.question import Question
from index.telling import verb_objects


def doer_holds(question: Question, cand: Candidate) -> bool:
    """ "How did X react to Y?": X does something in the sentence, as the subject of one of its
    verbs; a sentence that names X only as someone met or talked about tells of no way X did
    anything. (A sentence that names X nowhere, going on about X as "he", is left be.)"""
    subject = question.subject
    if question.wh != "how" or subject is None or question.predicate is None:
        return True
    sentence = cand.read.sentence
    done_to = [
        role == "obj" or governed_by_preposition(sentence.text[:start])
        for (label, start, end), (_, role) in zip(sentence.entities, cand.read.roles, strict=False)
        if mentions(subject.text, fold_tokens(sentence.text[start:end]), subject.label)
    ]
    return not done_to or not all(done_to)


def governed_by_preposition(before: str) -> bool:
    """ "... met with President Vladimir Putin": a name a preposition governs (the parser
    often leaves such a name without a role)."""
    return governing_word(before) in _GOVERNING


def governing_word(before: str) -> str:
    """The word before a name, read back past its title, its capitalised words and the small
    words inside it ("Secretary of State Antony Blinken said"), in lower case ("with")."""
    words = re.findall(r"[\w'’.-]+", before)
    while words and (
        words[-1][:1].isupper()
        or (words[-1] in _IN_TITLES and len(words) > 1 and words[-2][:1].isupper())
    ):
        words.pop()
    if words and words[-1].lower() in ("the", "a", "an"):
        words.pop()
    return words[-1].lower() if words else ""


_GOVERNING = frozenset("with to by for on at from about against between among of".split())
_IN_TITLES = frozenset("of the for and".split())


def people_acted_on(question: Question, candidates: Sequence[Candidate]) -> frozenset[str]:
    """The names the question's verb acts on as its direct object ("greeted Blinken", not
    "starring as Mulan") that are people's: the sentences and the question tag them a person's
    more often than anything else (the small model's labels vary from sentence to sentence).
    Read only for a question of the doer of an act on a name (relation._doer_of_nothing_told)."""
    if question.doc is None or question.source_question or question.predicate is None:
        return frozenset()
    if question.slot[1] != "subj" or question.theme is not None:
        return frozenset()
    objects = verb_objects(question)
    found = set()
    for name in question.names:
        if name.subject or not objects & set(name.text.split()):
            continue
        labels = Counter(
            label == "PERSON"
            for cand in candidates
            for label, text in cand.read.entities
            if mentions(name.text, fold_tokens(text), name.label)
        )
        labels[name.label == "PERSON"] += 1  # the question's own tag counts as one
        if labels[True] > labels[False]:
            found.add(name.text)
    return frozenset(found)
