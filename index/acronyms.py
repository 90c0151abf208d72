"""An acronym and the name it stands for are one name: "APEC" is the "Asia-Pacific Economic
Cooperation" forum, "NFL" the "National Football League". Read from the letters alone: the
initials of a run of capitalised words (hyphenated parts counted, "of" and "and" passed over).
"""

from __future__ import annotations

from functools import lru_cache

from index.names import cased_tokens

# Small words a name's acronym passes over: "Democratic People's Republic of Korea" is DPRK.
_PASSED_OVER = frozenset({"of", "and", "for", "the", "on", "in", "s", "de", "la", "du"})
# Fewer letters than this spell too many names ("AP", "UN" stay as written).
MIN_LETTERS = 3


def is_acronym_name(name: str) -> bool:
    """One word of capitals only ("APEC", "NATO"; not "U.S." nor "Apec")."""
    return len(name) >= MIN_LETTERS and name.isalpha() and name.isupper()


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """The acronym of a name of capitalised words ("Asia-Pacific Economic Cooperation": APEC),
    or "" for a name of fewer than MIN_LETTERS such words or with a small word of its own."""
    words = [w for w in cased_tokens(name) if w not in _PASSED_OVER]
    if len(words) < MIN_LETTERS or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words).upper()


@lru_cache(maxsize=65536)
def spelled_out(acronym: str, text: str) -> tuple[str, ...]:
    """The runs of capitalised words in the text whose initials spell the acronym ("APEC" in
    "a summit of the Asia-Pacific Economic Cooperation forum": Asia Pacific Economic
    Cooperation)."""
    if not is_acronym_name(acronym):
        return ()
    tokens = cased_tokens(text)
    found: list[str] = []
    for start, first in enumerate(tokens):
        if first[:1] != acronym[0]:
            continue
        letters, end = "", start
        for end in range(start, len(tokens)):
            word = tokens[end]
            if word in _PASSED_OVER and letters:
                continue
            if not word[:1].isupper() or not acronym.startswith(letters + word[0]):
                break
            letters += word[0]
            if letters == acronym:
                found.append(" ".join(tokens[start : end + 1]))
                break
    return tuple(dict.fromkeys(found))
