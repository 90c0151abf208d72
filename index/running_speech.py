"""Sentences that run on from the speaker before them without a cue of their own.

- A quote that opens a sentence after a few words of no content ('But “...', 'Indeed, “...')
  goes on like one that opens it: the words before it carry no subject or verb of their own,
  so no one else is named as its speaker. PolNeAR train (`benchmarks/attribution.py --split
  train`): recall 0.6800 -> 0.6803 (9184 -> 9189 of 13507), precision 0.840 -> 0.840,
  precision_upper 0.9173 -> 0.9172 (10111/11022 -> 10116/11029).
"""

from __future__ import annotations

from typing import Any

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
