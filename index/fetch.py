"""Fetch a web page or feed for ingest, safely.

Only http and https, no credentials in URLs. The host is resolved once per connection, every
address is checked against an `AddressPolicy`, and the socket is opened to the checked address
(the Host header, TLS SNI and certificate check still use the hostname), so DNS rebinding cannot
slip a private address in between the check and the connect. Redirects are followed by hand and
each hop is checked again. Total time, body size and content type are capped. Every failure is a
`FetchError` (an `InputError`) whose message can be shown to a user as it is.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

from index.addresses import AddressPolicy
from index.errors import InputError

Resolver = Callable[[str, int], list[str]]

ARTICLE_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "application/pdf", "text/plain", "text/markdown"}
)
FEED_TYPES = frozenset(
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml",
        "application/xml", "text/xml", "application/x-rss+xml", "application/feed+json",
    }
)  # fmt: skip
FETCHABLE_TYPES = ARTICLE_TYPES | FEED_TYPES

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_URL_CHARS = 2048


class FetchError(InputError):
    """A URL that cannot be fetched; `reason` says why in words fit for a user."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class _AddressRefused(Exception):
    """Raised from inside the connection pool; turned into a FetchError by the fetcher."""


class _HostNotFound(Exception):
    pass


@dataclass(frozen=True)
class FetchLimits:
    """Caps on one fetch, redirects included."""

    max_bytes: int = 5 * 1024 * 1024
    timeout_s: float = 20.0
    max_redirects: int = 5
    user_agent: str = "newsbot/0.1 (article fetcher)"


@dataclass(frozen=True)
class FetchResult:
    """A fetched body (empty when not modified) with what the caller needs to use and re-poll it."""

    url: str  # after redirects
    status: int
    content_type: str  # media type, lower-case, no parameters; "" when the server sent none
    body: bytes = b""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def shown_url(url: str) -> str:
    """The URL as it may appear in a message: no credentials, not overly long."""
    try:
        parsed = httpx.URL(url.strip())
        if parsed.userinfo:
            parsed = parsed.copy_with(username=None, password=None)
        text = str(parsed)
    except (httpx.InvalidURL, TypeError, ValueError):
        text = url.strip()
    return text if len(text) <= 200 else text[:199] + "…"


def check_url(url: str) -> httpx.URL:
    """Parse a URL a user gave; refuse anything but plain http(s) without credentials."""
    shown = shown_url(url)
    if len(url) > MAX_URL_CHARS:
        raise FetchError(shown, "the link is too long")
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(shown, "not a valid web address") from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(shown, "only http and https links can be fetched")
    if parsed.userinfo:
        raise FetchError(shown, "links with a user name or password are refused")
    if not parsed.host:
        raise FetchError(shown, "not a valid web address")
    return parsed


def system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class _DeadlineStream(httpcore.NetworkStream):
    """A socket whose every read and write gives up at the fetch's overall deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def _timeout(self, timeout: float | None) -> float:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise httpcore.ReadTimeout("overall time limit reached")
        return remaining if timeout is None else min(timeout, remaining)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._timeout(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._timeout(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, self._timeout(timeout))
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolve once, keep only the addresses the policy permits, connect to one of those."""

    def __init__(self, policy: AddressPolicy, resolve: Resolver, deadline: float) -> None:
        self._policy = policy
        self._resolve = resolve
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()
        self.connected: list[str] = []  # addresses connected to, for tests and logs

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            resolved = [ipaddress.ip_address(host)]  # an address in the URL needs no lookup
        except ValueError:
            try:
                found = self._resolve(host, port)
                resolved = [ipaddress.ip_address(a.split("%")[0]) for a in found]
            except (OSError, UnicodeError, ValueError) as exc:
                raise _HostNotFound(host) from exc
        permitted = [a for a in resolved if self._policy.permits(a)]
        if not permitted:
            raise _AddressRefused(host)
        error: Exception = httpcore.ConnectError(f"cannot connect to {host}")
        for address in permitted:
            remaining = self._deadline - time.monotonic()
            if remaining <= 0:
                raise httpcore.ConnectTimeout("overall time limit reached")
            try:
                stream = self._inner.connect_tcp(
                    str(address),
                    port,
                    timeout=remaining if timeout is None else min(timeout, remaining),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            self.connected.append(str(address))
            return _DeadlineStream(stream, self._deadline)
        raise error

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _CoreStream(httpx.SyncByteStream):
    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        stream = self._response.stream
        assert isinstance(stream, Iterable)
        yield from stream

    def close(self) -> None:
        self._response.close()


class _GuardedTransport(httpx.BaseTransport):
    """httpx's HTTPTransport, but over a connection pool with our network backend."""

    def __init__(self, backend: httpcore.NetworkBackend, ssl_context: ssl.SSLContext) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context, network_backend=backend, retries=0
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        response = self._pool.handle_request(core)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_CoreStream(response),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / (1024 * 1024), 1):g} MB"
    return f"{max(1, round(size / 1024))} KB"


class Fetcher:
    """GET one URL under an address policy and limits; one object serves the whole process."""

    def __init__(
        self,
        policy: AddressPolicy | None = None,
        limits: FetchLimits | None = None,
        *,
        resolve: Resolver = system_resolve,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.policy = policy or AddressPolicy()
        self.limits = limits or FetchLimits()
        self._resolve = resolve
        self._ssl_context = ssl_context

    def _context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            import certifi

            self._ssl_context = ssl.create_default_context(cafile=certifi.where())
        return self._ssl_context

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        types: frozenset[str] = FETCHABLE_TYPES,
    ) -> FetchResult:
        """Fetch `url`; a 304 to the conditional headers comes back with `not_modified` set."""
        shown = shown_url(url)
        target = check_url(url)
        deadline = time.monotonic() + self.limits.timeout_s
        headers = {"User-Agent": self.limits.user_agent, "Accept": _ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        backend = _GuardedBackend(self.policy, self._resolve, deadline)
        transport = _GuardedTransport(backend, self._context())
        try:
            # trust_env=False: no proxy or .netrc from the environment; every hop uses our transport
            with httpx.Client(
                transport=transport, timeout=self.limits.timeout_s, trust_env=False
            ) as client:
                return self._follow(client, target, headers, types, shown)
        except _AddressRefused as exc:
            raise FetchError(shown, "that address is private") from exc
        except _HostNotFound as exc:
            raise FetchError(shown, f"cannot find the site {exc}") from exc
        except (httpcore.TimeoutException, httpx.TimeoutException) as exc:
            raise FetchError(shown, f"took longer than {self.limits.timeout_s:g} s") from exc
        except (httpcore.ConnectError, httpx.ConnectError) as exc:
            if "CERTIFICATE" in str(exc).upper():
                raise FetchError(shown, "the site's certificate is not valid") from exc
            raise FetchError(shown, "cannot connect to the site") from exc
        except (httpcore.ProtocolError, httpcore.NetworkError, httpx.HTTPError) as exc:
            raise FetchError(shown, "the site sent a broken response") from exc

    def _follow(
        self,
        client: httpx.Client,
        url: httpx.URL,
        headers: dict[str, str],
        types: frozenset[str],
        shown: str,
    ) -> FetchResult:
        for _hop in range(self.limits.max_redirects + 1):
            with client.stream("GET", url, headers=headers) as response:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    try:
                        next_url = url.join(location)
                    except (httpx.InvalidURL, ValueError) as exc:
                        raise FetchError(shown, "the site redirects to an invalid address") from exc
                    try:
                        url = check_url(str(next_url))
                    except FetchError as exc:
                        raise FetchError(
                            shown, f"it redirects to a refused link ({exc.reason})"
                        ) from exc
                    continue
                return self._read(response, str(url), types, shown)
        raise FetchError(shown, f"too many redirects (more than {self.limits.max_redirects})")

    def _read(
        self, response: httpx.Response, url: str, types: frozenset[str], shown: str
    ) -> FetchResult:
        status = response.status_code
        if status == 304:
            return _result(response, url, b"")
        if status >= 400:
            raise FetchError(shown, f"the site answered {status} {response.reason_phrase}".strip())
        if status != 200:
            raise FetchError(shown, f"unexpected answer from the site ({status})")
        kind = _media_type(response)
        if kind and kind not in types:
            raise FetchError(shown, f"not an article: {kind}")
        too_large = f"the page is larger than {_size(self.limits.max_bytes)}"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limits.max_bytes:
            raise FetchError(shown, too_large)
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.limits.max_bytes:
                raise FetchError(shown, too_large)
        return _result(response, url, bytes(body))


_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _result(response: httpx.Response, url: str, body: bytes) -> FetchResult:
    return FetchResult(
        url=url,
        status=response.status_code,
        content_type=_media_type(response),
        body=body,
        charset=response.charset_encoding,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        headers=dict(response.headers),
    )
