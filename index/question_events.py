"""The event a question asks about when its verb does not tell it: a verb of wanting frames
its complement ("Why did X want the fighting paused?" asks about a pause), a light verb its
object ("When will X make its third attempt to launch a satellite?" asks about a launch; "When
did X make his first visit?" about a visit). Read from spaCy's parse; grammar, not tuned."""

from __future__ import annotations

from typing import Any

from index.question_names import is_verb_token
from index.question_words import LIGHT_VERBS

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
