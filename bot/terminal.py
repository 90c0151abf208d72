"""The terminal chat: the same answers as the bot, as plain text, one conversation."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from index.errors import NewsbotError

if TYPE_CHECKING:
    from bot.settings import Settings
    from index.models import Answer
    from index.service import NewsIndex


def format_answer(answer: Answer) -> str:
    """An answer as plain text: the answer lines, then the numbered sources."""
    from bot.render import answer_lines

    lines = answer_lines(answer)
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            a = c.article
            head = " — ".join(x for x in (a.outlet, a.title) if x)
            when = f" ({a.published})" if a.published else ""
            link = f" {a.url}" if a.url else ""
            lines.append(f"[{c.n}] {head}{when}{link}")
    return "\n".join(lines)


def _sources_text(index: NewsIndex) -> str:
    lines = [f"{index.collection}: {len(index.articles())} articles"]
    for n, a in enumerate(index.articles(), 1):
        lines.append(
            f"  {n}. {a.outlet or 'Unknown outlet'} — {a.title} ({a.published or 'undated'})"
        )
    return "\n".join(lines)


def run_terminal_chat(index: NewsIndex, settings: Settings) -> None:
    """Read questions from stdin until EOF or /quit; print cited answers."""
    interactive = sys.stdin.isatty()
    chat = f"terminal-{os.getpid()}"
    if interactive:
        print(_sources_text(index))
        from bot.examples import example_questions

        examples = example_questions(index, count=2)
        print("Ask a question" + (f" (for example: {'; '.join(examples)})." if examples else "."))
        print("Commands: /sources, /source N, /quit.")
    last = None
    while True:
        try:
            line = input("> " if interactive else "")
        except EOFError:
            break
        question = line.strip()
        if not question:
            continue
        if question in ("/quit", "/exit"):
            break
        if question == "/sources":
            print(_sources_text(index))
            continue
        if question.startswith("/source"):
            print(_passage_text(last, question.removeprefix("/source").strip()))
            continue
        try:
            answer, last = index.ask_in_chat(
                question, chat, max_age=settings.newsbot_followup_seconds
            )
        except NewsbotError as exc:
            print(f"error: {exc}", file=sys.stderr)
            continue
        if not interactive:
            print(f"> {question}")
        print(format_answer(answer))
        print()


def _passage_text(turn: object, arg: str) -> str:
    citations = getattr(turn, "citations", None)
    if not citations:
        return "Ask a question first; /source N shows the passage behind citation N."
    if not arg.isdigit() or not 1 <= int(arg) <= len(citations):
        return f"Use /source N with N from 1 to {len(citations)}."
    citation = citations[int(arg) - 1]
    text = " ".join(citation.passage.split())
    for quote in citation.quotes:
        text = text.replace(" ".join(quote.split()), f"**{' '.join(quote.split())}**")
    return f"[{citation.n}] {citation.article.title}\n{text}"
