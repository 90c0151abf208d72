"""The gate every update passes before any handler: ignore, refuse, slow down, or let in.

It runs as a ``TypeHandler`` in group -1 and ends with ``ApplicationHandlerStop`` for anything
not let in. It fails closed: whatever goes wrong while judging or refusing an update (a bug, a
``Forbidden`` on the refusal message), the update still stops here.
"""

from __future__ import annotations

import logging
from enum import Enum

from telegram import Message, MessageEntity, Update, User
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import render
from bot.access import BotState, bot_state, mentions_bot, replies_to_bot
from bot.handlers import reply

logger = logging.getLogger(__name__)


class Verdict(Enum):
    ADMIT = "admit"
    IGNORE = "ignore"  # silently: edits, channel posts, other bots, service noise
    REFUSE = "refuse"  # outside the allow-lists
    SLOW_DOWN = "slow down"  # over the person's rate limit


async def gate(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let in only what the bot answers; stop everything else before any handler runs."""
    try:
        verdict = judge(update, bot_state(context))
    except Exception:
        logger.exception("could not check an update; ignoring it")
        raise ApplicationHandlerStop from None
    if verdict is Verdict.ADMIT:
        return
    assert isinstance(update, Update)
    try:
        if verdict is Verdict.REFUSE:
            await refuse(update, context)
        elif verdict is Verdict.SLOW_DOWN:
            await slow_down(update, context)
    except Exception as exc:  # e.g. Forbidden: the update is stopped all the same
        logger.warning("could not tell chat %s (%s): %s", chat_id(update), verdict.value, exc)
    raise ApplicationHandlerStop


def judge(update: object, state: BotState) -> Verdict:
    """What to do with an update (no I/O)."""
    if not isinstance(update, Update):
        return Verdict.IGNORE
    message, query = update.message, update.callback_query
    if message is None and query is None:
        return Verdict.IGNORE  # edits, channel posts, polls, reactions, inline queries ...
    if message is not None and not from_a_person_or_group_admin(message):
        return Verdict.IGNORE
    user = query.from_user if query else update.effective_user
    if not state.access.allows(update.effective_chat, user):
        return Verdict.REFUSE
    if query is not None or (message is not None and addressed_to_bot(message)):
        allowed, tell = state.rate.check(rate_key(update))
        if not allowed:
            return Verdict.SLOW_DOWN if tell else Verdict.IGNORE
    return Verdict.ADMIT


def from_a_person_or_group_admin(message: Message) -> bool:
    """Not another bot, a channel, or a linked channel's automatic forward; an anonymous group
    admin (a message "from" GroupAnonymousBot on behalf of the group itself) counts."""
    if message.is_automatic_forward:
        return False
    sender = message.from_user
    if message.sender_chat is not None:
        return message.sender_chat.id == message.chat.id  # an anonymous admin of this group
    return sender is not None and not sender.is_bot


def addressed_to_bot(message: Message) -> bool:
    """Whether the bot would reply: anything in private; in groups, its commands, mentions of
    it and replies to it."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    entities = message.entities or message.caption_entities  # a file captioned /add
    if entities and entities[0].type == MessageEntity.BOT_COMMAND and entities[0].offset == 0:
        command = (message.text or message.caption or "")[: entities[0].length]
        target = command.partition("@")[2].lower()
        return not target or target == message.get_bot().username.lower()
    return (bool(message.text) and mentions_bot(message)) or replies_to_bot(message)


def rate_key(update: Update) -> int:
    """Whose messages count together: the person, else the group or channel sending."""
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id
    user: User | None = update.effective_user
    return user.id if user else chat_id(update)


def chat_id(update: Update) -> int:
    return update.effective_chat.id if update.effective_chat else 0


async def refuse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell a private chat once that the bot is not for it; stay silent in groups."""
    state = bot_state(context)
    chat, user = update.effective_chat, update.effective_user
    logger.info(
        "refused an update from chat %s (user %s): not in the allow-lists",
        chat.id if chat else None,
        user.id if user else None,
    )
    if update.callback_query:
        await update.callback_query.answer()
    if chat is not None and chat.type == ChatType.PRIVATE and chat.id not in state.refused:
        state.refused.add(chat.id)
        await context.bot.send_message(chat.id, render.NOT_ALLOWED)


async def slow_down(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell the person, once per burst, to wait before the next message."""
    state = bot_state(context)
    key = rate_key(update)
    text = render.slow_down(state.rate.per_minute, state.rate.wait_seconds(key))
    logger.info("rate limit: chat %s, sender %s", chat_id(update), key)
    if update.callback_query:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await reply(update.effective_message, text)
