"""End to end in groups: every trigger, silence otherwise, threads, follow-ups per person."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application, TypeHandler
from telegram_server import TelegramTestServer
from test_bot_harness import (
    BOT_USERNAME,
    assert_valid_html,
    buttons,
    new_id,
    run_scenario,
    sources_section,
    telegram_server,
)

from index.models import CANNOT_ANSWER
from index.service import NewsIndex

App = Application
JSON = dict[str, Any]
RUSSIA = "what did Blinken say about Russia?"


@pytest.fixture
def tg_sees_all(monkeypatch: pytest.MonkeyPatch) -> Iterator[TelegramTestServer]:
    """A bot with privacy mode off (e.g. a group admin) receives every message."""
    yield from telegram_server(monkeypatch, privacy_mode=False)


def group(tg: TelegramTestServer, *names: str) -> tuple[JSON, list[JSON]]:
    chat = tg.group_chat(-new_id(), "News fans", supergroup=True)
    return chat, [tg.user(new_id(), name) for name in names]


def body(text: str) -> str:
    return text.split("\nSources\n")[0]


@pytest.mark.parametrize(
    "text",
    [
        f"/ask {RUSSIA}",
        f"/ask@{BOT_USERNAME} {RUSSIA}",
        f"@{BOT_USERNAME} {RUSSIA}",
        f"Hey @{BOT_USERNAME.upper()}, {RUSSIA}",
    ],
)
def test_each_trigger_gets_a_threaded_answer(
    tg: TelegramTestServer, sample_index: NewsIndex, text: str
) -> None:
    async def scenario(app: App) -> None:
        chat, (ann,) = group(tg, "Ann")
        question = tg.send_text(chat, ann, text)
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=question)
        answer, _ = assert_valid_html(reply)
        assert "Russia" in body(answer) and sources_section(answer)
        assert reply["reply_to_message_id"] == question["message_id"]  # threaded
        assert buttons(reply)
        turn = sample_index.memory.last(str(chat["id"]), str(ann["id"]))
        assert turn and turn.question.lower() == RUSSIA.lower()  # the mention is stripped
        assert BOT_USERNAME not in turn.question.lower()

    run_scenario(tg, sample_index, scenario)


def test_reply_to_the_bot_is_a_follow_up(tg: TelegramTestServer, sample_index: NewsIndex) -> None:
    """The new user's path: /ask, tap a citation, reply "and about the Indo-Pacific?"."""

    async def scenario(app: App) -> None:
        chat, (ann, bob) = group(tg, "Ann", "Bob")
        question = tg.send_text(chat, ann, f"/ask {RUSSIA}")
        (answer,) = await tg.wait_for_messages_async(chat["id"], after=question)
        tg.press_button(chat, ann, answer, buttons(answer)[-1])
        (passage,) = await tg.wait_for_messages_async(chat["id"], after=answer)
        assert passage["reply_to_message_id"] == answer["message_id"]
        assert assert_valid_html(passage)[0].startswith(f"[{len(buttons(answer))}] ")

        # Bob, who never asked, replies to the bot's answer to Ann: her thread is the context.
        follow_up = tg.send_text(chat, bob, "and about the Indo-Pacific?", reply_to=answer)
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=follow_up)
        text, _ = assert_valid_html(reply)
        assert "Indo-Pacific" in body(text)
        assert reply["reply_to_message_id"] == follow_up["message_id"]
        turn = sample_index.memory.last(str(chat["id"]), str(bob["id"]))
        assert turn and "Blinken" in turn.answer["retrieval_query"]
        # A reply to the passage message continues the same thread too.
        again = tg.send_text(chat, ann, "what did he say about Ukraine?", reply_to=passage)
        (third,) = await tg.wait_for_messages_async(chat["id"], after=again)
        assert "Ukraine" in body(assert_valid_html(third)[0])

    run_scenario(tg, sample_index, scenario)


def test_follow_up_by_sequence_keeps_each_person_s_thread(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        chat, (ann, bob) = group(tg, "Ann", "Bob")
        first = tg.send_text(chat, ann, "/ask Who is Park Jin?")
        await tg.wait_for_messages_async(chat["id"], after=first)
        other = tg.send_text(chat, bob, "/ask Who is Cho Tae-yong?")
        await tg.wait_for_messages_async(chat["id"], after=other)
        follow_up = tg.send_text(chat, ann, "/ask What did he and Blinken urge North Korea to do?")
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=follow_up)
        text = body(assert_valid_html(reply)[0])
        assert "Park" in text and "urge" in text and "Cho" not in text
        anns = sample_index.memory.last(str(chat["id"]), str(ann["id"]))
        assert anns and "Park Jin" in anns.answer["retrieval_query"]
        bobs_follow_up = tg.send_text(chat, bob, "/ask What did they discuss?")
        (bobs,) = await tg.wait_for_messages_async(chat["id"], after=bobs_follow_up)
        assert "Cho" in body(assert_valid_html(bobs)[0])

    run_scenario(tg, sample_index, scenario)


def test_other_chatter_is_ignored_silently(
    tg_sees_all: TelegramTestServer, sample_index: NewsIndex
) -> None:
    tg = tg_sees_all

    received: list[Update] = []

    async def record(update: Update, context: object) -> None:
        received.append(update)

    async def scenario(app: App) -> None:
        app.add_handler(TypeHandler(Update, record), group=-2)
        chat, (ann, bob) = group(tg, "Ann", "Bob")
        hello = tg.send_text(chat, ann, "What did Blinken say about Russia? anyone?")
        tg.send_text(chat, bob, "no idea, ask @someone_else_bot", reply_to=hello)
        tg.send_text(chat, bob, "/ask@some_other_bot what did Blinken say?")
        tg.send_text(chat, bob, "/weather")
        tg.send_text(chat, ann, f"my email is ann@{BOT_USERNAME}.com")
        await tg.wait_until_async(lambda: len(received) == 5)
        await tg.assert_no_messages_async(chat["id"], wait=0.3)
        assert not tg.chat_actions
        # ... while a real trigger in the same chat is answered
        question = tg.send_text(chat, ann, f"/ask {RUSSIA}")
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=question)
        assert reply["reply_to_message_id"] == question["message_id"]

    run_scenario(tg, sample_index, scenario)
    assert len(received) == 6  # the chatter reached the bot, which ignored it


def test_privacy_mode_chatter_never_reaches_the_bot(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        chat, (ann,) = group(tg, "Ann")
        tg.send_text(chat, ann, "What did Blinken say about Russia?")
        await tg.assert_no_messages_async(chat["id"], wait=0.3)
        mention = tg.send_text(chat, ann, f"@{BOT_USERNAME}")  # a bare mention explains
        (usage,) = await tg.wait_for_messages_async(chat["id"], after=mention)
        assert "/ask " in assert_valid_html(usage)[0]

    run_scenario(tg, sample_index, scenario)


def test_bare_ask_explains_itself(tg: TelegramTestServer, sample_index: NewsIndex) -> None:
    async def scenario(app: App) -> None:
        chat, (ann,) = group(tg, "Ann")
        for text in ("/ask", f"/ask@{BOT_USERNAME}", "/ask   "):
            bare = tg.send_text(chat, ann, text)
            (usage,) = await tg.wait_for_messages_async(chat["id"], after=bare)
            explained, _ = assert_valid_html(usage)
            assert explained.startswith("Put your question after the command")
            assert re.search(r"/ask \w", explained) and f"@{BOT_USERNAME}" in explained
            assert usage["reply_to_message_id"] == bare["message_id"]
        assert sample_index.memory.last(str(chat["id"]), str(ann["id"])) is None

    run_scenario(tg, sample_index, scenario)


def test_group_commands_sources_source_help_and_unanswerable(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        chat, (ann, bob) = group(tg, "Ann", "Bob")
        listing = tg.send_text(chat, ann, f"/sources@{BOT_USERNAME}")
        (sources,) = await tg.wait_for_messages_async(chat["id"], after=listing)
        assert assert_valid_html(sources)[0].startswith("Indexed articles (5 articles)")
        asked = tg.send_text(chat, ann, f"/ask {RUSSIA}")
        (answer,) = await tg.wait_for_messages_async(chat["id"], after=asked)
        nope = tg.send_text(chat, bob, "/ask What is the capital of Australia?")
        (abstained,) = await tg.wait_for_messages_async(chat["id"], after=nope)
        said = assert_valid_html(abstained)[0].splitlines()
        assert said == [CANNOT_ANSWER, "The articles never mention Australia."]
        assert not buttons(abstained)
        # /source n is about the asker's own last answer ...
        own = tg.send_text(chat, ann, "/source 1")
        (passage,) = await tg.wait_for_messages_async(chat["id"], after=own)
        assert assert_valid_html(passage)[0].startswith("[1] ")
        assert passage["reply_to_message_id"] == own["message_id"]
        theirs = tg.send_text(chat, bob, "/source 1")
        (none,) = await tg.wait_for_messages_async(chat["id"], after=theirs)
        assert "has no sources" in assert_valid_html(none)[0]
        # ... or about the answer it replies to.
        replied = tg.send_text(chat, bob, "/source 2", reply_to=answer)
        (second,) = await tg.wait_for_messages_async(chat["id"], after=replied)
        assert assert_valid_html(second)[0].startswith("[2] ")
        helped = tg.send_text(chat, bob, "/help")
        (help_text,) = await tg.wait_for_messages_async(chat["id"], after=helped)
        assert "I ignore everything else in the group" in assert_valid_html(help_text)[0]
        started = tg.send_text(chat, bob, f"/start@{BOT_USERNAME}")
        (welcome,) = await tg.wait_for_messages_async(chat["id"], after=started)
        assert "/ask" in assert_valid_html(welcome)[0]

    run_scenario(tg, sample_index, scenario)


def test_being_added_to_a_group_introduces_the_bot(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        chat, (ann,) = group(tg, "Ann")
        joined: dict[str, Any] = {
            "update_id": 1,
            "message": {
                "message_id": 1000,
                "date": 0,
                "chat": chat,
                "from": ann,
                "new_chat_members": [tg.bot_user],
            },
        }
        await app.process_update(Update.de_json(joined, app.bot))
        (hello,) = await tg.wait_for_messages_async(chat["id"], after=0)
        text, _ = assert_valid_html(hello)
        assert "/ask" in text and f"@{BOT_USERNAME}" in text and "5 news articles" in text
        someone_else = {**joined, "message": {**joined["message"], "new_chat_members": [ann]}}
        await app.process_update(Update.de_json(someone_else, app.bot))
        await tg.assert_no_messages_async(chat["id"], wait=0.2)

    run_scenario(tg, sample_index, scenario)


def test_twenty_chats_at_once_are_all_answered_in_their_own_thread(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        chats = [group(tg, f"User{i}") for i in range(20)]
        questions = [tg.send_text(c, u, f"/ask {RUSSIA}") for c, (u,) in chats]
        replies = await asyncio.gather(
            *(
                tg.wait_for_messages_async(c["id"], after=q)
                for (c, _), q in zip(chats, questions, strict=True)
            )
        )
        for (reply,), question in zip(replies, questions, strict=True):
            assert reply["reply_to_message_id"] == question["message_id"]
            assert "Russia" in body(reply["text"])

    run_scenario(tg, sample_index, scenario)
