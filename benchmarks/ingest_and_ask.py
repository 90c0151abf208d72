"""Measure ingest speed on the built-in corpus and warm `ask` latency; prints figures.

.venv/bin/python benchmarks/ingest_and_ask.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from index.embedding import Embedder
from index.loaders import load_sources
from index.service import NewsIndex, builtin_corpus

QUESTIONS = [
    "What did Blinken say about Russia?",
    "Who is South Korea's foreign minister?",
    "When did Blinken arrive in South Korea?",
    "What will Lloyd Austin do in Seoul?",
    "What is extended deterrence?",
    "Who took part in the Camp David summit in August?",
    "What did Blinken say about climate change?",
    "What is the capital of Australia?",
    "How many artillery shells did North Korea ship?",
    "What are the protesters demanding?",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        embedder = Embedder(cache_dir=Path(tmp) / "models")
        embedder.encode(["warm up"])
        print(f"model load: {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        embedder.warm_up()
        print(f"ONNX export and load for questions: {time.perf_counter() - started:.2f} s")

        index = NewsIndex(Path(tmp), collection="bench", embedder=embedder, create=True)
        articles = load_sources([str(builtin_corpus())])
        started = time.perf_counter()
        report = index.ingest_loaded(articles)
        seconds = time.perf_counter() - started
        sentences = index.catalog.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
        print(
            f"ingest: {report.new} articles, {report.chunks} chunks + {sentences} sentence vectors "
            f"in {seconds:.2f} s = {report.chunks / seconds:.1f} chunks/s "
            f"({(report.chunks + sentences) / seconds:.1f} vectors/s)"
        )
        started = time.perf_counter()
        again = index.ingest_loaded(load_sources([str(builtin_corpus())]))
        print(
            f"re-ingest unchanged: {again.unchanged} unchanged in {time.perf_counter() - started:.3f} s"
        )

        index.warm_up(ingest=False)  # as the bot does at start-up, before its first question
        index.ask(QUESTIONS[0])
        latencies = []
        for _ in range(args.rounds):
            for question in QUESTIONS:
                started = time.perf_counter()
                index.ask(question)
                latencies.append((time.perf_counter() - started) * 1000)
        latencies.sort()
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(
            f"ask (warm, {len(latencies)} questions): p50 {statistics.median(latencies):.1f} ms, "
            f"p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms"
        )


if __name__ == "__main__":
    main()
