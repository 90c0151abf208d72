"""Claims: the values a sentence gives (names, figures, dates), and what two sentences' values
say of each other: the same fact (twins, one line with several citations), agreement (an
answer several sources give), or a conflict (the same claim with values that cannot both be
true).
"""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

from index.candidates import Candidate
from index.names import cased_tokens, fold_tokens
from index.question import Question
from index.text import STOPWORDS
from index.values import WEEKDAYS, Value, agree, initials, read_value

# Added, up to AGREEMENT_CAP other articles, for each other article that gives the same asked-for
# value (claims.same_value). `.venv/bin/python benchmarks/quality.py --no-peer --cache-dir DIR
# --only seeds,rgb --set index.claims.W_AGREEMENT=V` (dev, commit b2a421b + same_value): 0.1 / 0.2
# / 0.3 -> RGB accuracy 0.750 / 0.725 / 0.725 (0.2 loses "Who directed The Avengers?" and "Who is
# the CEO of Lego in 2021?" to values the noise passages repeat), conflicts flagged 0.775
# throughout, seeds 23/24 throughout. Kept small: on RGB the noise repeats wrong values as often as
# the sources repeat the right one.
W_AGREEMENT = 0.10
AGREEMENT_CAP = 3
# Sentences this alike say the same thing (one line, several citations). `.venv/bin/python
# benchmarks/sweep.py --cache-dir DIR NAME=V1,V2` (dev, commit f2bb5fc): TWIN_COSINE 0.80 / 0.85 /
# 0.90 -> RGB accuracy 0.688 / 0.688 / 0.675, nothing else moves.
TWIN_COSINE = 0.85
TWIN_JACCARD = 0.5


def add_agreement(accepted: list[Candidate]) -> None:
    """Raise each sentence that gives an asked-for value by how many other articles give the
    same value: an answer several sources give is likelier the answer than one only one gives.
    (For a question that asks for no kind of value, sharing names says nothing of an answer.)"""
    given = {id(c): [v for v, kind in _values_of(c) if kind] for c in accepted if c.values}
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)  # value -> articles giving it
    values: dict[tuple[str, str], Value] = {}
    for cand in accepted:
        for value in given.get(id(cand), []):
            key = (value.kind, value.text)
            holders[key].add(cand.article.article_id)
            values[key] = value
    support = _same_value_holders(values, holders)
    for cand in accepted:
        backers = max(
            (
                len(support[(v.kind, v.text)] - {cand.article.article_id})
                for v in given.get(id(cand), [])
            ),
            default=0,
        )
        cand.score += W_AGREEMENT * min(backers, AGREEMENT_CAP) / AGREEMENT_CAP


def _same_value_holders(
    values: dict[tuple[str, str], Value], holders: dict[tuple[str, str], set[str]]
) -> dict[tuple[str, str], set[str]]:
    """For each value, the articles that give the same value (same_value), itself included.
    Names are compared only with names that share a word or whose initials they are."""
    by_word: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key, value in values.items():
        if value.kind == "name":
            for word in {*value.tokens, initials(value.tokens)}:
                by_word[word].add(key)
    support = {}
    for key, value in values.items():
        if value.kind == "name":
            near = set().union(
                *(by_word.get(w, set()) for w in {*value.tokens, initials(value.tokens)})
            )
        else:
            near = {k for k in values if k[0] == value.kind}
        support[key] = set().union(*(holders[k] for k in near if same_value(value, values[k])))
    return support


def is_twin(a: Candidate, b: Candidate) -> bool:
    """Whether two sentences say the same thing: alike in words or meaning, and not giving
    different values where they differ (then they disagree, and are shown as a conflict)."""
    union = a.read.stems | b.read.stems
    jaccard = len(a.read.stems & b.read.stems) / len(union) if union else 0.0
    alike = jaccard >= TWIN_JACCARD or float(a.read.vector @ b.read.vector) >= TWIN_COSINE
    return alike and differing_values(a, b) is None


def same_answer(a: Candidate, b: Candidate) -> bool:
    """Whether two sentences give the asked-for value alike (see same_value); a sentence that
    names several people is not the answer of one of them, nor is one that words the same claim
    with another value where they differ ("August 17, 2021" / "August 17, 2011", both of them
    "released on August 26")."""
    if not a.values or not b.values or differing_values(a, b) is not None:
        return False
    mine = [v for v, kind in _values_of(a) if kind]
    theirs = [v for v, kind in _values_of(b) if kind]
    one_each = len(mine) == len(theirs) == 1
    return any((x.kind != "name" or one_each) and same_value(x, y) for x in mine for y in theirs)


def same_value(x: Value, y: Value) -> bool:
    """One answer given twice: the same date ("15 November 2020" and "Nov. 15", which share
    their month and day; "Wednesday" and "late Wednesday", even with no date to read them by),
    the same figure, the same name ("Joe Biden" and "Biden"). A bare year does not match a full
    date: many things happen in a year."""
    if x.kind != y.kind or not agree(x, y):
        return False
    if x.kind == "date":
        return _same_words(x, y) or _shared_parts(x, y)
    if x.kind == "number":
        return x.number is not None and y.number is not None
    return True


def _same_words(x: Value, y: Value) -> bool:
    """Dates that name the same weekday ("Wednesday", "late Wednesday"): one day, when the
    articles give no date to read them by."""
    mine, theirs = _weekdays(x), _weekdays(y)
    return bool(mine) and mine == theirs


def _weekdays(value: Value) -> set[str]:
    return {t for t in value.tokens if t.endswith("day") and t[:3] in WEEKDAYS}


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
    "QUANTITY": "number", "MONEY": "number", "PERCENT": "number", "WORK_OF_ART": "name",
    "PRODUCT": "name", "EVENT": "name", "LAW": "name", "NAME": "name",
}  # fmt: skip
# The most words a name the model did not tag may have where two aligned claims differ.
UNTAGGED_NAME_WORDS = 4
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
    # quick_ratio bounds ratio from above and costs far less: most pairs stop there
    if matcher.quick_ratio() < CLAIM_ALIGNMENT or matcher.ratio() < CLAIM_ALIGNMENT:
        return None
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        left = [(v, k) for v, k in mine if _fills(v, tokens_a[i1:i2])]
        right = [(v, k) for v, k in theirs if _fills(v, tokens_b[j1:j2])]
        left, right = (
            left + _untagged_name(a, i1, i2, bool(right)),
            right + _untagged_name(b, j1, j2, bool(left)),
        )
        for x, kind_x in left:
            for y, kind_y in right:
                if kind_x and kind_x == kind_y and not agree(x, y):
                    return x, y
    return None


def _untagged_name(
    cand: Candidate, start: int, end: int, other_tagged: bool
) -> list[tuple[Value, str]]:
    """The differing words as a name when they are written as one (capitalised, no
    stopwords) and the model tagged nothing there: "acquired by Facebook" / "by Apple". A
    sentence's first word is capitalised anyway ("Officials said" / "Police said"): there it
    counts only against a name the model did tag in the other sentence."""
    cased = cased_tokens(cand.text)
    words = cased[start:end]
    if len(cased) != len(cand.read.tokens) or not 0 < len(words) <= UNTAGGED_NAME_WORDS:
        return []
    if start == 0 and not other_tagged:
        return []
    segment = set(cand.read.tokens[start:end])
    if any(segment & set(fold_tokens(text)) for _, text in cand.read.entities):
        return []  # the model tagged something there ("November 18" / "Nov. 18": a date)
    if not all(w[:1].isupper() and w.lower() not in STOPWORDS for w in words):
        return []
    tokens = tuple(cand.read.tokens[start:end])  # folded as the tagged names are ("US": us_)
    return [(Value("name", " ".join(words), tokens), "name")]


def _fills(value: Value, segment: list[str]) -> bool:
    """Whether a value is what differs: it overlaps the differing words and makes up at least
    half of them."""
    shared = set(value.tokens) & set(segment)
    return bool(shared) and 2 * sum(t in value.tokens for t in segment) >= len(segment)
