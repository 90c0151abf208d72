"""Answers that answer: who said what, abstention, evidence, conflicts, corroboration.

Every case runs on articles written for the test (index/ never sees them at design time), so
nothing here can pass by fitting the sample articles' words.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.contract import assert_contract_fields

from bot.render import answer_lines
from index.embedding import Embedder
from index.models import CANNOT_ANSWER, Answer
from index.service import NewsIndex

ARTICLES = {
    "harbour.txt": """Title: Harbour repairs split the council
Source: Quay Times
Date: 2024-05-02

Mayor Ada Lind said the harbour would reopen in June after the repairs.

"We will not raise the tolls this year," Lind told reporters on Tuesday.

The council praised Lind for the plan, and Councillor Bo Stam voted against it.

Stam said the repairs cost too much. He added that the money should go to schools.

Protesters gathered outside the harbour office on Monday.
""",
    "harbour-herald.txt": """Title: Harbour to reopen in June, mayor says
Source: Harbour Herald
Date: 2024-05-03

The harbour will reopen in June, Mayor Ada Lind said, and the repairs will cost 12 million
crowns.

About 300 fishermen joined a protest at the harbour office, asking for lower fees.

Harbour master Ole Dahl led an inspection of the quay on Wednesday.

Dahl said the old cranes would be sold to pay for new ones.
""",
    "dockers.txt": """Title: Dock workers rally
Source: Quay Times
Date: 2024-06-01

Mayor Ada Lind was met by a crowd of Swedish dock workers at the town hall on Friday.

They want a shorter working week and safer cranes.
""",
    "envoy.txt": """Title: Envoy on tour
Source: Coast Notes
Date: 2024-04-02

Envoy Mila Strand's three-day visit to Vika is her first as envoy.

She arrived by train from Tarsby on Sunday.
""",
    "quay-news.txt": """Title: Quay cranes for sale
Source: Tide and Time
Date: 2024-05-06

The town will sell the old quay cranes in August, harbour master Ole Dahl told the council.
""",
    "storm-a.txt": """Title: Storm hits Arlen
Source: Arlen Post
Date: 2024-02-10

The storm destroyed 40 homes in Arlen on Friday night, officials said on Saturday.

Power was restored to most of the town by Sunday.
""",
    "storm-b.txt": """Title: Storm hits Arlen
Source: Valley Wire
Date: 2024-02-10

The storm destroyed 400 homes in Arlen on Friday night, officials said on Saturday.

Power was restored to most of the town by Sunday.
""",
    "bridge-gazette.txt": """Title: Bridge works near the end
Source: Town Gazette
Date: 2024-06-01

The new Elm Street bridge will open on Sept. 14, the works department said.

Cyclists will get their own lane on the bridge.

Until then, a crossing on the old ferry costs 2.40 euros, the same as a bus fare.
""",
    "bridge-daily.txt": """Title: Elm Street bridge: two years of works
Source: River Daily

After two years of works, the new Elm Street bridge is due to open on 14 September 2024.

When the Elm Street bridge opens later this year, tolls on the old ferry will end.
""",
    "rowing.txt": """Title: Rowing club elects a new board
Source: Lake Courier
Date: 2024-04-10

The rowing club's members met on Saturday with coach Mira Holt and treasurer Jon Vale.

Club president Eva Rask said the rowing season would start in May.

The club's new pier lies 3 kilometres from the boathouse, Rask said.

Rask arrived in Lund on Friday for the regatta. Her next race is in Malmo.

The pier cost 12,000 crowns and has 40 berths for the club's boats.
""",
    "regatta.txt": """Title: Spring regatta on the lake
Source: Lake Courier
Date: 2024-04-22

Eva Rask won the spring regatta on Sunday, rowing the course in eight minutes.

The spring regatta drew rowers such as Mira Holt, Jon Vale and Eva Rask from five clubs.

The regatta's sponsors met the club's board after the race, and the two agreed to meet again.

Coach Ida Berg ran a three-week training camp for the juniors.
""",
    "boatworks.txt": """Title: Boatworks posts results
Source: Lake Courier
Date: 2024-07-30

Boatworks reported revenue of 8 million euros in the first quarter, up from a year earlier.
""",
    "summit.txt": """Title: Lake summit
Source: Lake Courier
Date: 2024-08-02

Prime Minister Ulla Berg of Italy said Canada would host the next lake summit.

Canadian Prime Minister Jonas Dale said Italy had set the agenda of the talks.
""",
    "tariffs.txt": """Title: Steel tariffs to fall
Source: Lake Courier
Date: 2024-09-01

Ottawa will cut its tariffs on steel on 1 October, the trade ministry said.

"We want cheaper steel for our shipyards," Ottawa said in a statement.
""",
    "ferry-union.txt": """Title: Ferry union warns of a strike
Source: Coast Notes
Date: 2024-03-05

"The ferry timetable is a disgrace," union leader Lars Ekdal said on Monday. "Crews work twelve
hours a day. They sleep on the boats. Nobody at the company listens to them. We wrote to the
board in May. We wrote again in July. Our members will strike if the ferry timetable stays."
""",
    "probe.txt": """Title: Probe tests end
Source: Coast Notes
Date: 2024-10-01

Engineer Tova Lind flew back from Norway on Monday after the last tests of the probe.

It marks the launch of the probe programme, set for March 2025.
""",
    "tour.txt": """Title: Long ride ends by the sea
Source: Coast Notes
Date: 2024-06-20

The cyclist Tom Vik arrived in Hollby on Thursday evening, tired but smiling, and ate fish soup
by the sea.

Vik left Hollby again on Saturday for the ferry home.
""",
    "lake-levels.txt": """Title: Lake levels fall
Source: Lake Courier
Date: 2024-09-10

Oslo officials said the lake levels would fall further in the autumn.
""",
    "echo.txt": """Title: Lighthouse keeper retires
Source: Coast Notes
Date: 2024-03-01

The lighthouse keeper retired after forty years. The lighthouse keeper retired after forty years.
Her last night on duty was calm, she said.
""",
    "handsets.txt": """Title: Tarn phones over the years
Source: Gadget Ledger
Date: 2024-06-01

The Tarn 6 was announced on March 3, 2020, with a larger screen.

The Tarn 7b was announced on May 5, 2021, at a smaller price.
""",
    "timber.txt": """Title: Timber for the port
Source: Fjord Post
Date: 2024-04-02

Holm officials are worried about what Varna is giving the port in return for the timber.

The harbour of Holm froze early this year.
""",
    "ferry-plan.txt": """Title: Ferry timetable
Source: Brenna Bulletin
Date: 2024-04-05

Transport chief Vera Holt visited the island on Monday.

Holt said Brenna and its harbour would get a new ferry from May.
""",
    "spruce.txt": """Title: Spruce sales
Source: Fjord Post
Date: 2024-04-03

Ostra sold what officials called Belmo's biggest spruce order in years.
""",
    "fisheries.txt": """Title: Fisheries talks in Oslo
Source: North Sea Review
Date: 2024-03-12

Norwegian Foreign Minister Eira Vold met Danish Prime Minister Karl Ness in Oslo on Tuesday.

Danish Defence Minister Per Lund joined the talks on the second day.

The ministers agreed to share patrol boats in the North Sea.

In a report on Monday, the Fisheries Board said cod quotas would be cut by a fifth next year.

Fisheries Board chair Ida Moe presented the report to the ministers.

Trade envoy Lee Jae Un arrived in Oslo on Monday.

Eira Vold met the envoys at the U.N. office in Oslo.

Iceland-related issues could be raised at a later meeting.
""",
    "ness.txt": """Title: Ness tours Norway
Source: North Sea Review
Date: 2024-03-14

Danish Prime Minister Karl Ness met reporters in Oslo on Tuesday.

"We will share the patrol boats with our neighbours," Ness said.

In Bergen on Wednesday, Ness said the new cod quotas were fair to both fleets.

Norwegian Foreign Minister Eira Vold said in Bergen that the talks had gone well.
""",
    "quay-thanks.txt": """Title: New quay opens
Source: Vika Post
Date: 2024-05-02

Mayor Mona Sand met harbour master Kai Vik in Vika on Monday.

"The mayor praised the works and thanked" Vik for the new quay, the council said.
""",
    "grain.txt": """Title: Timber for grain
Source: Fjord Post
Date: 2024-04-09

Brill shipped a large amount of timber to Osterby last winter, port officials said.

Brill is thought to receive cheap grain from Osterby in exchange for the wood.
""",
    "corvo-ties.txt": """Title: Corvo and Dunmark draw closer
Source: Osterby Daily
Date: 2024-04-10

Dunmark officials see the closer trade ties between Corvo and Dunmark as an effort by Corvo
to secure steady supplies in return.
""",
    "corvo-logs.txt": """Title: Corvo timber shipments
Source: Fjord Post
Date: 2024-04-11

Customs inspectors assessed in March that Corvo had likely shipped some 3,000 loads of lumber in
exchange for fuel deliveries and other aid, according to Dunmark's trade office.
""",
    "larkspur.txt": """Title: Larkspur Quest notes
Source: Game Ledger
Date: 2024-06-01

Version 3.1 (Released June 2, 2023) · New islands have been added to the map of Larkspur Quest.

Larkspur Quest came out in 2019 to warm reviews.

Brisa Motors reports a record quarter · Profit: 2 million euros · Revenue: 9 million euros.
""",
    "town-hall.txt": """Title: A call at the town hall
Source: Quay Times
Date: 2024-07-01

Councillor Oda Berg paid a courtesy call on Mayor Finn Aas on Monday.

It was Berg's first trip to the town hall in more than two years, after her last visit for the
budget talks.
""",
    "dock-strike.txt": """Title: Ferries stay in port
Source: Vika Post
Date: 2024-07-02

The mayor flew to Holm on Monday after a meeting of port chiefs who called for a pause in the
dock strike to let the ferries carry food to the islands.

The dock strike began because the port cut the night shift.
""",
    "regatta-pact.txt": """Title: Rowers meet at Skarn regatta
Source: Lake Courier
Date: 2024-08-01

Rowers from Vika and Holm met at the Skarn regatta on Saturday for the first time in ten years.

The two rowing clubs signed a training pact at the Skarn regatta.
""",
    "ferry-minister.txt": """Title: New ferry route
Source: Coast Notes
Date: 2024-07-03

U.K. Transport Secretary Mae Tull opened the new ferry route to Vika on Tuesday.
""",
    "quay-protest.txt": """Title: Fishermen wait at the quay
Source: Vika Post
Date: 2024-07-05

Mayor Mona Sand will be met by a group of fishermen when she arrives at the north quay on Friday.

They are demanding lower fees for the new berths.

She was in Holm before the trip.
""",
    "quota-talks.txt": """Title: Quota talks go on
Source: North Sea Review
Date: 2024-03-15

"Norway has to move first on the cod quotas," Danish fisheries minister Lise Brandt said.

Lise Brandt said in Copenhagen that the talks would go on.
""",
    "harbour-authority.txt": """Title: Harbour fees to rise
Source: Tide and Town
Date: 2024-07-08

The Varna Harbour Authority said on Monday that berth fees would rise in the autumn.

Fishermen's leader Per Sund said the rise would hurt small boats.

Ferries will keep their old berths until the spring, the town's port office said.

VHA said in a statement that the new fuel quay would open in May.
""",
    "north-varn.txt": """Title: Rocket test
Source: Varn Times
Date: 2024-06-03

North Varn tested a new rocket on Monday, officials in the capital said.

Holm officials said the North appears to be preparing another test.

Brenna officials said the South needs more rain this summer.

North Varn is preparing to launch a spy satellite after failing twice this year to put one in
orbit.
""",
    "g9-tariffs.txt": """Title: Timber tariffs
Source: Vika Post
Date: 2024-06-05

The G9 trade ministers said on Monday that the new tariffs on timber were unfair.
""",
    "canal-review.txt": """Title: Canal review
Source: Vika Post
Date: 2024-06-07

The Canal Board in a report on Friday criticized the new lock fees.

"Barge traffic fell by a tenth last year," the report said.
""",
    "ferry-captain.txt": """Title: New ferry captain
Source: Vika Post
Date: 2024-06-08

Captain Tove Rind, 54 years old, took over the Vika ferry on Tuesday.

Pilot Jens Alm joined the crew on Tuesday.

Rind's deputy, first mate Ola Berg, will sail the night ferry.
""",
    "space.txt": """Title: Space plans for the summer
Source: Orbit Weekly
Date: 2024-06-01

North Korea failed to put a spy satellite in orbit in May.

South Korea will launch its first weather satellite on June 4, its space agency said.

Lumeria launched a test missile on March 2, officials said.

Lumeria set aside May 9 as a day of remembrance for its fishing fleets.

Estonia will launch its weather probe next year after talks with Latvia.

Finland will launch its weather probe from a base in Kiruna next year.

On May 20, Estonian officials urged Finland to delay the probe's second flight.

The rockets were shown at the Andoya base in Andenes, 300 kilometres north of Tromso, after a tour of Bergen.

Fisheries Board chair Tor Viken opened the space fair in Bergen.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    folder = tmp_path_factory.mktemp("answering")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    built = NewsIndex(folder / "data", "answering", embedder, create=True)
    built.ingest([str(folder / name) for name in ARTICLES])
    yield built
    built.close()


def _lines(answer: Answer) -> list[str]:
    return answer.answer.splitlines()


def test_who_said_what_answers_only_from_the_speakers_own_words(index: NewsIndex) -> None:
    answer = index.ask("What did Ada Lind say about the tolls?")
    assert not answer.abstained and answer.answer_kind == "answer"
    assert any("raise the tolls" in line for line in _lines(answer))
    assert not any("praised Lind" in line for line in _lines(answer))  # a mention, not her words


def test_a_long_quote_is_shown_whole_from_its_first_statement_on_the_topic(
    index: NewsIndex,
) -> None:
    answer = index.ask("What did Lars Ekdal say about the ferry timetable?")
    lines = _lines(answer)
    first = next(i for i, line in enumerate(lines) if "is a disgrace" in line)
    last = next(i for i, line in enumerate(lines) if "will strike" in line)
    assert first < last  # both ends of the quote, in the article's order


def test_a_countrys_adjective_names_its_capitals_officials(index: NewsIndex) -> None:
    answer = index.ask("What did Norwegian officials say about the lake levels?")
    assert not answer.abstained and "would fall further" in answer.answer
    assert index.ask("What did Swedish officials say about the lake levels?").abstained


def test_he_added_is_the_earlier_speakers_statement(index: NewsIndex) -> None:
    answer = index.ask("What did Bo Stam say about the money?")
    assert any("should go to schools" in line for line in _lines(answer))


def test_a_speaker_never_quoted_on_the_topic_is_an_abstention_with_a_note(
    index: NewsIndex,
) -> None:
    answer = index.ask("What did Ada Lind say about the schools?")
    assert answer.abstained and answer.citations == [] and answer.answer == CANNOT_ANSWER
    assert answer.note is not None and "Ada Lind is quoted" in answer.note
    assert answer.to_json()["answer_kind"] == "abstained"


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # "Harbour master Ole Dahl led an inspection": his statement names him only as "Dahl".
        ("What did the harbour master say about the cranes?", "cranes would be sold"),
        ("What did the councillor say about the repairs?", "cost too much"),
    ],
)
def test_a_speaker_asked_for_by_role_is_the_person_given_that_role(
    index: NewsIndex, question: str, said: str
) -> None:
    answer = index.ask(question)
    assert not answer.abstained and said in answer.answer
    assert "praised Lind" not in answer.answer and "led an inspection" not in answer.answer


@pytest.mark.parametrize(
    ("question", "note"),
    [
        ("What did the treasurer say about the pier?", "Jon Vale"),  # given the role, unquoted
        ("What did the lighthouse inspector say about the repairs?", None),  # nobody has it
    ],
)
def test_a_role_nobody_quoted_holds_is_an_abstention(
    index: NewsIndex, question: str, note: str | None
) -> None:
    answer = index.ask(question)
    assert answer.abstained and answer.citations == []
    if note is None:
        assert answer.note is None or "mention" not in answer.note
    else:
        assert answer.note is not None and note in answer.note


def test_he_or_she_in_a_follow_up_is_the_previous_turns_person(index: NewsIndex) -> None:
    index.ask_in_chat("Who is Eva Rask?", "t-she-rask")
    answer, _ = index.ask_in_chat("When did she arrive in Lund?", "t-she-rask")
    assert not answer.abstained and "Friday" in answer.answer
    index.ask_in_chat("Who is Mira Holt?", "t-she-holt")
    answer, _ = index.ask_in_chat("When did she arrive in Lund?", "t-she-holt")
    assert answer.abstained, answer.answer  # Rask arrived there, not Holt (same passage)


def test_a_country_speaks_through_its_capital(index: NewsIndex) -> None:
    answer = index.ask("What did Canada say about steel?")
    assert not answer.abstained and "cheaper steel" in answer.answer


def test_a_name_the_articles_never_mention_is_an_abstention(index: NewsIndex) -> None:
    answer = index.ask("What did Councillor Ann Fry say about the harbour?")
    assert answer.abstained and answer.citations == []
    assert answer.note is not None and "never mention" in answer.note and "Ann Fry" in answer.note


@pytest.mark.parametrize(
    "question",
    [
        "when will norway launch its probe?",  # as "When will Norway launch its probe?"
        "when did mira holt arrive in lund?",  # Rask arrived there, not Holt
        "how many fishermen did ole dahl send to the protest?",  # he sent none
    ],
)
def test_a_question_typed_in_lower_case_keeps_its_names(index: NewsIndex, question: str) -> None:
    answer = index.ask(question)
    assert answer.abstained, answer.answer


def test_a_question_typed_in_lower_case_is_answered(index: NewsIndex) -> None:
    answer = index.ask("when did eva rask arrive in lund?")
    assert not answer.abstained and "Friday" in answer.answer


def test_it_refers_back_to_the_previous_sentences_doer_not_any_name_in_it(
    index: NewsIndex,
) -> None:
    # Norway is only where Lind flew from: "It" is the trip, not Norway
    assert index.ask("When will Norway launch its probe?").abstained
    assert index.ask("When did Tova Lind fly back?").answer_kind == "answer"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many fishermen joined the protest at the harbour office?", "300"),
        ("When did Eva Rask arrive in Lund?", "Friday"),  # "Rask arrived", after "Eva Rask"
        ("How much will the harbour repairs cost?", "12 million"),
        ("When will the harbour reopen?", "June"),
        ("How much does a crossing on the old ferry cost?", "2.40"),  # a number, then its unit
        ("What was Boatworks' revenue in Q1 2024?", "8 million"),
        (
            "When will Canada cut its tariffs on steel?",
            "1 October",
        ),  # Ottawa for Canada  # Q1; euros tagged a number
    ],
)
def test_a_fact_of_the_asked_type_is_answered(
    index: NewsIndex, question: str, expected: str
) -> None:
    answer = index.ask(question)
    assert not answer.abstained and expected in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How many boats did the storm destroy in Arlen?",  # a figure, but of homes
        "When did Bo Stam join the council?",  # no date for it
        "Who won the Arlen mayoral election?",  # names in the articles, fact not
        "When did Eva Rask arrive in Malmo?",  # an arrival, but in Lund
        "What was Boatworks' revenue in Q2 2024?",  # the first quarter's is no answer
        "Which outlet reported that Eva Rask met Jon Vale?",  # each named, never together
        "Why did Mayor Ada Lind close the harbour?",  # she spoke of reopening it
        "When did Rask leave Lund?",  # her arrival there is another event
        "When did Mayor Ada Lind close the harbour?",  # its reopening is another event
        "When did the storm end in Arlen?",  # the night it struck is another
        "When did Ida Berg run the training camp?",  # how long it lasted, not when
        "How many sponsors met the board after the regatta?",  # "the two" counts nothing
        "How many boats does the rowing club own?",  # "40 berths for the club's boats"
        "What is the population of Arlen?",  # 40 homes is no population
        "Who did Mayor Ada Lind thank?",  # those she is named with were not thanked
        "What did Mayor Ada Lind sign?",  # she signed nothing
        "What are the Swedish dock workers building?",  # what they ask for is no building
    ],
)
def test_hard_negatives_abstain(index: NewsIndex, question: str) -> None:
    answer = index.ask(question)
    assert answer.abstained and answer.citations == [], answer.answer


def test_sources_that_disagree_are_shown_side_by_side(index: NewsIndex) -> None:
    answer = index.ask("How many homes did the storm destroy in Arlen?")
    assert not answer.abstained
    (claims,) = answer.conflicts
    assert {c.value for c in claims} == {"40", "400"}
    outlets = {c.article.outlet for c in answer.citations if c.n in {x.n for x in claims}}
    assert outlets == {"Arlen Post", "Valley Wire"}
    data = answer.to_json()["conflicts"]
    assert [sorted(c["n"] for c in conflict["claims"]) for conflict in data] == [[1, 2]]
    assert any(line.startswith("⚠️ The sources differ") for line in answer_lines(answer))


def test_a_comparison_gets_the_evidence_of_each_source(index: NewsIndex) -> None:
    answer = index.ask(
        "Do the Quay Times and the Harbour Herald agree on when the harbour reopens?"
    )
    assert answer.answer_kind == "evidence" and not answer.abstained
    outlets = {c.article.outlet for c in answer.citations}
    assert {"Quay Times", "Harbour Herald"} <= outlets
    for line in _lines(answer):  # each line says whose it is
        assert line.startswith(("Quay Times (2024-05-02): ", "Harbour Herald (2024-05-03): "))


def test_a_yes_no_question_on_nothing_the_articles_tell_gets_no_evidence(
    index: NewsIndex,
) -> None:
    """Evidence lines share a word of what is asked beyond its names: lines that only name
    Holm are no evidence on whether it will snow there."""
    answer = index.ask("Will it snow in Holm this weekend?")
    assert answer.abstained and answer.citations == [], answer.answer


def test_a_date_is_shown_as_fully_as_a_source_gives_it(index: NewsIndex) -> None:
    """Two sources give one date, one with its year: one line, in the fuller words, citing
    both; a relative date ("later this year") is no answer to "when"."""
    answer = index.ask("When will the Elm Street bridge open?")
    assert not answer.abstained
    first = answer.lines[0]
    assert "14 September 2024" in first.text and len(first.citations) == 2
    assert {c.article.outlet for c in answer.citations} == {"Town Gazette", "River Daily"}
    assert "later this year" not in answer.answer


def test_who_is_the_x_is_answered_by_who_is_named_as_x(index: NewsIndex) -> None:
    answer = index.ask("Who is the president of the rowing club?")
    assert not answer.abstained and "Eva Rask" in answer.answer
    assert "Mira Holt" not in answer.answer  # names near other roles say nothing of this one


@pytest.mark.parametrize(
    ("question", "holder", "other"),
    [
        ("Who is the prime minister of Canada?", "Jonas Dale", "Ulla Berg"),
        ("Who is the Italian prime minister?", "Ulla Berg", "Jonas Dale"),
    ],
)
def test_who_is_the_x_of_y_is_the_person_given_that_role(
    index: NewsIndex, question: str, holder: str, other: str
) -> None:
    answer = index.ask(question)
    first = _lines(answer)[0]
    assert not answer.abstained and holder in first and other not in first


def test_who_did_it_is_answered_by_who_did_it(index: NewsIndex) -> None:
    """ "Who won?": the sentence whose winner is the subject of "won", not one that lists the
    rowers."""
    answer = index.ask("Who won the spring regatta?")
    assert not answer.abstained and "Eva Rask won" in answer.answer
    assert "Mira Holt" not in answer.answer


def test_how_far_asks_for_a_distance(index: NewsIndex) -> None:
    answer = index.ask("How far is the rowing club's new pier from the boathouse?")
    assert not answer.abstained and "3 kilometres" in answer.answer
    assert "40 berths" not in answer.answer


@pytest.mark.parametrize(
    ("question", "answers"),
    [("How far is Andenes from Tromso?", True),
     # the distance is told of the place it follows, not of every place in its sentence
     ("How far is Bergen from Tromso?", False)],
)  # fmt: skip
def test_a_distance_is_told_of_the_place_it_follows(
    index: NewsIndex, question: str, answers: bool
) -> None:
    answer = index.ask(question)
    assert ("300 kilometres" in answer.answer) == answers, answer.answer


@pytest.mark.parametrize(
    ("question", "answers"),
    [("Who joined Karl Ness for the talks in Oslo?", True),
     # Iceland is named in the passage, but no talks are set there
     ("Who joined Karl Ness for the talks in Iceland?", False)],
)  # fmt: skip
def test_an_event_asked_in_a_place_is_set_there(
    index: NewsIndex, question: str, answers: bool
) -> None:
    answer = index.ask(question)
    assert answer.abstained != answers, answer.answer


@pytest.mark.parametrize(
    ("question", "answers"),
    [("Which outlet reported that Ole Dahl will sell the cranes?", True),
     # a sale is no purchase
     ("Which outlet reported that Ole Dahl will buy the cranes?", False),
     ("Which outlet reported that Ole Dahl will repair the cranes?", False)],
)  # fmt: skip
def test_a_source_question_needs_the_event_reported(
    index: NewsIndex, question: str, answers: bool
) -> None:
    answer = index.ask(question)
    assert ("Tide and Time" in answer.answer) == answers, answer.answer


def test_a_person_named_by_one_word_after_the_full_name_is_an_answer(
    index: NewsIndex,
) -> None:
    answer = index.ask("Who did Mona Sand thank for the new quay?")
    assert 'thanked" Vik' in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "place"),
    [("Where will Finland launch its weather probe?", "Kiruna"),
     # a place named after "talks with" is not where anything is
     ("Where will Estonia launch its weather probe?", None)],
)  # fmt: skip
def test_where_is_answered_by_a_place_something_is_in(
    index: NewsIndex, question: str, place: str | None
) -> None:
    answer = index.ask(question)
    assert (place in answer.answer) if place else answer.abstained, answer.answer


@pytest.mark.parametrize(
    "question",
    ["What does Brill get from Osterby in return for timber?",
     # "return" is grammar, no word a sentence must share: "in exchange for the wood" answers
     "What is Corvo thought to get from Dunmark in return for timber?"],
)  # fmt: skip
def test_what_is_got_in_return_is_told_by_an_exchange(index: NewsIndex, question: str) -> None:
    answer = index.ask(question)
    assert ("cheap grain" if "Brill" in question else "fuel deliveries") in answer.answer
    assert "Brill shipped" not in answer.answer  # what Brill gave is not what it gets


@pytest.mark.parametrize(
    ("question", "answers"),
    [("What did Holm officials say about North Varn?", True),
     # "the South" of an article that never names South Varn is another south
     ("What did Brenna officials say about South Varn?", False)],
)  # fmt: skip
def test_a_place_called_by_its_point_of_the_compass(
    index: NewsIndex, question: str, answers: bool
) -> None:
    answer = index.ask(question)
    assert answer.abstained != answers, answer.answer


def test_a_group_a_name_qualifies_is_the_speaker_with_all_its_words(index: NewsIndex) -> None:
    answer = index.ask("What did the G9 ministers say about the tariffs?")
    assert "tariffs on timber were unfair" in answer.answer, answer.answer
    assert index.ask("What did the G9 finance ministers say about the tariffs?").abstained


def test_a_document_says_what_the_text_says_it_said(index: NewsIndex) -> None:
    answer = index.ask("What did the report say about barge traffic?")
    assert "fell by a tenth" in answer.answer, answer.answer
    answer = index.ask("What did the report say?")  # "say" and "report" hold no topic words
    assert "fell by a tenth" in answer.answer, answer.answer
    assert index.ask("What did he say?").abstained  # no one to say it


@pytest.mark.parametrize(
    ("question", "value"),
    [("How old is Tove Rind?", "54"),
     # "on Tuesday" is no age
     ("How old is Jens Alm?", None),
     # a length in days is a count of days
     ("How many days was Mila Strand's visit to Vika?", "three-day")],
)  # fmt: skip
def test_an_age_or_a_count_of_days_is_told_as_one(
    index: NewsIndex, question: str, value: str | None
) -> None:
    answer = index.ask(question)
    assert (value in answer.answer) if value else answer.abstained, answer.answer


@pytest.mark.parametrize(
    ("question", "holder"),
    [("Who is Tove Rind's deputy?", "Ola Berg"),
     # a person's title that the articles give no one
     ("Who is Jens Alm's deputy?", None),
     # "serves as" asks who holds the title, as "is" does
     ("Who serves as Norway's foreign minister?", "Eira Vold"),
     ("Who serves as Sweden's foreign minister?", None),
     # so does "holds the post of"
     ("Who holds the post of foreign minister of Norway?", "Eira Vold"),
     ("Who holds the office of foreign minister of Sweden?", None)],
)  # fmt: skip
def test_a_title_is_answered_only_by_its_holder(
    index: NewsIndex, question: str, holder: str | None
) -> None:
    answer = index.ask(question)
    if holder:
        assert holder in answer.answer, answer.answer
    else:
        assert answer.abstained and "do not name" in (answer.note or ""), answer.answer


def test_a_sentence_repeated_in_a_chunk_is_answered_from(index: NewsIndex) -> None:
    answer = index.ask("How long did the lighthouse keeper serve before retiring?")
    assert not answer.abstained and "forty years" in answer.answer


def test_the_json_contract_keeps_its_fields(index: NewsIndex, tmp_path: Path) -> None:
    data = index.ask("When will the harbour reopen?").to_json()
    assert_contract_fields(data)
    assert "retrieval_query" in data
    assert data["answer_kind"] in ("answer", "evidence", "abstained")
    assert isinstance(data["conflicts"], list)


def test_a_synonym_of_the_asked_verb_tells_of_the_event(index: NewsIndex) -> None:
    answer = index.ask("When did Tom Vik reach Hollby?")  # "Vik arrived in Hollby on Thursday"
    assert not answer.abstained and "Thursday" in answer.answer, answer.answer
    assert "Saturday" not in answer.answer  # his leaving is the opposite event


def test_the_opposite_event_is_no_answer(index: NewsIndex) -> None:
    answer = index.ask("When will the Elm Street bridge close?")  # only its opening is dated
    assert answer.abstained and answer.citations == [], answer.answer


@pytest.mark.parametrize(
    ("verb", "like", "unlike", "opposite"),
    [
        ("reach", {"arrive", "attain"}, {"get", "make", "hit"}, set()),
        ("arrive", set(), {"get", "come"}, {"leave"}),
        ("close", {"shut"}, {"open"}, {"open"}),
        ("open", set(), {"close"}, {"close"}),
        ("win", set(), {"lose"}, {"lose"}),
        ("rise", set(), {"fall", "go", "come"}, {"fall"}),
        ("die", {"perish"}, {"pass", "buy", "go"}, set()),  # "pass away", "buy it", "go"
        ("get", set(), {"get", "obtain", "arrive"}, set()),  # a light verb matches nothing
        ("make", set(), {"make", "create", "reach"}, set()),
    ],
)
def test_the_lexicon_gives_verbs_of_like_and_opposite_meaning(
    verb: str, like: set[str], unlike: set[str], opposite: set[str]
) -> None:
    from index.lexicon import antonyms, synonyms

    assert like <= synonyms(verb) and not unlike & synonyms(verb)
    assert antonyms(verb) >= opposite


@pytest.mark.parametrize(
    ("asked", "kind", "listed"),
    [
        ("acquire", "buy", True),
        ("acquire", "purchase", True),
        ("buy", "acquire", False),  # the other way round
        ("release", "launch", False),
        ("win", "lose", False),
    ],
)
def test_the_kinds_of_a_verb_are_those_that_entail_it(asked: str, kind: str, listed: bool) -> None:
    from index.lexicon import entails, kinds

    assert (kind in kinds(asked)) is listed
    assert all(entails(k, asked) for k in kinds(asked))


@pytest.mark.parametrize(
    ("verb", "asked", "entailed"),
    [
        ("buy", "acquire", True),  # a kind of acquiring
        ("purchase", "buy", True),  # a synonym
        ("acquire", "buy", False),  # acquiring need not be buying
        ("sell", "buy", False),
        ("land", "arrive", True),
        ("kill", "die", False),
    ],
)
def test_a_verb_entails_its_synonyms_and_what_it_is_a_kind_of(
    verb: str, asked: str, entailed: bool
) -> None:
    from index.lexicon import entails

    assert entails(verb, asked) is entailed


@pytest.mark.parametrize(
    ("phrase", "means", "not_meant"),
    [("touch_down", {"land"}, {"touch"}),  # a synset of phrases alone: the sense it is a kind of
     ("call_off", {"cancel"}, set()),
     ("turn_down", {"reject", "refuse"}, {"turn"}),
     ("step_down", {"resign"}, {"step"}),
     ("send_up", {"launch"}, set()),  # a news sense WordNet lacks (lexicon._PHRASAL_GAPS)
     ("fly_in", {"arrive"}, set()),
     ("meet_up", set(), {"meet"})],  # not a WordNet verb: nothing
)  # fmt: skip
def test_a_phrasal_verb_means_its_one_word_verbs(
    phrase: str, means: set[str], not_meant: set[str]
) -> None:
    from index.lexicon import phrasal_verbs

    assert means <= phrasal_verbs(phrase) and not not_meant & phrasal_verbs(phrase)


def test_a_model_number_is_part_of_the_name_asked_about(index: NewsIndex) -> None:
    answer = index.ask("When was Tarn 7b announced?")
    assert not answer.abstained
    assert "May 5, 2021" in answer.answer
    assert "March 3" not in answer.answer


def test_a_date_in_another_snippet_is_not_the_subjects(index: NewsIndex) -> None:
    answer = index.ask("When was Larkspur Quest released?")
    assert "2019" in answer.answer, answer.answer
    assert "June 2, 2023" not in answer.answer  # the date of version 3.1, a snippet before
    # the snippets after the one that names the subject tell of it
    assert "9 million euros" in index.ask("What was the revenue of Brisa Motors?").answer


def test_why_someone_wanted_an_event_is_asked_of_that_event(index: NewsIndex) -> None:
    answer = index.ask("Why did the port chiefs want the dock strike paused?")
    assert "to let the ferries carry food" in answer.answer, answer.answer


def test_what_was_done_is_told_by_a_sentence_of_that_deed(index: NewsIndex) -> None:
    answer = index.ask("What was signed at the Skarn regatta?")
    assert "training pact" in answer.answer, answer.answer
    answer = index.ask("What was decided at the Skarn regatta?")
    assert "met at the Skarn regatta" not in answer.answer  # a meeting decides nothing


def test_a_phrase_about_the_coverage_itself_asks_nothing(index: NewsIndex) -> None:
    answer = index.ask("Who is the Fisheries Board chair named in the articles?")
    assert "Ida Moe" in answer.answer, answer.answer


def test_a_title_asked_by_the_countrys_adjective(index: NewsIndex) -> None:
    answer = index.ask("Who is the British transport secretary?")
    assert "Mae Tull" in answer.answer, answer.answer  # "U.K. Transport Secretary Mae Tull"


def test_why_is_answered_by_the_reason_the_next_sentence_gives(index: NewsIndex) -> None:
    answer = index.ask(
        "Why were fishermen expected to gather when Mayor Sand arrived at the north quay?"
    )
    assert "lower fees" in answer.answer, answer.answer
    assert "in Holm" not in answer.answer  # a sentence after it that gives no reason


def test_which_thing_is_told_only_by_a_sentence_that_names_such_a_thing(
    index: NewsIndex,
) -> None:
    # the satellite sentence is very close in meaning, but it names no rocket
    answer = index.ask(
        "What rocket will North Varn use for its third spy satellite launch attempt?"
    )
    assert "spy satellite" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "answers"),
    [("What did Lise Brandt say about Oslo?", True),  # a capital speaks for its country
     ("What did Lise Brandt say about Denmark?", False)],  # "said in Copenhagen" is where
)  # fmt: skip
def test_a_capital_in_a_topic_stands_for_its_country(
    index: NewsIndex, question: str, answers: bool
) -> None:
    answer = index.ask(question)
    assert ("move first" in answer.answer) if answers else answer.abstained, answer.answer


def test_in_what_year_asks_when_of_that_event(index: NewsIndex) -> None:
    answer = index.ask("In what year was Larkspur Quest born?")
    assert answer.abstained, answer.answer  # "came out in 2019" is no birth


def test_which_outlet_did_something_needs_a_sentence_of_that_deed(index: NewsIndex) -> None:
    answer = index.ask("Which newspaper interviewed Mayor Ada Lind about the harbour?")
    assert answer.abstained, answer.answer  # her words in the papers are no interview


@pytest.mark.parametrize(
    ("question", "cause"),
    [("What caused the dock strike?", "cut the night shift"),
     ("What caused the harbour of Holm to freeze?", None)],  # "it froze" tells no cause
)  # fmt: skip
def test_what_caused_it_is_told_by_a_sentence_of_a_cause(
    index: NewsIndex, question: str, cause: str | None
) -> None:
    answer = index.ask(question)
    assert (cause in answer.answer) if cause else answer.abstained, answer.answer


def test_how_many_times_is_answered_by_twice(index: NewsIndex) -> None:
    answer = index.ask("How many times has North Varn failed to put a satellite into orbit?")
    assert "failing twice" in answer.answer, answer.answer


def test_an_organisation_speaks_under_its_acronym_too(index: NewsIndex) -> None:
    answer = index.ask("What did the Varna Harbour Authority say?")
    assert "berth fees would rise" in answer.answer, answer.answer
    assert "fuel quay would open in May" in answer.answer  # said as "VHA"


def test_a_length_of_time_answers_for_its_own_event(index: NewsIndex) -> None:
    answer = index.ask("How long did Berg's courtesy call on Mayor Aas last?")
    assert answer.abstained, answer.answer  # two years since a trip is no call's length


def test_a_sentence_that_asks_the_question_does_not_answer_it(index: NewsIndex) -> None:
    answer = index.ask("What does Holm get from Varna in return for timber?")
    assert answer.abstained, answer.answer
    assert answer.citations == []


def test_a_hedged_naming_with_the_wh_word_still_answers(index: NewsIndex) -> None:
    answer = index.ask("What did Belmo order from Ostra?")
    assert not answer.abstained
    assert "biggest spruce order" in answer.answer


def test_a_statement_naming_the_topics_name_is_not_about_the_rest_of_it(
    index: NewsIndex,
) -> None:
    off = index.ask("What did Vera Holt say about Brenna's bridge tolls?")
    assert off.abstained, off.answer
    on = index.ask("What did Vera Holt say about Brenna's ferry?")
    assert "new ferry" in on.answer


@pytest.mark.parametrize(
    ("question", "holder"),
    [("Who is Norway's foreign minister?", "Eira Vold"),
     ("Who was Norway's foreign minister in 2024?", "Eira Vold"),
     ("Who is the prime minister of Denmark?", "Karl Ness"),
     # the title in British spelling, asked in American
     ("Who is the Danish defense minister?", "Per Lund")],
)  # fmt: skip
def test_a_countrys_title_is_answered_with_its_holder(
    index: NewsIndex, question: str, holder: str
) -> None:
    answer = index.ask(question)
    assert answer.answer_kind == "answer", answer.note
    assert holder in answer.lines[0].text


@pytest.mark.parametrize(
    ("question", "role"),
    [("Who is Denmark's foreign minister?", "Denmark's foreign minister"),
     ("Who is the Norwegian defense minister?", "the Norwegian defense minister"),
     ("Who is the treasurer of the Fisheries Board?", "the treasurer of the Fisheries Board")],
)  # fmt: skip
def test_a_countrys_title_nobody_holds_is_not_answered(
    index: NewsIndex, question: str, role: str
) -> None:
    answer = index.ask(question)
    assert answer.abstained, answer.answer
    assert answer.citations == []
    assert answer.note == f"The articles do not name {role}."


def test_a_report_by_a_source_that_is_no_outlet_is_answered_from_its_words(
    index: NewsIndex,
) -> None:
    answer = index.ask("What did the Fisheries Board report say about cod quotas?")
    assert answer.answer_kind == "answer", answer.note
    assert "cut by a fifth" in answer.answer


@pytest.mark.parametrize(
    ("question", "date", "answers"),
    [("When will South Korea launch its weather satellite?", "June 4", True),
     # "Korea" alone is not North Korea
     ("When will North Korea launch its weather satellite?", "June 4", False),
     ("When did Lumeria launch its test missile?", "March 2", True),
     # the launch of a missile is not the launch of a satellite
     ("When did Lumeria launch its satellite?", "March 2", False),
     # the date asked for is not a thing the verb acts on that the sentence must name
     ("What date did Lumeria set aside for remembering its fleets?", "May 9", True),
     # a launch that failed is no launch done; the attempt is
     ("When did North Korea put a spy satellite in orbit?", "May", False),
     ("When did North Korea try to put a spy satellite in orbit?", "May", True),
     # being urged to delay it is not delaying it
     ("When did Finland delay the probe's second flight?", "May 20", False)],
)  # fmt: skip
def test_a_date_answers_only_for_its_own_event(
    index: NewsIndex, question: str, date: str, answers: bool
) -> None:
    answer = index.ask(question)
    assert (date in answer.answer) == answers, answer.answer


def test_what_outlets_say_is_the_evidence_of_their_articles(index: NewsIndex) -> None:
    answer = index.ask("How do Quay Times and Harbour Herald describe the harbour repairs?")
    assert answer.answer_kind == "evidence", answer.note
    assert {c.article.outlet for c in answer.citations} == {"Quay Times", "Harbour Herald"}
    one = index.ask("What did the Harbour Herald say about the protest?")
    assert one.answer_kind == "evidence", one.note
    assert "300 fishermen" in one.answer


def test_a_count_does_not_answer_how_much(index: NewsIndex) -> None:
    # the storm articles give counts of homes and no cost: a count is no cost
    answer = index.ask("How much did the storm in Arlen cost?")
    assert answer.abstained, answer.answer
    assert "40" in index.ask("How many homes did the storm destroy in Arlen?").answer


def test_a_title_two_people_are_given_is_still_answered(index: NewsIndex) -> None:
    answer = index.ask("Who is the chair of the Fisheries Board?")  # Ida Moe and Tor Viken
    assert answer.answer_kind == "answer", answer.note
    assert "Ida Moe" in answer.answer or "Tor Viken" in answer.answer


@pytest.mark.parametrize(
    ("question", "speaker"),
    [("Who said the repairs cost too much?", "Stam"),
     ("Who said the tolls would double?", None),  # Lind spoke of the tolls, not of this
     ("Who called the harbour plan a disaster?", None),
     ("Who said the harbour office was closed?", None)],  # protesters were at it; no one said
)  # fmt: skip
def test_who_said_it_is_answered_by_a_sentence_that_says_it(
    index: NewsIndex, question: str, speaker: str | None
) -> None:
    answer = index.ask(question)
    if speaker is None:
        assert answer.abstained, answer.answer
    else:
        assert speaker in answer.lines[0].text


@pytest.mark.parametrize(
    ("question", "answers"),
    [("Which missile did Lumeria launch on March 2?", True),
     ("Which crane did Ole Dahl inspect on Wednesday?", False)],  # he inspected the quay
)  # fmt: skip
def test_which_thing_is_answered_by_a_sentence_about_that_thing(
    index: NewsIndex, question: str, answers: bool
) -> None:
    answer = index.ask(question)
    assert answer.abstained != answers, answer.answer
    if answers:
        assert "test missile" in answer.answer


@pytest.mark.parametrize(
    ("question", "said", "not_said"),
    [("What did Karl Ness say in Oslo?", "patrol boats", "quotas"),
     ("What did Karl Ness say in Bergen?", "quotas", "patrol boats"),
     ("What did Eira Vold say in Oslo?", None, "talks")],  # she spoke in Bergen
)  # fmt: skip
def test_what_someone_said_in_a_place_is_what_they_said_there(
    index: NewsIndex, question: str, said: str | None, not_said: str
) -> None:
    answer = index.ask(question)
    if said is None:
        assert answer.abstained, answer.answer
    else:
        assert said in answer.answer, answer.note
    assert not_said not in answer.answer


def test_a_short_last_name_is_not_told_by_an_acronym(index: NewsIndex) -> None:
    # "U.N." is no mention of Lee Jae Un, however near his name
    answer = index.ask("Which outlet reported that Eira Vold met Lee Jae Un?")
    assert answer.abstained, answer.answer


def test_where_an_event_takes_place_is_not_whose_it_is(index: NewsIndex) -> None:
    # Ness is Danish; nothing says what he will do in Denmark
    answer = index.ask("What will Karl Ness do in Denmark?")
    assert answer.abstained, answer.answer
    assert "reporters in Oslo" in index.ask("What will Karl Ness do in Oslo?").answer


def test_what_was_agreed_is_answered_as_a_fact(index: NewsIndex) -> None:
    answer = index.ask("What did the ministers agree on in the North Sea?")
    assert answer.answer_kind == "answer", answer.note
    assert "patrol boats" in answer.answer


def test_a_title_asked_with_capitals_is_a_title(index: NewsIndex) -> None:
    assert "Eira Vold" in index.ask("Who is Norway's Foreign Minister?").lines[0].text
    nobody = index.ask("Who is Denmark's Foreign Minister?")
    assert (
        nobody.abstained and nobody.note == "The articles do not name Denmark's foreign minister."
    )
    said = index.ask("What did the Danish Prime Minister say?")
    assert "patrol boats" in said.answer, said.note


def test_what_someone_called_a_thing_is_their_words_on_it(index: NewsIndex) -> None:
    """ "What did X call Y?" and "How did X describe Y?" ask for X's words on Y, as "What did X
    say about Y?" does: Y is no listener."""
    for question in (
        "What did Lars Ekdal call the ferry timetable?",
        "How did Lars Ekdal describe the ferry timetable?",  # "How" hung from the object
        "How did the union leader characterize the ferry timetable?",
    ):
        answer = index.ask(question)
        assert not answer.abstained and "a disgrace" in answer.lines[0].text, answer.answer
    for question in (
        "What did Lars Ekdal call the harbour master?",
        "What did the Fisheries Board report call the ministers?",  # it spoke of cod quotas
    ):
        nothing = index.ask(question)
        assert nothing.abstained and nothing.citations == [], nothing.answer


def test_they_refers_back_to_the_people_a_name_describes(index: NewsIndex) -> None:
    """ "the Swedish dock workers" are the subject, "Swedish" only describes them: "They ..."
    after a sentence that names them answers what they do."""
    answer = index.ask("What do the Swedish dock workers want?")
    assert not answer.abstained and "shorter working week" in answer.lines[0].text


def test_whom_someone_met_in_a_place_is_not_whom_they_met_elsewhere(index: NewsIndex) -> None:
    answer = index.ask("Who did Eira Vold meet in Oslo?")
    assert not answer.abstained and "Karl Ness" in answer.answer
    elsewhere = index.ask("Who did Karl Ness meet in Bergen?")  # he met reporters in Oslo
    assert elsewhere.abstained and elsewhere.citations == [], elsewhere.answer


@pytest.mark.parametrize(
    "question",
    [
        "Who is the Danish prime minister's spokesman?",
        "Who is the spokesman of the Danish premier?",
    ],
)
def test_a_role_owned_by_another_is_not_the_owners(index: NewsIndex, question: str) -> None:
    """Karl Ness is the Danish prime minister, not his spokesman."""
    answer = index.ask(question)
    assert answer.abstained and answer.citations == [], answer.answer


def test_she_after_a_persons_possessive_is_that_person(index: NewsIndex) -> None:
    """ "Mila Strand's visit is her first. She arrived ...": "she" is Strand, whose visit it is
    (no person is the doer of the sentence before)."""
    answer = index.ask("When did Mila Strand arrive?")
    assert not answer.abstained and "Sunday" in answer.answer


def test_a_source_question_names_every_outlet_it_cites(index: NewsIndex) -> None:
    answer = index.ask("Which outlet reported that the harbour would reopen in June?")
    for line in answer.lines:
        label = line.text.split(": ", 1)[0]
        assert len(line.citations) == label.count(" (2024-"), line.text
    assert any(len(line.citations) > 1 for line in answer.lines), answer.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [("What did Tide and Time say about Ole Dahl?", "sell the old quay cranes"),
     ("What did Harbour Herald say about Ole Dahl?", "inspection of the quay"),
     ("What did Quay Times say about Ole Dahl?", None),  # its articles never name him
     ("What did Harbour Herald say about Ole Dahl's health?", None)],  # nor this
)  # fmt: skip
def test_what_an_outlet_said_about_someone_is_its_lines_about_them(
    index: NewsIndex, question: str, said: str | None
) -> None:
    answer = index.ask(question)
    if said is None:
        assert answer.abstained and answer.citations == [], answer.answer
    else:
        assert answer.answer_kind == "evidence" and said in answer.answer, answer.answer
