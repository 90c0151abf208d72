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
    wanted = {re.sub(r"['’]s$", "", w) for w in _WORD.findall(question) if w not in STOPWORDS}
    for text in texts:
        for match in re.finditer(r"[A-Za-z][\w'’.-]*\w|[A-Za-z]", text):
            word = match.group()
            if word.lower() in wanted:
                forms.setdefault(word.lower(), Counter())[word] += 1

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
    return recased[:1].upper() + recased[1:]  # the parser reads "who is X?" less well
