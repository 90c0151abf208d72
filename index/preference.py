"""Which of the sentences that support an answer answer most directly: for "when", those whose
date can be read; for "who is the X", those that name the person given the role X; for "who
won?", those whose name is the doer of that verb; for "what did the minister announce?", those
that tell of announcing. Each keeps the others when none qualifies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from index.asked_values import asks_for_date
from index.candidates import Candidate
from index.described import anyone_given, asked_role, described_person
from index.lexicon import entails
from index.names import fold_tokens, mentions
from index.places import is_country
from index.question import Question
from index.telling import asked_doer, doer_told, tells_act

# Words that may stand between a role and the name that fills it: "CEO: John Hanke", "director
# and president Shuntaro Furukawa" (after), "Park Jin, the foreign minister" (before, one more).
# Grammar, not tuned.
ROLE_GAP = 2
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
# Words of a role that are not its title: "Japan's foreign minister", "the minister of Japan".
_ROLE_FILLERS = frozenset({"the", "a", "an", "of", "s", "to", "in", "for"})
# Words of a title, at most ("national security adviser", "secretary of state"); a longer role
# is a description ("the individual associated with the rise of..."). Grammar, not tuned.
TITLE_WORDS = 4


def dated_first(question: Question, accepted: list[Candidate]) -> list[Candidate]:
    """For a date asked, the sentences that date it (a relative "last year" says when only to
    someone who knows when it was written), if any does."""
    if not asks_for_date(question):
        return accepted
    dated = [c for c in accepted if c.detail > 0]
    return dated or accepted


def telling_first(question: Question, accepted: list[Candidate]) -> list[Candidate]:
    """ "What did the secretary of state thank X for?", "What were the protesters demanding?":
    of the sentences about the doer, the ones that tell of the verb (or a synonym, index.
    lexicon, or with its preposition: "talk about" is to discuss) and of the doer (or, opening
    with "They", go on from a sentence that does), else those that tell of the verb, if any
    does. Not required, as it is of a named doer (index.relation.event_holds): the verb may be
    put in other words ("urge" for "ask") than WordNet's first senses share."""
    if question.predicate is None or question.wh == "how_many":
        return accepted
    if question.doer is None and asked_doer(question) is None:
        return accepted
    telling = [c for c in accepted if tells_act(question, c)]
    by_doer = [c for c in telling if doer_told(question, c)]
    return by_doer or telling or accepted


def role_holder(
    question: Question,
    accepted: list[Candidate],
    by_meaning: Callable[[str, list[Candidate]], str | None] | None = None,
) -> tuple[str | None, str | None]:
    """For "who is the X (of Y)?": the role asked, and the person the sentences give it
    ("South Korean President Yoon Suk Yeol" for "the president of South Korea"), or else the
    role in other words (``by_meaning``: "Foreign Minister Park Jin" for "South Korea's top
    diplomat"), if any."""
    role = asked_role(question.text) if question.role and question.expects else None
    holder = described_person(role, accepted) if role else None
    if holder is None and role and by_meaning is not None:
        holder = by_meaning(role, accepted)
    return role, holder


def holder_first(accepted: list[Candidate], holder: str | None) -> list[Candidate]:
    """The sentences that name the role's holder, if any does."""
    if holder is None:
        return accepted
    named = [c for c in accepted if mentions(holder, c.read.tokens, "PERSON")]
    return named or accepted


def unheld_role(
    question: Question,
    role: str | None,
    holder: str | None,
    candidates: list[Candidate],
    accepted: list[Candidate],
) -> bool:
    """Whether a title of a named country or organisation is asked ("Japan's foreign minister",
    "the CEO of Tesla") that the sentences give no one: then nothing answers who holds it."""
    if role is None or holder is not None or _slot_filled(question, accepted):
        return False  # "the award's winner" is told by who won it, not by a title
    if not _titled(question, role):
        return False
    # a person's title ("Rind's deputy") is given in a sentence that names that person
    owners = [n.text for n in question.names if n.label == "PERSON"]
    pool = [c for c in candidates if all(mentions(o, c.read.tokens, "PERSON") for o in owners)]
    return not anyone_given(_unowned(question, role), pool)


def _unowned(question: Question, role: str) -> str:
    """The role less a person who owns it ("Rind's deputy" -> "deputy"): the sentences call the
    owner by a part of the name or "his", so the title is looked for alone."""
    for name in question.names:
        if name.label == "PERSON":
            role = re.sub(rf"\b{re.escape(name.text)}(?:'s|’s)?\s*", "", role)
    return role.strip()


def _titled(question: Question, role: str) -> bool:
    """Whether the role is a title of a country, organisation or person the question names
    ("Japan's foreign minister", "Shin's deputy"), and not a description ("the individual
    associated with the rise of ...")."""
    holders = [
        n.text for n in question.names
        if (n.label in _PLACE_LABELS and is_country(n.text)) or n.label in ("ORG", "PERSON")
    ]  # fmt: skip
    role_tokens = fold_tokens(role)
    named = {t for h in holders if mentions(h, role_tokens, "GPE") for t in fold_tokens(h)}
    title = [t for t in role_tokens if t not in named and t not in _ROLE_FILLERS]
    return bool(named) and 0 < len(title) <= TITLE_WORDS


def named_in_role(question: Question, accepted: list[Candidate]) -> list[Candidate]:
    """For "who is the X (of Y)": the sentences that name someone as X ("Foreign Minister Park
    Jin", "Park Jin, the foreign minister"), if any does; a sentence that names people near
    other words does not say which of them is X."""
    if not question.role:
        return accepted
    filling = {id(c) for c in _filling(question, accepted)}  # "Directed by X": the director
    named = [
        c for c in accepted
        if id(c) in filling or any(in_role(question.role, c.read.tokens, v) for v in c.values)
    ]  # fmt: skip
    return named or accepted


def in_slot(question: Question, accepted: list[Candidate]) -> list[Candidate]:
    """For "who won?", "which film won?", "whom did X meet?": the sentences whose answer is
    the doer (or the one done to) of the asked verb ("Joe Biden wins election"), if any is; a
    sentence that names people elsewhere ("votes between Trump and Biden") does not say who
    did it. (Requiring the verb itself loses "Germany beat Argentina" for "who won?".)"""
    return _filling(question, accepted) or accepted


def _filling(question: Question, accepted: list[Candidate]) -> list[Candidate]:
    verbs, part = question.slot
    if not verbs or not question.expects:
        return []
    # "Facebook bought Instagram" fills "Who acquired Instagram?": buying is a kind of acquiring
    return [
        c for c in accepted
        if any(text in c.values and role == part and any(entails(verb, v) for v in verbs)
               for (_, text), (verb, role) in zip(c.read.entities, c.read.roles, strict=False))
    ]  # fmt: skip


def _slot_filled(question: Question, accepted: list[Candidate]) -> bool:
    return bool(_filling(question, accepted))


def in_role(role: tuple[str, ...], sentence: Sequence[str], value: str) -> bool:
    """The value right after the role (at most ROLE_GAP words between) or right before it; the
    role as asked ("foreign ministers from the G7" names no foreign minister)."""
    tokens = list(sentence)
    wanted = list(fold_tokens(value))
    if set(wanted) & set(role):
        return False  # "the new CEO" tagged as a name is the role, not who fills it
    size = len(role)
    roles = [i for i in range(len(tokens) - size + 1) if tuple(tokens[i : i + size]) == role]
    spans = [i for i in range(len(tokens)) if wanted and tokens[i : i + len(wanted)] == wanted]
    return any(
        0 <= start - (r + size) <= ROLE_GAP or 0 <= r - (start + len(wanted)) <= ROLE_GAP + 1
        for r in roles
        for start in spans
    )
