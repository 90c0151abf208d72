"""The answer model: articles, passages, citations and answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CANNOT_ANSWER = "The indexed articles do not answer this question."


@dataclass(frozen=True)
class Article:
    """One indexed article and the metadata parsed from it."""

    article_id: str
    title: str
    outlet: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    byline: str | None = None
    url: str | None = None
    source_path: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of an article."""

    chunk_id: str
    article: Article
    text: str
    score: float

    def to_json(self, rank: int) -> dict[str, Any]:
        return {
            "rank": rank,
            "article_id": self.article.article_id,
            "title": self.article.title,
            "outlet": self.article.outlet,
            "published": self.article.published,
            "text": self.text,
            "score": round(self.score, 6),
        }


@dataclass(frozen=True)
class Citation:
    """Source n of an answer: an article and the sentences quoted from it, verbatim."""

    n: int
    article: Article
    quotes: tuple[str, ...]
    passage: str  # the retrieved chunk the first quote comes from

    @property
    def quote(self) -> str:
        return self.quotes[0]

    def to_json(self, with_passage: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "n": self.n,
            "article_id": self.article.article_id,
            "title": self.article.title,
            "outlet": self.article.outlet,
            "published": self.article.published,
            "url": self.article.url,
            "quote": self.quote,
            "quotes": list(self.quotes),
        }
        if with_passage:
            data["passage"] = self.passage
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Citation:
        article = Article(
            article_id=data["article_id"],
            title=data.get("title") or data["article_id"],
            outlet=data.get("outlet"),
            published=data.get("published"),
            url=data.get("url"),
        )
        quotes = tuple(data.get("quotes") or [data["quote"]])
        return cls(int(data["n"]), article, quotes, data.get("passage") or quotes[0])


@dataclass
class Answer:
    """An answer: text with [n] markers, and the citations those markers point to."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    retrieval_query: str = ""
    entities: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "retrieval_query": self.retrieval_query,
        }


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did."""

    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    chunks: int = 0
    seconds: float = 0.0
    article_ids: tuple[str, ...] = ()

    def summary(self) -> str:
        return (
            f"{self.new} new, {self.unchanged} unchanged, {self.replaced} replaced; "
            f"{self.chunks} chunks embedded in {self.seconds:.1f}s"
        )
