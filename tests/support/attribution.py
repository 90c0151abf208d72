"""Look-ups into an ArticleAnalysis by a fragment of a sentence's text."""

from __future__ import annotations

from index.attribution import ArticleAnalysis, Attribution, analyze_article, same_speaker
from index.text import sentence_spans


def sentence_index(text: str, fragment: str) -> int:
    """The index of the one sentence of text that contains fragment."""
    hits = [i for i, (a, b) in enumerate(sentence_spans(text)) if fragment in text[a:b]]
    assert len(hits) == 1, f"{fragment!r} is in {len(hits)} sentences"
    return hits[0]


def attributions_at(analysis: ArticleAnalysis, text: str, fragment: str) -> list[Attribution]:
    """The attributions of the sentence that contains fragment."""
    return analysis.of_sentence(sentence_index(text, fragment))


def describe(attributions: list[Attribution]) -> list[tuple[str, str, str, str]]:
    """(speaker, kind of speaker, how resolved, kind of speech) of each, for failure messages."""
    return [(a.speaker, a.speaker_kind, a.resolved, a.kind) for a in attributions]


def assert_names_speaker(text: str, fragment: str, speaker: str, kind: str) -> None:
    """The sentence holding fragment is attributed to speaker, as speech of that kind."""
    found = attributions_at(analyze_article(text), text, fragment)
    assert any(
        same_speaker(speaker, a.speaker, a.speaker_kind) and a.kind == kind for a in found
    ), describe(found)


def assert_names_no_speaker(text: str, fragment: str) -> None:
    """The sentence holding fragment is attributed to no named person or organisation."""
    found = attributions_at(analyze_article(text), text, fragment)
    assert not [a for a in found if a.speaker_kind in ("person", "org")], describe(found)
