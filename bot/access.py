"""Who the bot talks to: its state in bot_data, memory keys, group triggers and the allow-list."""

from __future__ import annotations

import asyncio
import logging
import re
import time
import unicodedata
import weakref
from dataclasses import dataclass, field

from telegram import Chat, Message, MessageEntity, User
from telegram.constants import ChatType
from telegram.ext import ContextTypes, filters

from bot.ratelimit import RateLimit
from bot.settings import Settings
from bot.stats import Stats
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
    access: Access = field(init=False)
    rate: RateLimit = field(init=False)
    stats: Stats = field(default_factory=Stats)
    admins: AdminCache = field(init=False)  # who administers which group (bot/rights.py)
    _locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = field(
        default_factory=weakref.WeakValueDictionary
    )

    def __post_init__(self) -> None:
        self.access = Access.from_settings(self.settings)
        self.rate = RateLimit(self.settings.telegram_user_rate_limit)
        self.admins = AdminCache(self.settings.newsbot_admin_cache_seconds)

    def lock(self, chat_key: str, user_key: str) -> asyncio.Lock:
        """One lock per conversation thread, so a person's questions are answered in order
        (the second one must see the first as its context) while other chats run freely."""
        lock = self._locks.get((chat_key, user_key))
        if lock is None:
            lock = self._locks[(chat_key, user_key)] = asyncio.Lock()
        return lock


@dataclass
class AdminCache:
    """getChatMember answers, remembered for ``seconds``: (chat, user) -> (when, is admin)."""

    seconds: float
    _seen: dict[tuple[int, int], tuple[float, bool]] = field(default_factory=dict)

    def get(self, chat_id: int, user_id: int) -> bool | None:
        found = self._seen.get((chat_id, user_id))
        if found is None or time.monotonic() - found[0] >= self.seconds:
            return None
        return found[1]

    def put(self, chat_id: int, user_id: int, is_admin: bool) -> None:
        if len(self._seen) > 10_000:  # drop what has expired, so the cache stays small
            now = time.monotonic()
            self._seen = {k: v for k, v in self._seen.items() if now - v[0] < self.seconds}
        self._seen[(chat_id, user_id)] = (time.monotonic(), is_admin)


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
    try:
        mentions = message.parse_entities([MessageEntity.MENTION]).values()
    except (UnicodeError, IndexError):  # text Telegram would never send (lone surrogates)
        return False
    return any(text.lower() == f"@{username}" for text in mentions)


def replies_to_bot(message: Message) -> bool:
    """Whether the message replies to one of this bot's own messages."""
    replied = message.reply_to_message
    author = replied.from_user if replied else None
    return author is not None and author.id == message.get_bot().id


def visible_text(text: str) -> str:
    """The text without control characters (made spaces) nor invisible format characters
    (zero-width spaces, direction marks, ...), so that "\u200b" is no question."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif not category.startswith("C"):
            kept.append(char)
    return "".join(kept)


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


# ----------------------------------------------------------------------------- allow-lists
@dataclass(frozen=True)
class Access:
    """Who may use the bot: the one place where the allow-lists and the admins live.

    An update is let in when both lists are empty (an open bot), when its chat is in
    TELEGRAM_ALLOWED_CHATS (where anyone may ask), or when its sender is a person in
    TELEGRAM_ALLOWED_USERS or NEWSBOT_ADMINS (who may ask in any chat). A sender that is not a
    person (an anonymous group admin, a channel) counts only through its chat.
    """

    chats: frozenset[int] = frozenset()
    users: frozenset[int] = frozenset()
    admins: frozenset[int] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> Access:
        return cls(
            settings.telegram_allowed_chats,
            settings.telegram_allowed_users,
            settings.newsbot_admins,
        )

    @property
    def open(self) -> bool:
        return not self.chats and not self.users

    def is_admin(self, user: User | None) -> bool:
        return user is not None and not user.is_bot and user.id in self.admins

    def allows(self, chat: Chat | None, user: User | None) -> bool:
        if self.open or (chat is not None and chat.id in self.chats):
            return True
        person = user is not None and not user.is_bot
        return person and user is not None and (user.id in self.users or self.is_admin(user))
