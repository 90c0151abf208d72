"""The extractive answerer: verbatim sentences from retrieved passages, each with its citation."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import numpy as np

from index.citations import citation_numbers
from index.embedding import Embedder
from index.followup import contextualize
from index.models import CANNOT_ANSWER, Answer, Article, Citation, Passage
from index.retrieval import HybridRetriever
from index.store import Library, Store
from index.text import content_stems, words
from index.writer import metadata_text

logger = logging.getLogger(__name__)

PASSAGES = 10
MAX_SENTENCES = 4
DENSE_WEIGHT = 0.6
SENTENCE_WEIGHT = 0.3
CONTEXT_WEIGHT = 0.1
PRIOR_WEIGHT = 0.05
# Added to every term's IDF so that common words still count in a small collection.
IDF_SMOOTHING = 0.5
# Bonus for a sentence of the kind the question asks for (a name for "who", a date for "when"...).
TYPE_BONUS = 0.06
# A sentence joins the answer when it scores this close to the best one.
RELATIVE_FLOOR = 0.7
# Below these the best sentence is not an answer (tuned on the dev questions only).
MIN_DENSE = 0.2
MIN_COVERAGE = 0.5
# Questions with this many topic words are read as multi-part questions.
MULTIPART_TERMS = 8
# Share of the question's topic words the collection never uses at which we abstain.
MAX_UNKNOWN_SHARE = 0.5
DUPLICATE_JACCARD = 0.45
DUPLICATE_COSINE = 0.85
_SPEECH_QUESTION = re.compile(
    r"\b(?:say|said|says|tell|told|speak|spoke|comment|remark|state)\b", re.I
)
_SPEECH = re.compile(
    r"\b(?:said|says|told|added|stressed|noted|urged|warned|vowed|quoted|according to)\b|[\"“”]",
    re.I,
)
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+")
_WHEN = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|"
    r"\d{4}|yesterday|today|tomorrow|last (?:week|month|year)|next (?:week|month|year))\b"
)
_HOW_MANY = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|"
    r"millions?|billions?)\b",
    re.I,
)
_WHERE = re.compile(r"\b(?:in|at|to|for|from|near)\s+(?:the\s+)?[A-Z][a-z]+")
_ANSWER_TYPES = (
    (re.compile(r"^\s*(?:who|whom|whose)\b", re.I), _NAME),
    (re.compile(r"^\s*when\b|\bwhat (?:day|date|time|year|month)\b", re.I), _WHEN),
    (re.compile(r"^\s*how (?:many|much|long|far|old)\b", re.I), _HOW_MANY),
    (re.compile(r"^\s*where\b", re.I), _WHERE),
)
_SOURCE_QUESTION = re.compile(
    r"\b(?:which|what)\s+(?:news\s+)?(?:outlet|newspaper|paper|publication|agency|media|source|"
    r"site|website|wire)s?\b|\bwho\s+(?:reported|wrote|published)\b",
    re.I,
)


@dataclass(frozen=True)
class Vocabulary:
    """IDF of the words a question uses; a word no chunk uses is missing from ``idf``."""

    idf: dict[str, float]


@dataclass(frozen=True)
class ChunkSentences:
    metadata: frozenset[str]  # stems of the article's outlet and title
    context: frozenset[str]  # stems of the chunk, plus the metadata stems
    sentences: list[tuple[str, str, frozenset[str], np.ndarray]]  # id, text, stems, vector


@dataclass
class Candidate:
    article: Article
    text: str
    passage: str
    stems: frozenset[str]
    vector: np.ndarray
    prior: float
    context: frozenset[str] = frozenset()
    metadata: frozenset[str] = frozenset()
    dense: float = 0.0
    coverage: float = 0.0
    context_coverage: float = 0.0
    score: float = 0.0
    twins: list[Candidate] = field(default_factory=list)


def unknown_topic_words(question: str, bm25: Vocabulary) -> tuple[list[str], list[str]]:
    """The question's topic words, and those of them the collection never uses."""
    if match := _SOURCE_QUESTION.search(question):
        question = question[: match.start()] + question[match.end() :]
    topic = list(dict.fromkeys(content_stems(question)))
    return topic, [t for t in topic if t not in bm25.idf]


def _names_missing_entity(question: str, bm25: Vocabulary) -> bool:
    """True when a capitalised name in the question (not its first word) is unknown here."""
    tokens = re.findall(r"[A-Za-z][\w'’-]*", question)
    for word in tokens[1:]:
        if word[0].isupper() and len(word) > 1:
            stems = content_stems(word)
            if stems and all(s not in bm25.idf for s in stems):
                return True
    return False


def _is_duplicate(a: Candidate, b: Candidate) -> bool:
    union = a.stems | b.stems
    jaccard = len(a.stems & b.stems) / len(union) if union else 0.0
    return jaccard >= DUPLICATE_JACCARD or float(a.vector @ b.vector) >= DUPLICATE_COSINE


def number_citations(lines: list[list[Candidate]]) -> tuple[list[str], list[Citation]]:
    """Answer lines with [n] markers, and citations numbered in order of first use.

    Each line is a shown sentence followed by the twins that say the same thing elsewhere; every
    article gets one number, and its citation lists each of its sentences used.
    """
    order: list[str] = []
    quotes: dict[str, list[str]] = {}
    firsts: dict[str, Candidate] = {}
    rendered: list[str] = []
    for line in lines:
        markers: list[str] = []
        for cand in line:
            aid = cand.article.article_id
            if aid not in quotes:
                order.append(aid)
                quotes[aid] = []
                firsts[aid] = cand
            if cand.text not in quotes[aid]:
                quotes[aid].append(cand.text)
            marker = f"[{order.index(aid) + 1}]"
            if marker not in markers:
                markers.append(marker)
        rendered.append(f"{line[0].text} {''.join(markers)}")
    citations = [
        Citation(n, firsts[aid].article, tuple(quotes[aid]), firsts[aid].passage)
        for n, aid in enumerate(order, start=1)
    ]
    return rendered, citations


class ExtractiveAnswerer:
    """Answers from the sentences of the best passages; abstains when none answers."""

    def __init__(self, store: Store, retriever: HybridRetriever, embedder: Embedder) -> None:
        self.store = store
        self.retriever = retriever
        self.embedder = embedder
        self._chunks: dict[str, ChunkSentences] = {}

    def _vocabulary(self, *texts: str) -> Vocabulary:
        terms = list(dict.fromkeys(t for text in texts for t in content_stems(text)))
        idf, _unseen = self.retriever.idf(terms)
        return Vocabulary(idf)

    def answer(
        self,
        question: str,
        libraries: list[Library],
        previous_entities: tuple[str, ...] = (),
    ) -> Answer:
        bm25 = self._vocabulary(question, *previous_entities)
        # Names the collection never mentions (from a question it could not answer) carry nothing.
        known = tuple(e for e in previous_entities if any(s in bm25.idf for s in content_stems(e)))
        ctx = contextualize(question, known)
        result = Answer(question, CANNOT_ANSWER, True, [], ctx.query, list(ctx.entities))
        # The lexical checks come first: they cost nothing next to embedding and retrieval.
        topic, unknown = unknown_topic_words(question, bm25)
        if not topic and not ctx.carried:
            return result
        if _names_missing_entity(question, bm25) or (
            topic and len(unknown) / len(topic) >= MAX_UNKNOWN_SHARE
        ):
            logger.debug("abstain: unknown topic words %s of %s", unknown, topic)
            return result
        vector = self.embedder.encode_one(ctx.query)
        passages = self.retriever.retrieve(ctx.query, vector, libraries, k=PASSAGES)
        if not passages:
            return result
        focus = list(dict.fromkeys(topic + content_stems(" ".join(ctx.carried))))
        candidates = self._score(self._candidates(passages), vector, focus, bm25, question)
        candidates = [c for c in candidates if _mentions_enough(c.context, ctx.own_entities)]
        if ctx.own_entities:  # a sentence naming none of the question's names is off its topic
            candidates = [c for c in candidates if _names_any(c, ctx.own_entities)]
        if not candidates:
            return result
        best = candidates[0]
        logger.debug(
            "best %.3f dense %.3f cover %.3f context %.3f: %s",
            best.score, best.dense, best.coverage, best.context_coverage, best.text,
        )  # fmt: skip
        lines = self._select(candidates)
        covered = best.coverage
        if len(focus) >= MULTIPART_TERMS:
            # A long question asks several things at once; judge the answer's sentences together.
            weights = _term_weights(focus, bm25)
            found = set().union(*(c.stems | c.metadata for c in lines))
            covered = sum(w for t, w in weights.items() if t in found) / sum(weights.values())
        if best.dense < MIN_DENSE or covered < MIN_COVERAGE:
            return result
        rendered, citations = number_citations([[c, *c.twins] for c in lines])
        if _SOURCE_QUESTION.search(question):
            rendered = [
                _attribute(line, [c.article, *(t.article for t in c.twins)])
                for line, c in zip(rendered, lines, strict=True)
            ]
        text = "\n".join(rendered)
        if citation_numbers(text) != [c.n for c in citations]:  # the contract, checked every time
            logger.error("citation markers do not match the sources; abstaining: %r", text)
            return result
        result.answer = text
        result.abstained = False
        result.citations = citations
        return result

    def _candidates(self, passages: list[Passage]) -> list[Candidate]:
        seen: dict[str, Candidate] = {}
        for rank, passage in enumerate(passages):
            parsed = self._chunk_sentences(passage)
            for sid, sentence, stems, vector in parsed.sentences:
                if sid not in seen:
                    seen[sid] = Candidate(
                        passage.article, sentence, passage.text, stems, vector,
                        1.0 / (1 + rank), parsed.context, parsed.metadata,
                    )  # fmt: skip
        return list(seen.values())

    def _chunk_sentences(self, passage: Passage) -> ChunkSentences:
        """A chunk's sentences with their stems and vectors, worked out once per chunk (a chunk
        id names its content, so the cache never goes stale)."""
        cached = self._chunks.get(passage.chunk_id)
        if cached is not None:
            return cached
        assert passage.article.row is not None
        stored = self.store.catalog.sentences_in(passage.article.row, passage.start, passage.end)
        article = passage.article
        metadata = frozenset(content_stems(metadata_text(article.outlet, article.title)))
        parsed = ChunkSentences(
            metadata=metadata,
            context=metadata | frozenset(content_stems(passage.text)),
            sentences=[
                (str(s.row), s.text, frozenset(content_stems(s.text)), s.vector)
                for s in stored
                if len(words(s.text)) >= 4
            ],
        )
        if len(self._chunks) > 20_000:
            self._chunks.clear()
        self._chunks[passage.chunk_id] = parsed
        return parsed

    def _score(
        self,
        candidates: list[Candidate],
        vector: np.ndarray,
        focus: list[str],
        bm25: Vocabulary,
        question: str,
    ) -> list[Candidate]:
        wanted = [kind for ask, kind in _ANSWER_TYPES if ask.search(question)]
        if _SPEECH_QUESTION.search(question):
            wanted.append(_SPEECH)
        weights = _term_weights(focus, bm25)
        total = sum(weights.values()) or 1.0
        for cand in candidates:
            cand.dense = float(cand.vector @ vector)
            cand.coverage = sum(w for t, w in weights.items() if t in cand.stems) / total
            cand.context_coverage = sum(w for t, w in weights.items() if t in cand.context) / total
            cand.score = (
                DENSE_WEIGHT * cand.dense
                + SENTENCE_WEIGHT * cand.coverage
                + CONTEXT_WEIGHT * cand.context_coverage
                + PRIOR_WEIGHT * cand.prior
            )
            if any(kind.search(cand.text) for kind in wanted):
                cand.score += TYPE_BONUS
        return sorted(candidates, key=lambda c: -c.score)

    def _select(self, ranked: list[Candidate]) -> list[Candidate]:
        chosen: list[Candidate] = []
        floor = ranked[0].score * RELATIVE_FLOOR
        for cand in ranked:
            if cand.score < floor:
                break
            twin_of = next((c for c in chosen if _is_duplicate(c, cand)), None)
            if twin_of is not None:
                known = {t.article.article_id for t in [twin_of, *twin_of.twins]}
                if cand.article.article_id not in known:
                    twin_of.twins.append(cand)
                continue
            if len(chosen) < MAX_SENTENCES:
                chosen.append(cand)
        return chosen


def _term_weights(focus: list[str], bm25: Vocabulary) -> dict[str, float]:
    """How much each topic word counts: its IDF, smoothed so common words still count."""
    known = [bm25.idf[t] for t in focus if t in bm25.idf]
    # A topic word the collection never uses counts as an average one that no sentence has.
    average = sum(known) / len(known) if known else 1.0
    return {t: IDF_SMOOTHING + bm25.idf.get(t, average) for t in focus}


def _names_any(candidate: Candidate, entities: tuple[str, ...]) -> bool:
    """True when the sentence, or its article's outlet and title, names one of the entities."""
    named = candidate.stems | candidate.metadata
    return any(s in named for e in entities for s in content_stems(e))


def _mentions_enough(context: frozenset[str], entities: tuple[str, ...]) -> bool:
    """True when the passage names the question's first entity and half of all of them.

    The first name is usually the subject ("What did Kishida say about ..."); a passage that
    does not name it cannot say what the subject did, however well it matches the rest.
    """
    found = [
        not stems or any(s in context for s in stems)
        for stems in (content_stems(e) for e in entities)
    ]
    return not found or (found[0] and 2 * sum(found) >= len(found))


def _attribute(line: str, articles: list[Article]) -> str:
    """Prefix a line with who reported it, for questions that ask which outlet did."""
    names = []
    for article in articles:
        who = article.outlet or f"“{article.title}”"
        when = f" ({article.published})" if article.published else ""
        if f"{who}{when}" not in names:
            names.append(f"{who}{when}")
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{who} reported: {line}"
