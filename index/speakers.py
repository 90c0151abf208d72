"""Speaker names as lookup keys: "Donald J. Trump", "Mr. Trump" and "Trump" share the key "trump".

The catalog indexes every attribution under the keys of its speaker's name, and a question's
speaker is looked up under the keys of the name it asks about; the exact comparison of the two
names (first names, organisations) is made afterwards on the few rows found.
"""

from __future__ import annotations

import re
import unicodedata

# Words that precede a name without being part of it ("Secretary of State Antony Blinken").
_HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord the".split())


def fold(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes dropped: "Jong-un" -> "jongun"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"['’`-]", "", text.lower())


def name_tokens(name: str) -> list[str]:
    """The words of a name that identify it, folded, without honorifics or initials."""
    words = re.findall(r"[a-z0-9]+", fold(name))
    return [w for w in words if w not in _HONORIFICS and len(w) > 1]


def speaker_key(speaker: str, kind: str = "person") -> list[str]:
    """Keys a speaker is indexed under: a person's surname (the last word of the name), an
    organisation's or group's every identifying word."""
    tokens = name_tokens(speaker)
    if not tokens:
        return []
    if kind == "person":
        return [tokens[-1]]
    return list(dict.fromkeys(tokens))


def lookup_keys(asked: str) -> list[str]:
    """Keys to look an asked-about speaker up under: every identifying word of the name, so
    "Kim Jong Un" finds "Kim" and "Trump" finds "Donald Trump"."""
    return list(dict.fromkeys(name_tokens(asked)))
