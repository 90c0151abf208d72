"""Speaker names as lookup keys: "Donald J. Trump", "Mr. Trump" and "Trump" share the key "trump".

The catalog indexes every attribution under each word of its speaker's name, and a question's
speaker is looked up under the words of the name it asks about; the exact comparison of the two
names (surnames, first names, organisations: index/speaker_match.py) is made afterwards on the
few rows found.
"""

from __future__ import annotations

from index.acronyms import acronym
from index.names import ACRONYM_MARK, fold_tokens

# Words that precede a name without being part of it, and words of no use as keys.
_NOT_KEYS = frozenset("mr mrs ms miss dr prof sir dame lord the a an of and jr sr".split())


def name_keys(name: str) -> list[str]:
    """The words a name is indexed and looked up under ("Kim Jong-un" -> kim, jong, un). An
    acronym's mark ("U.S." folds to us_) is left off: keys only find the rows that
    speaker_match then compares, and indexes written before the mark keep working."""
    words = (w.removesuffix(ACRONYM_MARK) for w in fold_tokens(name))
    return list(dict.fromkeys(w for w in words if w not in _NOT_KEYS and len(w) > 1))


def speaker_key(speaker: str, kind: str = "person") -> list[str]:
    """Keys an attributed speaker is indexed under; an unresolved speaker has none."""
    return [] if kind == "unresolved" else name_keys(speaker)


def lookup_keys(asked: str) -> list[str]:
    """Keys to look an asked-about speaker up under; a name of three or more words also under
    its acronym ("Korean Central News Agency": kcna), which speaker_match then compares."""
    keys = name_keys(asked)
    words = fold_tokens(asked)
    initials = acronym(words)
    if len(initials) >= 3 and all(w[:1].isalpha() for w in words):
        keys.append(initials)
    return keys
