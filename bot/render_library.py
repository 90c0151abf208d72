"""Telegram HTML for a chat's library: adding, forgetting, the marked /sources list, feeds.

Pure functions, like bot/render.py: every piece of article, feed or user text is escaped.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from bot.render import esc, format_date, source_label
from bot.render import sources_messages as shared_sources_messages
from bot.splitting import MAX_MESSAGE_UTF16, split_lines
from index.feeds import FollowedFeed
from index.following import Polled
from index.models import Article, IngestedArticle

MAX_SHOWN = 200  # characters of a link or file name shown in a status line
STAGES = {
    "downloading": "downloading the file",
    "fetching": "fetching the page",
    "reading": "reading the document",
    "indexing": "indexing",
}
MAY_NOT_CHANGE = (
    "Sorry, only this group's admins can add articles, forget them or follow feeds here. "
    "Everyone can ask questions and use /sources."
)
ADD_USAGE = (
    "To add an article here: <code>/add https://…</code> with its link, reply "
    "<code>/add</code> to a message holding its text (pasted or forwarded), or send a .txt, "
    ".md, .html or .pdf file with the caption <code>/add</code>."
)
FORGET_USAGE = (
    "Use <code>/forget n</code> with the number /sources shows for an article added in this chat."
)
FOLLOW_USAGE = (
    "Use <code>/follow https://…</code> with a news feed (RSS or Atom), or with a site's page "
    "that links to its feed."
)
UNFOLLOW_USAGE = "Use <code>/unfollow n</code> with a feed's number from /feeds, or its link."
NOTICES_USAGE = (
    "Use <code>/feeds notices on</code> or <code>/feeds notices off</code> to get, or stop, a "
    "one-line notice when followed feeds bring new articles."
)


def library_name(private: bool) -> str:
    return "your library" if private else "this group's library"


# ----------------------------------------------------------------------------- adding
def adding(what: str, stage: str) -> str:
    """The status line of an add in progress: "Adding story.pdf: indexing…"."""
    if len(what) > MAX_SHOWN:
        what = what[: MAX_SHOWN - 1] + "…"
    return f"Adding {esc(what)}: {STAGES.get(stage, esc(stage))}…"


def _details(article: IngestedArticle) -> str:
    outlet = esc(article.outlet) if article.outlet else "outlet unknown"
    when = format_date(article.published)
    noun = "passage" if article.chunks == 1 else "passages"
    return f"{outlet} · {esc(when) if when else 'undated'} · {article.chunks} {noun} indexed"


def added(article: IngestedArticle, private: bool) -> str:
    """What an add did, in words: added, updated, unchanged, an exact or a near copy."""
    where, title = library_name(private), f"<b>{esc(article.title)}</b>"
    if article.status == "duplicate" and article.same_as is not None:
        return f"Not added: it is already in the library as {source_label(article.same_as)}."
    if article.status == "copy" and article.same_as is not None:
        outlet = esc(article.outlet) if article.outlet else "This article"
        return (
            f"Added {title} to {where} as a copy of {source_label(article.same_as)}.\n"
            f"{outlet} counts as a corroborating source of that article (no new text to search)."
        )
    if article.status == "unchanged":
        return f"Already in {where}, unchanged: {title}"
    verb = "Updated in" if article.status == "replaced" else "Added to"
    return f"{verb} {where}:\n{title}\n{_details(article)}"


def not_added(reason: str) -> str:
    reason = reason.strip().rstrip(".") or "it could not be read"
    return f"Not added: {esc(reason)}."


def too_big(name: str, limit: int) -> str:
    return not_added(f"{name} is larger than {limit // 2**20} MB")


# ----------------------------------------------------------------------------- /sources
@dataclass(frozen=True)
class Numbered:
    n: int
    article: Article
    own: bool  # in the chat's own library (so /forget may remove it)


def numbered(articles: Sequence[Article], shared: str) -> list[Numbered]:
    """The articles as /sources numbers them: the chat's own first, then the shared library's,
    each newest first. /forget n reads the same numbers."""

    def newest_first(items: list[Article]) -> list[Article]:
        return sorted(items, key=lambda a: (a.published or "", a.title, a.article_id), reverse=True)

    own = newest_first([a for a in articles if a.library != shared])
    base = newest_first([a for a in articles if a.library == shared])
    ordered = [(a, True) for a in own] + [(a, False) for a in base]
    return [Numbered(n, a, mine) for n, (a, mine) in enumerate(ordered, start=1)]


def sources_messages(
    articles: Sequence[Article], shared: str, private: bool, limit: int = MAX_MESSAGE_UTF16
) -> list[str]:
    """/sources: the chat's own articles, then the shared library's, marked and numbered."""
    listed = numbered(articles, shared)
    own = [x for x in listed if x.own]
    if not own:
        return shared_sources_messages(articles, limit)
    noun = "article" if len(listed) == 1 else "articles"
    lines = [f"<b>Indexed articles</b> ({len(listed)} {noun})", ""]
    lines += [f"<b>Added here</b> ({library_name(private)}, {len(own)}; /forget n removes one)"]
    lines += [f"{x.n}. {source_label(x.article)}" for x in own]
    base = [x for x in listed if not x.own]
    if base:
        lines += ["", f"<b>Shared library</b> ({len(base)})"]
        lines += [f"{x.n}. {source_label(x.article)}" for x in base]
    return split_lines(lines, limit)


def no_article(n: int) -> str:
    return f"There is no article {n} here; /sources lists them with their numbers."


def shared_article(n: int) -> str:
    return (
        f"Article {n} is in the shared library, which /forget cannot change: it removes only "
        "articles added in this chat."
    )


def forgot(article: Article, private: bool) -> str:
    return f"Removed from {library_name(private)}: {source_label(article)}"


# ----------------------------------------------------------------------------- feeds
def feed_name(feed: FollowedFeed) -> str:
    return f"<b>{esc(feed.title)}</b>" if feed.title else esc(feed.url)


def schedule(minutes: float) -> str:
    if minutes <= 0:
        return "I check it whenever the operator runs <code>newsbot poll</code>."
    return f"I check it every {minutes:g} minutes."


def following(url: str) -> str:
    shown = url if len(url) <= MAX_SHOWN else url[: MAX_SHOWN - 1] + "…"
    return f"Looking for the news feed at {esc(shown)}…"


def followed(feed: FollowedFeed, polled: Polled, created: bool, minutes: float) -> str:
    if not created:
        return f"This chat already follows {feed_name(feed)}. /feeds lists what it follows."
    count = polled.added
    newest = f"Added its {count} newest article{'s' if count != 1 else ''}"
    if polled.report.duplicates or polled.report.copies:
        newest += f" ({polled.report.duplicates + polled.report.copies} were already here)"
    if polled.skipped:
        newest += f"; {len(polled.skipped)} could not be read"
    return f"Following {feed_name(feed)}.\n{newest}. {schedule(minutes)}"


def not_followed(reason: str) -> str:
    reason = reason.strip().rstrip(".") or "that is not a feed"
    return f"Not followed: {esc(reason)}."


def unfollowed(feed: FollowedFeed) -> str:
    return f"Stopped following {feed_name(feed)}. Its articles stay in the library."


def _checked(feed: FollowedFeed) -> str:
    if feed.last_polled is None:
        return "not checked yet"
    stamp = time.strftime("%d %b %H:%M UTC", time.gmtime(feed.last_polled)).lstrip("0")
    return f"last checked {stamp}"


def feeds_messages(
    feeds: Sequence[FollowedFeed], notices: bool, minutes: float, limit: int = MAX_MESSAGE_UTF16
) -> list[str]:
    """/feeds: what the chat follows, with each feed's last error, and the notices switch."""
    if not feeds:
        return [f"This chat follows no news feeds. {FOLLOW_USAGE}"]
    lines = [f"<b>Feeds followed here</b> ({len(feeds)})", ""]
    for n, feed in enumerate(feeds, start=1):
        lines.append(f"{n}. {feed_name(feed)} — {esc(feed.url)}")
        status = _checked(feed)
        if feed.last_error:
            status += f" · last error: {esc(feed.last_error)}"
        lines.append(f"    {status}")
    state, other = ("on", "off") if notices else ("off", "on")
    lines += [
        "",
        f"{schedule(minutes).replace(' it ', ' them ')} Notices of new articles: {state} "
        f"(<code>/feeds notices {other}</code> to switch). <code>/unfollow n</code> stops one.",
    ]
    return split_lines(lines, limit)


def notices_set(enabled: bool) -> str:
    if enabled:
        return "Notices on: I post one line here when followed feeds bring new articles."
    return "Notices off: new articles from followed feeds are added without a word."


def notice(polled: Polled) -> str:
    """The one-line notice of a poll that brought new articles."""
    count = polled.added
    return f"{count} new article{'s' if count != 1 else ''} from {feed_name(polled.feed)}."
