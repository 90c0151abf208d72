"""Which of the sentences that support an answer are shown, and in whose words: the best one
and those about as good that say something else; a sentence that says the same, or gives the
same answer, is a twin of a shown line (one line, several citations); for "why?", the
sentence after a line that gives the reason. Every threshold was set on the dev questions
only (see each one)."""

from __future__ import annotations

from collections.abc import Sequence

from index.candidates import Candidate
from index.claims import is_twin, same_answer
from index.names import fold_tokens
from index.non_answers import gives_motive, gives_reason
from index.question_words import NAME_LABELS
from index.referring import continues

# Further sentences join the best one when they score this close to it. `.venv/bin/python
# benchmarks/sweep.py --cache-dir DIR NAME=V1,V2` (dev, commit f2bb5fc): 0.80 / 0.85 / 0.90 -> RGB
# accuracy 0.700 / 0.688 / 0.662, nothing else moves. 0.80 finds one more gold answer by showing
# more lines everywhere, and a line that does not answer costs the reader's trust, so the middle
# value stays.
RELATIVE_FLOOR = 0.85
MAX_LINES = 3
# A line that gives another value than the lines above it (a second date for "when") joins them
# only this close to the best. `.venv/bin/python benchmarks/quality.py --no-peer --cache-dir DIR
# --only seeds,rgb --set index.selection.RIVAL_FLOOR=V --answers-dir A` (dev, commit ff0d529 and
# this change), 0.85 / 0.90 / 0.95: RGB accuracy 0.762 / 0.750 / 0.738, answer lines per
# answered RGB question 1.62 / 1.46 / 1.26, share of those lines that hold the gold answer
# 0.626 / 0.676 / 0.688; conflicts flagged 0.812 and seeds 23/24 throughout. 0.90: a line that
# does not answer costs the reader's trust, and 0.90 removes a third of them for one RGB record.
RIVAL_FLOOR = 0.9
# The labels of names: spaCy's, and NAME for a name the parse found that the model missed.
_NAMED = NAME_LABELS | {"NAME"}


def select(ranked: list[Candidate], pool: Sequence[Candidate] = ()) -> list[Candidate]:
    """The best candidate, and those close to it that say something else. Every candidate
    (of ranked or pool) that says the same as a chosen one, or gives the same answer, becomes
    its twin: one line, several citations, shown in the words of the one that gives the answer
    most fully."""
    chosen: list[Candidate] = []
    if not ranked:
        return chosen
    floor = ranked[0].score * RELATIVE_FLOOR
    rival_floor = ranked[0].score * RIVAL_FLOOR
    for cand in ranked:
        if cand.score < floor:
            break
        if any(is_twin(c, cand) or same_answer(c, cand) for c in chosen):
            continue
        if cand.values and chosen and cand.score < rival_floor:
            continue  # another value: a second answer only when about as well supported
        if len(chosen) < MAX_LINES:
            chosen.append(cand)
    for cand in [*ranked, *pool]:
        if any(cand is c for c in chosen):
            continue
        twin_of = next((c for c in chosen if is_twin(c, cand) or same_answer(c, cand)), None)
        if twin_of is not None and cand.article.article_id not in {
            t.article.article_id for t in [twin_of, *twin_of.twins]
        }:
            twin_of.twins.append(cand)
    return [_fullest(line) for line in chosen]


def with_reasons(lines: list[Candidate], candidates: Sequence[Candidate]) -> list[Candidate]:
    """ "Why ...?": a line that tells the event but gives no reason is followed by the sentence
    after it when that one goes on about it and tells a reason or a motive ("... met by
    protesters. They are demanding ..."): news often gives the reason in the next sentence."""
    out: list[Candidate] = []
    for line in lines:
        out.append(line)
        if gives_reason(line.text) or len(out) >= 2 * MAX_LINES:
            continue
        after = next(
            (c for c in candidates if c.read.previous is not None
             and c.read.previous.row == line.row and continues(c.text)
             and gives_motive(c.text)),
            None,
        )  # fmt: skip
        if after is not None and all(after is not c for c in [*lines, *out]):
            out.append(after)
    return out


def _fullest(line: Candidate) -> Candidate:
    """The line shown by whichever of it and its twins gives the value most fully ("April 29,
    2015" rather than "April 29"; "Baker Mayfield" where the line names him "Mayfield" alone,
    as headlines do), the others as its twins."""
    names = _names_given(line)
    by_surname = bool(names) and all(len(fold_tokens(n)) == 1 for n in names)

    def fullness(cand: Candidate) -> tuple[float, int]:
        return cand.detail, _name_words(names, _names_given(cand)) if by_surname else 0

    best = max([line, *line.twins], key=fullness)
    if best is line or fullness(best) <= fullness(line):
        return line
    best.twins = [line, *(t for t in line.twins if t is not best)]
    line.twins = []
    return best


def _names_given(cand: Candidate) -> list[str]:
    """The values of a line that are names (of people, organisations, places, works)."""
    return [text for label, text in cand.read.entities if label in _NAMED and text in cand.values]


def _name_words(shown: Sequence[str], given: Sequence[str]) -> int:
    """The most words of a value in ``given`` that holds a word of a value ``shown`` (the same
    name written more fully: "Baker Mayfield" for "Mayfield")."""
    words = {w for value in shown for w in fold_tokens(value)}
    return max((len(fold_tokens(v)) for v in given if words & set(fold_tokens(v))), default=0)
