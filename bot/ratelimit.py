"""A per-person sliding-window limit on messages to the bot (TELEGRAM_USER_RATE_LIMIT)."""

from __future__ import annotations

import time
from collections import deque

WINDOW = 60.0  # seconds: the limit is "so many a minute"


class RateLimit:
    """At most ``per_minute`` messages per key in any 60 s; 0 means no limit.

    ``check`` answers (allowed, tell): ``tell`` is True for the first refused message of a
    burst only, so a flood gets one "slow down" reply, not one per message.
    """

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._seen: dict[int, deque[float]] = {}
        self._told: set[int] = set()
        self._checks = 0

    def check(self, key: int, now: float | None = None) -> tuple[bool, bool]:
        if self.per_minute <= 0:
            return True, False
        now = time.monotonic() if now is None else now
        self._prune(now)
        seen = self._seen.setdefault(key, deque())
        while seen and now - seen[0] >= WINDOW:
            seen.popleft()
        if len(seen) < self.per_minute:
            seen.append(now)
            self._told.discard(key)
            return True, False
        tell = key not in self._told
        self._told.add(key)
        return False, tell

    def wait_seconds(self, key: int, now: float | None = None) -> int:
        """Whole seconds until ``key`` may send again."""
        now = time.monotonic() if now is None else now
        seen = self._seen.get(key)
        if not seen or len(seen) < self.per_minute:
            return 0
        return max(1, int(WINDOW - (now - seen[0]) + 0.999))

    def _prune(self, now: float) -> None:
        """Forget people who have been quiet for a minute (every 1,000 checks)."""
        self._checks += 1
        if self._checks % 1000:
            return
        for key in [k for k, seen in self._seen.items() if not seen or now - seen[-1] >= WINDOW]:
            del self._seen[key]
            self._told.discard(key)
