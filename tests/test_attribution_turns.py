"""Who said what over several sentences: a transcript's turns ("CALDER: ..." and the sentences
after it) and the block a lead-in ends in a colon ("Ellis said:") introduces. A short text, a
fragment of the sentence asked about, and the speaker and kind expected (or no speaker)."""

from __future__ import annotations

import pytest
from support.attribution import (
    assert_names_no_speaker,
    assert_names_speaker,
    attributions_at,
    describe,
)

from index.attribution import analyze_article

TRANSCRIPT = (
    "Mayor Ruth Calder spoke to the host on Sunday.\n\n"
    "Partial transcript as follows:\n\n"
    "DEAN MORROW: The bridge has been closed for a month. What happens next?\n\n"
    "CALDER: Well, we will open it in May. The repairs are nearly done. I am sure of it.\n\n"
    "MORROW: And what about the tolls? Will they go up?\n\n"
    "The interview ran for ten minutes."
)

LEAD_IN = (
    "Governor Mark Ellis spoke in Albany on Friday.\n\n"
    "In a statement, Ellis said:\n\n"
    "The bridge is safe. It will open in May. Nobody should worry.\n\n"
    "The council will vote on the budget next week."
)

# A quote left open at the end of the lead-in's paragraph runs on into the next.
RUNS_ON = (
    "Governor Mark Ellis spoke in Albany on Friday.\n\nEllis said:\n\n"
    '"The plan isn\u2019t about \u201csafety\u201d anymore. It is about money.\n\n'
    '"The toll is about \u201cfairness,\u201d which the council forgot years ago. '
    'Nobody should worry about it."\n\n'
    "The council will vote next week."
)

# (text, a fragment of the sentence, the speaker, the kind of speech)
SPEAKERS = [
    # a lead-in speaks the sentences of the paragraph after it
    (LEAD_IN, "bridge is safe", "Mark Ellis", "reported"),
    (LEAD_IN, "open in May", "Mark Ellis", "reported"),
    (LEAD_IN, "Nobody should worry", "Mark Ellis", "reported"),
    (RUNS_ON, "which the council forgot", "Mark Ellis", "mixed"),
    (RUNS_ON, "Nobody should worry", "Mark Ellis", "reported"),
    # a cue whose subject is no one does not end the block
    (
        "Governor Mark Ellis spoke in Albany on Friday.\n\nIn a statement, Ellis wrote:\n\n"
        "The plan mentions no date for the bridge. It will open in May.",
        "open in May",
        "Mark Ellis",
        "reported",
    ),
    # a label in capitals the entity model misses: a word of a person named in the article
    (TRANSCRIPT, "open it in May", "Ruth Calder", "reported"),
    # or a label that opens two of the transcript's turns
    (TRANSCRIPT, "has been closed", "Dean Morrow", "reported"),
    (TRANSCRIPT, "what about the tolls", "Morrow", "reported"),
    # a labelled turn goes on to the end of its paragraph
    (TRANSCRIPT, "repairs are nearly done", "Ruth Calder", "reported"),
    (TRANSCRIPT, "I am sure of it", "Ruth Calder", "reported"),
    (TRANSCRIPT, "What happens next", "Dean Morrow", "reported"),
    # a headline's label the entity model misses: a word of a person named in the article
    (
        "Calder: The bridge will open in May after all.\n\n"
        "Mayor Ruth Calder said on Monday that the repairs were done.",
        "bridge will open",
        "Ruth Calder",
        "reported",
    ),
    # a dash and a name after a quote, the dash glued to the closing mark
    (
        "The workers marched on Monday.\n\n"
        "\u201cThe mayor must stop ignoring the people who built this city.\u201d\u2015 "
        "Carla Sanchez.",
        "stop ignoring",
        "Carla Sanchez",
        "direct",
    ),
    # a transcript quoted turn by turn: a quote mark before the label
    (
        "Senator Paul Hardy spoke in Albany.\n\n"
        '"HARDY: Well, look, the mayor thinks the bridge is safe. It is not.',
        "It is not",
        "Paul Hardy",
        "direct",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "kind"), SPEAKERS)
def test_construction_names_its_speaker(text: str, fragment: str, speaker: str, kind: str) -> None:
    assert_names_speaker(text, fragment, speaker, kind)


# (text, a fragment of a sentence that attributes nothing to anyone named)
NO_SPEAKER = [
    # a word before a colon that is no word of anyone's name
    (
        "Bridge: The council will vote on Monday.\n\nMayor Ruth Calder said the repairs were done.",
        "council will vote",
    ),
    # a dash after a quote with no name after it
    ("The mayor spoke of \u201ca safe bridge\u201d\u2015 which it is not.", "safe bridge"),
    # a lead-in's block ends with its paragraph, or with the quote that ran on
    (LEAD_IN, "council will vote"),
    (RUNS_ON, "council will vote"),
    # a turn ends with its paragraph
    (TRANSCRIPT, "interview ran"),
    # a transcript quoted turn by turn: the next paragraph's quote is no longer the turn's
    (
        "Senator Paul Hardy spoke in Albany.\n\n"
        '"HARDY: Well, look, the mayor thinks the bridge is safe. It is not.\n\n'
        '"(LAUGHTER.)\n\n"AUDIENCE MEMBER: The bridge is fine.',
        "LAUGHTER",
    ),
    # a word in capitals that opens one paragraph is no speaker
    ("The council met on Monday.\n\nVIDEO: The bridge opens to traffic in May.", "traffic"),
    # nor one the article also writes in lower case, however often it opens a paragraph
    (
        "The council met on Monday and will post an update.\n\n"
        "UPDATE: The bridge opens in May.\n\nUPDATE: The tolls will go up.\n\n"
        "NOTE: The mayor was not there.",
        "tolls will",
    ),
]


@pytest.mark.parametrize(("text", "fragment"), NO_SPEAKER)
def test_construction_names_no_speaker(text: str, fragment: str) -> None:
    assert_names_no_speaker(text, fragment)


def test_a_label_owns_the_cues_of_its_turn() -> None:
    found = attributions_at(analyze_article(TRANSCRIPT), TRANSCRIPT, "I am sure")
    assert [a.speaker for a in found] == ["Ruth Calder"], describe(found)


def test_a_lead_in_block_ends_at_a_cue_of_its_own() -> None:
    text = (
        "Governor Mark Ellis spoke in Albany on Friday.\n\nEllis said:\n\n"
        "The bridge is safe. Mayor Ruth Calder said it would close in June. The vote is Monday."
    )
    analysis = analyze_article(text)
    found = attributions_at(analysis, text, "close in June")
    assert [a.speaker for a in found] == ["Ruth Calder"], describe(found)
    assert not attributions_at(analysis, text, "vote is Monday")
