"""Citation markers in answer text: find them, and rewrite loose forms as [n]."""

from __future__ import annotations

import re

# "[1]", "[1, 2]", "[1-3]", "[Source 2]", "[^4]", "【5】" - the forms answer text may carry.
_MARKER = re.compile(
    r"[\[【]\s*(?:\^|sources?\s*|refs?\.?\s*|#)?"
    r"(\d+(?:\s*(?:,|;|and|-|–)\s*(?:\^|sources?\s*|#)?\d+)*)\s*[\]】]",
    re.I,
)


def parse_citation_keys(raw: str) -> list[int]:
    """The citation numbers inside one marker body such as "1, 2" or "2-4"; [] if none."""
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|;|and)\s*", raw.strip(), flags=re.I):
        part = re.sub(r"^(?:\^|sources?\s*|refs?\.?\s*|#)", "", part.strip(), flags=re.I)
        if match := re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", part):
            low, high = int(match.group(1)), int(match.group(2))
            if low <= high and high - low < 50:
                numbers.extend(range(low, high + 1))
        elif part.isdigit():
            numbers.append(int(part))
    return [n for n in dict.fromkeys(numbers) if n > 0]


def citation_numbers(text: str) -> list[int]:
    """Every citation number used in text, in order of first use."""
    found: list[int] = []
    for match in _MARKER.finditer(text):
        found.extend(parse_citation_keys(match.group(1)))
    return list(dict.fromkeys(found))


def normalize_markers(text: str) -> str:
    """Rewrite every marker as adjacent [n] markers: "[1, 2]" becomes "[1][2]"."""
    return _MARKER.sub(
        lambda m: "".join(f"[{n}]" for n in parse_citation_keys(m.group(1))) or m.group(0), text
    )
