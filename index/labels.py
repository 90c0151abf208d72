"""Speaker labels: a name and a colon before what that speaker says, quoted or not.

Transcripts and headlines put the speaker first and a colon after the name ("CLINTON: Honestly,
I mean ...", "Obama: I'm Optimistic Americans Will Say No to Trump."). The label is the whole
start of the sentence: a name (a person's or a body's by NER, in capitals as transcripts print
it or not; any proper noun after a verb of saying), at most ``_MAX_NAME`` tokens, with nothing
before it but a verb of saying ("Continued Stone: “So I think ...”"), and a clause after the
colon. Before a quote, a description may follow the name ("Paul Hardy, in a statement: “...”",
"Hardy, the senator from Ohio: “...”"). "The Latest: ...", "CORRECTION: ..." name no one and
"Sanders: 1,501." says nothing. A label owns its line: a cue after it is what the labelled
speaker reports (index.attribution).
"""

from __future__ import annotations

from typing import Any

from index.cues import CUE_LEMMAS, Cue

# A speaker's name in a label is at most this many tokens ("Rep. Tim Murphy", "Hillary Rodham
# Clinton"): a definition, not tuned.
_MAX_NAME = 4
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# A label with a description ("Paul Hardy, the senator from Ohio:") is at most this many tokens.
_MAX_LEAD = 14
_QUOTE_MARKS = ("“", '"', "''", "``")


def find_label(sentence: Any, taken: list[tuple[int, int]]) -> Cue | None:
    """The speaker label opening the sentence, when no span in ``taken`` covers its words."""
    words = [t for t in sentence if not t.is_space]
    colon = next((k for k, t in enumerate(words[: _MAX_LEAD + 1]) if t.text == ":"), None)
    if colon is None or colon + 1 >= len(words):
        return None
    lead = _described(words[:colon], words[colon + 1])
    if len(lead) > _MAX_NAME + 1:
        return None
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


def _described(lead: list[Any], after: Any) -> list[Any]:
    """The name of a label that goes on to describe its speaker before a quote ("Paul Hardy,
    in a statement: “...”", "Hardy, the senator from Ohio: “...”"): its words up to the
    description, when a quote follows the colon and the description has no verb."""
    cut = next((k for k, t in enumerate(lead) if t.text == "," or t.pos_ == "ADP"), None)
    verbs = any(t.pos_ in ("VERB", "AUX") for t in lead)
    if cut is None or verbs or after.text not in _QUOTE_MARKS:
        return lead
    return lead[:cut]


def _name_word(token: Any) -> bool:
    """A word of a name: a proper noun, a word of a named entity (the tagger calls a headline's
    "Obama" a noun) or a word in capitals as a transcript prints a speaker ("O'MALLEY")."""
    capitals = token.is_upper and len(token.text) > 1 and any(c.isalpha() for c in token.text)
    return token.pos_ == "PROPN" or bool(token.ent_type_) or capitals
