"""Attribution (who said what) against PolNeAR's human annotations; prints figures.

    .venv/bin/python benchmarks/attribution.py [--split dev|train] [--limit N] [--errors N]

Develop on train, report dev. Each article is analysed as it is stored in the benchmark (raw
text, headline first), sentence by sentence with index.text.sentence_spans. A sentence is
*covered* by an annotation when it overlaps the annotation's content by >= 3 words, or by all of
a shorter content (the overlap rule of polnear_score.py). Speakers are compared with
polnear_questions.names_match, our speaker read into a name the way that script reads a Source.

- precision: of the (sentence, speaker) pairs we attribute to a named speaker (person or org),
  the share where an annotation covering the sentence names that speaker. Pairs on sentences no
  annotation covers, or covered only by annotations whose source the gold leaves unnamed
  ("they", "the campaign"), count as wrong. precision_upper counts the latter as right (as the
  scorer's speaker_prec_upper does). precision_source counts a pair as right also when the
  speaker's last word is a word of a covering annotation's Source text: the gold's names are
  read from Sources by rule ("Tom Cole of Oklahoma", "and Sandy Paradis"), this shows how much
  of the gap is that reading.
- recall: of the sentences covered by an annotation with a named source, the share we attribute
  to one of those names.
- by kind: precision by our kind (direct/reported/mixed); recall by the gold content's kind in the
  sentence (direct when >= 90% of its characters are inside quote marks, reported when <= 10%).
- content F1: for right pairs, word-level F1 of our content span against the matching
  annotations' content inside that sentence.
- ms/article: the whole analyze_articles call (parse and rules) over the split, one process;
  wall clock and CPU time (the machine is shared, so wall clock varies with its load).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from index.attribution import Attribution, analyze_articles
from index.quotes import QuoteMask
from index.text import sentence_spans

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "polnear"
WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)*")


def _polnear() -> Any:
    spec = importlib.util.spec_from_file_location(
        "polnear_questions", SHARED / "polnear_questions.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["polnear_questions"] = module
    spec.loader.exec_module(module)
    return module


PQ = _polnear()


def words_in(text: str, a: int, b: int) -> int:
    return len(WORD.findall(text[a:b])) if b > a else 0


def covers(text: str, sentence: tuple[int, int], content: tuple[int, int]) -> bool:
    a, b = max(sentence[0], content[0]), min(sentence[1], content[1])
    ov = words_in(text, a, b)
    return ov >= 3 or (ov >= 1 and ov >= words_in(text, *content))


def our_names(att: Attribution) -> list[dict]:
    """Our speaker read as a PolNeAR name, as our kind and as the other one: both sides' kinds
    come from NER, and the asked name carries none."""
    words = att.speaker.replace("’", "'").split()
    other = "org" if att.speaker_kind == "person" else "person"
    return [n for n in (PQ.make_name(words, att.speaker_kind), PQ.make_name(words, other)) if n]


def match(att: Attribution, gold: dict) -> bool:
    return any(PQ.names_match(n, gold) for n in our_names(att))


def word_set(text: str, spans: list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        out |= {m.start() + a for m in WORD.finditer(text[a:b])}
    return out


def f1(ours: set[int], gold: set[int]) -> float:
    if not ours or not gold:
        return 0.0
    both = len(ours & gold)
    return 2 * both / (len(ours) + len(gold))


def kind_of(mask: QuoteMask, spans: list[tuple[int, int]]) -> str:
    chars = sum(b - a for a, b in spans)
    quoted = sum(mask.quoted_chars(a, b) for a, b in spans)
    nonspace = sum(sum(1 for c in mask.text[a:b] if not c.isspace()) for a, b in spans)
    share = quoted / nonspace if nonspace and chars else 0.0
    return "direct" if share >= 0.9 else "reported" if share <= 0.1 else "mixed"


class Tally:
    def __init__(self) -> None:
        self.c: collections.Counter[str] = collections.Counter()
        self.f1: list[float] = []
        self.errors: list[str] = []

    def ratio(self, num: str, den: str) -> str:
        n, d = self.c[num], self.c[den]
        return f"{n / d:.3f} ({n}/{d})" if d else "-"


def score_article(
    aid: str, text: str, atts: list[dict], attributions: list[Attribution], t: Tally
) -> None:
    every: dict[int, list[Attribution]] = collections.defaultdict(list)
    for att in attributions:
        every[att.sentence].append(att)
    spans = sentence_spans(text)
    mask = QuoteMask(text)
    gold_named: dict[int, list[tuple[dict, list[tuple[int, int]]]]] = collections.defaultdict(list)
    gold_unnamed: set[int] = set()
    gold_sources: dict[int, list[str]] = collections.defaultdict(list)
    for ann in atts:
        content = [tuple(c) for c in ann["content_spans"]]
        for i, sentence in enumerate(spans):
            inside = [c for c in content if covers(text, sentence, c)]  # type: ignore[arg-type]
            if not inside:
                continue
            gold_sources[i].append(PQ.fold(ann["source"]))
            if ann["names"]:
                for name in ann["names"]:
                    gold_named[i].append((name, inside))  # type: ignore[arg-type]
            else:
                gold_unnamed.add(i)
    ours: dict[int, list[Attribution]] = collections.defaultdict(list)
    for att in attributions:
        if att.speaker_kind in ("person", "org"):
            ours[att.sentence].append(att)
    # precision, per (sentence, speaker)
    for i, found in ours.items():
        seen = set()
        for att in found:
            if att.speaker in seen:
                continue
            seen.add(att.speaker)
            hits = [g for g in gold_named.get(i, []) if match(att, g[0])]
            for key in (
                "all",
                f"kind:{att.kind}",
                f"res:{att.resolved}",
                f"spk:{att.speaker_kind}",
                f"cue:{att.cue}",
            ):
                t.c[f"p_den:{key}"] += 1
                t.c[f"p_num:{key}"] += bool(hits)
                t.c[f"p_up:{key}"] += bool(hits) or (i in gold_unnamed and i not in gold_named)
                surname = PQ.fold(att.speaker.split()[-1])
                in_source = any(surname in source.split() for source in gold_sources.get(i, []))
                t.c[f"p_src:{key}"] += bool(hits) or in_source
            if hits and os.environ.get("ATTR_SHOW_TP") in (att.resolved, att.cue):
                t.errors.append(
                    f"TP {att.speaker!r} ({att.speaker_kind}/{att.resolved}/{att.mention!r}/{att.cue})\n"
                    f"    {aid}#{i} {text[spans[i][0] : spans[i][1]][:220]!r}"
                )
            if hits:
                gold_spans = [c for _, cs in hits for c in cs]
                clip = [(max(a, spans[i][0]), min(b, spans[i][1])) for a, b in gold_spans]
                t.f1.append(f1(word_set(text, [att.content]), word_set(text, clip)))
            else:
                why = (
                    "wrong name"
                    if gold_named.get(i)
                    else ("unnamed gold" if i in gold_unnamed else "no gold")
                )
                t.c[f"p_err:{why}"] += 1
                t.c[f"p_err_res:{why}/{att.resolved}"] += 1
                golds = sorted({g[0]["name"] for g in gold_named.get(i, [])})
                t.errors.append(
                    f"FP[{why}] {att.speaker!r} ({att.speaker_kind}/{att.resolved}/{att.mention!r}/{att.cue}) gold={golds}\n"
                    f"    {aid}#{i} {text[spans[i][0] : spans[i][1]][:220]!r}"
                )
    # recall, per gold sentence with a named source
    for i, golds in gold_named.items():
        kind = kind_of(mask, [c for _, cs in golds for c in cs])
        hit = any(match(a, g) for a in ours.get(i, []) for g, _ in golds)
        for key in ("all", f"kind:{kind}"):
            t.c[f"r_den:{key}"] += 1
            t.c[f"r_num:{key}"] += hit
        if not hit:
            t.errors.append(
                f"FN {sorted({g['name'] for g, _ in golds})} ours={[(a.speaker, a.speaker_kind) for a in every.get(i, [])]}\n"
                f"    {aid}#{i} {text[spans[i][0] : spans[i][1]][:220]!r}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=0, help="first N articles only")
    parser.add_argument("--errors", type=int, default=0, help="print N sample errors")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--by-cue", action="store_true", help="precision by cue lemma")
    args = parser.parse_args()

    folder = SHARED / args.split
    by_article: dict[str, list[dict]] = collections.defaultdict(list)
    for line in (folder / "attributions.jsonl").open():
        ann = json.loads(line)
        by_article[ann["article_id"]].append(ann)
    ids = sorted(p.stem for p in (folder / "articles").glob("*.txt"))
    if args.limit:
        ids = ids[: args.limit]
    texts = [(folder / "articles" / f"{i}.txt").read_text(encoding="utf-8") for i in ids]

    analyze_articles(["Warm up: the model loads once, she said."])
    started, cpu = time.perf_counter(), time.process_time()
    analyses = analyze_articles(texts)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu

    tally = Tally()
    for aid, text, analysis in zip(ids, texts, analyses, strict=True):
        score_article(aid, text, by_article.get(aid, []), analysis.attributions, tally)

    c = tally.c
    print(f"PolNeAR {args.split}: {len(ids)} articles, {sum(len(t.split()) for t in texts)} words")
    print(
        f"ms/article (parse + rules, one process): wall {1000 * elapsed / len(ids):.0f}, "
        f"cpu {1000 * cpu / len(ids):.0f}"
    )
    print(f"precision        {tally.ratio('p_num:all', 'p_den:all')}")
    print(f"precision_upper  {tally.ratio('p_up:all', 'p_den:all')}")
    print(f"precision_source {tally.ratio('p_src:all', 'p_den:all')}")
    print(f"recall           {tally.ratio('r_num:all', 'r_den:all')}")
    for kind in ("direct", "mixed", "reported"):
        print(
            f"  {kind:9} precision {tally.ratio(f'p_num:kind:{kind}', f'p_den:kind:{kind}'):22}"
            f" recall {tally.ratio(f'r_num:kind:{kind}', f'r_den:kind:{kind}')}"
        )
    for res in ("explicit", "pronoun", "descriptor", "continuation"):
        print(f"  {res:12} precision {tally.ratio(f'p_num:res:{res}', f'p_den:res:{res}')}")
    for kind in ("person", "org"):
        print(f"  {kind:12} precision {tally.ratio(f'p_num:spk:{kind}', f'p_den:spk:{kind}')}")
    if args.by_cue:
        cues = sorted(
            (k[len("p_den:cue:") :] for k in c if k.startswith("p_den:cue:")),
            key=lambda k: -c[f"p_den:cue:{k}"],
        )
        for cue in cues:
            print(f"  cue {cue:14} precision {tally.ratio(f'p_num:cue:{cue}', f'p_den:cue:{cue}')}")
    errs = {k.split(":", 1)[1]: v for k, v in c.items() if k.startswith("p_err:")}
    print(f"false attributions by gold: {errs}")
    errs = {k.split(":", 1)[1]: v for k, v in sorted(c.items()) if k.startswith("p_err_res:")}
    print(f"  by how resolved: {errs}")
    if tally.f1:
        print(f"content word F1 on right pairs: mean {sum(tally.f1) / len(tally.f1):.3f}")
    if args.errors:
        import random

        random.Random(args.seed).shuffle(tally.errors)
        print("\n".join(tally.errors[: args.errors]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
