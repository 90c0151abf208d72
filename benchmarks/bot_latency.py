"""Benchmark: message-to-reply latency and answers/s of the real bot on the sample index.

    .venv/bin/python benchmarks/bot_latency.py [--questions 200] [--chats 20] [--per-chat 10]

This process runs the local Bot API server (tests/telegram_server.py) and plays the users; the
bot runs in a child process exactly as deployed (``run_bot`` with long polling, its own data
dir with the built-in sample articles), so the two do not share a GIL. Latency is from the
moment a message is injected into the server until the server has received the bot's reply
(answers fit one message on the sample articles). Figures printed at the end; targets:
p95 < 300 ms and >= 30 answers/s on 2 cores.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from telegram_server import TelegramTestServer  # noqa: E402

TOKEN = "4242:BENCHMARK"
JSON = dict[str, Any]

# (question, how it is sent): "new" starts a thread, "seq" follows the previous question of the
# same person, "reply" replies to the bot's previous answer.
SCRIPT: list[tuple[str, str]] = [
    ("What did Blinken say about Russia?", "new"),
    ("and about China?", "reply"),
    ("Who is Park Jin?", "new"),
    ("What did he and Blinken urge North Korea to do?", "seq"),
    ("What is the capital of Australia?", "new"),
    ("Who is Cho Tae-yong?", "new"),
    ("What did they discuss?", "seq"),
    ("When did Blinken arrive in South Korea?", "new"),
    ("Where did he land?", "reply"),
    ("Who won the 2022 World Cup?", "new"),
    ("What is North Korea preparing to launch?", "new"),
    ("Which outlet reported the spy satellite launch?", "new"),
    ("What did Blinken say about the Middle East?", "new"),
    ("How long is Blinken's visit to South Korea?", "new"),
    ("What is the price of bitcoin today?", "new"),
    ("What did the United States and South Korea condemn?", "new"),
    ("What did they say about Japan?", "seq"),
    ("Did Blinken meet President Yoon Suk Yeol?", "new"),
    ("What recipe uses basil and garlic?", "new"),
    ("Why is Russia's cooperation with North Korea a concern?", "new"),
]


def serve_bot(data_dir: str) -> None:
    """The child: the bot exactly as `newsbot bot` runs it (settings from the environment)."""
    import logging

    from bot.serve import run_bot
    from bot.settings import Settings
    from index.service import NewsIndex

    logging.basicConfig(level=logging.WARNING)
    settings = Settings()
    run_bot(settings, NewsIndex(Path(data_dir)), print)


def start_bot(
    server: TelegramTestServer, data_dir: str, extra: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "TELEGRAM_API_FILE_URL": server.base_file_url,
        "TELEGRAM_ALLOWED_CHATS": "",
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "PTB_TIMEDELTA": "true",
        "NEWSBOT_HOME": data_dir,  # never the developer's .env
        "TELEGRAM_USER_RATE_LIMIT": "0",  # one simulated person asks far over 10 a minute
        **(extra or {}),
    }
    command = [sys.executable, __file__, "--serve-bot", data_dir]
    return subprocess.Popen(command, env=env, cwd=data_dir)


def wait_until_polling(server: TelegramTestServer, bot: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 600
    while not any(method == "getUpdates" for method, _ in server.calls):
        if bot.poll() is not None:
            raise SystemExit(f"the bot exited with code {bot.returncode}")
        if time.monotonic() > deadline:
            raise SystemExit("the bot did not start polling within 10 minutes")
        time.sleep(0.05)


class Person:
    """One user in one chat, asking through the server and waiting for the reply."""

    def __init__(self, server: TelegramTestServer, user_id: int, group: bool) -> None:
        self.server = server
        self.user = server.user(user_id, f"User{user_id}")
        if group:
            self.chat = server.group_chat(-user_id, f"Group {user_id}", supergroup=True)
        else:
            self.chat = server.private_chat(self.user)
        self.group = group
        self.last_answer: JSON | None = None

    def ask(self, question: str, how: str) -> float:
        """Seconds from sending the question to receiving the answer."""
        reply_to = self.last_answer if how == "reply" and self.last_answer else None
        text = question if not self.group or reply_to else f"/ask {question}"
        start = time.perf_counter()
        sent = self.server.send_text(self.chat, self.user, text, reply_to=reply_to)
        (answer,) = self.server.wait_for_messages(self.chat["id"], after=sent, timeout=30)
        elapsed = time.perf_counter() - start
        self.last_answer = answer
        return elapsed


def cpu_seconds(pid: int | None = None) -> float:
    """User + system CPU time of a process (Linux /proc), or of this one."""
    if pid is None:
        times = os.times()
        return times.user + times.system
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def sequential(server: TelegramTestServer, count: int) -> list[float]:
    """``count`` questions one at a time, over a private chat and a group, in script order."""
    people = [Person(server, 1001, group=False), Person(server, 1002, group=True)]
    latencies = []
    for i, (question, how) in zip(range(count), itertools.cycle(SCRIPT), strict=False):
        latencies.append(people[(i // len(SCRIPT)) % 2].ask(question, how))
    return latencies


def concurrent(server: TelegramTestServer, chats: int, per_chat: int) -> tuple[int, float]:
    """``chats`` people (half in groups) each asking ``per_chat`` questions as fast as the bot
    answers them; returns (answers, seconds)."""
    people = [Person(server, 2000 + i, group=i % 2 == 1) for i in range(chats)]

    def run(i: int) -> int:
        script = itertools.islice(itertools.cycle(SCRIPT), i, i + per_chat)
        return sum(1 for question, how in script if people[i].ask(question, how) >= 0)

    start = time.perf_counter()
    with ThreadPoolExecutor(chats) as pool:
        answered = sum(pool.map(run, range(chats)))
    return answered, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--chats", type=int, default=20)
    parser.add_argument("--per-chat", type=int, default=10)
    parser.add_argument("--serve-bot", metavar="DATA_DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bot:
        serve_bot(args.serve_bot)
        return

    with (
        tempfile.TemporaryDirectory(prefix="newsbot-bench-") as data_dir,
        TelegramTestServer(token=TOKEN, bot_username="newsbot_bench_bot") as server,
    ):
        bot = start_bot(server, data_dir)
        try:
            print("starting the bot (indexing the sample articles)...", flush=True)
            wait_until_polling(server, bot)
            warm = Person(server, 999, group=False)
            for question, how in SCRIPT[:5]:
                warm.ask(question, how)

            latencies = sequential(server, args.questions)
            bot_cpu, our_cpu = cpu_seconds(bot.pid), cpu_seconds()
            answered, seconds = concurrent(server, args.chats, args.per_chat)
            bot_cpu = cpu_seconds(bot.pid) - bot_cpu
            our_cpu = cpu_seconds() - our_cpu
            errors = [e for e in server.errors if "getUpdates" not in e]
        finally:
            bot.terminate()
            bot.wait(30)

    ms = [1000 * x for x in latencies]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"cores available: {cores} (os.cpu_count() = {os.cpu_count()})")
    print(
        f"sequential, {len(ms)} questions: p50 {statistics.median(ms):.0f} ms, "
        f"p95 {percentile(ms, 95):.0f} ms, max {max(ms):.0f} ms, mean {statistics.mean(ms):.0f} ms"
    )
    print(
        f"concurrent, {args.chats} chats x {args.per_chat} questions: {answered} answers in "
        f"{seconds:.2f} s = {answered / seconds:.1f} answers/s"
    )
    per_answer = 1000 * bot_cpu / answered
    print(
        f"CPU during the concurrent run: bot {bot_cpu:.1f} s ({per_answer:.1f} ms per answer), "
        f"server + simulated users {our_cpu:.1f} s (they share the {cores} cores)"
    )
    print(
        f"the bot process kept {bot_cpu / seconds:.2f} of {cores} cores busy "
        "(about 1.0 means it is bound by the GIL, not by the cores)"
    )
    print(f"Bot API errors: {errors or 'none'}")
    ok = percentile(ms, 95) < 300 and answered / seconds >= 30
    print("targets (p95 < 300 ms, >= 30 answers/s):", "met" if ok else "MISSED")


if __name__ == "__main__":
    main()
