"""All of newsbot's settings, read from the environment or the .env file, once, in main().

Where things live does not depend on the current directory. The *newsbot home* is
``NEWSBOT_HOME`` when set; else the source checkout newsbot runs from (so ``./run.sh`` keeps its
``.env`` and ``data/`` next to the code, wherever it is started from); else the user's data
folder (``$XDG_DATA_HOME/newsbot``, normally ``~/.local/share/newsbot``) for an installed
``newsbot``. The only .env read is ``HOME/.env``; the default data dir is ``HOME/data``. A
relative ``NEWSBOT_DATA_DIR`` is relative to the folder of the .env that sets it, or to the
current directory when it comes from the environment. ``newsbot doctor`` prints all three.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

IdList = Annotated[frozenset[int], NoDecode]
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_SECRET_FIELDS = {"telegram_bot_token", "telegram_webhook_secret"}
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def source_checkout() -> Path | None:
    """The repository newsbot runs from (an editable install), if it does."""
    root = Path(__file__).resolve().parents[1]
    try:
        project = (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return None
    return root if re.search(r'^name = "newsbot"$', project, re.M) else None


def newsbot_home() -> tuple[Path, str]:
    """(the newsbot home, why it is that folder); see the module docstring."""
    if value := os.environ.get("NEWSBOT_HOME", "").strip():
        return Path(value).expanduser().resolve(), "set by NEWSBOT_HOME"
    if checkout := source_checkout():
        return checkout, "the source checkout newsbot runs from"
    base = os.environ.get("XDG_DATA_HOME", "").strip() or Path.home() / ".local" / "share"
    return Path(base).expanduser().resolve() / "newsbot", "the user data folder"


def env_file() -> Path:
    return newsbot_home()[0] / ".env"


def parse_ids(value: str | Iterable[int | str]) -> frozenset[int]:
    """ "-1001, 42" -> {-1001, 42}; anything that is not a whole number is an error."""
    parts = value.replace(";", ",").split(",") if isinstance(value, str) else list(value)
    ids = set()
    for part in parts:
        text = str(part).strip()
        if not text:
            continue
        if not re.fullmatch(r"-?[0-9]{1,20}", text):
            raise ValueError(
                f"{text!r} is not a numeric Telegram id: write ids such as 123456789 (a person) "
                "or -1001234567890 (a group), separated by commas; the bot logs the id of every "
                "chat it refuses"
            )
        ids.add(int(text))
    return frozenset(ids)


if TYPE_CHECKING:
    from index.fetch import Fetcher


class Settings(BaseSettings):
    """Every setting; .env.example documents each one."""

    model_config = SettingsConfigDict(env_file=None, env_file_encoding="utf-8", extra="ignore")

    newsbot_data_dir: Path = Field(default_factory=lambda: newsbot_home()[0] / "data")
    newsbot_collection: str = "news"
    chroma_host: str | None = None
    chroma_port: int = Field(default=8000, ge=1, le=65535)
    # Empty: INFO for the bot (one line per answer), WARNING for the other commands.
    newsbot_log_level: str = ""
    # Seconds within which the same person's next question is read as a follow-up.
    newsbot_followup_seconds: float = Field(default=300.0, ge=0)
    # Telegram user ids who may use admin commands (/stats); they are always allowed in.
    newsbot_admins: IdList = frozenset()
    # Let links and feeds reach private, loopback and link-local addresses (never cloud metadata).
    newsbot_allow_private_urls: bool = False
    # Let every member of a group add, forget and follow (default: its admins and NEWSBOT_ADMINS).
    newsbot_members_may_add: bool = False
    # Seconds a group admin check (getChatMember) is remembered.
    newsbot_admin_cache_seconds: float = Field(default=300.0, ge=0)
    # Minutes between two polls of the followed feeds; 0: the bot does not poll (cron instead).
    newsbot_feed_poll_minutes: float = Field(default=15.0, ge=0)

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    # Chats where the bot answers anyone, and people it answers in any chat; both empty: all.
    telegram_allowed_chats: IdList = frozenset()
    telegram_allowed_users: IdList = frozenset()
    # Messages a person may send the bot per minute (questions, commands, buttons); 0: no limit.
    telegram_user_rate_limit: int = Field(default=10, ge=0)
    # Telegram's flood limits for what the bot sends (0 turns a limit off).
    telegram_sends_per_second: float = Field(default=30.0, ge=0)
    telegram_group_sends_per_minute: float = Field(default=20.0, ge=0)
    telegram_poll_timeout: float = Field(default=30.0, ge=0)
    # Threads the embedding model uses per question while the bot runs (0: one per core).
    telegram_model_threads: int = Field(default=1, ge=0)
    # Webhook mode (instead of long polling) when a URL is set.
    telegram_webhook_url: str | None = None
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = Field(default=8443, ge=1, le=65535)
    telegram_webhook_secret: SecretStr | None = None

    @field_validator(
        "chroma_host",
        "telegram_bot_token",
        "telegram_webhook_url",
        "telegram_webhook_secret",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("newsbot_data_dir", mode="before")
    @classmethod
    def _empty_is_default(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return newsbot_home()[0] / "data"
        return value

    @field_validator(
        "newsbot_admins", "telegram_allowed_chats", "telegram_allowed_users", mode="before"
    )
    @classmethod
    def _id_list(cls, value: object) -> object:
        if isinstance(value, str | list | tuple | set | frozenset):
            return parse_ids(value)
        return value

    @field_validator("newsbot_log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        value = value.strip().upper()
        if value and value not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)} (or empty)")
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _WEBHOOK_SECRET.match(value.get_secret_value()):
            raise ValueError("must be 1-256 characters, each a letter, a digit, '_' or '-'")
        return value

    def token(self) -> str:
        """The bot token, stripped ('' when unset)."""
        return self.telegram_bot_token.get_secret_value().strip() if self.telegram_bot_token else ""

    def log_level(self, bot: bool) -> str:
        return self.newsbot_log_level or ("INFO" if bot else "WARNING")

    def fetcher(self) -> Fetcher:
        """The one fetcher for links and feeds, with the address policy set here."""
        from index.addresses import AddressPolicy
        from index.fetch import Fetcher

        return Fetcher(AddressPolicy(allow_private=self.newsbot_allow_private_urls))


def load_settings() -> Settings:
    """Settings from the environment and HOME/.env, with the data dir made absolute."""
    path = env_file()
    settings = Settings(_env_file=path if path.is_file() else None)  # type: ignore[call-arg]
    if not settings.newsbot_data_dir.is_absolute():
        from_environment = "NEWSBOT_DATA_DIR" in {k.upper() for k in os.environ}
        base = Path.cwd() if from_environment else path.parent
        settings.newsbot_data_dir = (base / settings.newsbot_data_dir.expanduser()).resolve()
    return settings


# ----------------------------------------------------------------------------- plain words
_PLAIN = [
    (r"Value error, ", ""),
    (r"Input should be a valid integer[^.]*", "must be a whole number"),
    (r"Input should be a valid number[^.]*", "must be a number"),
    (r"Input should be a valid boolean[^.]*", "must be true or false"),
    (r"Input should be greater than or equal to (\S+)", r"must be at least \1"),
    (r"Input should be greater than (\S+)", r"must be more than \1"),
    (r"Input should be less than or equal to (\S+)", r"must be at most \1"),
    (r"Input should be less than (\S+)", r"must be less than \1"),
    (r"Input should be a valid string[^.]*", "must be text"),
]


def plain_words(message: str) -> str:
    """pydantic's "Input should be ..." rephrased as "must be ..."."""
    for pattern, replacement in _PLAIN:
        message = re.sub(pattern, replacement, message)
    return message


def settings_error(exc: ValidationError) -> str:
    """One line naming every bad setting, what is wrong with it and where to fix it."""
    problems = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        name = field.upper() or "a setting"
        quiet = field in _SECRET_FIELDS or error["type"] == "value_error"
        shown = "" if quiet else f" (got {str(error.get('input'))[:60]!r})"
        problems.append(f"{name} {plain_words(error['msg'])}{shown}")
    where = env_file()
    source = f"the environment or {where}" if where.is_file() else "the environment"
    return f"bad setting: {'; '.join(problems)}. Fix it in {source}."
