"""The scale-out path: the same index on a chroma server (`chroma run`) instead of a local dir."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.cli import share_model

from index.embedding import Embedder
from index.service import NewsIndex


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    port = _free_port()
    chroma = str(Path(sys.executable).with_name("chroma"))
    proc = subprocess.Popen(
        [
            chroma,
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).is_success:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, "chroma run exited"
            assert time.monotonic() < deadline, "chroma server did not start"
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_index_on_a_chroma_server(chroma_server: int, embedder: Embedder, tmp_path: Path) -> None:
    """Two processes share one data dir and one chroma server: what the CLI ingests in one, a
    NewsIndex already open in the other answers from, with nothing written to a local chroma."""
    story = tmp_path / "dam.txt"
    story.write_text(
        "Source: River Post\n\nThe new dam opened on Monday and will power 90,000 homes.\n"
    )
    data_dir = tmp_path / "local"
    share_model(embedder, data_dir)
    remote = NewsIndex(data_dir, "remote-news", embedder, "127.0.0.1", chroma_server, create=True)
    assert remote.ask("How many homes will the new dam power?").abstained
    env = {**os.environ, "NEWSBOT_DATA_DIR": str(data_dir), "CHROMA_HOST": "127.0.0.1",
           "CHROMA_PORT": str(chroma_server)}  # fmt: skip
    newsbot = str(Path(sys.executable).with_name("newsbot"))
    cli = [newsbot, "ingest", str(story), "--collection", "remote-news", "--json"]
    ingested = subprocess.run(cli, env=env, capture_output=True, text=True, timeout=600)
    assert ingested.returncode == 0, ingested.stderr
    assert json.loads(ingested.stdout)["new"] == 1
    assert not (data_dir / "chroma").exists()  # the vectors live on the server
    answer = remote.ask("How many homes will the new dam power?")
    assert "90,000 homes" in answer.answer
    assert answer.citations[0].article.outlet == "River Post"
