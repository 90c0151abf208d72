"""The sentences an answer may quote: those of the passages retrieval ranks highest, each with
what the answerer reads from it (folded tokens for names, stems for words, named entities)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from index.catalog import Catalog
from index.catalog_text import StoredSentence
from index.models import Article, Passage
from index.names import fold_tokens
from index.text import content_stems, words
from index.values import YEAR
from index.writer import metadata_text

# Sentences shorter than this many words are not answers ("Loading...", "AP").
MIN_WORDS = 4
# Chunks whose sentences are kept worked out in memory (a chunk id names its content).
CHUNK_CACHE = 20_000


@dataclass(frozen=True)
class ReadSentence:
    """A stored sentence, read once: its tokens, stems and entities (label, text)."""

    sentence: StoredSentence
    tokens: tuple[str, ...]
    stems: frozenset[str]
    entities: tuple[tuple[str, str], ...]
    roles: tuple[tuple[str, str], ...]  # (verb, role) of each entity, when stored (index.roles)
    previous: StoredSentence | None  # the sentence before it, for "he", "that month"
    # (name form, label) -> whether the sentence, or its passage's years, name it (the sentence
    # is read once and kept: index.support._in_sentence)
    named: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False, repr=False)

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def vector(self) -> np.ndarray:
        return self.sentence.vector


@dataclass(frozen=True)
class ReadChunk:
    sentences: tuple[ReadSentence, ...]
    tokens: tuple[str, ...]  # the chunk's and its article's outlet and title
    stems: frozenset[str]
    # (name form, label) -> whether the chunk names it: the chunk is read once and kept, and
    # every sentence of it asks the same of it (index.support._in_context)
    named: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def years(self) -> tuple[str, ...]:
        """The chunk's tokens that are years."""
        return tuple(t for t in self.tokens if YEAR.fullmatch(t))


@dataclass
class Candidate:
    """A sentence that may be quoted, in the light of one question."""

    read: ReadSentence
    article: Article
    passage: Passage
    rank: int
    chunk: ReadChunk
    dense: float = 0.0
    score: float = 0.0
    values: tuple[str, ...] = ()  # the answer-type entities it gives
    detail: float = 0.0  # how fully it gives them: a date's day, month and year (0 to 1)
    twins: list[Candidate] = field(default_factory=list)
    speaker: str = ""  # "Who said X?": who the stored attribution says said it

    @property
    def text(self) -> str:
        return self.read.text

    @property
    def row(self) -> int:
        return self.read.sentence.row


class CandidatePool:
    """Reads the sentences of passages, caching each chunk's reading."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._chunks: OrderedDict[str, ReadChunk] = OrderedDict()

    def candidates(self, passages: list[Passage]) -> list[Candidate]:
        seen: dict[int, Candidate] = {}
        for rank, passage in enumerate(passages):
            chunk = self.read_chunk(passage)
            for read in chunk.sentences:
                if read.sentence.row not in seen:
                    seen[read.sentence.row] = Candidate(read, passage.article, passage, rank, chunk)
        return list(seen.values())

    def _sentence_before(self, article: int, first: StoredSentence) -> StoredSentence | None:
        """The sentence before a chunk's first, from the chunk before: "He" and "that month"
        at the start of a chunk refer back across its edge."""
        if first.position == 0:
            return None
        before = self.catalog.sentences_near(article, first.position - 1, 0)
        return before[0] if before else None

    def read_chunk(self, passage: Passage) -> ReadChunk:
        cached = self._chunks.get(passage.chunk_id)
        if cached is not None:
            self._chunks.move_to_end(passage.chunk_id)
            return cached
        article = passage.article
        assert article.row is not None
        stored = self.catalog.sentences_in(article.row, passage.start, passage.end)
        sentences = []
        previous = self._sentence_before(article.row, stored[0]) if stored else None
        referred: StoredSentence | None = None  # the sentence the one before referred back to
        for sentence in stored:
            before = previous
            if previous is not None and referred is not None:
                before = referred if _goes_on(previous.text, sentence.text) else previous
            if len(words(sentence.text)) >= MIN_WORDS:
                sentences.append(read_sentence(sentence, before))
            previous, referred = sentence, before
        meta = metadata_text(article.outlet, article.title, article.dateline)
        chunk = ReadChunk(
            tuple(sentences),
            tuple(fold_tokens(f"{meta}\n{passage.text}")),
            frozenset(content_stems(f"{meta}\n{passage.text}")),
        )
        self._chunks[passage.chunk_id] = chunk
        if len(self._chunks) > CHUNK_CACHE:
            self._chunks.popitem(last=False)
        return chunk


def _goes_on(before: str, sentence: str) -> bool:
    """ "X is based in Seoul. He served in the Army. He graduated from UCLA.": the third
    sentence's "He" is the second's, so it refers back past it to the one that names him."""
    return opens_personal(sentence) and before.split(maxsplit=1)[:1] == sentence.split()[:1]


def opens_personal(text: str) -> bool:
    """The text opens with "He" or "She"."""
    first = text.split(maxsplit=1)
    return bool(first) and first[0].lower() in ("he", "she")


def read_sentence(sentence: StoredSentence, previous: StoredSentence | None = None) -> ReadSentence:
    text = sentence.text
    entities = tuple((label, text[a:b]) for label, a, b in sentence.entities)
    return ReadSentence(
        sentence, tuple(fold_tokens(text)), frozenset(content_stems(text)), entities,
        sentence.roles, previous,
    )  # fmt: skip
