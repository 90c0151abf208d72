"""Splitting Telegram HTML into messages: Telegram limits a message to 4,096 UTF-16 code units
counted *after* entity parsing, so lengths are measured on the visible text, and messages are
split between lines. A line longer than a whole message is split at a word boundary, closing the
tags open at the cut and re-opening them in the next part, so every part is valid HTML on its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

MAX_MESSAGE_UTF16 = 4096

_TAG = re.compile(r"<[^>]*>")
_ENTITY = r"&#?\w+;"
# A token is a tag, a run of whitespace, or a word (entities such as &amp; stay inside it).
_TOKEN = re.compile(rf"<[^>]*>|\s+|(?:{_ENTITY}|[^<\s])+")
_CHAR = re.compile(rf"{_ENTITY}|.", re.S)
_TAG_NAME = re.compile(r"</?([a-zA-Z][\w-]*)")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def visible_len(fragment: str) -> int:
    """UTF-16 length of an HTML fragment once Telegram has parsed its tags and entities."""
    return utf16_len(html.unescape(_TAG.sub("", fragment)))


def split_lines(lines: Sequence[str], limit: int = MAX_MESSAGE_UTF16) -> list[str]:
    """Pack HTML lines (each one with its tags balanced) into messages of at most ``limit``
    visible UTF-16 units, breaking only between lines; an over-long line is cut by
    :func:`split_long_line`. Blank lines at the edges of a part are dropped."""
    pieces: list[str] = []
    for line in lines:
        pieces.extend([line] if visible_len(line) <= limit else split_long_line(line, limit))
    parts: list[list[str]] = [[]]
    size = 0
    for piece in pieces:
        cost = visible_len(piece) + (1 if parts[-1] else 0)  # +1 for the joining "\n"
        if parts[-1] and size + cost > limit:
            parts.append([])
            size, cost = 0, visible_len(piece)
        if not parts[-1] and not piece.strip():
            continue  # no part starts with a blank line
        parts[-1].append(piece)
        size += cost
    messages = ["\n".join(part).strip("\n") for part in parts]
    return [m for m in messages if m.strip()]


def split_long_line(line: str, limit: int = MAX_MESSAGE_UTF16) -> list[str]:
    """Cut one balanced HTML line into pieces of at most ``limit`` visible UTF-16 units, at
    spaces outside tags and entities; tags open at a cut are closed and re-opened."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    stack: list[tuple[str, str]] = []  # (name, start tag) of the open tags

    def flush() -> None:
        nonlocal current, size
        while current and not current[-1].strip():
            current.pop()  # no trailing space before the cut
        closing = "".join(f"</{name}>" for name, _ in reversed(stack))
        if any(not token.startswith("<") for token in current):
            pieces.append("".join(current) + closing)
        current = [tag for _, tag in stack]
        size = 0

    for token in _TOKEN.findall(line):
        if token.startswith("<"):
            name = _TAG_NAME.match(token)
            if name and token.startswith("</"):
                if stack:
                    stack.pop()
            elif name:
                stack.append((name[1].lower(), token))
            current.append(token)
            continue
        cost = visible_len(token)
        if token.isspace():
            if size == 0:
                continue  # no leading space after a cut
            if size + cost > limit:
                flush()
                continue
        elif size + cost > limit:
            flush()
            while cost > limit:  # a single word longer than a message: cut by characters
                head, token = _cut_word(token, limit)
                pieces.append("".join(current) + head + "".join(f"</{n}>" for n, _ in stack))
                current = [tag for _, tag in stack]
                cost = visible_len(token)
        current.append(token)
        size += cost
    flush()
    return pieces


def _cut_word(word: str, limit: int) -> tuple[str, str]:
    """The longest head of a tag-free word that fits, and the rest; never inside an entity."""
    size = 0
    for match in _CHAR.finditer(word):
        size += visible_len(match[0])
        if size > limit:
            return word[: match.start()], word[match.start() :]
    return word, ""
