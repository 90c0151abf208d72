"""A speaker asked for by role ("the U.S. secretary of state", "South Korea's foreign minister")
resolved to the person the articles give that role: a name that the role's words stand right
before ("U.S. Secretary of State Antony Blinken") or right after, as an apposition ("Park Jin,
South Korea's foreign minister"). And the other way round, for "Who is Cho Tae-yong?": the role
the articles give a name (role_before, common_role).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from index.candidates import Candidate
from index.names import cased_tokens, fold_tokens, mentions, name_parts, us_spelling
from index.places import country_of, place_forms
from index.speaker_match import same_speaker
from index.text import STOPWORDS

# Words that may stand between the role and the name besides the role's own: a comma, "the",
# an initial. Grammar, not tuned.
ROLE_SLACK = 2
# Words a role is written with or without ("secretary of state", "Korea's foreign minister").
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "for", "and", "s"})
# Words that make a title one its holder no longer has ("Eric Schmidt, former CEO of Google"):
# the person is no answer to who holds it, unless the role asked has the word too.
_NO_LONGER = frozenset({"former", "ex", "onetime", "erstwhile", "late"})


_WHO_IS = re.compile(
    r"^\s*who\s+(?:is|was|are|were|(?:serves?|served|acts?|acted|works?|worked)\s+as)\s+"
    r"(?P<phrase>(?:the\s+)?(?P<role>[^?]+?))\s*\??\s*$",
    re.I,
)


# When the role is held, not part of it: "the CEO of Tesla in 2021", "Japan's leader now".
_WHEN = re.compile(
    r"\s+(?:(?:in|as of|since|during)\s+(?:\d{4}|\w+ \d{4})|now|today|currently)$", re.I
)

# "the Indian counterparts that X will meet": the role is the noun phrase before the clause
_RELATIVE = re.compile(r"\s+(?:that|who|whom|which)\s.*$", re.I)
_OF_PLACE = re.compile(r"\s+of\s+((?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)")


def asked_role(question: str, article: bool = False) -> str | None:
    """The role of "Who is the president of South Korea?" ("president of South Korea"; with
    ``article``, "the president of South Korea")."""
    match = _WHO_IS.match(question)
    if not match:
        return None
    role = _RELATIVE.sub("", match.group("phrase" if article else "role"))
    return _WHEN.sub("", role) or None


def place_words(description: str) -> set[str]:
    """The capitalised words of a role, folded as role_words folds them ("U.S." -> us_)."""
    folded = fold_tokens(description)
    return {f for c, f in zip(cased_tokens(description), folded, strict=True) if c[:1].isupper()}


def place_names(description: str) -> list[str]:
    """The capitalised words of a role as written ("US", "South", "Korea")."""
    return [w for w in cased_tokens(description) if w[:1].isupper()]


def role_words(description: str) -> list[str]:
    """The words a role must show: "the U.S. secretary of state" -> us, secretary, state (in
    American spelling: names.us_spelling)."""
    return [us_spelling(w) for w in fold_tokens(description) if w not in _FUNCTION_WORDS]


def anyone_given(description: str, candidates: Sequence[Candidate]) -> bool:
    """Whether the sentences give the role to anyone: one person, or several (who disagree)."""
    wanted = role_words(description)
    loose = place_words(description)
    return bool(wanted) and any(_given_the_role(wanted, c, loose) for c in candidates)


def described_person(description: str, candidates: Sequence[Candidate]) -> str | None:
    """The person the sentences give the role most often, if one leads; None when none is
    given it or two people are given it equally often."""
    wanted = role_words(description)
    loose = place_words(description)
    if not wanted:
        return None
    votes: Counter[str] = Counter()  # the fullest form of each person's name: sentences
    for cand in candidates:
        for name in _given_the_role(wanted, cand, loose):
            same = next((k for k in votes if same_speaker(k, name, "person")), None)
            if same is not None and len(name) > len(same):
                votes[name] = votes.pop(same)
                same = name
            votes[same or name] += 1
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _given_the_role(wanted: list[str], cand: Candidate, loose: set[str]) -> list[str]:
    """The people of a sentence the role's words stand right before ("Councillor Bo Stam",
    "treasurer Jon Vale") or after, as an apposition ("Park Jin, South Korea's foreign
    minister"), with no other person between."""
    text = cand.text
    people = [(a, b) for label, a, b in cand.read.sentence.entities if label == "PERSON"]
    reach = len(wanted) + ROLE_SLACK
    found = []
    for i, (start, end) in enumerate(people):
        left = people[i - 1][1] if i > 0 else 0
        right = people[i + 1][0] if i + 1 < len(people) else len(text)
        titled, name = _split_title(text[start:end], wanted)
        before = [*fold_tokens(text[left:start]), *titled][-reach:]
        place = _OF_PLACE.match(text[end:right])  # "Prime Minister Ulla Berg of Italy"
        before += fold_tokens(place.group(1)) if place else []
        apposition = text[end:right].lstrip().startswith(",")
        after = fold_tokens(text[end:right])[:reach] if apposition else []
        if name and (_held(wanted, before, loose) or _held(wanted, after, loose)):
            found.append(name)
    return found


def _held(wanted: list[str], tokens: list[str], loose: set[str]) -> bool:
    """The role is written there, and not as one held no longer ("former")."""
    return _holds(wanted, tokens, loose) and not (_NO_LONGER & set(tokens)) - set(wanted)


def _split_title(entity: str, wanted: list[str]) -> tuple[list[str], str]:
    """ "Councillor Bo Stam" -> (["councillor"], "Bo Stam"): the model may tag a title as part
    of the name."""
    words = entity.split()
    title = []
    while (
        len(words) > 1
        and fold_tokens(words[0])
        and {us_spelling(w) for w in fold_tokens(words[0])} <= set(wanted)
    ):
        title += fold_tokens(words.pop(0))
    return title, " ".join(words)


def _holds(wanted: list[str], tokens: list[str], loose: set[str]) -> bool:
    """Every role word is among the tokens; capitalised (place) words loosely ("Korean" in
    "Korea's", "Norwegian" for "Norway"), others as written in either spelling ("council" is no
    "councillor")."""
    spelled = {us_spelling(t) for t in tokens}
    placed = [*tokens, *(w for t in tokens if (c := country_of(t)) for w in fold_tokens(c))]
    return all(w in spelled or (w in loose and _place_mentioned(w, placed)) for w in wanted)


def _place_mentioned(word: str, tokens: list[str]) -> bool:
    """The place word, the country an adjective is of ("American": "U.S."), or the country a
    capital stands for ("Seoul's national security adviser": South Korea's) is there."""
    forms = (word, *place_forms(word, "NORP"), *place_forms(word, "GPE"))
    return any(mentions(f, tokens, "GPE") for f in forms)


def role_before(name: str, cand: Candidate) -> tuple[str, ...]:
    """The two words right before the name's first mention, when they are words that may
    describe it ("foreign minister" Park Jin, "security adviser" Cho): no stopwords, no names."""
    parts = name_parts(name)
    tokens = cand.read.tokens
    for i, token in enumerate(tokens):
        if parts and token in (parts[0], parts[-1]):
            before = tokens[max(0, i - 2) : i]
            if len(before) == 2 and all(t.isalpha() and t not in STOPWORDS for t in before):
                return tuple(before)
            return ()
    return ()


def common_role(name: str, candidates: Sequence[Candidate]) -> tuple[str, ...]:
    """The role most articles give the name just before it, if two or more agree."""
    votes: dict[tuple[str, ...], set[str]] = {}
    for cand in candidates:
        role = role_before(name, cand)
        if role:
            votes.setdefault(role, set()).add(cand.article.article_id)
    if not votes:
        return ()
    role, articles = max(votes.items(), key=lambda kv: len(kv[1]))
    return role if len(articles) >= 2 else ()
