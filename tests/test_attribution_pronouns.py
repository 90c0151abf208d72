"""He and she past what the parse shows in the sentence before: a short text, a fragment of the
sentence asked about, and the speaker expected (or no speaker)."""

from __future__ import annotations

from support.attribution import assert_names_no_speaker, assert_names_speaker

QUOTE_BLOCK = (
    "Mayor Tom Brandt said his city would rebuild the pier.\n\n"
    '"The storm took everything from us. We will not wait for the state. '
    'The boats need the pier by June."\n\n'
    "He added that the work would start on Monday."
)


def test_he_after_a_quote_block_is_the_speaker_before_it() -> None:
    assert_names_speaker(QUOTE_BLOCK, "He added", "Tom Brandt", "reported")


def test_he_after_a_quote_block_is_not_someone_only_named_before_it() -> None:
    text = QUOTE_BLOCK.replace("said his city would rebuild", "toured what his city lost at")
    assert_names_no_speaker(text, "He added")


CHAIN = (
    "Dana Whitfield runs the shelter on Main Street. She opened it in 2010 with a loan. "
    "She also runs a food bank. The county cut its funds last year. "
    "The money ran out in May, she said."
)


def test_she_opening_the_next_sentence_gives_the_person_before_her_gender() -> None:
    assert_names_speaker(CHAIN, "The money ran out", "Dana Whitfield", "reported")


def test_a_person_the_next_sentence_calls_he_is_not_she() -> None:
    text = CHAIN.replace("She opened", "He opened").replace("She also", "He also")
    assert_names_no_speaker(text, "The money ran out")


MEETING = (
    "Ann Park said she would not run again. The vote is in May. Few expect a close race. "
    "Tom Reyes said he would run. Reyes met Park in the town hall on Monday. "
    "She told reporters the talks went well."
)


def test_she_is_the_one_woman_named_before_her_as_an_object_too() -> None:
    assert_names_speaker(MEETING, "She told reporters", "Ann Park", "reported")


def test_she_stays_unresolved_when_another_person_there_has_no_known_gender() -> None:
    text = MEETING.replace("met Park", "met Park and Lee Chang")
    assert_names_no_speaker(text, "She told reporters")
