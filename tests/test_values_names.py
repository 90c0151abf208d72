"""Names in texts and answer values: pure functions, as tables of cases."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Span

from index.lexicon_nouns import is_concrete_noun, names_people
from index.names import compass_short, fold_tokens, mentions, us_spelling
from index.nlp import parse_question
from index.non_answers import gives_motive, gives_reason
from index.places import country_of, metonym, name_forms, place_forms
from index.question import analyse
from index.question_names import question_names as _names
from index.question_words import plainly_worded, without_meta
from index.speakers import name_keys
from index.speech import Statement, _unnamed, quoted_on
from index.truecase import is_lower_case, truecased
from index.values import agree, is_duration, read_value


@pytest.mark.parametrize(
    ("name", "text", "label", "expected"),
    [
        ("Kim Jong Un", "North Korean leader Kim Jong-un met Putin.", "PERSON", True),
        ("Kim Jong-un", "Kim Jong Un had traveled to Russia.", "PERSON", True),
        ("Lloyd Austin", "Defense Secretary Austin will visit.", "PERSON", True),
        ("Lloyd Austin", "Austin, Texas, hosted the race.", "GPE", False),
        ("South Korea", "South Korean Foreign Minister Park Jin", "GPE", True),
        ("South Korea", "South Korean Foreign Minister Park Jin", "ORG", False),
        ("the U.S.", "the US State Department said", "GPE", True),
        ("Russia's", "Moscow and Russia signed", "GPE", True),
        ("Japan", "the Japanese prime minister", "NORP", True),
        ("China", "Chinese President Xi Jinping", "GPE", True),
        ("France", "the French government", "GPE", False),  # too far apart to match by form
        ("Park Jin", "Parking rules changed.", "PERSON", False),
        ("G7", "the Group of Seven (G7) met", "ORG", True),
        ("Camp David", "a summit at Camp David, Md.", "FAC", True),
        ("Yoon Suk Yeol", "a courtesy call on Yoon", "PERSON", True),
        ("Beijing", "Blinken flew to Seoul.", "GPE", False),
        # an acronym written like a pronoun is not the pronoun
        ("the U.S.", "He told us the talks went well.", "GPE", False),
        ("US", "the U.S. envoy said", "GPE", True),
        ("WHO", "officials who met on Monday", "ORG", False),
        ("WHO", "the WHO said on Monday", "ORG", True),
    ],
)
def test_mentions(name: str, text: str, label: str, expected: bool) -> None:
    assert mentions(name, fold_tokens(text), label) is expected


@pytest.mark.parametrize(
    ("a", "label_a", "b", "label_b", "published", "expected"),
    [
        ("Norway", "GPE", "U.S.", "GPE", None, False),
        ("U.S.", "GPE", "United States", "GPE", None, True),
        ("Joe Biden", "PERSON", "Biden", "PERSON", None, True),
        ("Simona Halep", "PERSON", "Angelique Kerber", "PERSON", None, False),
        ("39", "CARDINAL", "37", "CARDINAL", None, False),
        ("2,000", "CARDINAL", "2000", "CARDINAL", None, True),
        ("roughly a million", "CARDINAL", "1 million", "CARDINAL", None, True),
        ("$1 billion", "MONEY", "$16 billion", "MONEY", None, False),
        ("Wednesday", "DATE", "Nov. 8", "DATE", "2023-11-09", True),
        ("Wednesday", "DATE", "Nov. 7", "DATE", "2023-11-09", False),
        ("June 2019", "DATE", "July 2021", "DATE", None, False),
        ("2019", "DATE", "July 2019", "DATE", None, True),
        ("last week", "DATE", "Monday", "DATE", "2023-11-09", True),  # unreadable: no conflict
        ("Norway", "GPE", "39", "CARDINAL", None, True),  # different kinds never conflict
    ],
)
def test_values_agree(
    a: str, label_a: str, b: str, label_b: str, published: str | None, expected: bool
) -> None:
    left, right = read_value(a, label_a, published), read_value(b, label_b, published)
    assert agree(left, right) is expected
    assert agree(right, left) is expected


@pytest.mark.parametrize(
    ("question", "name"),
    [
        # pieces the small model tags apart, joined by nothing, a possessive or a colon
        ("When was Baldur's Gate Legacy released?", "Baldur's Gate Legacy"),
        ("What is the release date for Ocean Tales: Deep Harbor on PlayStation?",
         "Ocean Tales: Deep Harbor"),
        ("When did Tiny Forest Kingdom come out?", "Tiny Forest Kingdom"),
        # a possessive before a common noun is no part of a name
        ("When did Blinken's plane land?", "Blinken"),
        # a model number goes on the name; a year or a day does not
        ("When was Lumen 7b announced?", "Lumen 7b"),
        ("When was Star Raiders 2 released?", "Star Raiders 2"),
        ("How many people attended Lakeside Forum 2021?", "Lakeside Forum"),
        # a name may start with a small letter before its capital
        ("When was iPhone 13 released?", "iPhone 13"),
        ("What did eBay say about fees?", "eBay"),
        ("Did Marlow Times report on November 9 that Ostrava won?", "Marlow Times"),
        # a common noun the model takes into a name is not part of it
        ("What did Ness say about the Indo-Pacific region?", "Indo-Pacific"),
        ("When did Lee Ji-won arrive in Lund?", "Lee Ji-won"),  # a name's small-letter end
    ],
)  # fmt: skip
def test_a_name_the_model_splits_is_one_name(question: str, name: str) -> None:
    names = [n.text for n in analyse(question).names]
    assert name in names
    assert not [n for n in names if n != name and set(n.split()) & set(name.split())]


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("When did the harbour master land in Lund?", "land"),  # "did" parsed the main verb
        ("How many crates did Lumeria ship to Vostra?", "ship"),
        ("When did the secretary of state land in Vostra?", "land"),  # not "state"
        ("When did Eva Rask arrive in Lund?", "arriv"),
        ("What did Eva Rask do in Lund?", None),  # a light verb asks for no event
        ("In what year was the Lund bridge built?", "build"),  # "was" parsed the root
        # wanting frames an event: the event is its complement's
        ("Why did the ministers want the fighting paused?", "paus"),
        ("What does Lumeria hope to gain from Vostra?", "gain"),
        # a light verb's object names the event: its framed verb, or itself
        ("When will Lumeria make its third attempt to launch a probe?", "launch"),
        ("On what date will Lumeria make another attempt to sail?", "sail"),
        ("When did Eva Rask make her first visit to Lund?", "visit"),
        # no verb: the noun itself is what a sentence must tell of ("take office")
        ("When did Eva Rask make a fortune?", "fortun"),
        ("When did Ida Moe take office?", "offic"),
        # the verb that ends a question, in its auxiliary's form, when the parser took a
        # participle describing the subject for the main verb
        (
            "What are the Norland protesters waiting for Rask at the trade ministry demanding?",
            "demand",
        ),
        ("What is the name of the ship Eva Rask is boarding?", None),  # another auxiliary
        # a phrasal verb WordNet knows is read whole ("touch down" is to land)
        ("Where did Eva Rask's plane touch down?", "touch_down"),
        ("Who called off the dock strike?", "call_off"),
        ("What did the ministers call for?", "call"),  # a preposition: the verb's own meaning
    ],
)
def test_the_verb_a_question_asks_about(question: str, verb: str | None) -> None:
    assert analyse(question).predicate == verb


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("Who took part in the talks in Lund?", ("talk",)),  # an idiom's noun is no topic
        ("When did the harbour fair take place?", ("harbour", "fair")),
        ("What part did Eva Rask play?", ("part", "play")),  # a part asked for is
        ("What date did Lumeria set for the fair?", ("date", "set", "fair")),
        # a complex preposition's noun is grammar; a noun with a determiner is not
        ("What does Lumeria get in return for timber?", ("timber",)),
        ("Who spoke on behalf of the guild?", ("guild",)),
        ("What did Lumeria say in response to the fire?", ("fire",)),
        ("What did Lumeria win in the return match?", ("win", "return", "match")),
    ],
)
def test_the_words_a_question_is_about(question: str, focus: tuple[str, ...]) -> None:
    assert analyse(question).focus == focus


@pytest.mark.parametrize(
    ("question", "theme"),
    [
        ("When will Lumeria launch its satellite?", "satellit"),
        ("What date did Lumeria set for the fair?", None),  # the date is asked, not acted on
        ("Which rocket did Lumeria launch?", None),
        ("How long did the harbour strike last?", "strike"),  # a length is of the subject
        ("How long did the guild's meeting in the old town last?", "meet"),  # not "town"
        ("When will Lumeria make its third attempt to launch a probe?", "probe"),
    ],
)
def test_the_thing_a_questions_verb_acts_on(question: str, theme: str | None) -> None:
    assert analyse(question).theme == theme


@pytest.mark.parametrize(
    ("question", "reported"),
    [
        ("Which outlet reported that Eva Rask arrived in Lund?", "arriv"),
        ("Who reported that Lumeria shipped the crates?", "ship"),
        ("Which outlet reported on the talks?", None),  # no event asked
        ("Which newspaper interviewed Eva Rask?", "interview"),  # the outlet's own deed
        ("Which outlet quoted Eva Rask?", None),  # telling is what outlets do
        ("When did Eva Rask arrive in Lund?", None),  # no source asked
    ],
)
def test_the_event_a_source_question_asks_about(question: str, reported: str | None) -> None:
    assert analyse(question).reported == reported


@pytest.mark.parametrize(
    ("question", "argument"),
    [
        ("Who did Eva Rask meet in Lund?", True),
        ("Who joined Eva Rask for the talks in Lund?", True),  # where the talks are
        ("Who joined the talks in Lund?", True),
        ("Who is the mayor of Lund?", False),
    ],
)
def test_a_place_the_event_is_set_in(question: str, argument: bool) -> None:
    place = next(n for n in analyse(question).names if n.text == "Lund")
    assert place.argument == argument


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("How many crates did Lumeria ship to Vostra?", "Lumeria"),  # "did" parsed the root
        ("How many crates did Vostra ship to Lumeria?", "Vostra"),
        ("When will Lumeria launch its probe?", "Lumeria"),
        ("Who met Eva Rask in Lund?", None),  # no name is the subject
    ],
)
def test_the_subject_of_a_question(question: str, subject: str | None) -> None:
    found = analyse(question).subject
    assert (found.text if found else None) == subject


def test_a_wh_word_is_no_name() -> None:
    # the small model tags "Whom" a person here
    names = analyse("Whom did Strand visit before her talks with Vold?").names
    assert [n.text for n in names] == ["Strand", "Vold"]


@pytest.mark.parametrize(
    ("question", "speaker", "described"),
    [
        ("What did the Varna Post report say about the tolls?", "Varna Post", False),
        ("What did Holm's statement say?", "Holm", False),
        ("What did the report say?", "report", True),  # no issuer named: a description
        ("What did the statement from the Lund regatta say?", "statement", True),  # no issuer
        ("What did the report from the Harbour Board say?", "Harbour Board", False),
        ("What did the harbour master say?", "harbour master", True),
    ],
)
def test_a_document_speaks_for_its_issuer(question: str, speaker: str, described: bool) -> None:
    speech = analyse(question).speech
    assert speech is not None
    assert (speech.speaker, speech.described) == (speaker, described)


@pytest.mark.parametrize(
    ("question", "labels"),
    [
        ("How far is the pier from the boathouse?", {"QUANTITY"}),
        ("How many boats does the club own?", {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}),
        ("When will the season start?", {"DATE", "TIME"}),
        ("What is the release date of the game?", {"DATE", "TIME"}),
        ("Who is the president of the rowing club?", {"PERSON", "ORG", "NORP", "GPE"}),
        ("How long did the strike last?", {"DATE", "TIME"}),  # a length of time
        ("How long is the new bridge?", {"DATE", "TIME", "QUANTITY", "CARDINAL"}),
        # the answer is the article's outlet, not an organisation the sentence names
        ("Which news agency reported that the bridge reopened?", set()),
        # the preposition goes first: "which" is parsed as its object, "city" apart
        ("In which city is the Lund boathouse?", {"GPE", "NORP", "LOC"}),
        ("On what date did the regatta start?", {"DATE", "TIME"}),
    ],
)
def test_the_answer_type_a_question_expects(question: str, labels: set[str]) -> None:
    assert analyse(question).expects == labels


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who is the president of the rowing club?", ("president",)),
        ("Who was the runner-up of the regatta?", ("runner", "up")),
        ("Who is the club's new treasurer?", ("treasurer",)),  # not "new"
        ("Who is Eva Rask?", ()),  # a name, not a role
    ],
)
def test_the_role_a_who_question_asks_for(question: str, role: tuple[str, ...]) -> None:
    assert analyse(question).role == role


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Who won the spring regatta?", "win"),
        ("Who is the winner of the spring regatta?", "win"),  # the verb an -er noun names
        ("Who is the director of the film?", "direct"),
    ],
)
def test_the_doer_a_question_asks_for(question: str, verb: str) -> None:
    verbs, part = analyse(question).slot
    assert verb in verbs and part == "subj"


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Who did Rask thank?", "thank"),  # the parser makes "did" the main verb
        ("Who did Blinken praise?", "praise"),  # the parser makes the name the main verb
    ],
)
def test_the_one_done_to_after_a_misparse(question: str, verb: str) -> None:
    assert analyse(question).slot == ({verb}, "obj")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two-day", True),
        ("three years", True),
        ("a month-long", True),
        ("more than 2 1/2 years", True),
        ("two decades", True),
        ("10 years ago", False),  # a point in time
        ("two days later", False),
        ("Nov. 30", False),
        ("May 2022", False),
        ("Wednesday", False),
        ("a decade ago", False),
        ("later in the day", False),
    ],
)
def test_a_length_of_time_is_told_from_a_point_in_time(text: str, expected: bool) -> None:
    assert is_duration(text) is expected


@pytest.mark.parametrize(
    ("name", "other"),
    [("North Korea", "Pyongyang"), ("Pyongyang", "North Korea"), ("France", "Paris"),
     ("Canada", "Ottawa"), ("Lund", None), ("Ada Lind", None)],
)  # fmt: skip
def test_a_country_and_its_capital_stand_for_each_other(name: str, other: str | None) -> None:
    assert metonym(name) == other


@pytest.mark.parametrize(
    ("adjective", "country"),
    [("Norwegian", "Norway"), ("South Korean", "South Korea"), ("French", "France"),
     ("Chinese", "China"), ("Russian", "Russia"), ("American", "United States"),
     ("Democratic", None), ("Lund", None), ("Eva Rask", None)],
)  # fmt: skip
def test_a_countrys_adjective_stands_for_it(adjective: str, country: str | None) -> None:
    assert country_of(adjective) == country


@pytest.mark.parametrize(
    ("name", "label", "also", "never"),
    [("America", "GPE", {"U.S.", "United States", "Washington"}, {"the States"}),
     ("Britain", "GPE", {"United Kingdom", "UK", "London"}, set()),
     ("Washington", "GPE", {"United States", "U.S.", "America"}, set()),
     ("DPRK", "ORG", {"North Korea", "Pyongyang"}, set()),  # a country's name tagged otherwise
     ("American", "NORP", {"United States", "U.S."}, set()),
     ("Taiwan", "GPE", set(), {"China"}),  # an island's synset also says "China"
     ("Georgia", "GPE", {"Tbilisi"}, {"Peach State", "GA"}),  # the U.S. state is no country
     ("Washington", "PERSON", set(), {"United States"}),
     ("Lund", "GPE", set(), set())],
)  # fmt: skip
def test_a_country_goes_by_its_other_names(
    name: str, label: str, also: set[str], never: set[str]
) -> None:
    forms = set(place_forms(name, label))
    assert name in forms
    assert also <= forms
    assert not never & forms


PASSAGES = [
    "Mayor Ada Lind met Ole Dahl in Lund. Dahl said the visit went well.",
    "The visit of the mayor was short; Lind left on Friday.",
    "The Harbour Board said the fees would rise. Harbour Board chair Eva Moe agreed.",
    "Councillor Bo Park met Lind. Later, Park said the talks went well.",
]


@pytest.mark.parametrize(
    ("question", "cased"),
    [
        ("when did ada lind meet ole dahl?", "When did Ada Lind meet Ole Dahl?"),
        ("what did the mayor say about the visit?", "What did the mayor say about the visit?"),
        ("when did lind visit norway?", "When did Lind visit Norway?"),  # a country, unseen
        ("when did lind visit oslo?", "When did Lind visit Oslo?"),  # a capital, unseen
        # a word the passages capitalise only inside a longer name is no name alone
        ("what was agreed at the harbour talks?", "What was agreed at the harbour talks?"),
        ("what did the harbour board say?", "What did the Harbour Board say?"),
        ("what did park say about the fees?", "What did Park say about the fees?"),
    ],
)
def test_a_lower_case_question_gets_the_passages_capitals(question: str, cased: str) -> None:
    assert is_lower_case(question)
    assert truecased(question, PASSAGES) == cased


def test_a_question_with_capitals_is_not_lower_case() -> None:
    assert not is_lower_case("When did Lind meet Dahl?")
    assert is_lower_case("When did lind meet dahl?")  # only the first letter


@pytest.mark.parametrize(
    ("name", "keys"),
    [("Mr. Donald J. Trump", ["donald", "trump"]), ("Kim Jong-un", ["kim", "jong", "un"]),
     ("U.S.", ["us"]), ("the US State Department", ["us", "state", "department"])],
)  # fmt: skip
def test_speaker_keys_leave_an_acronyms_mark_off(name: str, keys: list[str]) -> None:
    assert name_keys(name) == keys


@pytest.mark.parametrize(
    ("name", "other"),
    [("Diablo 3", "Diablo III"), ("World War II", "World War 2"), ("Quest XIV", "Quest 14"),
     ("Euro 2020", None), ("Pixel 5a", None), ("Ada Lind", None), ("3", None),
     ("Area ²", None), ("Zone ३", None)],  # digits that are no ASCII numeral
)  # fmt: skip
def test_a_number_ending_a_name_is_written_either_way(name: str, other: str | None) -> None:
    forms = name_forms(name, "")
    assert forms[0] == name
    assert (other in forms) if other else len(forms) == 1


@pytest.mark.parametrize(
    ("word", "american"),
    [("defence", "defense"), ("honours", "honors"), ("organise", "organize"),
     ("centre", "center"), ("programme", "program"), ("defense", "defense"),
     ("four", "four"), ("rise", "rise"), ("minister", "minister"), ("class", "class")],
)  # fmt: skip
def test_a_british_spelling_folds_to_the_american_one(word: str, american: str) -> None:
    assert us_spelling(word) == american


@pytest.mark.parametrize(
    ("question", "evidence"),
    [("What did the ministers agree on?", False),  # what was agreed: a fact
     ("Do the outlets agree on the cost?", True),
     ("Does Quay Times say the same as Harbour Herald?", True),
     ("How do the two reports differ?", True)],
)  # fmt: skip
def test_agreeing_is_a_fact_asked_and_a_comparison_of_sources(
    question: str, evidence: bool
) -> None:
    assert analyse(question).evidence == evidence


@pytest.mark.parametrize(
    ("question", "read"),
    [("What did the Secretary of State say?", "What did the secretary of state say?"),
     ("Who is Japan's Foreign Minister?", "Who is Japan's foreign minister?"),
     ("What did the Japanese Prime Minister say?", "What did the Japanese prime minister say?"),
     ("Who is the President of France?", "Who is the president of France?"),
     # names, and titles used as names, keep their capitals
     ("What did Foreign Minister Eira Vold say?", "What did Foreign Minister Eira Vold say?"),
     ("What did Judge Smith say?", "What did Judge Smith say?"),
     ("Who plays the Joker in the sequel?", "Who plays the Joker in the sequel?"),
     ("Who was the 2021 National Teacher of the Year?", "Who was the 2021 National Teacher of the Year?"),
     ("What did the State Department say?", "What did the State Department say?")],
)  # fmt: skip
def test_a_title_written_with_capitals_is_read_as_a_description(question: str, read: str) -> None:
    from index.titles import lower_titles

    assert lower_titles(question) == read


def test_a_verb_the_entity_model_takes_into_a_name_is_left_out() -> None:
    """ "When was Garden of the Wild Rose released?" with "released" tagged into the title (as
    the small model does for some titles): the verb is the question's, not the name's."""
    doc = parse_question("when was Garden of the Wild Rose released?")
    released = next(t for t in doc if t.lower_ == "released")
    doc.ents = [Span(doc, 2, released.i + 1, label="WORK_OF_ART")]
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert [n.text for n in _names(doc, root)] == ["Garden of the Wild Rose"]


def test_what_a_speaker_is_quoted_on_names_no_sentence_opener_or_date() -> None:
    said = [
        "“There is no doubt the Harbour Board will sell the cranes,” the report said on Monday.",
        "Tolls will rise in March, Ada Lind said.",
    ]
    statements = [
        Statement(i, 1, i, text, np.zeros(3), [], frozenset(), "direct")
        for i, text in enumerate(said)
    ]
    line = quoted_on("the report", statements)
    assert "Harbour Board" in line and "Ada Lind" in line
    assert not any(word in line for word in ("There", "Monday", "March", "Tolls"))


@pytest.mark.parametrize(
    ("topic", "rest"),
    [("the Baltic region", ""), ("the Baltic area", ""), ("the Baltic economy", "the economy"),
     ("Norway's fishing quotas", "fishing quotas")],
)  # fmt: skip
def test_a_topic_less_its_names_keeps_what_is_asked_of_them(topic: str, rest: str) -> None:
    names = [("Baltic", "LOC"), ("Norway", "GPE")]
    assert _unnamed(topic, names) == rest


@pytest.mark.parametrize(
    ("text", "called"),
    [
        ("Officials said the North appears to be readying a test.", True),
        ("the North's provision of arms", True),
        ("fishing in the North Sea", False),  # another place
        ("the North Korean leader", False),
        ("in the north of the country", False),  # a direction, not the place
    ],
)
def test_a_place_called_the_north(text: str, called: bool) -> None:
    assert compass_short("North Varn", text) == called


@pytest.mark.parametrize(
    ("description", "people"),
    [
        ("the foreign minister", True),
        ("Seoul officials", True),
        ("the head of the board", True),
        ("the report", False),  # a document: its issuer is no role's holder
        ("the statement", False),
    ],
)
def test_a_description_of_people(description: str, people: bool) -> None:
    assert names_people(description) == people


def test_the_topic_of_a_reported_clause_leaves_the_wh_word_out() -> None:
    speech = analyse("What did Lind say Dahl would do about the cranes?").speech
    assert speech is not None
    assert speech.topic == "Dahl would do about the cranes"


@pytest.mark.parametrize(
    ("question", "source"),
    [
        ("Which news agency reported that the bridge reopened?", True),
        ("Which state media outlet called the envoys guests?", True),  # words before "outlet"
        ("What Varnian news agency reported the strike?", True),
        ("Which news organization reported the strike?", True),
        ("Which news service carried the story?", True),
        ("Which organization called the strike?", False),  # one the articles tell of
        ("Which network aired the final?", False),
        ("What kind of agency is the Port Board?", False),
        ("What time did the paper go to print?", False),
    ],
)
def test_a_question_that_asks_for_the_source(question: str, source: bool) -> None:
    assert analyse(question).source_question is source


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("Who is the harbour chief mentioned in the coverage?", "Who is the harbour chief?"),
        ("Which mayor, named in the articles, met Dahl?", "Which mayor met Dahl?"),
        # the articles' own documents and verbs are asked about
        ("Who is named in the report?", "Who is named in the report?"),
        ("Who is the harbour chief, according to the coverage?", "Who is the harbour chief?"),
        ("According to the articles, who won?", "Who won?"),
        (
            "What did Dahl say, according to Varna Post?",
            "What did Dahl say, according to Varna Post?",
        ),
        ("What happened, according to the report?", "What happened, according to the report?"),
        (
            "Which firm, mentioned in articles by Varna Post, won?",
            "Which firm, mentioned in articles by Varna Post, won?",
        ),
        (
            "Which officials are quoted in the articles?",
            "Which officials are quoted in the articles?",
        ),
    ],
)
def test_a_phrase_about_the_articles_themselves_is_left_out(question: str, read: str) -> None:
    assert without_meta(question) == read


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("Who holds the post of harbour master in Vika?", "Who is the harbour master in Vika?"),
        ("Who held the office of mayor in 2020?", "Who was the mayor in 2020?"),
        ("Who currently holds the position of the CEO?", "Who is the CEO?"),
        ("Who holds the record?", "Who holds the record?"),  # no role
        ("What post does Rind hold?", "What post does Rind hold?"),
    ],
)
def test_who_holds_a_role_is_asked_as_who_is(question: str, read: str) -> None:
    assert plainly_worded(question) == read


@pytest.mark.parametrize(
    ("question", "read"),
    [("What is Vika's new ferry called?", "What is the name of Vika's new ferry?"),
     ("What was the probe named?", "What was the name of the probe?"),
     ("Who is called Rind?", "Who is called Rind?"),  # no name asked for
     ("What came out of the harbour talks?", "What was the outcome of the harbour talks?"),
     ("What resulted from the vote?", "What was the outcome of the vote?"),
     ("What came next?", "What came next?")],
)  # fmt: skip
def test_a_name_or_an_outcome_asked_in_other_words(question: str, read: str) -> None:
    assert plainly_worded(question) == read


@pytest.mark.parametrize(
    ("text", "reason", "motive"),
    [
        ("North Varn tests rockets, saying it must defend itself.", True, True),
        ("The chiefs called for a pause to let the ferries sail.", True, True),
        ("Lind will be met by fishermen when she arrives.", False, False),  # "to be met"
        ("They are demanding lower fees.", False, True),
        ("She was in Holm before the trip to Vika.", False, False),  # "to Vika" is a place
    ],
)
def test_a_sentence_that_gives_a_reason(text: str, reason: bool, motive: bool) -> None:
    assert (gives_reason(text), gives_motive(text)) == (reason, motive)


@pytest.mark.parametrize(
    ("noun", "concrete"),
    [("rocket", True), ("satellite", True), ("weapon", True),
     ("idiom", False), ("policy", False), ("plan", False)],
)  # fmt: skip
def test_a_thing_one_can_point_at(noun: str, concrete: bool) -> None:
    # "Which rocket?" needs a sentence that names a rocket; "What idiom?" may be met by meaning
    assert is_concrete_noun(noun) is concrete


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("November 18th", (2020, 11, 18)),
        ("20th April 2018", (2018, 4, 20)),
        ("May 3", (2020, 5, 3)),
        ("the 2nd quarter", None),
        ("May", (2020, 5, None)),
    ],
)  # fmt: skip
def test_a_day_is_read_with_or_without_its_ordinal_suffix(
    text: str, day: tuple[int, int | None, int | None] | None
) -> None:
    assert read_value(text, "DATE", "2020-06-01").day == day
