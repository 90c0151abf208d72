"""`newsbot doctor`: check the set-up, one line per check, with how to fix what is wrong."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path

from bot.settings import Settings, env_file, newsbot_home

Check = tuple[str, str, str]  # (status: ok / warn / FAIL / info, what was found, how to fix it)


def run_doctor(settings: Settings, echo: Callable[[str], None]) -> bool:
    """Run every check, print each result; True when nothing failed."""
    failed = False
    for check in (places, token, bot_api, data_dir, model, chroma):
        for status, found, fix in check(settings):
            echo(f"{status:<5} {found}")
            if fix:
                echo(f"      fix: {fix}")
            failed = failed or status == "FAIL"
    echo("Some checks failed; see the fixes above." if failed else "All checks passed.")
    return not failed


def places(settings: Settings) -> list[Check]:
    home, why = newsbot_home()
    env = env_file()
    return [
        ("info", f"newsbot home: {home} ({why}; set NEWSBOT_HOME to move it)", ""),
        ("info", f".env: {env}" + ("" if env.is_file() else " (none; optional)"), ""),
        ("info", f"data dir: {settings.newsbot_data_dir}", ""),
    ]


def token(settings: Settings) -> list[Check]:
    from bot.serve import TOKEN_SHAPE

    value = settings.token()
    if not value:
        return [
            (
                "warn",
                "TELEGRAM_BOT_TOKEN is not set: the terminal chat works, the Telegram bot does not",
                f"create a bot with @BotFather and put TELEGRAM_BOT_TOKEN=... in {env_file()}",
            )
        ]
    if not TOKEN_SHAPE.match(value):
        return [
            (
                "FAIL",
                "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, ':', then a secret)",
                "copy the token from @BotFather again, without quotes or spaces",
            )
        ]
    bot_id, secret = value.split(":", 1)
    return [
        ("ok", f"token has the right shape (bot id {bot_id}, {len(secret)}-character secret)", "")
    ]


def bot_api(settings: Settings) -> list[Check]:
    import httpx

    from bot.serve import OFFICIAL_API, network_reason

    base = settings.telegram_api_base_url
    host = httpx.URL(base).host or base
    if not settings.token():
        return [("info", f"Bot API at {host}: not checked (no token)", "")]
    try:
        response = httpx.post(f"{base}{settings.token()}/getMe", timeout=10)
    except httpx.HTTPError as exc:
        fix = (
            "check the network connection (newsbot needs api.telegram.org over HTTPS)"
            if host == OFFICIAL_API
            else "check TELEGRAM_API_BASE_URL and that the Bot API server is running"
        )
        return [("FAIL", f"cannot reach the Bot API at {host} ({network_reason(exc)})", fix)]
    if response.status_code in (401, 404):
        return [
            (
                "FAIL",
                f"the Bot API at {host} rejects the token (HTTP {response.status_code})",
                "the token is wrong or was revoked: copy the current one from @BotFather",
            )
        ]
    try:
        username = response.json()["result"]["username"]
    except (ValueError, KeyError, TypeError):
        return [
            (
                "FAIL",
                f"unexpected answer from {host} (HTTP {response.status_code})",
                "check TELEGRAM_API_BASE_URL",
            )
        ]
    return [("ok", f"Bot API at {host} answers: the bot is @{username}", "")]


def data_dir(settings: Settings) -> list[Check]:
    folder = settings.newsbot_data_dir
    probe = folder / f".doctor-{uuid.uuid4().hex}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        return [
            (
                "FAIL",
                f"data dir {folder} is not writable ({exc.strerror or exc})",
                "set NEWSBOT_DATA_DIR to a folder you can write, or fix its permissions",
            )
        ]
    return [("ok", f"data dir {folder} is writable", "")]


def model(settings: Settings) -> list[Check]:
    from index.embedding import MODEL_NAME, Embedder

    started = time.perf_counter()
    try:
        embedder = Embedder(cache_dir=_models_dir(settings.newsbot_data_dir))
        vector = embedder.encode_one("Does the model load?")
    except Exception as exc:
        return [
            (
                "FAIL",
                f"the embedding model does not load: {type(exc).__name__}: {exc}",
                "reinstall: ./scripts/setup.sh (or pip install -e . again)",
            )
        ]
    seconds = time.perf_counter() - started
    return [("ok", f"model {MODEL_NAME} loads ({len(vector)}-d vectors, {seconds:.1f} s)", "")]


def _models_dir(folder: Path) -> Path | None:
    try:
        (folder / "models").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # questions then use torch; the data dir check reports the problem
    return folder / "models"


def chroma(settings: Settings) -> list[Check]:
    from index.catalog import Catalog
    from index.owner import StoreLock
    from index.store import make_client

    host, port = settings.chroma_host, settings.chroma_port
    data_dir = settings.newsbot_data_dir
    where = f"chroma server at {host}:{port}" if host else "embedded chroma store"
    lock = StoreLock(data_dir)
    try:
        if not host and not lock.acquire():
            owner = lock.owner()
            running = f"a running newsbot (pid {owner['pid']}) serves it" if owner else "in use"
            return [("ok", f"{where} in {data_dir}: {running}", "")]
        client = make_client(data_dir, host, port)
        client.heartbeat()
        libraries = Catalog(data_dir / "library.sqlite3").library_names()
    except Exception as exc:
        fix = (
            f"start it (chroma run --path DIR --host {host} --port {port}) or empty CHROMA_HOST"
            if host
            else "check that the data dir is writable and not used by another newsbot version"
        )
        return [("FAIL", f"cannot open the {where}: {type(exc).__name__}: {exc}", fix)]
    finally:
        lock.release()
    names = sorted(n for n in libraries if ".chat" not in n)
    listed = ", ".join(names) or "none yet (the first command fills 'news' with the samples)"
    return [("ok", f"{where} opens; collections: {listed}", "")]
