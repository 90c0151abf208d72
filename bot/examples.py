"""Example questions for /start, made from the collection itself and checked by asking them.

Hard-coded examples would be wrong for any collection but the sample one, so the names that
recur in the headlines are put into a few question templates, and only the questions that the
index really answers (without abstaining) are shown.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from index.followup import extract_entities
from index.service import NewsIndex

logger = logging.getLogger(__name__)

_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday lead update updates
    breaking exclusive analysis""".split()
)
_SPEECH = r"(?:said|says|told|stressed|urged|added|warned)"
_THE_FIRST = frozenset({"United", "European", "Middle", "Gaza", "State", "White"})
_THE_LAST = frozenset({"States", "Nations", "Kingdom", "Union", "Department", "Strip", "East"})
MAX_TRIES = 10


def _noun(name: str) -> str:
    """ "United States" -> "the United States"; most other names stand alone."""
    words = name.split()
    needs_the = len(words) > 1 and (words[0] in _THE_FIRST or words[-1] in _THE_LAST)
    return f"the {name}" if needs_the else name


def headline_names(titles: list[str]) -> list[str]:
    """Names (1-3 capitalised words) in the headlines, most widespread first."""
    counts: Counter[str] = Counter()
    for title in titles:
        counts.update(
            name
            for name in set(extract_entities(title))
            if len(name) >= 3 and len(name.split()) <= 3 and name.lower() not in _NOT_NAMES
        )
    ranked = [name for name, _ in counts.most_common()]
    # "Blinken" and "Antony Blinken" are one person: keep the longer, more precise form.
    return [n for n in ranked if not any(n != m and n in m.split() for m in ranked)]


def top_speaker(index: NewsIndex, names: list[str]) -> str | None:
    """The name the articles quote most ("Blinken said ..."), which is then surely a person."""
    counts: dict[str, int] = {}
    for name in names:
        last = re.escape(name.split()[-1])
        pattern = re.compile(rf"\b{last}\s+{_SPEECH}\b|\b{_SPEECH}\s+{last}\b")
        passages = index.search(f"{name} said", k=10)
        counts[name] = sum(len(pattern.findall(p.text)) for p in passages)
    best = max(counts, key=lambda n: counts[n], default=None)
    return best if best and counts[best] >= 2 else None


def candidate_questions(names: list[str], speaker: str | None) -> list[tuple[str, str]]:
    """(question, the name it is about) in the order they are tried."""
    questions = [(f"What did {speaker} say about {_noun(n)}?", n) for n in names if n != speaker]
    singles = ("What is the latest on {}?", "What was said about {}?")
    questions += [(singles[i % 2].format(_noun(n)), n) for i, n in enumerate(names)]
    return questions


def example_questions(index: NewsIndex, count: int = 3) -> list[str]:
    """Up to ``count`` questions about the collection that the index answers; slow-ish (it
    asks each candidate), so call it once, off the event loop."""
    names = headline_names([a.title for a in index.articles()])[:6]
    speaker = top_speaker(index, names[:4])
    found: list[str] = []
    used: set[str] = set()
    for question, name in candidate_questions(names, speaker)[:MAX_TRIES]:
        if len(found) >= count:
            break
        if name in used or (speaker and question.startswith("What did") and found):
            continue  # one question per name and one "what did X say", so the examples vary
        try:
            answer = index.ask(question)
        except Exception:
            logger.warning("example question %r failed", question, exc_info=True)
            continue
        if not answer.abstained:
            found.append(question)
            used.add(name)
    return found
