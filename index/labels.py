"""Speaker labels: a name and a colon before what that speaker says, quoted or not.

Transcripts and headlines put the speaker first and a colon after the name ("CLINTON: Honestly,
I mean ...", "Obama: I'm Optimistic Americans Will Say No to Trump."), and a verb of saying may
come first ("Continued Stone: “So I think ...”"). The label is the whole start of the sentence:
a name (a person's or a body's, by NER, or a name in capitals as transcripts print it), at most
``_MAX_NAME`` tokens, with nothing before it but a verb of saying. "The Latest: ..." or "Focus on
security: ..." name no one and give nothing.
"""

from __future__ import annotations

from typing import Any

from index.cues import CUE_LEMMAS, Cue

# A speaker's name in a label is at most this many tokens ("Rep. Tim Murphy", "Hillary Rodham
# Clinton"): a definition, not tuned.
_MAX_NAME = 4
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP"})


def find_label(sentence: Any, taken: list[tuple[int, int]]) -> Cue | None:
    """The speaker label opening the sentence, when no span in ``taken`` covers its words."""
    words = [t for t in sentence if not t.is_space]
    colon = next((k for k, t in enumerate(words[: _MAX_NAME + 2]) if t.text == ":"), None)
    if colon is None or colon + 1 >= len(words):
        return None
    lead = words[:colon]
    verb = bool(lead) and lead[0].pos_ == "VERB" and lead[0].lemma_.lower() in CUE_LEMMAS
    if verb:
        lead = lead[1:]  # "Continued Stone:", "Said Trump:"
    if not lead or not all(_name_word(t) for t in lead):
        return None
    head = lead[-1]
    entity = next((e for e in sentence.ents if e.start <= head.i < e.end), None)
    if entity is not None and entity.end > head.i + 1:
        return None  # "De Blasio: Trust Bratton" read as one name runs past the colon
    named = entity is not None and entity.label_ in _SPEAKER_LABELS
    if not (named or (verb and head.pos_ == "PROPN")):
        return None  # "CORRECTION:", "The Latest:"
    rest = words[colon + 1 :]
    if not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None  # "Sanders: 1,501.", "Kasich: Now or never."
    start, end = words[colon + 1].idx, sentence.end_char
    if any(a < end and b > start for a, b in taken):
        return None
    tokens = frozenset(t.i for t in words[colon + 1 :])
    return Cue(words[colon], "colon", head, (start, end), tokens)


def _name_word(token: Any) -> bool:
    """A word of a name: a proper noun, a word of a named entity (the tagger calls a headline's
    "Obama" a noun) or a word in capitals as a transcript prints a speaker ("O'MALLEY")."""
    capitals = token.is_upper and len(token.text) > 1 and any(c.isalpha() for c in token.text)
    return token.pos_ == "PROPN" or bool(token.ent_type_) or capitals
