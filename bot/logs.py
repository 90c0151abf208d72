"""Logging set-up, and the filter that keeps secrets (the bot token) out of every log line."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import quote

NOISY = ("httpx", "httpcore", "chromadb", "sentence_transformers", "urllib3", "tornado.access")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class Redactor:
    """Replaces each secret (and its URL-encoded form) with "[secret]"."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        forms = set()
        for secret in secrets:
            if secret and len(secret) >= 8:
                forms.update({secret, quote(secret, safe=""), quote(secret)})
                if ":" in secret:  # a bot token: its secret half alone is secret too
                    forms.add(secret.split(":", 1)[1])
        self.forms = sorted(forms, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for form in self.forms:
            text = text.replace(form, "[secret]")
        return text


class RedactFilter(logging.Filter):
    """A handler filter: the formatted message, traceback and stack carry no secret."""

    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self.redact = redact

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def setup_logging(level: str, secrets: Iterable[str] = ()) -> Redactor:
    """Log to stderr at ``level`` with secrets redacted; quiet the chatty libraries."""
    number = getattr(logging, level.upper(), logging.WARNING)
    logging.basicConfig(level=number, format=FORMAT, force=True)
    for name in NOISY:
        logging.getLogger(name).setLevel(max(number, logging.WARNING))
    redact = Redactor(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactFilter(redact))
    return redact
