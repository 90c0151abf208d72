"""Titles written with capitals in a question ("What did the Secretary of State say?", "Who is
Japan's Foreign Minister?") read as the descriptions they are: in lower case, as the entity
model and the role readers expect a description, so that "the Foreign Minister" is not taken
for someone's name. A run of capitalised words is a title when it ends in a noun for a person
(WordNet 3.0's noun.person: minister, secretary, adviser) and follows a determiner, a
possessive or a country's adjective ("the", "Japan's", "Japanese"); its other words are
general English (WordNet's lemmas: "foreign", "prime"). "Foreign Minister Park Jin" and "Judge
Smith" are names and keep their capitals.
"""

from __future__ import annotations

import re
from functools import cache

from index.lexicon import lemmas
from index.lexicon_nouns import NOUN_FILES, PERSON_FILE, nouns_of_files
from index.places import country_of, is_country

_WORD = re.compile(r"[A-Za-z][\w.'’-]*")
_DESCRIBING = frozenset("the a an his her its their our your whose this that".split())
_POSSESSIVE = re.compile(r"['’]s?$")


# Kinds of person whose nouns are titles of office (WordNet lemmas of noun.person): "minister"
# is an official, "envoy" a diplomat, "chief" a leader; "joker", "teacher" and "rookie" are
# people of no office ("the Joker sequel", "Rookie of the Year" stay names).
_OFFICES = frozenset(
    """leader official executive representative diplomat adviser head_of_state politician
    lawgiver administrator spokesperson officeholder""".split()
)


@cache
def _person_nouns() -> frozenset[str]:
    """Nouns for a holder of an office, in lower case as WordNet writes them: the offices and
    every kind of them below (WordNet's hyponyms), read once."""
    lines = {line.offset: line for line in nouns_of_files(NOUN_FILES)[PERSON_FILE]}
    todo = [o for o, line in lines.items() if set(line.words) & _OFFICES]
    seen: set[str] = set()
    while todo:
        here = todo.pop()
        if here in seen or here not in lines:
            continue
        seen.add(here)
        todo += [p.offset for p in lines[here].pointers() if p.symbol in ("~", "~i")]
    return frozenset(w for o in seen for w in lines[o].words if w.islower() and "_" not in w)


def _common(word: str) -> bool:
    """A word of general English, not a place's: "foreign", "prime", "security"."""
    lower = word.lower()
    if is_country(word) or country_of(word):
        return False
    return lower in lemmas("noun") or lower in lemmas("adj")


def lower_titles(question: str) -> str:
    """The question with the capitals of its titles taken off."""
    words = list(_WORD.finditer(question))
    lowered: set[int] = set()
    i = 1  # the first word is capitalised by the sentence
    while i < len(words):
        if not _capitalised(words[i].group()):
            i += 1
            continue
        end = i
        while (
            end + 1 < len(words)
            and _capitalised(words[end + 1].group())
            and _adjacent(question, words[end], words[end + 1])
        ):
            end += 1
        lowered |= _title_words(question, words, i, end)
        i = end + 1
    out = question
    for k in sorted(lowered, reverse=True):
        match = words[k]
        out = out[: match.start()] + match.group().lower() + out[match.end() :]
    return out


def _title_words(question: str, words: list[re.Match[str]], start: int, end: int) -> set[int]:
    """The words of the capitalised run start..end to write in lower case, if it is a title."""
    head = words[end].group()
    if _POSSESSIVE.sub("", head).lower() not in _person_nouns():
        return set()
    chosen = []
    k = end
    while k >= start:
        word = _POSSESSIVE.sub("", words[k].group())
        if word.isupper() or not (word.lower() in _person_nouns() or _common(word)):
            break
        chosen.append(k)
        k -= 1
    if not chosen:
        return set()
    first = chosen[-1]
    before = words[first - 1].group() if first > 0 else ""
    described = (
        first > start
        or before.lower() in _DESCRIBING
        or bool(_POSSESSIVE.search(before))
        or (before.islower() and before in lemmas("adj"))  # "foreign Minister", as truecased
    )
    if not described:
        return set()  # "Judge Smith", "did Minister Holm say": a name, or a title used as one
    after = end + 2
    if after < len(words) and words[end + 1].group() == "of" and _common(words[after].group()):
        chosen.append(after)  # "Secretary of State"
    return set(chosen)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _adjacent(text: str, one: re.Match[str], two: re.Match[str]) -> bool:
    return text[one.end() : two.start()] == " "
