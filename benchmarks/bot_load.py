"""Load benchmark: 50 chats x 20 questions sent at once to the real bot; every one answered once?

    .venv/bin/python benchmarks/bot_load.py [--chats 50] [--per-chat 20] [--unthrottled]

The bot runs in a child process exactly as `newsbot bot` runs it (see bot_latency.py), against
the local Bot API server in this process. All chats x questions are injected at once (half the
chats are groups, where each question is an /ask and every answer must reply to it; the other
half are private chats, answered in order). It then waits until every question has its answer
and checks that none got two. Latency is from injection to the server receiving the answer, so
it includes the queueing. By default the bot keeps to Telegram's flood limits (30 messages a
second overall, 20 a minute per group), which alone need about N/30 s for N answers;
--unthrottled lifts them to show what the bot itself can do. Prints p50/p95/max latency,
answers/s and the bot's peak RSS (VmHWM).
"""

from __future__ import annotations

import argparse
import collections
import itertools
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bot_latency import SCRIPT, TOKEN, percentile, start_bot, wait_until_polling
from telegram_server import TelegramTestServer


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--per-chat", type=int, default=20)
    parser.add_argument("--unthrottled", action="store_true", help="lift Telegram's limits")
    args = parser.parse_args()
    extra = {"TELEGRAM_USER_RATE_LIMIT": "0"}  # each person asks 20 at once: over 10 a minute
    if args.unthrottled:
        extra |= {"TELEGRAM_SENDS_PER_SECOND": "0", "TELEGRAM_GROUP_SENDS_PER_MINUTE": "0"}

    with (
        tempfile.TemporaryDirectory(prefix="newsbot-load-") as data_dir,
        TelegramTestServer(token=TOKEN, bot_username="newsbot_load_bot") as server,
    ):
        bot = start_bot(server, data_dir, extra)
        try:
            print("starting the bot (indexing the sample articles)...", flush=True)
            wait_until_polling(server, bot)
            report = run_load(server, args.chats, args.per_chat)
            rss = peak_rss_mb(bot.pid)
        finally:
            bot.terminate()
            bot.wait(30)
    print_report(report, rss, args)


def run_load(server: TelegramTestServer, chats: int, per_chat: int) -> dict[str, object]:
    people = []
    for i in range(chats):
        user = server.user(50_000 + i, f"Load{i}")
        group = i % 2 == 1
        chat = server.group_chat(-50_000 - i, f"Load {i}") if group else server.private_chat(user)
        people.append((user, chat, group))
    questions: dict[tuple[int, int], float] = {}  # (chat, message_id) -> sent at
    start = time.perf_counter()
    for (user, chat, group), n in itertools.product(people, range(per_chat)):
        question = SCRIPT[n % len(SCRIPT)][0]
        sent = server.send_text(chat, user, f"/ask {question}" if group else question)
        questions[(chat["id"], sent["message_id"])] = time.perf_counter()
    expected = chats * per_chat
    answers = wait_for_answers(server, people, per_chat, timeout=600)
    seconds = time.perf_counter() - start
    latencies, duplicates, missing = [], 0, 0
    for (_user, chat, group), got in zip(people, answers, strict=True):
        asked = sorted(k for k in questions if k[0] == chat["id"])
        if group:  # each answer replies to its question
            replies = collections.Counter(m["reply_to_message_id"] for m in got)
            duplicates += sum(c - 1 for c in replies.values() if c > 1)
            missing += sum(1 for _, mid in asked if mid not in replies)
            for m in got:
                latencies.append(m["at"] - questions[(chat["id"], m["reply_to_message_id"])])
        else:  # answered in order, one message each
            missing += max(0, len(asked) - len(got))
            duplicates += max(0, len(got) - len(asked))
            for key, m in zip(asked, got, strict=False):
                latencies.append(m["at"] - questions[key])
    return {
        "expected": expected,
        "answered": sum(len(a) for a in answers),
        "duplicates": duplicates,
        "missing": missing,
        "seconds": seconds,
        "latencies": latencies,
        "errors": [e for e in server.errors if "getUpdates" not in e],
    }


def wait_for_answers(
    server: TelegramTestServer, people: list, per_chat: int, timeout: float
) -> list[list[dict]]:
    """Every bot message per chat, each stamped with the time the server received it."""
    stamped: dict[int, float] = {}
    done = threading.Event()
    ids = {chat["id"] for _, chat, _ in people}

    def stamp() -> None:
        while not done.is_set():
            now = time.perf_counter()
            with server._lock:
                for m in server.sent:
                    stamped.setdefault(id(m), now)
            time.sleep(0.005)

    watcher = threading.Thread(target=stamp, daemon=True)
    watcher.start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with server._lock:
            counts = collections.Counter(m["chat_id"] for m in server.sent if m["chat_id"] in ids)
        if all(counts[i] >= per_chat for i in ids):
            break
        time.sleep(0.05)
    time.sleep(2.0)  # let any duplicate arrive before counting
    done.set()
    watcher.join()
    with server._lock:
        sent = list(server.sent)
    return [
        [{**m, "at": stamped[id(m)]} for m in sent if m["chat_id"] == chat["id"]]
        for _, chat, _ in people
    ]


def print_report(report: dict, rss: float, args: argparse.Namespace) -> None:
    ms = [1000 * x for x in report["latencies"]]
    mode = "unthrottled" if args.unthrottled else "within Telegram's flood limits"
    print(f"{args.chats} chats x {args.per_chat} questions at once ({mode}):")
    print(
        f"  answers: {report['answered']} of {report['expected']}; missing {report['missing']}, "
        f"duplicated {report['duplicates']}"
        + ("  -> every question answered exactly once" if report["answered"] == report["expected"] and not report["missing"] and not report["duplicates"] else "  -> NOT exactly once")
    )  # fmt: skip
    if ms:
        print(
            f"  latency: p50 {statistics.median(ms):.0f} ms, p95 {percentile(ms, 95):.0f} ms, "
            f"max {max(ms):.0f} ms; all answered in {report['seconds']:.1f} s "
            f"({report['answered'] / report['seconds']:.1f} answers/s)"
        )
    print(f"  bot peak RSS: {rss:.0f} MB")
    print(f"  Bot API errors: {report['errors'] or 'none'}")


if __name__ == "__main__":
    main()
