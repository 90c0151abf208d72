"""Sending within Telegram's limits: PTB's AIORateLimiter plus retries for network errors.

- Throttling: at most TELEGRAM_SENDS_PER_SECOND requests overall and
  TELEGRAM_GROUP_SENDS_PER_MINUTE per group (Telegram's published limits: 30 a second, 20 a
  minute in a group), queued rather than refused.
- ``RetryAfter`` (429): AIORateLimiter pauses every request for ``retry_after`` and tries again,
  up to ``MAX_RETRIES`` times.
- Network errors (connection refused or reset, timeouts) on what reaches a user (messages,
  button answers): tried again after 1, 2, 4, 8 s. A
  timeout after the request was sent may, rarely, deliver a message twice; losing an answer is
  worse.
- A "typing…" chat action is cosmetic: never throttled (it does not count as a message) and
  never retried (a late one would show "typing…" after the answer).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import warnings
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter

logger = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]
MAX_RETRIES = 3
NETWORK_BACKOFF = (1.0, 2.0, 4.0, 8.0)
COSMETIC = frozenset({"sendChatAction"})


def retry_seconds(error: RetryAfter) -> float:
    """``retry_after`` in seconds, whether PTB gives an int or (PTB_TIMEDELTA=true) a timedelta."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB's deprecation notice about the int form
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


class SendLimiter(AIORateLimiter):
    """AIORateLimiter with network retries and untouched chat actions; see the module doc."""

    def __init__(
        self,
        per_second: float = 30,
        group_per_minute: float = 20,
        backoff: tuple[float, ...] = NETWORK_BACKOFF,
    ) -> None:
        super().__init__(
            overall_max_rate=per_second,
            overall_time_period=1 if per_second else 0,
            group_max_rate=group_per_minute,
            group_time_period=60 if group_per_minute else 0,
            max_retries=MAX_RETRIES,
        )
        self.backoff = backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSON:
        if endpoint in COSMETIC:
            return await callback(*args, **kwargs)
        if "chat_id" not in data and not endpoint.startswith("answer"):
            # getMe, setMyCommands, setWebhook ...: start-up calls fail fast instead
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )

        async def with_network_retries(*call_args: Any, **call_kwargs: Any) -> JSON:
            for attempt, pause in enumerate((*self.backoff, None), start=1):
                try:
                    return await callback(*call_args, **call_kwargs)
                except BadRequest:
                    raise  # a BadRequest is a NetworkError in PTB, but retrying cannot help
                except NetworkError as exc:
                    if pause is None:
                        raise
                    logger.warning(
                        "network problem on %s (chat %s), attempt %d: %s; retrying in %.0f s",
                        endpoint, data.get("chat_id"), attempt, exc, pause,
                    )  # fmt: skip
                    await asyncio.sleep(pause)
            raise AssertionError("unreachable")

        return await super().process_request(
            with_network_retries, args, kwargs, endpoint, data, rate_limit_args
        )
