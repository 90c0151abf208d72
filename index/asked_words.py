"""The words someone used, as a question asks for them: "What idiom did X use in Tokyo to argue
Y?", "What phrase did X use about Y?", "What label did X apply to Y?". These ask what X said
(in X's own quoted words), not what X used: the small model often parses "use" a noun, so the
question is read from its words. Grammar and general English only."""

from __future__ import annotations

import re
from typing import Any

from index.asked_speech import Speech
from index.question_words import NAME_LABELS

# Nouns for words said: what "What <noun> did X use ...?" asks X's quoted words for.
_WORDS_NOUNS = (
    r"idiom|phrase|expression|word|term|metaphor|analogy|slogan|catchphrase|saying|label|"
    r"nickname|epithet|figure of speech|turn of phrase|verb|noun|adjective|adverb"
)
# Verbs of putting words to use: "use", "coin", "apply (to)", "pick".
_WORDS_VERBS = r"use|coin|employ|choose|pick|apply|invoke|give"
_ASKED = re.compile(
    rf"^\s*what\s+(?:\w+\s+)?(?:{_WORDS_NOUNS})s?\s+(?:did|does|do|has|have|had)\s+"
    rf"(?P<speaker>.+?)\s+(?:{_WORDS_VERBS})[a-z]*\b(?P<rest>[^?]*)\??\s*$",
    re.IGNORECASE,
)
# What the words were for: "to argue (that) Y", "to describe Y", "for Y", "about Y", "to Y"
# (a label applied to Y).
_PURPOSE = re.compile(
    r"^\s*(?:when\s+\w+ing\s+|to\s+(?:argue|say|describe|explain|suggest|show|stress|"
    r"characteri[sz]e|refer\s+to|make\s+the\s+point)\s+(?:that\s+)?|about\s+|for\s+|on\s+|"
    r"to\s+|regarding\s+)",
    re.IGNORECASE,
)
_SETTING = re.compile(r"^\s*(?:in|at)\s+(?P<place>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)")
_PLACES = frozenset({"GPE", "LOC", "FAC"})


def asked_words(doc: Any) -> Speech | None:
    """Speaker, topic and setting of "What idiom/phrase/label did X use (in P) (to argue Y)?"."""
    match = _ASKED.match(doc.text)
    if match is None:
        return None
    speaker = re.sub(r"^(?:the|a|an)\s+|['’]s?$", "", match.group("speaker"), flags=re.I)
    rest = match.group("rest")
    where = ""
    if (place := _SETTING.match(rest)) and _is_place(doc, place.group("place")):
        where, rest = place.group("place"), rest[place.end() :]
    topic = _PURPOSE.sub("", rest, count=1).strip(" ,")
    start = match.start("speaker")
    span = doc.char_span(start, match.end("speaker"), alignment_mode="expand")
    tokens = list(span) if span is not None else []
    is_name = any(t.pos_ == "PROPN" or t.ent_type_ in NAME_LABELS for t in tokens)
    head = tokens[-1] if tokens else None
    described = head is not None and head.ent_type_ != "PERSON" and head.is_lower
    return Speech(speaker.strip(), is_name, "say", topic, None, described, where, words=True)


def _is_place(doc: Any, text: str) -> bool:
    return any(e.text == text and e.label_ in _PLACES for e in doc.ents)
