"""Hostile and odd input, end to end: each kind gets a clear reply or silence, never a crash;
then a seeded fuzz of 1,000+ messages after which the bot still answers correctly."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from support.odd_input import (
    GROUP_ANONYMOUS_BOT,
    HOSTILE_TEXTS,
    OTHER_BOT,
    Fuzzer,
    forwarded_from,
    photo,
    poll,
    sticker,
    voice,
)
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

from bot import render
from index.models import CANNOT_ANSWER
from index.service import NewsIndex

App = Application
RUSSIA = "What did Blinken say about Russia?"
FUZZ_MESSAGES = 1200  # some are not delivered (privacy, edits of nothing): >= 1,000 are


@pytest.fixture
def tg_sees_all(monkeypatch: pytest.MonkeyPatch) -> Iterator[TelegramTestServer]:
    yield from telegram_server(monkeypatch, privacy_mode=False)


async def settled(app: App, tg: TelegramTestServer, received: list[object]) -> None:
    """Wait until the bot has received every update sent and finished handling them."""
    await tg.wait_until_async(lambda: len(received) >= tg.updates_sent, timeout=120)
    await tg.wait_until_async(
        lambda: app.update_queue.empty() and app.update_processor.current_concurrent_updates == 0,
        timeout=120,
    )


def count_updates(app: App) -> list[object]:
    received: list[object] = []

    async def record(update: Update, context: object) -> None:
        received.append(update)

    app.add_handler(TypeHandler(Update, record), group=-2)
    return received


def test_each_hostile_text_in_private_gets_one_clear_reply(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        received = count_updates(app)
        user = tg.user(new_id(), "Mallory")
        chat = tg.private_chat(user)
        replies = {}
        for text in HOSTILE_TEXTS:
            message = tg.send_message(chat, user, text)
            replies[text] = await tg.wait_for_messages_async(chat["id"], after=message)
            await settled(app, tg, received)
        for text, (reply,) in replies.items():
            shown, _ = assert_valid_html(reply)
            assert shown != render.APOLOGY, text
        said = {text: assert_valid_html(reply)[0] for text, (reply,) in replies.items()}
        assert said[""] == render.ONLY_TEXT
        for blank in ("   \n\t  ", "\u200b\u200c\u200d\ufeff", "/ask", "/ask " + "\u200b" * 5):
            assert said[blank].startswith("Put your question after the command"), blank
        assert said["why " * 2500].startswith("Sorry, the question is too long")
        assert "Russia" in said["\u202eWhat did Blinken say about Russia?\u202c"]
        assert said["ما الذي قاله بلينكن عن روسيا؟"] == CANNOT_ANSWER
        for junk in ("/source ²", "/source ١", "/source -1", "/source 1 2 3", "/source <b>1</b>"):
            assert "/source 1" in said[junk], junk
        assert "has sources 1 to" in said["/source 99999999999999999999999999"] or (
            "/source 1" in said["/source 99999999999999999999999999"]
        )
        assert said["/stats"] == render.ADMINS_ONLY
        assert said["/nosuchcommand arg"] == render.UNKNOWN_COMMAND

    run_scenario(tg, sample_index, scenario, telegram_user_rate_limit=0)
    assert not tg.errors, tg.errors


def test_odd_message_kinds_get_a_reply_or_silence(
    tg_sees_all: TelegramTestServer, sample_index: NewsIndex
) -> None:
    tg = tg_sees_all

    async def scenario(app: App) -> None:
        received = count_updates(app)
        ann = tg.user(new_id(), "Ann")
        private = tg.private_chat(ann)
        group = tg.group_chat(-new_id(), "Newsroom", supergroup=True)
        channel = {"id": -new_id(), "type": "channel", "title": "Wire"}
        for fields in (sticker(), photo("what did Blinken say?"), voice(), poll()):
            sent = tg.send_message(private, ann, None, fields=fields)
            (reply,) = await tg.wait_for_messages_async(private["id"], after=sent)
            assert reply["text"] == render.ONLY_TEXT
        forward = tg.send_message(private, ann, RUSSIA, fields=forwarded_from(tg.user(1, "X")))
        (reply,) = await tg.wait_for_messages_async(private["id"], after=forward)
        assert reply["text"] == render.FORWARDED

        asked = tg.send_text(private, ann, RUSSIA)
        (answer,) = await tg.wait_for_messages_async(private["id"], after=asked)
        tg.edit_message(private, asked, "Who is Park Jin?")  # an edit is not a new question
        silent = [
            tg.send_message(group, ann, None, fields=sticker()),
            tg.send_message(group, ann, None, fields=photo(f"@{BOT_USERNAME} hi")),
            tg.send_message(group, ann, None, fields=voice()),
            tg.send_message(group, ann, None, fields=poll()),
            tg.send_message(group, ann, f"/ask {RUSSIA}", fields=forwarded_from(ann)),
            tg.send_message(group, OTHER_BOT, f"/ask {RUSSIA}"),
            tg.send_message(group, OTHER_BOT, f"@{BOT_USERNAME} {RUSSIA}"),
            tg.send_message(channel, None, f"/ask {RUSSIA}", sender_chat=channel),
            tg.send_message(group, OTHER_BOT, f"/ask {RUSSIA}", sender_chat=channel),
        ]
        await settled(app, tg, received)
        await tg.assert_no_messages_async(group["id"], wait=0.2, after=0)
        await tg.assert_no_messages_async(private["id"], wait=0.1, after=answer)
        assert not [s for s in tg.sent if s["chat_id"] == channel["id"]]
        assert len(silent) == 9

        # An anonymous group admin asks: the group is the sender; answered in the thread.
        anonymous = tg.send_message(group, GROUP_ANONYMOUS_BOT, f"/ask {RUSSIA}", sender_chat=group)
        (reply,) = await tg.wait_for_messages_async(group["id"], after=anonymous)
        assert reply["reply_to_message_id"] == anonymous["message_id"]
        assert sources_section(assert_valid_html(reply)[0]) and buttons(reply)

    run_scenario(tg, sample_index, scenario)
    assert not tg.errors, tg.errors


def test_seeded_fuzz_of_a_thousand_messages_leaves_the_bot_answering(
    tg_sees_all: TelegramTestServer, sample_index: NewsIndex, caplog: pytest.LogCaptureFixture
) -> None:
    tg = tg_sees_all
    fuzzer = Fuzzer(tg, seed=20240611, base_id=new_id() * 100)

    async def scenario(app: App) -> None:
        received = count_updates(app)
        for i in range(FUZZ_MESSAGES):
            fuzzer.send_one()
            if i % 100 == 99:  # in waves, so buttons can be pressed under earlier answers
                await settled(app, tg, received)
        await settled(app, tg, received)
        assert fuzzer.delivered >= 1000
        user = tg.user(new_id(), "After")
        chat = tg.private_chat(user)
        question = tg.send_text(chat, user, RUSSIA)
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=question)
        text, _ = assert_valid_html(reply)
        assert "Russia" in text.split("\nSources\n")[0] and sources_section(text) and buttons(reply)

    unthrottled = {  # this test is about input, not about Telegram's flood limits
        "telegram_user_rate_limit": 0,
        "telegram_sends_per_second": 0,
        "telegram_group_sends_per_minute": 0,
    }
    with caplog.at_level(logging.WARNING):
        run_scenario(tg, sample_index, scenario, **unthrottled)
    problems = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not problems, [r.getMessage() for r in problems[:5]]
    assert not [m for m in tg.sent if m["text"] == render.APOLOGY]
    assert not [e for e in tg.errors if not e.startswith("answerCallbackQuery")], tg.errors[:5]
    assert len(tg.sent) > 300  # the fuzz really reached the handlers
