"""The naive peer newsbot is compared with: plain llama-index vector search, never abstaining.

llama-index's `VectorStoreIndex` over `SentenceSplitter(chunk_size=256)` chunks, embedded with the
same bundled MiniLM model as newsbot (wrapped as a llama-index `BaseEmbedding`, so nothing is
downloaded). Every question is answered with its top k chunks, each cited as its article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llama_index.core import Document, StorageContext, VectorStoreIndex, load_index_from_storage
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.node_parser import SentenceSplitter
from pydantic import PrivateAttr

from index.embedding import Embedder

CHUNK_SIZE = 256
ANSWER_CHUNKS = 3


class MiniLMEmbedding(BaseEmbedding):
    """newsbot's Embedder as a llama-index embedding model."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name="all-MiniLM-L6-v2", embed_batch_size=64, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return [float(x) for x in self._embedder.encode_one(query)]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [[float(x) for x in row] for row in self._embedder.encode(texts)]


def document(article_id: str, text: str, **metadata: str | None) -> Document:
    """A llama-index document; title/outlet/date are embedded with the text (llama-index's
    default), the article id is not."""
    meta = {key: value for key, value in metadata.items() if value}
    return Document(
        text=text,
        metadata={"article_id": article_id, **meta},
        excluded_embed_metadata_keys=["article_id"],
        excluded_llm_metadata_keys=["article_id"],
    )


class PeerIndex:
    """A VectorStoreIndex that answers with its top chunks and never abstains."""

    def __init__(self, index: VectorStoreIndex, embed_model: MiniLMEmbedding) -> None:
        self.index = index
        self.embed_model = embed_model

    @classmethod
    def build(cls, documents: list[Document], embedder: Embedder) -> PeerIndex:
        embed_model = MiniLMEmbedding(embedder)
        splitter = SentenceSplitter(chunk_size=CHUNK_SIZE)
        index = VectorStoreIndex.from_documents(
            documents, embed_model=embed_model, transformations=[splitter]
        )
        return cls(index, embed_model)

    @classmethod
    def load(cls, persist_dir: Path, embedder: Embedder) -> PeerIndex:
        embed_model = MiniLMEmbedding(embedder)
        storage = StorageContext.from_defaults(persist_dir=str(persist_dir))
        index = load_index_from_storage(storage, embed_model=embed_model)
        assert isinstance(index, VectorStoreIndex)
        return cls(index, embed_model)

    def persist(self, persist_dir: Path) -> None:
        self.index.storage_context.persist(persist_dir=str(persist_dir))

    def search(self, query: str, k: int) -> list[tuple[str, str]]:
        """(article id, chunk text) of the k nearest chunks, best first."""
        retriever = self.index.as_retriever(similarity_top_k=k)
        hits = retriever.retrieve(query)
        return [(str(h.node.metadata["article_id"]), h.node.get_content()) for h in hits]

    def ask(self, question: str, k: int = ANSWER_CHUNKS) -> dict[str, Any]:
        """The top k chunks as an answer in newsbot's JSON contract, one source per article."""
        numbers: dict[str, int] = {}
        quotes: dict[str, list[str]] = {}
        parts = []
        for article_id, text in self.search(question, k):
            n = numbers.setdefault(article_id, len(numbers) + 1)
            quotes.setdefault(article_id, []).append(text)
            parts.append(f"{text} [{n}]")
        citations = [
            {"n": n, "article_id": aid, "quote": quotes[aid][0], "quotes": quotes[aid]}
            for aid, n in numbers.items()
        ]
        return {
            "question": question,
            "answer": "\n\n".join(parts),
            "abstained": False,
            "answer_kind": "answer",
            "citations": citations,
            "conflicts": [],
        }
