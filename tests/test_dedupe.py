"""Exact and near-duplicate detection over the sample articles and constructed copies."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import index
from index.cleaning import clean_article
from index.dedupe import (
    NEAR_DUPLICATE_THRESHOLD,
    NearDuplicates,
    exact_key,
    lsh_shape,
)

CORPUS = Path(index.__file__).parent / "corpus"


@pytest.fixture(scope="module")
def samples() -> dict[str, str]:
    return {
        p.stem[:3]: clean_article(p.read_text(encoding="utf-8")).text
        for p in sorted(CORPUS.glob("*.txt"))
    }


def syndicated_copy(text: str) -> str:
    """What a partner site runs: a paragraph dropped, a few words changed, a credit added."""
    paras = text.split("\n\n")
    del paras[len(paras) // 2]
    edited = "\n\n".join(paras)
    for old, new in (("said", "stated"), ("Thursday", "on Thursday local time"), (" the ", " a ")):
        edited = edited.replace(old, new, 1)
    return edited + "\n\nThis article was distributed by a partner news service."


def test_exact_key_ignores_case_punctuation_and_spacing() -> None:
    text = "Blinken met Park in Seoul.  He said: “alliance is strong”."
    assert exact_key(text) == exact_key("blinken met park in seoul\nhe said alliance is strong")
    assert exact_key(text) != exact_key(text.replace("strong", "weak"))


def test_the_samples_are_not_near_duplicates_of_each_other(samples: dict[str, str]) -> None:
    index = NearDuplicates(sqlite3.connect(":memory:"))
    for key, text in samples.items():
        assert index.find(text) == [], f"{key} flagged as a copy of an earlier sample"
        index.add(key, text)
    assert len(index) == len(samples)
    for key, text in samples.items():
        assert [k for k, _ in index.find(text)] == [key]  # each finds only itself


def test_a_syndicated_copy_is_found(samples: dict[str, str]) -> None:
    index = NearDuplicates(sqlite3.connect(":memory:"))
    for key, text in samples.items():
        index.add(key, text)
    for key, text in samples.items():
        copy = syndicated_copy(text)
        assert copy != text and not index.find_exact(copy)
        found = index.find(copy)
        assert found and found[0][0] == key, f"the copy of {key} was not found: {found}"
        assert NEAR_DUPLICATE_THRESHOLD <= found[0][1] < 1.0
        assert [k for k, _ in found[1:]] == []  # and it matches no other sample


def test_exact_copies_and_removal(samples: dict[str, str]) -> None:
    index = NearDuplicates(sqlite3.connect(":memory:"))
    index.add("a", samples["000"])
    index.add("b", samples["002"])
    reformatted = samples["000"].upper().replace("\n\n", "\n")
    assert index.find_exact(reformatted) == ["a"]
    assert index.find(samples["000"], exclude=["a"]) == []
    assert index.remove("a") and not index.remove("a")
    assert index.find_exact(samples["000"]) == [] and index.find(samples["000"]) == []
    index.add("b", samples["000"])  # re-adding a key replaces its text
    assert [k for k, _ in index.find(samples["000"])] == ["b"]
    assert index.find(samples["002"]) == [] and len(index) == 1


def test_empty_text_matches_nothing() -> None:
    index = NearDuplicates(sqlite3.connect(":memory:"))
    index.add("blank", "  ...  ")
    assert index.find("") == [] and index.find("!!!") == []


def test_persisted_and_recut_when_the_threshold_changes(
    samples: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "dedupe.sqlite3"
    first = NearDuplicates(sqlite3.connect(path))
    for key, text in samples.items():
        first.add(key, text)
    first.conn.close()

    stricter = NearDuplicates(sqlite3.connect(path), threshold=0.8)
    bands, _rows = lsh_shape(0.8)
    assert bands != first.bands
    stored = stricter.conn.execute("SELECT COUNT(*) FROM dedupe_bands").fetchone()[0]
    assert stored == bands * len(samples)
    assert [k for k, _ in stricter.find(samples["001"])] == ["001"]


def test_lookups_use_the_band_index_not_a_scan(samples: dict[str, str]) -> None:
    conn = sqlite3.connect(":memory:")
    index = NearDuplicates(conn)
    for key, text in samples.items():
        index.add(key, text)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    index.find(syndicated_copy(samples["003"]))
    index.add("new", samples["004"])
    index.remove("new")
    conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "DELETE"))]
    assert selects
    for statement in selects:
        plan = " ".join(str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {statement}"))
        assert "SCAN" not in plan.replace("COVERING INDEX", ""), (statement, plan)
