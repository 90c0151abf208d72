"""Capitals for a question typed all in lower case ("when did kim jong un visit china?"). The
entity model finds names by their capitals; without them a question names no one, and no check
that the answer is about its subject can hold. A word gets the capitals the passages retrieved
for the question write it with, when they write it so more often than not ("kim" -> "Kim"), or
a country's or capital's name (GeoNames) when the passages do not write it at all ("china").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from index.lexicon import lemmas
from index.places import metonym
from index.text import STOPWORDS

_WORD = re.compile(r"[a-z][a-z0-9'’.-]*[a-z0-9]|[a-z]")
# A word needs this many more capitalised uses than lower-case ones in the passages to be
# recased: a definition ("more often than not"), not tuned.
_CAPITALISED_SHARE = 0.5


def is_lower_case(question: str) -> bool:
    """No capital after the first letter: the writer did not mark names."""
    letters = [c for c in question if c.isalpha()]
    return len(letters) > 1 and not any(c.isupper() for c in letters[1:])


def truecased(question: str, texts: Iterable[str]) -> str:
    """The question with its words written as the texts write them, when the texts mostly
    capitalise them; a country's or capital's name capitalised when the texts never write it;
    and its first letter a capital."""
    forms: dict[str, Counter[str]] = {}
    alone: set[str] = set()  # capitalised somewhere with no capitalised word beside it
    wanted = {re.sub(r"['’]s$", "", w) for w in _WORD.findall(question) if w not in STOPWORDS}
    for text in texts:
        words = list(re.finditer(r"[A-Za-z][\w'’.-]*\w|[A-Za-z]", text))
        for i, match in enumerate(words):
            word = match.group()
            if word.lower() in wanted:
                forms.setdefault(word.lower(), Counter())[word] += 1
                if word[:1].isupper() and not _capitalised_beside(words, i):
                    alone.add(word.lower())

    def cased(match: re.Match[str]) -> str:
        word = match.group()
        if word in STOPWORDS:
            return word
        possessive = re.search(r"['’]s$", word)
        if possessive and len(word) > 2:  # "japan's": as the texts write "Japan"
            return cased_word(word[: possessive.start()]) + possessive.group()
        return cased_word(word)

    def cased_word(word: str) -> str:
        seen = forms.get(word)
        if not seen:
            return word.title() if metonym(word) else word
        capitalised = sum(n for form, n in seen.items() if form[:1].isupper())
        if capitalised > _CAPITALISED_SHARE * sum(seen.values()):
            return max((f for f in seen if f[:1].isupper()), key=lambda f: seen[f])
        return word

    recased = _WORD.sub(cased, question)
    recased = _common_words_of_no_name(question, recased, set(forms) - alone)
    return recased[:1].upper() + recased[1:]  # the parser reads "who is X?" less well


def _capitalised_beside(words: list[re.Match[str]], i: int) -> bool:
    """A capitalised word next to this one in its clause (no ". " or ", " between them)."""
    for j in (i - 1, i + 1):
        if not 0 <= j < len(words) or not words[j].group()[:1].isupper():
            continue
        a, b = sorted((words[i], words[j]), key=lambda m: m.start())
        between = a.string[a.end() : b.start()]
        if not re.search(r"[.!?;:,]", between) and not a.group().endswith("."):
            return True
    return False


@cache
def _common_words() -> frozenset[str]:
    return lemmas("noun") | lemmas("verb") | lemmas("adj")


def _is_common(word: str) -> bool:
    """An English word of WordNet's (a plural by its singular: "fisheries", "talks")."""
    common = _common_words()
    forms = {word, word[:-1], word[:-2], word[:-3] + "y"} if word.endswith("s") else {word}
    return bool(forms & common)


def _common_words_of_no_name(question: str, recased: str, in_names: set[str]) -> str:
    """An English word the texts capitalise only inside a longer name ("Fisheries Board")
    stays in lower case unless a word beside it in the question was capitalised too: "the
    fisheries talks" names nothing; "park jin" is Park Jin."""
    before = question.split(" ")
    after = recased.split(" ")
    if len(before) != len(after):
        return recased
    changed = [a != b for a, b in zip(before, after, strict=True)]
    out = []
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        word = re.sub(r"['’]s$|\W+$", "", old).lower()
        beside = any(0 <= j < len(after) and changed[j] for j in (i - 1, i + 1))
        if changed[i] and word in in_names and _is_common(word) and not beside:
            new = old
        out.append(new)
    return " ".join(out)
