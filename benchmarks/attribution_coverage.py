"""How many PolNeAR "What did X say about Y?" questions the extracted attributions can answer.

    .venv/bin/python benchmarks/attribution_coverage.py [--split dev|train] [--misses N]

An upper bound on the answerer's ``correct`` (polnear_score.py) set by extraction alone: for each
positive question, whether some group of consecutive sentences attributed to the asked speaker
(index.speaker_match.same_speaker) covers at least 60% of the word tokens of some gold
attribution's content in the same article (the scorer's "correct" criterion). The answerer shows
a whole quote (X's consecutive sentences) together, so a group is the unit. Each gold article is
loaded as ingest loads it (index.loaders, clean text) and analysed with analyze_articles; no
index is built. Develop on train, report dev.
"""

from __future__ import annotations

import argparse
import collections
import json
import time

from attribution import PQ, SHARED

from index.attribution import ArticleAnalysis, analyze_articles
from index.loaders import load_sources
from index.speaker_match import same_speaker
from index.text import sentence_spans

# The scorer's share of a gold content's word tokens an answer must hold (polnear_score.py).
CORRECT_SHARE = 0.6


def coverage(content: str, text: str) -> float:
    """Share of content's word tokens (with multiplicity) that text holds."""
    want = collections.Counter(PQ.words(content))
    have = collections.Counter(PQ.words(text))
    return sum(min(n, have[w]) for w, n in want.items()) / max(1, sum(want.values()))


def groups_of(speaker: str, text: str, analysis: ArticleAnalysis) -> list[str]:
    """The texts of runs of consecutive sentences attributed to the speaker."""
    spans = sentence_spans(text)
    mine = sorted(
        {
            a.sentence
            for a in analysis.attributions
            if same_speaker(speaker, a.speaker, a.speaker_kind)
        }
    )
    groups: list[list[int]] = []
    for i in mine:
        if groups and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return [" ".join(text[spans[i][0] : spans[i][1]] for i in g) for g in groups]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--misses", type=int, default=0, help="print N unanswerable questions")
    args = parser.parse_args()

    folder = SHARED / args.split
    lines = (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [q for q in map(json.loads, lines) if q["answerable"]]
    ids = sorted({g["article_id"] for q in questions for g in q["gold"]})
    paths = [str(folder / "articles" / f"{i}.txt") for i in ids]
    texts = {i: load_sources([p])[0].clean.text for i, p in zip(ids, paths, strict=True)}

    analyze_articles(["Warm up: the model loads once, she said."])
    cpu = time.process_time()
    analyses = dict(zip(ids, analyze_articles(texts[i] for i in ids), strict=True))
    cpu = time.process_time() - cpu

    hits, misses = 0, []
    for q in questions:
        name = q["speaker"]["name"]
        best = 0.0
        for gold in q["gold"]:
            aid = gold["article_id"]
            for group in groups_of(name, texts[aid], analyses[aid]):
                best = max(best, coverage(gold["content"], group))
        hits += best >= CORRECT_SHARE
        if best < CORRECT_SHARE:
            misses.append(
                f"{q['id']} {name!r} best={best:.2f} {q['article_id']}\n    {q['content'][:200]!r}"
            )
    print(f"PolNeAR {args.split}: {len(questions)} positive questions, {len(ids)} gold articles")
    print(f"ms/article cpu (parse + rules): {1000 * cpu / len(ids):.0f}")
    print(
        f"answerable from extracted attributions: {hits / len(questions):.3f} ({hits}/{len(questions)})"
    )
    if args.misses:
        print("\n".join(misses[: args.misses]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
