"""RGB (en_fact): answer accuracy with noise, rejection of noise-only questions, conflicts.

Each passage is its own article, and each record's passages form a library of their own (as RGB
evaluates a question: on its own retrieved passages; in newsbot a library per record is what a
chat's library is). Three corpora:
- rgb-main: `positive` + `negative`. Accuracy: not abstained and the answer holds the gold answer
  (RGB's own check: every gold item matched, an inner list by any of its alternatives).
- rgb-noise: `negative` only, so no indexed passage answers any question. Rejection: abstained
  (an "evidence" answer is not a rejection).
- rgb-conflict: `positive` + `positive_wrong`. Flagged: one entry of `conflicts` has a claim
  whose text holds the true answer and another claim whose text holds the fake answer.
"""

from __future__ import annotations

import json
from typing import Any

from quality_common import (
    BENCHMARKS,
    Collection,
    Doc,
    Row,
    System,
    answer_kind,
    conflicts,
    for_each,
    share,
    squash,
)


def records(split: str, limit: int | None) -> list[dict[str, Any]]:
    path = BENCHMARKS / "rgb" / "en_fact.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if (r["id"] % 5 == 0) == (split == "heldout")]
    return rows[:limit] if limit else rows


def docs(recs: list[dict[str, Any]], kinds: tuple[str, ...]) -> list[Doc]:
    out = []
    for r in recs:
        for kind in kinds:
            for i, text in enumerate(r[kind]):
                if len(text.strip()) >= 20:
                    out.append(Doc(f"rgb{r['id']}-{kind}{i}", text, group=str(r["id"])))
    return out


def contains_gold(text: str, gold: Any) -> bool:
    """RGB's checkanswer: every item must occur; a list item by any one of its alternatives."""
    text = squash(text)
    items = gold if isinstance(gold, list) else [gold]
    return all(
        any(squash(alt) in text for alt in item) if isinstance(item, list) else squash(item) in text
        for item in items
    )


def flagged(answer: dict[str, Any] | None, gold: Any, fake: str) -> bool:
    """Some conflict has one claim with the true answer and another with the fake one."""
    for conflict in conflicts(answer):
        texts = [str(c.get("text") or "") for c in conflict.get("claims") or []]
        true_at = {i for i, t in enumerate(texts) if contains_gold(t, gold)}
        fake_at = {i for i, t in enumerate(texts) if contains_gold(t, fake)}
        if true_at and fake_at and (len(true_at | fake_at) > 1):
            return True
    return False


def answered(answer: dict[str, Any] | None) -> bool:
    return answer_kind(answer) not in ("abstained", "missing")


def measure(system: System, recs: list[dict[str, Any]], log: list[dict]) -> dict[str, Any]:
    def ask_all(name: str, kinds: tuple[str, ...]) -> list[dict[str, Any] | None]:
        collection: Collection = system.open("rgb", name, docs(recs, kinds))
        answers = [collection.ask(r["query"], str(r["id"])) for r in recs]
        log.extend(
            {"id": r["id"], "set": name, "answer_json": a}
            for r, a in zip(recs, answers, strict=True)
        )
        return answers

    main = ask_all("rgb-main", ("positive", "negative"))
    noise = ask_all("rgb-noise", ("negative",))
    conflict = ask_all("rgb-conflict", ("positive", "positive_wrong"))
    pairs = list(zip(recs, main, noise, conflict, strict=True))
    return {
        "n": len(recs),
        "accuracy": share(
            [
                answered(m) and contains_gold((m or {}).get("answer", ""), r["answer"])
                for r, m, _, _ in pairs
            ]
        ),
        "answered_with_noise": share([answered(m) for _, m, _, _ in pairs]),
        "false_conflicts": share([bool(conflicts(m)) for _, m, _, _ in pairs]),
        "rejection": share([answer_kind(n) == "abstained" for _, _, n, _ in pairs]),
        "conflicts_flagged": share(
            [flagged(c, r["answer"], r["fakeanswer"]) for r, _, _, c in pairs]
        ),
        "conflict_any": share([bool(conflicts(c)) for _, _, _, c in pairs]),
    }


def rows(results: dict[str, dict[str, Any]]) -> list[Row]:
    n = next(iter(results.values()))["n"]

    def row(key: str, label: str, target: tuple[str, float] | None = None) -> Row:
        return Row("RGB", label, {s: r[key] for s, r in results.items()}, target)

    return [
        row("accuracy", f"answer accuracy, positive+negative indexed (n={n})", (">=", 0.90)),
        row("rejection", "noise-only questions rejected (only negatives indexed)"),
        row(
            "conflicts_flagged", "conflicts flagged, positive+positive_wrong indexed", (">=", 0.80)
        ),
        row("conflict_any", "  any conflict shown, positive+positive_wrong"),
        row("false_conflicts", "  conflict shown with no fake source (positive+negative)"),
    ]


def run(systems: list[System], split: str, limit: int | None) -> tuple[list[Row], dict, dict]:
    recs = records(split, limit)
    results, logs = for_each(systems, lambda system, log: measure(system, recs, log))
    return rows(results), results, logs
