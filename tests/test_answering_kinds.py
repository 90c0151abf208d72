"""Which one of a kind: "Which X did Y launch?" and "What are the names of the X?" are answered
by a sentence that says which X (a name, a figure, a word of its own, an appositive), not by one
that names the kind in the question's own words ("an intercontinental ballistic missile",
"their Danish counterparts"). "Which group organized the protest?" is answered by a sentence
that tells of organizing or of the protest; "Which city is hosting X?" by where X is held; "How
did X describe A and B?" by X's words on A and B; "What did X urge (call on, ask) Y to do?"
by the urging. Articles written for the test, with made-up names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.articles import indexed

from index.asked_speech import urges_an_act
from index.embedding import Embedder
from index.expected import GROUPS
from index.lexicon_nouns import is_concrete_noun, is_person_noun
from index.question import analyse
from index.question_words import PEOPLE, RANK_HOLDERS
from index.service import NewsIndex

ARTICLES = {
    "launches.txt": """Title: Norland marks its missile day
Source: Fjord Post
Date: 2024-11-05

Norland named March 3 as "rocket forces day" to mark last year's launch of an intercontinental ballistic missile.

Norland will launch its first weather satellite on a Skarv 2 rocket from Vesta in March.

Norland opened a rocket test site in Lysa in May.
""",
    "talks.txt": """Title: Lind heads to Oslo
Source: Quay Times
Date: 2024-11-06

Anna Lind will fly to Oslo on Friday for joint talks with her Danish counterparts.

Ole Dahl met his Swedish counterpart, Jens Holm, in Bergen on Monday.
""",
    "protest.txt": """Title: Dock workers to protest
Source: Coast Wire
Date: 2024-11-07

Lind is expected to be met by a crowd of dock workers when she arrives for talks at the Vesta port office.

The Vesta Port Authority met Lind at the port office on Monday and discussed new cranes for the grain trade.

A summit of Nordic ministers will take place in Tromso next month.

Storms called off the 2023 Vesta Cup, so Ida Moe of Lysa remains the reigning champion.

After their meeting, the two ministers urged Norway to scrap its whaling plans.

Ida Moe said that after their talks, the two trade ministers urged Estland to scrap its new port tax.

"We are worried about what Estland is doing to the grain trade," Ole Dahl said in Bergen.

The Norland Press Agency in a report on Thursday described Ole Dahl and Anna Lind as "unwelcome guests."
""",
    "visits.txt": """Title: Dahl visits the port
Source: Quay Times
Date: 2024-11-08

Before the talks, Ole Dahl paid a courtesy call on Ida Moe at the Vesta port office.
""",
}


@pytest.fixture(scope="module")
def index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsIndex]:
    with indexed(embedder, tmp_path_factory, "kinds", ARTICLES) as built:
        yield built


@pytest.mark.parametrize(
    "question",
    [
        "Which intercontinental ballistic missile did Norland launch last year?",
        "What are the names of the Danish counterparts Lind will hold talks with?",
        "Which rocket did Norland test in Lysa in May?",
    ],
)
def test_the_kind_in_the_question_s_words_says_not_which(index: NewsIndex, question: str) -> None:
    """The sentence names the kind only as the question does, or only as a word before
    another noun ("a rocket test site" is a site): no answer."""
    answer = index.ask(question)
    assert answer.abstained and answer.citations == [], answer.answer


@pytest.mark.parametrize(
    ("question", "which"),
    [
        ("Which rocket will carry Norland's weather satellite?", "Skarv 2"),
        ("Which Swedish counterpart did Ole Dahl meet in Bergen?", "Jens Holm"),
        ("What is the name of the Swedish counterpart Ole Dahl met?", "Jens Holm"),
    ],
)
def test_a_name_or_figure_says_which(index: NewsIndex, question: str, which: str) -> None:
    """A name before the noun or an appositive after it says which: the controls."""
    answer = index.ask(question)
    assert not answer.abstained, (answer.answer, answer.note)
    assert which in answer.answer


def test_the_doer_of_an_act_on_a_thing_is_told_with_the_act(index: NewsIndex) -> None:
    """ "Which group organized the protest ...?": the Port Authority met Lind at the port
    office; nothing tells of organizing, nor of a protest."""
    answer = index.ask(
        "Which group organized the protest waiting for Lind at the Vesta port office?"
    )
    assert answer.abstained and answer.citations == [], answer.answer
    named = index.ask("Who won the Vesta Cup sailing race in 2023?")  # the race by its name
    assert "Ida Moe" in named.answer, (named.answer, named.note)


def test_the_place_that_hosts_is_where_it_is_held(index: NewsIndex) -> None:
    """ "Which city is hosting ...?" asks where: "will take place in Tromso" tells it."""
    answer = index.ask("Which city is hosting the meeting of Nordic ministers?")
    assert "Tromso" in answer.answer, (answer.answer, answer.note)


def test_how_someone_described_two_people_is_their_words_on_them(index: NewsIndex) -> None:
    """ "How did X describe A and B?": A and B are what X spoke of, not X's listeners (the
    small parser hangs "How" from "B")."""
    answer = index.ask("How did the Norland Press Agency describe Ole Dahl and Anna Lind?")
    assert "unwelcome guests" in answer.answer, (answer.answer, answer.note)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("How did Norland's state news agency describe Dahl and Lind?", "Dahl and Lind"),
        ("How did Vesta's state media characterize Ole Dahl?", "Ole Dahl"),
        (
            "What did the Norland Press Agency call Ole Dahl and Anna Lind?",
            "Ole Dahl and Anna Lind",
        ),
    ],
)
def test_what_a_verb_of_describing_acts_on_is_the_topic(question: str, topic: str) -> None:
    """Not the listener, and not the opening "How" the parser may hang from the object."""
    speech = analyse(question).speech
    assert speech is not None and speech.topic == topic and speech.listener is None, speech


@pytest.mark.parametrize(
    ("question", "place", "located"),
    [
        ("Who will Lind meet in Oslo?", "Oslo", True),
        ("Where will Lind fly to Oslo from?", "Oslo", True),
        ("What did the two ministers call on Oslo to do?", "Oslo", False),
    ],
)
def test_a_place_acted_on_is_no_place_of_the_event(
    question: str, place: str, located: bool
) -> None:
    names = {n.text: n for n in analyse(question).names}
    assert names[place].located is located, names


def test_a_capital_acted_on_stands_for_its_country(index: NewsIndex) -> None:
    """ "call on Oslo to ...": Oslo is Norway's government, which the ministers urged."""
    answer = index.ask("What did the two ministers call on Oslo to do?")
    assert "scrap its whaling plans" in answer.answer, (answer.answer, answer.note)


@pytest.mark.parametrize(
    ("question", "expects"),
    [
        ("Which military did Ole Dahl serve in?", GROUPS),
        ("Which delegation did Anna Lind lead?", GROUPS),
        ("Which rocket will carry Norland's weather satellite?", frozenset()),
        ("Which diplomat did Ole Dahl meet?", PEOPLE),  # a noun for people: someone named
        ("What kind of official met Lind?", frozenset()),  # a kind, not a name
        ("What is women's year-end No 1 in skiing?", RANK_HOLDERS),  # who holds the rank
        ("What is the No. 1 cause of delays at Vesta?", frozenset()),  # a cause
    ],
)
def test_the_kind_asked_for_sets_the_labels_of_the_answer(
    question: str, expects: frozenset[str]
) -> None:
    """WordNet's noun.group ("military", "party"): its instances are organisations; its
    noun.person ("diplomat"): people, whom the articles name; a rank: whoever holds it."""
    assert analyse(question).expects == expects


@pytest.mark.parametrize(
    ("noun", "person", "concrete"),
    [
        ("crane", False, True),  # the machine: WordNet's first sense is Stephen Crane, a name
        ("diplomat", True, False),
        ("quarterback", True, False),
        ("rocket", False, True),
    ],
)
def test_a_common_noun_is_read_by_its_first_common_sense(
    noun: str, person: bool, concrete: bool
) -> None:
    assert is_person_noun(noun) is person and is_concrete_noun(noun) is concrete


def test_what_someone_urged_is_told_by_the_urging(index: NewsIndex) -> None:
    """ "What did X urge Y to do?": a sentence that tells it as a fact ("Moe said ... the two
    ministers urged Estland to scrap ...") answers; a line of X's that only names Y does not."""
    urged = index.ask("What did the two trade ministers urge Estland to do?")
    assert "scrap its new port tax" in urged.answer, (urged.answer, urged.note)
    quoted = index.ask("What did Ole Dahl urge Estland to do?")
    assert quoted.abstained and quoted.citations == [], quoted.answer


@pytest.mark.parametrize(
    "question",
    [
        "What did the two trade ministers call on Estland to do?",
        "What did the two trade ministers ask Estland to do?",
    ],
)
def test_a_request_asked_with_another_verb_is_told_by_the_urging(
    index: NewsIndex, question: str
) -> None:
    """ "call on / ask Y to do": the same request as "urged Y to"."""
    answer = index.ask(question)
    assert "scrap its new port tax" in answer.answer, (answer.answer, answer.note)


def test_a_courtesy_call_is_no_request(index: NewsIndex) -> None:
    """ "paid a courtesy call on Ida Moe" asks nothing of her."""
    answer = index.ask("What did Ole Dahl call on Ida Moe to do?")
    assert answer.abstained and answer.citations == [], answer.answer


@pytest.mark.parametrize("question", ["What did Lind urge?", "What did Ole Dahl warn?"])
def test_the_speaker_is_the_name_not_the_words_before_it(question: str) -> None:
    """The small parser may hang "What did" from the name."""
    speech = analyse(question).speech
    assert speech is not None and speech.speaker in ("Lind", "Ole Dahl"), speech


@pytest.mark.parametrize(
    ("question", "urging"),
    [
        ("What did Lind urge Estland to do?", True),
        ("What did the two ministers urge the North to do about its port tax?", True),
        ("What did Lind tell Moe to do?", True),
        ("What did Lind call on Moe to do?", True),
        ("What did Lind ask Moe to do?", True),
        ("What did Lind ask about the port tax?", None),
        ("What did the Norland Press Agency call Ole Dahl?", False),
        ("What steps did Lind say Norland and Estland have taken to cut the tax?", False),
        ("What did Lind say about the port tax?", False),
    ],
)
def test_which_questions_ask_what_someone_urged(question: str, urging: bool | None) -> None:
    """A directive verb ("urge", "call on", "ask", "tell") with "Y to do" asks what Y was asked
    to do; "ask about" is no request of anyone's (None: no speech asked at all)."""
    speech = analyse(question).speech
    if urging is None:
        assert speech is None, speech
    else:
        assert speech is not None and urges_an_act(speech) is urging, speech
