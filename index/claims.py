"""Claims: the values a sentence gives (names, figures, dates), and what two sentences' values
say of each other: the same fact (twins, one line with several citations), agreement (an
answer several sources give), or a conflict (the same claim with values that cannot both be
true).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from index.candidates import Candidate
from index.question import Question
from index.values import MONTHS, WEEKDAYS, Value, agree, read_value

# Added, up to AGREEMENT_CAP other articles, for each article whose sentence gives an agreeing
# value. `.venv/bin/python benchmarks/sweep.py --cache-dir DIR NAME=V1,V2` (dev, commit f2bb5fc):
# 0.0 / 0.1 / 0.2 -> RGB accuracy 0.688 / 0.688 / 0.662, conflicts flagged 0.762 throughout: no gain
# measured on dev at 0.1, a loss at 0.2; kept small, for the many-sources case RGB's
# one-library-per-question setup rarely has.
W_AGREEMENT = 0.10
AGREEMENT_CAP = 3
# Sentences this alike say the same thing (one line, several citations). `.venv/bin/python
# benchmarks/sweep.py --cache-dir DIR NAME=V1,V2` (dev, commit f2bb5fc): TWIN_COSINE 0.80 / 0.85 /
# 0.90 -> RGB accuracy 0.688 / 0.688 / 0.675, nothing else moves.
TWIN_COSINE = 0.85
TWIN_JACCARD = 0.5


def add_agreement(accepted: list[Candidate]) -> None:
    """Raise each sentence by how many other articles give a value that agrees with one of its
    own: an answer several sources give is likelier the answer than one only one gives."""
    values = {id(c): _values_of(c) for c in accepted}
    for cand in accepted:
        mine = [v for v, kind in values[id(cand)] if kind]
        if not mine:
            continue
        backers = {
            other.article.article_id
            for other in accepted
            if other.article.article_id != cand.article.article_id
            and any(
                agree(v, w) and v.kind == w.kind for v in mine for w, k in values[id(other)] if k
            )
        }
        cand.score += W_AGREEMENT * min(len(backers), AGREEMENT_CAP) / AGREEMENT_CAP


def is_twin(a: Candidate, b: Candidate) -> bool:
    """Whether two sentences say the same thing: alike in words or meaning, and not giving
    different values where they differ (then they disagree, and are shown as a conflict)."""
    union = a.read.stems | b.read.stems
    jaccard = len(a.read.stems & b.read.stems) / len(union) if union else 0.0
    alike = jaccard >= TWIN_JACCARD or float(a.read.vector @ b.read.vector) >= TWIN_COSINE
    return alike and differing_values(a, b) is None


def same_answer(a: Candidate, b: Candidate) -> bool:
    """Whether two sentences give the asked-for value alike: the same date ("15 November 2020"
    and "Nov. 15", which share their month and day; "Wednesday" and "Wednesday", even with no
    date to read them by), the same figure, or the same one name.
    A bare year does not match a full date (many things happen in a year), and a sentence that
    names several people is not the answer of one of them."""
    if not a.values or not b.values:
        return False
    mine, theirs = _values_of(a), _values_of(b)
    for x, kind in mine:
        for y, other in theirs:
            if not kind or kind != other or not agree(x, y):
                continue
            if kind == "date" and (_same_words(x, y) or _shared_parts(x, y)):
                return True
            if kind == "number" and x.number is not None and y.number is not None:
                return True
            if kind == "name" and len(mine) == len(theirs) == 1:
                return True
    return False


def _same_words(x: Value, y: Value) -> bool:
    """Dates written with the same words: "Wednesday" and "late Wednesday"."""
    mine, theirs = _date_words(x), _date_words(y)
    return bool(mine and theirs) and (mine <= theirs or theirs <= mine)


def _date_words(value: Value) -> set[str]:
    return {t for t in value.tokens if t.isdigit() or t[:3] in MONTHS or t[:3] in WEEKDAYS}


def _shared_parts(x: Value, y: Value) -> bool:
    """Two dates both give their month or day (not only their year)."""
    if x.day is None or y.day is None:
        return False
    return any(x.day[i] is not None and y.day[i] is not None for i in (1, 2))


def find_conflicts(
    question: Question, accepted: list[Candidate]
) -> list[list[tuple[Candidate, Value]]]:
    """Claims where two sources say the same thing with values that cannot both be true: the
    sentences are worded alike (CLAIM_ALIGNMENT) and differ where their values are. (Not by
    embedding: two sentences that differ only in a name are far apart in MiniLM.) The best
    accepted sentences are compared pairwise; the first conflict found is reported."""
    top = accepted[:CONFLICT_CANDIDATES]
    for i, first in enumerate(top):
        for second in top[i + 1 :]:
            if second.article.article_id == first.article.article_id:
                continue
            pair = differing_values(first, second)
            if pair is not None:
                return [[(first, pair[0]), (second, pair[1])]]
    return []


# Entity labels whose values can stand for one another in a claim.
# Names are one class: the small model often tags the same name PERSON in one sentence and ORG
# in its twin.
_LABEL_CLASS = {
    "PERSON": "name", "ORG": "name", "GPE": "name", "LOC": "name", "FAC": "name",
    "NORP": "name", "DATE": "date", "TIME": "date", "CARDINAL": "number",
    "QUANTITY": "number", "MONEY": "number", "PERCENT": "number",
}  # fmt: skip
# The accepted sentences compared pairwise for conflicts (the best ones; a bound on the work).
CONFLICT_CANDIDATES = 8
# Two sentences make one claim when this much of their wording lines up (difflib's ratio).
# `.venv/bin/python benchmarks/sweep.py --cache-dir DIR` (dev, commit c27a367): 0.5 / 0.6 / 0.7 ->
# RGB conflicts flagged 0.738 / 0.738 / 0.738, conflicts shown with no fake source indexed 0.013 /
# 0.013 / 0.000.
CLAIM_ALIGNMENT = 0.7


def _values_of(cand: Candidate) -> list[tuple[Value, str]]:
    """The values a sentence gives: those of the asked type, or (for a question that asks for
    no type) every name, figure and date in it."""
    labels = {text: label for label, text in cand.read.entities}
    values = cand.values or tuple(
        text for label, text in cand.read.entities if label in _LABEL_CLASS
    )
    return [
        (
            read_value(v, labels.get(v, ""), cand.article.published),
            _LABEL_CLASS.get(labels.get(v, ""), ""),
        )
        for v in values
    ]


def differing_values(a: Candidate, b: Candidate) -> tuple[Value, Value] | None:
    """Where two sentences word the same claim alike except at one place, and there each gives
    a value of the same kind, those values if they disagree ("40 homes" / "400 homes")."""
    mine, theirs = _values_of(a), _values_of(b)
    if not mine or not theirs:
        return None
    tokens_a, tokens_b = list(a.read.tokens), list(b.read.tokens)
    matcher = SequenceMatcher(a=tokens_a, b=tokens_b, autojunk=False)
    if matcher.ratio() < CLAIM_ALIGNMENT:
        return None
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        left = [(v, k) for v, k in mine if _fills(v, tokens_a[i1:i2])]
        right = [(v, k) for v, k in theirs if _fills(v, tokens_b[j1:j2])]
        for x, kind_x in left:
            for y, kind_y in right:
                if kind_x and kind_x == kind_y and not agree(x, y):
                    return x, y
    return None


def _fills(value: Value, segment: list[str]) -> bool:
    """Whether a value is what differs: it overlaps the differing words and makes up at least
    half of them."""
    shared = set(value.tokens) & set(segment)
    return bool(shared) and 2 * sum(t in value.tokens for t in segment) >= len(segment)
