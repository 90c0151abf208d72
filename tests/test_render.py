"""Rendering answers, sources and passages as Telegram HTML: escaping, links, splitting."""

from __future__ import annotations

import pytest
from telegram_html import parse_telegram_html, utf16_len

from bot import render, splitting
from index.models import CANNOT_ANSWER, Answer, Article, Citation

YONHAP = Article(
    "a1", "Blinken arrives in Seoul", "Yonhap", "2023-11-09", url="https://ex.com/a?x=1&y=2"
)
NO_META = Article("a2", "Untitled lead sentence…")
HOSTILE = Article(
    "a3", "<script>alert(1)</script> & <b>bold</b> \"quoted\"", "A&B <News>", "2023-11-10",
    url="javascript:alert(1)",
)  # fmt: skip


def parse(fragment: str) -> str:
    """The visible text Telegram shows for the HTML; raises like Telegram on invalid HTML."""
    text, _ = parse_telegram_html(fragment)
    return text


def citation(n: int, article: Article, quote: str, passage: str | None = None) -> Citation:
    return Citation(n, article, (quote,), passage or f"Before. {quote} After.")


def answer(lines: list[str], citations: list[Citation]) -> Answer:
    return Answer("q?", "\n".join(lines), False, citations)


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (YONHAP, "1. Yonhap — Blinken arrives in Seoul (9 Nov 2023)"),
        (NO_META, "1. Untitled lead sentence…"),
        (HOSTILE, '1. A&B <News> — <script>alert(1)</script> & <b>bold</b> "quoted" (10 Nov 2023)'),
        (Article("a4", "T", "O", "2023-13-45"), "1. O — T (2023-13-45)"),
    ],
)
def test_source_line_shows_outlet_title_and_date_escaped(article: Article, expected: str) -> None:
    assert parse(render.source_line(1, article)) == expected


def test_source_line_links_http_urls_only() -> None:
    _, entities = parse_telegram_html(render.source_line(1, YONHAP))
    assert entities == [
        {"type": "text_link", "offset": 12, "length": 24, "url": "https://ex.com/a?x=1&y=2"}
    ]
    _, entities = parse_telegram_html(render.source_line(1, HOSTILE))
    assert not [e for e in entities if e["type"] == "text_link"]


@pytest.mark.parametrize(
    ("lines", "citations", "visible"),
    [
        (
            ["Blinken said X. [1]", "Park said Y. [1][2]"],
            [citation(1, YONHAP, "Blinken said X."), citation(2, NO_META, "Park said Y.")],
            "Blinken said X. [1]\nPark said Y. [1][2]\n\nSources\n"
            "1. Yonhap — Blinken arrives in Seoul (9 Nov 2023)\n2. Untitled lead sentence…",
        ),
        (
            ["a <b> & c </i> [1]"],
            [citation(1, HOSTILE, "a <b> & c </i>")],
            "a <b> & c </i> [1]\n\nSources\n1. A&B <News> — <script>alert(1)</script> & "
            '<b>bold</b> "quoted" (10 Nov 2023)',
        ),
    ],
)
def test_answer_message(lines: list[str], citations: list[Citation], visible: str) -> None:
    (message,) = render.answer_messages(answer(lines, citations))
    assert parse(message) == visible
    assert "<b>Sources</b>" in message


def test_an_answer_s_note_says_how_the_question_was_read() -> None:
    read = answer(["She heads for India. [1]"], [citation(1, YONHAP, "She heads for India.")])
    read.note = 'Read as "Where is Eva Rask heading?".'
    (message,) = render.answer_messages(read)
    assert parse(message).startswith(
        'She heads for India. [1]\nRead as "Where is Eva Rask heading?".\n\nSources\n'
    )


def test_abstained_answer_is_plain_without_sources() -> None:
    abstained = Answer("capital of Australia?", CANNOT_ANSWER, True, [])
    assert render.answer_messages(abstained) == [CANNOT_ANSWER]


@pytest.mark.parametrize("limit", [60, 100, 257, 4096])
@pytest.mark.parametrize("sentence_words", [3, 12, 40, 900])
def test_long_answers_split_between_lines_and_stay_valid(limit: int, sentence_words: int) -> None:
    words = " ".join(f"w{i}&<x>" for i in range(sentence_words))
    lines = [f"Line {n}: {words}. [{n % 3 + 1}]" for n in range(40)]
    cits = [citation(n, YONHAP, "q") for n in (1, 2, 3)]
    parts = render.answer_messages(answer(lines, cits), limit=limit)
    visible = [parse(p) for p in parts]
    assert all(utf16_len(v.strip()) <= limit for v in visible)
    joined = "\n".join(visible)
    for line in lines:
        if utf16_len(line) <= limit:  # a line that fits is never cut
            assert any(line in v for v in visible), line
    for word in [f"w{i}&<x>" for i in range(sentence_words)][:50]:
        assert word in joined  # words are never cut
    assert "Sources\n1. Yonhap" in joined
    (whole,) = render.answer_messages(answer(lines, cits), limit=10**9)
    assert (len(parts) > 1) == (utf16_len(parse(whole)) > limit)


def test_a_line_longer_than_a_message_is_cut_at_words_keeping_tags_balanced() -> None:
    line = "<b>" + " ".join(["bold&amp;word"] * 30) + "</b> tail " + "<i>x</i> " * 5
    pieces = splitting.split_long_line(line, limit=50)
    assert len(pieces) > 3
    for piece in pieces:
        text, _ = parse_telegram_html(piece)
        assert utf16_len(text) <= 50
        assert "bold&word" in text or "tail" in text or "x" in text
        assert not text.startswith(" ") and not text.endswith(" ")
    bold = [p for p in pieces if "bold&amp;word" in p]
    assert all(p.startswith("<b>") and "</b>" in p for p in bold)  # re-opened in each piece


def test_a_word_longer_than_a_message_is_cut_but_never_inside_an_entity() -> None:
    word = "&amp;" * 30 + "😀" * 30  # emoji are two UTF-16 units each
    pieces = splitting.split_long_line(word, limit=25)
    texts = [parse(p) for p in pieces]
    assert "".join(texts) == "&" * 30 + "😀" * 30
    assert all(utf16_len(t) <= 25 for t in texts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a" * 10, 10), ("😀", 2), ("&amp;&lt;", 2), ("<b>x</b><a href='u'>yz</a>", 3)],
)
def test_visible_len_counts_utf16_after_parsing(text: str, expected: int) -> None:
    assert splitting.visible_len(text) == expected


def test_passage_puts_the_quotes_in_bold() -> None:
    passage = "First <sentence> & more.\nThe quoted one here. Last one."
    cit = Citation(2, YONHAP, ("The quoted one here.", "Elsewhere & said."), passage)
    (message,) = render.passage_messages(cit)
    text, entities = parse_telegram_html(message)
    assert text.startswith("[2] Yonhap — Blinken arrives in Seoul (9 Nov 2023)")
    assert "First <sentence> & more." in text
    bold = [text[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == "bold"]
    assert "The quoted one here." in bold
    assert "Elsewhere & said." in bold  # a quote from another passage of the article, appended


def test_quote_spanning_a_line_break_is_bold_on_each_line() -> None:
    text, missing = render.highlight("A b.\nC d. E.", ["b.\nC d."])
    assert missing == []
    assert text == "A <b>b.</b>\n<b>C d.</b> E."


def test_sources_list_newest_first_and_split_when_long() -> None:
    articles = [
        Article(f"id{i}", f"Title {i} <x>", "Out&let", f"2023-11-{i:02d}") for i in range(1, 29)
    ]
    (message,) = render.sources_messages(articles)
    lines = parse(message).splitlines()
    assert lines[0] == "Indexed articles (28 articles)"
    assert lines[2] == "1. Out&let — Title 28 <x> (28 Nov 2023)"
    many = [Article(f"id{i}", "T" * 300, "O") for i in range(40)]
    parts = render.sources_messages(many)
    assert len(parts) > 1 and all(utf16_len(parse(p)) <= 4096 for p in parts)
    assert render.sources_messages([]) == ["No articles are indexed yet."]


@pytest.mark.parametrize(("turn_id", "n"), [(1, 1), (987654321, 12), (2**62, 99)])
def test_callback_data_round_trips_within_64_bytes(turn_id: int, n: int) -> None:
    data = render.callback_data(turn_id, n)
    assert len(data.encode()) <= 64
    assert render.parse_callback(data) == (turn_id, n)


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "src:1",
        "src:x:1",
        "other:1:2",
        "src:1:2:3",
        "src:²:1",
        "src:1:١",
        f"src:{2**64}:1",
    ],
)
def test_other_callback_data_is_not_a_citation(data: str | None) -> None:
    assert render.parse_callback(data) is None


def test_one_button_per_citation_in_rows() -> None:
    cits = [citation(n, YONHAP, "q") for n in range(1, 11)]
    rows = render.citation_buttons(5, cits)
    assert [label for row in rows for label, _ in row] == [f"[{n}]" for n in range(1, 11)]
    assert rows[0][1] == ("[2]", "src:5:2")
    assert all(len(row) <= render.BUTTONS_PER_ROW for row in rows)


@pytest.mark.parametrize(
    "text",
    [
        render.welcome_private([YONHAP, HOSTILE, NO_META], ["Who is <Park> & co?"]),
        render.welcome_private([], []),
        render.welcome_group([YONHAP, HOSTILE], ["What did A&B say?"], "newsbot_test_bot"),
        render.help_text(True, "newsbot_test_bot"),
        render.help_text(False, "newsbot_test_bot"),
        render.ask_usage("newsbot_test_bot", "What <is> & this?"),
        render.error_text("the question is too long (over 1000 characters)"),
        render.APOLOGY,
        render.NO_ANSWER_YET,
        render.SOURCE_USAGE,
    ],
)
def test_fixed_texts_are_valid_telegram_html(text: str) -> None:
    visible = parse(text)
    assert 0 < utf16_len(visible) <= 4096
    assert "<script>" not in text


def test_collection_summary() -> None:
    summary = parse(render.collection_summary([YONHAP, HOSTILE, NO_META]))
    assert summary == "3 news articles from Yonhap, A&B <News>, published 9 Nov 2023 to 10 Nov 2023"
