"""`newsbot bot` as a user runs it: one-line start-up failures that never print the token, the
one-line "is running" message, and webhook mode with its secret token checked."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from telegram_server import SECRET_HEADER, TelegramTestServer
from test_bot_harness import new_id

NEWSBOT = str(Path(sys.executable).with_name("newsbot"))
TOKEN = "123456:TEST-token-0123456789abcdefghijklmn"
SECRET_HALF = TOKEN.split(":")[1]


@pytest.fixture
def tg(monkeypatch: pytest.MonkeyPatch) -> Iterator[TelegramTestServer]:
    with TelegramTestServer(token=TOKEN, bot_username="newsbot_test_bot") as server:
        monkeypatch.setenv("PTB_TIMEDELTA", "true")
        yield server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bot_env(base_url: str, data_dir: Path, token: str = TOKEN, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "NEWSBOT_DATA_DIR": str(data_dir),
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": base_url,
        "NEWSBOT_LOG_LEVEL": "DEBUG",  # everything that could leak is printed
        **extra,
    }


def assert_no_secret(*outputs: str) -> None:
    for output in outputs:
        assert SECRET_HALF not in output and TOKEN not in output


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("SERVER", "Telegram rejected TELEGRAM_BOT_TOKEN (wrong or revoked token)"),
        (
            f"http://127.0.0.1:{free_port()}/bot",
            "(connection refused): check TELEGRAM_API_BASE_URL",
        ),
        ("http://newsbot-test.invalid/bot", "(cannot look up the host name: no network or DNS)"),
    ],
    ids=["wrong token", "server unreachable", "no network"],
)
def test_start_up_failures_are_one_line_without_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base_url: str, expected: str
) -> None:
    with TelegramTestServer(token="999:OTHER") as server:  # knows another token only
        url = server.base_url if base_url == "SERVER" else base_url
        results = [
            subprocess.run(
                [NEWSBOT, "bot"],
                env=bot_env(url, tmp_path / "data", NEWSBOT_LOG_LEVEL=level),
                capture_output=True,
                text=True,
                timeout=120,
            )
            for level in ("", "DEBUG")
        ]
    plain, debug = results
    assert plain.returncode == debug.returncode == 1
    assert plain.stderr.count("\n") == 1 and plain.stdout == "", plain.stderr
    assert plain.stderr.startswith("error: ") and expected in plain.stderr
    assert debug.stderr.endswith(plain.stderr) and "[secret]" in debug.stderr  # redacted
    for result in results:
        assert "Traceback" not in result.stderr
        assert_no_secret(result.stdout, result.stderr)
    assert not (tmp_path / "data").exists()  # it failed before any slow start-up work


def test_a_malformed_token_is_named_not_printed(tmp_path: Path) -> None:
    token = "my secret token with spaces"
    result = subprocess.run(
        [NEWSBOT, "bot"], env=bot_env("http://127.0.0.1:9/bot", tmp_path, token=token),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1 and "does not look like a bot token" in result.stderr
    assert token not in result.stderr and result.stderr.count("\n") == 1


def wait_for_line(process: subprocess.Popen[str], text: str, timeout: float = 240) -> str:
    deadline = time.monotonic() + timeout
    assert process.stderr is not None
    seen = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        if text in line:
            return line
    raise AssertionError(f"no {text!r} in: {''.join(seen)}")


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_the_bot_says_it_is_running_and_answers(
    tg: TelegramTestServer, unowned_sample_dir: Path, mode: str
) -> None:
    port = free_port()
    hook = f"http://127.0.0.1:{port}/newsbot-hook"
    args = ["--webhook-url", hook, "--listen", "127.0.0.1", "--port", str(port)]
    command = [NEWSBOT, "bot", *(args if mode == "webhook" else [])]
    env = bot_env(tg.base_url, unowned_sample_dir, TELEGRAM_POLL_TIMEOUT="1", NEWSBOT_LOG_LEVEL="")
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        line = wait_for_line(process, "is running")
        assert line == f"newsbot @newsbot_test_bot is running ({mode}), 5 articles\n"
        user = tg.user(new_id(), "Ann")
        if mode == "webhook":
            assert tg.webhook and tg.webhook["url"] == hook and tg.webhook["secret_token"]
            webhook_secret = tg.webhook["secret_token"]
            forged = tg.send_text(tg.private_chat(user), user, "placeholder")  # delivered
            tg.wait_for_messages(user["id"], after=forged)
            bad = {"update_id": 1, "message": {**forged, "text": "What did Blinken say?"}}
            for headers in ({SECRET_HEADER: "wrong"}, {}):
                refused = httpx.post(hook, json=bad, headers=headers, timeout=10)
                assert refused.status_code == 403
            assert all(status == 200 for _, status in tg.webhook_deliveries)
        question = tg.send_text(tg.private_chat(user), user, "What did Blinken say about Russia?")
        (answer,) = tg.wait_for_messages(user["id"], after=question, timeout=60)
        assert "Sources" in answer["text"]
        tg.assert_no_messages(user["id"], wait=0.5, after=answer)  # the forged update is lost
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert_no_secret(out, err, line)
    if mode == "webhook":
        assert webhook_secret not in err
    assert "outcome=answered" in err  # the one log line per answer (INFO), without its text
    assert "Blinken" not in err
    assert "Blinken" not in err.replace("DEBUG", "") or "DEBUG" in err
