"""NewsIndex: the one object the CLI and the bot use to ingest, search and answer.

A NewsIndex serves one base library (a collection: the built-in corpus plus what operators
ingest) and, on top of it, one library per chat. A question asked in a chat searches the base
and that chat's own library, never another chat's.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from index import adding, lexicon, lexicon_nouns
from index.answer import ExtractiveAnswerer
from index.attribution import analyze_articles
from index.catalog import Catalog
from index.embedding import Embedder
from index.errors import InputError
from index.feeds import FollowedFeed
from index.fetch import Fetcher
from index.following import Following, Polled
from index.loaders import LoadedArticle, load_sources
from index.memory import ChatMemory, Turn
from index.models import Answer, Article, IngestReport, Passage
from index.owner import OwnerServer, RemoteIndex, StoreBusyError, StoreLock
from index.places import place_forms
from index.retrieval import HybridRetriever
from index.store import Analyser, Library, Store, make_client
from index.titles import lower_titles

logger = logging.getLogger(__name__)

DEFAULT_COLLECTION = "news"
MAX_QUESTION_CHARS = 1000


def builtin_corpus() -> Path:
    return Path(str(resources.files("index") / "corpus"))


def chat_library_name(base: str, chat: str) -> str:
    """The library of one chat on top of a base library: "news.chat-100123"."""
    return f"{base}.chat{chat}"


class NewsIndex:
    """A base library in one data dir (or chroma server), plus a library per chat."""

    def __init__(
        self,
        data_dir: Path,
        collection: str = DEFAULT_COLLECTION,
        embedder: Embedder | None = None,
        chroma_host: str | None = None,
        chroma_port: int | None = None,
        create: bool = False,
        on_notice: Callable[[str], None] | None = None,
        analyser: Analyser | None = analyze_articles,
        wait: bool = False,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.embedder = embedder or Embedder(cache_dir=self.data_dir / "models")
        self.notice = on_notice or (lambda message: logger.info("%s", message))
        self.fetcher = fetcher or Fetcher()  # public addresses only, unless configured
        if on_notice is not None and self.embedder.on_notice is None:
            self.embedder.on_notice = on_notice
        self.lock: StoreLock | None = None
        if not chroma_host:  # the embedded store: this process must own it (see owner.py)
            self.lock = StoreLock(self.data_dir)
            if not self.lock.acquire(wait=wait):
                raise StoreBusyError(f"another newsbot process is using {self.data_dir}")
        self.catalog = Catalog(self.data_dir / "library.sqlite3")
        self.client = make_client(self.data_dir, chroma_host, chroma_port)
        self.store = Store(self.client, self.catalog, self.embedder, analyser)
        self.store.recover()
        self._shared = _Shared()
        self._open_base(collection, create)

    def _open_base(self, collection: str, create: bool) -> None:
        is_default = collection == DEFAULT_COLLECTION
        self.base = self.store.library(collection, create=create or is_default)
        self.retriever = HybridRetriever(self.store)
        self.answerer = ExtractiveAnswerer(self.store, self.retriever, self.embedder)
        if is_default and self.catalog.count_articles([self.base.id]) == 0:
            self._ingest_builtin()

    def warm_up(self, ingest: bool = True) -> None:
        """Load now what the first question (and, with ``ingest``, the first add) would load:
        the question encoder, the tables of places, titles and proper names, and the chunker's
        libraries."""
        self.embedder.warm_up()
        place_forms("American", "NORP")  # reads the tables of countries and their adjectives
        lower_titles("Who is the Foreign Minister?")  # and of titles
        lexicon.warm_up()  # and WordNet's verbs, nouns and other names of proper nouns
        lexicon_nouns.warm_up()
        if ingest:
            from index.writer import ArticleWriter

            ArticleWriter(self.store, self.base).warm_up()

    def view(self, collection: str, create: bool = False) -> NewsIndex:
        """The same store with another base library (the owner serves every collection)."""
        if collection == self.collection:
            return self
        other = copy.copy(self)
        other._open_base(collection, create)
        return other

    def serve(self) -> None:
        """Let other processes (CLI commands) use this index while it runs; see owner.py."""
        if self.lock is not None and self._shared.server is None:
            self._shared.server = OwnerServer(self, self.lock)
            self._shared.server.start()

    def close(self) -> None:
        """Stop serving and let another process own the store."""
        if self._shared.server is not None:
            self._shared.server.stop()
            self._shared.server = None
        if self.lock is not None:
            self.lock.release()

    @property
    def collection(self) -> str:
        return self.base.name

    @property
    def memory(self) -> ChatMemory:
        if self._shared.memory is None:
            self._shared.memory = ChatMemory(self.data_dir / "memory.sqlite3")
        return self._shared.memory

    def _ingest_builtin(self) -> None:
        self.notice(
            f"Indexing the built-in sample articles into '{self.collection}' "
            "(first run only, up to a minute)..."
        )
        report = self.ingest_loaded(load_sources([str(builtin_corpus())]))
        self.notice(
            f"Indexed the built-in sample corpus into '{self.collection}': "
            f"{report.new} articles, {report.chunks} chunks."
        )

    # --- libraries ---------------------------------------------------------------------------
    def libraries(self, chat: str | None = None) -> list[Library]:
        """The libraries a question in this chat searches: the base, then the chat's own."""
        if chat is None:
            return [self.base]
        own = self.store.find_library(chat_library_name(self.base.name, chat))
        return [self.base, own] if own else [self.base]

    def _target(self, chat: str | None) -> Library:
        if chat is None:
            return self.base
        return self.store.library(chat_library_name(self.base.name, chat), create=True)

    # --- writing -------------------------------------------------------------------------
    def ingest(
        self,
        sources: Sequence[str],
        progress: Callable[[int, int], None] | None = None,
        chat: str | None = None,
    ) -> IngestReport:
        """Load every source (failing before any write on bad input), then index what changed."""
        articles = load_sources(sources, fetcher=self.fetcher)
        return self.ingest_loaded(articles, progress=progress, chat=chat)

    def ingest_loaded(
        self,
        articles: Sequence[LoadedArticle],
        progress: Callable[[int, int], None] | None = None,
        chat: str | None = None,
        added_by: str | None = None,
    ) -> IngestReport:
        """Index articles that are already loaded and cleaned, into the base library or (with
        ``chat``) that chat's library."""
        with self._shared.write_lock:
            target = self._target(chat)
            return self.store.ingest(
                articles, target, progress=progress, added_by=added_by,
                visible=self.libraries(chat),
            )  # fmt: skip

    def forget(self, article_id: str, chat: str | None = None) -> Article:
        """Remove an article from the chat's library (or the base one). Its near-duplicate
        copies, if any, are indexed again: the first becomes the article the others copy."""
        with self._shared.write_lock:
            removed, copies = self.store.delete_article(self._target(chat), article_id)
            for library, copy in copies:
                visible = [self.base, library] if library != self.base else [self.base]
                self.store.ingest([copy], library, visible=visible)
            return removed

    # --- adding from a chat -------------------------------------------------------------
    def add_url(self, url: str, chat: str | None = None, added_by: str | None = None,
                on_stage: Callable[[str], None] | None = None) -> IngestReport:  # fmt: skip
        """Fetch a link safely, read its article and index it; ``on_stage`` hears "fetching"
        and then "indexing", for a progress message."""
        stage = on_stage or (lambda _name: None)
        stage("fetching")
        article = adding.from_url(url, self.fetcher)
        stage("indexing")
        return self.ingest_loaded([article], chat=chat, added_by=added_by)

    def add_document(self, data: bytes, filename: str, chat: str | None = None,
                     added_by: str | None = None,
                     on_stage: Callable[[str], None] | None = None) -> IngestReport:  # fmt: skip
        """Index an uploaded .txt, .md, .html or .pdf file (stages: "reading", "indexing")."""
        stage = on_stage or (lambda _name: None)
        stage("reading")
        article = adding.from_document(data, filename)
        stage("indexing")
        return self.ingest_loaded([article], chat=chat, added_by=added_by)

    def add_text(self, text: str, chat: str | None = None, added_by: str | None = None,
                 title: str | None = None, outlet: str | None = None,
                 published: str | None = None, url: str | None = None,
                 sent: str | None = None) -> IngestReport:  # fmt: skip
        """Index pasted or forwarded article text (``sent``: the published date when the text
        has none, e.g. the date a forwarded post was first posted)."""
        article = adding.from_text(text, title=title, outlet=outlet, published=published, url=url,
                                   sent=sent)  # fmt: skip
        return self.ingest_loaded([article], chat=chat, added_by=added_by)

    # --- feeds ---------------------------------------------------------------------------
    @property
    def following(self) -> Following:
        def ingest(articles: Sequence[LoadedArticle], library: str) -> IngestReport:
            return self.ingest_loaded(articles, chat=self._chat_of(library), added_by="feed")

        return Following(self.catalog, self.fetcher, ingest)

    def _feed_library(self, chat: str | None) -> str:
        return self.base.name if chat is None else chat_library_name(self.base.name, chat)

    def _chat_of(self, library: str) -> str | None:
        """The chat whose library this is (None: the base library)."""
        prefix = chat_library_name(self.base.name, "")
        return library[len(prefix) :] if library.startswith(prefix) else None

    def _as_chat(self, feed: FollowedFeed) -> FollowedFeed:
        """A feed as the chat side sees it: its library is its chat's id ("" for the base)."""
        return replace(feed, library=self._chat_of(feed.library) or "")

    def follow(self, url: str, chat: str | None = None) -> tuple[FollowedFeed, Polled, bool]:
        """Follow a feed (or the one a page advertises) into the chat's library; returns the
        feed, what indexing its newest items did, and whether it was new."""
        self._target(chat)  # the chat's library exists before its first feed
        feed, polled, created = self.following.follow(url, self._feed_library(chat))
        return self._as_chat(feed), replace(polled, feed=self._as_chat(polled.feed)), created

    def unfollow(self, which: str, chat: str | None = None) -> FollowedFeed:
        return self._as_chat(self.following.unfollow(self._feed_library(chat), which))

    def feeds(self, chat: str | None = None) -> list[FollowedFeed]:
        return [self._as_chat(f) for f in self.following.feeds(self._feed_library(chat))]

    def poll(self, chat: str | None = None, every_chat: bool = True) -> list[Polled]:
        """Poll the followed feeds of this collection once: its own and every chat's, or
        (every_chat=False) one chat's; tell the listeners (see on_polled) what it did."""
        mine = chat_library_name(self.base.name, "")
        if every_chat:

            def wanted(library: str) -> bool:
                return library == self.base.name or library.startswith(mine)
        else:
            target = self._feed_library(chat)

            def wanted(library: str) -> bool:
                return library == target

        results = [replace(p, feed=self._as_chat(p.feed)) for p in self.following.poll(wanted)]
        for listener in list(self._shared.poll_listeners):
            try:
                listener(results)
            except Exception:  # a listener's failure is its own; the poll went well
                logger.warning("a poll listener failed", exc_info=True)
        return results

    def on_polled(self, listener: Callable[[list[Polled]], None]) -> Callable[[], None]:
        """Call ``listener`` (in the polling thread) after every poll, whoever asked for it: the
        bot's schedule or `newsbot poll` through the owner's socket. Returns the way to stop."""
        self._shared.poll_listeners.append(listener)

        def stop() -> None:
            if listener in self._shared.poll_listeners:
                self._shared.poll_listeners.remove(listener)

        return stop

    # --- reading -------------------------------------------------------------------------
    def articles(self, chat: str | None = None, limit: int | None = None) -> list[Article]:
        """The articles a question in this chat can use, newest first."""
        return self.catalog.list_articles([lib.id for lib in self.libraries(chat)], limit)

    def count_articles(self, chat: str | None = None) -> int:
        return self.catalog.count_articles([lib.id for lib in self.libraries(chat)])

    def count_chunks(self, chat: str | None = None) -> int:
        return self.catalog.count_chunks([lib.id for lib in self.libraries(chat)])

    def size(self, chat: str | None = None) -> tuple[int, int]:
        """(articles, chunks) a question in this chat can use (for /stats and the start-up line)."""
        return self.count_articles(chat), self.count_chunks(chat)

    def search(self, query: str, k: int = 5, chat: str | None = None) -> list[Passage]:
        query = check_question(query)
        if k < 1:
            raise InputError("k must be at least 1")
        vector = self.embedder.encode_one(query)
        return self.retriever.retrieve(query, vector, self.libraries(chat), k=k)

    def ask(self, question: str, previous: Turn | None = None, chat: str | None = None) -> Answer:
        question = check_question(question)
        entities = previous.entities if previous else ()
        before = previous.question if previous else ""
        return self.answerer.answer(question, self.libraries(chat), entities, before)

    def ask_in_chat(self, question: str, chat: str, user: str = "", max_age: float | None = None,
                    previous: Turn | None = None, library: str | None = None,
                    ) -> tuple[Answer, Turn]:  # fmt: skip
        """Answer in a conversation: use its last turn as context, and remember this one.
        ``library`` is the chat whose library to search too (the bot passes the chat id)."""
        if previous is None:
            previous = self.memory.last(chat, user, max_age)
        answer = self.ask(question, previous, chat=library)
        return answer, self.memory.add(chat, user, answer)


@dataclass
class _Shared:
    """What every view of one store shares."""

    memory: ChatMemory | None = None
    server: OwnerServer | None = None
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    poll_listeners: list[Callable[[list[Polled]], None]] = field(default_factory=list)


def open_index(
    data_dir: Path,
    collection: str = DEFAULT_COLLECTION,
    chroma_host: str | None = None,
    chroma_port: int | None = None,
    create: bool = False,
    on_notice: Callable[[str], None] | None = None,
    fetcher: Fetcher | None = None,
) -> NewsIndex | RemoteIndex:
    """The index for a command: its own, or (when a running bot or chat owns the store) the
    owner's, reached over its socket; when a short-lived command owns it, wait for it."""

    def local(wait: bool) -> NewsIndex:
        return NewsIndex(data_dir, collection, None, chroma_host, chroma_port, create=create,
                         on_notice=on_notice, wait=wait, fetcher=fetcher)  # fmt: skip

    try:
        return local(wait=False)
    except StoreBusyError:
        owner = StoreLock(Path(data_dir)).owner()
        if owner is not None:
            return RemoteIndex(owner["socket"], collection, Path(data_dir), create)
        if on_notice:
            on_notice(f"Waiting for another newsbot command to finish with {data_dir} ...")
        return local(wait=True)


def check_question(question: str) -> str:
    question = " ".join((question or "").split())
    if not question:
        raise InputError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise InputError(f"the question is too long (over {MAX_QUESTION_CHARS} characters)")
    return question
