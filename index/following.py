"""Following news feeds: what a library follows, and polling them for new articles.

A feed belongs to the library it feeds, by the library's name ("news", "news.chat-100123").
Following a feed
indexes its newest items at once; each poll fetches it with a conditional GET and indexes the
items it has not seen. An item that cannot be read is skipped (the feed goes on); a feed that
cannot be fetched keeps its state and records the error, shown by /feeds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index.catalog import Catalog
from index.errors import InputError
from index.feeds import FeedItem, FeedStore, FollowedFeed, find_feed, poll_feed
from index.fetch import Fetcher
from index.loaders import LoadedArticle, load_sources
from index.models import IngestReport

logger = logging.getLogger(__name__)

# Items indexed when a feed is first followed (the newest ones); later polls index every new one.
FIRST_ITEMS = 5
# Items indexed per feed per poll at most, so one busy feed cannot hold the poller for long.
ITEMS_PER_POLL = 20

# (articles, library name) -> what indexing them into that library did
Ingest = Callable[[Sequence[LoadedArticle], str], IngestReport]


@dataclass(frozen=True)
class Polled:
    """What one poll of one feed did: its new articles, or why it failed."""

    feed: FollowedFeed
    report: IngestReport = field(default_factory=IngestReport)
    skipped: tuple[str, ...] = ()  # items that could not be read, with the reason
    error: str | None = None

    @property
    def added(self) -> int:
        return self.report.new + self.report.replaced


class Following:
    """The feeds of every library of one data dir."""

    def __init__(self, catalog: Catalog, fetcher: Fetcher, ingest: Ingest) -> None:
        self.catalog = catalog
        self.fetcher = fetcher
        self.ingest = ingest

    @property
    def store(self) -> FeedStore:
        return FeedStore(self.catalog.db)  # the catalog's connection for this thread

    def follow(self, url: str, chat: str = "") -> tuple[FollowedFeed, Polled, bool]:
        """Follow a feed (or the feed a site page advertises) and index its newest items."""
        feed, state = find_feed(self.fetcher, url)
        existing = self.store.get(chat, feed.url)
        if existing is not None:
            return existing, Polled(existing), False
        followed, _ = self.store.follow(chat, feed.url, feed.title, state.seeing(feed.items))
        polled = self._index(followed, feed.items[:FIRST_ITEMS], chat)
        return followed, polled, True

    def unfollow(self, chat: str, which: str) -> FollowedFeed:
        """Stop following a feed, named by its number in feeds() or by its URL."""
        feeds = self.store.feeds(chat)
        chosen = None
        if which.isascii() and which.isdigit() and 1 <= int(which) <= len(feeds):
            chosen = feeds[int(which) - 1]
        else:
            chosen = next((f for f in feeds if f.url == which.strip()), None)
        if chosen is None:
            raise InputError(f"no followed feed {which!r} here; /feeds lists them")
        removed = self.store.unfollow(chat, chosen.id)
        assert removed is not None
        return removed

    def feeds(self, library: str) -> list[FollowedFeed]:
        """The feeds one library follows."""
        return self.store.feeds(library)

    def poll(self, libraries: Callable[[str], bool]) -> list[Polled]:
        """Poll once every followed feed of the libraries ``libraries`` accepts."""
        results = []
        for feed in [f for f in self.store.feeds(None) if libraries(f.library)]:
            try:
                result = poll_feed(self.fetcher, feed.url, feed.state)
            except InputError as exc:
                self.store.record_error(feed.id, str(exc))
                results.append(Polled(feed, error=str(exc)))
                continue
            polled = self._index(feed, result.new_items[:ITEMS_PER_POLL], feed.library)
            # Seen only once indexed: a crash before this line polls the same items again.
            self.store.save_poll(feed.id, result.state, result.title)
            results.append(polled)
        return results

    def _index(self, feed: FollowedFeed, items: Sequence[FeedItem], chat: str) -> Polled:
        articles, skipped = [], []
        for item in items:
            if not item.link:
                continue
            try:
                articles += load_sources([item.link], fetcher=self.fetcher)
            except InputError as exc:
                skipped.append(str(exc))
        report = self.ingest(articles, chat) if articles else IngestReport()
        return Polled(feed, report, tuple(skipped))
