"""Run the `newsbot` console script as a user does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NEWSBOT = str(Path(sys.executable).with_name("newsbot"))


def newsbot_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "NEWSBOT_DATA_DIR": str(data_dir), **extra}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return env


def run_newsbot(
    *args: str, data_dir: Path, stdin: str | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NEWSBOT, *args], input=stdin, capture_output=True, text=True,
        env=newsbot_env(data_dir), timeout=timeout,
    )  # fmt: skip


def start_newsbot(*args: str, data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [NEWSBOT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=newsbot_env(data_dir),
    )  # fmt: skip
