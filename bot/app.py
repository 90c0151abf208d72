"""The Telegram bot: one Application builder, its start-up hook and its error handler."""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.error import NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import feed_commands, handlers, library, render
from bot.access import MENTIONS_BOT, REPLIES_TO_BOT, STATE_KEY, BotState
from bot.gate import gate
from bot.sending import SendLimiter
from bot.settings import Settings
from index.errors import NewsbotError
from index.service import NewsIndex

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
LIBRARY_COMMANDS = [
    BotCommand("add", "Add an article: /add link, or reply /add to its text"),
    BotCommand("forget", "Remove article n (from /sources) added here"),
    BotCommand("follow", "Follow a news feed: /follow link"),
    BotCommand("feeds", "The feeds followed here"),
    BotCommand("unfollow", "Stop following feed n"),
]
PRIVATE_COMMANDS = [
    BotCommand("ask", "Ask a question (or just send it)"),
    BotCommand("sources", "List the indexed articles"),
    BotCommand("source", "Passage behind citation n: /source 1"),
    *LIBRARY_COMMANDS,
    BotCommand("help", "How to ask, follow up and read sources"),
    BotCommand("start", "What newsbot is, with example questions"),
]
GROUP_COMMANDS = [
    BotCommand("ask", "Ask a question about the news"),
    BotCommand("sources", "List the indexed articles"),
    BotCommand("source", "Passage behind citation n of my last answer"),
    *LIBRARY_COMMANDS,
    BotCommand("help", "How to use newsbot in this group"),
]


class MissingTokenError(NewsbotError):
    """The bot cannot start without a token."""


def bot_token(settings: Settings) -> str:
    token = settings.token()
    if not token:
        raise MissingTokenError(
            "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and put its token "
            "in the environment or in .env"
        )
    return token


def build_application(settings: Settings, index: NewsIndex) -> Application:
    """The bot: the gate, the handlers, the error handler, sending within Telegram's limits."""
    # httpx logs every request URL at INFO, and the URL contains the token.
    logging.getLogger("httpx").setLevel(max(logging.getLogger("httpx").level, logging.WARNING))
    limiter = SendLimiter(
        settings.telegram_sends_per_second, settings.telegram_group_sends_per_minute
    )
    application = (
        ApplicationBuilder()
        .token(bot_token(settings))
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_file_url)
        .rate_limiter(limiter)
        .concurrent_updates(True)  # other chats go on while one question is answered
        .build()
    )
    application.bot_data[STATE_KEY] = BotState(index=index, settings=settings)

    # Only new messages (no edits, no channel posts) get this far: see bot/gate.py.
    new = filters.UpdateType.MESSAGE & ~filters.FORWARDED
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    text = filters.TEXT & ~filters.COMMAND
    document = filters.UpdateType.MESSAGE & filters.Document.ALL & (private | library.CAPTIONS_ADD)
    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handlers(
        [
            CommandHandler("start", handlers.start, filters=new),
            CommandHandler("help", handlers.help_command, filters=new),
            CommandHandler("ask", handlers.ask_command, filters=new),
            CommandHandler("sources", library.sources_command, filters=new),
            CommandHandler("source", handlers.source_command, filters=new),
            CommandHandler("stats", handlers.stats_command, filters=new),
            CommandHandler("add", library.add_command, filters=new),
            CommandHandler("forget", library.forget_command, filters=new),
            CommandHandler("follow", feed_commands.follow_command, filters=new),
            CommandHandler("unfollow", feed_commands.unfollow_command, filters=new),
            CommandHandler("feeds", feed_commands.feeds_command, filters=new),
            CallbackQueryHandler(handlers.source_button, pattern=rf"^{render.CALLBACK_PREFIX}:"),
            CallbackQueryHandler(handlers.other_button),
            MessageHandler(new & filters.StatusUpdate.NEW_CHAT_MEMBERS, handlers.bot_added),
            MessageHandler(document, library.document_added),
            MessageHandler(
                filters.UpdateType.MESSAGE & private & filters.FORWARDED, handlers.forwarded
            ),
            MessageHandler(new & private & filters.Regex(library.BARE_LINK), library.private_link),
            MessageHandler(new & private & text, handlers.private_question),
            MessageHandler(
                new & groups & text & (MENTIONS_BOT | REPLIES_TO_BOT), handlers.group_question
            ),
            MessageHandler(new & private & filters.COMMAND, handlers.unknown_command),
            MessageHandler(new & private & ~filters.TEXT, handlers.not_text),
        ]
    )
    application.add_error_handler(error_handler)
    feed_commands.schedule_polling(application)
    return application


async def post_init(application: Application) -> None:
    """Register the command menus, start working out the example questions, and send feed
    notices for the index's polls."""
    bot = application.bot
    await bot.set_my_commands(PRIVATE_COMMANDS, scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats())
    handlers.prepare_examples(application.bot_data[STATE_KEY])
    feed_commands.listen_for_polls(application)


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error with its traceback; tell the user, briefly, that it failed."""
    if update is None and isinstance(context.error, NetworkError):
        # Polling hiccups (timeouts, a dropped connection): PTB retries by itself.
        logger.warning("network problem while polling Telegram: %s", context.error)
        return
    logger.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    if update.callback_query:
        try:
            await update.callback_query.answer(render.APOLOGY, show_alert=True)
            return
        except TelegramError:
            pass  # the query was already answered: apologise in the chat instead
    try:
        await handlers.reply(update.effective_message, render.APOLOGY)
    except TelegramError as exc:
        logger.warning("could not send the apology: %s", exc)
