"""Articles that arrive from a chat: a link, an uploaded document, or pasted text.

Each becomes a LoadedArticle with a ``source_key`` that names its source (the canonical URL, the
document's content, the pasted text's content), so adding the same thing twice is "unchanged",
and different things never share an identity even when their titles or file names agree.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

from index.cleaning import clean_article, shorten
from index.errors import InputError
from index.fetch import Fetcher
from index.loaders import (
    MIN_STORY_CHARS,
    SUPPORTED_SUFFIXES,
    LoadedArticle,
    content_hash,
    load_bytes,
    load_sources,
)

# Largest document accepted from a chat (Telegram bots may download up to 20 MB).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Longest pasted text accepted (a long feature is ~60,000 characters).
MAX_TEXT_CHARS = 200_000


def slug(text: str, limit: int = 48) -> str:
    """A readable id fragment: "Blinken arrives in Seoul" -> "blinken-arrives-in-seoul"."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = "-".join(words)[:limit].strip("-")
    return out or "article"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def from_url(url: str, fetcher: Fetcher) -> LoadedArticle:
    """Fetch a link (safely) and read the article on it."""
    (article,) = load_sources([url], fetcher=fetcher)
    return article


def from_document(data: bytes, filename: str) -> LoadedArticle:
    """An uploaded .txt, .md, .html or .pdf file."""
    name = PurePath(filename or "document.txt").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        raise InputError(f"{name}: unsupported file type (send {kinds})")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(f"{name}: the file is larger than {MAX_DOCUMENT_BYTES // 2**20} MB")
    clean = load_bytes(data, name, suffix)
    digest = _digest(data)
    article_id = f"{slug(PurePath(name).stem)}-{digest[:6]}"
    return LoadedArticle(article_id, name, clean, content_hash(clean), f"document:{digest}")


def from_text(
    text: str,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    sent: str | None = None,
) -> LoadedArticle:
    """Pasted or forwarded article text; keyword arguments take precedence over the text's own
    headers (a channel's name is the outlet of a post forwarded from it). ``sent`` (the date
    the message was first posted) is the published date only when the text gives none."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"the text is longer than {MAX_TEXT_CHARS:,} characters")
    clean = clean_article(text, title=title, outlet=outlet, published=published, url=url)
    if not clean.published and sent:
        clean.published = sent
    if len(clean.text) < MIN_STORY_CHARS or len(clean.text.split()) < 8:
        raise InputError("that message has too little article text to add")
    digest = _digest(" ".join(clean.text.split()).encode())
    article_id = f"{slug(clean.title or shorten(clean.text, 60))}-{digest[:6]}"
    source = f"text: {shorten(clean.display_title(), 60)}"
    return LoadedArticle(article_id, source, clean, content_hash(clean), f"text:{digest}")
