"""All of newsbot's settings, read from the environment or a .env file, once, in main()."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting; .env.example documents each one."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    newsbot_data_dir: Path = Path("./data")
    newsbot_collection: str = "news"
    chroma_host: str | None = None
    chroma_port: int = 8000
    newsbot_log_level: str = "WARNING"
    # Seconds within which the same person's next question is read as a follow-up.
    newsbot_followup_seconds: float = 300.0

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    # Comma-separated chat ids allowed to use the bot; empty means everyone.
    telegram_allowed_chats: str = ""
    telegram_poll_timeout: float = Field(default=30.0, ge=0)
    # Threads the embedding model uses per question while the bot runs (0: one per core).
    telegram_model_threads: int = Field(default=1, ge=0)

    @field_validator("chroma_host", "telegram_bot_token", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def allowed_chats(self) -> set[int]:
        return _ids(self.telegram_allowed_chats)


def _ids(text: str) -> set[int]:
    return {int(part) for part in text.replace(" ", "").split(",") if part}
