"""The scale-out path: the same index on a chroma server (`chroma run`) instead of a local dir."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

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
    story = tmp_path / "dam.txt"
    story.write_text(
        "Source: River Post\n\nThe new dam opened on Monday and will power 90,000 homes.\n"
    )
    remote = NewsIndex(
        tmp_path / "local", "remote-news", embedder, "127.0.0.1", chroma_server, create=True
    )
    assert remote.ingest([str(story)]).new == 1
    assert not (tmp_path / "local" / "chroma").exists()  # nothing written locally
    again = NewsIndex(tmp_path / "other", "remote-news", embedder, "127.0.0.1", chroma_server)
    answer = again.ask("How many homes will the new dam power?")
    assert "90,000 homes" in answer.answer
    assert answer.citations[0].article.outlet == "River Post"
