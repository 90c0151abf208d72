"""Speech told by a noun: "Trump's claim that ...", "the claim by Sanders that ...", "the Museum
issued a statement of concern about ...".

A noun of saying (``SPEECH_NOUNS``) reports speech when it says whose it is and what was said:
- whose: a possessive name ("Trump's statement"), "by" and a name ("the claim by Sanders"), or
  the subject of a verb that makes the noun its object ("issued a statement", "made the case");
- what: a that-clause on the noun ("... that there were thousands of shootings") or, after a
  verb, what it is about ("a statement of concern about refugees", "remarks on trade") or what
  it says ("released a statement confirming ...", "an ad that accuses Cruz of ..."; with the
  nouns from "defense" on, PolNeAR train `benchmarks/attribution.py --split train`: recall
  0.6514 -> 0.6541, upper 0.9185 -> 0.9184).
"Trump's statement" alone, or "the report was issued", says nothing of what was said.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Nouns of saying: the act or the words of a statement; and of a stance stated ("raised
# concerns about", "voiced support for"; with those LIGHT_VERBS and prepositions, PolNeAR train
# `benchmarks/attribution.py --split train`: recall 0.6572 -> 0.6580, upper 0.9179 -> 0.9180).
SPEECH_NOUNS = frozenset(
    """statement claim assertion argument contention insistence warning promise pledge
    suggestion allegation accusation remark comment view belief charge vow prediction
    announcement admission denial testimony case assurance criticism complaint speech
    defense defence critique apology message answer response endorsement slogan opinion memo
    letter ad video advice
    concern support opposition frustration doubt skepticism contrast objection
    reservation""".split()
)
# Verbs that make a noun of saying their object without adding to what was said.
LIGHT_VERBS = frozenset(
    """issue release make give deliver publish post send offer repeat
    voice raise express share draw""".split()
)
# Prepositions that attach what a statement is about after a light verb.
_ABOUT = frozenset(
    {"about", "on", "of", "that", "against", "regarding", "for", "over", "with", "at"}
)


def noun_cue(token: Any, subject_of: Callable[[Any], Any | None]) -> tuple[Any, list[Any]] | None:
    """(the speaker's head token, the tokens of what was said) for a noun of saying, if any.
    ``subject_of`` gives a verb's subject (index.cues' rule, inherited subjects included)."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in SPEECH_NOUNS:
        return None
    clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp") and _that_clause(c)]
    speaker = _possessor(token)
    if speaker is not None:
        return (speaker, _subtree(clauses)) if clauses else None
    verb = token.head
    light = verb.pos_ == "VERB" and verb.lemma_.lower() in LIGHT_VERBS
    if token.dep_ in ("dobj", "obj") and light and verb.i != token.i:
        speaker = subject_of(verb)
        about = [c for c in token.children if c.dep_ == "prep" and c.lower_ in _ABOUT]
        # "a statement confirming ...", "an ad that accuses Cruz of ...": what it says
        says = [c for c in token.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
        parts = clauses or about or says
        if speaker is not None and parts:
            return speaker, _subtree(parts)
    return None


def _that_clause(token: Any) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _possessor(noun: Any) -> Any | None:
    """A name owning the noun: "Trump's claim", "the claim by Sanders"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                return pobj
    return None


def _subtree(heads: list[Any]) -> list[Any]:
    seen = {t.i: t for head in heads for t in head.subtree}
    return [seen[i] for i in sorted(seen)]
