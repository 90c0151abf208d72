"""MultiHop-RAG sample: abstention on null queries, false abstention by type, retrieval.

The corpus is one article per distinct evidence url: its facts joined as the body, with title,
source and date as metadata. An "evidence" answer is not an abstention. Retrieval is scored as
in the paper: a retrieved chunk is a hit when it holds a gold fact or lies inside one
(whitespace removed); Hits@k and MRR@10 over the non-null queries.
"""

from __future__ import annotations

import json
import re
from typing import Any

from quality_common import BENCHMARKS, Doc, Row, System, answer_kind, for_each, share

DATA = BENCHMARKS / "multihop_rag_sample"
TYPES = ("inference", "comparison", "temporal")


def load(split: str, limit: int | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    queries = json.loads((DATA / "queries.json").read_text())["queries"]
    truth = json.loads((DATA / "ground_truth.json").read_text())
    queries = [q for q in queries if (int(q["id"]) % 2 == 0) == (split == "dev")]
    return (queries[:limit] if limit else queries), truth


def corpus(queries: list[dict[str, Any]], truth: dict[str, Any]) -> list[Doc]:
    by_url: dict[str, dict[str, Any]] = {}
    for q in queries:
        for ev in truth[q["id"]]["evidence_list"]:
            doc = by_url.setdefault(ev["url"], {**ev, "facts": []})
            if ev["fact"] not in doc["facts"]:
                doc["facts"].append(ev["fact"])
    docs = []
    for n, doc in enumerate(by_url.values()):
        text = "\n\n".join(doc["facts"])
        if len(text) >= 20:
            published = (doc.get("published_at") or "")[:10] or None
            docs.append(Doc(f"mh{n:04d}", text, title=doc["title"], outlet=doc["source"],
                            published=published, url=doc["url"]))  # fmt: skip
    return docs


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def first_hit(chunks: list[str], facts: list[str]) -> int | None:
    """1-based rank of the first chunk that holds a gold fact (or lies inside one)."""
    for rank, chunk in enumerate(chunks, 1):
        bare = _bare(chunk)
        if any(f in bare or bare in f for f in facts):
            return rank
    return None


def measure(
    system: System, queries: list[dict[str, Any]], truth: dict[str, Any], log: list[dict]
) -> dict[str, Any]:
    collection = system.open("multihop", "multihop", corpus(queries, truth))
    abstained: dict[str, list[bool]] = {t: [] for t in (*TYPES, "null")}
    ranks: list[int | None] = []
    for q in queries:
        answer = collection.ask(q["question"])
        log.append({"id": q["id"], "question": q["question"], "answer_json": answer})
        kind = q["question_type"].removesuffix("_query")
        abstained.setdefault(kind, []).append(answer_kind(answer) == "abstained")
        evidence = truth[q["id"]]["evidence_list"]
        if evidence:
            chunks = [text for _, text in collection.search(q["question"], 10)]
            ranks.append(first_hit(chunks, [_bare(e["fact"]) for e in evidence]))
    result: dict[str, Any] = {
        "n": {kind: len(flags) for kind, flags in abstained.items()} | {"retrieval": len(ranks)},
        "null_abstention": share(abstained["null"]),
        "hits@4": share([r is not None and r <= 4 for r in ranks]),
        "hits@10": share([r is not None for r in ranks]),
        "mrr@10": round(sum(1 / r for r in ranks if r) / len(ranks), 4) if ranks else None,
    }
    for kind in TYPES:
        result[f"false_abstention_{kind}"] = share(abstained[kind])
    return result


def rows(results: dict[str, dict[str, Any]]) -> list[Row]:
    n = next(iter(results.values()))["n"]

    def row(key: str, label: str, target: tuple[str, float] | None = None) -> Row:
        return Row("MultiHop", label, {s: r[key] for s, r in results.items()}, target)

    out = [row("null_abstention", f"null queries abstained (n={n['null']})", (">=", 0.85))]
    for kind in TYPES:
        target = ("<=", 0.25) if kind in ("inference", "temporal") else None
        out.append(
            row(f"false_abstention_{kind}", f"false abstention, {kind} (n={n[kind]})", target)
        )
    out.append(row("hits@10", f"retrieval Hits@10 (n={n['retrieval']})"))
    out.append(row("mrr@10", "retrieval MRR@10"))
    return out


def run(systems: list[System], split: str, limit: int | None) -> tuple[list[Row], dict, dict]:
    queries, truth = load(split, limit)
    results, logs = for_each(systems, lambda system, log: measure(system, queries, truth, log))
    return rows(results), results, logs
