"""Whether an asked name and an attributed speaker are one (the exact test after a lookup).

``same_speaker("Trump", "Donald Trump", "person")`` and
``same_speaker("the U.S. State Department", "State Department", "org")`` are True. People match
on the surname and, when both sides give one, the first name (middle names and initials are
ignored; either end of the name may be the surname, for "Park" ~ "Park Jin"). Organisations
match when one name ends with the other's last two or more words, or one is the other's
acronym ("KCNA" ~ "Korean Central News Agency"); a one-word organisation is also a person's
surname ("Bernie Sanders" ~ "Sanders"), as NER often tags a lone surname ORG or GPE. Groups
match only as the same words; unresolved speakers never match.
"""

from __future__ import annotations

import re
import unicodedata

from index.acronyms import PASSED_OVER, acronym

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*", re.UNICODE)
# Name suffixes that are not surnames ("Martin Luther King Jr.").
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Courtesy titles a question may put before a name ("What did Mr. Trump say?").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"})
_ARTICLES = frozenset({"the", "a", "an"})


def fold(text: str) -> str:
    """Lower-cased, ASCII quotes, no accents, no dots: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace(".", "")


def name_tokens(name: str) -> list[str]:
    """Folded words of a name, without a leading article or a possessive 's."""
    words = [re.sub(r"'s$", "", w) for w in _TOKEN.findall(fold(name))]
    words = [w for w in words if w and w != "'"]
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return words


def _person_core(words: list[str]) -> list[str]:
    """A person's name words without honorifics, suffixes and single-letter initials."""
    core = [w for w in words if w not in HONORIFICS and w not in _SUFFIXES]
    return [w for w in core if len(w) > 1] or core


def _hyphen_split(words: list[str]) -> list[str]:
    return [part for w in words for part in w.split("-") if part]


def _same_person(asked: list[str], speaker: list[str]) -> bool:
    a, s = _person_core(asked), _person_core(speaker)
    if not a or not s:
        return False
    if a == s or _hyphen_split(a) == _hyphen_split(s):
        return True
    if len(a) == 1 or len(s) == 1:
        one, full = (a, s) if len(a) == 1 else (s, a)
        return one[0] in (full[0], full[-1])
    # Both give two or more words: one ends the other ("Donald Trump" in a name NER took a
    # title into), or the same surname at the same end and the same given name.
    short, long_ = sorted((a, s), key=len)
    if long_[-len(short) :] == short:
        return True
    return (a[-1] == s[-1] and a[0] == s[0]) or (a[0] == s[0] and a[1] == s[1])


def _same_org(asked: list[str], speaker: list[str]) -> bool:
    if not asked or not speaker:
        return False
    if asked == speaker:
        return True
    short, long_ = sorted((asked, speaker), key=len)
    if len(short) >= 2 and long_[-len(short) :] == short:
        return True
    if len(short) == 1 and len(long_) >= 2:
        return short[0] == acronym(long_)
    return False


def _one_word_name(text: str, words: list[str]) -> bool:
    """A one-word name that is not an acronym ("Sanders", not "KCNA"): NER often takes such a
    surname for an organisation or a place, so it may be a person's."""
    return len(words) == 1 and not text.strip().isupper()


def _person_like(words: list[str]) -> bool:
    """An asked name of two or more words without the function words of organisations'
    names ("Bernie Sanders", not "Bank of America")."""
    return len(words) >= 2 and not any(w in PASSED_OVER for w in words)


def same_speaker(asked: str, speaker: str, kind: str) -> bool:
    """Whether the name a user asked about denotes this attributed speaker of this kind."""
    a, s = name_tokens(asked), name_tokens(speaker)
    if kind == "person":
        return _same_person(a, s)
    if kind == "org":
        return _same_org(a, s) or (
            _one_word_name(speaker, s) and _person_like(a) and _same_person(a, s)
        )
    if kind == "group":
        return bool(a) and a == s
    return False
