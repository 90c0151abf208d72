"""People a question describes instead of naming ("When did the top U.S. diplomat meet South
Korea's foreign minister?"): the descriptions, found in the question's tags, that the answerer
looks up among the roles the articles give people (index.described, index.role_meaning): a
role of a named country or body that they give no one is a person they do not tell of. Grammar
only: a singular noun for people (WordNet's noun.person) with "the" or an owner before it, not
inside the wh-word's phrase and not a title written before a name.
"""

from __future__ import annotations

from itertools import takewhile
from typing import Any

from index.lexicon import is_verb
from index.lexicon_nouns import is_person_noun
from index.nlp import parse_question
from index.question_names import wh_phrase

# The tags of the words a description is written with: "the top U.S. diplomat", "South
# Korea's foreign minister". Read from the tags, not the parse: the small model often misparses
# a question ("will the Pentagon chief join": "chief" an adjective of "join").
_RUN_TAGS = frozenset({"DT", "NNP", "NNPS", "JJ", "NN", "HYPH", "POS"})


def described_people(question: str, doc: Any = None) -> list[str]:
    """The descriptions of single people in the question, as written ("the top U.S.
    diplomat", "South Korea's foreign minister", "the president of South Korea"), in order
    (``doc``: the question's parse, when it has been parsed)."""
    doc = doc if doc is not None else parse_question(question)
    asked = wh_phrase(doc)
    found = []
    i = 0
    while i < len(doc):
        run = _run(doc, i)
        i = max(i + 1, run[-1].i + 1 if run else 0)
        if not run or any(t.i in asked for t in run):
            continue
        run = _without_verb(run)
        nouns = [k for k, t in enumerate(run) if t.tag_ in ("NN", "NNS")]
        if not nouns or not is_person_noun(run[nouns[-1]].lower_):
            continue  # "South Korea's first spy satellite" is a satellite
        head = run[nouns[-1]]
        if head.tag_ != "NN":
            continue  # "the officials": no one role
        words = run[: nouns[-1] + 1]
        marked = words[0].lower_ == "the" or any(t.tag_ == "POS" for t in words)
        after = doc[head.i + 1] if head.i + 1 < len(doc) else None
        if not marked or (after is not None and after.tag_ in ("NNP", "NNPS")):
            continue  # "a minister"; "the foreign minister Park Jin" names him
        if any(t.ent_type_ == "PERSON" for t in words):
            continue  # "Yoon's foreign minister" is described by a name; leave it be
        end = head.i + 1
        if after is not None and after.lower_ == "of":  # "the president of South Korea"
            owner = list(takewhile(_names_owner, _run(doc, head.i + 2)))
            if len(owner) > 1 and owner[-1].is_lower and is_verb(owner[-1].lower_):
                owner = owner[:-1]  # "did the secretary of state land": "land" is the verb
            if owner:  # "the secretary of state last met": not "last"
                end = owner[-1].i + 1
        found.append(doc[words[0].i : end].text)
    return found


def _names_owner(token: Any) -> bool:
    return bool(token.tag_ in ("DT", "NNP", "NNPS", "NN"))


def _without_verb(run: list[Any]) -> list[Any]:
    """The run up to a verb the small model tagged a noun ("did the top U.S. diplomat arrive":
    "arrive" a noun): a word WordNet knows as a verb, right after a noun for people, and not
    itself followed by a verb ("the spy satellite be launched": the satellite is)."""
    for k in range(1, len(run)):
        token = run[k]
        after = token.nbor() if token.i + 1 < len(token.doc) else None
        if after is not None and after.tag_.startswith(("VB", "MD")):
            continue
        if token.tag_ == "NN" and is_verb(token.lower_) and is_person_noun(run[k - 1].lower_):
            return run[:k]
    return run


def _run(doc: Any, i: int) -> list[Any]:
    """The words from i on whose tags a description is written with ("the" only first)."""
    run: list[Any] = []
    for token in doc[i:]:
        if token.tag_ not in _RUN_TAGS or (token.tag_ == "DT" and (run or token.lower_ != "the")):
            break
        run.append(token)
    return run


def owned_by_name(description: str) -> bool:
    """Whether the role is of a named country, people or body ("the top Estland diplomat",
    "the Pentagon chief", "the CEO of Tesla"), not only a kind of person ("the new coach") or
    of a time ("the spirit of Thanksgiving")."""
    return any(e.label_ in _OWNERS for e in parse_question(description).ents)


_OWNERS = frozenset({"GPE", "NORP", "ORG", "LOC"})


def bare(description: str) -> str:
    """The description without its article: "the top U.S. diplomat" -> "top U.S. diplomat"."""
    words = description.split()
    return " ".join(words[1:]) if words and words[0].lower() == "the" else description
