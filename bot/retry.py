"""Surviving Telegram's flood control: retry a request answered with 429 after retry_after."""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import warnings
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

logger = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]


def retry_seconds(error: RetryAfter) -> float:
    """``retry_after`` in seconds, whether PTB gives an int or (PTB_TIMEDELTA=true) a timedelta."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB's deprecation notice about the int form
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


class RetryAfterLimiter(BaseRateLimiter[int]):
    """React only when needed: send at once, and when Telegram answers 429 wait the
    ``retry_after`` it asks for, then try again (up to ``max_retries`` times).

    The bot sends about one message per question it receives, so throttling every request
    up front (PTB's AIORateLimiter) would only add latency. A "typing" action is never retried:
    it is cosmetic, and a late one would show "typing…" after the answer.
    """

    def __init__(self, max_retries: int = 3, max_wait: float = 120.0) -> None:
        self.max_retries = max_retries
        self.max_wait = max_wait

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSON:
        attempt = 0
        while True:
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = retry_seconds(error)
                if endpoint == "sendChatAction" or attempt >= self.max_retries:
                    raise
                if wait > self.max_wait:
                    raise
                attempt += 1
                logger.warning(
                    "Telegram flood control on %s (chat %s): retrying in %.1f s",
                    endpoint, data.get("chat_id"), wait,
                )  # fmt: skip
                await asyncio.sleep(wait)
