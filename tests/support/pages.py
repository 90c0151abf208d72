"""Sample web content for fetch, ingest and feed tests: an article page and RSS/Atom/RDF feeds."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

RAIL_STORY = (
    "The national rail strike ended on Sunday after the drivers' union accepted a pay offer of "
    "six percent over two years, the transport ministry said.",
    "Trains will run a reduced timetable on Monday and a full service from Tuesday, the operator "
    "said in a statement, asking passengers to check before they travel.",
    "The strike, the longest in three decades, had halted freight and commuter services for "
    "eleven days and cost the economy an estimated 400 million euros.",
)


def article_html(
    title: str = "Rail strike ends after pay deal",
    paragraphs: tuple[str, ...] = RAIL_STORY,
    *,
    site: str = "Metro Daily",
    author: str = "Ana Lopez",
    published: str = "2024-03-10",
    canonical: str | None = None,
    feed_links: tuple[tuple[str, str], ...] = (),
) -> str:
    """A news page with metadata in the places trafilatura reads (og:, meta, canonical link)."""
    head = [
        f"<title>{escape(title)} | {escape(site)}</title>",
        f'<meta property="og:title" content="{escape(title)}">',
        f'<meta property="og:site_name" content="{escape(site)}">',
        f'<meta name="author" content="{escape(author)}">',
        f'<meta property="article:published_time" content="{published}T08:00:00Z">',
    ]
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    for kind, href in feed_links:
        head.append(f'<link rel="alternate" type="{kind}" title="Feed" href="{escape(href)}">')
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head>{''.join(head)}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        f"<footer>Copyright Metro Daily</footer></body></html>"
    )


def index_html(links: int = 30) -> str:
    """A section front: only navigation and headlines, no article text."""
    items = "".join(f"<li><a href='/story/{i}'>Headline number {i}</a></li>" for i in range(links))
    return f"<html><head><title>Front page</title></head><body><ul>{items}</ul></body></html>"


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    link: str
    published: str = "Sun, 10 Mar 2024 08:00:00 GMT"  # RFC 822, as RSS writes it
    iso: str = "2024-03-10T08:00:00Z"


def rss(items: list[Item], title: str = "Metro Daily: World") -> str:
    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
        f"<guid isPermaLink='false'>{escape(i.id)}</guid><pubDate>{i.published}</pubDate></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://metro.example/</link>"
        f"<description>News</description>{entries}</channel></rss>"
    )


def atom(items: list[Item], title: str = "Metro Daily: Atom") -> str:
    entries = "".join(
        f"<entry><title>{escape(i.title)}</title><link rel='alternate' href='{escape(i.link)}'/>"
        f"<id>{escape(i.id)}</id><updated>{i.iso}</updated><published>{i.iso}</published></entry>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:metro:atom</id><updated>2024-03-10T08:00:00Z</updated>"
        f"{entries}</feed>"
    )


def rdf(items: list[Item], title: str = "Metro Daily: RDF") -> str:
    entries = "".join(
        f"<item rdf:about='{escape(i.link)}'><title>{escape(i.title)}</title>"
        f"<link>{escape(i.link)}</link><dc:date>{i.iso}</dc:date></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel rdf:about='https://metro.example/'><title>{escape(title)}</title>"
        f"<link>https://metro.example/</link><description>News</description></channel>"
        f"{entries}</rdf:RDF>"
    )
