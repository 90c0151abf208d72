"""One process owns a data dir's embedded chroma store; the others ask it over a local socket.

chroma's embedded ``PersistentClient`` is not safe across processes: a second process writing
the store breaks the first one's reads. So a process that opens the embedded store takes an
exclusive lock on ``DATA_DIR/owner.lock`` for as long as it runs. A long-running owner (the bot,
the terminal chat) also serves a Unix socket, and writes its address to ``DATA_DIR/owner.json``;
a CLI command that finds the store owned sends its work there instead (``RemoteIndex``): an
``ingest`` from another shell lands in the running bot's index, answerable at once, and no
question ever fails for it. A short-lived owner (another CLI command) serves nothing, so the
newcomer waits for it to finish.

With a chroma server (CHROMA_HOST), chroma itself is shared and every process opens the store
directly; the lock is not used.

The protocol is one JSON object a line: a request ``{"op", "args"}``, answered by any number of
``{"progress": [done, total]}`` lines and then ``{"ok": result}`` or ``{"error", "kind"}``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import socket
import socketserver
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar

from index.errors import BackendError, InputError, NewsbotError, UnknownCollectionError
from index.feeds import FollowedFeed
from index.following import Polled
from index.loaders import LoadedArticle
from index.memory import Turn
from index.models import Answer, Article, IngestReport, Passage

if TYPE_CHECKING:
    from index.service import NewsIndex

logger = logging.getLogger(__name__)

MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux
_ERRORS: dict[str, type[NewsbotError]] = {
    cls.__name__: cls for cls in (NewsbotError, InputError, UnknownCollectionError, BackendError)
}


class StoreBusyError(NewsbotError):
    """Another process owns the data dir's embedded store and does not serve requests."""


class StoreLock:
    """The exclusive lock on a data dir's embedded store, held until release() or exit.

    Within one process the lock is shared (chroma shares one client per path in a process):
    every NewsIndex on the data dir holds a reference, and the last release() unlocks.
    """

    _held: ClassVar[dict[Path, tuple[IO[str], int]]] = {}

    _guard: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / "owner.lock"
        self.info_path = data_dir / "owner.json"
        self._holding = False

    def acquire(self, wait: bool = False) -> bool:
        """Take the lock; without ``wait``, return False at once if another process has it."""
        if self._holding:
            return True
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = self.path.resolve()
        with self._guard:
            if key in self._held:
                handle, count = self._held[key]
                self._held[key] = (handle, count + 1)
                self._holding = True
                return True
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.close()
            return False
        with self._guard:
            self._held[key] = (handle, 1)
        self._holding = True
        return True

    def release(self) -> None:
        if not self._holding:
            return
        self._holding = False
        key = self.path.resolve()
        with self._guard:
            handle, count = self._held[key]
            if count > 1:
                self._held[key] = (handle, count - 1)
                return
            del self._held[key]
        with contextlib.suppress(FileNotFoundError):
            self.info_path.unlink()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()

    def owner(self) -> dict[str, Any] | None:
        """What the owning process published about itself (pid, socket), if it serves."""
        try:
            info = json.loads(self.info_path.read_text())
        except (OSError, ValueError):
            return None
        return info if isinstance(info, dict) and info.get("socket") else None

    def publish(self, info: dict[str, Any]) -> None:
        partial = self.info_path.with_suffix(".tmp")
        partial.write_text(json.dumps(info))
        partial.replace(self.info_path)


def socket_path(data_dir: Path) -> Path:
    """DATA_DIR/owner.sock, or a private path under /tmp when that would be too long."""
    path = data_dir.resolve() / "owner.sock"
    if len(str(path).encode()) <= MAX_SOCKET_PATH:
        return path
    private = Path(tempfile.gettempdir()) / f"newsbot-{os.getuid()}"
    private.mkdir(mode=0o700, exist_ok=True)
    return private / (hashlib.sha1(str(path).encode()).hexdigest()[:16] + ".sock")


# --------------------------------------------------------------------------------- server side
class OwnerServer:
    """Serves a NewsIndex to the other processes of this user, each request in a thread."""

    def __init__(self, index: NewsIndex, lock: StoreLock) -> None:
        self.index = index
        self.lock = lock
        self.path = socket_path(index.data_dir)
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()  # left by an owner that died; we hold the lock now
        handler = _handler_for(index)
        old_umask = os.umask(0o077)  # the socket is this user's only
        try:
            self._server = socketserver.ThreadingUnixStreamServer(str(self.path), handler)
        finally:
            os.umask(old_umask)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()
        self.lock.publish({"pid": os.getpid(), "socket": str(self.path)})
        logger.info("serving the store of %s at %s", self.index.data_dir, self.path)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def _handler_for(index: NewsIndex) -> type[socketserver.StreamRequestHandler]:
    class Handler(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            for line in self.rfile:
                if not line.strip():
                    continue
                self._reply(line)

        def _send(self, message: dict[str, Any]) -> None:
            self.wfile.write(json.dumps(message, ensure_ascii=False).encode() + b"\n")
            self.wfile.flush()

        def _reply(self, line: bytes) -> None:
            try:
                request = json.loads(line)
                result = dispatch(index, request["op"], request.get("args") or {}, self._send)
                self._send({"ok": result})
            except NewsbotError as exc:
                self._send({"error": str(exc), "kind": type(exc).__name__})
            except Exception as exc:  # never kill the owner for one bad request
                logger.error("request from another process failed", exc_info=True)
                self._send({"error": f"the running newsbot failed: {exc}", "kind": "BackendError"})

    return Handler


def dispatch(
    index: NewsIndex, op: str, args: dict[str, Any], send: Callable[[dict[str, Any]], None]
) -> Any:
    """Run one request against the index; results are JSON-ready."""
    index = index.view(args.get("collection") or index.collection, create=op == "ingest"
                       and bool(args.get("create")))  # fmt: skip
    chat = args.get("chat")
    if op == "ingest":
        articles = [loaded_from_json(a) for a in args["articles"]]
        report = index.ingest_loaded(
            articles, progress=lambda done, total: send({"progress": [done, total]}), chat=chat
        )
        return report.to_json()
    if op == "ask":
        return index.ask(args["question"], chat=chat).to_json(full=True)
    if op == "ask_in_chat":
        answer, turn = index.ask_in_chat(
            args["question"], args["conversation"], args.get("user", ""), args.get("max_age"),
            library=chat,
        )  # fmt: skip
        return {"answer": answer.to_json(full=True), "turn": turn.to_json()}
    if op == "search":
        passages = index.search(args["query"], int(args.get("k", 5)), chat=chat)
        return [p.to_json(rank) for rank, p in enumerate(passages, 1)]
    if op == "articles":
        return [a.to_json() for a in index.articles(chat=chat, limit=args.get("limit"))]
    if op == "counts":
        return {"articles": index.count_articles(chat), "chunks": index.count_chunks(chat)}
    if op == "forget":
        return index.forget(args["article_id"], chat=chat).to_json()
    if op == "follow":
        feed, polled, created = index.follow(args["url"], chat=chat)
        return {"feed": feed_to_json(feed), "polled": polled_to_json(polled), "created": created}
    if op == "unfollow":
        return feed_to_json(index.unfollow(args["which"], chat=chat))
    if op == "feeds":
        return [feed_to_json(feed) for feed in index.feeds(chat)]
    if op == "poll":
        every_chat = bool(args.get("every_chat", True))
        return [polled_to_json(p) for p in index.poll(chat, every_chat=every_chat)]
    raise InputError(f"unknown request {op!r}")


def feed_to_json(feed: FollowedFeed) -> dict[str, Any]:
    """A followed feed without its seen item ids (the owner keeps those)."""
    return {
        "id": feed.id, "library": feed.library, "url": feed.url, "title": feed.title,
        "last_polled": feed.last_polled, "last_error": feed.last_error, "failures": feed.failures,
    }  # fmt: skip


def feed_from_json(data: dict[str, Any]) -> FollowedFeed:
    return FollowedFeed(
        data["id"], data["library"], data["url"], data.get("title"),
        last_polled=data.get("last_polled"), last_error=data.get("last_error"),
        failures=int(data.get("failures") or 0),
    )  # fmt: skip


def polled_to_json(polled: Polled) -> dict[str, Any]:
    return {"feed": feed_to_json(polled.feed), "report": polled.report.to_json(),
            "skipped": list(polled.skipped), "error": polled.error}  # fmt: skip


def polled_from_json(data: dict[str, Any]) -> Polled:
    report = IngestReport.from_json(data["report"])
    return Polled(feed_from_json(data["feed"]), report, tuple(data.get("skipped") or ()),
                  data.get("error"))  # fmt: skip


def loaded_to_json(article: LoadedArticle) -> dict[str, Any]:
    clean = article.clean
    return {
        "article_id": article.article_id, "source": article.source,
        "source_key": article.source_key, "content_hash": article.content_hash,
        "text": clean.text, "title": clean.title, "outlet": clean.outlet,
        "published": clean.published, "byline": clean.byline, "url": clean.url,
        "dateline": clean.dateline,
    }  # fmt: skip


def loaded_from_json(data: dict[str, Any]) -> LoadedArticle:
    from index.cleaning import CleanArticle

    clean = CleanArticle(
        text=data["text"], title=data.get("title"), outlet=data.get("outlet"),
        published=data.get("published"), byline=data.get("byline"), url=data.get("url"),
        dateline=data.get("dateline"),
    )  # fmt: skip
    return LoadedArticle(
        data["article_id"], data["source"], clean, data["content_hash"], data["source_key"]
    )


# --------------------------------------------------------------------------------- client side
class RemoteIndex:
    """The part of NewsIndex the CLI uses, served by the process that owns the store."""

    def __init__(self, address: str, collection: str, data_dir: Path, create: bool = False) -> None:
        self.address = address
        self.collection = collection
        self.data_dir = data_dir
        self.create = create

    def _call(
        self, op: str, progress: Callable[[int, int], None] | None = None, **args: Any
    ) -> Any:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.connect(self.address)
                args = {"collection": self.collection, "create": self.create, **args}
                sock.sendall(json.dumps({"op": op, "args": args}).encode() + b"\n")
                for message in _messages(sock):
                    if "progress" in message:
                        if progress:
                            progress(*message["progress"])
                    elif "ok" in message:
                        return message["ok"]
                    else:
                        raise _ERRORS.get(message.get("kind", ""), NewsbotError)(message["error"])
        except OSError as exc:
            raise BackendError(f"lost the running newsbot ({exc}); try again") from exc
        raise BackendError("the running newsbot closed the connection; try again")

    def ingest_loaded(
        self,
        articles: Sequence[LoadedArticle],
        progress: Callable[[int, int], None] | None = None,
        chat: str | None = None,
    ) -> IngestReport:
        data = self._call(
            "ingest", progress, articles=[loaded_to_json(a) for a in articles], chat=chat
        )
        return IngestReport.from_json(data)

    def ask(self, question: str, chat: str | None = None) -> Answer:
        return Answer.from_json(self._call("ask", question=question, chat=chat))

    def ask_in_chat(self, question: str, chat: str, user: str = "", max_age: float | None = None,
                    library: str | None = None) -> tuple[Answer, Turn]:  # fmt: skip
        data = self._call("ask_in_chat", question=question, conversation=chat, user=user,
                          max_age=max_age, chat=library)  # fmt: skip
        return Answer.from_json(data["answer"]), Turn.from_json(data["turn"])

    def search(self, query: str, k: int = 5, chat: str | None = None) -> list[Passage]:
        return [Passage.from_json(p) for p in self._call("search", query=query, k=k, chat=chat)]

    def articles(self, chat: str | None = None, limit: int | None = None) -> list[Article]:
        return [Article.from_json(a) for a in self._call("articles", chat=chat, limit=limit)]

    def count_articles(self, chat: str | None = None) -> int:
        return int(self._call("counts", chat=chat)["articles"])

    def count_chunks(self, chat: str | None = None) -> int:
        return int(self._call("counts", chat=chat)["chunks"])

    def forget(self, article_id: str, chat: str | None = None) -> Article:
        return Article.from_json(self._call("forget", article_id=article_id, chat=chat))

    def follow(self, url: str, chat: str | None = None) -> tuple[FollowedFeed, Polled, bool]:
        data = self._call("follow", url=url, chat=chat)
        return feed_from_json(data["feed"]), polled_from_json(data["polled"]), data["created"]

    def unfollow(self, which: str, chat: str | None = None) -> FollowedFeed:
        return feed_from_json(self._call("unfollow", which=which, chat=chat))

    def feeds(self, chat: str | None = None) -> list[FollowedFeed]:
        return [feed_from_json(f) for f in self._call("feeds", chat=chat)]

    def poll(self, chat: str | None = None, every_chat: bool = True) -> list[Polled]:
        found = self._call("poll", chat=chat, every_chat=every_chat)
        return [polled_from_json(p) for p in found]


def _messages(sock: socket.socket) -> Iterator[dict[str, Any]]:
    buffer = b""
    while True:
        data = sock.recv(65536)
        if not data:
            return
        buffer += data
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            if line.strip():
                yield json.loads(line)
