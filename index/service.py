"""NewsIndex: the one object the CLI and the bot use to ingest, search and answer."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from index.answer import ExtractiveAnswerer
from index.embedding import Embedder
from index.errors import InputError
from index.loaders import load_sources
from index.memory import ChatMemory, Turn
from index.models import Answer, Article, IngestReport, Passage
from index.retrieval import HybridRetriever
from index.store import ArticleStore, make_client

logger = logging.getLogger(__name__)

DEFAULT_COLLECTION = "news"
MAX_QUESTION_CHARS = 1000


def builtin_corpus() -> Path:
    return Path(str(resources.files("index") / "corpus"))


class NewsIndex:
    """A collection of articles in one data dir (or chroma server), ready to answer questions."""

    def __init__(
        self,
        data_dir: Path,
        collection: str = DEFAULT_COLLECTION,
        embedder: Embedder | None = None,
        chroma_host: str | None = None,
        chroma_port: int | None = None,
        create: bool = False,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.embedder = embedder or Embedder(cache_dir=self.data_dir / "models")
        self.client = make_client(self.data_dir, chroma_host, chroma_port)
        self.notice = on_notice or (lambda message: logger.info("%s", message))
        if on_notice is not None and self.embedder.on_notice is None:
            self.embedder.on_notice = on_notice
        is_default = collection == DEFAULT_COLLECTION
        self.store = ArticleStore(self.client, collection, self.embedder, create or is_default)
        if is_default and self.store.count() == 0:
            self._ingest_builtin()
        self.retriever = HybridRetriever(self.store)
        self.answerer = ExtractiveAnswerer(self.store, self.retriever, self.embedder)
        self._memory: ChatMemory | None = None

    @property
    def collection(self) -> str:
        return self.store.name

    @property
    def memory(self) -> ChatMemory:
        if self._memory is None:
            self._memory = ChatMemory(self.data_dir / "memory.sqlite3")
        return self._memory

    def _ingest_builtin(self) -> None:
        self.notice(
            f"Indexing the built-in sample articles into '{self.collection}' "
            "(first run only, up to a minute)..."
        )
        report = self.store.ingest(load_sources([str(builtin_corpus())]))
        self.notice(
            f"Indexed the built-in sample corpus into '{self.collection}': "
            f"{report.new} articles, {report.chunks} chunks."
        )

    def ingest(
        self, sources: Sequence[str], progress: Callable[[int, int], None] | None = None
    ) -> IngestReport:
        """Load every source (failing before any write on bad input), then index what changed."""
        return self.store.ingest(load_sources(sources), progress=progress)

    def articles(self) -> list[Article]:
        return self.retriever.articles()

    def size(self) -> tuple[int, int]:
        """(articles, chunks) in the collection (read-only, for /stats and the start-up line)."""
        return len(self.articles()), self.store.count()

    def search(self, query: str, k: int = 5) -> list[Passage]:
        query = check_question(query)
        if k < 1:
            raise InputError("k must be at least 1")
        return self.retriever.retrieve(query, self.embedder.encode_one(query), k=k)

    def ask(self, question: str, previous: Turn | None = None) -> Answer:
        question = check_question(question)
        return self.answerer.answer(question, previous.entities if previous else ())

    def ask_in_chat(self, question: str, chat: str, user: str = "", max_age: float | None = None,
                    previous: Turn | None = None) -> tuple[Answer, Turn]:  # fmt: skip
        """Answer in a conversation: use its last turn as context, and remember this one."""
        if previous is None:
            previous = self.memory.last(chat, user, max_age)
        answer = self.ask(question, previous)
        return answer, self.memory.add(chat, user, answer)


def check_question(question: str) -> str:
    question = " ".join((question or "").split())
    if not question:
        raise InputError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise InputError(f"the question is too long (over {MAX_QUESTION_CHARS} characters)")
    return question
