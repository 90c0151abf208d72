"""Feeds: RSS/Atom/RDF parsing, discovery from a site page, conditional polling, the feed store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.pages import Item, article_html, atom, rdf, rss
from support.web import WebServer

from index.addresses import AddressPolicy
from index.errors import InputError
from index.feeds import (
    MAX_SEEN_IDS,
    FeedState,
    FeedStore,
    discover_feeds,
    find_feed,
    parse_feed,
    poll_feed,
)
from index.fetch import Fetcher

FETCHER = Fetcher(AddressPolicy.allowing("127.0.0.1/32"))
ITEMS = [
    Item("urn:story:2", "Ports reopen after storm", "https://metro.example/world/ports"),
    Item("urn:story:1", "Rail strike ends", "/world/rail-strike"),
]


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        yield server


@pytest.mark.parametrize(
    ("render", "content_type"),
    [
        (rss, "application/rss+xml"),
        (atom, "application/atom+xml"),
        (rdf, "application/rdf+xml"),
        (rss, "text/xml"),
    ],
)
def test_parse_feed_formats(render: Callable[[list[Item]], str], content_type: str) -> None:
    feed = parse_feed(render(ITEMS).encode(), "https://metro.example/feeds/world.xml", content_type)
    assert feed.title and feed.title.startswith("Metro Daily")
    assert [i.title for i in feed.items] == ["Ports reopen after storm", "Rail strike ends"]
    # relative links resolve against the feed's address
    assert [i.link for i in feed.items] == [
        "https://metro.example/world/ports",
        "https://metro.example/world/rail-strike",
    ]
    assert all(i.published == "2024-03-10T08:00:00Z" for i in feed.items)
    assert len({i.id for i in feed.items}) == 2


@pytest.mark.parametrize(
    "body", [article_html().encode(), b"plain words, no markup", b"<?xml version='1.0'?><note/>"]
)
def test_parse_feed_refuses_what_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        parse_feed(body, "https://metro.example/page")


def test_discover_feeds_reads_alternate_links() -> None:
    page = article_html(
        feed_links=(
            ("application/rss+xml", "/feeds/world.rss"),
            ("application/atom+xml", "https://metro.example/feeds/world.atom"),
            ("application/rss+xml", "/feeds/world.rss"),  # listed twice: kept once
        )
    ).replace("<head>", '<head><link rel="alternate" hreflang="de" href="/de/">')
    assert discover_feeds(page, "https://metro.example/world/rail") == [
        "https://metro.example/feeds/world.rss",
        "https://metro.example/feeds/world.atom",
    ]
    assert discover_feeds(article_html(), "https://metro.example/") == []


def test_find_feed_from_a_feed_or_a_page_that_advertises_one(web: WebServer) -> None:
    web.page("/feeds/world.rss", rss(ITEMS), content_type="application/rss+xml", etag='"r1"')
    web.page("/world", article_html(feed_links=(("application/rss+xml", "/feeds/world.rss"),)))
    web.page("/plain", article_html())

    direct, state = find_feed(FETCHER, web.url("/feeds/world.rss"))
    assert direct.url == web.url("/feeds/world.rss") and len(direct.items) == 2
    assert state == FeedState(etag='"r1"')

    via_page, _ = find_feed(FETCHER, web.url("/world"))
    assert via_page.url == web.url("/feeds/world.rss") and via_page.items == direct.items

    with pytest.raises(InputError, match="no RSS or Atom feed found on this page"):
        find_feed(FETCHER, web.url("/plain"))
    with pytest.raises(InputError, match="that address is private"):
        find_feed(Fetcher(), web.url("/world"))


def test_poll_uses_conditional_get_and_returns_only_new_items(web: WebServer) -> None:
    path = "/feeds/world.rss"
    web.page(path, rss(ITEMS), content_type="application/rss+xml", etag='"v1"')
    url = web.url(path)

    first = poll_feed(FETCHER, url, FeedState())
    assert [i.id for i in first.new_items] == ["urn:story:2", "urn:story:1"]
    assert first.state.etag == '"v1"' and set(first.state.seen_ids) == {
        "urn:story:1",
        "urn:story:2",
    }

    unchanged = poll_feed(FETCHER, url, first.state)
    assert unchanged.not_modified and unchanged.new_items == [] and unchanged.state == first.state
    assert web.not_modified[path] == 1
    assert web.last_request(path).headers["If-None-Match"] == '"v1"'

    fresh = Item("urn:story:3", "Bridge tolls cut", "/world/tolls")
    web.page(path, rss([fresh, *ITEMS]), content_type="application/rss+xml", etag='"v2"')
    changed = poll_feed(FETCHER, url, unchanged.state)
    assert [i.title for i in changed.new_items] == ["Bridge tolls cut"]
    assert changed.new_items[0].link == web.url("/world/tolls")
    assert changed.state.etag == '"v2"' and changed.state.seen_ids[0] == "urn:story:3"
    assert web.not_modified[path] == 1  # the changed feed was answered in full


def test_poll_without_validators_still_finds_nothing_new(web: WebServer) -> None:
    stamp = "Sun, 10 Mar 2024 08:00:00 GMT"
    web.page("/atom", atom(ITEMS), content_type="application/atom+xml")
    web.page("/dated", atom(ITEMS), content_type="application/atom+xml", last_modified=stamp)
    state = poll_feed(FETCHER, web.url("/atom"), FeedState()).state
    again = poll_feed(FETCHER, web.url("/atom"), state)
    assert not again.not_modified and again.new_items == []

    dated = poll_feed(FETCHER, web.url("/dated"), FeedState()).state
    assert dated.last_modified == stamp
    assert poll_feed(FETCHER, web.url("/dated"), dated).not_modified
    assert web.not_modified["/dated"] == 1


def test_seen_ids_are_capped_but_keep_the_current_items() -> None:
    old = FeedState(seen_ids=tuple(f"old-{n}" for n in range(MAX_SEEN_IDS)))
    current = parse_feed(rss(ITEMS).encode(), "https://metro.example/feed").items
    state = old.seeing(current)
    assert len(state.seen_ids) == MAX_SEEN_IDS
    assert state.seen_ids[:2] == ("urn:story:2", "urn:story:1")
    assert f"old-{MAX_SEEN_IDS - 1}" not in state.seen_ids


def test_feed_store_follow_list_poll_state_and_unfollow(tmp_path: Path) -> None:
    path = tmp_path / "feeds.sqlite3"
    store = FeedStore(sqlite3.connect(path))
    world, created = store.follow("chat:-100", "https://metro.example/world.rss", "World")
    assert created and world.state == FeedState()
    again, created = store.follow("chat:-100", "https://metro.example/world.rss", "World")
    assert not created and again.id == world.id
    store.follow("chat:-100", "https://metro.example/sport.rss", "Sport")
    store.follow("chat:42", "https://metro.example/world.rss", "World")

    state = FeedState(etag='"v3"', last_modified=None, seen_ids=("a", "b"))
    store.save_poll(world.id, state, title="Metro: World")
    store.record_error(world.id, "https://metro.example/world.rss: took longer than 20 s")
    store.set_notices("chat:-100", True)

    reopened = FeedStore(sqlite3.connect(path))  # everything persists in the caller's database
    group = reopened.feeds("chat:-100")
    assert [f.title for f in group] == ["Metro: World", "Sport"]
    assert group[0].state == state and group[0].failures == 1
    assert group[0].last_error and "took longer" in group[0].last_error
    assert [f.library for f in reopened.feeds()] == ["chat:-100", "chat:-100", "chat:42"]

    reopened.save_poll(world.id, state)
    assert reopened.feeds("chat:-100")[0].failures == 0
    assert reopened.feeds("chat:-100")[0].title == "Metro: World"  # kept when none is given

    assert reopened.unfollow("chat:42", world.id) is None  # another chat's feed: untouched
    removed = reopened.unfollow("chat:-100", world.id)
    assert removed is not None and removed.url.endswith("world.rss")
    assert [f.title for f in reopened.feeds("chat:-100")] == ["Sport"]
    assert len(reopened.feeds("chat:42")) == 1


def test_feed_notices_default_per_chat_kind(tmp_path: Path) -> None:
    store = FeedStore(sqlite3.connect(tmp_path / "feeds.sqlite3"))
    assert store.notices("chat:42", default=True) is True  # private chats: on until turned off
    assert store.notices("chat:-100", default=False) is False  # groups: off until turned on
    store.set_notices("chat:42", False)
    store.set_notices("chat:-100", True)
    store.set_notices("chat:-100", True)
    assert store.notices("chat:42", default=True) is False
    assert store.notices("chat:-100", default=False) is True


def test_follow_poll_save_cycle(web: WebServer, tmp_path: Path) -> None:
    web.page("/feeds/world.rss", rss(ITEMS), content_type="application/rss+xml", etag='"v1"')
    web.page("/world", article_html(feed_links=(("application/rss+xml", "/feeds/world.rss"),)))
    store = FeedStore(sqlite3.connect(tmp_path / "feeds.sqlite3"))

    feed, state = find_feed(FETCHER, web.url("/world"))
    followed, _ = store.follow("chat:-100", feed.url, feed.title, state.seeing(feed.items))
    nothing = poll_feed(FETCHER, followed.url, followed.state)
    assert nothing.not_modified and web.not_modified["/feeds/world.rss"] == 1

    fresh = Item("urn:story:3", "Bridge tolls cut", "/world/tolls")
    web.page("/feeds/world.rss", rss([fresh, *ITEMS]), content_type="application/rss+xml")
    (stored,) = store.feeds("chat:-100")
    result = poll_feed(FETCHER, stored.url, stored.state)
    assert [i.id for i in result.new_items] == ["urn:story:3"]
    store.save_poll(stored.id, result.state, result.title)
    (after,) = store.feeds("chat:-100")
    assert poll_feed(FETCHER, after.url, after.state).new_items == []
