"""Parts of a question that frame what it asks without being asked: a clause of time ("Who
greeted X when she landed?" asks of the greeting, not the landing); a phrase of time naming a
place ("before the Bergen talks"); the kind of thing asked for after "What type of"; the word for
a name ("the abbreviation X"); a past perfect the parser misreads ("Where had they met?"); the
time since an event ("the first in three years") for how long one lasted, and the answer to how
long it had been; a date the verb acts on ("Which date did X name as ...?") for when it was done;
a phrase before the question word ("Before her trip, how long ...?").
Articles written for the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.embedding import Embedder
from index.followup import contextualize, looks_like_followup
from index.question import analyse
from index.question_words import TIMES, plainly_worded
from index.relation import _quoted_phrases
from index.service import NewsIndex

ARTICLES = {
    "arrival.txt": """Title: Lind lands in Bergen
Source: Fjord Post
Date: 2024-11-05

Norland Foreign Minister Anna Lind landed at Flesland airport late on Monday, flying in from Oslo where she attended a meeting of Nordic ministers.

Lind will hold talks on grain shipping in Bergen on Tuesday.
""",
    "talks.txt": """Title: Lind and Moe hold talks
Source: Fjord Post
Date: 2024-11-06

Anna Lind held talks with Fisheries Minister Ida Moe on Tuesday.

Lind and Moe previously met in person at the Arctic Council in Tromso in September.

The two sides also discussed herring quotas in the Barents Sea, the ministry said.
""",
    "ports.txt": """Title: Ports buy new equipment
Source: Quay Times
Date: 2024-11-07

The Port of Vesta bought two Liebherr harbour cranes in October to clear the grain backlog.

The Norland Grain Board (NGB) said on Tuesday that exports had doubled.
""",
    "lysa.txt": """Title: Lysa readies for winter
Source: Quay Times
Date: 2024-11-07

The Port of Lysa bought new equipment for use in the winter season.
""",
    "visits.txt": """Title: Lind and Moe meet again
Source: Fjord Post
Date: 2024-11-09

The meeting between Lind and Moe in Bergen was their first in more than three years.

The ferry talks in Stavanger lasted three hours.

Anna Lind travelled to Vesta this week, her first trip outside Norland in over six years, and met the harbour council there.

Vesta's coast guard said on Monday it was on alert after Norland designated June 3 as "harbour workers day" to mark the opening of its first deep-water port last year.

Anna Lind reached Vesta on Sunday evening after a two-day meeting of Nordic ministers in Oslo.

Anna Lind will fly on to Tromso on Friday, capping her eleven-day multination tour that included stops in the Baltic.

Anna Lind began her multination tour of Baltic ports in Riga on Monday morning.

Norland and Vesta intelligence agencies in October assessed that Estland had likely shipped more than 500 containers of rye to Lysa.
""",
    "satellite.txt": """Title: Norland to launch satellite
Source: Quay Times
Date: 2024-11-10

Norland's space agency announced it will launch its first weather satellite using a Vesta rocket at the Lysa spaceport on Dec. 2.

Norland's fishing fleet will stay in port on Monday to protest against the new quotas.
""",
    "council.txt": """Title: Arctic Council meets
Source: Coast Wire
Date: 2024-09-13

The Arctic Council session in Tromso opened at 9:30 a.m. on Sept. 12.

The harbour council in Vesta opened its autumn session in September.
""",
    "remarks.txt": """Title: Ferry links to grow
Source: Coast Wire
Date: 2024-11-08

"Our two countries will double the number of night ferries," Mark Olsen said in Oslo on Monday.

Norland remains committed to the night ferries, Mark Olsen told reporters in Oslo.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "clauses", ARTICLES) as built:
        yield built


def test_a_sentence_of_the_clause_of_time_alone_does_not_answer(index: NewsIndex) -> None:
    """ "Who greeted Lind when she landed?": the landing is told, the greeting nowhere."""
    answer = index.ask("Who greeted Anna Lind when she landed at Flesland airport?")
    assert answer.abstained and answer.citations == [], answer.answer
    landed = index.ask("Where did Anna Lind land on Monday?")
    assert "Flesland" in landed.answer, landed.answer


def test_where_someone_was_when_they_said_something_is_still_answered(index: NewsIndex) -> None:
    """ "Where was X when he said ...?" asks of the saying itself."""
    answer = index.ask('Where was Mark Olsen when he said "Our two countries will double"?')
    assert not answer.abstained, answer.answer
    assert "Oslo" in answer.answer


@pytest.mark.parametrize(
    ("question", "verbs"),
    [
        ("Who greeted Anna Lind when she landed at Flesland airport?", {"land"}),
        ("What did Lind discuss after she arrived in Bergen?", {"arriv"}),
        ("Where was Blinken when he said he was going to Korea?", set()),  # the saying is asked
        ("Who met Lind to discuss grain?", set()),  # a purpose, not a time
    ],
)
def test_the_verbs_of_a_clause_of_time(question: str, verbs: set[str]) -> None:
    assert analyse(question).clause == verbs


def test_a_place_in_a_phrase_of_time_need_not_be_in_the_sentence(index: NewsIndex) -> None:
    """ "before the Bergen talks" only dates the meeting asked about, which was elsewhere."""
    answer = index.ask("Where had the two ministers last met in person before the Bergen talks?")
    assert not answer.abstained, answer.answer
    assert "Tromso" in answer.answer


@pytest.mark.parametrize(
    ("question", "framing"),
    [
        ("Where had Lind met Moe before the Bergen talks?", {"Bergen"}),
        ("What did Lind say after the Oslo meeting?", {"Oslo"}),
        ("What did Lind say in Bergen?", set()),
        ("What did Lind discuss apart from Norway?", {"Norway"}),
        ("What did Lind discuss other than Norway?", {"Norway"}),
        ("Who came from Norway?", set()),
    ],
)
def test_names_in_a_phrase_of_time_only_date_the_question(question: str, framing: set[str]) -> None:
    assert {n.text for n in analyse(question).names if n.frame} == framing


@pytest.mark.parametrize(
    ("question", "predicate"),
    [
        # the parser makes "had" the main verb and "met" a clause of it
        ("Where had the two foreign ministers last met in person before the talks?", "meet"),
        ("When had the two foreign ministers last met in person?", "meet"),
    ],
)
def test_a_past_perfect_asks_of_its_participle(question: str, predicate: str) -> None:
    assert analyse(question).predicate == predicate


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What type of rocket did Norland use?", "rocket"),
        ("What kind of cranes did the port buy?", "crane"),
        ("Which rockets did Norland use?", "rocket"),
        ("What is the name of the port?", None),
    ],
)
def test_the_kind_of_thing_asked_for(question: str, kind: str | None) -> None:
    assert analyse(question).kind == kind


def test_what_type_of_thing_is_told_by_a_sentence_naming_one(index: NewsIndex) -> None:
    """ "What type of crane did X buy?": X's "new equipment for use in winter" is no crane."""
    answer = index.ask("What type of crane did the Port of Vesta buy?")
    assert "Liebherr" in answer.answer, answer.answer
    none = index.ask("What type of crane did the Port of Lysa buy?")
    assert none.abstained and none.citations == [], none.answer


@pytest.mark.parametrize(
    "question",
    [
        "What does the abbreviation NGB stand for?",
        "What is the acronym NGB short for?",
        "What does NGB stand for?",
    ],
)
def test_what_an_abbreviation_stands_for(index: NewsIndex, question: str) -> None:
    answer = index.ask(question)
    assert "Norland Grain Board" in answer.answer, answer.answer


def test_the_time_since_the_last_event_is_not_how_long_this_one_lasted(index: NewsIndex) -> None:
    """ "their first in more than three years" is the time since they last met."""
    answer = index.ask("How long did the meeting between Lind and Moe last?")
    assert answer.abstained and answer.citations == [], answer.answer
    lasted = index.ask("How long did the ferry talks in Stavanger last?")
    assert "three hours" in lasted.answer, lasted.answer


def test_a_date_the_verb_acts_on_is_not_when_it_was_done(index: NewsIndex) -> None:
    """ "Which date did X name as "Y"?": the date named, told in whatever verb ("designated");
    "On what date ...?" still asks when."""
    answer = index.ask('Which date did Norland name as its "harbour workers day"?')
    assert "June 3" in answer.answer, answer.answer
    assert analyse("On what date did Lind land?").wh == "what"


@pytest.mark.parametrize(
    "question",
    [
        "which day has Norland named 'harbour workers day'?",  # single quotes, no "as"
        "Which day has Norland named ‘harbour workers day’?",
    ],
)
def test_a_day_named_with_the_quoted_name(index: NewsIndex, question: str) -> None:
    """The wh-phrase is what is named (the parser reads it as an adverb), and a phrase in single
    quotes is quoted as much as one in double quotes."""
    assert analyse(question).slot[1] == "obj"
    answer = index.ask(question)
    assert "June 3" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        ("Why did X pick 'harbour workers day'?", (["harbour", "workers", "day"],)),
        ("What did Lind's aides say about the ministers' talks?", ()),  # possessives
        ("Which 'Pretty Woman' star spoke?", ()),  # a title
        ('What is "grain day"?', (["grain", "day"],)),
    ],
)
def test_the_phrases_a_question_quotes(question: str, phrases: tuple[list[str], ...]) -> None:
    assert _quoted_phrases(question) == phrases


def test_the_time_since_the_last_event(index: NewsIndex) -> None:
    """ "How long had it been since X last went abroad?": "her first trip outside Norland in over
    six years" says so, without a word of "last" or "previously"."""
    for question in (
        "How long had it been since Anna Lind last travelled abroad?",
        "Before her trip to Vesta, how long had it been since Anna Lind last left Norland?",
    ):
        answer = index.ask(question)
        assert "six years" in answer.answer, (question, answer.answer)


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        ("Before her trip, how long had it been?", "How long had it been before her trip?"),
        ("In 2019, who won the race?", "Who won the race in 2019?"),
        ("Apart from grain, what did they discuss?", "What did they discuss apart from grain?"),
        ("In which city did they meet?", "In which city did they meet?"),
        ("For what did Lind thank Moe?", "What did Lind thank Moe for?"),
        (
            "According to the ministry, for what did Lind thank Moe?",
            "According to the ministry, what did Lind thank Moe for?",
        ),
        ("With whom did Lind meet?", "With whom did Lind meet?"),
        ("And roughly how many ships were sold?", "And how many ships were sold?"),
    ],
)
def test_a_phrase_before_the_question_word_goes_after_it(question: str, plain: str) -> None:
    assert plainly_worded(question) == plain


def test_talking_about_is_discussing(index: NewsIndex) -> None:
    """ "talk about" is WordNet's phrasal verb for "discuss" (the parser tags "about" a
    preposition)."""
    assert analyse("What did Lind and Moe talk about?").predicate == "talk_about"
    answer = index.ask("Which quotas did Anna Lind and Ida Moe talk about?")
    assert "herring" in answer.answer, answer.answer


def test_a_name_left_out_of_the_question_need_not_be_in_the_answer(index: NewsIndex) -> None:
    """ "apart from Tromso": what else they discussed, not what of Tromso."""
    answer = index.ask("Which quotas did Anna Lind and Ida Moe discuss apart from Tromso?")
    assert "herring" in answer.answer, answer.answer


def test_why_is_answered_by_a_reason(index: NewsIndex) -> None:
    """ "Why ...?": a sentence that only tells that the thing is so gives no reason, however
    close; one that gives a purpose ("to protest against ...") does. A long "why" question is
    not answered by each source's evidence instead."""
    for question in (
        "Why will Norland launch its first weather satellite at the Lysa spaceport?",
        "Why is Norland's space agency launching its first weather satellite on a Vesta rocket"
        " from the Lysa spaceport rather than from a site at home in early December?",
    ):
        answer = index.ask(question)
        assert answer.abstained and answer.citations == [], (question, answer.answer)
    reason = index.ask("Why will Norland's fishing fleet stay in port on Monday?")
    assert "protest" in reason.answer, reason.answer


def test_how_long_ago_is_the_time_since(index: NewsIndex) -> None:
    """ "How long ago ...?" is answered by the time since an event ("her first trip ... in over
    six years"), not by how long one lasted ("a two-day meeting")."""
    answer = index.ask("How long ago did Anna Lind last travel abroad?")
    assert "six years" in answer.answer, answer.answer
    lasted = index.ask("How long ago was the meeting of Nordic ministers in Oslo?")
    assert lasted.abstained and lasted.citations == [], lasted.answer


@pytest.mark.parametrize(
    ("question", "followup"),
    [
        ("Who made that assessment?", True),
        ("How long ago was that?", True),
        ("What did those visits bring?", True),
        ("Which outlet reported that Lind met Moe?", False),  # the "that" of a clause
        ("What did Lind say that Moe would do?", False),
    ],
)
def test_a_demonstrative_points_back(question: str, followup: bool) -> None:
    assert looks_like_followup(question) is followup


@pytest.mark.parametrize(
    ("question", "wh"),
    [
        ("And how many ships were sold?", "how_many"),
        ("And how long was the tour?", "how_many"),
        ("And where did they meet?", "where"),
        ("How did they meet?", "how"),
    ],
)
def test_a_follow_up_joined_by_and_asks_its_question_word(question: str, wh: str) -> None:
    assert analyse(question).wh == wh


def test_a_followup_that_points_back_with_that(index: NewsIndex) -> None:
    """ "Who made that assessment?" asks of the turn before, whose names it carries."""
    index.ask_in_chat("How many containers of rye is Estland thought to have shipped?", "t-that")
    answer, _ = index.ask_in_chat("Who made that assessment?", "t-that")
    assert "intelligence agencies" in answer.answer, answer.answer
    # after a turn on another topic, the names it carries find sentences of theirs, none of
    # which tells of an assessment
    index.ask_in_chat("How long was Anna Lind's whole multi-country tour?", "t-that-off")
    off, _ = index.ask_in_chat("Who made that assessment?", "t-that-off")
    assert off.abstained and off.citations == [], off.answer


def test_what_a_demonstrative_carries() -> None:
    """A pronoun stands for the names before, which the answer must then mention; "that day"
    stands for a thing of the turn before, told in sentences that need not name its names."""
    pointing = contextualize("What does that day mark?", ["Norland"])
    assert pointing.carried == ("Norland",) and pointing.required == ()
    pronoun = contextualize("What did she say?", ["Anna Lind"])
    assert pronoun.required == ("Anna Lind",)
    # a leading "and" goes on about the thing pointed at, not about the names
    going_on = contextualize("And what is that day meant to mark?", ["Norland"])
    assert going_on.required == () and going_on.thing
    and_names = contextualize("And about Estland?", ["Anna Lind"])
    assert and_names.required == ("Anna Lind",)


def test_a_phrasal_verb_the_parser_made_a_noun(index: NewsIndex) -> None:
    """ "Where did X's plane touch down?": the parser makes "touch" a noun; read again as the
    verb (not "minister", a verb too, but one a possessive follows), it is still the phrasal
    verb "touch down" (to land)."""
    question = "Where did the Norland foreign minister's plane touch down when she got to Bergen?"
    assert analyse(question).predicate == "touch_down"
    answer = index.ask(question)
    assert "Flesland" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "expects_times"),
    [
        ("How long was Anna Lind's whole tour?", True),
        ("How long was the war?", True),
        ("How long is the Vesta bridge?", False),  # a thing one can point at: a length
        ("How long did the talks last?", True),
    ],
)
def test_how_long_a_thing_that_lasts_was(question: str, expects_times: bool) -> None:
    assert (analyse(question).expects == TIMES) is expects_times


def test_how_long_a_trip_was_is_its_length_of_time(index: NewsIndex) -> None:
    answer = index.ask("How long was Anna Lind's whole multi-country tour?")
    assert answer.answer.startswith("Anna Lind will fly on to Tromso"), answer.answer


def test_the_same_event_of_another_subject_is_no_answer(index: NewsIndex) -> None:
    """ "Where did X stay?": "Norland remains committed ..., X told reporters in Oslo" has the
    verb (a synonym) of Norland, and X doing something else."""
    answer = index.ask("Where did Mark Olsen stay overnight?")
    assert answer.abstained and answer.citations == [], answer.answer
    said = index.ask("Where did Mark Olsen tell reporters about the night ferries?")
    assert "Oslo" in said.answer, said.answer


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("What time exactly did Anna Lind land at Flesland airport?", None),  # "late on Monday"
        ("At what time exactly did the Arctic Council session in Tromso open?", "9:30"),
        ("On what exact date did the Arctic Council session in Tromso open?", "Sept. 12"),
        (
            "On what exact date did the harbour council in Vesta open its autumn session?",
            None,
        ),  # a month only
    ],
)
def test_an_exact_time_or_date_is_as_precise_as_asked(
    index: NewsIndex, question: str, told: str | None
) -> None:
    answer = index.ask(question)
    if told is None:
        assert answer.abstained and answer.citations == [], answer.answer
    else:
        assert told in answer.answer, answer.answer
