"""Who the bot talks to: its state in bot_data, memory keys, group triggers and the allow-list."""

from __future__ import annotations

import asyncio
import logging
import re
import weakref
from dataclasses import dataclass, field

from telegram import Chat, Message, MessageEntity, Update, User
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes, filters

from bot.settings import Settings
from index.service import NewsIndex

logger = logging.getLogger(__name__)

STATE_KEY = "newsbot"


@dataclass
class BotState:
    """Everything the handlers share, kept in ``application.bot_data[STATE_KEY]``."""

    index: NewsIndex
    settings: Settings
    examples: asyncio.Task[list[str]] | None = None
    refused: set[int] = field(default_factory=set)  # private chats told they are not allowed
    _locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = field(
        default_factory=weakref.WeakValueDictionary
    )

    def lock(self, chat_key: str, user_key: str) -> asyncio.Lock:
        """One lock per conversation thread, so a person's questions are answered in order
        (the second one must see the first as its context) while other chats run freely."""
        lock = self._locks.get((chat_key, user_key))
        if lock is None:
            lock = self._locks[(chat_key, user_key)] = asyncio.Lock()
        return lock


def bot_state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    state = context.bot_data[STATE_KEY]
    assert isinstance(state, BotState)
    return state


def memory_keys(chat: Chat, user: User | None) -> tuple[str, str]:
    """(chat key, user key): a private chat is one thread; a group keeps one per person."""
    if chat.type == ChatType.PRIVATE or user is None:
        return str(chat.id), ""
    return str(chat.id), str(user.id)


def is_group(chat: Chat | None) -> bool:
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


# ----------------------------------------------------------------------------- group triggers
def mentions_bot(message: Message) -> bool:
    """Whether the message @mentions this bot (not just anyone)."""
    username = message.get_bot().username.lower()
    mentions = message.parse_entities([MessageEntity.MENTION]).values()
    return any(text.lower() == f"@{username}" for text in mentions)


def replies_to_bot(message: Message) -> bool:
    """Whether the message replies to one of this bot's own messages."""
    replied = message.reply_to_message
    author = replied.from_user if replied else None
    return author is not None and author.id == message.get_bot().id


def strip_mention(text: str, username: str) -> str:
    """The question without the bot's @username in it (nor a "hey" that greets it)."""
    name = re.escape(username)
    greeting = rf"^\s*(?:(?:hey|hi|hello|yo|ok|okay|dear)[\s,!]+)?@{name}(?!\w)[\s,:!]*"
    text = re.sub(greeting, " ", text, flags=re.I)
    text = re.sub(rf"(?<![\w@])@{name}(?!\w)[,:]?", " ", text, flags=re.I)
    return " ".join(text.split())


class _MentionsBot(filters.MessageFilter):
    __slots__ = ()

    def filter(self, message: Message) -> bool:
        return mentions_bot(message)


class _RepliesToBot(filters.MessageFilter):
    __slots__ = ()

    def filter(self, message: Message) -> bool:
        return replies_to_bot(message)


MENTIONS_BOT = _MentionsBot(name="MentionsBot")
REPLIES_TO_BOT = _RepliesToBot(name="RepliesToBot")


# ----------------------------------------------------------------------------- allow-list
async def check_access(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop updates from chats outside TELEGRAM_ALLOWED_CHATS (refusing once in private)."""
    allowed = bot_state(context).settings.allowed_chats
    chat = update.effective_chat if isinstance(update, Update) else None
    if not allowed or chat is None or chat.id in allowed:
        return
    state = bot_state(context)
    logger.info("ignoring an update from chat %s, which is not allowed", chat.id)
    if chat.type == ChatType.PRIVATE and chat.id not in state.refused:
        state.refused.add(chat.id)
        await context.bot.send_message(
            chat.id, "Sorry, this bot is private and does not answer in this chat."
        )
    if isinstance(update, Update) and update.callback_query:
        await update.callback_query.answer()
    raise ApplicationHandlerStop
