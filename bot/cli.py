"""The `newsbot` command: ingest, ask, search, sources, chat (terminal), bot (Telegram) and the
feed commands of bot/cli_feeds.py."""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass, field
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from bot.logs import Redactor, setup_logging
from bot.settings import Settings, load_settings, plain_words, settings_error
from bot.terminal import format_answer
from index.errors import InputError, NewsbotError

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
    redact: Redactor = field(default_factory=Redactor)


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
            create=create, on_notice=_say, fetcher=settings.fetcher(),
        )  # fmt: skip
    from index.owner import StoreBusyError, StoreLock

    try:
        index = NewsIndex(
            settings.newsbot_data_dir, collection=name, chroma_host=settings.chroma_host,
            chroma_port=settings.chroma_port, create=create, on_notice=_say,
            fetcher=settings.fetcher(),
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


def _version(show: bool) -> None:
    if show:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"newsbot {version('newsbot')}")
        except PackageNotFoundError:
            typer.echo("newsbot (not installed)")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """With no command: run the Telegram bot if TELEGRAM_BOT_TOKEN is set, else chat here."""
    state = ctx.ensure_object(State)
    settings = state.settings
    is_bot = ctx.invoked_subcommand == "bot" or (
        ctx.invoked_subcommand is None and bool(settings.token())
    )
    level = "INFO" if verbose else settings.log_level(bot=is_bot)
    secrets = [settings.token()]
    if settings.telegram_webhook_secret:
        secrets.append(settings.telegram_webhook_secret.get_secret_value())
    state.redact = setup_logging(level, secrets)
    if ctx.invoked_subcommand is None:
        if settings.token():
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
    """Add articles to a collection; unchanged files are skipped, changed ones replaced.

    In a folder, every good file is indexed and each refused or skipped one is listed with its
    reason (exit code 1 if any was refused); a named file that cannot be read writes nothing."""
    from index.loaders import load_sources_report

    settings = ctx.ensure_object(State).settings
    # A bad named file fails here, before any write.
    loaded = load_sources_report(paths, fetcher=settings.fetcher())
    for problem in [*loaded.skipped, *loaded.refused]:
        _say(("refused " if problem in loaded.refused else "") + problem.reason)
    if not loaded.articles:
        raise InputError("nothing to ingest: no file could be read as an article")
    index = _open_index(ctx, collection, create=True)
    report = index.ingest_loaded(
        loaded.articles, progress=_progress_bar(len(loaded.articles), as_json)
    )
    if as_json:
        _print_json(
            {
                "collection": index.collection,
                **report.to_json(),
                "refused": [p.__dict__ for p in loaded.refused],
                "skipped": [p.__dict__ for p in loaded.skipped],
            }
        )
    else:
        typer.echo(f"{index.collection}: {report.summary()}")
    if loaded.refused:
        _say(f"error: {len(loaded.refused)} file(s) refused (listed above); the others are indexed")
        raise typer.Exit(1)


def _progress_bar(count: int, quiet: bool) -> Any:
    """A progress callback drawing a bar on stderr for more than three articles."""
    if count <= 3 or quiet:
        return None
    from tqdm import tqdm

    bar = tqdm(total=count, unit="article", file=sys.stderr, leave=False)

    def progress(done: int, total: int) -> None:
        bar.total, bar.n = total, done
        bar.refresh()
        if done >= total:
            bar.close()

    return progress


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
    failed = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            _print_json(answer(line).to_json())
        except NewsbotError as exc:
            _print_json({"question": line.strip(), "error": str(exc)})
        except Exception as exc:  # a fault on one question loses none of the others
            logger.error("Answering %r failed", line.strip(), exc_info=True)
            failed += 1
            error = f"unexpected {type(exc).__name__}; run with -v for the details"
            _print_json({"question": line.strip(), "error": error})
        sys.stdout.flush()
    if failed:
        raise typer.Exit(1)


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
def bot(
    ctx: typer.Context,
    collection: CollectionOption = None,
    webhook_url: Annotated[
        str | None,
        typer.Option(
            "--webhook-url",
            help="Receive updates by webhook at this public HTTPS URL instead of long polling "
            "(default: TELEGRAM_WEBHOOK_URL).",
        ),
    ] = None,
    listen: Annotated[
        str | None,
        typer.Option("--listen", help="Address the webhook server listens on (default 127.0.0.1)."),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            "--port", help="Port the webhook server listens on (default 8443).", min=1, max=65535
        ),
    ] = None,
) -> None:
    """Run the Telegram bot (long polling, or a webhook with --webhook-url); needs a token."""
    from bot.serve import StartupError, Webhook, check_token_shape, preflight, run_bot

    settings = ctx.ensure_object(State).settings
    if not settings.token():
        raise NewsbotError(
            "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and put it in .env "
            "(see .env.example)"
        )
    check_token_shape(settings.token())
    overrides = {
        "telegram_webhook_url": webhook_url,
        "telegram_webhook_listen": listen,
        "telegram_webhook_port": port,
    }
    settings = settings.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    if (listen or port) and not settings.telegram_webhook_url:
        raise StartupError("--listen and --port are for webhook mode: add --webhook-url URL")
    webhook = Webhook.from_settings(settings)
    preflight(settings)  # a wrong token or no network: one line now, not after loading
    run_bot(settings, _open_index(ctx, collection, serve=True), _say, webhook)


@app.command()
def doctor(ctx: typer.Context) -> None:
    """Check the set-up: settings, token, Bot API, data dir, model, chroma; say how to fix it."""
    from bot.doctor import run_doctor

    if not run_doctor(ctx.ensure_object(State).settings, typer.echo):
        raise typer.Exit(1)


from bot import cli_feeds  # noqa: E402, F401  (registers follow, unfollow, feeds and poll)


def main() -> None:
    """Entry point: build Settings once, run the command, turn errors into one line."""
    try:
        settings = load_settings()
    except ValidationError as exc:
        _say(f"error: {settings_error(exc)}")
        raise SystemExit(1) from None
    state = State(settings)
    try:
        code = app(obj=state, standalone_mode=False)  # typer.Exit(n) comes back as n
    except NewsbotError as exc:
        _say(f"error: {state.redact(str(exc))}")
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except Exception as exc:
        raise SystemExit(_other_error(exc, state.redact)) from None
    if isinstance(code, int) and code:
        raise SystemExit(code)


def _other_error(exc: Exception, redact: Redactor) -> int:
    """Print one line for a usage error or an unexpected failure; return the exit code."""
    name = type(exc).__name__
    if name == "Exit":  # typer.Exit / click's Exit
        return int(getattr(exc, "exit_code", 0))
    if name == "Abort":
        return 1
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # a usage error
        message = plain_words(exc.format_message())
        context = getattr(exc, "ctx", None)
        hint = f" (see '{context.command_path} --help')" if context is not None else ""
        _say(f"error: {message}{hint}")
        return int(exc.exit_code)
    logger.debug("unexpected error", exc_info=True)
    _say(f"error: {redact(f'{name}: {exc}')}")
    return 1


if __name__ == "__main__":
    main()
