"""The parts of index.mentions: a resolved ``Speaker``, a noted ``Mention``, and the token
helpers that read a name's words, a subject and a speech noun's owner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from index.speaker_match import HONORIFICS, fold
from index.speech_nouns import SPEECH_NOUNS


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: str  # person | org | group | unresolved
    mention: str
    resolved: str = "explicit"


@dataclass
class Mention:
    position: int  # token index in the doc
    sentence: int
    name: str
    kind: str
    nouns: set[str] = field(default_factory=set)
    subject: bool = False
    speaker: bool = False
    quoted: bool = False  # inside a direct quote: someone's words, not a discourse referent
    conjunct: bool = False  # a later conjunct ("Park" in "Blinken and Park said")


def name_words(tokens: list[Any]) -> list[Any]:
    """Tokens of a name without a leading determiner or punctuation (the tokenizer glues a
    dash to a quote's closing mark: '”― Carla Sanchez') or a trailing possessive."""
    tokens = [t for t in tokens if not t.is_space]
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def tokens_text(tokens: list[Any]) -> str:
    if not tokens:
        return ""
    return str(tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text)


def nouns_of(tokens: Any) -> set[str]:
    return {t.lemma_.lower() for t in tokens if t.pos_ in ("NOUN", "PROPN")}


def courtesy_title(token: Any) -> bool:
    """'Mr.', 'Mrs', 'Dr.' and other abbreviations before a name."""
    return token.text.endswith(".") or fold(token.text) in HONORIFICS


def is_subject(token: Any) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass")


def owns_subject(token: Any) -> bool:
    """A name owning its clause's subject ("Carson's endorsement came with caveats") is what
    the clause is about, as a subject is. PolNeAR train (`benchmarks/attribution.py --split
    train`): recall 0.6547 -> 0.6572, upper 0.9187 -> 0.9179."""
    return is_subject(token) or (token.dep_ == "poss" and is_subject(token.head))


def speech_owner(noun: Any) -> Any | None:
    """The possessive owner of a noun of saying ("Smith's statement"), if any."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in SPEECH_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.lower_ in ("my", "our", "your", "its", "their"):
        return None
    return owner
