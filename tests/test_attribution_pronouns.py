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
