"""Quote frames the parser misses: who said a direct quote, read from the words around it.

spaCy's small parser often hangs a long quote on the wrong word ('“...,” Sarandon, 69, told
MSNBC' makes the quote a clause of "Sarandon"), so the cue has nothing said. News style marks
a direct quote's speaker in a few fixed frames, which are read here from the tokens around the
quote's closing mark, whatever the parse made of them:
- after the quote: '“...,” Oliver barked.', '“...,” said Mayor Thomas Bradley.' (a verb of
  saying, or any verb in the past or present tense right after its subject, which news style
  uses only for speech after a quote that ends in a comma, question or exclamation mark);
- a dash after the quote: '“...” — Carla Sanchez, a nurse.';
- a name and a colon before it: 'Michael P. McDonald: “At long last ...”';
- a verb and a comma or colon before it: 'Henry tweeted, “...”', 'Kasich resisted: “...”'.
A frame gives a ``Cue`` like the parser's: its token (the verb, dash or colon), the head token
of the speaker and the content (the sentence's quote regions around the frame).
"""

from __future__ import annotations

from typing import Any

from index.cues import CUE_LEMMAS, Cue
from index.quotes import QuoteMask

_DASHES = frozenset({"—", "–", "―", "--", "-"})
_DASH_CHARS = "—–―-"
_CLOSING = frozenset({"”", '"', "''"})
_ENDS_QUOTE = (",", "?", "!", "—", "–", "…")
# Tokens a speaker's description may hold between the quote and the verb: "Clinton campaign
# manager Robby Mook", "the senator", "Sarandon, 69,".
_SPEAKER_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PRON", "PART", "CCONJ"})
# A description is at most this many tokens (a name, a title and a comma-set age or party).
_MAX_SPEAKER_TOKENS = 10
_FIRST_SECOND = frozenset({"i", "me", "we", "us", "you"})
_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def find_frames(sentence: Any, mask: QuoteMask, taken: list[tuple[int, int]]) -> list[Cue]:
    """Frames around the sentence's direct quotes that no span in ``taken`` covers yet."""
    regions = mask.regions_in(sentence.start_char, sentence.end_char)
    if not regions:
        return []
    found: list[Cue] = []
    for start, end in regions:
        if any(a < end and b > start for a, b in taken):
            continue
        cue = (
            _after_quote(sentence, mask, start, end)
            or _colon_before(sentence, start, end)
            or _verb_before(sentence, start, end)
        )
        if cue is not None:
            taken = [*taken, cue.content]
            found.append(cue)
    return found


def _content(
    sentence: Any, mask: QuoteMask, frame: tuple[int, int], quote: tuple[int, int]
) -> tuple[int, int]:
    """The quote and the sentence's other quote regions that touch the frame on its other
    side ('“A,” he said, “B.”'), as one span."""
    regions = mask.regions_in(sentence.start_char, sentence.end_char)
    near = [quote, *(r for r in regions if _only_punct(sentence, frame[1], r[0]))]
    return min(a for a, _ in near), max(b for _, b in near)


def _only_punct(sentence: Any, start: int, end: int) -> bool:
    if start > end:
        return False
    text = sentence.doc.text[start:end]
    return all(not c.isalnum() for c in text)


def _tokens_between(sentence: Any, start: int, end: int) -> list[Any]:
    return [t for t in sentence if start <= t.idx and t.idx + len(t) <= end and not t.is_space]


def _after_quote(sentence: Any, mask: QuoteMask, start: int, end: int) -> Cue | None:
    inside = sentence.doc.text[start:end].rstrip()
    closing = next((m for m in ("''", *_CLOSING) if inside.endswith(m)), None)
    tail = _tokens_between(sentence, end, sentence.end_char)
    if closing is None or not tail:
        return None
    dash = _dash_at(sentence, end)
    if dash is not None:
        return _dash_after(sentence, mask, [dash, *(t for t in tail if t.i > dash.i)], (start, end))
    if not inside[: -len(closing)].rstrip().endswith(_ENDS_QUOTE):
        return None
    if tail[0].pos_ == "VERB" and tail[0].lemma_.lower() in CUE_LEMMAS:
        return _verb_first(sentence, mask, tail, (start, end))
    return _subject_first(sentence, mask, tail, (start, end))


def _dash_at(sentence: Any, end: int) -> Any | None:
    """The token of a dash right after a quote that ends at ``end``: the dash's own, or the
    closing mark's when the tokenizer glued the two ('”― Carla Sanchez.')."""
    text, pos = sentence.doc.text, end
    while pos < sentence.end_char and text[pos].isspace():
        pos += 1
    if pos >= sentence.end_char or text[pos] not in _DASH_CHARS:
        return None
    return next((t for t in sentence if t.idx <= pos < t.idx + len(t)), None)


def _speaker_head(tokens: list[Any]) -> Any | None:
    """The head of a short speaker description: its first comma-set part, up to a preposition,
    ends with the head noun ("the senator from Texas" -> senator; "Sarandon, 69" -> Sarandon)."""
    part: list[Any] = []
    for t in tokens:
        if t.text == "," or t.pos_ == "ADP":
            break
        part.append(t)
    heads = [t for t in part if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not heads or heads[-1].lower_ in _FIRST_SECOND:
        return None
    return heads[-1]


def _subject_first(
    sentence: Any, mask: QuoteMask, tail: list[Any], quote: tuple[int, int]
) -> Cue | None:
    """'“...,” Oliver barked.' / '“...,” Sarandon, 69, told MSNBC'."""
    # Any verb frames a quote that opens the sentence; inside a sentence ('For someone who
    # conceded she's "not a natural," Clinton had a good night') only a verb of saying does.
    opens = _only_punct(sentence, sentence.start_char, quote[0])
    for k, t in enumerate(tail[: _MAX_SPEAKER_TOKENS + 1]):
        cue_verb = t.lemma_.lower() in CUE_LEMMAS
        if t.pos_ == "VERB" and (cue_verb or (opens and t.tag_ in _VERB_TAGS)):
            if k == 0:
                return None
            head = _speaker_head(tail[:k])
            if head is None or not _speaker_like(head):
                return None
            return _cue(t, head, _content(sentence, mask, (tail[0].idx, t.idx + len(t)), quote))
        misread = t.pos_ == "VERB" and t.tag_ in ("VB", "VBG", "VBN")  # "screenwriter Cole"
        if not (t.pos_ in _SPEAKER_POS or misread or t.text in (",", ".", "'s", "’s")):
            return None
    return None


def _verb_first(
    sentence: Any, mask: QuoteMask, tail: list[Any], quote: tuple[int, int]
) -> Cue | None:
    """'“...,” said Mayor Thomas Bradley.'"""
    verb = tail[0]
    rest = []
    for t in tail[1 : 1 + _MAX_SPEAKER_TOKENS]:
        if not (t.pos_ in _SPEAKER_POS or t.text == ","):
            break
        rest.append(t)
    head = _speaker_head(rest)
    if head is None or not _speaker_like(head) or (head.pos_ == "PRON" and head.i != verb.i + 1):
        return None
    return _cue(verb, head, _content(sentence, mask, (verb.idx, head.idx + len(head)), quote))


def _dash_after(
    sentence: Any, mask: QuoteMask, tail: list[Any], quote: tuple[int, int]
) -> Cue | None:
    """'“...” — Carla Sanchez, a nurse.': a name right after the dash, nothing but its
    description after it."""
    dash, rest = tail[0], tail[1:]
    names = []
    for t in rest:
        if t.pos_ != "PROPN":
            break
        names.append(t)
    after = rest[len(names) :]
    if not names or (after and after[0].text not in (",", ".", "(")):
        return None
    if any(t.pos_ == "VERB" for t in after):
        return None
    head = names[-1]
    return _cue(dash, head, _content(sentence, mask, (dash.idx, dash.idx), quote), lemma="dash")


def _colon_before(sentence: Any, start: int, end: int) -> Cue | None:
    """'Michael P. McDonald: “...”': a name, alone before a colon, introduces the quote."""
    before = _tokens_between(sentence, sentence.start_char, start)
    if not before or before[-1].text != ":":
        return None
    colon = before[-1]
    names: list[Any] = []
    for t in reversed(before[:-1]):
        if t.pos_ != "PROPN":
            break
        names.insert(0, t)
    lead = before[: len(before) - 1 - len(names)]
    if not names or (lead and lead[-1].text not in _DASHES):
        return None
    return _cue(colon, names[-1], (start, end), lemma="colon")


def _verb_before(sentence: Any, start: int, end: int) -> Cue | None:
    """'Henry tweeted, “...”': a verb of saying (or any finite verb with a named subject) and a
    comma or colon right before the quote, its subject (the parse's, or the words before it) a
    speaker."""
    before = _tokens_between(sentence, sentence.start_char, start)
    if len(before) < 3 or before[-1].text not in (",", ":"):
        return None
    verb = before[-2]
    if verb.dep_ in ("prt", "advmod") and len(before) > 3 and verb.head.i == before[-3].i:
        verb = before[-3]  # "Sanders shot back, “...”", "he said later, “...”"
    head = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if verb.pos_ != "VERB" or not (verb.lemma_.lower() in CUE_LEMMAS or _named_finite(verb, head)):
        return None
    if head is None:
        lead = [t for t in before if t.i < verb.i]
        k = len(lead)
        while k > 0 and lead[k - 1].pos_ in _SPEAKER_POS and len(lead) - k < _MAX_SPEAKER_TOKENS:
            k -= 1
        head = _speaker_head(lead[k:])
    if head is None or not _speaker_like(head):
        return None
    return _cue(verb, head, (start, end))


def _named_finite(verb: Any, head: Any | None) -> bool:
    """Any finite verb, its subject a name or a pronoun, frames the quote right after it and a
    comma or colon ('Kasich resisted: “...”'): news style puts only speech there."""
    return verb.tag_ in _VERB_TAGS and head is not None and head.pos_ in ("PROPN", "PRON")


def _speaker_like(head: Any) -> bool:
    """A name, a pronoun or a noun for a person or a body; not a date or a number."""
    return head.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY")


def _cue(token: Any, head: Any, content: tuple[int, int], lemma: str | None = None) -> Cue:
    doc = head.doc
    tokens = frozenset(t.i for t in doc.char_span(*content, alignment_mode="expand") or [])
    words = sorted((token, head), key=lambda t: t.i)
    frame = (words[0].idx, words[1].idx + len(words[1]))
    inside = content[0] < frame[0] and frame[1] < content[1]
    return Cue(
        token, lemma or token.lemma_.lower(), head, content, tokens, frame=frame if inside else None
    )
