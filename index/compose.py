"""From chosen sentences to an Answer: numbered citations, corroboration, labels, conflicts.

Each answer line is one verbatim sentence followed by the [n] of every article that reports it:
its own, the articles whose sentence says the same (twins), and the near-duplicate copies of
those articles (syndicated copies: linked at ingest, see index/writer.py). Articles are numbered
in order of first use, and each citation lists that article's own sentences, verbatim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from index.catalog import Catalog
from index.citations import citation_numbers
from index.models import Answer, Article, Citation, Claim, Line
from index.text import content_stems

# A copy's sentence corroborates a cited one when their words overlap this much (Jaccard).
COPY_SENTENCE_JACCARD = 0.6


@dataclass
class Quote:
    """A sentence to show (or to cite beside another), from one article."""

    article: Article
    text: str
    passage: str  # what /source n shows: the passage the sentence comes from
    twins: list[Quote] = field(default_factory=list)
    label: str = ""  # evidence lines and source questions: "Outlet (date), Other (date): "


def label_for_all(articles: Sequence[Article]) -> str:
    """ "Reuters (2023-11-09), Yonhap (2023-11-10): " for a line that several sources report
    (a source question: "Which outlet reported that ...?"); outlets named first."""
    ordered = sorted(articles, key=lambda a: a.outlet is None)
    return ", ".join(dict.fromkeys(_source(a) for a in ordered)) + ": "


def _source(article: Article) -> str:
    who = article.outlet or f"“{article.title}”"
    return f"{who} ({article.published})" if article.published else who


def add_copies(catalog: Catalog, quotes: Sequence[Quote]) -> None:
    """Cite the near-duplicate copies of each quoted article beside it, by their own sentence."""
    rows = [q.article.row for q in quotes if q.article.row is not None]
    copies = catalog.copies_of(rows)
    if not copies:
        return
    articles = catalog.articles_by_row([c for found in copies.values() for c in found])
    for quote in quotes:
        for copy_row in copies.get(quote.article.row or -1, []):
            text = _matching_sentence(catalog, copy_row, quote.text)
            if text is not None:
                quote.twins.append(Quote(articles[copy_row], text, text))


def _matching_sentence(catalog: Catalog, row: int, text: str) -> str | None:
    mine = set(content_stems(text))
    best, best_score = None, 0.0
    for sentence in catalog.article_sentences(row):
        if sentence.text == text:
            return text
        theirs = set(content_stems(sentence.text))
        union = mine | theirs
        score = len(mine & theirs) / len(union) if union else 0.0
        if score > best_score:
            best, best_score = sentence.text, score
    return best if best_score >= COPY_SENTENCE_JACCARD else None


def compose(answer: Answer, quotes: Sequence[Quote], kind: str = "answer") -> Answer:
    """Fill the answer from its lines; abstain if the markers would not match the citations."""
    order: list[str] = []
    sentences: dict[str, list[str]] = {}
    firsts: dict[str, Quote] = {}
    lines: list[Line] = []
    for quote in quotes:
        numbers: list[int] = []
        outlets: set[str] = set()
        for one in [quote, *quote.twins]:
            aid = one.article.article_id
            if aid not in sentences:
                order.append(aid)
                sentences[aid] = []
                firsts[aid] = one
            if one.text not in sentences[aid]:
                sentences[aid].append(one.text)
            n = order.index(aid) + 1
            if n not in numbers:
                numbers.append(n)
            outlets.add((one.article.outlet or one.article.article_id).lower())
        markers = "".join(f"[{n}]" for n in numbers)
        lines.append(Line(f"{quote.label}{quote.text} {markers}", tuple(numbers), len(outlets)))
    citations = [
        Citation(n, firsts[aid].article, tuple(sentences[aid]), firsts[aid].passage)
        for n, aid in enumerate(order, start=1)
    ]
    text = "\n".join(line.text for line in lines)
    if not lines or citation_numbers(text) != [c.n for c in citations]:
        return answer  # the contract is checked every time; an answer that breaks it abstains
    answer.answer, answer.abstained, answer.kind = text, False, kind
    answer.citations, answer.lines = citations, lines
    return answer


def conflict_claims(
    answer: Answer, pairs: Sequence[Sequence[tuple[Quote, str]]]
) -> list[list[Claim]]:
    """Conflicts as claims with the citation numbers the composed answer gave their sources."""
    numbers = {c.article.article_id: c.n for c in answer.citations}
    out = []
    for pair in pairs:
        claims = [
            Claim(q.text, numbers[q.article.article_id], value)
            for q, value in pair
            if q.article.article_id in numbers
        ]
        if len(claims) >= 2:
            out.append(claims)
    return out
