"""Speakers whose words run on over several sentences, read from the article's layout.

- A transcript's turn: the sentences after a speaker label in capitals ("FALLIN: ...") up to the
  end of its paragraph (paragraphs are parted by a blank line) are that speaker's.
- A lead-in's block: what "Limbaugh added:" introduces is the next paragraph, up to a sentence
  with a speaker of its own, and the paragraphs after it while a quote runs on (news style
  leaves a quote that spans paragraphs open at the end of each and opens it again at the start
  of the next).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from index.cues import Cue
from index.labels import transcript_label
from index.mention_parts import Speaker

_BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n")
_OPENING = ("“", '"', "''")
_CLOSING = ("”", '"', "''")


@dataclass(frozen=True)
class Carry:
    """A speaker whose words go on: a labelled turn or what a lead-in introduces."""

    cue: Cue
    speaker: Speaker
    paragraph: int
    taken: bool = False  # it has spoken its first sentence: the next ones are continuations

    def carried(self, span: tuple[int, int]) -> tuple[Cue, Speaker]:
        """The cue and speaker of the sentence at ``span``."""
        speaker = replace(self.speaker, resolved="continuation") if self.taken else self.speaker
        return replace(self.cue, content=span), speaker


@dataclass(frozen=True)
class Layout:
    """Each sentence's paragraph, and whether each paragraph's quote runs on into the next."""

    paragraph: list[int]
    runs_on: list[bool]

    @classmethod
    def of(cls, text: str, spans: list[tuple[int, int]]) -> Layout:
        numbers: list[int] = []
        bounds: list[list[int]] = []  # each paragraph's first and last character
        previous = 0
        for start, end in spans:
            if not bounds or _BLANK_LINE.search(text, previous, start):
                bounds.append([start, end])
            bounds[-1][1] = end
            numbers.append(len(bounds) - 1)
            previous = end
        opens = [text.startswith(_OPENING, a) for a, _ in bounds]
        closes = [text[a:b].rstrip().endswith(_CLOSING) for a, b in bounds]
        runs_on = [
            opens[k] and not closes[k] and k + 1 < len(bounds) and opens[k + 1]
            for k in range(len(bounds))
        ]
        return cls(numbers, runs_on)


def opened_turn(cues: list[Cue], found: list[Any], paragraph: int) -> Carry | None:
    """The turn a sentence's speaker label in capitals opens, given the sentence's
    attributions (``found``)."""
    label = next((c for c in cues if transcript_label(c)), None)
    mine = [a for a in found if a.cue == "colon"]
    if label is None or len(mine) != 1:
        return None
    a = mine[0]
    return Carry(label, Speaker(a.speaker, a.speaker_kind, a.mention, a.resolved), paragraph, True)


def lead_goes_on(lead: Carry, named: bool, paragraph: int, layout: Layout) -> Carry | None:
    """The lead-in's block at a sentence of ``paragraph``: over when the sentence names a
    speaker of its own (``named``) or a new paragraph starts after the block's first one, save
    where the block's quote runs on into it."""
    if named:
        return None
    if paragraph == lead.paragraph:
        return lead
    runs_on = paragraph == lead.paragraph + 1 and layout.runs_on[lead.paragraph]
    return replace(lead, paragraph=paragraph) if not lead.taken or runs_on else None
