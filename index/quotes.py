"""Where an article's direct quotes are: character regions between double quote marks.

News style leaves a quote that runs over several paragraphs open at the end of each paragraph and
opens it again at the start of the next; so an unclosed quote ends with its paragraph, and the
next paragraph's quote is a region of its own (attribution links the two). Single quotes are
ignored: in running text they are mostly apostrophes, and nested quotes sit inside double ones;
two apostrophes together count as a straight double quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right

OPENING = "“"
CLOSING = "”"
STRAIGHT = '"'
# Two apostrophes stand for a straight double quote in some wire copy (''like this'').
_MARKS = re.compile(r"[“”\"]|''")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def _opens(text: str, pos: int, para_start: int, end: int) -> bool:
    """Whether a straight quote at text[pos:end] opens a quote, judged by its neighbours."""
    before = text[pos - 1] if pos > para_start else " "
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in "([{—–/") and not after.isspace()


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint (start, end) regions of text inside double quotes, marks included."""
    regions: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        open_at: int | None = None
        for mark in _MARKS.finditer(text, para.start(), para.end()):
            pos, char = mark.start(), mark.group()
            if char in (STRAIGHT, "''"):
                # With no quote open a straight mark opens one; with one open it closes it,
                # unless it clearly starts a new quote (the old one was left unclosed).
                opening = open_at is None or _opens(text, pos, para.start(), mark.end())
            else:
                opening = char == OPENING
            if opening:
                if open_at is not None:
                    regions.append((open_at, pos))
                open_at = pos
            elif open_at is not None:
                regions.append((open_at, mark.end()))
                open_at = None
        if open_at is not None:
            regions.append((open_at, para.end()))
    return regions


class QuoteMask:
    """Answers 'how much of this span is quoted?' over an article's quote regions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.regions = quote_regions(text)
        self._starts = [start for start, _ in self.regions]

    def quoted_chars(self, start: int, end: int) -> int:
        """Non-space characters of text[start:end] that lie inside a quote region."""
        total = 0
        first = max(bisect_right(self._starts, start) - 1, 0)
        for rstart, rend in self.regions[first:]:
            if rstart >= end:
                break
            lo, hi = max(start, rstart), min(end, rend)
            if lo < hi:
                total += sum(1 for c in self.text[lo:hi] if not c.isspace())
        return total

    def share(self, start: int, end: int) -> float:
        """Share of the non-space characters of text[start:end] inside quotes (0 for empty)."""
        size = sum(1 for c in self.text[start:end] if not c.isspace())
        return self.quoted_chars(start, end) / size if size else 0.0

    def regions_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quote regions that overlap text[start:end], clipped to it."""
        out = []
        for rstart, rend in self.regions:
            if rstart >= end:
                break
            if rend > start:
                out.append((max(start, rstart), min(end, rend)))
        return out

    def touching(self, start: int, end: int) -> list[int]:
        """Indices of the regions that overlap text[start:end]."""
        return [k for k, (rs, re_) in enumerate(self.regions) if rs < end and re_ > start]

    def region_at(self, pos: int) -> int | None:
        """Index of the region containing pos, if any."""
        k = bisect_right(self._starts, pos) - 1
        if k >= 0 and self.regions[k][0] <= pos < self.regions[k][1]:
            return k
        return None
