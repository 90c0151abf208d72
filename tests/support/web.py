"""A scripted local web server (127.0.0.1, own thread) for fetch, ingest and feed tests.

Routes answer with a body, a redirect, a huge streamed body or a stall. Routes with an ETag or a
Last-Modified answer conditional GETs with 304, and the server counts requests and 304s per path.
"""

from __future__ import annotations

import http.client
import http.server
import ssl
import threading
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    stream_bytes: int = 0  # > 0: send this many bytes in chunks, with no Content-Length
    declared_length: int | None = None  # a Content-Length to claim instead of the real one
    stall: bool = False  # send the headers, then nothing until the server stops


@dataclass
class SeenRequest:
    path: str
    headers: dict[str, str]


class WebServer:
    """`with WebServer() as web: web.page("/a", html); fetch(web.url("/a"))`."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[SeenRequest] = []
        self.not_modified: Counter[str] = Counter()
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def page(self, path: str, body: bytes | str, **options: object) -> Route:
        data = body.encode() if isinstance(body, str) else body
        route = Route(body=data, **options)  # type: ignore[arg-type]
        self.routes[path] = route
        return route

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.routes[path] = Route(status=status, content_type=None, headers={"Location": location})

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.path == path)

    def last_request(self, path: str) -> SeenRequest:
        with self._lock:
            return [r for r in self.requests if r.path == path][-1]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        web = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                with web._lock:
                    web.requests.append(SeenRequest(path, dict(self.headers.items())))
                route = web.routes.get(path)
                if route is None:
                    self.send_error(404)
                    return
                if _unchanged(route, self.headers):
                    with web._lock:
                        web.not_modified[path] += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                self._answer(route)

            def _answer(self, route: Route) -> None:
                self.send_response(route.status)
                for name, value in _headers(route).items():
                    self.send_header(name, value)
                if not route.stream_bytes and not route.stall:
                    length = route.declared_length
                    self.send_header(
                        "Content-Length", str(len(route.body) if length is None else length)
                    )
                self.end_headers()
                try:
                    if route.stall:
                        self.wfile.flush()
                        web._release.wait()
                    elif route.stream_bytes:
                        chunk = b"x" * 65536
                        for _ in range(0, route.stream_bytes, len(chunk)):
                            self.wfile.write(chunk)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading, as it should past a cap

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def _headers(route: Route) -> dict[str, str]:
    headers = dict(route.headers)
    if route.content_type:
        headers["Content-Type"] = route.content_type
    if route.etag:
        headers["ETag"] = route.etag
    if route.last_modified:
        headers["Last-Modified"] = route.last_modified
    return headers


def _unchanged(route: Route, headers: http.client.HTTPMessage) -> bool:
    if route.etag and headers.get("If-None-Match") == route.etag:
        return True
    return bool(route.last_modified and headers.get("If-Modified-Since") == route.last_modified)
