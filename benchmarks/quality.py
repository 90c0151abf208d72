"""newsbot against a naive peer on every quality benchmark: one run, one table.

    .venv/bin/python benchmarks/quality.py [--split dev|heldout] [--only rgb,multihop,polnear,seeds]
        [--limit N] [--cache-dir DIR [--cache-any-code]] [--json-out FILE] [--answers-dir DIR]
        [--set index.support.MIN_SCORE=0.3 ...]

The peer (benchmarks/peer.py) is llama-index's VectorStoreIndex over SentenceSplitter(256)
chunks with the same MiniLM model, answering with its top 3 chunks and never abstaining. newsbot
is used only through `NewsIndex`. Benchmarks (../shared/benchmarks, ../shared/eval):
seed dev questions, RGB, MultiHop-RAG and PolNeAR; each module's docstring says how it scores.

Tune on dev only. `--split heldout` is for the final check: RGB id % 5 == 0, MultiHop odd ids,
and the PolNeAR / seed held-out files where they have been put (--polnear DIR, --seeds FILE).
`--limit N` takes the first N records/questions of each benchmark (a smoke test; the seed
questions are always all asked). `--cache-dir` keeps the built indexes between runs, keyed on
the corpus and on the code that builds them (index/ and pyproject.toml for newsbot, peer.py and
the llama-index version for the peer): a change to either builds afresh. `--cache-any-code`
drops newsbot's code from the key, for a change you know touches only answering (the table
header then says so); never use it after a change to loading, cleaning, chunking or what is
stored. Delete the dir to reclaim the space.

`--set MODULE.NAME=VALUE` overrides one answer-time tuning value for the run (repeatable), so a
threshold is swept against cached indexes without editing code; the table header lists them.
Never set a value that changes what ingest stores: the cache key does not see it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import quality_multihop
import quality_polnear
import quality_rgb
import quality_seeds
from quality_common import Clock, NewsbotSystem, PeerSystem, Row, System

from index.embedding import Embedder

BENCHES = ("seeds", "rgb", "multihop", "polnear")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated benchmarks")
    parser.add_argument("--limit", type=int, help="first N records/questions (smoke tests)")
    parser.add_argument("--cache-dir", type=Path, help="keep built indexes here between runs")
    parser.add_argument(
        "--cache-any-code",
        action="store_true",
        help="reuse newsbot indexes built by other code (answer-time changes only)",
    )
    parser.add_argument("--json-out", type=Path, help="write every figure as JSON")
    parser.add_argument("--answers-dir", type=Path, help="write each system's answers as JSONL")
    parser.add_argument("--polnear", type=Path, help="PolNeAR split folder (default: by --split)")
    parser.add_argument("--seeds", type=Path, help="seed question file (default: by --split)")
    parser.add_argument("--no-peer", action="store_true", help="newsbot only (threshold sweeps)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="MODULE.NAME=VALUE",
        help="override an answer-time tuning constant (repeatable)",
    )
    args = parser.parse_args()
    for setting in args.set:
        try:
            apply_setting(setting)
        except (ValueError, ImportError, AttributeError) as error:
            parser.error(f"--set {setting}: {error}")
    unknown = set(args.only.split(",")) - set(BENCHES)
    if unknown:
        parser.error(
            f"unknown benchmark(s) {', '.join(sorted(unknown))}; pick from {', '.join(BENCHES)}"
        )
    return args


def apply_setting(setting: str) -> None:
    """Set a module constant from "index.support.MIN_SCORE=0.3" (same type as the old value)."""
    target, _, raw = setting.partition("=")
    module_name, _, name = target.rpartition(".")
    if not raw or not module_name:
        raise ValueError("expected MODULE.NAME=VALUE")
    module = importlib.import_module(module_name)
    old = getattr(module, name)
    if isinstance(old, bool) or not isinstance(old, int | float):
        raise ValueError(f"{name} is not a number")
    setattr(module, name, type(old)(float(raw)) if isinstance(old, int) else float(raw))


def run_one(
    bench: str, systems: list[System], args: argparse.Namespace
) -> tuple[list[Row], dict, dict]:
    if bench == "seeds":
        return quality_seeds.run(systems, args.split, args.seeds)
    if bench == "rgb":
        return quality_rgb.run(systems, args.split, args.limit)
    if bench == "multihop":
        return quality_multihop.run(systems, args.split, args.limit)
    return quality_polnear.run(systems, args.split, args.limit, args.polnear)


def fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def table(rows: list[Row], systems: list[str]) -> str:
    """Markdown: one line per measure; ✗ marks a system that misses the target."""
    header = ["benchmark", "measure", *systems, "target"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = []
        for name in systems:
            mark = {True: "", False: " ✗", None: ""}[row.meets(name)]
            cells.append(fmt(row.values.get(name)) + mark)
        lines.append("| " + " | ".join([row.bench, row.measure, *cells, row.target_label()]) + " |")
    return "\n".join(lines)


def timing_table(clock: Clock, wall: dict[str, float]) -> str:
    lines = [
        "| benchmark | wall s | system | index s | ask s | search s |",
        "|---|---|---|---|---|---|",
    ]
    for bench, seconds in wall.items():
        for system, phases in clock.seconds[bench].items():
            cells = [f"{phases.get(p, 0.0):.1f}" for p in ("index", "ask", "search")]
            lines.append(f"| {bench} | {seconds:.0f} | {system} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_answers(folder: Path, bench: str, logs: dict[str, list[dict]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for system, entries in logs.items():
        with (folder / f"{bench}-{system}.jsonl").open("w", encoding="utf-8") as out:
            for entry in entries:
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")


def main() -> None:
    args = parse_args()
    clock = Clock()
    with tempfile.TemporaryDirectory(prefix="newsbot-quality-") as tmp:
        root = args.cache_dir.resolve() if args.cache_dir else Path(tmp)
        embedder = Embedder(cache_dir=root / "models")  # questions go through ONNX, as in the CLI
        systems: list[System] = [
            NewsbotSystem(embedder, root, clock, any_code=args.cache_any_code),
        ]
        if not args.no_peer:
            systems.append(PeerSystem(embedder, root, clock))
        rows: list[Row] = []
        results: dict[str, Any] = {}
        wall: dict[str, float] = {}
        for bench in (b for b in BENCHES if b in args.only.split(",")):
            print(f"{bench} ...", file=sys.stderr)
            started = time.perf_counter()
            bench_rows, results[bench], logs = run_one(bench, systems, args)
            wall[bench] = time.perf_counter() - started
            rows += bench_rows
            if args.answers_dir:
                write_answers(args.answers_dir, bench, logs)
    names = [s.name for s in systems]
    notes = [f"--limit {args.limit}"] if args.limit else []
    if args.cache_any_code:
        notes.append("newsbot indexes possibly built by older code: --cache-any-code")
    notes += [f"--set {setting}" for setting in args.set]
    detail = f" ({'; '.join(notes)})" if notes else ""
    print(f"\nQuality, {args.split} split{detail}:\n")
    print(table(rows, names))
    print("\nTime (index = ingest or load from cache):\n")
    print(timing_table(clock, wall))
    if args.json_out:
        figures = {
            "split": args.split,
            "limit": args.limit,
            "set": args.set,
            "results": results,
            "seconds": clock.seconds,
            "wall": wall,
        }
        args.json_out.write_text(json.dumps(figures, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
