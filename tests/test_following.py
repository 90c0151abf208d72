"""NewsIndex feeds: follow into a chat's library, poll with conditional GET, unfollow; the same
through a running owner's socket (RemoteIndex), as `newsbot follow` and `newsbot poll` use it."""

from __future__ import annotations

import pytest
from support.library import COLLECTION, publish
from support.web import WebServer

from index.errors import InputError
from index.following import Polled
from index.owner import RemoteIndex, StoreLock
from index.service import NewsIndex

GROUP, OTHER = "-100200", "-100300"


def own(index: NewsIndex, chat: str) -> list[str]:
    return sorted(a.title for a in index.articles(chat) if a.library != COLLECTION)


def test_follow_poll_and_unfollow_in_one_chat(web: WebServer, index: NewsIndex) -> None:
    heard: list[list[Polled]] = []
    stop = index.on_polled(heard.append)
    feed, polled, created = index.follow(web.url("/world"), GROUP)  # a page that advertises it
    assert created and feed.url == web.url("/world.rss") and feed.title == "Metro Daily: World"
    assert polled.added == 1 and own(index, GROUP) == ["Rail strike ends after pay deal"]
    assert own(index, OTHER) == []  # another chat's library is untouched
    again, _, created = index.follow(web.url("/world.rss"), GROUP)
    assert not created and again.id == feed.id

    (unchanged,) = index.poll()
    assert unchanged.added == 0 and web.not_modified["/world.rss"] == 1  # 304: nothing fetched

    web.page("/broken", "<html><body>nav</body></html>")
    publish(web, ["/ferry", "/broken", "/rail"], etag='"v2"')
    (news,) = index.poll()
    assert news.added == 1 and len(news.skipped) == 1 and "/broken" in news.skipped[0]
    assert own(index, GROUP) == ["Ferry fares frozen", "Rail strike ends after pay deal"]
    assert [len(batch) for batch in heard] == [1, 1]  # listeners hear every poll
    stop()

    del web.routes["/world.rss"]
    (failed,) = index.poll()
    assert failed.error and "404" in failed.error
    (listed,) = index.feeds(GROUP)
    assert listed.last_error == failed.error and listed.failures == 1
    assert len(heard) == 2  # stopped listening

    with pytest.raises(InputError, match="no followed feed"):
        index.unfollow("2", GROUP)
    with pytest.raises(InputError, match="no followed feed"):
        index.unfollow("1", OTHER)
    assert index.unfollow(web.url("/world.rss"), GROUP).id == feed.id
    assert index.feeds(GROUP) == [] and index.poll() == []


def test_feeds_are_followed_and_polled_through_the_owner_s_socket(
    web: WebServer, index: NewsIndex
) -> None:
    index.serve()
    owner = StoreLock(index.data_dir).owner()
    assert owner is not None
    remote = RemoteIndex(owner["socket"], COLLECTION, index.data_dir)

    feed, polled, created = remote.follow(web.url("/world.rss"))  # the shared library
    assert created and polled.added == 1 and polled.feed.library == ""
    remote.follow(web.url("/world.rss"), chat=GROUP)
    assert [f.url for f in remote.feeds()] == [feed.url]

    publish(web, ["/tram", "/rail"], etag='"v2"')
    shared, group = sorted(remote.poll(), key=lambda p: p.feed.library)
    assert (shared.feed.library, shared.added) == ("", 1)
    # The group's questions already see the new article in the shared library: not added twice.
    assert group.feed.library == GROUP and group.added == 0
    assert [a.status for a in group.report.articles] == ["duplicate"]
    titles = [a.title for a in index.articles() if a.library == COLLECTION]
    assert "Airport tram opens in June" in titles
    assert remote.unfollow("1").url == feed.url and remote.feeds() == []
    with pytest.raises(InputError, match="no RSS or Atom feed"):
        remote.follow(web.url("/rail"))


def test_a_collections_own_feeds_are_polled_by_it_alone(web: WebServer, index: NewsIndex) -> None:
    """The base library's feeds belong to their collection: another collection in the same
    data dir neither lists nor polls them."""
    feed, polled, _ = index.follow(web.url("/world.rss"))
    assert feed.library == "" and polled.added == 1
    other = index.view("other-news", create=True)
    assert other.feeds() == [] and other.poll() == []
    assert [f.url for f in index.feeds()] == [web.url("/world.rss")]
    (mine,) = index.poll()
    assert mine.feed.id == feed.id
