"""Prompt templates, one text file each, loaded by name (for the optional LLM answerer)."""

from __future__ import annotations

from importlib import resources
from string import Template


def load_prompt(name: str, **values: str) -> str:
    """The template prompts/NAME.txt with $placeholders filled from values."""
    path = resources.files("prompts") / f"{name}.txt"
    if not path.is_file():
        raise KeyError(f"no prompt named {name!r}")
    return Template(path.read_text(encoding="utf-8")).substitute(values)
