"""Who said what in a sentence that runs on from the speaker before it with no cue of its own
(index.running_speech). A short text, a fragment of the sentence asked about, and the speaker
and kind expected (or no speaker)."""

from __future__ import annotations

from support.attribution import assert_names_no_speaker, assert_names_speaker

AFTER_QUOTE = (
    "Mayor Ruth Calder visited the harbour on Monday. "
    '"The bridge will open in May," Calder said on the pier. '
    'But "the tolls will go up by a third once the repairs are paid for." '
    'The council "has not voted on the tolls yet and will not do so before June."'
)


def test_quote_after_a_conjunction_goes_on_with_the_quote_before() -> None:
    assert_names_speaker(AFTER_QUOTE, "tolls will go up", "Ruth Calder", "direct")


def test_quote_after_a_subject_is_not_the_speaker_before() -> None:
    assert_names_no_speaker(AFTER_QUOTE, "has not voted")


QUOTE_AFTER_COLON = (
    "Mayor Ruth Calder visited the harbour on Monday.\n\n"
    "Calder beamed:\n\n"
    "“The bridge will open in May. The tolls will stay the same.”\n\n"
    "Later, Calder watched the boats:\n\n"
    "The ferries came in at noon. The pier was crowded all afternoon."
)


def test_colon_with_a_quote_after_leads_it_in_whatever_the_verb() -> None:
    assert_names_speaker(QUOTE_AFTER_COLON, "tolls will stay", "Ruth Calder", "direct")


def test_colon_without_a_quote_after_leads_in_only_with_a_verb_of_saying() -> None:
    assert_names_no_speaker(QUOTE_AFTER_COLON, "pier was crowded")
