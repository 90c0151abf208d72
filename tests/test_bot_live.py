"""End to end: the bot keeps answering while `newsbot ingest`, `newsbot follow` and `newsbot poll`
run in another shell. The bot's index serves its socket, as `newsbot bot` does, so the commands'
work lands in the running bot's index (index/owner.py) and no question fails."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.cli import NEWSBOT, newsbot_env
from support.corpus import write_corpus
from support.library import (
    COLLECTION,
    FERRY_Q,
    NO_LIMITS,
    TRAM_Q,
    library_index,
    outcome,
    publish,
    serve_news,
)
from support.web import WebServer
from telegram.ext import Application
from telegram_server import TelegramTestServer
from test_bot_harness import assert_valid_html, new_id, run_scenario

from bot import render
from index.embedding import Embedder
from index.service import NewsIndex

App = Application
TRANSPORT = {"feed": "/transport.rss", "title": "Metro Daily: Transport"}
LANTERN = ("How many visitors are expected at the lantern festival?", "About 40,000 visitors")


@pytest.fixture
def index(embedder: Embedder, tmp_path: Path) -> Iterator[NewsIndex]:
    built = library_index(embedder, tmp_path / "data")
    built.serve()
    yield built
    built.close()


async def newsbot(data_dir: Path, *args: str) -> tuple[int, str, str]:
    """Run the `newsbot` command in another process, as an operator does from a shell."""
    process = await asyncio.create_subprocess_exec(
        NEWSBOT, *args, env=newsbot_env(data_dir),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), timeout=600)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def test_cli_ingest_while_the_bot_answers(
    tg: TelegramTestServer, index: NewsIndex, tmp_path: Path
) -> None:
    user = tg.user(new_id(), "Pia")
    chat = tg.private_chat(user)
    batch = [str(p) for p in write_corpus(tmp_path / "new", 30, start=40)]

    async def scenario(app: App) -> None:
        ingest = asyncio.ensure_future(newsbot(index.data_dir, "ingest", *batch, "--collection",
                                               COLLECTION, "--json"))  # fmt: skip
        answered = 0
        while not ingest.done() or answered == 0:
            sent = tg.send_text(chat, user, LANTERN[0])
            (reply,) = await tg.wait_for_messages_async(chat["id"], after=sent, timeout=120)
            text = assert_valid_html(reply)[0]
            assert text != render.APOLOGY and LANTERN[1] in text
            answered += 1
        code, out, err = await ingest
        assert code == 0, err
        assert json.loads(out)["new"] == 30
        sent = tg.send_text(chat, user, "How much did project 45 cost?")
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=sent, timeout=120)
        assert "55 million crowns" in assert_valid_html(reply)[0]  # answerable at once

    run_scenario(tg, index, scenario, **NO_LIMITS)
    assert not [e for e in tg.errors if "-> 5" in e]


def test_cli_follow_and_poll_through_the_running_bot(
    tg: TelegramTestServer, index: NewsIndex
) -> None:
    """`newsbot follow` feeds the shared library; `newsbot poll` (cron) polls every feed in the
    bot's index, and the chat whose feed brought news gets its notice from the bot."""
    user = tg.user(new_id(), "Pia")
    chat = tg.private_chat(user)

    async def scenario(app: App) -> None:
        code, out, err = await newsbot(index.data_dir, "follow", web.url("/world"),
                                       "--collection", COLLECTION)  # fmt: skip
        assert code == 0, err
        assert out.startswith(
            f"{COLLECTION}: following Metro Daily: World ({web.url('/world.rss')})"
        )
        sent = tg.send_text(chat, user, f"/follow {web.url('/transport.rss')}")
        (status,) = await tg.wait_for_messages_async(chat["id"], after=sent, timeout=120)
        assert (await outcome(tg, status)).startswith("Following Metro Daily: Transport.")

        publish(web, ["/ferry", "/rail"], etag='"v2"')
        publish(web, ["/tram", "/rail"], etag='"t2"', **TRANSPORT)
        code, out, err = await newsbot(index.data_dir, "poll", "--collection", COLLECTION)
        assert code == 0, err
        assert out.splitlines()[-1] == "polled 2 feeds: 2 new articles, 0 failed"
        (notice,) = await tg.wait_for_messages_async(chat["id"], timeout=120)
        assert notice["text"] == "1 new article from Metro Daily: Transport."
        for question, quoted in (FERRY_Q, TRAM_Q):  # the shared library's news, and its own
            sent = tg.send_text(chat, user, question)
            (reply,) = await tg.wait_for_messages_async(chat["id"], after=sent, timeout=120)
            assert quoted in assert_valid_html(reply)[0]

    with WebServer() as web:
        serve_news(web)
        publish(web, ["/rail"], etag='"t1"', **TRANSPORT)
        run_scenario(tg, index, scenario, **NO_LIMITS)
    assert [f.url for f in index.feeds()] == [web.url("/world.rss")]  # the shared library's
