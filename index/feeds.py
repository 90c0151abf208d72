"""News feeds: parse RSS 2.0, Atom and RDF, find the feed a site page advertises, poll for news.

Polling is conditional (If-None-Match / If-Modified-Since), and an item is new when its id is not
among the ids seen before. `FeedStore` keeps who follows what, and each feed's poll state, in
tables of a sqlite3 connection the caller owns.
"""

from __future__ import annotations

import calendar
import hashlib
import html.parser
import json
import sqlite3
import time
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin

from index.errors import InputError
from index.fetch import Fetcher, FetchResult, shown_url

# Seen item ids kept per feed beyond those in the feed itself: ample for a feed of a few dozen
# items that drops old ones, small enough to store as one JSON value.
MAX_SEEN_IDS = 500
FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
MAX_FEED_CANDIDATES = 3  # advertised feeds tried before giving up on a page


@dataclass(frozen=True)
class FeedItem:
    id: str
    link: str | None
    title: str | None
    published: str | None  # ISO 8601 UTC, e.g. "2024-03-10T08:00:00Z"


@dataclass(frozen=True)
class Feed:
    url: str  # the feed's own address (after redirects)
    title: str | None
    items: list[FeedItem]  # in the feed's order, usually newest first


@dataclass(frozen=True)
class FeedState:
    """What the next poll needs: the validators of the last answer and the item ids seen."""

    etag: str | None = None
    last_modified: str | None = None
    seen_ids: tuple[str, ...] = ()  # most recent first

    def seeing(self, items: list[FeedItem]) -> FeedState:
        """This state with `items` marked as seen (they come first; old ids fall off the end)."""
        ids = [i.id for i in items]
        merged = list(dict.fromkeys([*ids, *self.seen_ids]))
        return replace(self, seen_ids=tuple(merged[: max(MAX_SEEN_IDS, len(ids))]))


@dataclass(frozen=True)
class PollResult:
    new_items: list[FeedItem]
    state: FeedState  # save it once the new items are handled: it marks them all as seen
    not_modified: bool = False
    title: str | None = None


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))


def _item(entry: Any) -> FeedItem:
    link = entry.get("link") or None
    title = " ".join(str(entry.get("title") or "").split()) or None
    published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
    item_id = entry.get("id") or link
    if not item_id:
        item_id = "sha1:" + hashlib.sha1(f"{title}\x1f{published}".encode()).hexdigest()
    return FeedItem(id=str(item_id), link=link, title=title, published=published)


def parse_feed(data: bytes, url: str, content_type: str = "application/xml") -> Feed:
    """Parse an RSS 2.0, RSS 1.0 (RDF) or Atom document; relative links resolve against `url`."""
    import feedparser

    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        raise InputError(f"{shown_url(url)}: not an RSS or Atom feed")
    title = " ".join(str(parsed.feed.get("title") or "").split()) or None
    return Feed(url=url, title=title, items=[_item(e) for e in parsed.entries])


class _FeedLinks(html.parser.HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base_url
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "base" and values.get("href"):
            self.base = urljoin(self.base, values["href"])
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if tag == "link" and "alternate" in rels and kind in FEED_LINK_TYPES and values.get("href"):
            self.found.append(urljoin(self.base, values["href"]))


def discover_feeds(page: bytes | str, base_url: str) -> list[str]:
    """The feed URLs a page advertises with <link rel="alternate" type="application/rss+xml">."""
    text = page.decode("utf-8", errors="replace") if isinstance(page, bytes) else page
    finder = _FeedLinks(base_url)
    finder.feed(text)
    finder.close()
    return list(dict.fromkeys(u for u in finder.found if u.startswith(("http://", "https://"))))


def _is_html(result: FetchResult) -> bool:
    if result.content_type in ("text/html", "application/xhtml+xml"):
        return True
    head = result.body[:512].lstrip().lower()
    return not result.content_type and head.startswith((b"<!doctype html", b"<html"))


def _state_of(result: FetchResult) -> FeedState:
    return FeedState(etag=result.etag, last_modified=result.last_modified)


def find_feed(fetcher: Fetcher, url: str) -> tuple[Feed, FeedState]:
    """Fetch `url` as a feed, or as a page that advertises one; nothing is marked seen yet."""
    result = fetcher.get(url)
    if not _is_html(result):
        return parse_feed(result.body, result.url, result.content_type), _state_of(result)
    candidates = discover_feeds(result.body, result.url)
    if not candidates:
        raise InputError(f"{shown_url(url)}: no RSS or Atom feed found on this page")
    error: InputError | None = None
    for candidate in candidates[:MAX_FEED_CANDIDATES]:
        try:
            found = fetcher.get(candidate)
            return parse_feed(found.body, found.url, found.content_type), _state_of(found)
        except InputError as exc:
            error = exc
    assert error is not None
    raise error


def poll_feed(fetcher: Fetcher, url: str, state: FeedState) -> PollResult:
    """Fetch `url` conditionally and return the items whose ids were not seen before."""
    result = fetcher.get(url, etag=state.etag, last_modified=state.last_modified)
    if result.not_modified:
        return PollResult([], state, not_modified=True)
    feed = parse_feed(result.body, result.url, result.content_type)
    seen = set(state.seen_ids)
    new = [item for item in feed.items if item.id not in seen]
    base = replace(state, etag=result.etag, last_modified=result.last_modified)
    # the feed's current ids go first, so ids still listed never fall off the end of the list
    return PollResult(new, base.seeing(feed.items), title=feed.title)


@dataclass(frozen=True)
class FollowedFeed:
    id: int
    library: str
    url: str
    title: str | None
    state: FeedState = field(default_factory=FeedState)
    last_polled: float | None = None
    last_error: str | None = None
    failures: int = 0  # consecutive failed polls


_SCHEMA = """
CREATE TABLE IF NOT EXISTS followed_feeds (
    id INTEGER PRIMARY KEY,
    library TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    seen_ids TEXT NOT NULL DEFAULT '[]',
    last_polled REAL,
    last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    added REAL NOT NULL,
    UNIQUE (library, url)
);
CREATE TABLE IF NOT EXISTS feed_notices (
    chat TEXT PRIMARY KEY,
    enabled INTEGER NOT NULL
);
"""
_COLUMNS = (
    "id, library, url, title, etag, last_modified, seen_ids, last_polled, last_error, failures"
)


class FeedStore:
    """Followed feeds per library (a chat's library, or the base one) and per-chat notice flags."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        with conn:
            conn.executescript(_SCHEMA)

    @staticmethod
    def _row(row: tuple[Any, ...]) -> FollowedFeed:
        fid, library, url, title, etag, modified, seen, polled, error, failures = row
        state = FeedState(etag, modified, tuple(json.loads(seen)))
        return FollowedFeed(fid, library, url, title, state, polled, error, failures)

    def follow(
        self, library: str, url: str, title: str | None, state: FeedState | None = None
    ) -> tuple[FollowedFeed, bool]:
        """Follow a feed; returns it and whether it is new (an existing follow is left as is)."""
        if existing := self.get(library, url):
            return existing, False
        state = state or FeedState()
        with self.conn:
            self.conn.execute(
                "INSERT INTO followed_feeds (library, url, title, etag, last_modified, seen_ids,"
                " added) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (library, url, title, state.etag, state.last_modified,
                 json.dumps(list(state.seen_ids)), time.time()),
            )  # fmt: skip
        followed = self.get(library, url)
        assert followed is not None
        return followed, True

    def get(self, library: str, url: str) -> FollowedFeed | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM followed_feeds WHERE library = ? AND url = ?", (library, url)
        ).fetchone()
        return self._row(row) if row else None

    def unfollow(self, library: str, feed_id: int) -> FollowedFeed | None:
        """Stop following; returns what was removed, or None when that library has no such feed."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM followed_feeds WHERE library = ? AND id = ?",
            (library, feed_id),
        ).fetchone()
        if not row:
            return None
        with self.conn:
            self.conn.execute("DELETE FROM followed_feeds WHERE id = ?", (feed_id,))
        return self._row(row)

    def feeds(self, library: str | None = None) -> list[FollowedFeed]:
        """One library's feeds in the order followed, or every library's (for the poller)."""
        if library is None:
            rows = self.conn.execute(f"SELECT {_COLUMNS} FROM followed_feeds ORDER BY id")
        else:
            rows = self.conn.execute(
                f"SELECT {_COLUMNS} FROM followed_feeds WHERE library = ? ORDER BY id", (library,)
            )
        return [self._row(r) for r in rows.fetchall()]

    def save_poll(self, feed_id: int, state: FeedState, title: str | None = None) -> None:
        """Record a successful poll: the new state, and the feed's title when it changed."""
        with self.conn:
            self.conn.execute(
                "UPDATE followed_feeds SET etag = ?, last_modified = ?, seen_ids = ?,"
                " title = COALESCE(?, title), last_polled = ?, last_error = NULL, failures = 0"
                " WHERE id = ?",
                (state.etag, state.last_modified, json.dumps(list(state.seen_ids)), title,
                 time.time(), feed_id),
            )  # fmt: skip

    def record_error(self, feed_id: int, message: str) -> None:
        """Record a failed poll (a user-safe message, e.g. an InputError's text)."""
        with self.conn:
            self.conn.execute(
                "UPDATE followed_feeds SET last_error = ?, failures = failures + 1,"
                " last_polled = ? WHERE id = ?",
                (message, time.time(), feed_id),
            )

    def notices(self, chat: str, default: bool) -> bool:
        """Whether `chat` gets "N new articles from …" notices; `default` until it chose."""
        row = self.conn.execute(
            "SELECT enabled FROM feed_notices WHERE chat = ?", (chat,)
        ).fetchone()
        return default if row is None else bool(row[0])

    def set_notices(self, chat: str, enabled: bool) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT INTO feed_notices (chat, enabled) VALUES (?, ?)"
                " ON CONFLICT(chat) DO UPDATE SET enabled = excluded.enabled",
                (chat, int(enabled)),
            )
