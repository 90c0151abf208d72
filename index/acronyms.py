"""An acronym and the name it stands for are one name: "APEC" is the "Asia-Pacific Economic
Cooperation" forum, "NFL" the "National Football League". Read from the letters alone: the
initials of a run of capitalised words (hyphenated parts counted, "of" and "and" passed over).
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.names import cased_tokens

# Small words a name's acronym passes over: "Democratic People's Republic of Korea" is DPRK.
PASSED_OVER = frozenset({"of", "and", "for", "the", "on", "in", "at", "to", "s", "de", "la", "du"})
# Fewer letters than this spell too many names ("AP", "UN" stay as written).
MIN_LETTERS = 3


def acronym(words: list[str]) -> str:
    """The initials of a name's folded words, small words passed over ("ministry of national
    defense": mnd)."""
    return "".join(w[0] for w in words if w not in PASSED_OVER)


def is_acronym_name(name: str, min_letters: int = MIN_LETTERS) -> bool:
    """One word of capitals only ("APEC", "NATO", "U.N." with ``min_letters`` 2; not "Apec")."""
    letters = name.replace(".", "")
    return len(letters) >= min_letters and letters.isalpha() and letters.isupper()


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """The acronym of a name of capitalised words ("Asia-Pacific Economic Cooperation": APEC),
    or "" for a name of fewer than MIN_LETTERS such words or with a small word of its own."""
    words = [w for w in cased_tokens(name) if w not in PASSED_OVER]
    if len(words) < MIN_LETTERS or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words).upper()


_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def spelled_out(name: str, text: str, min_letters: int = MIN_LETTERS) -> tuple[str, ...]:
    """The runs of capitalised words in the text, as written, whose initials spell the acronym
    ("APEC" in "a summit of the Asia-Pacific Economic Cooperation forum": Asia-Pacific Economic
    Cooperation); hyphenated parts count as words, small words (PASSED_OVER) not."""
    if not is_acronym_name(name, min_letters):
        return ()
    asked = name.replace(".", "")
    words = list(_WORD.finditer(text))
    found: list[str] = []
    for start, first in enumerate(words):
        if first.group()[:1] != asked[0]:
            continue
        letters = ""
        for match in words[start:]:
            word = match.group()
            if word in PASSED_OVER and letters:
                continue
            if not word[:1].isupper() or not asked.startswith(letters + word[0]):
                break
            letters += word[0]
            if letters == asked:
                found.append(text[first.start() : match.end()])
                break
    return tuple(dict.fromkeys(found))
