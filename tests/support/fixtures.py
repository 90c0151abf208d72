"""Fixtures shared by the test modules (registered in conftest.py as a pytest plugin): the local
Bot API server, a web server serving the news pages, and a fresh library index. A module that
needs something else under the same name defines its own fixture, which takes precedence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from telegram_server import TelegramTestServer
from test_bot_harness import telegram_server

from index.embedding import Embedder
from index.service import NewsIndex
from support.library import library_index, serve_news
from support.web import WebServer


@pytest.fixture
def tg(monkeypatch: pytest.MonkeyPatch) -> Iterator[TelegramTestServer]:
    yield from telegram_server(monkeypatch)


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        serve_news(server)
        yield server


@pytest.fixture
def index(embedder: Embedder, tmp_path: Path) -> Iterator[NewsIndex]:
    built = library_index(embedder, tmp_path / "data")
    yield built
    built.close()
