"""Who said what, construction by construction: a short text, the sentence asked about, and the
speaker and kind of speech expected (or no speaker at all)."""

from __future__ import annotations

import pytest
from support.attribution import (
    assert_names_no_speaker,
    assert_names_speaker,
    attributions_at,
    describe,
)

from index.attribution import analyze_article

# (text, a fragment of the sentence, the speaker, the kind of speech)
SPEAKERS = [
    # speech acts that take a side on their object
    (
        "Senator Ruth Calder spoke in Albany.\n\nCalder defended her decision to close the bridge.",
        "defended her decision",
        "Ruth Calder",
        "reported",
    ),
    (
        "Governor Mark Ellis rejected the union's offer on Tuesday.",
        "rejected",
        "Mark Ellis",
        "reported",
    ),
    (
        "Mayor Ana Ruiz has endorsed Tom Reyes for the Senate seat.",
        "endorsed",
        "Ana Ruiz",
        "reported",
    ),
    (
        "Senator Paul Hardy opposes the new pipeline through the valley.",
        "opposes",
        "Paul Hardy",
        "reported",
    ),
    (
        "Ellen Park thanked the volunteers for their work during the flood.",
        "thanked",
        "Ellen Park",
        "reported",
    ),
    (
        "Representative Joe Lind challenged the figures in the budget report.",
        "challenged",
        "Joe Lind",
        "reported",
    ),
    (
        "Dean Alvarez reminded voters that the school tax would rise.",
        "reminded",
        "Dean Alvarez",
        "reported",
    ),
    (
        "Senator Ann Roe identified the tax plan as the main threat to family farms.",
        "identified",
        "Ann Roe",
        "reported",
    ),
    # verbs of saying with what they demand
    (
        "Senator Paul Hardy called for a ban on the new pipeline.",
        "called for",
        "Paul Hardy",
        "reported",
    ),
    (
        "Governor Lina Marsh is calling for the state to raise the minimum wage by June.",
        "calling for",
        "Lina Marsh",
        "reported",
    ),
    # any verb with a that-clause and a named subject states what its subject holds
    (
        "Senator Paul Hardy made clear that he would vote against the bill.",
        "made clear",
        "Paul Hardy",
        "reported",
    ),
    (
        "Governor Lina Marsh hopes that the bridge will reopen by June.",
        "hopes that",
        "Lina Marsh",
        "reported",
    ),
    # what was said, hung by the parse off another word
    (
        "Campaign manager John Weaver says in a statement that the race is now a four-man contest.",
        "in a statement",
        "John Weaver",
        "reported",
    ),
    (
        "Senator Bernie Sanders spoke in Iowa.\n\nNo, Sanders said.",
        "No, Sanders",
        "Bernie Sanders",
        "reported",
    ),
    (
        "The State Department said for the first time that “top secret” intelligence had "
        "passed through the server.",
        "for the first time",
        "State Department",
        "mixed",
    ),
    (
        'Former Florida governor Jeb Bush called the use of executive orders "quite dangerous."',
        "executive orders",
        "Jeb Bush",
        "mixed",
    ),
    # speaker labels: a transcript's capitals, a headline's name, a verb of saying first
    (
        "CLINTON: I believe this is the most important job in the world.",
        "CLINTON",
        "Clinton",
        "reported",
    ),
    ("Obama: I’m Optimistic Americans Will Say No to Trump.", "Optimistic", "Obama", "reported"),
    (
        "The debate ran for two hours.\n\nContinued Stone: “So I think it’s a very real problem.”",
        "Continued Stone",
        "Stone",
        "direct",
    ),
    # he/she past the pronoun window: the latest person named, a speaker ("Friday" is no one)
    (
        "Mayor Ruth Calder said the bridge would close for a month.\n\n"
        "The council meets on Friday to vote on the budget.\n\n"
        "\u201cThere is no other safe way,\u201d she said.",
        "no other safe way",
        "Ruth Calder",
        "direct",
    ),
    # the possessive owner of a noun of saying said it
    (
        "The Interior Ministry closed the road.\n\n"
        "The ministry's statement said the border would stay closed.",
        "border would stay closed",
        "Interior Ministry",
        "reported",
    ),
    (
        "Senator Paul Hardy spoke.\n\nHis statement said the bill was dead.",
        "His statement",
        "Paul Hardy",
        "reported",
    ),
    # any finite verb with a named subject, and a comma or colon, before a quote frames it
    (
        "Governor John Kasich spoke in Ohio.\n\n"
        "Kasich resisted: “Ohio governors do not have the power to suspend the law.”",
        "Ohio governors",
        "John Kasich",
        "direct",
    ),
    (
        "Senator Paul Hardy, in a statement: “The bill is dead and we will not revive it.”",
        "The bill is dead",
        "Paul Hardy",
        "direct",
    ),
    (
        "Paul Hardy, the senator from Ohio: “The bill is dead.”",
        "The bill is dead",
        "Paul Hardy",
        "direct",
    ),
    # a word of a person's full name that the tagger calls a noun is still that person
    (
        "Sean Hannity spoke on Fox.\n\nHannity said the polls were wrong.",
        "Hannity said",
        "Sean Hannity",
        "reported",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "kind"), SPEAKERS)
def test_construction_names_its_speaker(text: str, fragment: str, speaker: str, kind: str) -> None:
    assert_names_speaker(text, fragment, speaker, kind)


# (text, a fragment of a sentence that attributes nothing to anyone named)
NO_SPEAKER = [
    ("The council met on Monday.\n\nThe hall stayed full, “as it always does.”", "hall stayed"),
    ("The new figures imply that the school tax will rise next year.", "imply that"),
    # the name after "as" is what was said, not who said it
    ("Police identified the driver as Tom Reyes, a teacher from Dayton.", "identified"),
    # a document calling for something is no one named, not the person named before it
    (
        "Governor Lina Marsh signed the budget.\n\n"
        "The budget calls for the state to raise the minimum wage by June.",
        "calls for",
    ),
    # the latest person named before "he" is no speaker: he stays unresolved
    (
        "Mayor Ruth Calder said the bridge would close for a month.\n\n"
        "Her deputy, Tom Reyes, was in the hall on Monday.\n\n"
        "\u201cThere is no other safe way,\u201d he said.",
        "no other safe way",
    ),
    ("The Latest: Sanders wins the Minnesota caucuses.", "Latest"),
    ("Bernie Sanders: 1,501.", "1,501"),
    ("CORRECTION: An earlier version of this article misstated the date.", "CORRECTION"),
]


def test_a_speaker_label_owns_the_cues_after_it() -> None:
    text = "Bill Clinton: Hillary thinks the federal government requires too many tests."
    found = attributions_at(analyze_article(text), text, "federal government")
    assert [a.speaker for a in found] == ["Bill Clinton"], describe(found)


@pytest.mark.parametrize(("text", "fragment"), NO_SPEAKER)
def test_construction_names_no_speaker(text: str, fragment: str) -> None:
    assert_names_no_speaker(text, fragment)
