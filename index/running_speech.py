"""Sentences that run on from the speaker before them without a cue of their own.

- A quote that opens a sentence after a few words of no content ('But “...', 'Indeed, “...')
  goes on like one that opens it: the words before it carry no subject or verb of their own,
  so no one else is named as its speaker. PolNeAR train (`benchmarks/attribution.py --split
  train`): recall 0.6800 -> 0.6803 (9184 -> 9189 of 13507), precision 0.840 -> 0.840,
  precision_upper 0.9173 -> 0.9172 (10111/11022 -> 10116/11029).
- A sentence that ends in a colon with a quote right after it leads the quote in whatever its
  verb ("Potts echoed:", "Her letter went on:"): the colon and the quote mark say that what
  follows is the subject's words, as a verb of saying would (index.cues.find_lead_in). Only
  the sentence's main verb, and only when no verb of saying leads in ("released the following
  statement:"). PolNeAR train (`benchmarks/attribution.py --split train`): recall 0.6803 ->
  0.6816 (9189 -> 9206 of 13507), precision 0.840 -> 0.840 (9264/11029 -> 9281/11046),
  precision_upper 0.9172 -> 0.9173 (10116/11029 -> 10133/11046).
"""

from __future__ import annotations

from typing import Any

from index.quotes import QuoteMask

# Parts of speech that may come before a quote that still opens its sentence: a conjunction,
# an adverb, punctuation or an interjection ("But", "Indeed,", "And yet,"). Definitions: a word
# of any other sort is a subject, a verb or an object, which the quote would belong to.
_LEADING = frozenset({"CCONJ", "ADV", "PUNCT", "INTJ"})


def quote_opens(sentence: Any, start: int, quote_start: int) -> bool:
    """The quote at ``quote_start`` opens the sentence that starts at ``start``: it comes first
    or after words that are only conjunctions, adverbs and punctuation."""
    if quote_start <= start:
        return True
    before = [t for t in sentence if t.idx < quote_start]
    return bool(before) and all(t.pos_ in _LEADING for t in before)


def quote_follows(sentence: Any, mask: QuoteMask) -> bool:
    """A quote opens right after the sentence (past any space): what it ends in leads it in."""
    text = mask.text
    pos = sentence.end_char
    while pos < len(text) and text[pos].isspace():
        pos += 1
    region = mask.region_at(pos)
    return region is not None and mask.regions[region][0] == pos
