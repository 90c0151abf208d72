"""Running the bot: start-up with one-line failures, long polling or a webhook, clean stop."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import logging
import re
import secrets
import signal
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot.app import ALLOWED_UPDATES, build_application, post_init
from bot.settings import Settings
from index.errors import NewsbotError
from index.service import NewsIndex

logger = logging.getLogger(__name__)

OFFICIAL_API = "api.telegram.org"
OPEN_WARNING = (
    "warning: TELEGRAM_ALLOWED_CHATS and TELEGRAM_ALLOWED_USERS are empty, so anyone who finds "
    "the bot can use it"
)


class StartupError(NewsbotError):
    """The bot could not start; the message says why and what to do, in one line."""


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts updates (url) and where this process listens for them."""

    url: str
    listen: str = "127.0.0.1"
    port: int = 8443
    secret: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> Webhook | None:
        if not settings.telegram_webhook_url:
            return None
        secret = settings.telegram_webhook_secret
        return cls(
            check_webhook_url(settings.telegram_webhook_url, settings.telegram_api_base_url),
            settings.telegram_webhook_listen,
            settings.telegram_webhook_port,
            # Without a configured secret, a fresh random one each start.
            secret.get_secret_value() if secret else secrets.token_urlsafe(32),
        )


TOKEN_SHAPE = re.compile(r"^[0-9]{1,20}:[A-Za-z0-9_-]{1,100}$")


def check_token_shape(token: str) -> None:
    """A token is the bot's id, a colon and a secret (letters, digits, '-', '_')."""
    if not TOKEN_SHAPE.match(token):
        raise StartupError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters, "
            "digits, '-' or '_', as @BotFather gives it): copy it again, without quotes or spaces"
        )


def check_webhook_url(url: str, api_base_url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise StartupError(
            f"--webhook-url must be a full URL such as https://bot.example.com/tg (got {url!r})"
        )
    if parsed.scheme != "https" and urlparse(api_base_url).hostname == OFFICIAL_API:
        raise StartupError(
            "--webhook-url must start with https://: Telegram delivers webhooks only over HTTPS"
        )
    return url


def preflight(settings: Settings) -> str:
    """Ask the Bot API who the bot is, before the slow start-up work; returns its username.
    Raises StartupError (one line, no token) when the token or the network is wrong."""
    from telegram import Bot

    async def get_me() -> str:
        bot = Bot(settings.token(), base_url=settings.telegram_api_base_url)
        try:
            async with bot:
                return str(bot.username)
        except TelegramError as exc:
            raise StartupError(startup_problem(exc, settings)) from None

    return asyncio.run(get_me())


def run_bot(
    settings: Settings, index: NewsIndex, say: Callable[[str], None], webhook: Webhook | None = None
) -> None:
    """Run the bot until Ctrl+C or SIGTERM."""
    # Many chats at once are served best with one model thread per question: a second thread
    # mostly spins, taking the core that the event loop needs for Telegram's HTTP traffic.
    index.embedder.set_threads(settings.telegram_model_threads)
    index.warm_up()  # the encoder, spaCy and the word tables: not on the first chat's time
    asyncio.run(serve(settings, index, say, webhook))


async def serve(
    settings: Settings,
    index: NewsIndex,
    say: Callable[[str], None],
    webhook: Webhook | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Start the bot, say one line when it runs, serve until ``stop`` (or a signal) is set."""
    application = build_application(settings, index)
    stop = stop or stop_on_signals()
    try:
        await application.initialize()  # getMe: the token and the Bot API are checked here
    except TelegramError as exc:
        raise StartupError(startup_problem(exc, settings)) from None
    try:
        await post_init(application)
        mode = await start_updates(application, settings, webhook)
        await application.start()
        articles, _ = await asyncio.to_thread(index.size)
        say(f"newsbot @{application.bot.username} is running ({mode}), {articles} articles")
        if not settings.telegram_allowed_chats and not settings.telegram_allowed_users:
            say(OPEN_WARNING)
        await stop.wait()
    except TelegramError as exc:
        raise StartupError(startup_problem(exc, settings)) from None
    finally:
        await shut_down(application)


async def start_updates(
    application: Application, settings: Settings, webhook: Webhook | None
) -> str:
    """Start long polling or the webhook server; returns the mode's name."""
    updater = application.updater
    assert updater is not None
    if webhook is None:
        await updater.start_polling(
            timeout=dtm.timedelta(seconds=settings.telegram_poll_timeout),
            allowed_updates=ALLOWED_UPDATES,
        )
        return "polling"
    try:
        await updater.start_webhook(
            listen=webhook.listen,
            port=webhook.port,
            url_path=urlparse(webhook.url).path.lstrip("/"),
            webhook_url=webhook.url,
            secret_token=webhook.secret,
            allowed_updates=ALLOWED_UPDATES,
        )
    except OSError as exc:
        raise StartupError(
            f"cannot listen for the webhook on {webhook.listen}:{webhook.port} "
            f"({exc.strerror or exc}): choose another --port or --listen address"
        ) from None
    return "webhook"


async def shut_down(application: Application) -> None:
    try:
        if application.updater and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
    except Exception as exc:  # stopping must not hide why we stop
        logger.warning("problem while stopping: %s", exc)


def stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread
            loop.add_signal_handler(sig, stop.set)
    return stop


def startup_problem(exc: BaseException, settings: Settings) -> str:
    """Why the bot could not start, in one line without the token."""
    where = urlparse(settings.telegram_api_base_url)
    host = where.hostname or settings.telegram_api_base_url
    official = host == OFFICIAL_API
    if isinstance(exc, InvalidToken):
        return (
            "Telegram rejected TELEGRAM_BOT_TOKEN (wrong or revoked token): copy the current "
            "token from @BotFather into the environment or .env"
        )
    if isinstance(exc, NetworkError):
        reason = network_reason(exc)
        fix = (
            "check this machine's network connection (newsbot needs api.telegram.org, HTTPS)"
            if official
            else "check TELEGRAM_API_BASE_URL and that the Bot API server there is running"
        )
        return f"cannot reach the Telegram Bot API at {host} ({reason}): {fix}"
    return f"Telegram refused to start the bot: {type(exc).__name__}"


def network_reason(exc: BaseException) -> str:
    """ "no network or DNS", "connection refused", "timed out" ... from an exception chain."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    text = " ".join(f"{type(e).__name__} {e}" for e in chain).lower()
    if (
        any(isinstance(e, socket.gaierror) for e in chain)
        or "name resolution" in text
        or "name or service" in text
    ):
        return "cannot look up the host name: no network or DNS"
    if "refused" in text or "all connection attempts failed" in text:
        return "connection refused"
    if "timeout" in text or "timed out" in text:
        return "timed out"
    if "network is unreachable" in text or "no route" in text:
        return "no network"
    return "network error"
