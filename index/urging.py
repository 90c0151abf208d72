"""Whether a sentence tells the urging a question asks about: "What did X urge (call on, ask)
Y to do?" is told by a sentence in which a verb of asking someone to act has Y after it and
"to" after Y ("the two ministers urged North Korea to cancel ...")."""

from __future__ import annotations

from collections.abc import Sequence

from index.lexicon import synonym_stems
from index.names import mentions
from index.places import name_forms
from index.question import Question
from index.question_words import DIRECTIVE_VERBS
from index.text import stem

# Words from the verb to the one urged ("urged North Korea to", "called on the two Koreas
# to"). Grammar, not tuned.
_URGED_REACH = 5
DIRECTIVE_STEMS = frozenset(stem(v) for v in DIRECTIVE_VERBS)


def urged(question: Question, tokens: Sequence[str]) -> bool:
    """ "What did X urge (call on, ask) Y to do?": the sentence (its folded tokens) has the
    question's verb, a synonym or another directive verb, with Y named and a "to" within a few
    words after it ("urged North Korea to")."""
    speech = question.speech
    if speech is None or speech.listener is None or question.predicate is None:
        return False
    verbs = synonym_stems(question.predicate)
    forms = name_forms(speech.listener, "GPE")

    def asks(i: int) -> bool:
        """The verb at i is the question's (or a synonym) or another directive ("called on
        North Korea to" for "urge"), with a "to" in the words after the next one (a "courtesy
        call on X" asks nothing of X)."""
        verb = stem(tokens[i])
        return (verb in verbs or verb in DIRECTIVE_STEMS) and "to" in tokens[
            i + 2 : i + 2 + _URGED_REACH
        ]

    return any(
        asks(i) and any(mentions(f, tokens[i + 1 : i + 1 + _URGED_REACH], "GPE") for f in forms)
        for i in range(len(tokens))
    )
