"""Handlers that change a chat's own library: /add (a link, a document, replied-to or pasted
text), a bare link or any document in a private chat, /forget, and /sources marked by library.

Every chat has a library of its own on top of the shared one (index/service.py); a question
asked in the chat searches both, never another chat's. Who may change it: bot/rights.py. The
index's calls block, so they run in a worker thread; a status message shows their stages.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import PurePath

from telegram import Document, Message, MessageEntity, MessageOriginChannel, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes, filters

from bot import render
from bot import render_library as text
from bot.access import bot_state
from bot.handlers import reply, send_parts
from bot.rights import added_by, may_change_library
from bot.status import Status
from index.adding import MAX_DOCUMENT_BYTES
from index.errors import NewsbotError
from index.loaders import SUPPORTED_SUFFIXES
from index.models import IngestReport

BARE_LINK = re.compile(r"^\s*(https?://\S+)\s*$", re.I)
Work = Callable[[Callable[[str], None]], IngestReport]  # (on_stage) -> report


# ----------------------------------------------------------------------------- handlers
async def add_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/add URL or /add pasted text, or /add replying to a link, text or document: add it."""
    message = update.effective_message
    if message is None:
        return
    args, target = context.args or [], message.reply_to_message
    if target is not None and target.from_user and target.from_user.id == context.bot.id:
        target = None  # the bot's own answers are no articles
    if len(args) == 1:
        await add_link(update, context, args[0])
    elif args:
        await add_pasted(update, context, message, command_rest(message))
    elif target is not None and target.document is not None:
        await add_file(update, context, target.document)
    elif target is not None and (target.text or target.caption):
        content = target.text or target.caption or ""
        if link := BARE_LINK.match(content):
            await add_link(update, context, link[1])
        else:
            await add_pasted(update, context, target, content)
    else:
        await reply(message, text.ADD_USAGE)


async def private_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message in a private chat that is only a link: add the article it points to."""
    message = update.effective_message
    if message and message.text and (link := BARE_LINK.match(message.text)):
        await add_link(update, context, link[1])


async def document_added(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document captioned /add, or any document in a private chat: add it."""
    message = update.effective_message
    if message and message.document:
        await add_file(update, context, message.document)


async def forget_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/forget n: remove article n (as /sources numbers it) from the chat's own library."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    args = context.args or []
    if len(args) != 1 or not re.fullmatch(r"[0-9]{1,5}", args[0]):  # ASCII digits only
        await reply(message, text.FORGET_USAGE)
        return
    if not await allowed(update, context):
        return
    index, n = bot_state(context).index, int(args[0])
    articles = await asyncio.to_thread(index.articles, str(chat.id))
    chosen = next((x for x in text.numbered(articles, index.collection) if x.n == n), None)
    if chosen is None or not chosen.own:
        await reply(message, text.no_article(n) if chosen is None else text.shared_article(n))
        return
    try:
        removed = await asyncio.to_thread(index.forget, chosen.article.article_id, str(chat.id))
    except NewsbotError as exc:  # forgotten meanwhile, by another admin
        await reply(message, render.error_text(str(exc)))
        return
    await reply(message, text.forgot(removed, chat.type == ChatType.PRIVATE))


async def sources_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources: the articles a question here can use, this chat's own marked and first."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    index = bot_state(context).index
    articles = await asyncio.to_thread(index.articles, str(chat.id))
    private = chat.type == ChatType.PRIVATE
    await send_parts(message, text.sources_messages(articles, index.collection, private))


# ----------------------------------------------------------------------------- adding
async def allowed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the sender may change this chat's library; if not, tell them so."""
    if await may_change_library(update, context):
        return True
    if update.effective_message:
        await reply(update.effective_message, text.MAY_NOT_CHANGE)
    return False


async def add_link(update: Update, context: ContextTypes.DEFAULT_TYPE, url: str) -> None:
    """Fetch a link (safely) and add the article on it."""
    if not await allowed(update, context):
        return
    chat, index, who = chat_key(update), bot_state(context).index, added_by(update)
    await run_add(update, url, "fetching",
                  lambda stage: index.add_url(url, chat, who, on_stage=stage))  # fmt: skip


async def add_file(update: Update, context: ContextTypes.DEFAULT_TYPE, document: Document) -> None:
    """Download an uploaded .txt, .md, .html or .pdf file from Telegram and add it."""
    message = update.effective_message
    if message is None or not await allowed(update, context):
        return
    name = PurePath(document.file_name or "document.txt").name
    if document.file_size and document.file_size > MAX_DOCUMENT_BYTES:
        await reply(message, text.too_big(name, MAX_DOCUMENT_BYTES))
        return
    if PurePath(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        await reply(message, text.not_added(f"{name} is not a file I can read (send {kinds})"))
        return
    status = await Status.send(message, text.adding(name, "downloading"))
    try:
        telegram_file = await context.bot.get_file(document.file_id)
        data = bytes(await telegram_file.download_as_bytearray())
    except TelegramError as exc:
        await status.finish(text.not_added(f"could not download {name} from Telegram ({exc})"))
        return
    chat, index, who = chat_key(update), bot_state(context).index, added_by(update)
    await run_add(update, name, "reading",
                  lambda stage: index.add_document(data, name, chat, who, on_stage=stage),
                  status)  # fmt: skip


async def add_pasted(
    update: Update, context: ContextTypes.DEFAULT_TYPE, holder: Message, content: str
) -> None:
    """Add article text pasted or forwarded into a message; a channel's post gives its outlet
    (the channel's name) and its link, and the date it was posted is used when the text has
    none."""
    if not await allowed(update, context):
        return
    origin = holder.forward_origin
    outlet = url = None
    if isinstance(origin, MessageOriginChannel):
        outlet = origin.chat.title
        if origin.chat.username:
            url = f"https://t.me/{origin.chat.username}/{origin.message_id}"
    sent = origin.date.date().isoformat() if origin else None
    chat, index, who = chat_key(update), bot_state(context).index, added_by(update)

    def work(stage: Callable[[str], None]) -> IngestReport:
        stage("indexing")
        return index.add_text(content, chat, who, outlet=outlet, url=url, sent=sent)

    await run_add(update, "the text", "reading", work)


async def run_add(
    update: Update, what: str, first: str, work: Work, status: Status | None = None
) -> None:
    """Run an add in a worker thread, its stages and then its result shown in one message."""
    message = update.effective_message
    if message is None:
        return
    if status is None:
        status = await Status.send(message, text.adding(what, first))
    else:
        await status.show(text.adding(what, first))
    try:
        report = await asyncio.to_thread(work, lambda stage: status.stage(text.adding(what, stage)))
    except NewsbotError as exc:
        await status.finish(text.not_added(str(exc)))
        return
    except Exception:
        await status.finish(render.APOLOGY)
        raise  # logged with its traceback by the error handler
    private = update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE
    if not report.articles:
        await status.finish(text.not_added("nothing in it could be read as an article"))
        return
    await status.finish(text.added(report.articles[0], private))


# ----------------------------------------------------------------------------- helpers
def chat_key(update: Update) -> str:
    """The chat's library key: its id."""
    assert update.effective_chat is not None
    return str(update.effective_chat.id)


def command_rest(message: Message) -> str:
    """The text after the command (/add@bot ...), line breaks kept."""
    content = message.text or ""
    entities = message.entities
    if entities and entities[0].type == MessageEntity.BOT_COMMAND and entities[0].offset == 0:
        return content[entities[0].length :].strip()
    return content.partition(" ")[2].strip()


def captions_add(message: Message) -> bool:
    """Whether a message's caption starts with /add (or /add@this_bot)."""
    entities = message.caption_entities
    caption = message.caption or ""
    if not entities or entities[0].type != MessageEntity.BOT_COMMAND or entities[0].offset != 0:
        return False
    command, _, target = caption[: entities[0].length].lower().partition("@")
    return command == "/add" and target in ("", message.get_bot().username.lower())


class _CaptionsAdd(filters.MessageFilter):
    __slots__ = ()

    def filter(self, message: Message) -> bool:
        return captions_add(message)


CAPTIONS_ADD = _CaptionsAdd(name="CaptionsAdd")
