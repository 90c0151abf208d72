"""Evidence across sources: for questions no single sentence answers (comparisons, yes/no,
"do the outlets agree?"), the best sentence of each relevant source, labelled with its outlet
and date, instead of an abstention.

A source is relevant when one of its sentences is close in meaning to the question and names
what the question names (or the source is an outlet the question names). The reader, not the
bot, draws the comparison: each line is a verbatim sentence with its citation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from index.candidates import Candidate
from index.names import mentions
from index.question import Name, Question
from index.relation import coverage

# A source's best sentence counts as evidence above this similarity to the question.
# `.venv/bin/python benchmarks/sweep.py --cache-dir DIR` (dev, commit c27a367): 0.30 / 0.35 / 0.40
# give the same figures on every benchmark (MultiHop false abstention: inference 0.200, comparison
# 0.308, temporal 0.107; null queries abstained 1.000): the evidence sources found there are well
# above it.
MIN_DENSE = 0.35
W_DENSE = 0.6
W_WORDS = 0.4
MAX_SOURCES = 4


def bare_outlet(name: str) -> str:
    """An outlet's name as compared: "The Verge" -> "verge"."""
    return name.lower().removeprefix("the ").strip()


def named_outlets(question: Question, outlets: Sequence[str]) -> list[str]:
    """The library's outlets the question names ("the TechCrunch article")."""
    text = question.text.lower()
    return [o for o in outlets if o and bare_outlet(o) in text]


_ACCORDING_TO = re.compile(
    r"\baccording to (?:the\s+)?(?P<source>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*)"
)


def by_named_outlet(question: Question, candidates: list[Candidate], outlets: Sequence[str]
                    ) -> list[Candidate]:  # fmt: skip
    """ "..., according to Reuters?": the sentences of Reuters' own articles, when the source
    is one of the library's outlets and its articles hold any; else every sentence (a source
    no outlet is, "according to officials", is for the sentences to name; a question that names
    several outlets asks for the evidence of each)."""
    if len(named_outlets(question, outlets)) > 1:
        return candidates
    match = _ACCORDING_TO.search(question.text)
    source = match.group("source").removesuffix("'s").removesuffix("’s") if match else ""
    if not source or not all_outlets([source], outlets):
        return candidates
    own = [c for c in candidates if c.article.outlet and all_outlets([source], [c.article.outlet])]
    return own or candidates


def is_outlet_list(name: str, outlets: Sequence[str]) -> bool:
    """ "Fortune, The Verge": a run of outlet names the entity model took for one name (in
    "articles from Fortune, The Verge and TechCrunch")."""
    parts = [p.strip("'\"‘’“” ") for p in re.split(r"\s*(?:,|\band\b)\s*", name)]
    return len([p for p in parts if p]) > 1 and all_outlets(parts, outlets)


def all_outlets(names: Sequence[str], outlets: Sequence[str]) -> bool:
    """Whether every name is one of the outlets ("Yonhap" for "Yonhap News Agency")."""
    bare = [bare_outlet(n) for n in names if n.strip()]
    known = [bare_outlet(o) for o in outlets]
    # "CNBC" names the outlet "Cnbc | World Business News Leader"
    return bool(bare) and all(any(k == b or k.startswith(b + " ") for k in known) for b in bare)


def outlet_document(name: str, outlets: Sequence[str]) -> bool:
    """ "the Stars and Stripes report", "the Reuters story": an outlet's name before a common
    noun, which speaks for the outlet's article."""
    words = name.split()
    if len(words) < 2 or not words[-1].islower():
        return False
    outlet = " ".join(words[:-1])  # written as a name, and one outlet's whole name
    return outlet.removeprefix("the ")[:1].isupper() and any(
        bare_outlet(o) == bare_outlet(outlet) for o in outlets
    )


def gather(
    question: Question,
    candidates: list[Candidate],
    vector: np.ndarray,
    weights: dict[str, float],
    outlets: Sequence[str] = (),
    spoken: bool = False,
) -> list[Candidate]:
    """The best evidence sentence of each relevant source, best sources first (``spoken``:
    what the named outlets say about the question's topic, their lines about it)."""
    wanted = {o.lower() for o in outlets}
    best: dict[str, Candidate] = {}
    for cand in candidates:
        cand.dense = float(cand.read.vector @ vector)
        cand.score = W_DENSE * cand.dense + W_WORDS * coverage(weights, cand.read.stems)
        from_named = (cand.article.outlet or "").lower() in wanted
        if wanted and not from_named:
            continue
        # "What did Yonhap say about Cho?": Yonhap's sentence naming Cho is on the topic
        if cand.dense < MIN_DENSE and not (spoken and _names_topic(question, cand, outlets)):
            continue
        if spoken and not (_on_topic(question, cand) and _names_something(question, cand, outlets)):
            continue  # "What did Yonhap say about Kishida's health?": lines of his health
        if not from_named and not _names_something(question, cand, outlets):
            continue
        if not (from_named or spoken or _on_topic(question, cand)):
            continue  # "Will it rain in Seoul?": not any line about Seoul
        key = cand.article.article_id
        if key not in best or cand.score > best[key].score:
            best[key] = cand
    ranked = sorted(best.values(), key=lambda c: -c.score)
    return _spread(ranked)


def _topic_names(question: Question, outlets: Sequence[str]) -> list[Name]:
    return [
        n for n in question.names
        if n.text not in question.outlet_words and not all_outlets([n.text], outlets)
    ]  # fmt: skip


def _names_something(question: Question, cand: Candidate, outlets: Sequence[str]) -> bool:
    """The sentence or its passage names one of the question's names other than its outlets."""
    names = _topic_names(question, outlets)
    return not names or any(
        mentions(n.text, cand.read.tokens, n.label) or mentions(n.text, cand.chunk.tokens, n.label)
        for n in names
    )


def _names_topic(question: Question, cand: Candidate, outlets: Sequence[str]) -> bool:
    """The sentence itself names a name of the question other than its outlets."""
    return any(mentions(n.text, cand.read.tokens, n.label) for n in _topic_names(question, outlets))


def _on_topic(question: Question, cand: Candidate) -> bool:
    """An outlet's line shares a word of the topic beyond its names, if it has any ("Kishida's
    health": not Kishida at a summit)."""
    return not question.focus or bool(set(question.focus) & cand.read.stems)


def _spread(ranked: list[Candidate]) -> list[Candidate]:
    """Up to MAX_SOURCES sources, one per outlet first, then the next best ones."""
    first: list[Candidate] = []
    outlets: set[str] = set()
    for cand in ranked:
        outlet = (cand.article.outlet or cand.article.article_id).lower()
        if outlet not in outlets:
            first.append(cand)
            outlets.add(outlet)
    rest = [c for c in ranked if c not in first]
    return (first + rest)[:MAX_SOURCES]
