"""What the quality benchmarks share: corpora, the two systems under test, caching and rows.

Both systems are opened on the same list of `Doc`s and answer in newsbot's JSON contract
(`Answer.to_json()`), so every benchmark scores them with the same code.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from peer import PeerIndex, document

from index.cleaning import clean_article
from index.embedding import Embedder
from index.errors import NewsbotError
from index.loaders import LoadedArticle, content_hash, load_sources
from index.service import NewsIndex

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BENCHMARKS = SHARED / "benchmarks"
READY = "ready"  # marker file: the cached index was built to the end


@dataclass(frozen=True)
class Doc:
    """One article of a benchmark corpus: a file (`path`) or text built in memory."""

    article_id: str
    text: str
    path: Path | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    group: str | None = None  # a library of its own (RGB: one per record)

    def meta(self) -> dict[str, str | None]:
        return {"title": self.title, "outlet": self.outlet, "published": self.published}


def file_docs(paths: Iterable[Path]) -> list[Doc]:
    return [Doc(p.stem, p.read_text(encoding="utf-8"), path=p) for p in sorted(paths)]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def answer_kind(answer: dict[str, Any] | None) -> str:
    """The answer's kind; answers from before `answer_kind` existed are answers or abstentions."""
    if not answer:
        return "missing"
    default = "abstained" if answer.get("abstained") else "answer"
    return str(answer.get("answer_kind") or default)


def conflicts(answer: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list((answer or {}).get("conflicts") or [])


def share(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


class Clock:
    """Seconds spent per (benchmark, system, phase)."""

    def __init__(self) -> None:
        self.seconds: dict[str, dict[str, dict[str, float]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(float))
        )

    def add(self, bench: str, system: str, phase: str, seconds: float) -> None:
        self.seconds[bench][system][phase] += seconds


class Collection(Protocol):
    def ask(self, question: str, group: str | None = None) -> dict[str, Any] | None: ...
    def ask_in_chat(self, question: str, chat: str) -> dict[str, Any] | None: ...
    def search(self, query: str, k: int) -> list[tuple[str, str]]: ...


class System(Protocol):
    name: str

    def open(self, bench: str, name: str, docs: list[Doc]) -> Collection: ...


def _digest(parts: Iterable[str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:16]


def corpus_key(docs: list[Doc]) -> str:
    return _digest(json.dumps([d.article_id, d.text, d.meta(), d.url, d.group]) for d in docs)


def code_key(paths: Iterable[Path]) -> str:
    """A digest of the source files an index depends on: a code change never reuses a cache."""
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file())
    files = [f for f in files if "__pycache__" not in f.parts]
    return _digest(f"{f.relative_to(REPO)}\n{f.read_text(errors='replace')}" for f in files)


def fresh_dir(root: Path, name: str) -> tuple[Path, bool]:
    """root/name and whether it holds a finished index; an unfinished one is wiped."""
    path = root / name
    if (path / READY).exists():
        return path, True
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path, False


class Timed:
    """Adds the time of each call to the clock."""

    def __init__(self, clock: Clock, bench: str, system: str) -> None:
        self.clock, self.bench, self.system = clock, bench, system

    def __call__(self, phase: str, started: float) -> None:
        self.clock.add(self.bench, self.system, phase, time.perf_counter() - started)


# --- newsbot --------------------------------------------------------------------------------


def loaded_articles(docs: list[Doc]) -> list[LoadedArticle]:
    """Files load as `newsbot ingest` loads them; in-memory texts are cleaned the same way."""
    files = [str(d.path) for d in docs if d.path]
    articles = load_sources(files) if files else []
    for d in docs:
        if d.path is None:
            clean = clean_article(d.text, url=d.url, **d.meta())
            articles.append(LoadedArticle(d.article_id, d.article_id, clean, content_hash(clean)))
    return articles


class NewsbotCollection:
    """newsbot through its front door, answering as `newsbot ask --json` does."""

    def __init__(self, index: NewsIndex, timed: Timed) -> None:
        self.index, self.timed = index, timed

    def _answer(
        self, question: str, chat: str | None, group: str | None = None
    ) -> dict[str, Any] | None:
        started = time.perf_counter()
        try:
            if chat:
                return self.index.ask_in_chat(question, chat)[0].to_json()
            return self.index.ask(question, chat=group).to_json()
        except NewsbotError as exc:  # the CLI prints this object and goes on
            return {"question": question.strip(), "error": str(exc)}
        except Exception as exc:  # the CLI process would die: the question gets no answer
            print(f"  newsbot failed on {question!r}: {exc!r}", file=sys.stderr)
            return None
        finally:
            self.timed("ask", started)

    def ask(self, question: str, group: str | None = None) -> dict[str, Any] | None:
        """Ask the base library, or (group) the library of that group on top of it."""
        return self._answer(question, None, group)

    def ask_in_chat(self, question: str, chat: str) -> dict[str, Any] | None:
        return self._answer(question, chat)

    def search(self, query: str, k: int) -> list[tuple[str, str]]:
        started = time.perf_counter()
        try:
            return [(p.article.article_id, p.text) for p in self.index.search(query, k=k)]
        finally:
            self.timed("search", started)


@dataclass
class NewsbotSystem:
    """Opens one NewsIndex per corpus under root, reusing an index built by the same code."""

    embedder: Embedder
    root: Path
    clock: Clock
    any_code: bool = False
    name: str = "newsbot"

    @cached_property
    def code(self) -> str:
        if self.any_code:
            return "any code"
        return code_key([REPO / "index", REPO / "pyproject.toml"])

    def open(self, bench: str, name: str, docs: list[Doc]) -> NewsbotCollection:
        timed = Timed(self.clock, bench, self.name)
        data_dir, ready = fresh_dir(
            self.root, f"newsbot-{name}-{_digest([self.code, corpus_key(docs)])}"
        )
        started = time.perf_counter()
        index = NewsIndex(data_dir, name, embedder=self.embedder, create=True)
        if not ready:
            groups: dict[str | None, list[Doc]] = defaultdict(list)
            for doc in docs:
                groups[doc.group].append(doc)
            for group, members in groups.items():  # a group is a chat's library in newsbot
                report = index.ingest_loaded(loaded_articles(members), chat=group)
            print(f"  newsbot indexed {name}: {len(docs)} docs, {len(groups)} libraries; "
                  f"last: {report.summary()}", file=sys.stderr)  # fmt: skip
            (data_dir / READY).touch()
        timed("index", started)
        return NewsbotCollection(index, timed)


# --- the peer -------------------------------------------------------------------------------


class PeerCollection:
    def __init__(self, peer: Any, timed: Timed, groups: dict[str, Any] | None = None) -> None:
        self.peer, self.timed, self.groups = peer, timed, groups or {}

    def ask(self, question: str, group: str | None = None) -> dict[str, Any] | None:
        started = time.perf_counter()
        try:
            peer = self.groups[group] if group is not None else self.peer
            return dict(peer.ask(question))
        finally:
            self.timed("ask", started)

    def ask_in_chat(self, question: str, chat: str) -> dict[str, Any] | None:
        return self.ask(question)  # the peer keeps no conversation

    def search(self, query: str, k: int) -> list[tuple[str, str]]:
        started = time.perf_counter()
        try:
            return list(self.peer.search(query, k))
        finally:
            self.timed("search", started)


@dataclass
class PeerSystem:
    """Opens one llama-index VectorStoreIndex per corpus, persisted under root."""

    embedder: Embedder
    root: Path
    clock: Clock
    name: str = "peer"
    code: str = field(
        default_factory=lambda: _digest(
            [
                code_key([REPO / "benchmarks" / "peer.py"]),
                importlib.metadata.version("llama-index-core"),
            ]
        )
    )

    def open(self, bench: str, name: str, docs: list[Doc]) -> PeerCollection:
        timed = Timed(self.clock, bench, self.name)
        persist_dir, ready = fresh_dir(
            self.root, f"peer-{name}-{_digest([self.code, corpus_key(docs)])}"
        )
        started = time.perf_counter()
        grouped: dict[str | None, list[Doc]] = defaultdict(list)
        for doc in docs:
            grouped[doc.group].append(doc)
        peers: dict[str | None, Any] = {}
        for group, members in grouped.items():
            where = persist_dir / (f"group-{group}" if group is not None else "all")
            if ready:
                peers[group] = PeerIndex.load(where, self.embedder)
            else:
                documents = [document(d.article_id, d.text, **d.meta()) for d in members]
                peers[group] = PeerIndex.build(documents, self.embedder)
                peers[group].persist(where)
        if not ready:
            (persist_dir / READY).touch()
        timed("index", started)
        groups = {g: p for g, p in peers.items() if g is not None}
        return PeerCollection(peers.get(None), timed, groups)


def for_each(
    systems: list[System], measure: Callable[[System, list[dict]], dict[str, Any]]
) -> tuple[dict[str, dict[str, Any]], dict[str, list[dict]]]:
    """measure(system, answer_log) for every system: figures and answers by system name."""
    results: dict[str, dict[str, Any]] = {}
    logs: dict[str, list[dict]] = {}
    for system in systems:
        logs[system.name] = []
        results[system.name] = measure(system, logs[system.name])
    return results, logs


# --- rows -----------------------------------------------------------------------------------


@dataclass
class Row:
    """One measure for both systems; target is (">=" | "<=", value) or None."""

    bench: str
    measure: str
    values: dict[str, Any]
    target: tuple[str, float] | None = None
    target_text: str = ""

    def target_label(self) -> str:
        if self.target_text or self.target is None:
            return self.target_text
        op, goal = self.target
        return f"{'≥' if op == '>=' else '≤'} {goal:.2f}"

    def meets(self, system: str) -> bool | None:
        value = self.values.get(system)
        if self.target is None or value is None:
            return None
        if isinstance(value, str):  # "P/N"
            got, total = (int(x) for x in value.split("/"))
            value = got / total if total else 0.0
        op, goal = self.target
        return value >= goal if op == ">=" else value <= goal
