"""News feeds in a chat: /follow, /unfollow, /feeds (and /feeds notices on|off), the JobQueue
job that polls every followed feed, and the one-line notices of what a poll brought.

New items go into the library of the chat that follows the feed. A notice ("3 new articles from
…") is on by default in private chats and off in groups; each chat can switch it. Notices are
sent for every poll the bot's index makes, whether its own schedule or `newsbot poll` run from
another shell through the bot's socket asked for it (NewsIndex.on_polled).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dtm
import logging
from collections.abc import Sequence

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot import render
from bot import render_library as text
from bot.access import STATE_KEY, BotState, bot_state
from bot.handlers import NO_PREVIEW, reply, send_parts
from bot.library import allowed, chat_key
from bot.status import Status
from index.errors import NewsbotError
from index.following import Polled
from index.service import NewsIndex

logger = logging.getLogger(__name__)

POLL_JOB = "poll feeds"
SWITCH = {"on": True, "off": False}


async def follow_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/follow URL: follow a feed (or the feed a page links to) into this chat's library."""
    message = update.effective_message
    if message is None:
        return
    args = context.args or []
    if len(args) != 1:
        await reply(message, text.FOLLOW_USAGE)
        return
    if not await allowed(update, context):
        return
    state, url = bot_state(context), args[0]
    status = await Status.send(message, text.following(url))
    try:
        feed, polled, created = await asyncio.to_thread(state.index.follow, url, chat_key(update))
    except NewsbotError as exc:
        await status.finish(text.not_followed(str(exc)))
        return
    minutes = state.settings.newsbot_feed_poll_minutes
    await status.finish(text.followed(feed, polled, created, minutes))


async def unfollow_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unfollow n or /unfollow URL: stop following a feed (its articles stay)."""
    message = update.effective_message
    if message is None:
        return
    args = context.args or []
    if len(args) != 1:
        await reply(message, text.UNFOLLOW_USAGE)
        return
    if not await allowed(update, context):
        return
    index = bot_state(context).index
    try:
        feed = await asyncio.to_thread(index.unfollow, args[0], chat_key(update))
    except NewsbotError as exc:
        await reply(message, render.error_text(str(exc)))
        return
    await reply(message, text.unfollowed(feed))


async def feeds_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/feeds: the feeds this chat follows; /feeds notices on|off switches the notices."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    args = [a.lower() for a in context.args or []]
    state, key = bot_state(context), chat_key(update)
    if args:
        if len(args) != 2 or args[0] != "notices" or args[1] not in SWITCH:
            await reply(message, text.NOTICES_USAGE)
        elif await allowed(update, context):
            await asyncio.to_thread(set_notices, state.index, key, SWITCH[args[1]])
            await reply(message, text.notices_set(SWITCH[args[1]]))
        return
    feeds = await asyncio.to_thread(state.index.feeds, key)
    notices = await asyncio.to_thread(wants_notices, state.index, key)
    minutes = state.settings.newsbot_feed_poll_minutes
    await send_parts(message, text.feeds_messages(feeds, notices, minutes))


# ----------------------------------------------------------------------------- polling
async def poll_feeds(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The JobQueue job: poll every followed feed once (notices follow from on_polled)."""
    results = await asyncio.to_thread(bot_state(context).index.poll)
    added = sum(p.added for p in results)
    failed = sum(1 for p in results if p.error)
    logger.info("polled %d feeds: %d new articles, %d failed", len(results), added, failed)


def schedule_polling(application: Application) -> None:
    """Poll the feeds every NEWSBOT_FEED_POLL_MINUTES with PTB's JobQueue (0: never)."""
    state: BotState = application.bot_data[STATE_KEY]
    minutes = state.settings.newsbot_feed_poll_minutes
    if minutes <= 0:
        return
    if application.job_queue is None:  # python-telegram-bot installed without [job-queue]
        raise NewsbotError("feed polling needs python-telegram-bot[job-queue]; reinstall newsbot")
    interval = dtm.timedelta(minutes=minutes)
    application.job_queue.run_repeating(poll_feeds, interval=interval, first=interval,
                                        name=POLL_JOB)  # fmt: skip


def listen_for_polls(application: Application) -> None:
    """Send notices for every poll of the bot's index, from the thread that polled."""
    state: BotState = application.bot_data[STATE_KEY]
    loop = asyncio.get_running_loop()
    stop = None

    def heard(results: list[Polled]) -> None:
        if loop.is_closed():  # this bot has stopped
            if stop is not None:
                stop()
            return
        sending = asyncio.run_coroutine_threadsafe(send_notices(application, results), loop)
        sending.add_done_callback(_log_failure)

    stop = state.index.on_polled(heard)


def _log_failure(sending: concurrent.futures.Future[None]) -> None:
    if not sending.cancelled() and (error := sending.exception()) is not None:
        logger.error("could not send feed notices", exc_info=error)


async def send_notices(application: Application, results: Sequence[Polled]) -> None:
    """One line per feed that brought new articles, to each chat that wants notices."""
    state: BotState = application.bot_data[STATE_KEY]
    for polled in results:
        chat = polled.feed.library
        if polled.added == 0 or not chat.lstrip("-").isdigit():  # "" is the shared library
            continue
        if not await asyncio.to_thread(wants_notices, state.index, chat):
            continue
        try:
            await application.bot.send_message(int(chat), text.notice(polled),
                                               parse_mode=ParseMode.HTML,
                                               link_preview_options=NO_PREVIEW)  # fmt: skip
        except TelegramError as exc:  # e.g. the bot was removed from the group
            logger.warning("could not send a feed notice to chat %s: %s", chat, exc)


def wants_notices(index: NewsIndex, chat: str) -> bool:
    """(In a worker thread: the store uses this thread's connection.) On by default in private
    chats (Telegram gives people positive ids, groups negative ones), off in groups."""
    return index.following.store.notices(chat, default=int(chat) > 0)


def set_notices(index: NewsIndex, chat: str, enabled: bool) -> None:
    """(In a worker thread.)"""
    index.following.store.set_notices(chat, enabled)
