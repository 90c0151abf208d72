"""Questions worded otherwise than the articles: an acronym for the name the article spells out
(and the reverse); a person described by a role ("Norland's top diplomat") where the articles
name the one who holds it; a hedge before the question word ("Roughly how many"); a verb the
parser took for a noun, and the -ing verb of "Who is X meeting in Y?"; the doer described by a
common noun ("the trade minister") or the one acted on by a role ("the harbour master"), named
in the sentence; the place an event goes to named by the sentence before; a manner idiom ("face
to face"); which outlet reported a "he said". Articles written for the test, with made-up
names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.acronyms import initials, spelled_out
from index.embedding import Embedder
from index.lexicon import moves
from index.question import analyse
from index.question_words import plainly_worded, without_meta
from index.service import NewsIndex

ARTICLES = {
    "forum.txt": """Title: Ports forum to meet in Vesta
Source: Quay Times
Date: 2024-05-02

Trade ministers will meet on the sidelines of a summit of the Baltic-Nordic Harbour Council in Vesta next month.

The NGB said on Tuesday that exports had doubled.
""",
    "thanks.txt": """Title: Rask visits the port
Source: Harbour Daily
Date: 2024-05-04

Eva Rask met the harbour master, Tor Viken, on Monday and discussed the new cranes.

Trade Minister Eva Rask thanked Tor Viken for the port's help in clearing the grain backlog, the ministry said.
""",
    "minister.txt": """Title: Lind in Bergen
Source: Harbour Daily
Date: 2024-05-06

Norland Foreign Minister Anna Lind arrived in Bergen on Monday for two days of grain talks.

Before coming to Bergen, Lind had a long tour of the northern ports.

She will fly out of Bergen on Wednesday and head for Finland, the last stop of her tour.
""",
    "talks.txt": """Title: Lind and Moe hold talks
Source: Fjord Post
Date: 2024-11-07

Anna Lind held talks with Fisheries Minister Ida Moe in Bergen on Tuesday.

Lind and Moe previously met in person at the Arctic Council in Oslo in September.
""",
    "remarks.txt": """Title: Ferry links to grow
Source: Coast Wire
Date: 2024-05-08

Mark Olsen, the transport minister, spoke to reporters in Oslo on Monday.

"Our two countries will double the number of night ferries by the summer," he said.
""",
    "allies.txt": """Title: Allies condemn grain blockade
Source: Coast Wire
Date: 2024-05-09

Close allies Norway, Sweden and Finland have condemned what they say is a blockade of grain ships in the Baltic.

Anna Lind is expected to reaffirm Norland's support for open shipping lanes during her visit to Bergen.

Norland's national security adviser, Ole Dahl, met Lind in Bergen on Monday to discuss port security.

The Kingdom of Norland is the official name of Norland.

Norway's foreign minister, Kari Nordmann, said the blockade must end before the winter.
""",
    "exports.txt": """Title: Grain for Finland
Source: Quay Times
Date: 2024-05-05

Officials are concerned about the export of grain from Norland to Finland.

Customs officers said Norland had shipped more than 3,000 containers of barley in April.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "wordings", ARTICLES) as built:
        yield built


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Asia-Pacific Economic Cooperation", "APEC"),
        ("Democratic People's Republic of Korea", "DPRK"),
        ("National Football League", "NFL"),
        ("Baltic-Nordic Harbour Council", "BNHC"),
        ("Eva Rask", ""),  # two words: too few letters to tell a name by
        ("the trade ministry", ""),  # not a name of capitalised words
    ],
)
def test_initials(name: str, acronym: str) -> None:
    assert initials(name) == acronym


@pytest.mark.parametrize(
    ("acronym", "text", "found"),
    [
        ("APEC", "a summit of the Asia-Pacific Economic Cooperation forum", ("Asia-Pacific Economic Cooperation",)),
        ("NFL", "the National Football League (NFL) said", ("National Football League",)),
        ("DPRK", "the Democratic People's Republic of Korea", ("Democratic People's Republic of Korea",)),
        ("NFL", "the national football league", ()),  # small letters: no name
        ("NFL", "the National Rugby League", ()),
        ("Apec", "the Asia-Pacific Economic Cooperation forum", ()),  # no acronym
    ],
)  # fmt: skip
def test_spelled_out(acronym: str, text: str, found: tuple[str, ...]) -> None:
    assert spelled_out(acronym, text) == found


def test_an_acronym_finds_the_name_the_article_spells_out(index: NewsIndex) -> None:
    answer = index.ask("In which city will trade ministers meet on the sidelines of the BNHC?")
    assert not answer.abstained, (answer.answer, answer.note)
    assert "Vesta" in answer.answer


def test_a_name_spelled_out_finds_its_acronym(index: NewsIndex) -> None:
    answer = index.ask("What did the Norland Grain Board say about exports?")
    assert not answer.abstained, (answer.answer, answer.note)
    assert "doubled" in answer.answer


def test_an_acronym_the_articles_never_spell_out_is_unknown(index: NewsIndex) -> None:
    answer = index.ask("In which city will trade ministers meet on the sidelines of the OPEC?")
    assert answer.abstained and answer.citations == []
    assert answer.note is not None and "OPEC" in answer.note


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        ("Roughly how many containers did Norland ship?", "How many containers did Norland ship?"),
        ("Exactly when did Rask meet Viken?", "When did Rask meet Viken?"),
        ("About how many ships came?", "How many ships came?"),
        ("About the talks, who came?", "About the talks, who came?"),  # no hedge
        ("How roughly did they reply?", "How roughly did they reply?"),
    ],
)
def test_a_hedge_before_the_question_word_is_dropped(question: str, plain: str) -> None:
    assert without_meta(question) == plain


def test_a_hedged_count_is_asked_as_a_count(index: NewsIndex) -> None:
    """Asked as "How many ...?", it is answered by the count, and only by a count of that."""
    answer = index.ask("Roughly how many containers did Norland ship to Finland?")
    assert not answer.abstained, (answer.answer, answer.note)
    assert "3,000" in answer.answer
    assert index.ask("Roughly how many containers did Norland ship to Sweden?").abstained
    assert index.ask("Approximately how many ports did Norland build?").abstained


def test_the_place_an_event_goes_to_may_be_named_the_sentence_before(index: NewsIndex) -> None:
    """ "ship to Finland": Finland is named by the sentence before the one with the count."""
    answer = index.ask("How many containers did Norland ship to Finland?")
    assert not answer.abstained, (answer.answer, answer.note)
    assert "3,000" in answer.answer
    other = index.ask("How many containers did Norland ship to Sweden?")
    assert "3,000" not in other.answer


@pytest.mark.parametrize(
    "question",
    [
        "What do the dock workers expected outside Finland's foreign ministry want?",
        "What do the farmers waiting outside Finland's foreign ministry want?",
        "What do the farmers want?",
    ],
)
def test_a_verb_parsed_as_a_noun_is_still_the_question_s_verb(question: str) -> None:
    assert analyse(question).predicate == "want"


def test_a_common_noun_doer_asks_of_its_verb(index: NewsIndex) -> None:
    """ "What did the trade minister thank the harbour master for?": the sentence must tell of
    thanking; the one that only has the minister meet him does not answer it. The harbour
    master is named in the answer, not described."""
    answer = index.ask("What did the trade minister thank the harbour master for?")
    assert not answer.abstained, (answer.answer, answer.note)
    assert "thanked" in answer.answer
    assert "cranes" not in answer.answer
    question = analyse("What did the trade minister thank the harbour master for?")
    assert question.doer == "minist" and question.theme_person


def test_a_person_described_by_a_role_is_asked_of_the_one_who_holds_it(index: NewsIndex) -> None:
    """ "Norland's top diplomat" is Anna Lind, Norland's foreign minister; the answer says so.
    "She" is Lind: the sentence before names her by her last name only."""
    answer = index.ask("Where will Norland's top diplomat head after leaving Bergen?")
    assert not answer.abstained, (answer.answer, answer.note)
    assert "Finland" in answer.answer
    assert answer.note is not None and "Anna Lind" in answer.note
    assert index.ask("Where will Estland's top diplomat head after leaving Bergen?").abstained


@pytest.mark.parametrize(
    ("word", "moving"),
    [("head", True), ("headed", True), ("leaving", True), ("flies", True), ("sail", True),
     ("voted", False), ("thanked", False), ("asked", False), ("called", False)],
)  # fmt: skip
def test_verbs_of_moving(word: str, moving: bool) -> None:
    assert moves(word) is moving


def test_for_after_a_verb_of_moving_is_where_one_goes(index: NewsIndex) -> None:
    """ "head for Finland": Finland is where she goes (a place, though "for" places nothing in
    "thanked X for the help")."""
    answer = index.ask("Where will Anna Lind fly after Bergen?")
    assert not answer.abstained, (answer.answer, answer.note)
    assert "Finland" in answer.answer


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        ("When did Lind and Moe last meet face to face?", "When did Lind and Moe last meet?"),
        ("Did they stand side by side?", "Did they stand?"),
        ("Who met one on one with Moe?", "Who met with Moe?"),
        ("Do they meet from time to time?", "Do they meet?"),
        ("What did he say to reporters?", "What did he say to reporters?"),
        ("Is it going to go to Tokyo?", "Is it going to go to Tokyo?"),
    ],
)
def test_a_manner_idiom_of_a_word_said_twice_is_dropped(question: str, plain: str) -> None:
    assert plainly_worded(question) == plain


def test_meeting_face_to_face_is_meeting(index: NewsIndex) -> None:
    answer = index.ask("When did Anna Lind and Ida Moe last meet face to face?")
    assert not answer.abstained, (answer.answer, answer.note)
    assert "September" in answer.answer


def test_which_outlet_reported_what_he_said(index: NewsIndex) -> None:
    """ "According to which outlet did Olsen say ...?": the quote names no one ("he said"); its
    speaker is the one the attribution resolved, so the outlet is that article's."""
    answer = index.ask(
        "According to which outlet did Mark Olsen say the two countries will double night ferries?"
    )
    assert not answer.abstained, (answer.answer, answer.note)
    assert answer.answer.startswith("Coast Wire")
    assert "night ferries" in answer.answer


def test_an_attribute_of_a_thing_is_told_by_a_sentence_that_names_it(
    index: NewsIndex, sample_index: NewsIndex
) -> None:
    """ "What is the GDP of X?": no sentence names a GDP; one that says what X's official
    name is (in the built-in articles, North Korea's) is no answer."""
    for built, question in ((index, "What is the GDP of Norland?"),
                            (sample_index, "What is the GDP of North Korea?")):  # fmt: skip
        answer = built.ask(question)
        assert answer.abstained and answer.citations == [], answer.answer


def test_a_country_s_word_is_not_its_minister_s(index: NewsIndex) -> None:
    """ "What did Finland's foreign minister say ...?": Finland, with its allies, "say" a
    blockade; that is no minister's word, and the articles name no Finnish foreign minister."""
    answer = index.ask("What did Finland's foreign minister say about the blockade?")
    assert answer.abstained and answer.citations == [], answer.answer


@pytest.mark.parametrize(
    ("question", "predicate"),
    [
        ("Where is Ole Dahl heading?", "head"),
        ("Where is the minister heading?", "head"),
        ("What was Anna Lind expected to reaffirm in Bergen?", "reaffirm"),
        ("When is Lind scheduled to meet Dahl?", "meet"),
    ],
)
def test_the_event_a_question_asks_of(question: str, predicate: str) -> None:
    """The verb after "is" that the parser took for a noun ("heading"); the verb a verb of
    expecting frames ("expected to reaffirm")."""
    assert analyse(question).predicate == predicate


@pytest.mark.parametrize(
    ("question", "predicate", "subject", "place"),
    [
        ("Which Danish officials are Lind and Moe meeting in Oslo?", "meet", "Lind", "Oslo"),
        ("Who is Ole Dahl meeting in Finland?", "meet", "Ole Dahl", "Finland"),
        ("Who is Lind going to meet in Bergen?", "meet", "Lind", "Bergen"),
        ("What are the dock workers demanding in Vesta?", "demand", None, "Vesta"),
        ("What was Lind trying to broker in Bergen?", "broker", "Lind", "Bergen"),
    ],
)
def test_a_progressive_question_asks_of_its_ing_verb(
    question: str, predicate: str, subject: str | None, place: str
) -> None:
    """ "Which officials are X and Y meeting in Z?": the parser may make a name the main verb
    and "meeting" a noun; the -ing word is the verb, the name after "are" its subject, and the
    place after it where the meeting is."""
    asked = analyse(question)
    assert asked.predicate == predicate
    assert (asked.subject.text if asked.subject else None) == subject
    assert any(n.text == place and n.argument for n in asked.names), asked.names


@pytest.mark.parametrize(
    "question",
    [
        "What is the meeting about?",
        "What was the Arctic Council meeting in Oslo about?",
        "What is Lind's meeting about?",
    ],
)
def test_a_noun_in_ing_after_is_stays_a_noun(question: str) -> None:
    """ "the meeting", "the Arctic Council meeting", "Lind's meeting": a thing, not a verb."""
    assert analyse(question).predicate is None


@pytest.mark.parametrize(
    "question",
    [
        "Which officials is Lind meeting in Finland?",
        "Which Finnish officials are Lind and Dahl meeting in Finland?",
        "Who is Ole Dahl meeting in Finland?",
    ],
)
def test_a_progressive_question_is_answered_of_its_place(index: NewsIndex, question: str) -> None:
    """Lind heads for Finland, and Dahl met her in Bergen: nothing says whom either meets in
    Finland (not the sentence of her going there, nor the meeting in Bergen)."""
    answer = index.ask(question)
    assert answer.abstained and answer.citations == [], answer.answer


def test_a_described_person_is_the_one_who_holds_the_role(index: NewsIndex) -> None:
    """ "Norland's national security adviser" is Ole Dahl: where Anna Lind heads (the sentence
    of "She") is not where he heads, and the answer says how it read the question."""
    answer = index.ask("Where is Norland's national security adviser heading?")
    assert answer.abstained and answer.citations == [], answer.answer
    assert answer.note is not None and "Ole Dahl" in answer.note
    expected = index.ask("What was Norland's top diplomat expected to reaffirm in Bergen?")
    assert "open shipping lanes" in expected.answer, (expected.answer, expected.note)


def test_a_capital_stands_for_its_country_in_a_role(index: NewsIndex) -> None:
    """ "Oslo's foreign minister" is Norway's: Kari Nordmann."""
    answer = index.ask("What did Oslo's foreign minister say about the blockade?")
    assert not answer.abstained, (answer.answer, answer.note)
    assert "must end" in answer.answer
