"""Who said what beyond verbs of saying: stances a speaker takes (intent, refusal) and he/she
carried along a chain of sentences about one person. A short text, a fragment of the sentence
asked about, and the speaker and kind expected (or no speaker at all)."""

from __future__ import annotations

import pytest
from support.attribution import (
    assert_names_no_speaker,
    assert_names_speaker,
)

# (text, a fragment of the sentence, the speaker, the kind of speech)
SPEAKERS = [
    # verbs of intent, wish or refusal with a to-infinitive
    (
        "Senator Paul Hardy declined to comment on the pipeline.",
        "declined",
        "Paul Hardy",
        "reported",
    ),
    (
        "Governor Mark Ellis refused to sign the budget on Tuesday.",
        "refused",
        "Mark Ellis",
        "reported",
    ),
    (
        "Mayor Ana Ruiz hopes to win the Senate seat in the fall.",
        "hopes to",
        "Ana Ruiz",
        "reported",
    ),
    (
        "Dean Alvarez sought to calm the voters after the vote.",
        "sought",
        "Dean Alvarez",
        "reported",
    ),
    (
        "Mayor Ana Ruiz spoke in Reno.\n\nShe plans to close the bridge for a month.",
        "plans to",
        "Ana Ruiz",
        "reported",
    ),
    # stances taken on an object
    (
        "Senator Paul Hardy supports raising the minimum wage to $15.",
        "supports",
        "Paul Hardy",
        "reported",
    ),
    (
        "Governor Mark Ellis vetoed the bill that would have closed the bridge.",
        "vetoed",
        "Mark Ellis",
        "reported",
    ),
    (
        "Mayor Ana Ruiz compared the new tax to a tax on bread.",
        "compared",
        "Ana Ruiz",
        "reported",
    ),
    (
        "Dean Alvarez discussed the school budget with the parents.",
        "discussed",
        "Dean Alvarez",
        "reported",
    ),
    # a noun of saying made the object of a light verb, with what it says
    (
        "Senator Paul Hardy released a statement confirming that the bridge would close.",
        "released a statement",
        "Paul Hardy",
        "reported",
    ),
    (
        "Governor Mark Ellis offered a spirited defense of the new tax.",
        "defense",
        "Mark Ellis",
        "reported",
    ),
    (
        "Mayor Ana Ruiz released an ad that accuses Tom Reyes of lying.",
        "released an ad",
        "Ana Ruiz",
        "reported",
    ),
    (
        "Senator Paul Hardy raised concerns about the cost of the pipeline.",
        "raised concerns",
        "Paul Hardy",
        "reported",
    ),
    (
        "Mayor Ana Ruiz voiced support for the new school tax.",
        "voiced support",
        "Ana Ruiz",
        "reported",
    ),
    # verbs whose prepositional object is what was said
    (
        "Senator Paul Hardy talked about his plan for the pipeline.",
        "talked about",
        "Paul Hardy",
        "reported",
    ),
    # a name owning its clause's subject is what "he" refers to next
    (
        "Mr. Ben Carson's renewed endorsement of his team came with caveats.\n\n"
        "He may add to his senior staff, he said.",
        "senior staff",
        "Ben Carson",
        "reported",
    ),
    (
        "Governor Mark Ellis referred to the protesters as his friends.",
        "referred to",
        "Mark Ellis",
        "reported",
    ),
    (
        "Senator Paul Hardy railed against the new pipeline in Albany.",
        "railed against",
        "Paul Hardy",
        "reported",
    ),
    # a noun of saying with its owner, and a that-clause after "be"
    (
        "Senator Paul Hardy spoke in Albany.\n\n"
        "Hardy's message has long been that the bridge is unsafe.",
        "bridge is unsafe",
        "Paul Hardy",
        "reported",
    ),
    # a lead-in that ends in a colon speaks the next sentence
    (
        "Senator Paul Hardy spoke in Albany on Friday.\n\nIn a speech last July, Hardy said:\n\n"
        "\u201cThe bridge will close in May.\u201d",
        "close in May",
        "Paul Hardy",
        "direct",
    ),
    (
        "Governor Mark Ellis issued the following statement:\n\n"
        "\u201cOur prayers are with all those affected by the attack. "
        "This cannot continue.\u201d",
        "cannot continue",
        "Mark Ellis",
        "direct",
    ),
    # he/she with no subject or speaker before it: the one person named nearby whose gender
    # the article shows
    (
        "The talks ended on Friday.\n\n"
        "And Mr. Obama, for all the progress he helped wrangle from world leaders, seems to "
        "agree.\n\n"
        "\u201cWe don't yet know exactly what's going to work best,\u201d he said.",
        "work best",
        "Obama",
        "direct",
    ),
    (
        "The vote was close.\n\nThe plan of Mrs. Calder passed by one vote on Friday.\n\n"
        "\u201cWe will build the bridge,\u201d she said.",
        "build the bridge",
        "Calder",
        "direct",
    ),
    # he/she as the subject of other verbs carries the person to a later "she said"
    (
        "Mayor Ruth Calder said she would close the bridge.\n\n"
        "She skirted the first question from the council.\n\n"
        "She also avoided the second one.\n\n"
        "\u201cThere is no other safe way,\u201d she said.",
        "no other safe way",
        "Ruth Calder",
        "direct",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "kind"), SPEAKERS)
def test_construction_names_its_speaker(text: str, fragment: str, speaker: str, kind: str) -> None:
    assert_names_speaker(text, fragment, speaker, kind)


# (text, a fragment of a sentence that attributes nothing to anyone named)
NO_SPEAKER = [
    # intent needs a name or a pronoun as subject: a plant is no speaker
    ("The new plant plans to hire two hundred workers.", "plans to"),
    # wanting is no stance taken in words (precision 0.42 on PolNeAR train)
    ("Senator Paul Hardy wants to see the pipeline finished.", "wants to"),
    # a noun of saying alone says nothing of what was said
    ("Senator Paul Hardy released a statement on Tuesday.", "released a statement"),
    # two people named nearby: he stays unresolved
    (
        "The talks ended.\n\nThe plan of Mr. Obama and Mr. Biden passed.\n\n"
        "\u201cWe will build it,\u201d he said.",
        "build it",
    ),
    # "be" with a that-clause and no noun of saying
    ("The problem is that the bridge is unsafe.", "bridge is unsafe"),
    # a colon after no verb of saying leads in nothing unless a quote follows it
    (
        "Senator Paul Hardy listed the qualities of a nominee:\n\n"
        "Has the candidate a record of leadership?",
        "record of leadership",
    ),
    # talking to someone says nothing of what was said
    ("Senator Paul Hardy talked to the mayor on Tuesday.", "talked to"),
]


@pytest.mark.parametrize(("text", "fragment"), NO_SPEAKER)
def test_construction_names_no_speaker(text: str, fragment: str) -> None:
    assert_names_no_speaker(text, fragment)
