"""Access that fails closed: validated allow-lists, refusals that always stop the update,
the per-person rate limit, admins and /stats, network failures retried without loss."""

from __future__ import annotations

import logging

import pytest
from pydantic import ValidationError
from support.odd_input import GROUP_ANONYMOUS_BOT
from telegram import Update
from telegram.ext import Application, TypeHandler
from telegram_server import TelegramTestServer
from test_bot_harness import assert_valid_html, new_id, run_scenario

from bot import render
from bot.ratelimit import RateLimit
from bot.settings import Settings, settings_error
from index.service import NewsIndex

App = Application
RUSSIA = "What did Blinken say about Russia?"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TELEGRAM_ALLOWED_CHATS", "@mygroup"),
        ("TELEGRAM_ALLOWED_CHATS", "-100123, newsroom"),
        ("TELEGRAM_ALLOWED_USERS", "12.5"),
        ("NEWSBOT_ADMINS", "alice"),
    ],
)
def test_a_bad_allow_list_is_one_clear_error(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        Settings()
    line = settings_error(caught.value)
    assert "\n" not in line and line.startswith(f"bad setting: {name} ")
    assert "is not a numeric Telegram id" in line and "Value error" not in line


def test_allow_lists_parse_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_ALLOWED_CHATS", " -1001234567890, 42 ,")
    monkeypatch.setenv("TELEGRAM_ALLOWED_USERS", "")
    settings = Settings()
    assert settings.telegram_allowed_chats == {-1001234567890, 42}
    assert settings.telegram_allowed_users == frozenset()


def test_rate_limit_window_and_one_warning_per_burst() -> None:
    limit = RateLimit(per_minute=3)
    assert [limit.check(1, now=t) for t in (0, 1, 2)] == [(True, False)] * 3
    assert limit.check(1, now=3) == (False, True)  # told once ...
    assert limit.check(1, now=4) == (False, False)  # ... not again in the same burst
    assert limit.wait_seconds(1, now=4) == 56
    assert limit.check(2, now=4) == (True, False)  # others are not affected
    assert limit.check(1, now=60.5) == (True, False)  # the first one left the window
    assert RateLimit(0).check(1) == (True, False)


def test_refusal_stops_the_update_even_when_it_cannot_be_sent(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    handled: list[Update] = []

    async def spy(update: Update, context: object) -> None:
        handled.append(update)

    friend = tg.user(new_id(), "Friend")
    stranger = tg.user(new_id(), "Stranger")

    async def scenario(app: App) -> None:
        app.add_handler(TypeHandler(Update, spy), group=5)  # would run after the handlers
        tg.inject_error("sendMessage", 403, "Forbidden: bot was blocked by the user")
        blocked = tg.send_text(tg.private_chat(stranger), stranger, RUSSIA)
        await tg.wait_until_async(lambda: any("403" in e for e in tg.errors))
        again = tg.send_text(tg.private_chat(stranger), stranger, "/start")
        ok = tg.send_text(tg.private_chat(friend), friend, RUSSIA)
        (answer,) = await tg.wait_for_messages_async(friend["id"], after=ok)
        assert "Sources" in answer["text"]
        await tg.assert_no_messages_async(stranger["id"], wait=0.3, after=0)
        assert {u.effective_message.message_id for u in handled if u.effective_message} == {
            ok["message_id"]
        }
        assert blocked and again

    run_scenario(tg, sample_index, scenario, telegram_allowed_users=frozenset({friend["id"]}))


def test_users_list_admits_a_person_in_any_chat_and_admins_get_stats(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    admin, member, outsider = (tg.user(new_id(), n) for n in ("Admin", "Member", "Out"))
    allowed_group = tg.group_chat(-new_id(), "Newsroom")
    other_group = tg.group_chat(-new_id(), "Elsewhere")

    async def scenario(app: App) -> None:
        asked = tg.send_text(other_group, member, f"/ask {RUSSIA}")  # a listed user
        (reply,) = await tg.wait_for_messages_async(other_group["id"], after=asked)
        assert "Sources" in reply["text"]
        tg.send_text(other_group, outsider, f"/ask {RUSSIA}")  # refused silently in a group
        anyone = tg.send_text(allowed_group, outsider, "/ask Who is Park Jin?")
        (reply,) = await tg.wait_for_messages_async(allowed_group["id"], after=anyone)
        assert "Park" in reply["text"]
        anonymous = tg.send_message(
            other_group, GROUP_ANONYMOUS_BOT, f"/ask {RUSSIA}", sender_chat=other_group
        )
        stats = tg.send_text(tg.private_chat(admin), admin, "/stats")
        (shown,) = await tg.wait_for_messages_async(admin["id"], after=stats)
        text, _ = assert_valid_html(shown)
        assert text.startswith("newsbot stats") and "questions answered: 2" in text
        assert "abstention rate: 0%" in text and "latency: p50 " in text
        assert "index: 5 articles, " in text and " chunks" in text
        denied = tg.send_text(tg.private_chat(member), member, "/stats")
        (no,) = await tg.wait_for_messages_async(member["id"], after=denied)
        assert no["text"] == render.ADMINS_ONLY
        await tg.assert_no_messages_async(other_group["id"], wait=0.3, after=reply)
        assert anonymous  # an anonymous admin has no user id: only an allowed chat admits it

    run_scenario(
        tg,
        sample_index,
        scenario,
        telegram_allowed_chats=str(allowed_group["id"]),
        telegram_allowed_users=str(member["id"]),
        newsbot_admins=str(admin["id"]),
    )


def test_rate_limit_answers_once_then_stays_quiet(
    tg: TelegramTestServer, sample_index: NewsIndex, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario(app: App) -> None:
        user = tg.user(new_id(), "Fast")
        chat = tg.private_chat(user)
        first = tg.send_text(chat, user, RUSSIA)
        await tg.wait_for_messages_async(chat["id"], count=1, after=first)
        second = tg.send_text(chat, user, "Who is Park Jin?")
        await tg.wait_for_messages_async(chat["id"], count=1, after=second)
        flood = [tg.send_text(chat, user, "Who is Cho Tae-yong?") for _ in range(5)]
        (warning,) = await tg.wait_for_messages_async(chat["id"], after=flood[0])
        assert warning["text"].startswith("You are sending messages faster than I answer them")
        assert "at most 2 a minute" in warning["text"]
        await tg.assert_no_messages_async(chat["id"], wait=0.5, after=warning)
        other = tg.user(new_id(), "Calm")
        asked = tg.send_text(tg.private_chat(other), other, RUSSIA)
        await tg.wait_for_messages_async(other["id"], after=asked)

    with caplog.at_level(logging.INFO, logger="bot.handlers"):
        run_scenario(tg, sample_index, scenario, telegram_user_rate_limit=2)
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("question ")]
    assert len(lines) == 3  # one line per answered question, and no question text in it
    assert all("outcome=answered" in line and "latency_ms=" in line for line in lines)
    assert not any("Blinken" in line or "Park" in line for line in lines)


def test_a_dropped_connection_is_retried_and_the_answer_arrives_once(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        user = tg.user(new_id(), "Net")
        chat = tg.private_chat(user)
        tg.drop_next("sendMessage")
        question = tg.send_text(chat, user, RUSSIA)
        (answer,) = await tg.wait_for_messages_async(chat["id"], after=question)
        assert "Sources" in answer["text"]
        await tg.assert_no_messages_async(chat["id"], wait=0.5, after=answer)

    run_scenario(tg, sample_index, scenario)
    assert len([c for c in tg.calls if c[0] == "sendMessage"]) == 2  # dropped, then sent
