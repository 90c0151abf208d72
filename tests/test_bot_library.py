"""End to end: adding to a chat's library from Telegram (links, documents, pasted and forwarded
text), who may do it, what a question in each chat can see, /sources and /forget.

The real bot talks to the local Bot API server; links are fetched from a local WebServer."""

from __future__ import annotations

import datetime as dtm
import re
from typing import Any

from support.library import (
    FERRY_Q,
    FERRY_STORY,
    NO_LIMITS,
    RAIL_Q,
    TRAM_Q,
    channel_forward,
    edits_of,
    outcome,
)
from support.odd_input import GROUP_ANONYMOUS_BOT
from support.web import WebServer
from telegram.ext import Application
from telegram_server import TelegramTestServer
from test_bot_harness import (
    assert_valid_html,
    new_id,
    run_scenario,
    sources_section,
)

from bot import render_library
from index.models import CANNOT_ANSWER
from index.service import NewsIndex

App = Application
JSON = dict[str, Any]


def group_with_admin(tg: TelegramTestServer, title: str = "Rail watchers") -> tuple[JSON, JSON]:
    chat = tg.group_chat(-new_id(), title, supergroup=True)
    admin = tg.user(new_id(), "Ada")
    tg.set_member(chat, admin, "administrator")
    return chat, admin


async def ask(tg: TelegramTestServer, chat: JSON, user: JSON, question: str) -> tuple[str, JSON]:
    prefix = "" if chat["type"] == "private" else "/ask "
    sent = tg.send_text(chat, user, prefix + question)
    (answer,) = await tg.wait_for_messages_async(chat["id"], after=sent, timeout=120)
    return assert_valid_html(answer)[0], answer


async def add(tg: TelegramTestServer, chat: JSON, user: JSON, command: str, **kw: Any) -> str:
    """Send an add (a command, or a reply) and return the status message's final text."""
    sent = tg.send_text(chat, user, command, **kw)
    (status,) = await tg.wait_for_messages_async(chat["id"], after=sent, timeout=120)
    return await outcome(tg, status)


def link_of(answer: JSON) -> list[str]:
    return [e["url"] for e in assert_valid_html(answer)[1] if e["type"] == "text_link"]


# ----------------------------------------------------------------------------- links
def test_a_group_admin_adds_a_link_that_only_that_group_can_use(
    tg: TelegramTestServer, web: WebServer, index: NewsIndex
) -> None:
    group_a, admin = group_with_admin(tg)
    member = tg.user(new_id(), "Ben")
    group_b = tg.group_chat(-new_id(), "Other group", supergroup=True)
    bob = tg.user(new_id(), "Bob")

    async def scenario(app: App) -> None:
        command = tg.send_text(group_a, admin, f"/add {web.url('/rail')}")
        (status,) = await tg.wait_for_messages_async(group_a["id"], after=command, timeout=120)
        assert status["reply_to_message_id"] == command["message_id"]
        result = await outcome(tg, status)
        assert result.startswith("Added to this group's library:")
        assert "Rail strike ends after pay deal" in result and "Metro Daily" in result
        assert re.search(r"\nMetro Daily · 10 Mar 2024 · [1-9][0-9]* passages? indexed$", result)
        # One status message went through its stages to the result, nothing else was sent.
        stages = [status["text"], *edits_of(tg, status)]
        assert any("fetching the page" in s for s in stages)
        assert any(s.endswith("indexing…") for s in stages) and stages[-1] == result
        await tg.assert_no_messages_async(group_a["id"], wait=0, after=status)

        text, _ = await ask(tg, group_b, bob, RAIL_Q[0])
        assert text == CANNOT_ANSWER  # group B's questions never see group A's library

        text, answer = await ask(tg, group_a, member, RAIL_Q[0])
        assert RAIL_Q[1] in text
        assert any("Rail strike ends after pay deal" in s for s in sources_section(text))
        assert web.url("/rail") in link_of(answer)

    run_scenario(tg, index, scenario, **NO_LIMITS)
    assert own_titles(index, group_a) == ["Rail strike ends after pay deal"]
    assert own_titles(index, group_b) == []


def own_titles(index: NewsIndex, chat: JSON) -> list[str]:
    """The titles in the chat's own library (not the shared one)."""
    return [a.title for a in index.articles(str(chat["id"])) if a.library != index.collection]


def test_members_are_refused_and_so_are_private_addresses(
    tg: TelegramTestServer, web: WebServer, index: NewsIndex
) -> None:
    chat, admin = group_with_admin(tg)
    member = tg.user(new_id(), "Ben")

    async def scenario(app: App) -> None:
        for _ in range(2):
            sent = tg.send_text(chat, member, f"/add {web.url('/rail')}")
            (refusal,) = await tg.wait_for_messages_async(chat["id"], after=sent)
            assert refusal["text"] == render_library.MAY_NOT_CHANGE
        asked = [c for c in tg.calls if c[0].lower() == "getchatmember"]
        assert len(asked) == 1  # the answer is remembered
        for command in (f"/follow {web.url('/world')}", "/forget 1", "/feeds notices on"):
            sent = tg.send_text(chat, member, command)
            (refusal,) = await tg.wait_for_messages_async(chat["id"], after=sent)
            assert refusal["text"] == render_library.MAY_NOT_CHANGE

        for address in ("http://10.0.0.7/story", "http://169.254.169.254/latest/meta-data/"):
            result = await add(tg, chat, admin, f"/add {address}")
            assert result.startswith("Not added:") and "that address is private" in result
        result = await add(tg, chat, admin, f"/add {web.url('/missing')}")
        assert result.startswith("Not added:") and "404" in result

        # An anonymous admin (a message sent as the group itself) may add.
        sent = tg.send_message(chat, GROUP_ANONYMOUS_BOT, f"/add {web.url('/ferry')}",
                               sender_chat=chat)  # fmt: skip
        (status,) = await tg.wait_for_messages_async(chat["id"], after=sent, timeout=120)
        assert (await outcome(tg, status)).startswith("Added to this group's library:")

    run_scenario(tg, index, scenario, **NO_LIMITS)
    assert own_titles(index, chat) == ["Ferry fares frozen"]


def test_bot_admins_and_with_the_setting_every_member_may_add(
    tg: TelegramTestServer, web: WebServer, index: NewsIndex
) -> None:
    operator = tg.user(new_id(), "Olga")
    chat = tg.group_chat(-new_id(), "Open group", supergroup=True)
    member = tg.user(new_id(), "Ben")

    async def by_operator(app: App) -> None:
        result = await add(tg, chat, operator, f"/add {web.url('/rail')}")
        assert result.startswith("Added")

    run_scenario(tg, index, by_operator, newsbot_admins=frozenset({operator["id"]}), **NO_LIMITS)

    async def by_member(app: App) -> None:
        result = await add(tg, chat, member, f"/add {web.url('/ferry')}")
        assert result.startswith("Added")

    run_scenario(tg, index, by_member, newsbot_members_may_add=True, **NO_LIMITS)
    assert not [c for c in tg.calls if c[0].lower() == "getchatmember"]
    assert index.count_articles(str(chat["id"])) == 3  # the shared article and both adds


def test_duplicates_and_syndicated_copies_are_named(
    tg: TelegramTestServer, web: WebServer, index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        user = tg.user(new_id(), "Pia")
        chat = tg.private_chat(user)
        sent = tg.send_text(chat, user, web.url("/rail"))  # a bare link in a private chat
        (status,) = await tg.wait_for_messages_async(chat["id"], after=sent, timeout=120)
        assert (await outcome(tg, status)).startswith("Added to your library:")

        again = await add(tg, chat, user, f"/add {web.url('/rail')}")
        assert again.startswith("Already in your library, unchanged")
        mirror = await add(tg, chat, user, f"/add {web.url('/mirror/rail')}")
        assert mirror.startswith("Not added: it is already in the library as")
        assert "Metro Daily — Rail strike ends after pay deal" in mirror
        wire = await add(tg, chat, user, f"/add {web.url('/wire/rail')}")
        assert "as a copy of Metro Daily — Rail strike ends after pay deal" in wire
        assert "Coast Wire counts as a corroborating source" in wire

    run_scenario(tg, index, scenario, **NO_LIMITS)


# ----------------------------------------------------------------------------- documents, text
def test_documents_in_a_private_chat_and_captioned_in_a_group(
    tg: TelegramTestServer, index: NewsIndex
) -> None:
    story = "Title: Ferry fares frozen\nSource: Island Post\n\n" + "\n\n".join(FERRY_STORY)

    async def scenario(app: App) -> None:
        user = tg.user(new_id(), "Pia")
        private = tg.private_chat(user)
        sent = tg.send_document(private, user, story.encode(), "ferry.txt", mime_type="text/plain")
        (status,) = await tg.wait_for_messages_async(private["id"], after=sent, timeout=120)
        result = await outcome(tg, status)
        assert result.startswith("Added to your library:") and "Island Post" in result
        assert any("downloading" in s for s in [status["text"], *edits_of(tg, status)])
        assert ("download", {"file_path": "documents/file_1.txt"}) in tg.calls
        text, _ = await ask(tg, private, user, FERRY_Q[0])
        assert FERRY_Q[1] in text

        bad = tg.send_document(private, user, b"PK\x03\x04 not a text", "minutes.docx")
        (refusal,) = await tg.wait_for_messages_async(private["id"], after=bad)
        assert refusal["text"].startswith("Not added: minutes.docx is not a file I can read")
        huge = tg.send_document(private, user, b"x" * (10 * 2**20 + 1), "huge.txt")
        (refusal,) = await tg.wait_for_messages_async(private["id"], after=huge)
        assert refusal["text"] == "Not added: huge.txt is larger than 10 MB."
        assert len([c for c in tg.calls if c[0].lower() == "getfile"]) == 1  # none downloaded

        group, admin = group_with_admin(tg)
        ignored = tg.send_document(group, admin, story.encode(), "no-caption.txt")
        sent = tg.send_document(group, admin, story.encode(), "ferry.txt", caption="/add")
        (status,) = await tg.wait_for_messages_async(group["id"], after=ignored, timeout=120)
        assert status["reply_to_message_id"] == sent["message_id"]  # not the uncaptioned one
        assert (await outcome(tg, status)).startswith("Added to this group's library:")

    run_scenario(tg, index, scenario, **NO_LIMITS)


def test_add_by_replying_to_pasted_or_forwarded_text(
    tg: TelegramTestServer, index: NewsIndex
) -> None:
    pasted = "Airport tram opens in June\n\n" + (
        "The city's new tram line to the airport will open on 3 June, two years late and 30 "
        "percent over budget, the mayor confirmed on Tuesday. Trams will run every eight minutes "
        "at peak times, and a single ticket will cost 2.40 euros."
    )
    post = "\n\n".join(FERRY_STORY)  # a channel post: no headline, no date of its own

    async def scenario(app: App) -> None:
        group, admin = group_with_admin(tg)
        member = tg.user(new_id(), "Ben")
        held = tg.send_text(group, member, pasted)  # ordinary chatter: the bot never sees it
        result = await add(tg, group, admin, "/add", reply_to=held)
        assert result.startswith("Added to this group's library:")
        assert "Airport tram opens in June" in result and "outlet unknown" in result
        text, answer = await ask(tg, group, member, TRAM_Q[0])
        assert TRAM_Q[1] in text

        for holder in (None, answer["message_id"]):  # nothing to add; the bot's own answer
            usage = tg.send_text(group, admin, "/add", reply_to=holder)
            (reply,) = await tg.wait_for_messages_async(group["id"], after=usage)
            assert reply["html"] == render_library.ADD_USAGE

        user = tg.user(new_id(), "Pia")
        private = tg.private_chat(user)
        origin = channel_forward("Harbour Gazette", "harbourgazette", 77, dtm.date(2024, 4, 2))
        forward = tg.send_message(private, user, post, fields=origin)
        await tg.wait_for_messages_async(private["id"], after=forward)  # "reply /add to it"
        result = await add(tg, private, user, "/add", reply_to=forward)
        assert "Harbour Gazette" in result and "2 Apr 2024" in result
        text, answer = await ask(tg, private, user, FERRY_Q[0])
        assert FERRY_Q[1] in text
        assert "https://t.me/harbourgazette/77" in link_of(answer)
        sources = sources_section(text)
        assert sources[0].startswith("1. Harbour Gazette — ") and "(2 Apr 2024)" in sources[0]

    run_scenario(tg, index, scenario, **NO_LIMITS)


# ----------------------------------------------------------------------------- /sources, /forget
def test_sources_marks_both_libraries_and_forget_removes_only_this_chat_s(
    tg: TelegramTestServer, web: WebServer, index: NewsIndex
) -> None:
    async def scenario(app: App) -> None:
        chat, admin = group_with_admin(tg)
        for path in ("/rail", "/tram"):
            assert (await add(tg, chat, admin, f"/add {web.url(path)}")).startswith("Added")
        sent = tg.send_text(chat, admin, "/sources")
        (listing,) = await tg.wait_for_messages_async(chat["id"], after=sent)
        lines = assert_valid_html(listing)[0].splitlines()
        assert lines[0] == "Indexed articles (3 articles)"
        here = lines.index(next(x for x in lines if x.startswith("Added here")))
        shared = lines.index("Shared library (1)")
        assert lines[here + 1].startswith("1. Metro Daily — Airport tram opens in June")
        assert lines[here + 2].startswith("2. Metro Daily — Rail strike ends")
        assert lines[shared + 1].startswith("3. Quay Courier — Lantern festival moves")

        for command, expected in (
            ("/forget 3", render_library.shared_article(3)),
            ("/forget 9", render_library.no_article(9)),
            ("/forget two", render_library.FORGET_USAGE),
        ):
            sent = tg.send_text(chat, admin, command)
            (reply,) = await tg.wait_for_messages_async(chat["id"], after=sent)
            assert reply["html"] == expected
        sent = tg.send_text(chat, admin, "/forget 2")
        (reply,) = await tg.wait_for_messages_async(chat["id"], after=sent)
        assert reply["text"].startswith("Removed from this group's library: Metro Daily — Rail")
        text, _ = await ask(tg, chat, admin, RAIL_Q[0])
        assert text == CANNOT_ANSWER

    run_scenario(tg, index, scenario, **NO_LIMITS)
    assert [a.title for a in index.articles()] == ["Lantern festival moves to the old quay"]
