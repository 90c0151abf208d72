"""End to end: following news feeds from a chat, polling them with PTB's JobQueue, the notices
of new articles (on in private chats, off in groups until switched on), /feeds and /unfollow."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from support.library import FERRY_Q, NO_LIMITS, TRAM_Q, outcome, publish
from support.web import WebServer
from telegram.ext import Application, ContextTypes
from telegram_server import TelegramTestServer
from test_bot_harness import assert_valid_html, new_id, run_scenario

from bot import render_library
from bot.feed_commands import POLL_JOB, poll_feeds
from index.service import NewsIndex

App = Application
JSON = dict[str, Any]


async def command(tg: TelegramTestServer, chat: JSON, user: JSON, text: str) -> JSON:
    sent = tg.send_text(chat, user, text)
    (reply,) = await tg.wait_for_messages_async(chat["id"], after=sent, timeout=120)
    return reply


async def poll_now(app: App) -> None:
    """Run the bot's poll job once, through its JobQueue, and wait until it has run."""
    assert app.job_queue is not None
    done = asyncio.Event()

    async def job(context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await poll_feeds(context)
        finally:
            done.set()

    app.job_queue.run_once(job, when=0)
    await asyncio.wait_for(done.wait(), timeout=300)


def test_follow_poll_notice_and_answer(
    tg: TelegramTestServer, web: WebServer, index: NewsIndex
) -> None:
    group = tg.group_chat(-new_id(), "Rail watchers", supergroup=True)
    admin = tg.user(new_id(), "Ada")
    tg.set_member(group, admin, "creator")
    user = tg.user(new_id(), "Pia")
    private = tg.private_chat(user)

    async def scenario(app: App) -> None:
        # The group follows first, so its feed is polled (and its notice judged) first.
        status = await command(tg, group, admin, f"/follow {web.url('/world')}")
        result = await outcome(tg, status)
        assert result.startswith("Following Metro Daily: World.\nAdded its 1 newest article.")
        status = await command(tg, private, user, f"/follow {web.url('/world.rss')}")
        assert (await outcome(tg, status)).startswith("Following Metro Daily: World.")
        again = await command(tg, private, user, f"/follow {web.url('/world')}")
        assert (await outcome(tg, again)).startswith("This chat already follows")

        listing = await command(tg, group, admin, "/feeds")
        text = assert_valid_html(listing)[0]
        assert f"1. Metro Daily: World — {web.url('/world.rss')}" in text
        assert "Notices of new articles: off" in text  # off by default in a group
        listing = await command(tg, private, user, "/feeds")
        assert "Notices of new articles: on" in assert_valid_html(listing)[0]

        publish(web, ["/ferry", "/rail"], etag='"v2"')
        await poll_now(app)
        (notice,) = await tg.wait_for_messages_async(private["id"], timeout=120)
        assert notice["text"] == "1 new article from Metro Daily: World."
        # The group's batch came first in the same poll and sent nothing: notices are off.
        await tg.assert_no_messages_async(group["id"], wait=0)
        for chat, person in ((group, admin), (private, user)):
            answer = await command(
                tg, chat, person, ("/ask " if chat is group else "") + FERRY_Q[0]
            )
            assert FERRY_Q[1] in assert_valid_html(answer)[0]

        await poll_now(app)  # nothing new: a conditional GET answered 304
        assert web.not_modified["/world.rss"] == 2  # one per chat following it

        switched = await command(tg, group, admin, "/feeds notices on")
        assert switched["text"] == render_library.notices_set(True)
        publish(web, ["/tram", "/ferry", "/rail"], etag='"v3"')
        await poll_now(app)
        (notice,) = await tg.wait_for_messages_async(group["id"], timeout=120)
        assert notice["text"] == "1 new article from Metro Daily: World."
        answer = await command(tg, group, admin, f"/ask {TRAM_Q[0]}")
        assert TRAM_Q[1] in assert_valid_html(answer)[0]

    run_scenario(tg, index, scenario, **NO_LIMITS)


def test_feeds_show_the_last_error_and_unfollow_stops_a_feed(
    tg: TelegramTestServer, web: WebServer, index: NewsIndex
) -> None:
    user = tg.user(new_id(), "Pia")
    private = tg.private_chat(user)

    async def scenario(app: App) -> None:
        status = await command(tg, private, user, f"/follow {web.url('/rail')}")
        assert (await outcome(tg, status)).startswith("Not followed:")  # a page without a feed
        status = await command(tg, private, user, f"/follow {web.url('/world.rss')}")
        assert (await outcome(tg, status)).startswith("Following")
        del web.routes["/world.rss"]
        await poll_now(app)
        listing = assert_valid_html(await command(tg, private, user, "/feeds"))[0]
        assert "last error: " in listing and "404" in listing

        usage = await command(tg, private, user, "/unfollow")
        assert usage["html"] == render_library.UNFOLLOW_USAGE
        missing = await command(tg, private, user, "/unfollow 2")
        assert "no followed feed '2' here" in missing["text"]
        done = await command(tg, private, user, "/unfollow 1")
        assert done["text"].startswith("Stopped following Metro Daily: World.")
        listing = await command(tg, private, user, "/feeds")
        assert listing["text"].startswith("This chat follows no news feeds.")

    run_scenario(tg, index, scenario, **NO_LIMITS)
    assert index.feeds(str(private["id"])) == []
    assert [a.title for a in index.articles(str(private["id"])) if a.library != "shared"] == [
        "Rail strike ends after pay deal"  # what the feed brought stays
    ]


def test_the_job_queue_polls_on_the_configured_schedule(
    tg: TelegramTestServer, web: WebServer, index: NewsIndex
) -> None:
    user = tg.user(new_id(), "Pia")
    private = tg.private_chat(user)
    index.follow(web.url("/world.rss"), str(private["id"]))
    publish(web, ["/tram", "/rail"], etag='"v2"')

    async def scenario(app: App) -> None:
        assert app.job_queue is not None
        (job,) = app.job_queue.get_jobs_by_name(POLL_JOB)
        assert job.job.trigger.interval.total_seconds() == pytest.approx(0.6)
        (notice,) = await tg.wait_for_messages_async(private["id"], timeout=120)  # no command
        assert notice["text"] == "1 new article from Metro Daily: World."

    settings = {**NO_LIMITS, "newsbot_feed_poll_minutes": 0.01}
    run_scenario(tg, index, scenario, **settings)

    async def unscheduled(app: App) -> None:
        assert app.job_queue is not None and not app.job_queue.jobs()

    run_scenario(tg, index, unscheduled, **NO_LIMITS)
