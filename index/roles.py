"""The part a name plays in its sentence's event, read from the parse: which verb it belongs to
and as what ("Facebook bought Instagram": Facebook is the subject of "buy", Instagram its
object). A question's wh-word plays such a part too ("Who won the election?": the subject of
"win"), so a sentence whose name plays that part for that verb answers it directly.

Roles, for the verb the name hangs from (through appositions, compounds and conjuncts):
- ``subj``: the doer: the verb's subject, or the agent of a passive ("acquired by Meta");
- ``obj``: the one done to: the object, a second object, or the subject of a passive ("Park
  was awarded");
- ``attr``: what a subject is or becomes ("was named the winner").
Names in any other place (after "in", "of", "on"...) have no role. Pure grammar, no words.
"""

from __future__ import annotations

from typing import Any

# Dependencies through which a name stands for the phrase above it ("adviser Cho" -> adviser,
# "Biden and Harris" -> Biden, "Park Jin, the minister" -> Park Jin).
_THROUGH = frozenset({"compound", "appos", "conj", "flat", "nmod"})
_ROLES = {
    "nsubj": "subj", "csubj": "subj", "nsubjpass": "obj", "dobj": "obj", "obj": "obj",
    "dative": "obj", "attr": "attr", "oprd": "attr",
}  # fmt: skip
# Verbs the parse tags AUX when they carry no event of their own.
_VERB_TAGS = frozenset({"VERB"})
# Climbs from a name to its verb at most this far (a bound on odd parses, not a tuning value).
_MAX_CLIMB = 6


def role_of(root: Any) -> tuple[str, str]:
    """(verb lemma, role) for the head token of a name, or ("", "") when it has none."""
    token = root
    for _ in range(_MAX_CLIMB):
        dep = token.dep_
        if dep in _THROUGH and token.head is not token:
            token = token.head
            continue
        head = token.head
        if dep == "pobj" and head.dep_ == "agent" and head.head.pos_ in _VERB_TAGS:
            return head.head.lemma_.lower(), "subj"
        if dep in _ROLES and head.pos_ in _VERB_TAGS:
            return head.lemma_.lower(), _ROLES[dep]
        return "", ""
    return "", ""


def wh_slot(doc: Any) -> tuple[str, str]:
    """The (verb lemma, role) a wh-question asks to fill: "Who won X?" (win, subj), "Whom did
    Blinken meet?" (meet, obj), "Which film won?" (win, subj). ("", "") for other questions."""
    for token in doc:
        if token.tag_ in ("WP", "WP$") and token.lower_ in ("who", "whom", "what"):
            return role_of(token)
        if token.tag_ == "WDT" and token.dep_ == "det":  # "which film", "what company"
            verb, part = role_of(token.head)
            return (verb, part) if verb else _named_object(token.head)
    return "", ""


def _named_object(phrase: Any) -> tuple[str, str]:
    """ "Which day has X named "Y"?": the parser reads the wh-phrase as an adverb of a verb
    that has a complement ("Y") and no object, where it is the object named."""
    verb = phrase.head
    children = {c.dep_ for c in verb.children}
    named = phrase.dep_ == "npadvmod" and verb.pos_ in _VERB_TAGS and "oprd" in children
    if named and not children & {"dobj", "obj"}:
        return verb.lemma_.lower(), "obj"
    return "", ""


def untagged_names(sentence: Any, tagged: set[int]) -> list[tuple[Any, str, str]]:
    """Names the entity model missed that are a verb's subject or object ("Facebook bought
    Instagram" with only Instagram tagged): (span, verb, role) for each run of proper nouns
    outside tagged tokens whose head is itself the argument (not a title before a tagged name,
    "Foreign Minister Park Jin")."""
    found = []
    run: list[Any] = []
    for token in [*sentence, None]:
        if token is not None and token.pos_ == "PROPN" and token.i not in tagged:
            run.append(token)
            continue
        if run:
            head = next((t for t in run if t.head not in run), run[-1])
            if head.dep_ in _ROLES or head.dep_ == "pobj":
                verb, role = role_of(head)
                if verb:
                    found.append((head.doc[run[0].i : run[-1].i + 1], verb, role))
            run = []
    return found
