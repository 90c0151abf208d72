"""Sentence splitting, stems and citation markers: pure functions, tables of cases."""

from __future__ import annotations

import pytest

from index.citations import citation_numbers, normalize_markers, parse_citation_keys
from index.text import all_stems, content_stems, split_sentences, stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("The U.S. Secretary came. He left.", ["The U.S. Secretary came.", "He left."]),
        ("Talks on N. Korea began. Then more.", ["Talks on N. Korea began.", "Then more."]),
        ("He spoke on Nov. 9 in Seoul. Done.", ["He spoke on Nov. 9 in Seoul.", "Done."]),
        ('He said no. "Quote here." Next?', ["He said no.", '"Quote here."', "Next?"]),
        ("Growth was 3.5 percent. Fine!", ["Growth was 3.5 percent.", "Fine!"]),
        ("At Camp David, Md., leaders met. Ok.", ["At Camp David, Md., leaders met.", "Ok."]),
        ("First para\n\nSecond para.", ["First para", "Second para."]),
        ("It ended at 5 p.m. Tuesday.", ["It ended at 5 p.m. Tuesday."]),
        ("He finished at No. 1 again. Then?", ["He finished at No. 1 again.", "Then?"]),
        (
            "See Vol. 3 of it. Asked, he said no. 2 more.",
            ["See Vol. 3 of it.", "Asked, he said no.", "2 more."],
        ),
        ("“We share concerns,” he said. Next one.", ["“We share concerns,” he said.", "Next one."]),
        ("On the streets of Ft. Worth. Then.", ["On the streets of Ft. Worth.", "Then."]),
        ("Sens. Lind and Moe met at Mt. Skarv.", ["Sens. Lind and Moe met at Mt. Skarv."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sentences_are_verbatim_spans() -> None:
    text = "Alpha beta.  Gamma (Reuters) - delta?\nEpsilon zeta!"
    for sentence in split_sentences(text):
        assert sentence in text


@pytest.mark.parametrize(
    ("a", "b"),
    [("met", "meet"), ("said", "say"), ("arrived", "arrives"), ("children", "child")],
)  # fmt: skip
def test_stems_match_word_forms(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(("a", "b"), [("tour", "visit"), ("slam", "condemn"), ("shells", "arms")])
def test_different_words_keep_different_stems(a: str, b: str) -> None:
    """Meaning is the embeddings' job: the lexical side matches word forms only."""
    assert stem(a) != stem(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the U.S. Open", ["us", "open"]), ("US Open", ["us", "open"]), ("let us go", ["go"]),
     ("the WHO said", ["who", "say"]), ("THE US SAID", ["say"]), ("a U.N.-led force", ["un", "lead", "forc"])],
)  # fmt: skip
def test_acronyms_that_spell_stopwords_are_indexed(text: str, expected: list[str]) -> None:
    assert all_stems(text) == expected


def test_content_stems_drop_stopwords_and_question_framing() -> None:
    assert content_stems("What did Blinken say about the Russia talks?") == [
        stem("blinken"),
        stem("russia"),
        stem("talks"),
    ]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("1", [1]), ("1, 2", [1, 2]), ("2-4", [2, 3, 4]), ("Source 3", [3]), ("^5", [5]),
     ("1 and 3", [1, 3]), ("3, 3", [3]), ("x", []), ("0", []), ("", [])],
)  # fmt: skip
def test_parse_citation_keys(raw: str, clean: list[int]) -> None:
    assert parse_citation_keys(raw) == clean


@pytest.mark.parametrize(
    ("text", "numbers", "normalized"),
    [
        ("a [2] b [1]", [2, 1], "a [2] b [1]"),
        ("a [1, 2] b [Source 3]", [1, 2, 3], "a [1][2] b [3]"),
        ("a [2-3] 【4】", [2, 3, 4], "a [2][3] [4]"),
        ("no markers [x] here", [], "no markers [x] here"),
    ],
)
def test_citation_numbers_and_normalize(text: str, numbers: list[int], normalized: str) -> None:
    assert citation_numbers(text) == numbers
    assert normalize_markers(text) == normalized


def test_reciprocal_rank_fusion_rewards_agreement() -> None:
    from index.retrieval import reciprocal_rank_fusion

    assert reciprocal_rank_fusion([["a", "b"], ["b", "c"]])[0][0] == "b"


def test_single_query_vector_matches_the_batch_encoder(embedder: object) -> None:
    import numpy as np

    from index.embedding import Embedder

    assert isinstance(embedder, Embedder)
    assert embedder._onnx_session() is not None  # questions go through ONNX Runtime
    assert embedder.cache_dir and (embedder.cache_dir / "all-MiniLM-L6-v2.onnx").exists()
    texts = ["What did Blinken say about Russia?", "A much longer sentence " * 120]
    batch = embedder.encode(texts)
    torch_batch = embedder._encode_torch(texts)
    for text, expected, reference in zip(texts, batch, torch_batch, strict=True):
        assert float(expected @ reference) > 0.9999  # ingest batches: ONNX matches torch
        for vector in (embedder.encode_one(text), embedder._encode_one_torch(text)):
            assert vector.shape == (384,) and abs(float(np.linalg.norm(vector)) - 1) < 1e-5
            assert float(vector @ expected) > 0.9999
