"""Who said what: attributions on the five sample articles and on constructed texts."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from support.attribution import attributions_at, describe, sentence_index

from index.attribution import ArticleAnalysis, analyze_article, analyze_articles, same_speaker
from index.loaders import load_sources
from index.nlp import parse_article, parse_question
from index.service import builtin_corpus
from index.text import sentence_spans, split_sentences


@pytest.fixture(scope="session")
def samples() -> dict[str, tuple[str, ArticleAnalysis]]:
    """The sample articles' clean texts and analyses, by the number their file names start with."""
    articles = load_sources([str(builtin_corpus())])
    texts = [a.clean.text for a in articles]
    analyses = analyze_articles(texts)
    return {
        a.article_id[:3]: (text, analysis)
        for a, text, analysis in zip(articles, texts, analyses, strict=True)
    }


# (article, a fragment of the sentence, the speaker, how the speaker was found)
SAMPLE_SPEAKERS = [
    ("000", 'Cho Tae-yong and "strongly condemned"', "State Department", "explicit"),
    ("000", "the department said", "State Department", "descriptor"),
    ("000", "it added", "State Department", "pronoun"),
    ("000", "Seoul officials said the North appears", "Seoul officials", "explicit"),
    ("000", "Blinken said, \"We're deeply concerned", "Antony Blinken", "explicit"),
    ("000", "he said in Tokyo", "Antony Blinken", "pronoun"),
    ("001", "The United States revealed last month", "United States", "explicit"),
    ("002", "Blinken told a press conference in Tokyo", "Antony Blinken", "explicit"),
    ("002", "by North Korea on the peninsula", "U.S. State Department", "explicit"),
    ("002", "South Korea said last week", "South Korea", "explicit"),
    ("003", "he said as quoted by Reuters", "Antony Blinken", "pronoun"),
    ("003", "Park also said that after her meeting", "Park Jin", "explicit"),
    ("003", "Blinken and Park also said", "Park Jin", "explicit"),
    ("003", "Blinken and Park also said", "Antony Blinken", "explicit"),
    ("004", "Antony Blinken said during a press conference", "Antony Blinken", "explicit"),
    ("004", "Blinken told reporters that", "Antony Blinken", "explicit"),
    ("004", "according to Seoul’s Ministry", "Ministry of National Defense", "explicit"),
    ("004", "Korean Central News Agency reported", "Korean Central News Agency", "explicit"),
    ("004", "we’re very focused on,” he said", "Antony Blinken", "pronoun"),
    ("004", "“We’re working to identify", "Antony Blinken", "continuation"),
    ("004", "the State Department said in a news release", "State Department", "explicit"),
    ("004", "KCNA in a report Thursday criticized", "KCNA", "explicit"),
    ("004", "the report said", "Korean Central News Agency", "descriptor"),
]


@pytest.mark.parametrize(("article", "fragment", "speaker", "resolved"), SAMPLE_SPEAKERS)
def test_sample_sentence_speakers(
    samples: dict[str, tuple[str, ArticleAnalysis]],
    article: str,
    fragment: str,
    speaker: str,
    resolved: str,
) -> None:
    text, analysis = samples[article]
    found = attributions_at(analysis, text, fragment)
    assert any(
        same_speaker(speaker, a.speaker, a.speaker_kind) and a.resolved == resolved for a in found
    ), describe(found)


# Sentences that mention people without reporting their words: (article, fragment, names).
SAMPLE_MENTIONS = [
    ("000", "Blinken paid a courtesy call on President Yoon", ["Blinken", "Yoon Suk Yeol"]),
    ("000", "Blinken arrived in South Korea late Wednesday", ["Blinken"]),
    ("000", "Park and Blinken previously met in person", ["Park Jin", "Blinken"]),
    ("000", 'Cho Tae-yong and "strongly condemned"', ["Blinken", "Cho Tae-yong"]),
    ("000", "Secretary Blinken stressed the importance", ["Blinken", "Cho Tae-yong"]),
    ("001", "Blinken landed at the U.S. Osan Air Base", ["Blinken"]),
    ("002", "Blinken met South Korea's national security adviser", ["Blinken", "Cho Tae-yong"]),
    ("002", "Blinken is expected to meet South Korean President", ["Blinken", "Yoon Suk Yeol"]),
    ("004", "Blinken also met with South Korean national security", ["Blinken", "Cho Tae-yong"]),
]


@pytest.mark.parametrize(("article", "fragment", "names"), SAMPLE_MENTIONS)
def test_sample_mentions_are_not_attributions(
    samples: dict[str, tuple[str, ArticleAnalysis]], article: str, fragment: str, names: list[str]
) -> None:
    text, analysis = samples[article]
    found = attributions_at(analysis, text, fragment)
    for name in names:
        assert not any(same_speaker(name, a.speaker, a.speaker_kind) for a in found), (
            name,
            describe(found),
        )


@pytest.mark.parametrize(
    ("article", "fragment", "kind"),
    [
        ("004", "“We share profound concerns about", "direct"),
        ("004", "Washington and Seoul are exploring", "mixed"),
        ("004", "Blinken told reporters that", "reported"),
        ("000", "Seoul officials said the North appears", "reported"),
        ("000", "he said in Tokyo", "direct"),
    ],
)
def test_sample_speech_kinds(
    samples: dict[str, tuple[str, ArticleAnalysis]], article: str, fragment: str, kind: str
) -> None:
    text, analysis = samples[article]
    found = attributions_at(analysis, text, fragment)
    assert [a.kind for a in found] == [kind], describe(found)


def test_contents_lie_in_their_sentence_and_quote_the_words(
    samples: dict[str, tuple[str, ArticleAnalysis]],
) -> None:
    for text, analysis in samples.values():
        spans = sentence_spans(text)
        for att in analysis.attributions:
            start, end = spans[att.sentence]
            assert start <= att.content[0] < att.content[1] <= end, att
    text, analysis = samples["004"]
    (att,) = attributions_at(analysis, text, "“We share profound concerns about")
    said = text[att.content[0] : att.content[1]]
    assert said.startswith("“We share profound concerns") and said.endswith("with Russia,”")
    assert "Blinken said" not in said


def test_entities_are_per_sentence_with_article_offsets(
    samples: dict[str, tuple[str, ArticleAnalysis]],
) -> None:
    text, analysis = samples["000"]
    assert len(analysis.entities) == len(sentence_spans(text))
    for sentence in analysis.entities:
        for entity in sentence:
            assert text[entity.start : entity.end] == entity.text
    first = sentence_index(text, "Foreign Minister Park Jin and U.S. Secretary")
    people = [e.text for e in analysis.entities[first] if e.label == "PERSON"]
    assert "Antony Blinken" in people


def _speakers(text: str, fragment: str) -> list[tuple[str, str, str, str]]:
    return describe(attributions_at(analyze_article(text), text, fragment))


def test_the_minister_also_said_resolves_to_the_named_minister() -> None:
    text = (
        "Foreign Minister Park Jin met U.S. envoys in Seoul on Monday to discuss sanctions.\n\n"
        "The minister also said the sanctions would stay in place until the talks resume."
    )
    assert _speakers(text, "The minister also said") == [
        ("Park Jin", "person", "descriptor", "reported")
    ]


def test_a_quote_over_several_sentences_and_paragraphs_keeps_its_speaker() -> None:
    text = (
        "Senator Margaret Hollis criticized the budget on Tuesday.\n\n"
        '"This plan cuts far too deep," Hollis said. "It hurts families. It hurts schools.\n\n'
        '"We will vote against it."\n\n'
        "The vote is due on Friday."
    )
    analysis = analyze_article(text)
    for fragment in ("It hurts families.", "It hurts schools.", "We will vote against it."):
        found = attributions_at(analysis, text, fragment)
        assert [(a.speaker, a.resolved, a.kind) for a in found] == [
            ("Margaret Hollis", "continuation", "direct")
        ], (fragment, describe(found))
    assert attributions_at(analysis, text, "The vote is due on Friday.") == []


def test_according_to_names_the_speaker_of_the_clause() -> None:
    text = "Unemployment fell to four percent in March, according to the Labor Department."
    (att,) = analyze_article(text).attributions
    assert (att.cue, att.kind) == ("according to", "reported")
    assert same_speaker("Labor Department", att.speaker, att.speaker_kind)
    assert text[att.content[0] : att.content[1]] == "Unemployment fell to four percent in March"


def test_said_after_the_speaker_and_who_clauses() -> None:
    text = (
        "The bridge will reopen next week, said Mayor Thomas Bradley.\n\n"
        "Laura Chen, who chairs the transport committee, said the repairs cost too much."
    )
    assert _speakers(text, "The bridge will reopen") == [
        ("Thomas Bradley", "person", "explicit", "reported")
    ]
    assert _speakers(text, "the repairs cost too much") == [
        ("Laura Chen", "person", "explicit", "reported")
    ]


def test_a_sentence_that_only_mentions_people_has_no_attribution() -> None:
    text = "Prime Minister Rishi Sunak met President Emmanuel Macron in Paris on Friday."
    assert analyze_article(text).attributions == []


def test_reported_speech_inside_a_statement_stays_the_statement_of_its_speaker() -> None:
    text = (
        "The Interior Ministry said Governor Paul Ames condemned the attack on the station.\n\n"
        '"Nobody ever said Ames was wrong," Sara Klein told reporters.'
    )
    analysis = analyze_article(text)
    speakers = {a.speaker for a in analysis.attributions}
    assert "Interior Ministry" in speakers and "Sara Klein" in speakers
    assert not any(same_speaker("Paul Ames", s, "person") for s in speakers)


def test_bare_surnames_and_pronouns_resolve_to_the_full_name() -> None:
    text = (
        "Senator Elizabeth Warren spoke in Boston on Monday.\n\n"
        "Warren said the bill would pass. She added that the vote would be close."
    )
    assert _speakers(text, "Warren said the bill") == [
        ("Elizabeth Warren", "person", "explicit", "reported")
    ]
    assert _speakers(text, "She added") == [("Elizabeth Warren", "person", "pronoun", "reported")]


def test_a_pronoun_with_no_one_before_it_stays_unresolved() -> None:
    text = "He told reporters the deal was finished."
    assert _speakers(text, "He told reporters") == [("He", "unresolved", "unresolved", "reported")]


def test_quote_frames_the_parser_misses_name_their_speaker() -> None:
    text = (
        "Residents of Marlow packed the hall on Thursday.\n\n"
        "\u201cWe were never asked about the new road through the village,\u201d Edith Varga, 71, "
        "told the council.\n\n"
        "\u201cThe plan is finished and the money is spent.\u201d \u2014 Councillor Omar Rees\n\n"
        "Hanna Dorsey: \u201cAt long last the ferry will run again.\u201d"
    )
    analysis = analyze_article(text)
    for fragment, speaker in [
        ("We were never asked", "Edith Varga"),
        ("The plan is finished", "Omar Rees"),
        ("At long last the ferry", "Hanna Dorsey"),
    ]:
        found = attributions_at(analysis, text, fragment)
        assert any(same_speaker(speaker, a.speaker, "person") for a in found), describe(found)
        assert all(a.kind == "direct" for a in found), describe(found)


def test_a_quoted_question_and_its_frame_are_one_sentence_with_its_speaker() -> None:
    """'“Why ...?” Vitter demanded.': the frame after a quote ending in "?" or "!" is the same
    sentence, so the quote is the framer's; a capitalised sentence after a quote that is no
    frame stays a sentence of its own."""
    text = (
        "Senators pressed the harbour board on Tuesday.\n\n"
        "\u201cWhy is the ferry still idle after three years of promises?\u201d Ada Vik "
        "demanded.\n\n"
        "\u201cWho pays for the new cranes at the port?\u201d asked Senator Ole Dahl.\n\n"
        "\u201cWill it ever run?\u201d The board gave no answer."
    )
    assert split_sentences(text)[-2:] == [
        "\u201cWill it ever run?\u201d",
        "The board gave no answer.",
    ]
    analysis = analyze_article(text)
    for fragment, speaker in [("Why is the ferry", "Ada Vik"), ("Who pays for", "Ole Dahl")]:
        found = attributions_at(analysis, text, fragment)
        assert any(same_speaker(speaker, a.speaker, "person") for a in found), describe(found)
        assert all(a.kind == "direct" for a in found), describe(found)


def test_a_noun_of_saying_reports_speech_when_it_says_whose_and_what() -> None:
    text = (
        "Governor Lina Marsh's claim that the reservoir was full drew criticism on Monday.\n\n"
        "Lina Marsh's statement was published on the state website."
    )
    analysis = analyze_article(text)
    claim = attributions_at(analysis, text, "the reservoir was full")
    assert any(same_speaker("Lina Marsh", a.speaker, "person") for a in claim), describe(claim)
    assert attributions_at(analysis, text, "statement was published") == []


def test_a_quote_right_after_one_speakers_reported_words_is_theirs() -> None:
    text = (
        "Mayor Ruth Calder said the bridge would close for a month.\n\n"
        "\u201cThere is no other safe way to do the repairs.\u201d\n\n"
        "The closure starts on June 1."
    )
    analysis = analyze_article(text)
    found = attributions_at(analysis, text, "There is no other safe way")
    assert [(a.speaker, a.kind) for a in found] == [("Ruth Calder", "direct")], describe(found)
    assert attributions_at(analysis, text, "The closure starts") == []


SAME_SPEAKER = [
    ("Trump", "Donald Trump", "person", True),
    ("Donald J. Trump", "Donald Trump", "person", True),
    ("Mr. Trump", "Donald Trump", "person", True),
    ("Donald Trump", "Billionaire Donald Trump", "person", True),
    ("Ivanka Trump", "Donald Trump", "person", False),
    ("Hillary Clinton", "Bill Clinton", "person", False),
    ("Blinken", "Antony Blinken", "person", True),
    ("Antony Blinken", "Blinken", "person", True),
    ("Park", "Park Jin", "person", True),
    ("Kim Jong-un", "Kim Jong Un", "person", True),
    ("Cho Tae-yong", "Antony Blinken", "person", False),
    ("the U.S. State Department", "State Department", "org", True),
    ("State Department", "U.S. State Department", "org", True),
    ("Department", "State Department", "org", False),
    ("Defense Department", "State Department", "org", False),
    ("KCNA", "Korean Central News Agency", "org", True),
    ("U.N.", "United Nations", "org", True),
    ("Bernie Sanders", "Sanders", "org", True),
    ("Seoul officials", "Seoul officials", "group", True),
    ("Seoul", "Seoul officials", "group", False),
    ("he", "he", "unresolved", False),
]


@pytest.mark.parametrize(("asked", "speaker", "kind", "same"), SAME_SPEAKER)
def test_same_speaker(asked: str, speaker: str, kind: str, same: bool) -> None:
    assert same_speaker(asked, speaker, kind) is same


def test_parse_keeps_our_sentences() -> None:
    text = (
        "Gen. Mark Smith met U.S. officials in Washington, D.C. on Monday. He left at 5 p.m. "
        'and said "we are done." Then he flew home.\n\nA new paragraph starts here'
    )
    parsed = parse_article(text)
    assert [s.text for s in parsed.sentences] == split_sentences(text)
    assert [s.text.strip() for s in parsed.doc.sents if s.text.strip()] == split_sentences(text)


def test_parse_question_gives_lemmas_and_entities() -> None:
    doc = parse_question("What did Antony Blinken say about Russia?")
    assert "say" in [t.lemma_ for t in doc]
    assert ("Russia", "GPE") in [(e.text, e.label_) for e in doc.ents]


def test_empty_text_has_nothing_to_attribute() -> None:
    assert analyze_article("") == ArticleAnalysis([], [])


def test_parsing_from_two_threads_gives_the_same_analyses(
    samples: dict[str, tuple[str, ArticleAnalysis]],
) -> None:
    texts = [text for text, _ in samples.values()]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(analyze_article, texts + texts))
    expected = [analysis for _, analysis in samples.values()]
    assert results == expected + expected
