"""End to end on a collection made for the test: an answer too long for one message, and
article text full of HTML (titles, outlets, URLs and sentences with <script>, <b> and &)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from telegram.ext import Application
from telegram_server import TelegramTestServer, utf16_len
from test_bot_harness import (
    assert_valid_html,
    buttons,
    new_id,
    run_scenario,
    sources_section,
)

from index.embedding import Embedder
from index.service import NewsIndex

App = Application
HOSTILE_TITLE = "<script>alert('x')</script> & <b>Quuxia</b> ferry fares \"rise\""
HOSTILE_OUTLET = "A&B <Times>"
HOSTILE_URL = "https://example.com/news?a=1&b=<2>"
HOSTILE_ARTICLE = f"""Title: {HOSTILE_TITLE}
Source: {HOSTILE_OUTLET}
URL: {HOSTILE_URL}
Date: 2024-05-02

The Quuxia transport minister said ferry fares would rise by 5% & <b>tolls</b> would stay flat, \
calling the plan "fair" <script>alert('x')</script>.

Critics of the Quuxia ferry plan said the <i>fare</i> rise was unfair to island families & small firms.
"""


def long_articles(folder: Path, embedder: Embedder) -> None:
    """Two articles of very long sentences that all answer the same question.

    The words are whole-word tokens of the embedding model's vocabulary, so that a 200-token
    chunk holds ~1,700 characters and four answer sentences go well past 4,096."""
    vocab = sorted(w for w in embedder.model.tokenizer.vocab if re.fullmatch(r"[a-z]{9,14}", w))
    rng = random.Random(5)
    for a in range(2):
        sentences = []
        for _ in range(3):
            words = rng.sample(vocab, 150)
            groups = [" ".join(words[i : i + 15]) for i in range(0, 150, 15)]
            sentences.append(
                "The Zorblax council said tariffs " + ", Zorblax tariffs ".join(groups) + "."
            )
        title = f"Zorblax council tariffs report {a}: " + " ".join(rng.sample(vocab, 25))
        header = f"Title: {title}\nSource: Zorblax Daily {a}\nDate: 2024-0{a + 1}-15\n\n"
        (folder / f"zorblax_{a}.txt").write_text(header + "\n\n".join(sentences) + "\n")


@pytest.fixture(scope="module")
def article_index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> NewsIndex:
    folder = tmp_path_factory.mktemp("articles")
    long_articles(folder, embedder)
    (folder / "hostile.txt").write_text(HOSTILE_ARTICLE)
    index = NewsIndex(folder / "data", collection="bottest", embedder=embedder, create=True)
    index.ingest([str(folder / name) for name in sorted(p.name for p in folder.glob("*.txt"))])
    return index


def test_a_long_answer_is_split_between_lines(
    tg: TelegramTestServer, article_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        ann = tg.user(new_id(), "Ann")
        chat = tg.group_chat(-new_id(), "Tariff watchers")
        question = tg.send_text(chat, ann, "/ask What did the Zorblax council say about tariffs?")
        parts = await tg.wait_for_messages_async(chat["id"], count=2, after=question)
        while not buttons(parts[-1]):  # the keyboard comes with the last part
            parts += await tg.wait_for_messages_async(chat["id"], count=1, after=parts[-1])
        await tg.assert_no_messages_async(chat["id"], wait=0.2, after=parts[-1])
        texts = [assert_valid_html(part)[0] for part in parts]
        assert all(utf16_len(t) <= 4096 for t in texts)
        assert sum(utf16_len(t) for t in texts) > 4096  # it really had to split
        turn = article_index.memory.last(str(chat["id"]), str(ann["id"]))
        assert turn is not None
        lines = turn.answer["answer"].splitlines()
        assert len(lines) >= 3
        for line in lines:  # every answer sentence, with its [n] markers, whole in one part
            assert sum(line in text for text in texts) == 1, line[:80]
        (with_heading,) = [t for t in texts if "Sources" in t]
        assert sources_section(with_heading)[0].startswith("1. Zorblax")
        assert not buttons(parts[0]) and buttons(parts[-1])  # the buttons under the last part
        assert all(p["reply_to_message_id"] == question["message_id"] for p in parts)
        for part in parts:  # a reply to any part is a follow-up to this answer
            linked = article_index.memory.turn_for_message(str(chat["id"]), part["message_id"])
            assert linked and linked.id == turn.id

    run_scenario(tg, article_index, scenario)


def test_html_in_articles_and_questions_is_shown_literally(
    tg: TelegramTestServer, article_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        bob = tg.user(new_id(), "Bob")
        chat = tg.private_chat(bob)
        asked = tg.send_text(
            chat, bob, "What did the Quuxia minister say about <b>ferry</b> fares & tolls?"
        )
        (answer,) = await tg.wait_for_messages_async(chat["id"], after=asked)
        text, entities = assert_valid_html(answer)
        assert "ferry fares would rise by 5% & <b>tolls</b> would stay flat" in text
        assert "<script>alert('x')</script>" in text
        (source,) = sources_section(text)
        assert source == f"1. {HOSTILE_OUTLET} — {HOSTILE_TITLE} (2 May 2024)"
        links = [e for e in entities if e["type"] == "text_link"]
        assert [e["url"] for e in links] == [HOSTILE_URL]
        linked = text[links[0]["offset"] : links[0]["offset"] + links[0]["length"]]
        assert linked == HOSTILE_TITLE
        assert not [e for e in entities if e["type"] in ("italic", "code", "pre")]

        tg.press_button(chat, bob, answer, buttons(answer)[0])
        (passage,) = await tg.wait_for_messages_async(chat["id"], after=answer)
        text, entities = assert_valid_html(passage)
        bold = [
            text[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == "bold"
        ]
        assert any("& <b>tolls</b> would stay flat" in b for b in bold)
        assert "the <i>fare</i> rise was unfair" in text

        listing = tg.send_text(chat, bob, "/sources")
        (sources,) = await tg.wait_for_messages_async(chat["id"], after=listing)
        text, _ = assert_valid_html(sources)
        assert f"{HOSTILE_OUTLET} — {HOSTILE_TITLE}" in text
        assert "Indexed articles (3 articles)" in text

    run_scenario(tg, article_index, scenario)
    assert not tg.errors
