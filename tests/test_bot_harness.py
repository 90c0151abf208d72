"""Shared harness for the bot's end-to-end tests, and tests of the bot's start-up.

The real python-telegram-bot Application built by ``bot.app.build_application`` talks HTTP to
``TelegramTestServer`` on 127.0.0.1; the index is the session's real ``sample_index`` (or a
``fresh_index``). Each scenario is an ``async def (app) -> None`` run by :func:`run_scenario`.
Chat memory of the shared sample index is written to, so every test uses its own chat ids
(:func:`new_id`).
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from pydantic import SecretStr
from telegram.ext import Application
from telegram_server import TelegramTestServer, parse_telegram_html, utf16_len

from bot.app import GROUP_COMMANDS, PRIVATE_COMMANDS, build_application, post_init
from bot.settings import Settings
from index.errors import NewsbotError
from index.service import NewsIndex

TOKEN = "123456:TEST-token"
BOT_USERNAME = "newsbot_test_bot"
JSON = dict[str, Any]
Scenario = Callable[[Application], Awaitable[None]]
_ids = itertools.count(1)


def new_id() -> int:
    """A user id (and private chat id) no other test uses; groups use ``-new_id()``."""
    return 7_000_000 + next(_ids)


def telegram_server(
    monkeypatch: pytest.MonkeyPatch, **options: Any
) -> Iterator[TelegramTestServer]:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # RetryAfter.retry_after as a timedelta
    with TelegramTestServer(token=TOKEN, bot_username=BOT_USERNAME, **options) as server:
        yield server


def bot_settings(server: TelegramTestServer, **overrides: Any) -> Settings:
    return Settings(
        telegram_bot_token=SecretStr(server.token),
        telegram_api_base_url=server.base_url,
        telegram_api_file_url=server.base_file_url,
        **overrides,
    )


def run_scenario(
    server: TelegramTestServer,
    index: NewsIndex,
    scenario: Scenario,
    *,
    server_errors: bool = False,
    **settings: Any,
) -> None:
    """Start the real bot against the server, run the scenario, stop the bot; unless
    ``server_errors``, fail if the server had to answer 5xx (a bug in the server or a test)."""

    async def main() -> None:
        app = build_application(bot_settings(server, **settings), index)
        async with app:
            await post_init(app)  # run_polling would call it; manual start-up does not
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(timeout=1, allowed_updates=None)
            try:
                await scenario(app)
            finally:
                await app.updater.stop()
                await app.stop()

    asyncio.run(main())
    if not server_errors:
        assert not [e for e in server.errors if "-> 5" in e], server.errors


def assert_valid_html(message: JSON) -> tuple[str, list[JSON]]:
    """The HTML the bot sent parses as Telegram would parse it, within 4,096 characters."""
    assert message["parse_mode"] == "HTML"
    text, entities = parse_telegram_html(message["html"])
    assert utf16_len(text.strip()) <= 4096
    return text, entities


def sources_section(text: str) -> list[str]:
    """The "n. Outlet — Title (date)" lines after "Sources"."""
    padded = "\n" + text  # the heading may open a part of a split answer
    assert "\nSources\n" in padded, text
    return padded.split("\nSources\n", 1)[1].splitlines()


def buttons(message: JSON) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row]


# ----------------------------------------------------------------------------- start-up tests
def test_missing_token_is_a_clear_error(sample_index: NewsIndex) -> None:
    with pytest.raises(NewsbotError, match="TELEGRAM_BOT_TOKEN"):
        build_application(Settings(), sample_index)
    with pytest.raises(NewsbotError, match="TELEGRAM_BOT_TOKEN"):
        build_application(Settings(telegram_bot_token=SecretStr("  ")), sample_index)


def test_settings_read_the_api_urls_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tg: TelegramTestServer
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", tg.base_url)
    monkeypatch.setenv("TELEGRAM_API_FILE_URL", tg.base_file_url)
    assert Settings().telegram_api_base_url == tg.base_url
    assert Settings().telegram_api_file_url == tg.base_file_url
    monkeypatch.delenv("TELEGRAM_API_BASE_URL")
    monkeypatch.delenv("TELEGRAM_API_FILE_URL")
    assert Settings().telegram_api_base_url == "https://api.telegram.org/bot"
    assert Settings().telegram_api_file_url == "https://api.telegram.org/file/bot"


def test_start_up_registers_commands_for_private_and_group_chats(
    tg: TelegramTestServer, sample_index: NewsIndex
) -> None:
    async def scenario(app: Application) -> None:
        assert app.bot.username == BOT_USERNAME  # getMe went through the local server
        assert app.bot.base_url.startswith(tg.base_url)

    run_scenario(tg, sample_index, scenario)
    private = [c["command"] for c in tg.commands["all_private_chats"]]
    group = [c["command"] for c in tg.commands["all_group_chats"]]
    assert private == [c.command for c in PRIVATE_COMMANDS]
    assert group == [c.command for c in GROUP_COMMANDS]
    assert {"ask", "sources", "source", "help"} <= set(group)
    assert "start" in private and "start" not in group
