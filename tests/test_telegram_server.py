"""Tests for the fake Telegram Bot API server that the bot's end-to-end tests run against."""

from __future__ import annotations

import asyncio
import datetime as dtm
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import httpx
import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram_server import TelegramHTMLError, TelegramTestServer, parse_telegram_html, utf16_len

TOKEN = "123:ABC"
T = TypeVar("T")


@pytest.fixture
def server() -> Iterator[TelegramTestServer]:
    with TelegramTestServer(token=TOKEN, bot_username="newsbot_test_bot") as srv:
        yield srv


def api(server: TelegramTestServer, method: str, token: str = TOKEN, **params: Any) -> Any:
    """Call the server without PTB; returns (status, json)."""
    response = httpx.post(f"{server.base_url}{token}/{method}", json=params, timeout=10)
    return response.status_code, response.json()


def with_bot(server: TelegramTestServer, body: Callable[[Bot], Awaitable[T]]) -> T:
    async def main() -> T:
        async with Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url) as bot:
            return await body(bot)

    return asyncio.run(main())


# --------------------------------------------------------------------------- HTML parser
@pytest.mark.parametrize(
    ("html", "text", "entities"),
    [
        ("plain", "plain", []),
        ("<b>bold</b>", "bold", [{"type": "bold", "offset": 0, "length": 4}]),
        (
            "<b>a<i>b<u>c</u></i></b>",
            "abc",
            [
                {"type": "bold", "offset": 0, "length": 3},
                {"type": "italic", "offset": 1, "length": 2},
                {"type": "underline", "offset": 2, "length": 1},
            ],
        ),
        (
            "<strong>1</strong><em>2</em><ins>3</ins><strike>4</strike><del>5</del><s>6</s>",
            "123456",
            [
                {"type": "bold", "offset": 0, "length": 1},
                {"type": "italic", "offset": 1, "length": 1},
                {"type": "underline", "offset": 2, "length": 1},
                {"type": "strikethrough", "offset": 3, "length": 1},
                {"type": "strikethrough", "offset": 4, "length": 1},
                {"type": "strikethrough", "offset": 5, "length": 1},
            ],
        ),
        ("&lt;b&gt; &amp; &quot;q&quot; &#65;&#x42;", '<b> & "q" AB', []),
        ("AT&amp;T &gt; 1 > 0", "AT&T > 1 > 0", []),
        (
            '<a href="https://example.com/a?x=1&amp;y=2">link</a>',
            "link",
            [
                {
                    "type": "text_link",
                    "offset": 0,
                    "length": 4,
                    "url": "https://example.com/a?x=1&y=2",
                }
            ],
        ),
        (
            '<a href="https://example.com">x</a>',
            "x",
            [{"type": "text_link", "offset": 0, "length": 1, "url": "https://example.com/"}],
        ),
        ("<code>x</code>", "x", [{"type": "code", "offset": 0, "length": 1}]),
        ("<pre>x</pre>", "x", [{"type": "pre", "offset": 0, "length": 1}]),
        (
            '<pre><code class="language-python">print(1)</code></pre>',
            "print(1)",
            [{"type": "pre", "offset": 0, "length": 8, "language": "python"}],
        ),
        (
            '<tg-spoiler>a</tg-spoiler><span class="tg-spoiler">b</span>',
            "ab",
            [
                {"type": "spoiler", "offset": 0, "length": 1},
                {"type": "spoiler", "offset": 1, "length": 1},
            ],
        ),
        (
            "<blockquote>q</blockquote><blockquote expandable>e</blockquote>",
            "qe",
            [
                {"type": "blockquote", "offset": 0, "length": 1},
                {"type": "expandable_blockquote", "offset": 1, "length": 1},
            ],
        ),
        (
            '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
            "👍",
            [
                {
                    "type": "custom_emoji",
                    "offset": 0,
                    "length": 2,
                    "custom_emoji_id": "5368324170671202286",
                }
            ],
        ),
        ("😀 <b>é</b>", "😀 é", [{"type": "bold", "offset": 3, "length": 1}]),
        ("&#128512;<i>x</i>", "😀x", [{"type": "italic", "offset": 2, "length": 1}]),
        ("<B>x</>", "x", [{"type": "bold", "offset": 0, "length": 1}]),
        ("<b></b>x", "x", []),
    ],
)
def test_parse_valid_html(html: str, text: str, entities: list[dict[str, Any]]) -> None:
    assert parse_telegram_html(html) == (text, entities)


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("Tom & Jerry", "Character '&' is not part of a valid HTML entity at byte offset 4"),
        ("&nbsp;", "'&'"),
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("line<br>break", 'Unsupported start tag "br" at byte offset 4'),
        ("ü<p>", 'Unsupported start tag "p" at byte offset 2'),
        ("<b>x", "Can't find end tag corresponding to start tag b"),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<a href="x', "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<b foo>x</b>", "Expected equal sign"),
        ("&#xD83D;", "invalid Unicode characters"),
    ],
)
def test_parse_invalid_html(html: str, error: str) -> None:
    with pytest.raises(TelegramHTMLError) as info:
        parse_telegram_html(html)
    assert error in str(info.value)


def test_bare_ampersand_is_literal_when_not_strict() -> None:
    assert parse_telegram_html("Tom & Jerry &nbsp;", strict=False) == ("Tom & Jerry &nbsp;", [])


def test_utf16_len() -> None:
    assert [utf16_len(s) for s in ("", "a", "é", "€", "😀", "👍🏽")] == [0, 1, 1, 1, 2, 4]


# --------------------------------------------------------------------------- raw HTTP
def test_unauthorized_and_unknown_method(server: TelegramTestServer) -> None:
    assert api(server, "getMe", token="123:WRONG") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert api(server, "sendSticker") == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    status, body = api(server, "getMe")
    assert status == 200
    assert body["result"]["username"] == "newsbot_test_bot"
    assert body["result"]["can_read_all_group_messages"] is False


def test_fail_next_returns_429_then_recovers(server: TelegramTestServer) -> None:
    chat = server.private_chat(server.user(7, "Ann"))
    server.fail_next("sendMessage", retry_after=3, count=2)
    for _ in range(2):
        assert api(server, "sendMessage", chat_id=chat["id"], text="hi") == (
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 3",
                "parameters": {"retry_after": 3},
            },
        )
    assert api(server, "sendMessage", chat_id=chat["id"], text="hi")[0] == 200
    assert len(server.sent) == 1


def test_rate_limiter() -> None:
    with TelegramTestServer(token=TOKEN, rate_limit=(2, 5.0)) as limited:
        chat = limited.private_chat(limited.user(7, "Ann"))
        statuses = [api(limited, "sendMessage", chat_id=7, text="x")[0] for _ in range(3)]
        assert statuses == [200, 200, 429]
        assert api(limited, "sendMessage", chat_id=chat["id"], text="x")[1]["parameters"] == {
            "retry_after": 5
        }


# --------------------------------------------------------------------------- through PTB's Bot
def test_ptb_raises_retry_after(
    server: TelegramTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # RetryAfter.retry_after as timedelta, no warning
    server.private_chat(server.user(7, "Ann"))
    server.fail_next("sendMessage", retry_after=7)

    async def body(bot: Bot) -> None:
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(7, "hello")
        assert info.value.retry_after == dtm.timedelta(seconds=7)
        await bot.send_message(7, "hello")

    with_bot(server, body)
    assert [m["text"] for m in server.sent] == ["hello"]


def test_message_length_limits(server: TelegramTestServer) -> None:
    server.private_chat(server.user(7, "Ann"))

    async def body(bot: Bot) -> None:
        await bot.send_message(7, "x" * 4096)
        await bot.send_message(7, "😀" * 2048)  # 4096 UTF-16 code units
        await bot.send_message(7, "&amp;" * 4096, parse_mode=ParseMode.HTML)  # limit is post-parse
        for text in ("x" * 4097, "😀" * 2048 + "x"):
            with pytest.raises(BadRequest, match=r"(?i)message is too long"):
                await bot.send_message(7, text)
        for text in (" \n ", "<b> </b>"):
            with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
                await bot.send_message(7, text, parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities: unsupported start tag"):
            await bot.send_message(7, "1 < 2", parse_mode=ParseMode.HTML)

    with_bot(server, body)
    assert [utf16_len(m["text"]) for m in server.sent] == [4096, 4096, 4096]
    assert server.errors[-1].startswith("sendMessage -> 400 Bad Request: can't parse entities")


def test_send_edit_and_validation(server: TelegramTestServer) -> None:
    user = server.user(7, "Ann", "ann")
    chat = server.private_chat(user)
    question = server.send_text(chat, user, "what happened?")

    async def body(bot: Bot) -> None:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("more", callback_data="more:1")]])
        sent = await bot.send_message(
            7,
            "<b>Answer</b> &amp; sources",
            parse_mode=ParseMode.HTML,
            reply_parameters=ReplyParameters(question["message_id"]),
            reply_markup=keyboard,
        )
        assert sent.text == "Answer & sources"
        assert sent.reply_to_message is not None
        assert sent.reply_to_message.text == "what happened?"
        assert sent.from_user is not None and sent.from_user.is_bot
        assert sent.message_id == question["message_id"] + 1
        too_long = InlineKeyboardButton("x", callback_data="x" * 65)
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            await bot.send_message(7, "k", reply_markup=InlineKeyboardMarkup([[too_long]]))
        with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
            await bot.send_message(7, "r", reply_to_message_id=999)
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(8, "nobody")
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            html, message_id = "<b>Answer</b> &amp; sources", sent.message_id
            await bot.edit_message_text(
                html, 7, message_id, parse_mode="HTML", reply_markup=keyboard
            )
        edited = await bot.edit_message_text("Updated", 7, sent.message_id)
        assert isinstance(edited, Message)
        assert edited.text == "Updated" and edited.reply_markup is None
        assert await bot.send_chat_action(7, "typing")
        assert await bot.set_my_commands([("ask", "Ask a question")])
        assert [c.command for c in await bot.get_my_commands()] == ["ask"]

    with_bot(server, body)
    record = server.sent[0]
    assert record["html"] == "<b>Answer</b> &amp; sources"
    assert record["entities"] == [{"type": "bold", "offset": 0, "length": 6}]
    assert record["reply_to_message_id"] == question["message_id"]
    assert server.edits[0]["text"] == "Updated"
    assert server.get_message(7, record["message_id"])["text"] == "Updated"
    assert server.chat_actions == [{"chat_id": 7, "action": "typing", "message_thread_id": None}]
    assert server.commands == {"default": [{"command": "ask", "description": "Ask a question"}]}


# --------------------------------------------------------------------------- updates
def test_injected_message_entities_and_privacy_mode(server: TelegramTestServer) -> None:
    user = server.user(7, "Ann", "ann")
    group = server.group_chat(-100, "News fans")
    command = server.send_text(group, user, "/ask@newsbot_test_bot hi @someone_else")
    assert command["entities"] == [
        {"type": "bot_command", "offset": 0, "length": 21},
        {"type": "mention", "offset": 25, "length": 13},
    ]
    server.send_text(group, user, "just chatting")  # not delivered: privacy mode
    server.send_text(group, user, "/ask@other_bot x")  # a command for another bot
    mention = server.send_text(group, user, "@newsbot_test_bot what is new?")
    status, body = api(server, "getUpdates", timeout=0)
    assert status == 200
    texts = [u["message"]["text"] for u in body["result"]]
    assert texts == [command["text"], mention["text"]]
    assert body["result"][0]["message"]["chat"] == group


def test_get_updates_long_polling(server: TelegramTestServer) -> None:
    """The poll waits while there is nothing, and returns as soon as an update arrives. No
    wall-clock bound on the wait (a slow machine must not fail it), only on its lower end."""
    user = server.user(7, "Ann")
    chat = server.private_chat(user)

    async def body(bot: Bot) -> None:
        poll = asyncio.ensure_future(bot.get_updates(timeout=30))
        await server.wait_until_async(lambda: any(m == "getUpdates" for m, _ in server.calls))
        await asyncio.sleep(0.2)
        assert not poll.done()  # nothing to return yet: still waiting
        server.send_text(chat, user, "late")
        updates = await asyncio.wait_for(poll, 20)  # long before its 30 s timeout
        assert [u.message.text for u in updates if u.message] == ["late"]
        assert await bot.get_updates(offset=updates[-1].update_id, timeout=0) == updates
        assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
        start = time.monotonic()
        assert await bot.get_updates(timeout=1) == ()
        assert time.monotonic() - start >= 0.9  # the server waits its whole timeout

    with_bot(server, body)


def test_wait_helpers(server: TelegramTestServer) -> None:
    server.private_chat(server.user(7, "Ann"))
    threading.Timer(0.2, api, (server, "sendMessage"), {"chat_id": 7, "text": "one"}).start()
    assert [m["text"] for m in server.wait_for_messages(7, timeout=5)] == ["one"]
    server.assert_no_messages(7, wait=0.1)
    with pytest.raises(AssertionError, match="expected 1 bot message"):
        server.wait_for_messages(7, timeout=0.1)
    api(server, "sendMessage", chat_id=7, text="two")
    with pytest.raises(AssertionError, match="unexpectedly sent"):
        server.assert_no_messages(7, wait=0)


def test_second_poller_gets_conflict(server: TelegramTestServer) -> None:
    results: list[Any] = []
    first = threading.Thread(target=lambda: results.append(api(server, "getUpdates", timeout=5)))
    first.start()
    server.wait_until(lambda: len(server.calls) == 1, timeout=5)
    time.sleep(0.1)  # let the first request start waiting
    assert api(server, "getUpdates", timeout=0) == (200, {"ok": True, "result": []})
    first.join(2)
    assert results[0][0] == 409
    assert results[0][1]["description"].startswith("Conflict: terminated by other getUpdates")


# --------------------------------------------------------------------------- full Application
async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text("Hi!")


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.effective_chat is not None
    await context.bot.send_chat_action(update.effective_chat.id, "typing")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Sources", callback_data="src")]])
    await update.message.reply_html(
        f"<b>Q:</b> {update.message.text}", do_quote=True, reply_markup=keyboard
    )


async def _sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("Loading sources")
    await query.edit_message_text("<i>Sources:</i> example.com", parse_mode=ParseMode.HTML)


def test_application_polling_end_to_end(server: TelegramTestServer) -> None:
    async def main() -> None:
        app = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(server.base_url)
            .base_file_url(server.base_file_url)
            .build()
        )
        app.add_handler(CommandHandler("start", _start))
        app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _answer))
        app.add_handler(CallbackQueryHandler(_sources))
        async with app:
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0, timeout=5)
            user = server.user(42, "Bob", "bob")
            chat = server.private_chat(user)

            start = server.send_text(chat, user, "/start")
            (hi,) = await server.wait_for_messages_async(42, after=start)
            assert (hi["text"], hi["reply_to_message_id"]) == ("Hi!", None)

            question = server.send_text(chat, user, "who won?")
            (reply,) = await server.wait_for_messages_async(42, timeout=5)
            assert reply["text"] == "Q: who won?"
            assert reply["entities"] == [{"type": "bold", "offset": 0, "length": 2}]
            assert reply["reply_to_message_id"] == question["message_id"]
            assert reply["message"]["reply_to_message"]["from"]["id"] == 42

            server.press_button(chat, user, reply["message_id"], "src")
            await server.wait_until_async(lambda: server.edits, timeout=5)
            assert server.edits[0]["text"] == "Sources: example.com"
            assert server.callback_answers[0]["text"] == "Loading sources"
            await server.assert_no_messages_async(42, wait=0.1)
            await app.updater.stop()
            await app.stop()

    asyncio.run(main())
    methods = [method for method, _ in server.calls]
    assert methods[:2] == ["getMe", "deleteWebhook"]  # initialize(), then start_polling()
    assert {"deleteWebhook", "getUpdates", "sendChatAction", "answerCallbackQuery"} <= set(methods)
    assert server.chat_actions[0]["action"] == "typing"
    assert not [e for e in server.errors if "getUpdates" not in e], server.errors
