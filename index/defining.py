"""'What is X?' of a name ("What is Hamas?", "What is KCNA?", "What does DPRK stand for?"):
answered by the sentences that say what X is: "the Palestinian militant group Hamas", "the G7,
the seven leading industrial nations", "Group of Seven (G7)", "DPRK, Democratic People's
Republic of Korea, is ...", "the state-run Korean Central News Agency" (KCNA by its initials).
Grammar of apposition, no collection's words."""

from __future__ import annotations

import re

from index.acronyms import spelled_out
from index.question import Name, Question
from index.text import stem

# Words between "the" and a name that describe it ("the Palestinian militant group Hamas"), at
# most. Grammar, not tuned.
DESCRIPTION_WORDS = 4
_APPOSITION = re.compile(r"^\s*,\s+(?:the|a|an)\s")
_COPULA = re.compile(r"^\s+(?:is|was|are|were)\s+(?:the|a|an)\s")
# Words for the kind of name asked about: "What does the abbreviation X stand for?".
_NAME_KINDS = frozenset(stem(w) for w in "abbreviation acronym initialism initials letters".split())
_BEFORE = re.compile(rf"\bthe\s+((?:[\w’'-]+\s+){{1,{DESCRIPTION_WORDS}}})$", re.IGNORECASE)


def asked_name(question: Question) -> Name | None:
    """The name a definition question asks about: "What is X?" or "What does X stand for?",
    with nothing else asked."""
    if question.wh != "what" or len(question.names) != 1:
        return None
    text = question.text.lower()
    focus = tuple(word for word in question.focus if word not in _NAME_KINDS)
    if focus in (("stand",), ("short",)) and re.search(r"\b(?:stand|short) for\b", text):
        return question.names[0]  # "What does (the acronym) X stand for?", "... short for?"
    if focus or question.predicate is not None or not question.names[0].subject:
        return None
    return question.names[0] if re.match(r"^\s*what\s+(?:is|are|was)\b", text) else None


def defines(name: str, text: str) -> bool:
    """The sentence says what the name is, by one of its forms: the name, or the words whose
    initials it is."""
    if re.search(rf"[A-Z][\w’'-]*(?:\s+[\w’'-]+){{0,5}}\s*\({re.escape(name)}\)", text):
        return True  # "Group of Seven (G7)": the name spelt out before it
    forms = [name, *spelled_out(name, text, min_letters=2)]  # "KCNA": Korean Central ...
    for form in forms:
        for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            before, after = text[: match.start()], text[match.end() :]
            if _APPOSITION.match(after) or _COPULA.match(after):
                return True
            if form != name and (
                after.lstrip().startswith(f"({name})") or _spelled_after(name, before)
            ):
                return True  # "Group of Seven (G7)", "DPRK, Democratic People's Republic ..."
            described = _BEFORE.search(before)
            if described and any(w[:1].islower() for w in described.group(1).split()):
                return True  # "the Palestinian militant group Hamas"
    return False


def _spelled_after(name: str, before: str) -> bool:
    return bool(re.search(rf"(?<![\w-]){re.escape(name)}\s*,\s*$", before))
