"""What the bot has done since it started, for /stats: answers, abstentions, latency."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

KEEP_LATENCIES = 2000  # the percentiles are over the last this many answers


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


@dataclass
class Stats:
    """Counters kept in memory; they start again at zero when the bot restarts."""

    started: float = field(default_factory=time.time)
    answered: int = 0
    abstained: int = 0
    refused: int = 0  # questions that could not be asked (too long, ...)
    failed: int = 0
    latencies: deque[float] = field(default_factory=lambda: deque(maxlen=KEEP_LATENCIES))

    def record(self, outcome: str, seconds: float) -> None:
        """Count one question: outcome is "answered", "abstained", "refused" or "failed"."""
        if outcome == "answered":
            self.answered += 1
        elif outcome == "abstained":
            self.abstained += 1
        elif outcome == "refused":
            self.refused += 1
        else:
            self.failed += 1
        if outcome in ("answered", "abstained"):
            self.latencies.append(seconds)

    def summary(self, articles: int, chunks: int, now: float | None = None) -> list[str]:
        """Plain lines for /stats (the caller escapes and formats them)."""
        uptime = int((now or time.time()) - self.started)
        replied = self.answered + self.abstained
        lines = [
            f"Since the bot started ({uptime // 3600} h {uptime % 3600 // 60} min ago):",
            f"questions answered: {replied}",
        ]
        if replied:
            lines.append(
                f"abstention rate: {100 * self.abstained / replied:.0f}% "
                f"({self.abstained} said the articles do not answer)"
            )
        if self.latencies:
            ms = [1000 * s for s in self.latencies]
            lines.append(
                f"latency: p50 {percentile(ms, 50):.0f} ms, p95 {percentile(ms, 95):.0f} ms "
                f"(last {len(ms)} answers)"
            )
        if self.refused or self.failed:
            lines.append(f"not answered: {self.refused} invalid questions, {self.failed} errors")
        lines.append(f"index: {articles} articles, {chunks} chunks")
        return lines
