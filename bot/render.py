"""Telegram HTML for answers, source lists and passages: pure functions, no python-telegram-bot.

Every piece of article or user text goes through ``html.escape``; the only tags are the ones
written here (<b>, <i>, <a>). Messages are split to Telegram's length limit by bot.splitting.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import date

from bot.splitting import MAX_MESSAGE_UTF16, split_lines
from index.models import CANNOT_ANSWER, Answer, Article, Citation, Line

MAX_CALLBACK_BYTES = 64
CALLBACK_PREFIX = "src"
BUTTONS_PER_ROW = 8

_CALLBACK = re.compile(rf"^{CALLBACK_PREFIX}:([0-9]{{1,19}}):([0-9]{{1,3}})$")  # ASCII digits only


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def format_date(published: str | None) -> str | None:
    """ "2023-11-09" -> "9 Nov 2023"; anything unparseable is shown as it is."""
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return published
    return f"{day.day} {day:%b %Y}"


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) link that Telegram will accept, else None."""
    if url and re.match(r"^https?://[^\s/]+\.[^\s]+$", url.strip(), re.I):
        return url.strip()
    return None


def source_line(n: int, article: Article) -> str:
    """ "n. Outlet — Title (date)", the title linked to the article when its URL is known."""
    return f"{n}. {source_label(article)}"


def source_label(article: Article) -> str:
    """ "Outlet — Title (date)" in HTML; the outlet and the date only when known."""
    title = esc(article.title)
    if url := safe_url(article.url):
        title = f'<a href="{esc(url)}">{title}</a>'
    outlet = f"{esc(article.outlet)} — " if article.outlet else ""
    when = format_date(article.published)
    return f"{outlet}{title}" + (f" ({esc(when)})" if when else "")


EVIDENCE_HEADING = "No single sentence answers this. What each source says:"
CONFLICT_MARK = "⚠️"


def answer_lines(answer: Answer) -> list[str]:
    """An answer's lines as plain text, for any renderer: the cited sentences (a fact several
    outlets report says so), a marked line per conflict, and the note (why it abstained, or how
    the question was read)."""
    if answer.abstained or not answer.citations:
        return [answer.answer or CANNOT_ANSWER] + ([answer.note] if answer.note else [])
    lines = [EVIDENCE_HEADING] if answer.answer_kind == "evidence" else []
    shown = answer.lines or [Line(t, ()) for t in answer.answer.splitlines() if t.strip()]
    for line in shown:
        lines.append(
            f"{line.text} (reported by {line.outlets} outlets)" if line.outlets > 1 else line.text
        )
    for claims in answer.conflicts:
        sides = " vs ".join(f"“{c.value}” [{c.n}]" for c in claims)
        lines.append(f"{CONFLICT_MARK} The sources differ: {sides}")
    return lines + ([answer.note] if answer.note else [])  # "Read as ...", an unbylined article


def answer_messages(answer: Answer, limit: int = MAX_MESSAGE_UTF16) -> list[str]:
    """An answer as HTML messages: the answer lines with [n] markers, then its Sources."""
    if answer.abstained or not answer.citations:
        return ["\n".join(esc(line) for line in answer_lines(answer))]
    lines = [esc(line) for line in answer_lines(answer)]
    for i, line in enumerate(lines):
        if line.startswith(CONFLICT_MARK) or line == EVIDENCE_HEADING:
            lines[i] = f"<i>{line}</i>"
    sources = [source_line(c.n, c.article) for c in answer.citations]
    # The heading travels with the first source, so a split never leaves it alone at the end.
    lines += ["", f"<b>Sources</b>\n{sources[0]}", *sources[1:]]
    return split_lines(lines, limit)


def sources_messages(articles: Sequence[Article], limit: int = MAX_MESSAGE_UTF16) -> list[str]:
    """The /sources list: every indexed article, newest first."""
    if not articles:
        return ["No articles are indexed yet."]
    ordered = sorted(articles, key=lambda a: (a.published or "", a.title), reverse=True)
    noun = "article" if len(articles) == 1 else "articles"
    lines = [f"<b>Indexed articles</b> ({len(articles)} {noun})", ""]
    lines += [source_line(n, a) for n, a in enumerate(ordered, start=1)]
    return split_lines(lines, limit)


def passage_messages(citation: Citation, limit: int = MAX_MESSAGE_UTF16) -> list[str]:
    """The passage behind citation n, with the sentences the answer quotes in bold."""
    header = f"<b>[{citation.n}]</b> {source_label(citation.article)}"
    body, missing = highlight(citation.passage, citation.quotes)
    lines = [header, "", *body.splitlines()]
    for quote in missing:  # quotes from other passages of the same article
        lines += ["", f"… <b>{esc(quote)}</b>"]
    return split_lines(lines, limit)


def highlight(text: str, quotes: Iterable[str]) -> tuple[str, list[str]]:
    """Escape text with every occurrence of the quotes in bold; also return quotes not found."""
    spans: list[tuple[int, int]] = []
    missing: list[str] = []
    for quote in dict.fromkeys(q.strip() for q in quotes if q.strip()):
        start = text.find(quote)
        if start < 0:
            missing.append(quote)
        while start >= 0:
            spans.append((start, start + len(quote)))
            start = text.find(quote, start + len(quote))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out, pos = [], 0
    for start, end in merged:
        out.append(esc(text[pos:start]))
        # A bold span must not hold a line break: messages are split between lines.
        out.append("\n".join(f"<b>{esc(part)}</b>" if part.strip() else esc(part)
                             for part in text[start:end].split("\n")))  # fmt: skip
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out), missing


def citation_buttons(turn_id: int, citations: Sequence[Citation]) -> list[list[tuple[str, str]]]:
    """Rows of (label, callback_data) for the buttons under an answer: "[1]", "[2]", ..."""
    buttons = [(f"[{c.n}]", callback_data(turn_id, c.n)) for c in citations]
    return [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]


def callback_data(turn_id: int, n: int) -> str:
    data = f"{CALLBACK_PREFIX}:{turn_id}:{n}"
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data too long: {data!r}")
    return data


def parse_callback(data: str | None) -> tuple[int, int] | None:
    """(turn_id, n) from a citation button's callback_data, or None if it is not one."""
    match = _CALLBACK.match(data or "")
    if match is None or int(match[1]) >= 2**63:  # beyond SQLite's integers: no turn of ours
        return None
    return int(match[1]), int(match[2])


# ----------------------------------------------------------------------------- fixed texts
APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment."
NO_ANSWER_YET = (
    "I have not answered a question of yours here yet. Ask one first, or reply "
    "<code>/source 1</code> to one of my answers."
)
SOURCE_USAGE = (
    "Use <code>/source n</code> to read the passage behind citation [n] of my last answer, "
    "e.g. <code>/source 1</code>. You can also tap the [n] buttons under an answer."
)
ONLY_TEXT = "I can only read text questions. Type your question as a message."
UNKNOWN_COMMAND = "I don't know that command. /help lists what I can do."
TOO_OLD = "That answer is too old to show its sources; please ask again."
NOT_ALLOWED = "Sorry, this bot is private and does not answer in this chat."
FORWARDED = (
    "I answer questions you type, not forwarded messages. Type your question; to add a "
    "forwarded article to your library, reply /add to it."
)
ADMINS_ONLY = "Sorry, /stats is only for the bot's admins."


def slow_down(per_minute: int, wait: int) -> str:
    return (
        f"You are sending messages faster than I answer them (at most {per_minute} a minute). "
        f"Please wait {wait} s, then ask again."
    )


def stats_text(lines: Sequence[str]) -> str:
    return "\n".join(["<b>newsbot stats</b>", *(esc(line) for line in lines)])


def collection_summary(articles: Sequence[Article]) -> str:
    """ "5 news articles from Reuters, Yonhap and 2 more, published 8–9 Nov 2023" (escaped)."""
    if not articles:
        return "no articles yet"
    noun = "news article" if len(articles) == 1 else "news articles"
    outlets = list(dict.fromkeys(a.outlet for a in articles if a.outlet))
    text = f"{len(articles)} {noun}"
    if outlets:
        shown = ", ".join(esc(o) for o in outlets[:3])
        more = len(outlets) - 3
        text += f" from {shown}" + (f" and {more} more" if more > 0 else "")
    dates = sorted(a.published for a in articles if a.published)
    if dates:
        first, last = format_date(dates[0]), format_date(dates[-1])
        text += (
            f", published {esc(str(first))}"
            if first == last
            else (f", published {esc(str(first))} to {esc(str(last))}")
        )
    return text


def _examples(examples: Sequence[str], prefix: str) -> list[str]:
    return [f"• <code>{prefix}{esc(q)}</code>" for q in examples]


def welcome_private(articles: Sequence[Article], examples: Sequence[str]) -> str:
    lines = [
        "<b>Hi, I'm newsbot.</b> I answer questions about a collection of news articles, "
        "quoting the articles and citing every source.",
        "",
        f"I have {collection_summary(articles)}.",
    ]
    if examples:
        lines += ["", "Just send me a question, for example:", *_examples(examples, "")]
    else:
        lines += ["", "Just send me a question about them."]
    lines += ["", *_how_to_read()]
    return "\n".join(lines)


def welcome_group(articles: Sequence[Article], examples: Sequence[str], username: str) -> str:
    lines = [
        "<b>Hi, I'm newsbot.</b> I answer questions about a collection of news articles, "
        "quoting the articles and citing every source.",
        "",
        f"I have {collection_summary(articles)}.",
        "",
        "In this group I only read messages meant for me:",
        "• <code>/ask your question</code>",
        f"• a message that mentions @{esc(username)}",
        "• a reply to one of my messages",
    ]
    if examples:
        lines += ["", "For example:", *_examples(examples[:2], "/ask ")]
    lines += ["", *_how_to_read()]
    return "\n".join(lines)


def _how_to_read() -> list[str]:
    return [
        "Each answer ends with its sources: tap [1], [2]… under it to read the passage a "
        "citation comes from. Reply to an answer to ask a follow-up, like "
        '<i>"and about China?"</i>',
        "",
        "/sources lists the articles · /help shows all commands",
    ]


def help_text(group: bool, username: str) -> str:
    ask = (
        f"Ask with <code>/ask your question</code>, by mentioning @{esc(username)}, or by "
        "replying to one of my messages. I ignore everything else in the group."
        if group
        else "Send any question as a message (or <code>/ask your question</code>)."
    )
    return "\n".join(
        [
            "<b>How to use newsbot</b>",
            "",
            ask,
            "",
            "Follow-ups: reply to an answer, or just ask your next question within a few "
            'minutes ("What did he say about China?") and I read it in the context of your '
            "last one." + (" Everyone in a group has their own thread." if group else ""),
            "",
            "/ask <i>question</i> — ask a question",
            "/sources — list the indexed articles",
            "/source <i>n</i> — the passage behind citation [n] of my last answer",
            "/help — this message",
            "",
            "<b>Adding articles</b>" + (" (the group's admins)" if group else ""),
            "/add <i>link</i> — add an article; or reply <code>/add</code> to its text, or "
            "send a .txt, .md, .html or .pdf file captioned <code>/add</code>",
            "/forget <i>n</i> — remove article n (from /sources) added here",
            "/follow <i>feed link</i> — add a news feed's new articles as they come",
            "/feeds — the feeds followed here · /unfollow <i>n</i> — stop one",
        ]
    )


def ask_usage(username: str, example: str | None = None) -> str:
    """What to say to a bare /ask (or a bare @mention)."""
    example = example or "What happened?"
    return (
        "Put your question after the command, e.g. "
        f"<code>/ask {esc(example)}</code> — or mention @{esc(username)} in a message "
        "with your question, or reply to one of my answers."
    )


def error_text(message: str) -> str:
    """A NewsbotError (safe to show) as a one-line reply."""
    message = message.strip().rstrip(".") or "that did not work"
    return f"Sorry, {esc(message[0].lower() + message[1:])}."
