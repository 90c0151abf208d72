"""Sweep answer-time thresholds on the dev benchmarks: one quality.py run per value, one table.

    .venv/bin/python benchmarks/sweep.py --cache-dir DIR [index.support.MIN_SCORE=0.2,0.25,0.3 ...]

Each argument names a module constant and the values to try; the other constants keep their
values. Every run is `quality.py --no-peer --cache-dir DIR --set NAME=VALUE`, so build the cache
first with one full `quality.py --cache-dir DIR` run on the current code (a sweep never changes
what ingest stores). With no arguments the documented thresholds are swept (SWEEPS). Prints the
figures each threshold trades off: seed score, RGB accuracy, noise rejection and conflicts,
MultiHop abstention, PolNeAR correct, speaker precision and negatives abstained.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SWEEPS = [
    "index.support.MIN_SCORE=0.2,0.3",
    "index.support.MIN_DENSE=0.15,0.25",
    "index.speech.MIN_TOPIC_DENSE=0.4,0.5",
    "index.evidence.MIN_DENSE=0.3,0.4",
    "index.claims.CLAIM_ALIGNMENT=0.5,0.7",
    "index.answer.MULTIPART_WORDS=6,10",
]
COLUMNS = [
    ("seeds", "score", "seeds"),
    ("rgb", "accuracy", "rgb acc"),
    ("rgb", "rejection", "rgb noise rej"),
    ("rgb", "conflicts_flagged", "rgb conflicts"),
    ("rgb", "false_conflicts", "rgb false confl"),
    ("multihop", "null_abstention", "mh null abst"),
    ("multihop", "false_abstention_inference", "mh false abst inf"),
    ("multihop", "false_abstention_comparison", "mh false abst cmp"),
    ("multihop", "false_abstention_temporal", "mh false abst tmp"),
    ("polnear", "correct", "pn correct"),
    ("polnear", "speaker_prec", "pn spk prec"),
    ("polnear", "abstain_neg", "pn neg abst"),
    ("polnear", "false_abstain", "pn false abst"),
]


def run(cache: Path, settings: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        command = [sys.executable, str(HERE / "quality.py"), "--no-peer", "--cache-dir", str(cache)]
        command += ["--json-out", str(out)] + [f"--set={s}" for s in settings]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        results: dict[str, Any] = json.loads(out.read_text())["results"]
        return results


def cell(results: dict[str, Any], bench: str, key: str) -> str:
    value = results.get(bench, {}).get("newsbot", {}).get(key)
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache-dir", type=Path, required=True)
    parser.add_argument("sweeps", nargs="*", default=SWEEPS, metavar="MODULE.NAME=V1,V2")
    args = parser.parse_args()
    print("| setting | " + " | ".join(label for _, _, label in COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    runs = [("as documented", [])]
    for sweep in args.sweeps:
        name, _, values = sweep.partition("=")
        runs += [(f"{name.rsplit('.', 1)[1]}={v}", [f"{name}={v}"]) for v in values.split(",")]
    for label, settings in runs:
        results = run(args.cache_dir, settings)
        cells = [cell(results, bench, key) for bench, key, _ in COLUMNS]
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
