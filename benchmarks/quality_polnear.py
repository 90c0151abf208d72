"""PolNeAR "What did X say about Y?": scored by the benchmark's own scorer, in process.

The articles are ingested as `newsbot ingest DIR` would, the answers are the `ask --json`
objects, and `polnear_score.score` (imported from ../shared/benchmarks/polnear) scores them, so
the figures equal `polnear_score.py BENCH --cmd .venv/bin/newsbot --collection polnear`.
"""

from __future__ import annotations

import collections
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from quality_common import BENCHMARKS, Row, System, file_docs, for_each

MIN_COVER = 0.6  # the scorer's default --min-cover


def scorer() -> ModuleType:
    folder = str(BENCHMARKS / "polnear")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module("polnear_score")


def bench_dir(split: str) -> Path:
    """dev, or the held-out (test) split where it has been put next to dev."""
    return BENCHMARKS / "polnear" / ("dev" if split == "dev" else "test")


def load(bench: Path, limit: int | None) -> tuple[list[dict[str, Any]], dict[str, list[dict]]]:
    questions = [
        json.loads(line)
        for line in (bench / "questions.jsonl").open(encoding="utf-8")
        if line.strip()
    ]
    if limit:
        positives = [q for q in questions if q["answerable"]][:limit]
        questions = positives + [q for q in questions if not q["answerable"]][:limit]
    attributions: dict[str, list[dict]] = collections.defaultdict(list)
    for line in (bench / "attributions.jsonl").open(encoding="utf-8"):
        if line.strip():
            att = json.loads(line)
            attributions[att["article_id"]].append(att)
    return questions, attributions


def article_paths(bench: Path, questions: list[dict[str, Any]], limit: int | None) -> list[Path]:
    """All articles; with --limit only those the questions point at (a smoke test)."""
    paths = sorted((bench / "articles").glob("*.txt"))
    if not limit:
        return paths
    wanted = {q.get("article_id") for q in questions}
    for q in questions:
        wanted |= set(q.get("gold_sources") or []) | set(q.get("topic_articles") or [])
    return [p for p in paths if p.stem in wanted]


def measure(system: System, bench: Path, limit: int | None, log: list[dict]) -> dict[str, Any]:
    questions, attributions = load(bench, limit)
    docs = file_docs(article_paths(bench, questions, limit))
    collection = system.open("polnear", "polnear", docs)
    answers = [collection.ask(q["question"]) for q in questions]
    log.extend(
        {"id": q["id"], "question": q["question"], "answer_json": a}
        for q, a in zip(questions, answers, strict=True)
    )
    articles_dir = (bench / "articles").resolve()
    result, _ = scorer().score(questions, answers, attributions, articles_dir, MIN_COVER, False)
    return dict(result)


def rows(results: dict[str, dict[str, Any]]) -> list[Row]:
    first = next(iter(results.values()))
    kinds = first["abstain_neg_by_kind"]

    def row(key: str, label: str, target: tuple[str, float] | None = None) -> Row:
        return Row("PolNeAR", label, {s: r[key] for s, r in results.items()}, target)

    def by_kind(kind: str) -> Row:
        values = {
            s: r["abstain_neg_by_kind"].get(kind, {}).get("abstain") for s, r in results.items()
        }
        return Row("PolNeAR", f"  {kind} negatives abstained (n={kinds[kind]['n']})", values)

    return [
        row("correct", f"correct answers (n={first['n_pos']})", (">=", 0.85)),
        row("speaker_prec_upper", "speaker precision, upper (speaker_prec_upper)", (">=", 0.90)),
        row("speaker_prec", "speaker precision (speaker_prec)"),
        row("abstain_neg", f"negatives abstained (n={first['n_neg']})", (">=", 0.80)),
        *(by_kind(kind) for kind in sorted(kinds)),
        row("false_abstain", "false abstention on positives"),
        row("missing_answers", "questions with no answer (crashes)"),
    ]


def run(
    systems: list[System], split: str, limit: int | None, bench: Path | None = None
) -> tuple[list[Row], dict, dict]:
    bench = bench or bench_dir(split)
    if not (bench / "questions.jsonl").exists():
        print(f"PolNeAR: no split at {bench}; skipped (give --polnear DIR)", file=sys.stderr)
        return [], {}, {}
    results, logs = for_each(systems, lambda system, log: measure(system, bench, limit, log))
    return rows(results), results, logs
