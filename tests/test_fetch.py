"""The safe fetcher: which URLs and addresses it refuses, its caps, redirects and conditional GET."""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Iterator

import pytest
import trustme
from support.pages import article_html, index_html, rss
from support.web import WebServer

from index.addresses import AddressPolicy
from index.errors import InputError
from index.fetch import Fetcher, FetchError, FetchLimits, Resolver
from index.loaders import load_sources

LOOPBACK_ONLY = AddressPolicy.allowing("127.0.0.1/32")


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        server.page("/article", article_html())
        yield server


def resolver(names: dict[str, list[str]], calls: list[str] | None = None) -> Resolver:
    """A DNS stand-in: hostnames the test invents resolve to the addresses it gives."""

    def resolve(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return names[host]

    return resolve


@pytest.mark.parametrize(
    ("address", "default", "private_allowed", "loopback_only"),
    [
        ("93.184.216.34", True, True, True),
        ("2606:4700:4700::1111", True, True, True),
        ("127.0.0.1", False, True, True),
        ("127.0.0.2", False, True, False),
        ("::1", False, True, False),
        ("10.0.0.1", False, True, False),
        ("172.16.5.4", False, True, False),
        ("192.168.1.1", False, True, False),
        ("fe80::1", False, True, False),
        ("169.254.1.1", False, True, False),
        ("169.254.169.254", False, False, False),  # AWS/GCP metadata
        ("fd00:ec2::254", False, False, False),  # AWS metadata over IPv6
        ("100.100.100.200", False, False, False),  # Alibaba metadata
        ("168.63.129.16", False, False, False),  # Azure wire server
        ("::ffff:169.254.169.254", False, False, False),  # IPv4-mapped metadata
        ("::ffff:10.0.0.1", False, True, False),  # IPv4-mapped private
        ("::ffff:127.0.0.1", False, True, False),
        ("2002:a9fe:a9fe::1", False, False, False),  # 6to4 wrapping 169.254.169.254
        ("64:ff9b::a9fe:a9fe", False, False, False),  # NAT64 wrapping 169.254.169.254
        ("0.0.0.0", False, False, False),
        ("::", False, False, False),
        ("224.0.0.1", False, False, False),
        ("ff02::1", False, False, False),
        ("240.0.0.1", False, True, False),  # reserved
        ("100.64.0.1", False, True, False),  # carrier-grade NAT
    ],
)
def test_address_policy(
    address: str, default: bool, private_allowed: bool, loopback_only: bool
) -> None:
    ip = ipaddress.ip_address(address)
    assert AddressPolicy().permits(ip) is default
    assert AddressPolicy(allow_private=True).permits(ip) is private_allowed
    assert LOOPBACK_ONLY.permits(ip) is loopback_only


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/story.txt", "only http and https links can be fetched"),
        ("file:///etc/passwd", "only http and https links can be fetched"),
        ("javascript:alert(1)", "only http and https links can be fetched"),
        ("http://reader:s3cret@example.com/story", "user name or password"),
        ("https://reader@example.com/story", "user name or password"),
        ("http:///nohost", "not a valid web address"),
        ("http://127.0.0.1/", "that address is private"),
        ("http://[::1]/", "that address is private"),
        ("http://10.0.0.5/", "that address is private"),
        ("http://192.168.0.1:8080/admin", "that address is private"),
        ("http://169.254.169.254/latest/meta-data/", "that address is private"),
        ("http://[fd00:ec2::254]/latest/meta-data/", "that address is private"),
        ("http://100.100.100.200/latest/meta-data/", "that address is private"),
        ("http://[::ffff:169.254.169.254]/", "that address is private"),
        ("http://[::ffff:a9fe:a9fe]/", "that address is private"),
        ("http://2130706433/", "that address is private"),  # 127.0.0.1 as one number
        ("http://0.0.0.0/", "that address is private"),
        ("http://224.0.0.1/", "that address is private"),
    ],
)
def test_refused_urls(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason) as caught:
        Fetcher().get(url)
    assert isinstance(caught.value, InputError)
    assert "s3cret" not in str(caught.value) and "Traceback" not in str(caught.value)


def test_hostname_resolving_to_private_address_is_refused() -> None:
    fetcher = Fetcher(resolve=resolver({"intranet.example": ["10.1.2.3"]}))
    with pytest.raises(FetchError, match="that address is private"):
        fetcher.get("http://intranet.example/wiki")


def test_connects_to_the_checked_address_and_keeps_the_hostname(web: WebServer) -> None:
    calls: list[str] = []
    names = {"news.example": ["10.1.2.3", "127.0.0.1"], "other.example": ["169.254.169.254"]}
    fetcher = Fetcher(LOOPBACK_ONLY, resolve=resolver(names, calls))
    result = fetcher.get(web.url("/article", host="news.example"))
    assert result.status == 200 and b"Rail strike" in result.body
    assert web.last_request("/article").headers["Host"] == f"news.example:{web.port}"
    assert calls == ["news.example"]  # resolved once; nothing re-resolves it behind the check
    with pytest.raises(FetchError, match="that address is private"):
        fetcher.get(web.url("/article", host="other.example"))


def test_unknown_host_and_closed_port() -> None:
    with pytest.raises(FetchError, match="cannot find the site"):
        Fetcher(resolve=resolver({})).get("https://no-such-host.example/")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound but not listening: the connection is refused
        with pytest.raises(FetchError, match="cannot connect to the site"):
            Fetcher(LOOPBACK_ONLY).get(f"http://127.0.0.1:{port}/")


@pytest.mark.parametrize(
    ("content_type", "accepted"),
    [
        ("text/html; charset=utf-8", True),
        ("application/xhtml+xml", True),
        ("application/pdf", True),
        ("text/plain", True),
        ("application/rss+xml", True),
        ("application/atom+xml", True),
        ("text/xml; charset=iso-8859-1", True),
        ("image/png", False),
        ("application/octet-stream", False),
        ("video/mp4", False),
        ("application/javascript", False),
    ],
)
def test_content_types(web: WebServer, content_type: str, accepted: bool) -> None:
    web.page("/thing", b"<x/>", content_type=content_type)
    fetcher = Fetcher(LOOPBACK_ONLY)
    if accepted:
        assert fetcher.get(web.url("/thing")).content_type == content_type.split(";")[0]
    else:
        kind = content_type.split(";")[0]
        with pytest.raises(FetchError, match=f"not an article: {kind}"):
            fetcher.get(web.url("/thing"))


def test_size_cap(web: WebServer) -> None:
    web.page("/huge", b"", stream_bytes=6 * 1024 * 1024)  # no Content-Length: stop past the cap
    web.page("/claims-huge", b"<p>hi</p>", declared_length=50 * 1024 * 1024)
    web.page("/small-enough", b"x" * 4000, content_type="text/plain")
    fetcher = Fetcher(LOOPBACK_ONLY)
    with pytest.raises(FetchError, match="the page is larger than 5 MB"):
        fetcher.get(web.url("/huge"))
    with pytest.raises(FetchError, match="the page is larger than 5 MB"):
        fetcher.get(web.url("/claims-huge"))
    tight = Fetcher(LOOPBACK_ONLY, FetchLimits(max_bytes=2048))
    with pytest.raises(FetchError, match="the page is larger than 2 KB"):
        tight.get(web.url("/small-enough"))
    assert len(fetcher.get(web.url("/small-enough")).body) == 4000


def test_time_cap_on_a_server_that_stalls(web: WebServer) -> None:
    web.page("/stall", b"", stall=True)
    fetcher = Fetcher(LOOPBACK_ONLY, FetchLimits(timeout_s=0.3))
    with pytest.raises(FetchError, match=r"took longer than 0\.3 s"):
        fetcher.get(web.url("/stall"))


def test_redirects_are_followed_and_checked_at_every_hop(web: WebServer) -> None:
    web.redirect("/short", "/article", status=301)
    web.redirect("/via", web.url("/short"))
    web.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
    web.redirect("/to-intranet", "http://intranet.example/")
    web.redirect("/to-ftp", "ftp://example.com/file")
    web.redirect("/loop", "/loop")
    names = {"intranet.example": ["10.0.0.7"]}
    fetcher = Fetcher(LOOPBACK_ONLY, FetchLimits(max_redirects=3), resolve=resolver(names))
    result = fetcher.get(web.url("/via"))
    assert result.url == web.url("/article") and b"Rail strike" in result.body
    for path in ("/to-metadata", "/to-intranet"):
        with pytest.raises(FetchError, match="that address is private"):
            fetcher.get(web.url(path))
    with pytest.raises(FetchError, match="redirects to a refused link"):
        fetcher.get(web.url("/to-ftp"))
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetcher.get(web.url("/loop"))
    assert web.hits("/loop") == 4


def test_http_errors_are_reported(web: WebServer) -> None:
    with pytest.raises(FetchError, match="the site answered 404 Not Found"):
        Fetcher(LOOPBACK_ONLY).get(web.url("/missing"))


def test_conditional_get(web: WebServer) -> None:
    stamp = "Sun, 10 Mar 2024 08:00:00 GMT"
    web.page("/feed-etag", "<rss/>", content_type="application/rss+xml", etag='"v7"')
    web.page("/feed-date", "<rss/>", content_type="application/rss+xml", last_modified=stamp)
    fetcher = Fetcher(LOOPBACK_ONLY)

    first = fetcher.get(web.url("/feed-etag"))
    assert first.status == 200 and first.etag == '"v7"' and not first.not_modified
    again = fetcher.get(web.url("/feed-etag"), etag=first.etag)
    assert again.not_modified and again.body == b""
    assert web.last_request("/feed-etag").headers["If-None-Match"] == '"v7"'

    dated = fetcher.get(web.url("/feed-date"))
    assert dated.last_modified == stamp
    assert fetcher.get(web.url("/feed-date"), last_modified=stamp).not_modified
    assert web.not_modified == {"/feed-etag": 1, "/feed-date": 1}

    web.routes["/feed-etag"].etag = '"v8"'  # the feed changed: a full answer again
    changed = fetcher.get(web.url("/feed-etag"), etag='"v7"')
    assert changed.status == 200 and changed.etag == '"v8"'


def test_tls_is_verified_against_the_hostname_not_the_address() -> None:
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("news.example").configure_cert(server_context)
    client_context = ssl.create_default_context()
    authority.configure_trust(client_context)
    names = {"news.example": ["127.0.0.1"], "impostor.example": ["127.0.0.1"]}
    fetcher = Fetcher(LOOPBACK_ONLY, resolve=resolver(names), ssl_context=client_context)
    with WebServer(tls=server_context) as web:
        web.page("/article", article_html())
        result = fetcher.get(web.url("/article", host="news.example"))
        assert result.status == 200 and result.url.startswith("https://news.example:")
        with pytest.raises(FetchError, match="certificate is not valid"):
            fetcher.get(web.url("/article", host="impostor.example"))


def test_url_ingest_reads_the_article_and_its_metadata(web: WebServer) -> None:
    canonical = "https://metro.example/world/rail-strike"
    web.page("/share?id=7", "")  # query strings are ignored by the test server's routing
    web.page("/share", article_html(canonical=canonical))
    (loaded,) = load_sources([web.url("/share?id=7")], fetcher=Fetcher(LOOPBACK_ONLY))
    clean = loaded.clean
    assert clean.title == "Rail strike ends after pay deal"
    assert clean.outlet == "Metro Daily" and clean.byline == "Ana Lopez"
    assert clean.published == "2024-03-10"
    assert clean.url == canonical and loaded.source == canonical
    assert "six percent over two years" in clean.text and "Copyright" not in clean.text
    assert clean.text.startswith("The national rail strike ended")  # the headline is metadata


@pytest.mark.parametrize(
    ("path", "body", "content_type", "reason"),
    [
        ("/front", index_html(), "text/html", "no article text found on this page"),
        ("/feed", rss([]), "application/rss+xml", "this is a news feed, not an article"),
        ("/logo", b"\x89PNG\r\n", "image/png", "not an article: image/png"),
        ("/stub", "<html><body><article><p>Soon.</p></article></body></html>", "text/html",
         "no article text found"),
    ],
)  # fmt: skip
def test_url_ingest_refuses_pages_without_an_article(
    web: WebServer, path: str, body: str | bytes, content_type: str, reason: str
) -> None:
    web.page(path, body, content_type=content_type)
    with pytest.raises(InputError, match=reason):
        load_sources([web.url(path)], fetcher=Fetcher(LOOPBACK_ONLY))


def test_url_ingest_honours_the_declared_charset(web: WebServer) -> None:
    page = article_html(
        paragraphs=(
            "Le café du coin a rouvert lundi après trois mois de travaux, a annoncé la mairie.",
            "Les habitués sont revenus dès l'ouverture, et le patron a offert le premier café.",
        )
    )
    web.page("/latin", page.encode("iso-8859-1"), content_type="text/html; charset=iso-8859-1")
    (loaded,) = load_sources([web.url("/latin")], fetcher=Fetcher(LOOPBACK_ONLY))
    assert "Le café du coin a rouvert" in loaded.clean.text


def test_proxy_settings_do_not_bypass_the_checks(
    web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, web.url(""))
    with pytest.raises(FetchError, match="that address is private"):
        Fetcher(LOOPBACK_ONLY).get("http://10.0.0.1/internal")
    assert web.requests == []  # nothing went through the "proxy"
