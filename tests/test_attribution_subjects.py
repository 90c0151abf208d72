"""Cue verbs whose subject the small parser loses (index.subjects): the name before an
appositive or a phrase set off by commas is the speaker; a name inside a prepositional phrase or
an object is not."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc
from support.attribution import assert_names_no_speaker, assert_names_speaker

from index.nlp import pipeline
from index.subjects import lost_subject, subject_of

# (text, a fragment of the sentence, the speaker, the kind of speech)
SPEAKERS = [
    # a fronted phrase, then the name and its appositive: the parse makes the name a conjunct
    # of the place and leaves "told" without a subject
    (
        "At a town hall this week in Denver, Luis Ortega, the president of the Western Farmers "
        'Union, sharply told a student that "this plan will not work."',
        "sharply told",
        "Luis Ortega",
        "mixed",
    ),
    # a title, then the name between commas
    (
        "At a forum in Boise, the president of the Mountain Growers Union, Ken Alder, bluntly "
        'told farmers that "prices will fall."',
        "bluntly told",
        "Ken Alder",
        "mixed",
    ),
    # a verb of saying in a to-clause of purpose: the subject of the verb it hangs off
    (
        "Councilman Tom Reyes stood up at the hearing to say that the school would close in June.",
        "stood up",
        "Tom Reyes",
        "reported",
    ),
    # a gerund after a preposition: the subject of the verb the preposition hangs off
    (
        "Senator Ann Roe closed the meeting after thanking the volunteers for their work.",
        "after thanking",
        "Ann Roe",
        "reported",
    ),
    # a participle on the object: the object's words are those of whoever put it out
    (
        "Senator Ann Roe ran a new television ad attacking the governor's budget.",
        "television ad",
        "Ann Roe",
        "reported",
    ),
    # a finite verb conjoined to a passive: the passive's subject
    (
        "Mayor Ruth Calder was booed at the rally and said that the bridge would close in June.",
        "booed",
        "Ruth Calder",
        "reported",
    ),
    # of two subjects the parse gives a verb, the nearer ("Hampshire" is one too)
    (
        "Speaking at a town hall in Salem, New Hampshire, Roe went after Ellis, calling him "
        '"a total failure."',
        "went after",
        "Roe",
        "direct",
    ),
    # a phrase between commas after the name
    (
        "Speaking in Reno, Paula Grant, without naming him, also accused the governor of lying.",
        "also accused",
        "Paula Grant",
        "reported",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "kind"), SPEAKERS)
def test_the_name_before_the_appositive_is_the_speaker(
    text: str, fragment: str, speaker: str, kind: str
) -> None:
    assert_names_speaker(text, fragment, speaker, kind)


def test_a_name_inside_the_appositive_is_no_speaker() -> None:
    # the subject is "the chairman", a common noun; the names are objects inside his appositive
    text = (
        "At a forum in Boise, the chairman of the Mountain Growers Union, a group that backed "
        'Ken Alder, bluntly told farmers that "prices will fall."'
    )
    assert_names_no_speaker(text, "bluntly told")


def test_a_stance_in_a_clause_of_purpose_is_no_statement() -> None:
    # only verbs of saying: going on the radio to defend something says nothing yet
    assert_names_no_speaker(
        "Senator Ann Roe went on the radio on Monday to defend the budget.", "radio"
    )


def test_a_gerund_after_for_is_not_the_subjects_doing() -> None:
    # Acme fired her; she did the criticizing
    assert_names_no_speaker("Acme Corp. fired Ann Roe for criticizing the new budget.", "fired")


def test_a_participle_on_a_named_object_is_not_the_subjects() -> None:
    # Reyes defends the budget; Roe only watches
    text = "Senator Ann Roe watched Tom Reyes defending the budget on television."
    assert_names_no_speaker(text, "watched")


def test_a_participle_conjoined_to_a_passive_is_passive_too() -> None:
    text = "Mayor Ruth Calder was booed at the rally and criticized for the closure of the bridge."
    assert_names_no_speaker(text, "booed")


def test_the_nearer_of_two_subjects_is_the_speaker_even_unnamed() -> None:
    text = (
        "Speaking at a town hall in Salem, New Hampshire, many voters went after the governor, "
        'calling him "a total failure."'
    )
    assert_names_no_speaker(text, "went after")


def _doc(rows: list[tuple[str, str, str, str, int, str]]) -> Any:
    """A parsed Doc from (word, pos, tag, dep, head, entity IOB) rows."""
    words, pos, tags, deps, heads, ents = (list(column) for column in zip(*rows, strict=True))
    return Doc(pipeline().vocab, words=words, pos=pos, tags=tags, deps=deps, heads=heads, ents=ents)


def test_a_cue_hung_as_a_clause_on_the_root_name_takes_it_as_subject() -> None:
    # "Ann Roe, the head of Acme, compared Bo to a coach.": the parse makes "Roe" the root
    # and "compared" a clause modifying it
    doc = _doc(
        [
            ("Ann", "PROPN", "NNP", "compound", 1, "B-PERSON"),
            ("Roe", "PROPN", "NNP", "ROOT", 1, "I-PERSON"),
            (",", "PUNCT", ",", "punct", 1, "O"),
            ("the", "DET", "DT", "det", 4, "O"),
            ("head", "NOUN", "NN", "appos", 1, "O"),
            ("of", "ADP", "IN", "prep", 4, "O"),
            ("Acme", "PROPN", "NNP", "pobj", 5, "B-ORG"),
            (",", "PUNCT", ",", "punct", 1, "O"),
            ("compared", "VERB", "VBN", "acl", 1, "O"),
            ("Bo", "PROPN", "NNP", "dobj", 8, "B-PERSON"),
            ("to", "ADP", "IN", "prep", 8, "O"),
            ("a", "DET", "DT", "det", 12, "O"),
            ("coach", "NOUN", "NN", "pobj", 10, "O"),
            (".", "PUNCT", ".", "punct", 1, "O"),
        ]
    )
    subject = lost_subject(doc[8])
    assert subject is not None and subject.text == "Roe"


def test_a_clause_on_a_common_noun_is_no_lost_cue() -> None:
    # "the plan, drafted by Acme, ...": a participle on a noun is not a verb missing a subject
    doc = _doc(
        [
            ("The", "DET", "DT", "det", 1, "O"),
            ("plan", "NOUN", "NN", "ROOT", 1, "O"),
            (",", "PUNCT", ",", "punct", 1, "O"),
            ("announced", "VERB", "VBN", "acl", 1, "O"),
            ("by", "ADP", "IN", "agent", 3, "O"),
            ("Acme", "PROPN", "NNP", "pobj", 4, "B-ORG"),
            (".", "PUNCT", ".", "punct", 1, "O"),
        ]
    )
    assert lost_subject(doc[3]) is None


def test_a_name_is_the_subject_before_a_description_parsed_as_a_second_one() -> None:
    # "Lena Holm, the director general of the Council, vowed ...": the parse can make both
    # "Holm" and "general" subjects of "vowed"; the name, though further, is the speaker
    doc = _doc(
        [
            ("Lena", "PROPN", "NNP", "compound", 1, "B-PERSON"),
            ("Holm", "PROPN", "NNP", "nsubj", 10, "I-PERSON"),
            (",", "PUNCT", ",", "punct", 10, "O"),
            ("the", "DET", "DT", "det", 5, "O"),
            ("director", "NOUN", "NN", "compound", 5, "O"),
            ("general", "NOUN", "NN", "nsubj", 10, "O"),
            ("of", "ADP", "IN", "prep", 5, "O"),
            ("the", "DET", "DT", "det", 8, "B-ORG"),
            ("Council", "PROPN", "NNP", "pobj", 6, "I-ORG"),
            (",", "PUNCT", ",", "punct", 5, "O"),
            ("vowed", "VERB", "VBD", "ROOT", 10, "O"),
            ("to", "PART", "TO", "aux", 12, "O"),
            ("act", "VERB", "VB", "xcomp", 10, "O"),
            (".", "PUNCT", ".", "punct", 10, "O"),
        ]
    )
    subject = subject_of(doc[10])
    assert subject is not None and subject.text == "Holm"
