"""Scale: a 100,000-chunk library, cold start, memory, ask latency and add-to-answerable.

    .venv/bin/python benchmarks/scale.py [--chunks 100000] [--dir /tmp/newsbot-scale]
                                         [--store embedded|server|both] [--keep]

Builds a library of synthetic articles (1,500 words each, real layout: headline, outlet, date,
paragraphs of sentences) through NewsIndex's own ingest, but with vectors from a hashing
encoder instead of the model so that building takes minutes, not hours; attributions are not
extracted for the synthetic articles. Then, in a fresh process with the real model:

- cold start: process start to the first answer;
- ask p50/p95 over 200 questions;
- add-to-answerable: ingest one new 1,500-word article (real model, full pipeline) and ask a
  question only it answers, timed from the start of the ingest to the answer;
- peak RSS of that process (the embedding model included).

It runs against the embedded store and against a chroma server (`chroma run`).
Targets (issue 7): cold start < 5 s, peak RSS < 1.5 GB, ask p95 < 100 ms, add < 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

WORDS_PER_ARTICLE = 1500
ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------------- corpus
def vocabulary() -> list[str]:
    from index.embedding import Embedder

    vocab = json.loads((Embedder().model_path / "tokenizer.json").read_text())["model"]["vocab"]
    return sorted(w for w in vocab if w.isalpha() and w.islower() and 4 <= len(w) <= 12)


def synthetic_article(n: int, words: list[str]) -> str:
    rng = random.Random(n)
    title = " ".join(rng.sample(words, 7)).capitalize()
    lines = [
        f"Title: {title}",
        f"Source: Outlet {n % 40}",
        f"Date: 2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
        "",
    ]
    total = 0
    while total < WORDS_PER_ARTICLE:
        paragraph = []
        for _ in range(rng.randint(2, 4)):
            size = rng.randint(12, 28)
            sentence = " ".join(rng.choices(words, k=size))
            paragraph.append(sentence.capitalize() + ".")
            total += size
        lines += [" ".join(paragraph), ""]
    return "\n".join(lines)


class HashingEmbedder:
    """Stands in for the model while building: a bag of pseudo-random word vectors, so texts that
    share words are close, at a tiny fraction of the model's cost."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.table = np.random.default_rng(0).standard_normal((1 << 16, 384)).astype(np.float32)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i, text in enumerate(texts):
            rows = [hash(w) & 0xFFFF for w in text.lower().split()[:256]]
            out[i] = self.table[rows].sum(axis=0)
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out


def build(data_dir: Path, collection: str, chunks: int, host: str | None, port: int) -> None:
    from index.cleaning import clean_article
    from index.embedding import Embedder
    from index.loaders import LoadedArticle, content_hash
    from index.service import NewsIndex

    words = vocabulary()
    real = Embedder(cache_dir=data_dir / "models")
    real.warm_up()  # the one-time ONNX export happens here, as on any first run
    index = NewsIndex(
        data_dir,
        collection,
        HashingEmbedder(real),
        host,
        port,
        create=True,
        analyser=None,  # type: ignore[arg-type]
    )
    started, n, batch = time.perf_counter(), 0, []
    while index.count_chunks() < chunks:
        text = synthetic_article(n, words)
        clean = clean_article(text)
        batch.append(
            LoadedArticle(f"synthetic-{n:06d}", f"synthetic-{n:06d}", clean, content_hash(clean))
        )
        n += 1
        if len(batch) == 50:
            index.ingest_loaded(batch)
            batch = []
            done = index.count_chunks()
            rate = done / (time.perf_counter() - started)
            print(
                f"\r  built {done:,} chunks ({n:,} articles, {rate:.0f} chunks/s)",
                end="",
                flush=True,
            )
    if batch:
        index.ingest_loaded(batch)
    print(
        f"\n  {index.count_chunks():,} chunks in {n:,} articles, built in {time.perf_counter() - started:.0f} s"
    )
    index.close()


# --------------------------------------------------------------------------------- measuring
def measure(data_dir: Path, collection: str, launched: float) -> dict[str, float]:
    """Runs in a fresh process: everything a user of a big library waits for."""
    from index.embedding import Embedder
    from index.service import NewsIndex

    words = vocabulary()
    host = os.environ.get("CHROMA_HOST") or None
    index = NewsIndex(data_dir, collection, Embedder(cache_dir=data_dir / "models"), host,
                      int(os.environ.get("CHROMA_PORT", "8000")))  # fmt: skip
    first = index.ask(f"What about the {words[100]} and the {words[2000]}?")
    cold = time.time() - launched
    started = time.perf_counter()
    index.warm_up()  # what the bot does once it answers: ready the ingest pipeline
    warm_up = time.perf_counter() - started
    rng = random.Random(7)
    latencies = []
    for _ in range(200):
        question = f"What did they say about {' '.join(rng.sample(words, 3))}?"
        started = time.perf_counter()
        index.ask(question)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    marker = "zorblaxian quantum lighthouse"
    story = synthetic_article(10_000_000, words).replace(
        "\n\n", f"\n\nThe {marker} was rebuilt by 4,200 volunteers in Mereth last spring.\n\n", 1
    )
    path = data_dir / "new-article.txt"
    path.write_text(story)
    started = time.perf_counter()
    index.ingest([str(path)])
    answer = index.ask(f"How many volunteers rebuilt the {marker}?")
    add = time.perf_counter() - started
    assert "4,200" in answer.answer, answer.answer
    index.forget("new-article")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "chunks": index.count_chunks(), "cold_start_s": cold, "first_abstained": first.abstained,
        "ask_p50_ms": statistics.median(latencies), "ask_p95_ms": latencies[int(0.95 * len(latencies)) - 1],
        "add_to_answerable_s": add, "peak_rss_mb": peak, "warm_up_s": warm_up,
    }  # fmt: skip


def run_measure(data_dir: Path, collection: str, env: dict[str, str]) -> dict[str, float]:
    launched = time.time()
    result = subprocess.run(
        [sys.executable, __file__, "--measure", str(data_dir), "--collection", collection,
         "--launched", str(launched)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"measuring failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def chroma_server(path: Path) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    chroma = str(Path(sys.executable).with_name("chroma"))
    proc = subprocess.Popen([chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    import httpx

    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).is_success:
                return proc, port
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("chroma server did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/newsbot-scale"))
    parser.add_argument("--store", choices=["embedded", "server", "both"], default="both")
    parser.add_argument("--keep", action="store_true", help="reuse a library built before")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--collection", default="scale", help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.collection, args.launched)))
        return
    print(f"cores: {os.cpu_count()}, target library: {args.chunks:,} chunks")
    rows = {}
    for store in ["embedded", "server"] if args.store == "both" else [args.store]:
        data_dir = args.dir / store
        if not args.keep and data_dir.exists():
            shutil.rmtree(data_dir)
        env = {**os.environ, "NEWSBOT_DATA_DIR": str(data_dir)}
        server = None
        if store == "server":
            server, port = chroma_server(data_dir / "server-chroma")
            env |= {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port)}
        try:
            print(f"{store}: building")
            if not (args.keep and (data_dir / "library.sqlite3").exists()):
                host = env.get("CHROMA_HOST")
                build(
                    data_dir,
                    args.collection,
                    args.chunks,
                    host,
                    int(env.get("CHROMA_PORT", "8000")),
                )
            rows[store] = run_measure(data_dir, args.collection, env)
        finally:
            if server:
                server.terminate()
                server.wait()
    print(f"\n{'measure':<26}" + "".join(f"{s:>14}" for s in rows) + f"{'target':>12}")
    targets = {"chunks": "", "cold_start_s": "< 5", "peak_rss_mb": "< 1536", "ask_p50_ms": "",
               "ask_p95_ms": "< 100", "warm_up_s": "", "add_to_answerable_s": "< 5"}  # fmt: skip
    for key, target in targets.items():
        cells = "".join(
            f"{rows[s][key]:>14,.1f}" if key != "chunks" else f"{int(rows[s][key]):>14,}"
            for s in rows
        )
        print(f"{key:<26}{cells}{target:>12}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
