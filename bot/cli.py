"""The `newsbot` command: ingest, ask, search, sources, chat (terminal) and bot (Telegram)."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass
from typing import Annotated, Any

import typer

from bot.settings import Settings
from bot.terminal import format_answer
from index.errors import NewsbotError

logger = logging.getLogger(__name__)

app = typer.Typer(
    help="Answer questions about a collection of news articles, with citations.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

CollectionOption = Annotated[
    str | None,
    typer.Option(
        "--collection", "-c", help="Collection to use (default: NEWSBOT_COLLECTION or 'news')."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


@dataclass
class State:
    settings: Settings


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _open_index(
    ctx: typer.Context,
    collection: str | None,
    create: bool = False,
    serve: bool = False,
    remote_ok: bool = False,
) -> Any:
    """The index for a command. ``serve``: a long-running command that owns the store and lets
    other commands use it (see index/owner.py); with ``remote_ok`` it may instead use a running
    owner's. Other commands go through the owner when there is one."""
    from index.service import NewsIndex, open_index

    settings = ctx.ensure_object(State).settings
    name = collection or settings.newsbot_collection
    if not serve:
        return open_index(
            settings.newsbot_data_dir, name, settings.chroma_host, settings.chroma_port,
            create=create, on_notice=_say,
        )  # fmt: skip
    from index.owner import StoreBusyError, StoreLock

    try:
        index = NewsIndex(
            settings.newsbot_data_dir, collection=name, chroma_host=settings.chroma_host,
            chroma_port=settings.chroma_port, create=create, on_notice=_say,
        )  # fmt: skip
    except StoreBusyError:
        owner = StoreLock(settings.newsbot_data_dir).owner()
        if owner and remote_ok:
            return open_index(settings.newsbot_data_dir, name, on_notice=_say)
        pid = f" (pid {owner['pid']})" if owner else ""
        raise NewsbotError(
            f"newsbot is already running on {settings.newsbot_data_dir}{pid}; stop it first, "
            "or use NEWSBOT_DATA_DIR for a second one"
        ) from None
    index.serve()
    return index


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False))


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    """With no command: run the Telegram bot if TELEGRAM_BOT_TOKEN is set, else chat here."""
    settings = ctx.ensure_object(State).settings
    level = logging.INFO if verbose else getattr(logging, settings.newsbot_log_level.upper(), 30)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "chromadb", "sentence_transformers", "urllib3"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    if ctx.invoked_subcommand is None:
        if settings.telegram_bot_token:
            bot(ctx, collection=None)
        else:
            _say("TELEGRAM_BOT_TOKEN is not set, so newsbot answers here in the terminal.")
            chat(ctx, collection=None)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help="Files (.txt .md .html .pdf), folders or URLs.")
    ],
    collection: CollectionOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add articles to a collection; unchanged files are skipped, changed ones replaced."""
    from index.loaders import load_sources

    articles = load_sources(paths)  # fails on bad input before anything is written
    index = _open_index(ctx, collection, create=True)
    bar = None
    if len(articles) > 3 and not as_json:
        from tqdm import tqdm

        bar = tqdm(total=len(articles), unit="article", file=sys.stderr, leave=False)

    def progress(done: int, total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.n = done
            bar.refresh()

    report = index.ingest_loaded(articles, progress=progress)
    if bar is not None:
        bar.close()
    if as_json:
        _print_json({"collection": index.collection, **report.to_json()})
    else:
        typer.echo(f"{index.collection}: {report.summary()}")


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[
        str | None, typer.Argument(help="The question; omit to read one a line from stdin.")
    ] = None,
    as_json: JsonOption = False,
    chat_id: Annotated[
        str | None,
        typer.Option("--chat", help="Conversation id: remembers recent turns for follow-ups."),
    ] = None,
    collection: CollectionOption = None,
) -> None:
    """Answer a question from the articles, citing the sentences used."""
    from index.service import check_question

    settings = ctx.ensure_object(State).settings
    if question is not None:
        check_question(question)
    index = _open_index(ctx, collection)

    def answer(text: str) -> Any:
        if chat_id:
            result, _turn = index.ask_in_chat(
                text, chat_id, max_age=settings.newsbot_followup_seconds
            )
            return result
        return index.ask(text)

    if question is not None:
        result = answer(question)
        typer.echo(
            json.dumps(result.to_json(), ensure_ascii=False) if as_json else format_answer(result)
        )
        return
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            _print_json(answer(line).to_json())
        except NewsbotError as exc:
            _print_json({"question": line.strip(), "error": str(exc)})
        sys.stdout.flush()


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[int, typer.Option("-k", help="How many passages.", min=1, max=100)] = 5,
    collection: CollectionOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the passages hybrid retrieval (BM25 + dense) ranks highest for a query."""
    from index.service import check_question

    query = check_question(query)
    index = _open_index(ctx, collection)
    passages = index.search(query, k=k)
    if as_json:
        _print_json({"query": query, "results": [p.to_json(r) for r, p in enumerate(passages, 1)]})
        return
    for rank, p in enumerate(passages, 1):
        a = p.article
        typer.echo(f"{rank}. [{a.article_id}] {a.outlet or '?'} — {a.title} (score {p.score:.4f})")
        typer.echo("   " + " ".join(p.text.split())[:400])


@app.command()
def sources(
    ctx: typer.Context, collection: CollectionOption = None, as_json: JsonOption = False
) -> None:
    """List the indexed articles."""
    index = _open_index(ctx, collection)
    articles = index.articles()
    if as_json:
        _print_json({"collection": index.collection, "articles": [a.to_json() for a in articles]})
        return
    for n, a in enumerate(articles, 1):
        typer.echo(
            f"{n}. {a.outlet or 'Unknown outlet'} — {a.title} "
            f"({a.published or 'undated'}) [{a.article_id}]"
        )


@app.command()
def chat(ctx: typer.Context, collection: CollectionOption = None) -> None:
    """Ask questions in the terminal; follow-ups are understood. /sources, /source N, /quit."""
    from bot.terminal import run_terminal_chat

    settings = ctx.ensure_object(State).settings
    run_terminal_chat(_open_index(ctx, collection, serve=True, remote_ok=True), settings)


@app.command()
def bot(ctx: typer.Context, collection: CollectionOption = None) -> None:
    """Run the Telegram bot (long polling); needs TELEGRAM_BOT_TOKEN."""
    settings = ctx.ensure_object(State).settings
    if not settings.telegram_bot_token:
        raise NewsbotError(
            "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and put it in .env "
            "(see .env.example)"
        )
    from bot.app import run_bot

    run_bot(settings, _open_index(ctx, collection, serve=True))


def main() -> None:
    """Entry point: build Settings once, run the command, turn errors into one line."""
    try:
        settings = Settings()
    except Exception as exc:  # pydantic's ValidationError lists every bad setting
        _say(f"error: bad settings: {exc}")
        raise SystemExit(2) from exc
    try:
        app(obj=State(settings), standalone_mode=False)
    except NewsbotError as exc:
        _say(f"error: {exc}")
        raise SystemExit(1) from exc
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except Exception as exc:
        import click

        if isinstance(exc, click.exceptions.Exit):
            raise SystemExit(exc.exit_code) from None
        if isinstance(exc, click.ClickException):
            exc.show()
            raise SystemExit(exc.exit_code) from None
        if isinstance(exc, click.exceptions.Abort):
            raise SystemExit(1) from None
        logger.debug("unexpected error", exc_info=True)
        _say(f"error: {type(exc).__name__}: {exc}")
        raise SystemExit(1) from exc


if __name__ == "__main__":
    main()
