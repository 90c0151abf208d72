"""The first name a question asks about that nothing in the libraries mentions ("What did
Estland's president say?"): the answer is then that the articles never mention it."""

from __future__ import annotations

from collections.abc import Sequence

from index.catalog import Catalog
from index.evidence import bare_outlet, is_outlet_list
from index.lexicon import lemmas
from index.names import DESCRIPTIVE_LABELS
from index.places import name_forms
from index.question import Question
from index.question_words import NAME_LABELS
from index.text import all_stems


def unknown_name(
    q: Question, catalog: Catalog, ids: list[int], outlets: list[str], spelled: Sequence[str] = ()
) -> str | None:
    """The first name in the question that nothing in the libraries mentions, but for the
    acronyms ``spelled`` out in them (index.acronyms)."""
    lowered = [o.lower() for o in outlets]
    for word in q.outlet_words:  # "the KCNA report": an outlet, or a source the text names
        known = any(bare_outlet(word) in o for o in lowered) or is_outlet_list(word, lowered)
        if not known and not catalog.name_known(all_stems(word), ids):
            return word
    for name in q.names:
        if name.label and name.label not in NAME_LABELS:
            continue
        if name.text in q.outlet_words or name.text in spelled:
            continue
        loose = name.label in ("GPE", "NORP", "LOC")
        forms = name_forms(name.text, name.label)  # "Norwegian": Norway, Oslo
        if any(catalog.name_known(all_stems(f), ids, loose=loose) for f in forms):
            continue
        headless = without_generic_head(name.text, name.label)
        if headless and catalog.name_known(all_stems(headless), ids):
            continue  # "the 92nd Academy Awards Ceremony": "the 92nd Academy Awards"
        if is_outlet_list(name.text, lowered):
            continue
        return name.text
    return None


# A description's last word may be the kind of thing it is, which text leaves out ("the 92nd
# Academy Awards" for "92nd Academy Awards Ceremony") when this many words stay: fewer ("2014
# World" of "2014 World Cup") no longer name the thing. Grammar, not tuned.
_HEADLESS_WORDS = 3


def without_generic_head(name: str, label: str) -> str | None:
    """A description without its last word, when that is a common noun (WordNet's) and enough
    words stay to name the thing; else None."""
    *rest, last = name.split() or [""]
    if label not in DESCRIPTIVE_LABELS or len(rest) < _HEADLESS_WORDS:
        return None
    if not last.isalpha() or last.lower() not in lemmas("noun"):
        return None
    return " ".join(rest)
