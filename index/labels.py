"""Speaker labels: a name and a colon before what that speaker says, quoted or not.

Transcripts and headlines put the speaker first and a colon after the name ("CLINTON: Honestly,
I mean ...", "Obama: I'm Optimistic Americans Will Say No to Trump."). The label is the whole
start of the sentence: a name (a person's or a body's by NER, in capitals as transcripts print
it or not; any proper noun after a verb of saying; a word of a person's full name in the
article, "Gingrich:"; a transcript's speaker in capitals that opens several turns, "RAMOS:"),
at most ``_MAX_NAME`` tokens, with nothing before it but a verb of saying ("Continued Stone:
“So I think ...”") or a quote mark or dash ('"PENCE: ...'), and a clause after the colon (a
transcript's turn in capitals may be shorter: "TAPPER: Why?"). Before a quote, a description
may follow the name ("Paul Hardy, in a statement: “...”", "Hardy, the senator from Ohio:
“...”"). "The Latest: ...", "CORRECTION: ..." name no one and "Sanders: 1,501." says nothing.
A label owns its line: a cue after it is what the labelled speaker reports
(index.attribution).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from index.cues import CUE_LEMMAS, Cue
from index.mention_parts import Speaker
from index.speaker_match import fold

# A speaker's name in a label is at most this many tokens ("Rep. Tim Murphy", "Hillary Rodham
# Clinton"): a definition, not tuned.
_MAX_NAME = 4
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# A label with a description ("Paul Hardy, the senator from Ohio:") is at most this many tokens.
_MAX_LEAD = 14
_QUOTE_MARKS = ("“", '"', "''", "``")
# What may stand before a label: a quote mark opening the turn, a dash or a bullet.
_OPENERS = frozenset({*_QUOTE_MARKS, "—", "–", "-", "--", "*", "•"})
# A label in capitals opening a paragraph, after any of those: at most _MAX_NAME words.
_CAPITAL_LABEL = re.compile(
    r"""(?:^|\n)[ \t]*[“"'`—–*•-]{0,2}[ \t]*([A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3}):"""
)


def find_label(
    sentence: Any, taken: list[tuple[int, int]], speakers: frozenset[str] = frozenset()
) -> Cue | None:
    """The speaker label opening the sentence, when no span in ``taken`` covers its words.
    ``speakers``: folded words that name a speaker in this article (``known_speakers``), for a
    label the entity model does not tag ("TAPPER:", "Gingrich:")."""
    words = [t for t in sentence if not t.is_space]
    while words and words[0].text in _OPENERS:
        words = words[1:]  # '"PENCE: Well, ...': a transcript quoted turn by turn
    colon = next((k for k, t in enumerate(words[: _MAX_LEAD + 1]) if t.text == ":"), None)
    if colon is None or colon + 1 >= len(words):
        return None
    lead = _described(words[:colon], words[colon + 1])
    if len(lead) > _MAX_NAME + 1:
        return None
    verb = bool(lead) and lead[0].pos_ == "VERB" and lead[0].lemma_.lower() in CUE_LEMMAS
    if verb:
        lead = lead[1:]  # "Continued Stone:", "Said Trump:"
    if not lead or not all(_name_word(t) or fold(t.text) in speakers for t in lead):
        return None
    head = lead[-1]
    entity = next((e for e in sentence.ents if e.start <= head.i < e.end), None)
    if entity is not None and entity.end > head.i + 1:
        return None  # "De Blasio: Trust Bratton" read as one name runs past the colon
    known = fold(head.text) in speakers
    named = known or (entity is not None and entity.label_ in _SPEAKER_LABELS)
    # A transcript's speaker in capitals: a turn may say no more than "And the tolls?"
    turn = all(_capitals(t) for t in lead) and known
    if not (named or turn or (verb and head.pos_ == "PROPN")):
        return None  # "CORRECTION:", "The Latest:"
    rest = words[colon + 1 :]
    if not turn and not any(t.pos_ in ("VERB", "AUX") for t in rest):
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
    return token.pos_ == "PROPN" or bool(token.ent_type_) or _capitals(token)


def label_speaker(head: Any, complete: Callable[[list[Any], int], str]) -> Speaker:
    """The person a label in capitals names ("JAKE TAPPER:", "TAPPER:"): its words completed to
    the article's full name (``complete``, index.mentions) and, still in capitals, in title
    case."""
    words = [head]
    while words[0].i > words[0].sent.start and _capitals(words[0].nbor(-1)):
        words.insert(0, words[0].nbor(-1))
    name = complete(words, head.i)
    mention = str(head.doc[words[0].i : head.i + 1].text)
    return Speaker(name.title() if name.isupper() else name, "person", mention)


def capitals_label(cue: Cue) -> bool:
    """A speaker label whose name is in capitals the entity model left untagged."""
    return transcript_label(cue) and not cue.subject.ent_type_


def transcript_label(cue: Cue) -> bool:
    """A speaker label in capitals, as transcripts print them ("FALLIN:"): a turn, where a
    name in title case before a colon is as often a heading ("Clinton: Keep it")."""
    return cue.lemma == "colon" and _capitals(cue.subject)


def _capitals(token: Any) -> bool:
    return token.is_upper and len(token.text) > 1 and any(c.isalpha() for c in token.text)


def known_speakers(text: str, person_words: Iterable[str]) -> frozenset[str]:
    """Folded words that name a speaker in a label the entity model does not tag: a word of a
    person's full name in the article ("Gingrich:" and "Newt Gingrich", "FALLIN:" and "Mary
    Fallin"), and the last word of a label in capitals ("JAKE TAPPER:", "RAMOS:") that opens two
    or more paragraphs, in an article with two or more such labels (a transcript's turns), when
    the article never writes it in lower case ("VIDEO:", "UPDATE:" are words)."""
    counts = Counter(fold(m.group(1).split()[-1]) for m in _CAPITAL_LABEL.finditer(text))
    lower = set(re.findall(r"\b[a-z][a-z'’.\-]+\b", text))
    turns = {w for w, n in counts.items() if n >= 2 and len(counts) >= 2 and w not in lower}
    return frozenset(turns | set(person_words))
