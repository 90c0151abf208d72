"""Run the `newsbot` console script as a user does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from index.embedding import Embedder

NEWSBOT = str(Path(sys.executable).with_name("newsbot"))


def share_model(embedder: Embedder, data_dir: Path) -> None:
    """Give a data dir the session's exported ONNX model, so a `newsbot` subprocess neither
    spends seconds exporting its own nor leaves another 90 MB on disk: a hard link where the
    filesystem allows one, else a copy."""
    assert embedder.cache_dir is not None
    models = data_dir / "models"
    models.mkdir(parents=True, exist_ok=True)
    for exported in embedder.cache_dir.iterdir():
        target = models / exported.name
        if target.exists():
            continue
        try:
            os.link(exported, target)
        except OSError:
            shutil.copy2(exported, target)


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
