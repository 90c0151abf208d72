"""Read articles from files, folders and URLs into cleaned documents, checking them first."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from index.cleaning import CleanArticle, clean_article
from index.errors import InputError
from index.fetch import FEED_TYPES, Fetcher, FetchResult, shown_url

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
MIN_STORY_CHARS = 40
# A web page whose extracted text has fewer words than this in sentence-like lines (8+ words,
# ending in . ! or ?) is a front page or link list: trafilatura's fallback returns its headlines.
MIN_PROSE_WORDS = 20


@dataclass(frozen=True)
class LoadedArticle:
    """An article ready to chunk: its id, where it came from, its clean text and metadata.

    ``source_key`` identifies the source (a file's absolute path, a URL): ingesting the same
    source again updates its article, while another source never replaces it, even when its
    file name gives the same ``article_id``.
    """

    article_id: str
    source: str
    clean: CleanArticle
    content_hash: str
    source_key: str = ""

    def __post_init__(self) -> None:
        if not self.source_key:
            object.__setattr__(self, "source_key", self.source)

    @property
    def text_hash(self) -> str:
        """The story text's identity, blind to whitespace, case and quote styles."""
        return text_hash(self.clean.text)


def text_hash(text: str) -> str:
    folded = " ".join(text.translate(_QUOTES).lower().split())
    return hashlib.sha256(folded.encode()).hexdigest()[:32]


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})


def content_hash(clean: CleanArticle) -> str:
    parts = [clean.text, clean.title or "", clean.outlet or "", clean.published or ""]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def _decode(data: bytes, name: str) -> str:
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _from_markdown(text: str) -> tuple[str, str | None]:
    title = None
    if match := re.match(r"^\s*#\s+(.+)$", text, re.M):
        title = match.group(1).strip()
        text = text[: match.start()] + text[match.end() :]
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return text, title


def _prose_words(text: str) -> int:
    """Words in lines that read as sentences, not as headlines, menus or lists of links."""
    lines = (line.strip() for line in text.splitlines())
    return sum(
        len(line.split())
        for line in lines
        if len(line.split()) >= 8 and re.search(r"[.!?][\"'”’)]*$", line)
    )


def _from_html(html: str, name: str, url: str | None) -> CleanArticle:
    import trafilatura

    extracted = trafilatura.extract(html, url=url, include_comments=False, include_tables=False)
    if not extracted:
        raise InputError(
            f"{name}: no article text found on this page (a front page, a list of links, "
            "or a page that needs JavaScript?)"
        )
    if _prose_words(extracted) < MIN_PROSE_WORDS:
        raise InputError(
            f"{name}: no article text found on this page, only headlines, links or short lines"
        )
    meta = trafilatura.extract_metadata(html, default_url=url)
    title = getattr(meta, "title", None)
    first, _, rest = extracted.partition("\n")
    text = rest if title and " ".join(first.split()) == " ".join(title.split()) else extracted
    return clean_article(
        text,  # without the headline, which trafilatura repeats from the page's <h1>
        title=title,
        outlet=getattr(meta, "sitename", None),
        published=getattr(meta, "date", None),
        byline=getattr(meta, "author", None),
        url=getattr(meta, "url", None) or url,
    )


def _from_pdf(data: bytes, name: str) -> CleanArticle:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise InputError(f"{name}: cannot read this PDF ({exc})") from exc
    title = None
    if reader.metadata and reader.metadata.title:
        title = str(reader.metadata.title)
    # PDF text breaks lines inside paragraphs; keep blank lines, join the rest.
    text = "\n\n".join(re.sub(r"(?<!\n)\n(?!\n)", " ", page) for page in pages)
    return clean_article(text, title=title)


def load_bytes(data: bytes, name: str, suffix: str, url: str | None = None) -> CleanArticle:
    """Clean the content of one file or download, by its type."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise InputError(f"{name}: not a PDF file")
        clean = _from_pdf(data, name)
    elif suffix in (".html", ".htm"):
        clean = _from_html(_decode(data, name), name, url)
    elif suffix == ".md":
        text, title = _from_markdown(_decode(data, name))
        clean = clean_article(text, title=title, url=url)
    else:
        clean = clean_article(_decode(data, name), url=url)
    if len(clean.text) < MIN_STORY_CHARS:
        words = len(clean.text.split())
        detail = f" (only {words} words of story text)" if words else ""
        raise InputError(f"{name}: no article text found{detail}")
    return clean


def _article_id_for_url(url: str) -> str:
    parsed = urlparse(url)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", (parsed.netloc + parsed.path)).strip("-")[-60:]
    return f"{slug}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"


def _suffix_for(result: FetchResult) -> str:
    kind = result.content_type
    if kind in FEED_TYPES:
        raise InputError(f"{shown_url(result.url)}: this is a news feed, not an article; follow it")
    if kind == "application/pdf" or (not kind and result.body.startswith(b"%PDF")):
        return ".pdf"
    if kind in ("text/html", "application/xhtml+xml"):
        return ".html"
    if kind == "text/markdown":
        return ".md"
    if not kind and result.body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return ".html"
    return ".txt"


def _fetch(url: str, fetcher: Fetcher) -> LoadedArticle:
    result = fetcher.get(url)
    suffix = _suffix_for(result)
    data = result.body
    if suffix != ".pdf" and result.charset and result.charset.lower() not in ("utf-8", "utf8"):
        with contextlib.suppress(LookupError):  # an unknown charset: the usual decoding guesses
            data = data.decode(result.charset, errors="replace").encode()
    clean = load_bytes(data, shown_url(url), suffix, url=result.url)
    canonical = clean.url or result.url
    return LoadedArticle(_article_id_for_url(canonical), canonical, clean, content_hash(clean))


def _files_under(path: Path, skipped: list[Problem] | None = None) -> list[Path]:
    """The article files in a folder, sorted; others are added to ``skipped`` with a reason."""
    found = []
    hidden: set[Path] = set()
    for p in sorted(path.rglob("*")):
        parts = p.relative_to(path).parts
        dot = next((i for i, part in enumerate(parts) if part.startswith(".")), None)
        if dot is not None:
            top = path.joinpath(*parts[: dot + 1])
            if top not in hidden and skipped is not None:
                skipped.append(Problem(str(top), f"{top}: hidden, skipped"))
            hidden.add(top)
        elif p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES:
            found.append(p)
        elif p.is_file() and skipped is not None:
            kinds = "/".join(SUPPORTED_SUFFIXES)
            skipped.append(Problem(str(p), f"{p}: not an article file ({kinds}), skipped"))
    if not found:
        raise InputError(f"{path}: no {'/'.join(SUPPORTED_SUFFIXES)} files in this folder")
    return found


def _load_file(path: Path) -> LoadedArticle:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(f"{path}: unsupported file type (use {', '.join(SUPPORTED_SUFFIXES)})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    clean = load_bytes(data, str(path), suffix)
    return LoadedArticle(path.stem, str(path), clean, content_hash(clean), str(path.resolve()))


def load_sources(sources: Iterable[str], *, fetcher: Fetcher | None = None) -> list[LoadedArticle]:
    """Load every file, folder and URL; raise InputError on the first bad one, before any write.

    URLs are fetched with `fetcher` (default: public addresses only, default limits). Two files
    with the same name in different folders are two articles: the store gives the second one a
    distinct id rather than letting it replace the first.
    """
    articles: dict[str, LoadedArticle] = {}
    for source in sources:
        if re.match(r"^https?://", source, re.I):
            loaded = [_fetch(source, fetcher or Fetcher())]
        else:
            path = Path(source).expanduser()
            if not path.exists():
                raise InputError(f"{source}: no such file or folder")
            files = _files_under(path) if path.is_dir() else [path]
            loaded = [_load_file(f) for f in files]
        for article in loaded:
            articles.setdefault(article.source_key, article)
    if not articles:
        raise InputError("nothing to ingest")
    return list(articles.values())


@dataclass(frozen=True)
class Problem:
    """A file a folder ingest did not load, and why (the reason names the file)."""

    path: str
    reason: str


@dataclass
class LoadResult:
    articles: list[LoadedArticle]
    refused: list[Problem]  # article files that cannot be used (empty, binary, no text ...)
    skipped: list[Problem]  # files that are not articles (other types, hidden)


def load_sources_report(sources: Iterable[str], *, fetcher: Fetcher | None = None) -> LoadResult:
    """Like :func:`load_sources`, but inside a folder a bad file is reported, not fatal: every
    good file is loaded. A named file or URL that fails still raises InputError."""
    result = LoadResult([], [], [])
    articles: dict[str, LoadedArticle] = {}
    for source in sources:
        path = Path(source).expanduser()
        if re.match(r"^https?://", source) or not path.is_dir():
            for article in load_sources([source], fetcher=fetcher):
                articles.setdefault(article.source_key, article)
            continue
        for file in _files_under(path, result.skipped):
            try:
                article = _load_file(file)
            except InputError as exc:
                result.refused.append(Problem(str(file), str(exc)))
                continue
            articles.setdefault(article.source_key, article)
    result.articles = list(articles.values())
    return result
