"""Near-duplicate detection: which sample articles are copies, false positives on real articles,
and how much editing a copy survives, for each candidate threshold. Prints figures.

    .venv/bin/python benchmarks/near_duplicates.py [--polnear ../shared/benchmarks/polnear]

- Samples: every pair of the built-in corpus (index/corpus), cleaned as ingest cleans them.
- PolNeAR dev+train (924 real articles, 2015-16 US election, seven outlets): the pairs the LSH
  index flags at each threshold. A flagged pair counts as a real copy when at least 40% of the
  shorter article's sentences (of 6+ words) appear verbatim in the other; any other flagged pair is
  a false positive. The flagged pairs are printed so the judgement can be checked by eye.
- Constructed copies of every PolNeAR article, each checked against the index of all originals:
  `syndicated` (5 words changed, one paragraph dropped, a credit line added; the headline is
  metadata and does not enter the text), `edited` (5% of words changed, two paragraphs dropped, a
  paragraph from another article added), `excerpt` (the first half of the paragraphs), `rewritten`
  (15% of words changed, a third of the paragraphs dropped). Recall = share found as a copy of
  their original.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.cleaning import clean_article  # noqa: E402
from index.dedupe import NEAR_DUPLICATE_THRESHOLD, NearDuplicates, shingles  # noqa: E402
from index.text import split_sentences  # noqa: E402

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
COPY_SENTENCE_SHARE = 0.4


def load(folder: Path) -> dict[str, str]:
    return {
        p.stem: clean_article(p.read_text(encoding="utf-8")).text
        for p in sorted(folder.glob("*.txt"))
    }


def jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def sentence_share(a: str, b: str) -> tuple[int, int]:
    def sents(t: str) -> set[str]:
        return {" ".join(s.split()) for s in split_sentences(t) if len(s.split()) >= 6}

    x, y = sents(a), sents(b)
    return len(x & y), max(1, min(len(x), len(y)))


def is_copy(a: str, b: str) -> bool:
    shared, shorter = sentence_share(a, b)
    return shared / shorter >= COPY_SENTENCE_SHARE


def flagged_pairs(docs: dict[str, str], threshold: float) -> dict[tuple[str, str], float]:
    index = NearDuplicates(sqlite3.connect(":memory:"), threshold=threshold)
    pairs: dict[tuple[str, str], float] = {}
    for key, text in docs.items():  # incremental, as articles arrive: find, then add
        for other, score in index.find(text):
            pairs[tuple(sorted((key, other)))] = score  # type: ignore[index]
        index.add(key, text)
    return pairs


def edit(text: str, rng: random.Random, vocab: list[str], level: str, donor: str) -> str:
    paras = text.split("\n\n")

    def drop(n: int) -> None:
        for _ in range(min(n, len(paras) - 1)):
            paras.pop(rng.randrange(1, len(paras)) if len(paras) > 1 else 0)

    if level == "excerpt":
        return "\n\n".join(paras[: max(1, len(paras) // 2)])
    words_to_change = {"syndicated": None, "edited": 0.05, "rewritten": 0.15}[level]
    if level == "syndicated":
        drop(1)
        paras.append("This story was first published by a partner news service.")
    elif level == "edited":
        drop(2)
        paras.insert(rng.randrange(len(paras) + 1), donor.split("\n\n")[0])
    else:
        drop(len(paras) // 3)
    words = "\n\n".join(paras).split(" ")
    count = 5 if words_to_change is None else int(len(words) * words_to_change)
    for i in rng.sample(range(len(words)), min(count, len(words))):
        words[i] = rng.choice(vocab)
    return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=ROOT.parent / "shared/benchmarks/polnear")
    args = parser.parse_args()

    samples = load(ROOT / "index/corpus")
    print(f"Samples (index/corpus, {len(samples)} articles): word 5-shingle Jaccard of every pair")
    for a, b in itertools.combinations(samples, 2):
        print(f"  {a[:3]} {b[:3]}  {jaccard(samples[a], samples[b]):.3f}")
    for threshold in THRESHOLDS:
        print(f"  flagged at {threshold}: {sorted(flagged_pairs(samples, threshold)) or 'none'}")

    docs: dict[str, str] = {}
    for split in ("dev", "train"):
        docs.update({f"{split}/{k}": v for k, v in load(args.polnear / split / "articles").items()})
    names = list(docs)
    total_pairs = len(names) * (len(names) - 1) // 2
    print(f"\nPolNeAR dev+train: {len(docs)} articles, {total_pairs} pairs")
    top = sorted(((jaccard(docs[a], docs[b]), a, b) for a, b in itertools.combinations(names, 2)),
                 reverse=True)[:12]  # fmt: skip
    print("  highest exact Jaccard pairs (sentences shared / sentences of the shorter):")
    for score, a, b in top:
        shared, shorter = sentence_share(docs[a], docs[b])
        print(f"   {score:.3f}  {shared}/{shorter}  {a}  |  {b}")

    rng = random.Random(7)
    vocab = sorted({w for t in docs.values() for w in t.split() if w.isalpha()})
    levels = ("syndicated", "edited", "excerpt", "rewritten")
    copies = {
        level: {n: edit(docs[n], rng, vocab, level, docs[rng.choice(names)]) for n in names}
        for level in levels
    }
    for level in levels:
        scores = [jaccard(docs[n], copies[level][n]) for n in names]
        print(f"  {level:>10}: Jaccard with the original median {statistics.median(scores):.2f}, "
              f"5th percentile {sorted(scores)[len(scores) // 20]:.2f}")  # fmt: skip

    print("\n  threshold | flagged | real copies | false pos. (rate per pair, articles) | "
          + " | ".join(f"{lv} recall" for lv in levels))  # fmt: skip
    for threshold in THRESHOLDS:
        start = time.perf_counter()
        flagged = flagged_pairs(docs, threshold)
        wrong = [p for p in flagged if not is_copy(docs[p[0]], docs[p[1]])]
        wrong_articles = {k for p in wrong for k in p}
        index = NearDuplicates(sqlite3.connect(":memory:"), threshold=threshold)
        for n in names:
            index.add(n, docs[n])
        recalls = []
        for level in levels:
            found = sum(1 for n in names if n in {k for k, _ in index.find(copies[level][n])})
            recalls.append(f"{found / len(names):.1%}")
        print(f"  {threshold:>9} | {len(flagged):>7} | {len(flagged) - len(wrong):>11} | "
              f"{len(wrong)} ({len(wrong) / total_pairs:.5%}, {len(wrong_articles)} articles) | "
              + " | ".join(recalls) + f"   [{time.perf_counter() - start:.0f} s]")  # fmt: skip
        if threshold == NEAR_DUPLICATE_THRESHOLD:
            for (a, b), score in sorted(flagged.items(), key=lambda kv: -kv[1]):
                shared, shorter = sentence_share(docs[a], docs[b])
                mark = "copy" if is_copy(docs[a], docs[b]) else "NOT A COPY"
                print(f"      {score:.2f} {shared}/{shorter} {mark}: {a} | {b}")
    print(
        f"\n  the setting in index/dedupe.py: NEAR_DUPLICATE_THRESHOLD = {NEAR_DUPLICATE_THRESHOLD}"
    )
    index = NearDuplicates(sqlite3.connect(":memory:"))
    start = time.perf_counter()
    for n in names:
        index.add(n, docs[n])
    added = time.perf_counter()
    for n in names:
        index.find(copies["edited"][n])
    done = time.perf_counter()
    print(f"  cost with {len(names)} articles indexed: add {(added - start) / len(names) * 1000:.1f} ms, "
          f"find {(done - added) / len(names) * 1000:.1f} ms per article")  # fmt: skip


if __name__ == "__main__":
    main()
