"""End to end in private chats: the real bot over HTTP against the local Bot API server."""

from __future__ import annotations

import logging
import re

import pytest
from telegram.ext import Application
from telegram_server import TelegramTestServer
from test_bot_harness import (
    assert_valid_html,
    buttons,
    new_id,
    run_scenario,
    sources_section,
)

from bot import render
from index.models import CANNOT_ANSWER
from index.service import NewsIndex

App = Application


def private(tg: TelegramTestServer, name: str = "Ann") -> tuple[dict, dict]:
    user = tg.user(new_id(), name)
    return user, tg.private_chat(user)


def test_a_question_gets_an_answer_with_sources_and_buttons(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        question = tg.send_text(chat, user, "What did Blinken say about Russia?")
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=question)
        text, entities = assert_valid_html(reply)
        body = text.split("\nSources\n")[0]
        assert "Russia" in body and "Blinken" in body
        assert re.search(r"\[\d\]$", body.splitlines()[0])  # every line ends with its markers
        sources = sources_section(text)
        assert sources and sources[0].startswith("1. ")
        assert "Yonhap" in text or "Reuters" in text or "Stars and Stripes" in text
        assert {"type": "bold", "offset": text.index("Sources"), "length": 7} in entities
        markers = sorted(set(re.findall(r"\[(\d+)\]", body)), key=int)
        assert len(sources) == len(markers)
        turn = re.match(r"src:(\d+):1$", buttons(reply)[0])
        assert turn and buttons(reply) == [f"src:{turn[1]}:{n}" for n in markers]
        action = tg.chat_actions[-1]
        assert action == {"chat_id": chat["id"], "action": "typing", "message_thread_id": None}
        typing_at = next(i for i, c in enumerate(tg.calls) if c[0] == "sendChatAction")
        sent_at = next(i for i, c in enumerate(tg.calls) if c[0] == "sendMessage")
        assert typing_at < sent_at  # "typing…" first, never after the answer

    run_scenario(tg, sample_index, scenario)


def test_an_unanswerable_question_says_so_without_sources(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        question = tg.send_text(chat, user, "What is the capital of Australia?")
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=question)
        text, _ = assert_valid_html(reply)
        # The can't-answer line, and one plain line saying why, with no citation.
        assert text.splitlines() == [CANNOT_ANSWER, "The articles never mention Australia."]
        assert "Sources" not in text and "[" not in text and not buttons(reply)

    run_scenario(tg, sample_index, scenario)


def test_start_and_help(tg: TelegramTestServer, sample_index: NewsIndex) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        start = tg.send_text(chat, user, "/start")
        (welcome,) = await tg.wait_for_messages_async(chat["id"], after=start)
        text, _ = assert_valid_html(welcome)
        assert "newsbot" in text and "5 news articles" in text and "Reuters" in text
        examples = re.findall(r"^• (.+\?)$", text, re.M)
        assert len(examples) == 3
        for example in examples:  # the examples really are answered
            asked = tg.send_text(chat, user, example)
            (answer,) = await tg.wait_for_messages_async(chat["id"], after=asked)
            assert "\nSources\n" in assert_valid_html(answer)[0], example
        helped = tg.send_text(chat, user, "/help")
        (help_message,) = await tg.wait_for_messages_async(chat["id"], after=helped)
        text, _ = assert_valid_html(help_message)
        for command in ("/ask", "/sources", "/source", "/help"):
            assert command in text
        assert "reply to an answer" in text.lower()

    run_scenario(tg, sample_index, scenario)


def test_html_hostile_question_text_is_escaped(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        hostile = "<b>hi</b> & what did Blinken say about Russia?"
        question = tg.send_text(chat, user, hostile)
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=question)
        text, _ = assert_valid_html(reply)
        assert "Russia" in text.split("\nSources\n")[0]
        too_long = tg.send_text(chat, user, "<i>&amp;" + "why " * 300)
        (refusal,) = await tg.wait_for_messages_async(chat["id"], after=too_long)
        text, _ = assert_valid_html(refusal)
        assert text == "Sorry, the question is too long (over 1000 characters)."

    run_scenario(tg, sample_index, scenario)
    assert not tg.errors


def test_sources_lists_every_article(tg: TelegramTestServer, sample_index: NewsIndex) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        asked = tg.send_text(chat, user, "/sources")
        (listing,) = await tg.wait_for_messages_async(chat["id"], after=asked)
        text, _ = assert_valid_html(listing)
        lines = text.splitlines()
        assert lines[0] == "Indexed articles (5 articles)"
        items = [line for line in lines if re.match(r"^\d\. ", line)]
        assert len(items) == len(sample_index.articles()) == 5
        for article in sample_index.articles():
            assert article.title in text
        assert "Reuters — " in text and "(9 Nov 2023)" in text

    run_scenario(tg, sample_index, scenario)


def test_source_n_and_the_button_show_the_quoted_passage(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        early = tg.send_text(chat, user, "/source 1")
        (nothing,) = await tg.wait_for_messages_async(chat["id"], after=early)
        assert assert_valid_html(nothing)[0] == render.NO_ANSWER_YET.replace("<code>", "").replace(
            "</code>", ""
        )
        question = tg.send_text(chat, user, "What did Blinken say about Russia?")
        (answer,) = await tg.wait_for_messages_async(chat["id"], after=question)
        answer_text, _ = assert_valid_html(answer)
        first_source = sources_section(answer_text)[0]

        asked = tg.send_text(chat, user, "/source 1")
        (passage,) = await tg.wait_for_messages_async(chat["id"], after=asked)
        text, entities = assert_valid_html(passage)
        bold = [
            text[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == "bold"
        ]
        assert text.startswith("[1] ") and first_source[3:] in text
        quotes = [b for b in bold if len(b) > 40]
        assert quotes and all(q in answer_text for q in quotes)  # the quoted answer sentence
        assert len(text) > max(len(q) for q in quotes) + 100  # ... inside its passage

        tg.press_button(chat, user, answer, buttons(answer)[0])
        (pressed,) = await tg.wait_for_messages_async(chat["id"], after=passage)
        assert assert_valid_html(pressed)[0] == text
        assert pressed["reply_to_message_id"] == answer["message_id"]
        await tg.wait_until_async(lambda: tg.callback_answers)

        wrong = tg.send_text(chat, user, "/source 9")
        (hint,) = await tg.wait_for_messages_async(chat["id"], after=wrong)
        assert "has sources 1 to" in assert_valid_html(hint)[0]
        bare = tg.send_text(chat, user, "/source")
        (usage,) = await tg.wait_for_messages_async(chat["id"], after=bare)
        assert "/source 1" in assert_valid_html(usage)[0]

    run_scenario(tg, sample_index, scenario)
    assert len(tg.callback_answers) == 1


def test_follow_up_by_sequence_uses_the_previous_question(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        first = tg.send_text(chat, user, "Who is Cho Tae-yong?")
        (about_cho,) = await tg.wait_for_messages_async(chat["id"], after=first)
        assert "Cho Tae-yong" in assert_valid_html(about_cho)[0]
        follow_up = tg.send_text(chat, user, "What did they discuss?")
        (answer,) = await tg.wait_for_messages_async(chat["id"], after=follow_up)
        text, _ = assert_valid_html(answer)
        body = text.split("\nSources\n")[0]
        assert body.count("Cho") >= len(body.splitlines()) - 1  # (nearly) every line is about Cho
        turn = int(buttons(answer)[0].split(":")[1])
        stored = sample_index.memory.get(turn)
        assert stored and all("Cho" in c.passage for c in stored.citations)

    run_scenario(tg, sample_index, scenario)


def test_follow_up_window_expires(tg: TelegramTestServer, sample_index: NewsIndex) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        first = tg.send_text(chat, user, "Who is Cho Tae-yong?")
        await tg.wait_for_messages_async(chat["id"], after=first)
        follow_up = tg.send_text(chat, user, "What did they discuss?")
        await tg.wait_for_messages_async(chat["id"], after=follow_up)
        turn = sample_index.memory.last(str(chat["id"]), "")
        assert turn and turn.question == "What did they discuss?"
        assert "Cho" not in turn.answer["retrieval_query"]  # too late: not read as a follow-up

    run_scenario(tg, sample_index, scenario, newsbot_followup_seconds=0)


def test_429_from_send_message_is_retried(
    tg: TelegramTestServer, sample_index: NewsIndex, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        tg.fail_next("sendMessage", retry_after=1)
        tg.fail_next("sendChatAction", retry_after=5)
        question = tg.send_text(chat, user, "What did Blinken say about Russia?")
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=question, timeout=15)
        assert "Russia" in assert_valid_html(reply)[0]
        again = tg.send_text(chat, user, "/help")
        await tg.wait_for_messages_async(chat["id"], after=again)

    with caplog.at_level(logging.INFO):
        run_scenario(tg, sample_index, scenario)
    assert [e for e in tg.errors if e.startswith("sendMessage -> 429")] == [
        "sendMessage -> 429 Too Many Requests: retry after 1"
    ]
    sends = [c for c in tg.calls if c[0] == "sendMessage"]
    assert len(sends) == 3  # the refused send, its retry, and /help
    assert any("Retrying after 1.1" in r.getMessage() for r in caplog.records)  # AIORateLimiter
    assert "TEST-token" not in caplog.text


def test_an_error_in_a_handler_is_logged_and_apologised_for(
    tg: TelegramTestServer,
    sample_index: NewsIndex,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    real_ask = sample_index.ask
    failures = iter([RuntimeError("boom: index exploded")])

    def flaky_ask(*args: object, **kwargs: object) -> object:
        failure = next(failures, None)
        if failure:
            raise failure
        return real_ask(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sample_index, "ask", flaky_ask)

    async def scenario(app: App) -> None:
        user, chat = private(tg)
        broken = tg.send_text(chat, user, "What did Blinken say about Russia?")
        (apology,) = await tg.wait_for_messages_async(chat["id"], after=broken)
        assert assert_valid_html(apology)[0] == render.APOLOGY
        tg.inject_error("sendMessage", 500, "Internal Server Error")  # retried, not lost
        listed = tg.send_text(chat, user, "/sources")
        (listing,) = await tg.wait_for_messages_async(chat["id"], after=listed, timeout=20)
        assert assert_valid_html(listing)[0].startswith("Indexed articles")
        question = tg.send_text(chat, user, "What did Blinken say about Russia?")
        (answer,) = await tg.wait_for_messages_async(chat["id"], after=question)
        assert "Russia" in assert_valid_html(answer)[0]  # still answering

    with caplog.at_level(logging.WARNING):
        run_scenario(tg, sample_index, scenario, server_errors=True)
    assert tg.errors == ["sendMessage -> 500 Internal Server Error"]
    records = [r for r in caplog.records if r.name == "bot.app"]
    assert len(records) == 1 and records[0].exc_info
    assert any(
        "retrying in 1 s" in r.getMessage() for r in caplog.records if r.name == "bot.sending"
    )
    assert "boom: index exploded" in caplog.text and "Traceback" in caplog.text
    assert all("boom" not in m["text"] for m in tg.sent)


def test_unknown_commands_and_non_text(tg: TelegramTestServer, sample_index: NewsIndex) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        odd = tg.send_text(chat, user, "/frobnicate now")
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=odd)
        assert "/help" in assert_valid_html(reply)[0]
        bare = tg.send_text(chat, user, "/ask")
        (usage,) = await tg.wait_for_messages_async(chat["id"], after=bare)
        assert "/ask " in assert_valid_html(usage)[0]
        asked = tg.send_text(chat, user, "/ask What did Blinken say about Russia?")
        (answer,) = await tg.wait_for_messages_async(chat["id"], after=asked)
        assert "Sources" in assert_valid_html(answer)[0]

    run_scenario(tg, sample_index, scenario)


def test_chats_outside_the_allow_list_are_refused_once(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    user, chat = private(tg, "Allowed")
    stranger, their_chat = private(tg, "Stranger")
    group = tg.group_chat(-new_id(), "Not allowed")

    async def scenario(app: App) -> None:
        first = tg.send_text(their_chat, stranger, "What did Blinken say about Russia?")
        (refusal,) = await tg.wait_for_messages_async(their_chat["id"], after=first)
        assert "does not answer in this chat" in refusal["text"]
        tg.send_text(their_chat, stranger, "/start")
        tg.send_text(group, stranger, "/ask What did Blinken say about Russia?")
        ok = tg.send_text(chat, user, "What did Blinken say about Russia?")
        (answer,) = await tg.wait_for_messages_async(chat["id"], after=ok)
        assert "Sources" in answer["text"]
        await tg.assert_no_messages_async(their_chat["id"], wait=0.3, after=refusal)
        await tg.assert_no_messages_async(group["id"], wait=0.1)
        assert not [a for a in tg.chat_actions if a["chat_id"] != chat["id"]]

    run_scenario(tg, sample_index, scenario, telegram_allowed_chats=f"{chat['id']}, 12345")


def test_a_button_under_a_forgotten_answer_says_so(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        user, chat = private(tg)
        first = tg.send_text(chat, user, "What did Blinken say about Russia?")
        (old,) = await tg.wait_for_messages_async(chat["id"], after=first)
        for _ in range(20):  # the memory keeps the last 20 turns of a conversation
            question = tg.send_text(chat, user, "Who is Park Jin?")
            await tg.wait_for_messages_async(chat["id"], after=question)
        tg.press_button(chat, user, old, buttons(old)[0])
        await tg.wait_until_async(lambda: tg.callback_answers)
        assert tg.callback_answers[-1]["text"] == render.TOO_OLD
        assert tg.callback_answers[-1]["show_alert"] is True
        await tg.assert_no_messages_async(chat["id"], wait=0.2)

    run_scenario(tg, sample_index, scenario, telegram_user_rate_limit=0)  # 21 questions
