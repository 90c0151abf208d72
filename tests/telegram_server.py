"""A local fake Telegram Bot API server (aiohttp, own thread) for end-to-end bot tests.

Point python-telegram-bot at it with ``ApplicationBuilder().base_url(server.base_url)
.base_file_url(server.base_file_url)``. It validates what Telegram validates (HTML entities,
text length, button data, reply targets, "message is not modified", ...) so that bot bugs
show up as the same ``BadRequest`` errors they would cause in production.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import math
import re
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

import aiohttp
from aiohttp import web
from telegram_html import (
    TelegramHTMLError,
    detect_entities,
    parse_telegram_html,
    trim_text,
    utf16_len,
)

__all__ = [
    "ApiError",
    "TelegramHTMLError",
    "TelegramTestServer",
    "parse_telegram_html",
    "utf16_len",
]

JSON = dict[str, Any]
MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses larger files ("file is too big")
ADMIN_RIGHTS = (
    "can_be_edited",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
# fmt: off
CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
})
_STRING_PARAMS = frozenset({  # parameters never JSON-decoded from form data
    "text", "parse_mode", "callback_query_id", "action", "language_code", "url",
    "inline_message_id", "business_connection_id", "message_effect_id", "secret_token",
    "ip_address",
})
_BUTTON_ACTIONS = frozenset({
    "url", "callback_data", "web_app", "login_url", "switch_inline_query", "pay",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game",
})
# fmt: on
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """An error answer of the Bot API (raised inside method handlers)."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters

    def payload(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _coerce(name: str, value: Any) -> Any:
    """Decode a parameter: PTB form-encodes nested/int/bool values as JSON strings."""
    if not isinstance(value, str) or name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _int(params: JSON, name: str, default: int | None = None) -> int:
    value = params.get(name, default)
    if value is None or value == "":
        raise _bad(f"{name} is empty")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad(f"invalid {name} specified") from None


class TelegramTestServer:
    """Fake Bot API server; see the module docstring. Thread-safe test-facing API."""

    def __init__(
        self,
        token: str = "123:ABC",
        bot_username: str = "newsbot_test_bot",
        *,
        bot_first_name: str = "Newsbot Test",
        privacy_mode: bool = True,
        strict_html: bool = True,
        rate_limit: tuple[int, float] | None = None,
    ) -> None:
        """``privacy_mode``: in groups deliver only commands, @mentions of the bot and replies
        to the bot (Telegram's default). ``strict_html``: reject a bare '&'.
        ``rate_limit=(n, seconds)``: answer 429 beyond n sends/edits per chat per window."""
        self.token = token
        self.bot_user: JSON = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.privacy_mode, self.strict_html, self.rate_limit = privacy_mode, strict_html, rate_limit
        self.sent: list[JSON] = []
        self.edits: list[JSON] = []
        self.calls: list[tuple[str, JSON]] = []
        self.chat_actions: list[JSON] = []
        self.callback_answers: list[JSON] = []
        self.commands: dict[str, list[JSON]] = {}
        self.errors: list[str] = []  # every non-200 answer, "method -> code description"
        self.updates_sent = 0  # updates handed to the bot so far (by polling or webhook)
        self.port = 0
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._users: dict[int, JSON] = {}
        self._chats: dict[int, JSON] = {}
        self._messages: dict[tuple[int, int], JSON] = {}
        self._last_message_id: dict[int, int] = defaultdict(int)
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(100_001)
        self._query_ids = itertools.count(1)
        self._queries: dict[str, bool] = {}  # callback query id -> answered
        self._failures: dict[str, deque[ApiError]] = defaultdict(deque)
        self._sends: dict[int, deque[float]] = defaultdict(deque)
        self._cursor: dict[int, int] = {}
        self._allowed_updates: list[str] = []
        self._poll_generation = 0
        self._drops: dict[str, int] = defaultdict(int)
        self.webhook: JSON | None = None  # url, secret_token, allowed_updates, max_connections
        self.webhook_deliveries: list[tuple[int, int]] = []  # (update_id, HTTP status or 0)
        self._delivering: asyncio.Task[None] | None = None
        self._closing = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._update_event: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._files: dict[str, tuple[bytes, str]] = {}  # file_id -> (content, file_path)
        self._file_ids = itertools.count(1)
        self._members: dict[tuple[int, int], str] = {}  # (chat, user) -> status
        self._methods: dict[str, Callable[[JSON], Any]] = {
            "getme": self._get_me,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "setwebhook": self._set_webhook,
            "setmycommands": self._set_my_commands,
            "getmycommands": lambda p: copy.deepcopy(self.commands.get(self._scope_key(p), [])),
            "deletemycommands": self._delete_my_commands,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "sendchataction": self._send_chat_action,
            "answercallbackquery": self._answer_callback_query,
            "getfile": self._get_file,
            "getchatmember": self._get_chat_member,
            "close": lambda _: True,
            "logout": lambda _: True,
        }

    # ----------------------------------------------------------------- lifecycle
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    def start(self) -> Self:
        """Serve on a free 127.0.0.1 port from a background thread."""
        started = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = self._loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(self._startup())
            except BaseException as exc:
                failure.append(exc)
                started.set()
                return
            started.set()
            loop.run_forever()
            assert self._runner is not None
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=run, name="telegram-test-server", daemon=True)
        self._thread.start()
        started.wait(10)
        if failure:
            raise failure[0]
        return self

    async def _startup(self) -> None:
        self._update_event = asyncio.Event()
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await self._runner.setup()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    def stop(self) -> None:
        """Release pending long polls and shut the server down."""
        if self._thread is None or self._loop is None:
            return
        self._closing = True
        self._wake_pollers()
        if self._delivering is not None:
            self._loop.call_soon_threadsafe(self._delivering.cancel)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ----------------------------------------------------------------- HTTP layer
    async def _handle(self, request: web.Request) -> web.Response:
        if request.path.startswith("/file/bot"):
            return self._download(request)
        if not request.path.startswith("/bot"):
            return web.json_response(ApiError(404, "Not Found").payload(), status=404)
        token, _, method = request.path[4:].partition("/")
        if token != self.token:
            return web.json_response(ApiError(401, "Unauthorized").payload(), status=401)
        params: JSON = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            params.update((k, v) for k, v in (await request.post()).items() if isinstance(v, str))
        params = {k: _coerce(k, v) for k, v in params.items()}
        with self._lock:
            self.calls.append((method, copy.deepcopy(params)))
            self._changed.notify_all()
            dropped = self._drops[method.lower()] > 0
            self._drops[method.lower()] -= dropped
        if dropped:  # a network failure: the connection closes without an answer
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=500)
        try:
            result = await self._dispatch(method, params)
        except ApiError as err:
            with self._lock:
                self.errors.append(f"{method} -> {err.code} {err.description}")
            return web.json_response(err.payload(), status=err.code)
        except Exception as exc:  # a bug in this server: report it loudly
            with self._lock:
                self.errors.append(f"{method} -> 500 {exc!r}")
            return web.json_response(ApiError(500, f"Internal: {exc!r}").payload(), status=500)
        return web.json_response({"ok": True, "result": result})

    async def _dispatch(self, method: str, params: JSON) -> Any:
        name = method.lower()
        with self._lock:
            if self._failures[name]:
                raise self._failures[name].popleft()
        if name == "getupdates":
            return await self._get_updates(params)
        handler = self._methods.get(name)
        if handler is None:
            raise ApiError(404, "Not Found")
        with self._lock:
            return handler(params)

    # ----------------------------------------------------------------- failure injection
    def fail_next(self, method: str, retry_after: int = 1, count: int = 1) -> None:
        """Answer the next ``count`` calls of ``method`` with 429 Too Many Requests."""
        for _ in range(count):
            description = f"Too Many Requests: retry after {retry_after}"
            self.inject_error(method, 429, description, {"retry_after": retry_after})

    def drop_next(self, method: str, count: int = 1) -> None:
        """Close the connection of the next ``count`` calls of ``method`` without answering
        (the request is not carried out): a network failure as the client sees it."""
        with self._lock:
            self._drops[method.lower()] += count

    def inject_error(
        self, method: str, code: int, description: str, parameters: JSON | None = None
    ) -> None:
        """Answer the next call of ``method`` with an arbitrary error, e.g. 403 Forbidden."""
        with self._lock:
            self._failures[method.lower()].append(ApiError(code, description, parameters))

    def _check_rate(self, chat_id: int) -> None:
        if self.rate_limit is None:
            return
        limit, window = self.rate_limit
        now, sends = time.monotonic(), self._sends[chat_id]
        while sends and now - sends[0] >= window:
            sends.popleft()
        if len(sends) >= limit:
            retry = max(1, math.ceil(window - (now - sends[0])))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})
        sends.append(now)

    # ----------------------------------------------------------------- Bot API methods
    def _get_me(self, _: JSON) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _delete_webhook(self, params: JSON) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = None
        return True

    def _get_webhook_info(self, _: JSON) -> JSON:
        hook = self.webhook or {}
        return {
            "url": hook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
            **({"max_connections": hook["max_connections"]} if hook else {}),
        }

    def _set_webhook(self, params: JSON) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return self._delete_webhook(params)
        if not re.match(r"^https?://[^/\s]+", url):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_TOKEN.match(str(secret)):
            raise _bad("secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        allowed = params.get("allowed_updates")
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "allowed_updates": allowed if isinstance(allowed, list) else [],
            "max_connections": _int(params, "max_connections", 40),
        }
        self._schedule_delivery()
        return True

    # ----------------------------------------------------------------- webhook delivery
    def _schedule_delivery(self) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._start_delivery)

    def _start_delivery(self) -> None:
        if self._delivering is None or self._delivering.done():
            self._delivering = asyncio.ensure_future(self._deliver())

    async def _deliver(self) -> None:
        """POST pending updates, oldest first, to the webhook; retry a refused one (as
        Telegram does) until it is accepted or the webhook is removed."""
        async with aiohttp.ClientSession() as session:
            while not self._closing:
                with self._lock:
                    hook = copy.deepcopy(self.webhook)
                    if hook and hook["allowed_updates"]:
                        allowed = set(hook["allowed_updates"])
                        self._updates = [u for u in self._updates if allowed & u.keys()]
                    update = copy.deepcopy(self._updates[0]) if hook and self._updates else None
                if hook is None or update is None:
                    return
                secret = hook.get("secret_token")
                headers = {SECRET_HEADER: str(secret)} if secret else {}
                try:
                    timeout = aiohttp.ClientTimeout(total=10)
                    async with session.post(
                        hook["url"], json=update, headers=headers, timeout=timeout
                    ) as response:
                        status = response.status
                except (aiohttp.ClientError, TimeoutError):
                    status = 0
                with self._lock:
                    self.webhook_deliveries.append((update["update_id"], status))
                    if 200 <= status < 300:
                        self._updates = [
                            u for u in self._updates if u["update_id"] != update["update_id"]
                        ]
                    self._changed.notify_all()
                if not 200 <= status < 300:
                    await asyncio.sleep(0.2)

    async def _get_updates(self, params: JSON) -> list[JSON]:
        offset = _int(params, "offset", 0)
        limit = min(max(_int(params, "limit", 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        with self._lock:
            if self.webhook is not None:
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; use "
                    "deleteWebhook to delete the webhook first",
                )
            if isinstance(params.get("allowed_updates"), list):
                self._allowed_updates = params["allowed_updates"]
            self._poll_generation += 1
            generation = self._poll_generation
        self._set_update_event()  # an older long poll must now fail with 409
        while True:
            event = self._update_event
            assert event is not None
            with self._lock:
                if generation != self._poll_generation:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                batch = self._take_updates(offset, limit)
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or self._closing:
                return batch
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def _take_updates(self, offset: int, limit: int) -> list[JSON]:
        if offset < 0:
            del self._updates[: max(len(self._updates) + offset, 0)]
        elif offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if self._allowed_updates:
            allowed = set(self._allowed_updates)
            self._updates = [u for u in self._updates if allowed & u.keys()]
        return copy.deepcopy(self._updates[:limit])

    def _set_my_commands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("can't parse commands JSON object")
        for command in commands:
            if not _COMMAND.match(str(command.get("command", "")).lower()):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise _bad("command description must be non-empty")
        self.commands[self._scope_key(params)] = copy.deepcopy(commands)
        return True

    def _delete_my_commands(self, params: JSON) -> bool:
        self.commands.pop(self._scope_key(params), None)
        return True

    @staticmethod
    def _scope_key(params: JSON) -> str:
        """Key of ``server.commands``: "default", "all_private_chats", "chat:<id>", ...,
        with "/<language_code>" appended when given."""
        scope = params.get("scope") or {"type": "default"}
        parts = [scope["type"], *(str(scope[k]) for k in ("chat_id", "user_id") if k in scope)]
        language = params.get("language_code")
        return ":".join(parts) + (f"/{language}" if language else "")

    def _chat(self, params: JSON) -> JSON:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise _bad("chat not found")
        return chat

    def _render_text(self, params: JSON) -> tuple[str, list[JSON]]:
        raw, mode = params.get("text"), str(params.get("parse_mode") or "")
        if not isinstance(raw, str) or not raw:
            raise _bad("message text is empty")
        if mode.lower() == "html":
            try:
                text, entities = parse_telegram_html(
                    raw, strict=self.strict_html, users=self._users
                )
            except TelegramHTMLError as err:
                raise _bad(f"can't parse entities: {err}") from None
        elif not mode:
            text, entities = raw, params.get("entities") or []
            if not isinstance(entities, list):
                raise _bad("can't parse entities JSON object")
        else:
            raise _bad(f"unsupported parse_mode {mode!r} (the test server implements only HTML)")
        text, entities = trim_text(text, entities)
        if not text:
            raise _bad("message text is empty")
        if utf16_len(text) > MAX_MESSAGE_LENGTH:
            raise _bad("message is too long")
        return text, entities

    @staticmethod
    def _inline_markup(markup: Any) -> JSON | None:
        """Validate ``reply_markup``; return it if it is an inline keyboard."""
        if markup is None or markup == "":
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return None  # reply keyboards are accepted but not part of the Message
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad("can't parse inline keyboard markup JSON object")
        for button in itertools.chain.from_iterable(rows):
            if not isinstance(button, dict) or not button.get("text"):
                raise _bad("can't parse inline keyboard button: Text must be non-empty")
            if "callback_data" in button:
                if not 1 <= len(str(button["callback_data"]).encode()) <= 64:
                    raise _bad("BUTTON_DATA_INVALID")
            elif not _BUTTON_ACTIONS & button.keys():
                raise _bad(
                    "can't parse inline keyboard button: Text buttons are unallowed in the "
                    "inline keyboard"
                )
        return copy.deepcopy(markup)

    def _reply_target(self, chat_id: int, params: JSON) -> JSON | None:
        reply = params.get("reply_parameters")
        if reply is None and params.get("reply_to_message_id"):
            reply = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": params.get("allow_sending_without_reply"),
            }
        if not reply:
            return None
        target = self._messages.get((reply.get("chat_id", chat_id), _int(reply, "message_id")))
        if target is None and not reply.get("allow_sending_without_reply"):
            raise _bad("message to be replied not found")
        return target

    def _send_message(self, params: JSON) -> JSON:
        chat = self._chat(params)
        text, entities = self._render_text(params)
        reply_to = self._reply_target(chat["id"], params)
        markup = self._inline_markup(params.get("reply_markup"))
        self._check_rate(chat["id"])
        extra: JSON = {}
        if markup:
            extra["reply_markup"] = markup
        if params.get("message_thread_id"):
            extra["message_thread_id"] = _int(params, "message_thread_id")
        preview = params.get("link_preview_options")
        if preview is None and params.get("disable_web_page_preview"):
            preview = {"is_disabled": True}
        if preview:
            extra["link_preview_options"] = preview
        message = self._store_message(chat, self.bot_user, text, entities, reply_to, extra)
        self.sent.append(self._record(message, params))
        self._changed.notify_all()
        return message

    def _edit_message_text(self, params: JSON) -> JSON:
        if params.get("inline_message_id"):
            raise _bad("inline messages are not supported by the test server")
        chat = self._chat(params)
        stored = self._messages.get((chat["id"], _int(params, "message_id")))
        if stored is None:
            raise _bad("message to edit not found")
        if stored["from"]["id"] != self.bot_user["id"]:
            raise _bad("message can't be edited")
        text, entities = self._render_text(params)
        markup = self._inline_markup(params.get("reply_markup"))
        old = (stored["text"], stored.get("entities", []), stored.get("reply_markup"))
        if old == (text, entities, markup):
            raise _bad(_NOT_MODIFIED)
        self._check_rate(chat["id"])
        stored.update(text=text, edit_date=int(time.time()))
        for key, value in (("entities", entities), ("reply_markup", markup)):
            stored.pop(key, None)
            if value:
                stored[key] = value
        message = copy.deepcopy(stored)
        self.edits.append(self._record(message, params))
        self._changed.notify_all()
        return message

    def _send_chat_action(self, params: JSON) -> bool:
        chat = self._chat(params)
        if params.get("action") not in CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        thread = params.get("message_thread_id")
        action = {"chat_id": chat["id"], "action": params["action"], "message_thread_id": thread}
        self.chat_actions.append(action)
        self._changed.notify_all()
        return True

    def _answer_callback_query(self, params: JSON) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if self._queries.get(query_id, True):  # unknown or already answered
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        if len(str(params.get("text") or "")) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad("MESSAGE_TOO_LONG")
        self._queries[query_id] = True
        self.callback_answers.append(dict(params))
        self._changed.notify_all()
        return True

    # ----------------------------------------------------------------- files and members
    def _get_file(self, params: JSON) -> JSON:
        file_id = str(params.get("file_id") or "")
        if file_id not in self._files:
            raise _bad("invalid file_id")
        content, path = self._files[file_id]
        if len(content) > MAX_DOWNLOAD_BYTES:
            raise _bad("file is too big")
        unique = f"u{file_id}"
        return {"file_id": file_id, "file_unique_id": unique, "file_size": len(content),
                "file_path": path}  # fmt: skip

    def _download(self, request: web.Request) -> web.Response:
        """GET /file/bot<token>/<file_path>: the file's bytes, as Telegram's file server."""
        token, _, path = request.path[len("/file/bot") :].partition("/")
        with self._lock:
            self.calls.append(("download", {"file_path": path}))
            found = next((c for c, p in self._files.values() if p == path), None)
        if token != self.token:
            return web.Response(status=401)
        if found is None:
            return web.Response(status=404)
        return web.Response(body=found, content_type="application/octet-stream")

    def _get_chat_member(self, params: JSON) -> JSON:
        chat = self._chat(params)
        user_id = _int(params, "user_id")
        user = self._users.get(user_id)
        if user is None:
            raise _bad("user not found")
        if chat["type"] == "private":
            status = "member" if user_id == chat["id"] else "left"
        else:
            status = self._members.get((chat["id"], user_id), "member")
        member: JSON = {"status": status, "user": copy.deepcopy(user)}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update({right: True for right in ADMIN_RIGHTS}, is_anonymous=False)
        return member

    def set_member(self, chat: JSON, user: JSON, status: str) -> None:
        """Make ``user`` a "creator", "administrator", "member" (the default) or "left" of a
        group, as getChatMember reports it."""
        if status not in ("creator", "administrator", "member", "left"):
            raise ValueError(f"unsupported status {status!r}")
        with self._lock:
            self._users.setdefault(user["id"], copy.deepcopy(user))
            self._members[(chat["id"], user["id"])] = status

    def send_document(
        self,
        chat: JSON,
        sender: JSON,
        content: bytes,
        file_name: str,
        *,
        caption: str | None = None,
        mime_type: str = "application/octet-stream",
        reply_to: JSON | int | None = None,
        fields: JSON | None = None,
    ) -> JSON:
        """Inject a document message (an uploaded file the bot can getFile and download)."""
        with self._lock:
            n = next(self._file_ids)
            file_id = f"BQACAgIAAx{n:06d}"
            suffix = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
            self._files[file_id] = (content, f"documents/file_{n}.{suffix}")
        document = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
                    "mime_type": mime_type, "file_size": len(content)}  # fmt: skip
        extra: JSON = {"document": document, **(fields or {})}
        if caption is not None:
            extra["caption"] = caption
            if entities := detect_entities(caption):
                extra["caption_entities"] = entities
        return self.send_message(chat, sender, None, reply_to=reply_to, fields=extra)

    # ----------------------------------------------------------------- message store
    def _store_message(
        self,
        chat: JSON,
        sender: JSON | None,
        text: str | None,
        entities: list[JSON],
        reply_to: JSON | None,
        extra: JSON | None = None,
    ) -> JSON:
        self._last_message_id[chat["id"]] += 1
        message: JSON = {
            "message_id": self._last_message_id[chat["id"]],
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
        }
        if sender is not None:  # channel posts have no sender
            message["from"] = copy.deepcopy(sender)
        if text is not None:
            message["text"] = text
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = {
                k: v for k, v in copy.deepcopy(reply_to).items() if k != "reply_to_message"
            }
        message.update(extra or {})
        self._messages[(chat["id"], message["message_id"])] = message
        return copy.deepcopy(message)

    @staticmethod
    def _record(message: JSON, params: JSON) -> JSON:
        reply = message.get("reply_to_message")
        return {
            "chat_id": message["chat"]["id"],
            "message_id": message["message_id"],
            "text": message["text"],
            "entities": message.get("entities", []),
            "html": params.get("text"),
            "parse_mode": params.get("parse_mode"),
            "reply_to_message_id": reply["message_id"] if reply else None,
            "reply_markup": params.get("reply_markup"),
            "message_thread_id": message.get("message_thread_id"),
            "link_preview_options": message.get("link_preview_options"),
            "message": message,
        }

    def get_message(self, chat_id: int, message_id: int) -> JSON:
        """The current (possibly edited) state of a stored message."""
        with self._lock:
            return copy.deepcopy(self._messages[(chat_id, message_id)])

    # ----------------------------------------------------------------- users, chats, updates
    def user(
        self, id: int, first_name: str, username: str | None = None, *, language_code: str = "en"
    ) -> JSON:
        """Create (and register) a human user."""
        user: JSON = {"id": id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        user["language_code"] = language_code
        with self._lock:
            self._users[id] = user
        return copy.deepcopy(user)

    def private_chat(self, user: JSON) -> JSON:
        """The private chat of ``user`` with the bot."""
        chat: JSON = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if user.get("username"):
            chat["username"] = user["username"]
        with self._lock:
            self._users.setdefault(user["id"], copy.deepcopy(user))
            self._chats[chat["id"]] = chat
        return copy.deepcopy(chat)

    def group_chat(self, id: int, title: str, *, supergroup: bool = False) -> JSON:
        """A group (negative ``id``) that the bot is a member of."""
        if id >= 0:
            raise ValueError("group chat ids are negative")
        chat = {"id": id, "type": "supergroup" if supergroup else "group", "title": title}
        with self._lock:
            self._chats[id] = chat
        return copy.deepcopy(chat)

    def send_text(
        self, chat: JSON, user: JSON, text: str, reply_to: JSON | int | None = None
    ) -> JSON:
        """Inject a text message from ``user``; returns the stored message."""
        if chat["type"] == "private" and chat["id"] != user["id"]:
            raise ValueError("a private chat's id must equal its user's id")
        chat = self.private_chat(user) if chat["type"] == "private" else chat
        with self._lock:
            self._users.setdefault(user["id"], copy.deepcopy(user))
            self._chats.setdefault(chat["id"], copy.deepcopy(chat))
            target = None
            if reply_to is not None:
                mid = reply_to if isinstance(reply_to, int) else reply_to["message_id"]
                target = self._messages[(chat["id"], mid)]
            message = self._store_message(chat, user, text, detect_entities(text), target)
            if self._delivered(message):
                self._enqueue({"message": message})
        return message

    def _delivered(self, message: JSON) -> bool:
        """Whether a bot in privacy mode receives this (group) message."""
        if not self.privacy_mode or message["chat"]["type"] == "private":
            return True
        username = self.bot_user["username"].lower()
        text = message.get("text") or message.get("caption") or ""
        command = re.match(r"/\w+(?:@(\w+))?", text)
        if command:
            return command[1] is None or command[1].lower() == username
        replied = message.get("reply_to_message", {}).get("from", {})
        return f"@{username}" in text.lower() or replied.get("id") == self.bot_user["id"]

    def send_message(
        self,
        chat: JSON,
        sender: JSON | None,
        text: str | None = None,
        *,
        reply_to: JSON | int | None = None,
        sender_chat: JSON | None = None,
        fields: JSON | None = None,
    ) -> JSON:
        """Inject any kind of message: ``fields`` adds e.g. a sticker, photo, poll or
        forward_origin; ``sender_chat`` makes it an anonymous admin's or a channel's; a chat
        of type "channel" makes it a channel_post. Privacy mode applies as for text."""
        with self._lock:
            self._chats.setdefault(chat["id"], copy.deepcopy(chat))
            if sender is not None:
                self._users.setdefault(sender["id"], copy.deepcopy(sender))
            target = None
            if reply_to is not None:
                mid = reply_to if isinstance(reply_to, int) else reply_to["message_id"]
                target = self._messages[(chat["id"], mid)]
            extra = dict(fields or {})
            if sender_chat is not None:
                extra["sender_chat"] = copy.deepcopy(sender_chat)
            entities = detect_entities(text) if text else []
            message = self._store_message(chat, sender, text, entities, target, extra)
            if chat["type"] == "channel":
                self._enqueue({"channel_post": message})
            elif self._delivered(message):
                self._enqueue({"message": message})
        return message

    def edit_message(self, chat: JSON, message: JSON | int, text: str) -> JSON:
        """A person edits one of their messages: an edited_message update."""
        mid = message if isinstance(message, int) else message["message_id"]
        with self._lock:
            stored = self._messages[(chat["id"], mid)]
            stored.update(text=text, entities=detect_entities(text), edit_date=int(time.time()))
            edited = copy.deepcopy(stored)
            if self._delivered(edited):
                self._enqueue({"edited_message": edited})
        return edited

    def send_update(self, payload: JSON) -> None:
        """Inject a raw update (any kind: poll, my_chat_member, ...); update_id is added."""
        self._enqueue(copy.deepcopy(payload))

    def press_button(
        self,
        chat: JSON,
        user: JSON,
        message: JSON | int,
        callback_data: str,
        *,
        check: bool = True,
    ) -> JSON:
        """Inject a callback_query for an existing inline button of a bot message (any data,
        as from a stale or forged client, when not ``check``)."""
        mid = message if isinstance(message, int) else message["message_id"]
        with self._lock:
            stored = copy.deepcopy(self._messages[(chat["id"], mid)])
            rows = stored.get("reply_markup", {}).get("inline_keyboard", [])
            if check and callback_data not in [b.get("callback_data") for row in rows for b in row]:
                raise AssertionError(f"message {mid} has no button with data {callback_data!r}")
            query_id = f"{self.bot_user['id']}{next(self._query_ids):08d}"
            self._queries[query_id] = False
            query: JSON = {
                "id": query_id,
                "from": copy.deepcopy(user),
                "message": stored,
                "chat_instance": str(abs(hash((chat["id"], self.bot_user["id"])))),
                "data": callback_data,
            }
            self._enqueue({"callback_query": query})
        return copy.deepcopy(query)

    def _enqueue(self, payload: JSON) -> None:
        with self._lock:
            self._updates.append({"update_id": next(self._update_ids), **payload})
            self.updates_sent += 1
            webhook = self.webhook is not None
        if webhook:
            self._schedule_delivery()
        else:
            self._wake_pollers()

    def _wake_pollers(self) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._set_update_event)

    def _set_update_event(self) -> None:
        if self._update_event is not None:
            self._update_event.set()
        self._update_event = asyncio.Event()

    # ----------------------------------------------------------------- waiting helpers
    def _new_messages(self, chat_id: int, after: JSON | int | None) -> tuple[int, list[JSON]]:
        if after is None:
            after = self._cursor.get(chat_id, 0)
        threshold = after if isinstance(after, int) else int(after["message_id"])
        return threshold, [
            m for m in self.sent if m["chat_id"] == chat_id and m["message_id"] > threshold
        ]

    def _take(self, chat_id: int, count: int, after: JSON | int | None) -> list[JSON] | None:
        with self._lock:
            _, new = self._new_messages(chat_id, after)
            if len(new) < count:
                return None
            self._cursor[chat_id] = new[count - 1]["message_id"]
            return copy.deepcopy(new[:count])

    def _timeout_report(self, chat_id: int, count: int, after: JSON | int | None) -> str:
        with self._lock:
            threshold, new = self._new_messages(chat_id, after)
            everything = [(m["chat_id"], m["message_id"], m["text"][:100]) for m in self.sent]
            return (
                f"expected {count} bot message(s) in chat {chat_id} after message_id "
                f"{threshold}, got {len(new)}: {[m['text'][:200] for m in new]}\n"
                f"all bot messages: {everything}\n"
                f"API errors: {self.errors[-10:]}\n"
                f"last calls: {[c[0] for c in self.calls[-15:]]}"
            )

    def wait_for_messages(
        self, chat_id: int, count: int = 1, timeout: float = 30.0, after: JSON | int | None = None
    ) -> list[JSON]:
        """Block until ``count`` new bot messages arrive in the chat and return them.

        "New" means with a message_id above ``after`` (a message or id), by default above
        the last message returned by a previous wait for this chat."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while (result := self._take(chat_id, count, after)) is None:
                if not self._changed.wait(max(deadline - time.monotonic(), 0)):
                    if (result := self._take(chat_id, count, after)) is not None:
                        return result
                    raise AssertionError(self._timeout_report(chat_id, count, after))
        return result

    async def wait_for_messages_async(
        self, chat_id: int, count: int = 1, timeout: float = 30.0, after: JSON | int | None = None
    ) -> list[JSON]:
        """:meth:`wait_for_messages` for tests whose event loop also runs the bot."""
        deadline = time.monotonic() + timeout
        while (result := self._take(chat_id, count, after)) is None:
            if time.monotonic() > deadline:
                raise AssertionError(self._timeout_report(chat_id, count, after))
            await asyncio.sleep(0.01)
        return result

    def wait_until(self, condition: Callable[[], Any], timeout: float = 30.0) -> None:
        """Block until ``condition()`` is truthy (re-checked on every API call)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition():
                if time.monotonic() > deadline:
                    raise AssertionError(f"condition not met within {timeout}s: {self.errors=}")
                self._changed.wait(0.05)  # also re-check periodically for unsignalled changes

    async def wait_until_async(self, condition: Callable[[], Any], timeout: float = 30.0) -> None:
        """Async :meth:`wait_until`: ``await server.wait_until_async(lambda: server.edits)``."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met within {timeout}s: {self.errors=}")
            await asyncio.sleep(0.01)

    def assert_no_messages(
        self, chat_id: int, wait: float = 1.0, after: JSON | int | None = None
    ) -> None:
        """Wait ``wait`` seconds and assert the bot sent nothing new to the chat."""
        time.sleep(wait)
        self._assert_none_new(chat_id, after)

    async def assert_no_messages_async(
        self, chat_id: int, wait: float = 1.0, after: JSON | int | None = None
    ) -> None:
        """Async :meth:`assert_no_messages`."""
        await asyncio.sleep(wait)
        self._assert_none_new(chat_id, after)

    def _assert_none_new(self, chat_id: int, after: JSON | int | None) -> None:
        with self._lock:
            _, new = self._new_messages(chat_id, after)
        if new:
            texts = [m["text"][:200] for m in new]
            raise AssertionError(f"bot unexpectedly sent to chat {chat_id}: {texts}")
