"""Follow-up questions without an LLM: carry the previous turn's entities into retrieval.

A question such as "What did he say about China?" names nobody; the previous turn ("What did
Blinken say about Russia?") does. When a question reads like a follow-up (a personal pronoun, or a
leading "and"/"what about"), the entities of the previous turn are appended to the retrieval query
and count as focus terms when sentences are scored. If the question brings entities of its own,
only the previous turn's first entity (usually its subject) is carried, so "and about China?"
after a question about Russia looks for Blinken and China, not Russia.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.nlp import parse_sentence
from index.question_words import SPEECH_VERBS
from index.text import STOPWORDS

PRONOUNS = frozenset("he she they them him his her hers their theirs it its".split())
_DEMONSTRATIVES = frozenset({"that", "this", "these", "those"})
_LEADING_CONNECTOR = re.compile(r"^\s*(?:and|also|but|so|what about|how about)\b", re.I)
_NOT_ENTITIES = frozenset(
    """what who whom whose when where why how which is are was were did does do can could will
    would should has have had and but also so tell please i the a an in on at of for to if
    according give show list""".split()
)
_CAPITALISED = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:of\s+|de\s+|al-)?[A-Z0-9][\w’'-]*)*")
MAX_ENTITIES = 4
_PLURAL_PRONOUN = re.compile(r"\b(?:they|them|their|theirs)\b", re.IGNORECASE)
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_QUOTED_PHRASE = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")


@dataclass(frozen=True)
class Contextualized:
    query: str
    own_entities: tuple[str, ...]
    carried: tuple[str, ...]
    required: tuple[str, ...] = ()  # the carried names an answer must mention
    thing: bool = False  # points back at a thing by its noun: "that assessment", "this visit"

    @property
    def entities(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.own_entities + self.carried))[:MAX_ENTITIES]


def extract_entities(text: str) -> list[str]:
    """Capitalised names in text, in order ("South Korea's" gives "South Korea")."""
    found: list[str] = []
    for match in _CAPITALISED.finditer(text):
        parts = re.sub(r"['’]s$", "", match.group()).split()
        while parts and (parts[0].lower() in _NOT_ENTITIES or parts[0].lower() in STOPWORDS):
            parts.pop(0)
        name = " ".join(parts)
        if name and name.lower() not in _NOT_ENTITIES and name not in found:
            found.append(name)
    return found


def quoted_names(text: str) -> list[str]:
    """The phrases of two or more words a question quotes ("missile industry day"): what a
    later "it" may stand for."""
    return [
        phrase.strip()
        for phrase in _QUOTED_PHRASE.findall(text)
        if len(phrase.split()) >= 2 and phrase.strip() not in extract_entities(phrase)
    ]


def with_antecedent(question: str, name: str) -> str:
    """ "When did he meet Blinken?" after a question about Park Jin -> "When did Park Jin meet
    Blinken?": a singular subject pronoun stands for the previous turn's first name, so the
    question is read, and its subject required, as if it named it. ("They" may stand for
    several people and is left as it is.)"""
    return _SUBJECT_PRONOUN.sub(name, question)


_ABOUT_ONLY = re.compile(
    r"^\s*(?:(?:and|but|so)\s+)?(?:what|how)?\s*(?:about|on|regarding)\s+(?P<topic>[^?]+?)\s*\??\s*$",
    re.I,
)
# "When?", and "When was that?" / "Where did that happen?": the event of the question before
# ("In what month was that?": the question word may be a phrase of a preposition and a noun)
_WH_ONLY = re.compile(
    r"^\s*(?:and\s+)?(?:(?P<wh>when|where|why|how)|(?P<of_that>when|where|why|"
    r"(?:(?:in|on|at|from|to)\s+)?(?:what|which)\s+[a-z]+)\s+(?:(?:was|is)\s+"
    r"(?:that|this|it)|did\s+(?:that|this|it)\s+(?:happen|take\s+place|occur)))\s*\??\s*$",
    re.I,
)
_WH_START = re.compile(r"^\s*(?:what|who|whom|when|where|why|how|which)\b", re.I)
_ABOUT = re.compile(r"\s+(?:about|on|regarding)\s+[^?]+(?=\?|$)", re.I)


def completed(question: str, previous: str) -> str | None:
    """A question that only changes the topic or the wh-word of the one before, in full:
    "And about China?" after "What did Blinken say about Russia?" -> "What did Blinken say
    about China?"; "When?" after "Who will Austin meet in Seoul?" -> "When will Austin meet in
    Seoul?". None for a question that stands on its own."""
    previous = previous.strip()
    if not _WH_START.match(previous):
        return None
    about = _ABOUT_ONLY.match(question)
    said = any(w in SPEECH_VERBS for w in re.findall(r"[a-z]+", previous.lower()))
    if about and (said or _ABOUT.search(previous)):
        stem = _ABOUT.sub("", previous.rstrip("?").rstrip())
        return f"{stem.rstrip()} about {about.group('topic')}?"
    wh = _WH_ONLY.match(question)
    if wh:
        asked = " ".join((wh.group("wh") or wh.group("of_that")).split())
        return _WH_START.sub(asked[0].upper() + asked[1:].lower(), previous, count=1)
    return None


def looks_like_followup(question: str) -> bool:
    tokens = re.findall(r"[a-z]+", question.lower())
    return _refers_to_names(question) or (
        bool(_DEMONSTRATIVES.intersection(tokens)) and _points_back(question)
    )


def _refers_to_names(question: str) -> bool:
    """A pronoun ("What did he say?") or a leading "and" ("And about China?"): it stands for
    the previous turn's names, which the answer must then mention."""
    return bool(_LEADING_CONNECTOR.match(question)) or _has_pronoun(question)


def _has_pronoun(question: str) -> bool:
    return any(t in PRONOUNS for t in re.findall(r"[a-z]+", question.lower()))


def _points_back(question: str) -> bool:
    """ "Who made that assessment?", "How long ago was that?": a demonstrative (tagged DT by
    the parser), not the "that" of a clause ("reported that X met Y", tagged IN)."""
    return bool(_demonstratives(question))


def _points_at_thing(question: str) -> bool:
    """ "Who made that assessment?": a demonstrative before a noun, which names the thing (not
    "How long ago was that?", which points at the whole turn)."""
    return "det" in _demonstratives(question)


def _demonstratives(question: str) -> tuple[str, ...]:
    """The dependencies of the question's demonstratives (one parse for both tests above)."""
    doc = parse_sentence(question)
    return tuple(t.dep_ for t in doc if t.lower_ in _DEMONSTRATIVES and t.tag_ == "DT")


def contextualize(
    question: str, previous_entities: tuple[str, ...] | list[str] = ()
) -> Contextualized:
    """The retrieval query for question, given the entities of the turn it may follow."""
    own = tuple(dict.fromkeys([*extract_entities(question), *quoted_names(question)]))
    if not previous_entities or not looks_like_followup(question):
        return Contextualized(question, own, ())
    # "What did he say about China?": one name stands for "he"; "Apart from Ukraine, what did
    # they talk about?": "they" stands for several
    plural = bool(_PLURAL_PRONOUN.search(question))
    several = previous_entities[:MAX_ENTITIES] if plural or not own else previous_entities[:1]
    carry = tuple(several)
    carry = tuple(e for e in carry if e not in own)
    query = f"{question} {' '.join(carry)}".strip() if carry else question
    # "Who made that assessment?" points back at a thing of the turn before, told in sentences
    # that need not name its names ("that day" after one asked of Pyongyang: "North Korea
    # ...")
    thing = _points_at_thing(question)
    # "And what is that day meant to mark?": the "and" goes on about the thing pointed at
    if _has_pronoun(question) or (_refers_to_names(question) and not thing):
        return Contextualized(query, own, carry, carry)
    return Contextualized(query, own, carry, (), thing)
