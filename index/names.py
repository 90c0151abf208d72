"""Does a text mention a name? Written forms vary: "Kim Jong Un" / "Kim Jong-un", "Lloyd Austin"
/ "Austin", "South Korea" / "South Korean", "U.S." / "US". Names are compared as folded word
tokens (lower case, no accents, no dots, hyphens split), never by meaning: a name is a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from index.text import is_acronym

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_QUOTES = str.maketrans({"‘": "'", "’": "'"})
_LEADING = frozenset({"the", "a", "an"})
# Labels whose names have adjective forms that share their stem ("Korea"/"Korean").
_PLACE_LIKE = frozenset({"GPE", "NORP", "LOC"})
# A person may be named by one part of the name alone ("Austin", "Park"), if it is this long.
MIN_PART_CHARS = 3


def fold_tokens(text: str) -> list[str]:
    """Words folded for comparison: "Kim Jong-un's U.S. visit" -> kim jong un s us_ visit."""
    return list(_folded(text))


def cased_tokens(text: str) -> list[str]:
    """The words of fold_tokens as written, capitals kept: Kim Jong un s US visit."""
    return list(_cased(text))


# An answer reads the same sentences and names many times over.
@lru_cache(maxsize=65536)
def _folded(text: str) -> tuple[str, ...]:
    cased = list(_cased(text))
    return tuple(
        acronym_form(t) if is_acronym(t, cased, i) else t.lower() for i, t in enumerate(cased)
    )


# Acronyms written like a pronoun ("US", "U.S.", "WHO"; not in an all-caps headline, see
# index.text.is_acronym): folded apart from it ("us", "who"), so that "told us" does not
# mention the U.S.
_PRONOUNS_AS_ACRONYMS = frozenset({"us", "who"})
ACRONYM_MARK = "_"


def acronym_form(letters: str) -> str:
    """An acronym as fold_tokens gives it ("US" -> us_, "NATO" -> nato)."""
    lower = letters.lower()
    return lower + ACRONYM_MARK if lower in _PRONOUNS_AS_ACRONYMS else lower


@lru_cache(maxsize=65536)
def _cased(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text).replace(".", " ")
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=4096)
def _parts(name: str) -> tuple[str, ...]:
    words = fold_tokens(re.sub(r"['’]s\b", "", name))
    while words and words[0] in _LEADING:
        words = words[1:]
    return tuple(words)


def name_parts(name: str) -> list[str]:
    """A name's folded words, without a leading article or a possessive 's."""
    return list(_parts(name))


def _same_word(a: str, b: str, loose: bool) -> bool:
    if a == b:
        return True
    if not loose:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= min(len(a), len(b)) - 1


# Labels of names that are descriptions more than names ("French Presidential Election 2017",
# "92nd Academy Awards Ceremony"): of three or more words, most of them must be there.
DESCRIPTIVE_LABELS = frozenset({"ORG", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", ""})
DESCRIPTIVE_SHARE = 2 / 3


def all_words_in(name: str, tokens: Sequence[str], label: str = "") -> bool:
    """Whether the words of the name are somewhere in the tokens, in any order (a passage that
    says "the 2017 French presidential election" holds "French Presidential Election 2017"):
    all of them, or most of a long descriptive name's."""
    parts = name_parts(name)
    if not parts:
        return False
    loose = label in _PLACE_LIKE or label in DESCRIPTIVE_LABELS
    found = sum(any(_same_word(p, t, loose) for t in tokens) for p in parts)
    if len(parts) >= 3 and label in DESCRIPTIVE_LABELS:
        return found >= DESCRIPTIVE_SHARE * len(parts)
    return found == len(parts)


def mentions(name: str, tokens: Sequence[str], label: str = "") -> bool:
    """Whether the folded tokens of a text mention the name."""
    parts = _parts(name)
    if not parts:
        return False
    loose = label in _PLACE_LIKE
    if not loose and parts[0] not in tokens and "".join(parts)[:3] not in "".join(tokens):
        return _part_alone(parts, tokens, label)
    size = len(parts)
    for i in range(len(tokens) - size + 1):
        if all(_same_word(p, t, loose) for p, t in zip(parts, tokens[i : i + size], strict=True)):
            return True
    joined = "".join(parts)  # "Jong-un" written as one word somewhere, or spaced elsewhere
    for i in range(len(tokens)):
        concat = ""
        for token in tokens[i : i + size + 2]:
            concat += token
            if concat == joined:
                return True
            if not joined.startswith(concat):
                break
    return _part_alone(parts, tokens, label)


def _part_alone(parts: tuple[str, ...], tokens: Sequence[str], label: str) -> bool:
    """A person named by the first or last part of the name alone ("Austin", "Park")."""
    if label == "PERSON" and len(parts) > 1:
        return any(len(p) >= MIN_PART_CHARS and p in tokens for p in (parts[0], parts[-1]))
    return False


# British spellings and their American forms, by ending ("defence" / "defense", "honour" /
# "honor", "organise" / "organize", "centre" / "center", "programme" / "program"). Both sides
# of a comparison are folded, so a word that merely ends so ("science") folds on both alike.
_US_ENDINGS = (("ence", "ense"), ("our", "or"), ("ise", "ize"), ("tre", "ter"), ("mme", "m"))
# Shorter words keep their ending: "four" is not "for", "rise" not "rize".
_MIN_RESPELLED = 6


@lru_cache(maxsize=65536)
def us_spelling(word: str) -> str:
    """A folded word in its American spelling ("defence" -> defense, "honours" -> honors)."""
    plural = word.endswith("s") and not word.endswith("ss")
    base = word[:-1] if plural else word
    for british, american in _US_ENDINGS:
        if len(base) >= _MIN_RESPELLED and base.endswith(british):
            return base[: -len(british)] + american + ("s" if plural else "")
    return word


def written_as_name(word: str) -> bool:
    """A capital first, or inside after a small first letter ("iPhone", "eBay")."""
    return word[:1].isupper() or (word[:1].islower() and any(c.isupper() for c in word[1:]))


# "the North" for North Korea, "the South" for South Korea: a two-word place whose first word is
# a point of the compass, written as "the" and that word with a capital letter and no name after
# it ("the North Sea" is another place). How news from a divided country writes it.
COMPASS_POINTS = ("North", "South", "East", "West")


def compass_short(name: str, text: str) -> bool:
    """Whether the text calls the place by its point of the compass alone ("the North")."""
    words = name.split()
    if len(words) != 2 or words[0] not in COMPASS_POINTS:
        return False
    return re.search(rf"\bthe {words[0]}\b(?![ -][A-Z])", text) is not None
