"""Who may change a chat's library: add articles, forget them, follow feeds.

- In a private chat: the person, for their own library.
- In a group: its administrators (asked with getChatMember, remembered for
  NEWSBOT_ADMIN_CACHE_SECONDS), an anonymous admin (a message sent as the group itself), and the
  bot's admins (NEWSBOT_ADMINS). With NEWSBOT_MEMBERS_MAY_ADD, every member.

Anyone else gets a clear refusal; reading (/sources, /feeds, questions) is open to all.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.access import bot_state

logger = logging.getLogger(__name__)

ADMIN_STATUSES = frozenset({ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR})


async def may_change_library(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the sender may add, forget and follow in this chat (see the module doc)."""
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None or chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    if message.sender_chat is not None:  # the gate lets only the group itself through
        return message.sender_chat.id == chat.id
    state = bot_state(context)
    if user is None or user.is_bot:
        return False
    if state.settings.newsbot_members_may_add or state.access.is_admin(user):
        return True
    cached = state.admins.get(chat.id, user.id)
    if cached is not None:
        return cached
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        logger.warning("could not check whether user %s is an admin of %s: %s", user.id,
                       chat.id, exc)  # fmt: skip
        return False  # not remembered: the next try asks again
    is_admin = member.status in ADMIN_STATUSES
    state.admins.put(chat.id, user.id, is_admin)
    return is_admin


def added_by(update: Update) -> str:
    """Who added an article, as the catalog records it: a user id, or the chat for an
    anonymous group admin."""
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return f"chat:{message.sender_chat.id}"
    return f"user:{update.effective_user.id}" if update.effective_user else "unknown"
