"""Seed dev questions about the sample articles, scored by ../shared/tools/score_questions.py.

The scorer's own `main` does the asking and the scoring; only its `run` (which would start
`newsbot ask --json` processes) is swapped for the system under test, in process. Follow-ups are
asked in one chat, through `NewsIndex.ask_in_chat` for newsbot (the peer keeps no chat).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import re
import sys
import tempfile
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

from quality_common import SHARED, Collection, Row, System, file_docs, for_each

SEEDS = SHARED / "seeds"


def questions_file(split: str) -> Path:
    """The dev questions, or the held-out ones where they have been put next to them."""
    return SHARED / "eval" / f"seed_questions_{split}.jsonl"


def scorer() -> ModuleType:
    folder = str(SHARED / "tools")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module("score_questions")


def in_process_run(collection: Collection, log: list[dict]) -> Any:
    """score_questions.run for `ask --json [--chat ID] [QUESTION]`, answered by collection."""

    def run(cmd: str, args: list[str], env: dict, stdin: str | None = None) -> SimpleNamespace:
        if "--chat" in args:
            chat = args[args.index("--chat") + 1]
            answers = [collection.ask_in_chat(args[args.index("--chat") + 2], chat)]
        else:
            answers = [collection.ask(q) for q in (stdin or "").splitlines() if q.strip()]
        log.extend({"answer_json": a} for a in answers)
        return SimpleNamespace(stdout="\n".join(json.dumps(a) for a in answers if a), returncode=0)

    return run


def measure(system: System, questions: Path, log: list[dict]) -> dict[str, Any]:
    collection = system.open("seeds", "seeds", file_docs(SEEDS.glob("*.txt")))
    module: Any = scorer()
    original = module.run
    module.run = in_process_run(collection, log)
    printed = io.StringIO()
    argv = sys.argv
    try:
        with tempfile.TemporaryDirectory() as unused, contextlib.redirect_stdout(printed):
            sys.argv = [
                "score_questions.py",
                str(questions),
                "--articles",
                str(SEEDS),
                "--data-dir",
                unused,
            ]
            module.main()
    finally:
        module.run, sys.argv = original, argv
    text = printed.getvalue()
    score = re.search(r"score: (\d+/\d+) \(answerable (\d+/\d+), unanswerable (\d+/\d+)\)", text)
    quotes = re.search(r"quotes verbatim in cited article: (\d+/\d+)", text)
    if not score or not quotes:
        raise RuntimeError(f"score_questions printed no score:\n{text}")
    return {
        "score": score.group(1),
        "answerable": score.group(2),
        "unanswerable": score.group(3),
        "quotes_verbatim": quotes.group(1),
        "failures": [line for line in text.splitlines() if line.startswith("FAIL")],
    }


def rows(results: dict[str, dict[str, Any]]) -> list[Row]:
    total = next(iter(results.values()))["score"].split("/")[1]

    def row(key: str, label: str, target: tuple[str, float] | None = None, text: str = "") -> Row:
        return Row("Seeds", label, {s: r[key] for s, r in results.items()}, target, text)

    return [
        row("score", "seed questions passed", (">=", 1.0), f"{total}/{total}"),
        row("answerable", "  answerable passed"),
        row("unanswerable", "  unanswerable passed (abstained, nothing cited)"),
        row("quotes_verbatim", "quotes verbatim in the cited article"),
    ]


def run(
    systems: list[System], split: str, questions: Path | None = None
) -> tuple[list[Row], dict, dict]:
    questions = questions or questions_file(split)
    if not questions.exists():
        print(f"Seeds: no question file {questions}; skipped (give --seeds FILE)", file=sys.stderr)
        return [], {}, {}
    results, logs = for_each(systems, lambda system, log: measure(system, questions, log))
    return rows(results), results, logs
