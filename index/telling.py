"""Whether a sentence tells the act a question asks about, done by the one it asks of: "What
were the protesters demanding?" is told by "They are demanding ...", after a sentence about the
protesters; not by "X is expected to be met by protesters" (no demand: its "expected" is the
question's own word, not a synonym of "demand"), nor by "G7 ministers called for pauses" (a
demand of others). And "Who heads the ministry?" is not told by "He will head for India", a
verb that acts on nothing there. By WordNet and the parse; grammar, not tuned."""

from __future__ import annotations

import re
from typing import Any

from index.candidates import Candidate
from index.lexicon import phrasal_verbs, stems_of, synonym_stems, telling_stems
from index.lexicon_nouns import noun_synonyms
from index.names import fold_tokens, mentions
from index.places import name_forms
from index.question import Question
from index.referring import continues
from index.text import all_stems, stem


def tells_act(question: Question, cand: Candidate) -> bool:
    """The sentence has the question's verb, a synonym or a kind of it, or what the verb means
    with its preposition ("talk about": discuss). The question's other words are told as
    themselves: the "expected" of "What were they expected to demand?" is no demanding."""
    if question.predicate is None:
        return False
    telling = telling_stems(question.predicate) - set(question.focus) | {question.predicate}
    return bool(cand.read.stems & (telling | _with_preposition(question)))


def doer_told(question: Question, cand: Candidate) -> bool:
    """The sentence names the question's doer ("the protesters") by its noun or a synonym
    ("demonstrators"), or goes on ("They ...") from a sentence that does."""
    noun = asked_doer(question)
    if noun is None:
        return True
    return bool(cand.read.stems & _doer_stems(noun)) or doer_before(question, cand)


def doer_before(question: Question, cand: Candidate) -> bool:
    """The sentence goes on ("They are demanding ...") from one that names the question's doer
    ("X is expected to be met by protesters")."""
    noun = asked_doer(question)
    previous = cand.read.previous
    if noun is None or previous is None or not continues(cand.text):
        return False
    return bool(set(all_stems(previous.text)) & _doer_stems(noun))


def _doer_stems(noun: str) -> set[str]:
    return {stem(noun)} | {stem(w) for w in noun_synonyms(noun)}


def verb_objects(question: Question) -> set[str]:
    """The words the question's verb takes as its direct object ("heads the port authority":
    authority; "greeted Blinken": Blinken)."""
    if question.doc is None or question.predicate is None:
        return set()
    return {
        t.text
        for t in question.doc
        if t.dep_ == "dobj" and stem(t.head.lemma_.lower()) == question.predicate
    }


def acts_on(question: Question) -> bool:
    """The question's verb has an object ("heads the port authority")."""
    return bool(verb_objects(question))


def acts_on_something(verbs: frozenset[str], cand: Candidate) -> bool:
    """Some of the verbs in the sentence is not followed right away by a preposition or a
    particle ("head for India", "run to the shop"): it may act on a thing."""
    tokens = cand.read.tokens
    at = [i for i, token in enumerate(tokens) if stem(token) in verbs]
    return any(i + 1 >= len(tokens) or tokens[i + 1] not in _DIRECTIONS for i in at)


# Words after a verb that make it a movement, not an act on a thing. Grammar, not tuned.
_DIRECTIONS = frozenset("for to toward towards into back home out off away up down".split())


def _with_preposition(question: Question) -> frozenset[str]:
    """The stems of the verbs the question's verb means with its preposition ("talk about":
    discuss), by WordNet."""
    verb = _verb(question)
    if verb is None:
        return frozenset()
    lemma = verb.lemma_.lower()
    preps = [c.lower_ for c in verb.children if c.dep_ in ("prep", "prt")]
    return stems_of(frozenset().union(*(phrasal_verbs(f"{lemma}_{p}") for p in preps)))


def asked_doer(question: Question) -> str | None:
    """The common noun that does the question's act ("the protesters" of "What were the
    protesters expected to meet X demanding?"): the subject of the verb or of a verb it hangs
    from (a name's, a pronoun's or the wh-word's is none)."""
    verb = _verb(question)
    if verb is None:
        return None
    for acting in (verb, *verb.ancestors):
        for token in acting.children:
            if token.dep_ in ("nsubj", "nsubjpass"):
                return str(token.lemma_.lower()) if token.pos_ == "NOUN" else None
    return None


def _verb(question: Question) -> Any:
    if question.doc is None or question.predicate is None:
        return None
    return next((t for t in question.doc if stem(t.lemma_.lower()) == question.predicate), None)


# "North Korea's sending": a name, its possessive, and a word.
_POSSESSED = re.compile(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)['’]s\s+([a-z][\w-]*)")


def deed_of_another(question: Question, cand: Candidate) -> bool:
    """ "What has the U.S. sent?": the sentence tells the act only as the deed of another name
    ("North Korea's sending of munitions"), not of the question's subject."""
    subject = question.subject
    if subject is None or question.predicate is None:
        return False
    verbs = synonym_stems(question.predicate)
    told = [t for t in cand.read.tokens if stem(t) in verbs]
    if not told:
        return False
    possessed = [
        (name, word) for name, word in _POSSESSED.findall(cand.text) if stem(word.lower()) in verbs
    ]
    others = [
        word
        for name, word in possessed
        if not any(
            mentions(f, fold_tokens(name), subject.label)
            for f in name_forms(subject.text, subject.label)
        )
    ]
    return len(others) == len(told)
