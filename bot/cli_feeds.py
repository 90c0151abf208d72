"""`newsbot follow`, `unfollow`, `feeds` and `poll`: news feeds of the shared library, from the
shell or cron. Like `ingest`, they go through a running bot (or chat) when one owns the store,
so a poll from cron lands in the running bot's index and its chats get their notices."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from bot.cli import CollectionOption, JsonOption, _open_index, _print_json, _say, app


def _feed_line(feed: Any) -> str:
    return f"{feed.title or 'untitled feed'} ({feed.url})"


@app.command()
def follow(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="An RSS or Atom feed, or a page that links to one.")],
    collection: CollectionOption = None,
    as_json: JsonOption = False,
) -> None:
    """Follow a news feed into the shared library and index its newest articles now."""
    index = _open_index(ctx, collection)
    feed, polled, created = index.follow(url)
    if as_json:
        _print_json({"collection": index.collection, "created": created, "feed_id": feed.id,
                     "url": feed.url, "title": feed.title, **polled.report.to_json(),
                     "skipped": list(polled.skipped)})  # fmt: skip
        return
    if not created:
        typer.echo(f"{index.collection}: already following {_feed_line(feed)}")
        return
    typer.echo(f"{index.collection}: following {_feed_line(feed)}; {polled.report.summary()}")
    for reason in polled.skipped:
        _say(f"skipped an item: {reason}")


@app.command()
def unfollow(
    ctx: typer.Context,
    which: Annotated[str, typer.Argument(help="The feed's number in `newsbot feeds`, or its URL.")],
    collection: CollectionOption = None,
) -> None:
    """Stop following a feed of the shared library (its articles stay)."""
    index = _open_index(ctx, collection)
    typer.echo(f"{index.collection}: stopped following {_feed_line(index.unfollow(which))}")


@app.command()
def feeds(
    ctx: typer.Context, collection: CollectionOption = None, as_json: JsonOption = False
) -> None:
    """List the feeds the shared library follows, with each one's last error."""
    index = _open_index(ctx, collection)
    followed = index.feeds()
    if as_json:
        _print_json({"collection": index.collection, "feeds": [
            {"n": n, "url": f.url, "title": f.title, "last_polled": f.last_polled,
             "last_error": f.last_error} for n, f in enumerate(followed, 1)
        ]})  # fmt: skip
        return
    if not followed:
        typer.echo(f"{index.collection}: no feeds followed (add one with `newsbot follow URL`)")
    for n, feed in enumerate(followed, 1):
        error = f"  last error: {feed.last_error}" if feed.last_error else ""
        typer.echo(f"{n}. {_feed_line(feed)}{error}")


@app.command()
def poll(
    ctx: typer.Context, collection: CollectionOption = None, as_json: JsonOption = False
) -> None:
    """Poll every followed feed once (the shared library's and every chat's), for cron.

    A feed that cannot be fetched is reported on stderr and kept; the others go on."""
    index = _open_index(ctx, collection)
    results = index.poll()
    added = sum(p.added for p in results)
    failed = [p for p in results if p.error]
    if as_json:
        rows = [{"url": p.feed.url, "chat": p.feed.library or None, "added": p.added,
                 "error": p.error, "skipped": list(p.skipped)} for p in results]  # fmt: skip
        _print_json({"collection": index.collection, "feeds": len(results), "added": added,
                     "failed": len(failed), "results": rows})  # fmt: skip
        return
    for polled in results:
        if polled.added:
            where = f" (chat {polled.feed.library})" if polled.feed.library else ""
            typer.echo(f"{polled.added} new from {_feed_line(polled.feed)}{where}")
    for polled in failed:
        _say(f"could not poll {_feed_line(polled.feed)}: {polled.error}")
    noun = "article" if added == 1 else "articles"
    typer.echo(f"polled {len(results)} feeds: {added} new {noun}, {len(failed)} failed")
