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
    library: str | None = None  # the library (collection) it belongs to
    dateline: str | None = None  # the place a wire story is filed from
    row: int | None = field(default=None, compare=False)  # its row in the catalog

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["row"]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        return cls(
            article_id=data["article_id"],
            title=data.get("title") or data["article_id"],
            **{k: data.get(k) for k in ("outlet", "published", "byline", "url", "source_path",
                                        "library", "dateline")},
        )  # fmt: skip


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of an article."""

    chunk_id: str
    article: Article
    text: str
    score: float
    start: int = 0  # the chunk's span in the article's clean text
    end: int = 0

    def to_json(self, rank: int) -> dict[str, Any]:
        return {
            "rank": rank,
            "article_id": self.article.article_id,
            "title": self.article.title,
            "outlet": self.article.outlet,
            "published": self.article.published,
            "text": self.text,
            "score": round(self.score, 6),
            "article": self.article.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Passage:
        return cls(data["article_id"], Article.from_json(data["article"]), data["text"],
                   float(data["score"]))  # fmt: skip


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
        article = Article.from_json(data)
        quotes = tuple(data.get("quotes") or [data["quote"]])
        return cls(int(data["n"]), article, quotes, data.get("passage") or quotes[0])


@dataclass(frozen=True)
class Line:
    """One line of an answer: a verbatim sentence (with an evidence label in front, in evidence
    answers), the citations that report it, and how many outlets those are."""

    text: str
    citations: tuple[int, ...]
    outlets: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "citations": list(self.citations), "outlets": self.outlets}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Line:
        return cls(data["text"], tuple(data["citations"]), int(data.get("outlets", 1)))


@dataclass(frozen=True)
class Claim:
    """One side of a conflict: the value a source gives, the sentence that gives it, its [n]."""

    text: str
    n: int
    value: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "n": self.n, "value": self.value}


ANSWER_KINDS = ("answer", "evidence", "abstained")


@dataclass
class Answer:
    """An answer: text with [n] markers, and the citations those markers point to.

    ``kind`` is "answer" (sentences that answer the question), "evidence" (the best sentence of
    each relevant source, for comparisons and yes/no questions no one sentence answers) or
    "abstained". ``conflicts`` lists claims on which the cited sources disagree; ``note`` is one
    plain line shown with an abstention (what the asked-about speaker *is* quoted on), with no
    citations.
    """

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    retrieval_query: str = ""
    entities: list[str] = field(default_factory=list)
    kind: str = "answer"
    lines: list[Line] = field(default_factory=list)
    conflicts: list[list[Claim]] = field(default_factory=list)
    note: str | None = None
    read_as: str = ""  # the question in full, when it only changed the one before's topic

    @property
    def answer_kind(self) -> str:
        return "abstained" if self.abstained else self.kind

    def to_json(self, full: bool = False) -> dict[str, Any]:
        """The JSON contract; ``full`` adds what a process needs to rebuild the Answer."""
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "answer_kind": self.answer_kind,
            "citations": [c.to_json(with_passage=full) for c in self.citations],
            "conflicts": [{"claims": [c.to_json() for c in claims]} for claims in self.conflicts],
            "lines": [line.to_json() for line in self.lines],
            "note": self.note,
            "retrieval_query": self.retrieval_query,
        }
        if full:
            data["entities"] = list(self.entities)
            data["read_as"] = self.read_as
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answer:
        kind = data.get("answer_kind", "abstained" if data["abstained"] else "answer")
        return cls(
            question=data["question"], answer=data["answer"], abstained=data["abstained"],
            citations=[Citation.from_json(c) for c in data["citations"]],
            retrieval_query=data.get("retrieval_query", ""),
            entities=list(data.get("entities", [])),
            kind="answer" if kind == "abstained" else kind,
            lines=[Line.from_json(x) for x in data.get("lines", [])],
            conflicts=[[Claim(c["text"], int(c["n"]), c.get("value", "")) for c in x["claims"]]
                       for x in data.get("conflicts", [])],
            note=data.get("note"), read_as=data.get("read_as", ""),
        )  # fmt: skip


@dataclass(frozen=True)
class IngestedArticle:
    """What ingest did with one article: status is new, replaced, unchanged, duplicate (an
    exact copy, not indexed) or copy (a near-duplicate, kept to corroborate ``same_as``)."""

    article_id: str
    source: str
    title: str
    outlet: str | None
    published: str | None
    status: str
    chunks: int
    same_as: Article | None = None  # for a duplicate: the article it copies
    source_key: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["same_as"] = self.same_as.to_json() if self.same_as else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IngestedArticle:
        same_as = Article.from_json(data["same_as"]) if data.get("same_as") else None
        return cls(**{**data, "same_as": same_as})


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did."""

    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    duplicates: int = 0
    copies: int = 0
    chunks: int = 0
    seconds: float = 0.0
    article_ids: tuple[str, ...] = ()
    articles: tuple[IngestedArticle, ...] = ()

    @classmethod
    def from_results(cls, results: list[IngestedArticle], seconds: float) -> IngestReport:
        def count(status: str) -> int:
            return sum(1 for r in results if r.status == status)

        return cls(
            new=count("new"), unchanged=count("unchanged"), replaced=count("replaced"),
            duplicates=count("duplicate"), copies=count("copy"),
            chunks=sum(r.chunks for r in results),
            seconds=seconds, article_ids=tuple(r.article_id for r in results),
            articles=tuple(results),
        )  # fmt: skip

    def summary(self) -> str:
        dupes = f", {self.duplicates} already indexed" if self.duplicates else ""
        dupes += f", {self.copies} near-copies of indexed articles" if self.copies else ""
        return (
            f"{self.new} new, {self.unchanged} unchanged, {self.replaced} replaced{dupes}; "
            f"{self.chunks} chunks embedded in {self.seconds:.1f}s"
        )

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k != "articles"}
        data["article_ids"] = list(self.article_ids)
        data["articles"] = [a.to_json() for a in self.articles]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IngestReport:
        articles = tuple(IngestedArticle.from_json(a) for a in data.get("articles", []))
        return cls.from_results(list(articles), float(data.get("seconds", 0.0)))
