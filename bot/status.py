"""One status message for slow work (adding an article, following a feed): sent once, edited
through the work's stages, and edited a last time into the result."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging

from telegram import Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot.handlers import NO_PREVIEW, reply

logger = logging.getLogger(__name__)


class Status:
    """The message that shows where a job is; ``stage`` may be called from a worker thread."""

    def __init__(self, request: Message, message: Message, shown: str) -> None:
        self.request = request  # the message that asked for the work
        self.message = message
        self.shown = shown
        self._loop = asyncio.get_running_loop()
        self._lock = asyncio.Lock()  # one edit at a time, in the order asked
        self._pending: list[concurrent.futures.Future[bool]] = []

    @classmethod
    async def send(cls, request: Message, text: str) -> Status:
        return cls(request, await reply(request, text), text)

    def stage(self, text: str) -> None:
        """Show a stage; safe from the worker thread that does the work."""
        future = asyncio.run_coroutine_threadsafe(self.show(text), self._loop)
        self._pending.append(future)

    async def finish(self, text: str) -> None:
        """Show the result once the stages on their way are shown; if the status message
        cannot be edited (deleted, too old), send the result as a new reply."""
        for future in self._pending:
            with contextlib.suppress(Exception):
                await asyncio.wrap_future(future)
        if not await self.show(text):
            await reply(self.request, text)

    async def show(self, text: str) -> bool:
        """Edit the message to ``text``; False if Telegram refused the edit."""
        async with self._lock:
            if text == self.shown:
                return True
            try:
                await self.message.edit_text(
                    text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
                )
            except BadRequest as exc:
                if "not modified" in str(exc).lower():
                    return True
                logger.warning("could not edit the status message: %s", exc)
                return False
            except TelegramError as exc:  # a stage is cosmetic; the result is sent anew
                logger.warning("could not edit the status message: %s", exc)
                return False
            self.shown = text
            return True
