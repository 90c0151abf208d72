"""The chat-library texts: every status of an add, the marked /sources numbering, feeds; all valid
Telegram HTML whatever the article, feed or file names hold."""

from __future__ import annotations

import pytest
from telegram_server import parse_telegram_html

from bot import render_library as text
from index.feeds import FollowedFeed
from index.following import Polled
from index.models import Article, IngestedArticle, IngestReport

HOSTILE = "<b>Fares</b> & <script>x</script>"
ORIGINAL = Article("orig", "Rail strike ends", "Metro & Co", "2024-03-10", library="news")


def ingested(status: str, same_as: Article | None = None, chunks: int = 3) -> IngestedArticle:
    return IngestedArticle("a1", "src", HOSTILE, "Wire <Desk>", None, status, chunks, same_as)


def visible(html: str) -> str:
    return parse_telegram_html(html)[0]


@pytest.mark.parametrize(
    ("status", "same_as", "expected"),
    [
        (
            "new",
            None,
            f"Added to this group's library:\n{HOSTILE}\nWire <Desk> · undated · 3 passages indexed",
        ),
        ("replaced", None, f"Updated in this group's library:\n{HOSTILE}"),
        ("unchanged", None, f"Already in this group's library, unchanged: {HOSTILE}"),
        (
            "duplicate",
            ORIGINAL,
            "Not added: it is already in the library as Metro & Co — Rail strike ends (10 Mar 2024).",
        ),
        (
            "copy",
            ORIGINAL,
            f"Added {HOSTILE} to this group's library as a copy of Metro & Co — Rail strike ends (10 Mar 2024).\nWire <Desk> counts as a corroborating source",
        ),
    ],
)
def test_added_says_what_happened(status: str, same_as: Article | None, expected: str) -> None:
    assert visible(text.added(ingested(status, same_as), private=False)).startswith(expected)


def test_one_passage_and_a_private_library() -> None:
    shown = visible(text.added(ingested("new", chunks=1), private=True))
    assert shown.startswith("Added to your library:") and shown.endswith("· 1 passage indexed")


def test_status_lines_are_short_and_escaped() -> None:
    line = visible(text.adding("https://x.example/" + "<a>" * 500, "fetching"))
    assert line.endswith(": fetching the page…") and len(line) < 260
    assert visible(text.not_added("a.pdf: <broken> & bad.")) == "Not added: a.pdf: <broken> & bad."


def test_sources_number_the_chat_s_own_articles_first() -> None:
    shared = [
        Article("s1", "Old shared", published="2024-01-01", library="news"),
        Article("s2", "New shared", published="2024-02-01", library="news"),
    ]
    own = [
        Article("o1", "Old own", published="2023-05-01", library="news.chat-5"),
        Article("o2", HOSTILE, published="2024-03-01", library="news.chat-5"),
    ]
    listed = text.numbered([*shared, *own], "news")
    assert [(x.n, x.article.article_id, x.own) for x in listed] == [
        (1, "o2", True), (2, "o1", True), (3, "s2", False), (4, "s1", False)
    ]  # fmt: skip
    (message,) = text.sources_messages([*shared, *own], "news", private=False)
    lines = visible(message).splitlines()
    assert lines[0] == "Indexed articles (4 articles)"
    assert lines[3] == f"1. {HOSTILE} (1 Mar 2024)" and lines[6] == "Shared library (2)"
    # Without articles of its own, a chat sees the usual list.
    (plain,) = text.sources_messages(shared, "news", private=True)
    assert visible(plain).splitlines()[2].startswith("1. New shared")


def test_feeds_list_errors_and_notices() -> None:
    feed = FollowedFeed(1, "-5", "https://x.example/f.rss", HOSTILE, last_error="<404> & gone")
    (listing,) = text.feeds_messages([feed], notices=False, minutes=15)
    shown = visible(listing)
    assert f"1. {HOSTILE} — https://x.example/f.rss" in shown
    assert "not checked yet · last error: <404> & gone" in shown
    assert "every 15 minutes" in shown and "Notices of new articles: off" in shown
    report = IngestReport(new=3)
    assert visible(text.notice(Polled(feed, report))) == f"3 new articles from {HOSTILE}."
    one = Polled(FollowedFeed(2, "-5", "https://x.example/g.rss", None), IngestReport(new=1))
    assert visible(text.notice(one)) == "1 new article from https://x.example/g.rss."
