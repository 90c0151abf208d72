"""Which people an article calls "he" and which "she": gendered pronouns and courtesy titles.

In sentences that name one person only, as their subject and outside quotes, the gendered
pronouns after the name (outside quotes too) vote for that person, as does he or she as the
next sentence's first subject; "Mr. Trump", "Mrs. Clinton"
vote as a pronoun does. A person whose votes are not two to one either way has no gender.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from index.nlp import ParsedArticle
from index.quotes import QuoteMask

GENDERED = {
    "he": "he", "him": "he", "his": "he", "himself": "he",
    "she": "she", "her": "she", "hers": "she", "herself": "she",
}  # fmt: skip
_TITLE_GENDER = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}


def article_genders(
    mentions: Sequence[Any], parsed: ParsedArticle, mask: QuoteMask
) -> dict[str, str]:
    """'he' or 'she' by person name, for the people the article refers to unambiguously.
    ``mentions`` are index.mentions.Mention: name, kind, sentence, position, subject, quoted."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    by_sentence: dict[int, list[Any]] = defaultdict(list)
    for mention in mentions:
        if mention.kind == "person":
            by_sentence[mention.sentence].append(mention)
    for index, named in by_sentence.items():
        if len({m.name for m in named}) != 1 or not any(m.subject and not m.quoted for m in named):
            continue
        first = named[0].position
        for token in parsed.sentences[index]:
            pronoun = token.i > first and token.lower_ in GENDERED
            if pronoun and mask.region_at(token.idx) is None:
                votes[named[0].name][GENDERED[token.lower_]] += 1
        following = _next_subject(parsed, mask, index + 1, by_sentence)
        if following:
            votes[named[0].name][following] += 1
    for mention in mentions:
        # "Mr. Trump", "Mrs. Clinton": a courtesy title says as much as a pronoun does
        title = parsed.doc[mention.position - 1].lower_.rstrip(".") if mention.position else ""
        if mention.kind == "person" and title in _TITLE_GENDER:
            votes[mention.name][_TITLE_GENDER[title]] += 1
    genders = {}
    for name, count in votes.items():
        (top, n), *rest = count.most_common()
        if not rest or n >= 2 * rest[0][1]:
            genders[name] = top
    return genders


def _next_subject(
    parsed: ParsedArticle, mask: QuoteMask, index: int, by_sentence: dict[int, list[Any]]
) -> str | None:
    """ "Ann Ruiz runs the clinic. She opened it ...": he or she as the first subject (outside
    quotes) of the sentence after one that names one person as its subject, before anyone
    that sentence names. PolNeAR train (`benchmarks/attribution.py --split train`, on
    3481db2): recall 0.6828 -> 0.6837, precision 0.8364 -> 0.8357, upper 0.9156 -> 0.9155;
    only when that sentence names no one: 0.6833, 0.9154."""
    if index >= len(parsed.sentences):
        return None
    first_name = min((m.position for m in by_sentence.get(index, [])), default=len(parsed.doc))
    subjects = [
        t for t in parsed.sentences[index]
        if t.dep_ in ("nsubj", "nsubjpass") and mask.region_at(t.idx) is None
    ]  # fmt: skip
    if subjects and subjects[0].lower_ in ("he", "she") and subjects[0].i < first_name:
        return str(subjects[0].lower_)
    return None
