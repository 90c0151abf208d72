"""Retrieval and answer quality on RGB and MultiHop-RAG (../shared/benchmarks); prints figures.

    .venv/bin/python benchmarks/quality.py [--split dev|heldout] [--bench rgb|multihop|all]

Tune on dev only; run heldout to check that what works on dev generalises.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

from index.cleaning import clean_article
from index.embedding import Embedder
from index.loaders import LoadedArticle, content_hash
from index.service import NewsIndex

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"


def _article(article_id: str, text: str, **meta: str | None) -> LoadedArticle | None:
    clean = clean_article(text, **meta)
    if len(clean.text) < 20:
        return None
    return LoadedArticle(article_id, article_id, clean, content_hash(clean))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def rgb(index: NewsIndex, split: str) -> None:
    records = [json.loads(line) for line in (SHARED / "rgb" / "en_fact.jsonl").open()]
    records = [r for r in records if (r["id"] % 5 == 0) == (split == "heldout")]
    articles = []
    for r in records:
        for kind in ("positive", "negative"):
            for i, text in enumerate(r[kind]):
                if art := _article(f"rgb{r['id']}-{kind[:3]}{i}", text):
                    articles.append(art)
    started = time.perf_counter()
    report = index.ingest_loaded(articles)
    print(
        f"RGB {split}: {len(records)} queries, {report.chunks} chunks in {time.perf_counter() - started:.0f}s"
    )
    hits = answered = correct = 0
    for r in records:
        positives = {f"rgb{r['id']}-pos{i}" for i in range(len(r["positive"]))}
        results = index.search(r["query"], k=5)
        hits += any(p.article.article_id in positives for p in results)
        answer = index.ask(r["query"])
        golds = r["answer"] if isinstance(r["answer"], list) else [r["answer"]]
        flat = [g for item in golds for g in (item if isinstance(item, list) else [item])]
        answered += not answer.abstained
        correct += (not answer.abstained) and any(
            str(g).lower() in answer.answer.lower() for g in flat
        )
    n = len(records)
    print(f"  retrieval: positive passage in top 5: {hits}/{n} = {hits / n:.2f}")
    print(
        f"  answers: answered {answered}/{n}, contain the gold answer {correct}/{n} = {correct / n:.2f}"
    )


def multihop(index: NewsIndex, split: str) -> None:
    queries = json.loads((SHARED / "multihop_rag_sample" / "queries.json").read_text())["queries"]
    truth = json.loads((SHARED / "multihop_rag_sample" / "ground_truth.json").read_text())
    queries = [q for q in queries if (int(q["id"]) % 2 == 0) == (split == "dev")]
    by_url: dict[str, dict] = {}
    for q in queries:
        for ev in truth[q["id"]]["evidence_list"]:
            doc = by_url.setdefault(ev["url"], {**ev, "facts": []})
            if ev["fact"] not in doc["facts"]:
                doc["facts"].append(ev["fact"])
    articles = []
    for n, doc in enumerate(by_url.values()):
        art = _article(
            f"mh{n:04d}", "\n\n".join(doc["facts"]), title=doc["title"], outlet=doc["source"],
            published=(doc.get("published_at") or "")[:10] or None, url=doc["url"],
        )  # fmt: skip
        if art:
            articles.append(art)
    started = time.perf_counter()
    report = index.ingest_loaded(articles)
    print(
        f"MultiHop {split}: {len(queries)} queries, {len(articles)} articles, {report.chunks} chunks in {time.perf_counter() - started:.0f}s"
    )
    h4 = h10 = rr = 0.0
    scored = null_total = null_abstained = real_abstained = 0
    for q in queries:
        evidence = truth[q["id"]]["evidence_list"]
        answer = index.ask(q["question"])
        if not evidence:
            null_total += 1
            null_abstained += answer.abstained
            continue
        real_abstained += answer.abstained
        facts = [_squash(e["fact"]) for e in evidence]
        results = index.search(q["question"], k=10)
        ranks = [
            i
            for i, p in enumerate(results, 1)
            if any(f in _squash(p.text) or _squash(p.text) in f for f in facts)
        ]
        scored += 1
        h4 += bool(ranks and ranks[0] <= 4)
        h10 += bool(ranks)
        rr += 1 / ranks[0] if ranks else 0
    print(
        f"  retrieval (non-null {scored}): Hits@4 {h4 / scored:.3f}, Hits@10 {h10 / scored:.3f}, MRR@10 {rr / scored:.3f}"
    )
    print(
        f"  abstained on null queries {null_abstained}/{null_total}; on answerable queries {real_abstained}/{scored}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--bench", choices=["rgb", "multihop", "all"], default="all")
    args = parser.parse_args()
    embedder = Embedder()
    with tempfile.TemporaryDirectory() as tmp:
        if args.bench in ("rgb", "all"):
            rgb(NewsIndex(Path(tmp), "rgb", embedder=embedder, create=True), args.split)
        if args.bench in ("multihop", "all"):
            multihop(NewsIndex(Path(tmp), "multihop", embedder=embedder, create=True), args.split)


if __name__ == "__main__":
    main()
