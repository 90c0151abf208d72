"""Whether a sentence says which one of a kind it speaks of. "Which intercontinental ballistic
missile did X launch?" is not answered by "to mark its launch of an intercontinental ballistic
missile": the sentence names the kind in the question's own words and no more. It says which
when the noun has a name or a figure ("SpaceX's Falcon 9 rocket", "the Hwasong-18 missile"), a
word of its own ("a solid-fuel missile", "its first indigenous reconnaissance satellite"), an
appositive ("the rocket, a Falcon 9"), or words of its own after it ("a satellite called X",
"a missile that flew 1,000 km"; "the importance of supporting Ukraine").
Read from the parse of the sentence (cached: the same sentences come back)."""

from __future__ import annotations

from typing import Any

from index.candidates import Candidate
from index.nlp import parse_sentence
from index.question import Question, named_thing
from index.text import STOPWORDS, stem

# Words before a noun that do not tell one thing of its kind from another: grammar, not tuned.
_VAGUE = frozenset("new other same such certain latest recent last next own".split())
# The dependencies by which a word before a noun modifies it.
_MODIFIERS = frozenset({"amod", "compound", "nmod", "nummod", "poss", "npadvmod"})
_NAMING = frozenset({"called", "named", "dubbed", "known"})
# What after a noun may tell which one it is ("the rocket of SpaceX", "a missile that flew
# 1,000 km", "the satellite built by X").
_COMPLEMENTS = frozenset({"prep", "relcl", "acl"})


def identifies_kind(question: Question, cand: Candidate) -> bool:
    """The sentence says which of the question's kind (``Question.kind``) it speaks of, or does
    not speak of the kind at all (other checks judge that)."""
    if question.kind is None:
        return True
    # an abstraction too: "Which resolutions did X violate?" is not answered by "a violation of
    # U.N. Security Council resolutions", while "the importance of supporting Ukraine" says which
    # importance (on dev, quality.py --no-peer --cache-any-code, this changes no answer)
    return _says_which(stem(question.kind), question, cand, unnamed=True)


def names_identified(question: Question, cand: Candidate) -> bool:
    """ "What are the names of the Indian counterparts ...?": the sentence speaks of the
    counterparts and says which they are; "talks with their Indian counterparts" does not, nor
    does a sentence that never speaks of them."""
    named = named_thing(question.doc, question.wh) if question.doc is not None else None
    if named is None:
        return True
    return _says_which(stem(named), question, cand, unnamed=False)


def _says_which(kind: str, question: Question, cand: Candidate, unnamed: bool) -> bool:
    """``unnamed``: what a sentence that never speaks of the kind counts as."""
    if kind not in cand.read.stems:
        return unnamed
    words = [t for t in parse_sentence(cand.text) if stem(t.lower_) == kind]
    if any(t.pos_ == "PROPN" for t in words):
        return True  # part of a name ("the Hwasong-18 Missile")
    # "DPRK missile warning data" speaks of data, not of a missile
    heads = [t for t in words if not (t.dep_ == "compound" and t.head.pos_ == "NOUN")]
    if not heads:
        return False
    asked = {stem(w.lower()) for w in question.text.split()} | {
        stem(t.lower_) for t in question.doc or ()
    }
    return any(_identified(head, asked) for head in heads)


def _identified(head: Any, asked: set[str]) -> bool:
    if head.dep_ == "compound" and head.head.pos_ == "PROPN":
        return True  # "adviser Cho Tae-yong": the name is the head
    after = head.doc[head.i + 1 : head.i + 3]
    if len(after) == 2 and after[0].lower_ == "to" and after[1].pos_ in ("VERB", "AUX"):
        return True  # "taken steps to enhance ...": the parser may hang the purpose on the verb
    for child in head.children:
        if child.dep_ == "appos" or (child.dep_ == "acl" and child.lower_ in _NAMING):
            return True
        after = child.i > head.i and child.dep_ in _COMPLEMENTS
        if not after and (child.dep_ not in _MODIFIERS or child.i > head.i):
            continue
        for word in child.subtree:
            if word.pos_ in ("DET", "PRON", "PART", "PUNCT", "ADP", "CCONJ"):
                continue
            if word.pos_ in ("PROPN", "NUM") or any(c.isdigit() for c in word.text):
                if stem(word.lower_) not in asked:
                    return True
                continue
            lower = word.lower_
            if lower in STOPWORDS or lower in _VAGUE or stem(lower) in asked:
                continue
            return True
    return False
