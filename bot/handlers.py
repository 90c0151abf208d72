"""The bot's handlers: small ``async def name(update, context)`` functions, PTB examples style.

The index is synchronous and CPU-bound, so every call into it goes through
``asyncio.to_thread``: the event loop keeps serving other chats while one question is worked on.

Follow-ups, without an LLM: every answered question is stored as a Turn in the index's chat
memory, keyed by chat and (in groups) by user, so that two people's threads never mix. A reply
to one of the bot's answers takes the Turn linked to that message as context; any other
question takes the same person's last Turn in the chat if it is at most
NEWSBOT_FOLLOWUP_SECONDS old. ``NewsIndex.ask_in_chat(previous=turn)`` then carries the entities
of that Turn ("Park Jin", "Blinken") into retrieval when the new question reads like a follow-up
("What did he and Blinken urge North Korea to do?"); see ``index/followup.py``.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Sequence
from typing import TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import render
from bot.access import (
    BotState,
    bot_state,
    is_group,
    memory_keys,
    replies_to_bot,
    strip_mention,
    visible_text,
)
from bot.examples import example_questions
from index.errors import NewsbotError
from index.memory import Turn
from index.models import Answer, Citation

logger = logging.getLogger(__name__)

T = TypeVar("T")
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
TYPING_REFRESH = 4.5  # seconds; Telegram shows a chat action for 5 s


# ----------------------------------------------------------------------------- commands
async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: what the bot is, what is indexed, and three example questions."""
    message = update.effective_message
    if message is None:
        return
    state = bot_state(context)
    articles = await asyncio.to_thread(state.index.articles, str(message.chat.id))
    examples = await examples_for(state)
    if is_group(message.chat):
        text = render.welcome_group(articles, examples, context.bot.username)
    else:
        text = render.welcome_private(articles, examples)
    await reply(message, text)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask, follow up and read sources."""
    if update.effective_message:
        group = is_group(update.effective_chat)
        await reply(update.effective_message, render.help_text(group, context.bot.username))


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask question (or /ask@BotName question): answer it; a bare /ask explains itself."""
    if update.effective_message:
        await answer_or_explain(update, context, " ".join(context.args or []))


async def source_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/source n: the passage behind citation n of the last answer (or the replied-to one)."""
    message = update.effective_message
    if message is None or update.effective_chat is None:
        return
    args = context.args or []
    if len(args) != 1 or not re.fullmatch(r"[0-9]{1,3}", args[0]):  # not str.isdigit: "²"
        await reply(message, render.SOURCE_USAGE)
        return
    state = bot_state(context)
    chat_key, user_key = memory_keys(update.effective_chat, update.effective_user)
    reply_to = replied_id(message)
    turn = await asyncio.to_thread(_answered_turn, state, chat_key, user_key, reply_to)
    if turn is None:
        await reply(message, render.NO_ANSWER_YET)
        return
    await show_source(message, state, turn, int(args[0]))


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats (admins only): questions answered, abstention rate, latency, index size."""
    message = update.effective_message
    if message is None:
        return
    state = bot_state(context)
    if not state.access.is_admin(update.effective_user) or message.sender_chat is not None:
        await reply(message, render.ADMINS_ONLY)
        return
    articles, chunks = await asyncio.to_thread(state.index.size)
    await reply(message, render.stats_text(state.stats.summary(articles, chunks)))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have (private chats only)."""
    if update.effective_message:
        await reply(update.effective_message, render.UNKNOWN_COMMAND)


# ----------------------------------------------------------------------------- messages
async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message and message.text:
        await answer_or_explain(update, context, strip_mention(message.text, context.bot.username))


async def group_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group message that @mentions the bot or replies to one of its messages."""
    message = update.effective_message
    if message and message.text:
        await answer_or_explain(update, context, strip_mention(message.text, context.bot.username))


async def forwarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A forwarded message in a private chat: say that questions must be typed."""
    if update.effective_message:
        await reply(update.effective_message, render.FORWARDED)


async def other_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press the bot does not know: stop the client's spinner, nothing else."""
    if update.callback_query:
        await update.callback_query.answer()


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker, photo, voice... in a private chat: say that only text works."""
    if update.effective_message:
        await reply(update.effective_message, render.ONLY_TEXT)


async def bot_added(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was added to a group: introduce itself and say how to ask."""
    message = update.effective_message
    if message and any(m.id == context.bot.id for m in message.new_chat_members):
        state = bot_state(context)
        articles = await asyncio.to_thread(state.index.articles)
        examples = await examples_for(state)
        text = render.welcome_group(articles, examples, context.bot.username)
        await message.reply_text(text, parse_mode=ParseMode.HTML, do_quote=False)


async def source_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A citation button ("[2]") under an answer: show the passage behind that citation."""
    query = update.callback_query
    if query is None or update.effective_chat is None:
        return
    state = bot_state(context)
    parsed = render.parse_callback(query.data)
    turn = await asyncio.to_thread(state.index.memory.get, parsed[0]) if parsed else None
    if parsed is None or turn is None or turn.chat != str(update.effective_chat.id):
        await query.answer(render.TOO_OLD, show_alert=True)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await show_source(query.message, state, turn, parsed[1], quote=True)


# ----------------------------------------------------------------------------- answering
async def answer_or_explain(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str
) -> None:
    """Answer the question, or explain how to ask when there is none."""
    message = update.effective_message
    if message is None:
        return
    question = visible_text(question)
    if not question.strip():
        examples = await examples_for(bot_state(context))
        example = examples[0] if examples else None
        await reply(message, render.ask_usage(context.bot.username, example))
        return
    await answer_question(update, context, question)


async def answer_question(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str
) -> None:
    """Answer in the conversation's context, with sources and a button per citation."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    state = bot_state(context)
    chat_key, user_key = memory_keys(chat, update.effective_user)
    reply_to = replied_id(message)
    started, outcome, cited = time.perf_counter(), "failed", 0
    try:
        async with state.lock(chat_key, user_key):
            work = asyncio.to_thread(_ask, state, question, chat_key, user_key, reply_to)
            try:
                answer, turn = await keep_typing(message, work)
            except NewsbotError as exc:  # e.g. a question over the length limit
                outcome = "refused"
                await reply(message, render.error_text(str(exc)))
                return
            # Counted before the reply goes out, so that /stats sent after seeing the
            # reply always includes it.
            outcome, cited = (
                ("abstained" if answer.abstained else "answered"),
                len(answer.citations),
            )
            log_answer(state, chat.id, time.perf_counter() - started, outcome, cited)
            sent = await send_parts(
                message, render.answer_messages(answer), citation_keyboard(turn.id, answer)
            )
            await asyncio.to_thread(_link, state, chat_key, sent, turn.id)
    finally:
        if outcome in ("failed", "refused"):
            log_answer(state, chat.id, time.perf_counter() - started, outcome, cited)


def log_answer(state: BotState, chat_id: int, seconds: float, outcome: str, cited: int) -> None:
    """One log line per question (never its text) and the /stats counters."""
    state.stats.record(outcome, seconds)
    logger.info(
        "question chat=%s latency_ms=%.0f outcome=%s citations=%d",
        chat_id, 1000 * seconds, outcome, cited,
    )  # fmt: skip


def replied_id(message: Message) -> int | None:
    """The id of the bot message this one replies to, if any."""
    if replies_to_bot(message) and message.reply_to_message:
        return message.reply_to_message.message_id
    return None


def _ask(
    state: BotState, question: str, chat_key: str, user_key: str, reply_to: int | None
) -> tuple[Answer, Turn]:
    """(In a worker thread.) The replied-to answer is the context if there is one; else the
    index uses this person's last turn in the chat, when recent enough."""
    memory = state.index.memory
    previous = memory.turn_for_message(chat_key, reply_to) if reply_to else None
    max_age = state.settings.newsbot_followup_seconds
    # library=chat_key: the shared library and this chat's own, never another chat's
    return state.index.ask_in_chat(
        question, chat_key, user_key, max_age, previous, library=chat_key
    )


def _answered_turn(state: BotState, chat: str, user: str, reply_to: int | None) -> Turn | None:
    """(In a worker thread.) The turn of the replied-to answer, else the person's last one."""
    memory = state.index.memory
    turn = memory.turn_for_message(chat, reply_to) if reply_to else None
    return turn or memory.last(chat, user)


def _link(state: BotState, chat_key: str, sent: Sequence[Message], turn_id: int) -> None:
    for message in sent:
        state.index.memory.link_message(chat_key, message.message_id, turn_id)


async def show_source(
    message: Message, state: BotState, turn: Turn, n: int, quote: bool | None = None
) -> None:
    """Send the passage behind citation n of the turn, quote(s) in bold."""
    citation = _citation(turn.citations, n)
    if citation is None:
        count = len(turn.citations)
        text = (
            "My last answer has no sources."
            if not count
            else f"My last answer has sources 1 to {count}; try <code>/source 1</code>."
        )
        await reply(message, text)
        return
    sent = await send_parts(message, render.passage_messages(citation), quote=quote)
    chat_key = str(message.chat.id)
    await asyncio.to_thread(_link, state, chat_key, sent, turn.id)


def _citation(citations: Sequence[Citation], n: int) -> Citation | None:
    return next((c for c in citations if c.n == n), None)


def citation_keyboard(turn_id: int, answer: Answer) -> InlineKeyboardMarkup | None:
    if answer.abstained or not answer.citations:
        return None
    rows = render.citation_buttons(turn_id, answer.citations)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


# ----------------------------------------------------------------------------- sending
def prepare_examples(state: BotState) -> None:
    """Start working out the example questions in a worker thread (once per run)."""
    if state.examples is None:
        state.examples = asyncio.create_task(asyncio.to_thread(example_questions, state.index))


async def examples_for(state: BotState) -> list[str]:
    """The example questions for /start (and a bare /ask)."""
    prepare_examples(state)
    assert state.examples is not None
    try:
        return list(await asyncio.shield(state.examples))
    except Exception:
        logger.warning("could not make example questions", exc_info=True)
        return []


async def keep_typing(message: Message, work: Awaitable[T]) -> T:
    """Await ``work`` while the chat shows "typing…": sent first, renewed every few seconds."""
    task = asyncio.ensure_future(work)
    while True:
        try:
            await message.reply_chat_action(ChatAction.TYPING)
        except TelegramError as exc:  # cosmetic: never let it cost the answer
            logger.debug("chat action failed: %s", exc)
        done, _ = await asyncio.wait({task}, timeout=TYPING_REFRESH)
        if done:
            return task.result()


async def reply(
    message: Message,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    quote: bool | None = None,
) -> Message:
    """Send HTML in the message's chat; threaded under it in groups (or when ``quote``)."""
    if quote is None:
        quote = is_group(message.chat)
    thread = (
        ReplyParameters(message.message_id, allow_sending_without_reply=True) if quote else None
    )
    return await message.reply_text(
        text,
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
        link_preview_options=NO_PREVIEW,
        reply_parameters=thread,
        do_quote=False if thread is None else None,
    )


async def send_parts(
    message: Message,
    parts: Sequence[str],
    markup: InlineKeyboardMarkup | None = None,
    quote: bool | None = None,
) -> list[Message]:
    """Send the parts in order; the keyboard goes under the last one."""
    sent = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        sent.append(await reply(message, part, markup if last else None, quote))
    return sent


__all__ = [
    "answer_question",
    "ask_command",
    "bot_added",
    "forwarded",
    "group_question",
    "help_command",
    "not_text",
    "other_button",
    "private_question",
    "source_button",
    "source_command",
    "start",
    "stats_command",
    "unknown_command",
]
