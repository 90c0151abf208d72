"""A chat-library test bed: an index that may fetch from 127.0.0.1, article pages and feeds for
the local WebServer, and stories to add from a chat."""

from __future__ import annotations

import datetime as dtm
from pathlib import Path
from typing import Any

from telegram_server import TelegramTestServer

from index.addresses import AddressPolicy
from index.embedding import Embedder
from index.fetch import Fetcher
from index.service import NewsIndex
from support.pages import RAIL_STORY, Item, article_html, rss
from support.web import WebServer

JSON = dict[str, Any]
COLLECTION = "shared"
# No flood limits against the local Bot API server: a test's adds and edits are not queued.
NO_LIMITS: JSON = {
    "telegram_group_sends_per_minute": 0,
    "telegram_sends_per_second": 0,
    "telegram_user_rate_limit": 0,
    "newsbot_feed_poll_minutes": 0,  # tests run the poll job themselves
}

# Questions the stories answer, and a phrase the answer must quote.
RAIL_Q = ("What pay offer did the drivers' union accept?", "six percent over two years")
FERRY_Q = ("Until when will island ferry fares be frozen?", "until the end of next year")
TRAM_Q = ("How much will a tram ticket cost?", "2.40 euros")

BASE_STORY = (
    "Title: Lantern festival moves to the old quay\nSource: Quay Courier\nDate: 2024-02-01\n\n"
    "The lantern festival will move to the old quay this year, organisers said on Friday. "
    "About 40,000 visitors are expected over three nights, the organisers said.\n"
)
FERRY_STORY = (
    "Island ferry fares will be frozen until the end of next year, the regional transport "
    "authority announced on Thursday after a month of protests by island residents.",
    "The authority said the freeze would cost it about 12 million euros, paid from a fund "
    "meant for new harbour cranes.",
    "Residents' groups welcomed the decision but said timetables still needed to improve.",
)
TRAM_STORY = (
    "The city's new tram line to the airport will open on 3 June, two years late and 30 percent "
    "over budget, the mayor confirmed on Tuesday.",
    "Trams will run every eight minutes at peak times, and a single ticket will cost 2.40 euros, "
    "the same as a bus fare.",
)
# The rail story of support.pages, syndicated: new headline and outlet, and a credit line.
RAIL_WIRE = (*RAIL_STORY, "Coast Wire contributed to this report.")


def local_fetcher() -> Fetcher:
    """Links may reach the test's web server on 127.0.0.1; other private addresses (10.x,
    169.254.169.254, ...) stay refused, as in production."""
    return Fetcher(AddressPolicy.allowing("127.0.0.1/32"))


def library_index(embedder: Embedder, data_dir: Path) -> NewsIndex:
    """A fresh index whose shared library holds one article (BASE_STORY)."""
    index = NewsIndex(data_dir, COLLECTION, embedder, create=True, fetcher=local_fetcher())
    index.add_text(BASE_STORY)
    return index


def serve_news(web: WebServer) -> None:
    """Article pages (/rail, its exact mirror, a syndicated copy, /ferry, /tram) and a front
    page (/world) that advertises the feed /world.rss (ETag "v1": the rail story)."""
    web.page("/rail", article_html())
    web.page("/mirror/rail", article_html())  # the very same page at another address
    web.page("/wire/rail", article_html("Rail walkout over as union takes pay offer", RAIL_WIRE,
                                        site="Coast Wire", author="Staff"))  # fmt: skip
    web.page("/ferry", article_html("Ferry fares frozen", FERRY_STORY, published="2024-03-12"))
    web.page("/tram", article_html("Airport tram opens in June", TRAM_STORY,
                                   published="2024-03-14"))  # fmt: skip
    web.page("/world", article_html(feed_links=(("application/rss+xml", "/world.rss"),)))
    publish(web, ["/rail"], etag='"v1"')


def publish(
    web: WebServer, paths: list[str], etag: str, feed: str = "/world.rss",
    title: str = "Metro Daily: World",
) -> None:  # fmt: skip
    """The feed (/world.rss) listing these pages, newest first, with this ETag."""
    items = [Item(f"urn:metro:{p.strip('/')}", p.strip("/").title(), web.url(p)) for p in paths]
    web.page(feed, rss(items, title), content_type="application/rss+xml", etag=etag)


def channel_forward(title: str, username: str, message_id: int, day: dtm.date) -> JSON:
    """The forward_origin of a post forwarded from a public channel, posted on ``day``."""
    posted = dtm.datetime(day.year, day.month, day.day, 9, tzinfo=dtm.UTC)
    channel = {"id": -1001234500000 - message_id, "type": "channel", "title": title,
               "username": username}  # fmt: skip
    return {"forward_origin": {"type": "channel", "chat": channel, "message_id": message_id,
                               "date": int(posted.timestamp())}}  # fmt: skip


async def outcome(tg: TelegramTestServer, status: JSON, timeout: float = 120) -> str:
    """The text of a status message once it shows a result, not a stage ("…")."""
    chat_id, message_id = status["chat_id"], status["message_id"]

    def shown() -> str:
        return str(tg.get_message(chat_id, message_id)["text"])

    await tg.wait_until_async(lambda: not shown().endswith("…"), timeout=timeout)
    return shown()


def edits_of(tg: TelegramTestServer, status: JSON) -> list[str]:
    """Every text a status message was edited to, in order."""
    return [e["text"] for e in tg.edits
            if (e["chat_id"], e["message_id"]) == (status["chat_id"], status["message_id"])]  # fmt: skip
