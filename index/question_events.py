"""The event a question asks about when its verb does not tell it: a verb of wanting frames
its complement ("Why did X want the fighting paused?" asks about a pause), a light verb its
object ("When will X make its third attempt to launch a satellite?" asks about a launch; "When
did X make his first visit?" about a visit). The verbs of its clauses of time ("Who greeted X
when he landed?") only date what it asks. Read from spaCy's parse; grammar, not tuned."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from index.lexicon import LIGHT, is_verb, synonym_stems
from index.lexicon_nouns import noun_kinds
from index.question_names import is_verb_token
from index.question_words import LIGHT_VERBS
from index.text import stem

# Verbs of wanting, trying and expecting: "What was X expected to reaffirm?" asks of reaffirming.
_WANTING = frozenset("want wish hope seek aim intend try attempt expect plan schedule".split())


def wanted_event(root: Any) -> Any:
    if root is None or root.lemma_.lower() not in _WANTING:
        return None
    return next(
        (c for c in root.children if c.dep_ in ("xcomp", "ccomp") and is_verb_token(c)
         and c.lemma_.lower() not in LIGHT_VERBS),
        None,
    )  # fmt: skip


def light_event(acting: Any) -> Any:
    """The event a light verb's object names: the verb of "an attempt to launch", else the
    object itself ("a visit", "talks", "office" of "take office")."""
    if acting is None or acting.lemma_.lower() not in LIGHT_VERBS:
        return None
    thing = next((c for c in acting.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if thing is None:
        return None
    framed = next(
        (c for c in thing.children if c.dep_ in ("acl", "relcl") and is_verb_token(c)
         and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
         and c.lemma_.lower() not in LIGHT_VERBS),
        None,
    )  # fmt: skip
    if framed is not None and thing.lemma_.lower() in _WANTING:
        return framed
    # "take office", "make history": the noun itself is what the sentence must tell of
    return thing


def clause_verbs(doc: Any, predicate: str | None) -> frozenset[str]:
    """Stems of the verbs of the clauses of time of the question's verb ("greeted X when he
    landed at Y", "after leaving Seoul"), less that verb and its synonyms. ("Where was X when he
    said ...?" asks of the saying itself.)"""
    if predicate is None:
        return frozenset()
    verbs = {
        stem(t.lemma_.lower())
        for t in doc
        if t.dep_ == "advcl"
        and t.pos_ == "VERB"
        and t.lemma_.lower() not in LIGHT
        and any(c.lower_ in _TIME_CONJUNCTIONS for c in t.children)
        and t.head.is_lower  # of the question's own verb, not a name the parser took for one
        and stem(t.head.lemma_.lower()) == predicate
    }
    return frozenset(verbs - synonym_stems(predicate))


_TIME_CONJUNCTIONS = frozenset("when whenever while after before as since until once".split())


@lru_cache(maxsize=64)
def event_noun_kinds(doc: Any, predicate: str | None) -> frozenset[str]:
    """ "Where will they hold their meeting?": the stems of the nouns for a kind of the event's
    noun (WordNet's hyponyms: a summit is a kind of meeting), by which a sentence tells it.
    Read once per question (a Doc is hashed by identity), not for each of its candidates."""
    if doc is None or predicate is None:
        return frozenset()
    lemmas = (t.lemma_.lower() for t in doc if t.pos_ == "NOUN")
    nouns = {lemma for lemma in lemmas if stem(lemma) == predicate}
    held = held_noun(doc, predicate)  # "the meeting ... to be held": the meeting itself too
    if held is not None:
        nouns.add(held)
    return frozenset(stem(k) for noun in nouns for k in (noun, *noun_kinds(noun)))


# Verbs whose object is an event, which they only stage ("hold a meeting"). Grammar.
SUPPORT_VERBS = frozenset({"hold", "stage", "conduct", "host"})


def held_noun(doc: Any, predicate: str) -> str | None:
    """The noun of the event a support verb stages in the passive, for which the question asks
    the time or place ("Where is the meeting ... set to be held?": meeting)."""
    verb = next((t for t in doc if t.pos_ == "VERB" and stem(t.lemma_.lower()) == predicate), None)
    if verb is None or verb.lemma_.lower() not in SUPPORT_VERBS:
        return None
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    staged = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ == "NOUN"), None)
    if staged is not None:  # "Where will the meeting be held?"
        return str(staged.lemma_.lower())
    for head in verb.ancestors:  # "the meeting ... set to be held"
        if head.pos_ == "NOUN":
            return str(head.lemma_.lower())
        if head.dep_ not in ("xcomp", "acl", "relcl", "ccomp"):
            break
    return None


# Verbs that put an act into words by its noun ("express thanks" is to thank, "voice concern"
# to be concerned). Grammar, not tuned.
_EXPRESSING = frozenset({"express", "voice", "offer", "extend", "convey"})


def expressed_act(verb: Any) -> Any:
    """The noun of the act a verb of expressing puts into words, when WordNet has it as a verb
    too and it is addressed to someone ("express thanks to X": thanks, the act of thanking X),
    else None."""
    if verb is None or verb.lemma_.lower() not in _EXPRESSING:
        return None
    thing = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if thing is None or not is_verb(thing.lemma_.lower().removesuffix("s")):
        return None
    # an act done to someone ("thanks to X"), not a state voiced ("concern about Y")
    addressed = any(
        c.dep_ == "prep" and c.lower_ == "to" for c in (*verb.children, *thing.children)
    )
    return thing if addressed else None
