"""Telegram's ``parse_mode=HTML`` parser, ported from TDLib's ``parse_html`` for tests.

Offsets and lengths are in UTF-16 code units, error texts match Telegram's
("can't parse entities: <this text>"). One deliberate difference: with ``strict=True``
(the default) a '&' that does not start a valid entity is an error, while Telegram shows
it literally; unescaped '&' in bot output is almost always an escaping bug.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Entity = dict[str, Any]

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_SUPPORTED_TAGS = frozenset(
    {*_SIMPLE_TAGS, "a", "code", "pre", "blockquote", "tg-emoji", "tg-time"}
)
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = frozenset(" \t\r\n\v\f")
_TRIM = " \t\r\n\v\f"
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]\S*)?$")
_USER_LINK = re.compile(r"^tg://user\?id=(\d+)$")


class TelegramHTMLError(ValueError):
    """HTML that Telegram would reject with "can't parse entities"."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram offsets and limits."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _decode_entity(html: str, pos: int) -> tuple[str, int] | None:
    """Decode the HTML entity at ``html[pos] == '&'`` like TDLib (the ';' is optional)."""
    end = pos + 1
    if html.startswith("&#", pos):
        end += 1
        hexadecimal = html.startswith("x", end)
        end += hexadecimal
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        start = end
        while end < len(html) and html[end] in digits:
            end += 1
        code = int(html[start:end], 16 if hexadecimal else 10) if end > start else 0
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None
        char = chr(code)
    else:
        while end < len(html) and html[end].isascii() and html[end].isalpha():
            end += 1
        if html[pos + 1 : end] not in _NAMED_ENTITIES:
            return None
        char = _NAMED_ENTITIES[html[pos + 1 : end]]
    return char, end + 1 if html.startswith(";", end) else end


def _normalize_url(url: str) -> str | None:
    """Return the URL as Telegram stores it for text_link entities, or None if invalid."""
    url = url.strip()
    if not url or any(c.isspace() for c in url):
        return None
    if not _URL_SCHEME.match(url):
        if not _HOST.match(url):
            return None
        url = "http://" + url
    scheme, sep, rest = url.partition("://")
    if sep and scheme.lower() in ("http", "https") and not any(c in rest for c in "/?#"):
        url += "/"
    return url


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str]
    offset: int
    begin: int  # index into the output characters


@dataclass
class _Parser:
    html: str
    strict: bool
    users: Mapping[int, Mapping[str, Any]]
    out: list[str] = field(default_factory=list)
    u16: int = 0
    stack: list[_Open] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def at(self, i: int) -> str:
        return self.html[i] if i < len(self.html) else ""

    def space(self, i: int) -> bool:  # TDLib treats the terminating NUL as a space
        return i >= len(self.html) or self.html[i] in _SPACES

    def fail(self, message: str, pos: int | None = None) -> TelegramHTMLError:
        if pos is not None:
            message = f"{message} at byte offset {self.byte_offset(pos)}"
        return TelegramHTMLError(message)

    def byte_offset(self, pos: int) -> int:
        return len(self.html[:pos].encode("utf-8", "surrogatepass"))

    def emit(self, char: str) -> None:
        self.out.append(char)
        self.u16 += 2 if ord(char) > 0xFFFF else 1

    def run(self) -> tuple[str, list[Entity]]:
        i = 0
        while i < len(self.html):
            c = self.html[i]
            if c == "&":
                decoded = _decode_entity(self.html, i)
                if decoded is not None:
                    self.emit(decoded[0])
                    i = decoded[1]
                    continue
                if self.strict:
                    raise self.fail("Character '&' is not part of a valid HTML entity", i)
            if c != "<":
                self.emit(c)
                i += 1
            elif self.at(i + 1) == "/":
                i = self.end_tag(i)
            else:
                i = self.start_tag(i)
        if self.stack:
            raise self.fail(f"Can't find end tag corresponding to start tag {self.stack[-1].tag}")
        text = "".join(self.out)
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
            raise self.fail(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        return text, _cleanup(self.entities)

    def start_tag(self, begin: int) -> int:
        i = begin + 1
        while not self.space(i) and self.at(i) != ">":
            i += 1
        if i >= len(self.html):
            raise self.fail("Unclosed start tag", begin)
        tag = self.html[begin + 1 : i].lower()
        if tag not in _SUPPORTED_TAGS:
            raise self.fail(f'Unsupported start tag "{tag}"', begin)
        attrs: dict[str, str] = {}
        while self.at(i) != ">":
            while self.at(i) and self.space(i):
                i += 1
            if self.at(i) == ">":
                break
            name_start = i
            while not self.space(i) and self.at(i) not in ("=", ">"):
                i += 1
            name = self.html[name_start:i]
            if not name:
                raise self.fail(f'Empty attribute name in the tag "{tag}"', begin)
            while self.at(i) and self.space(i):
                i += 1
            if self.at(i) != "=":
                if tag == "blockquote" and name == "expandable":
                    attrs[name] = ""
                    continue
                raise self.fail(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}"', begin
                )
            i += 1
            while self.at(i) and self.space(i):
                i += 1
            if not self.at(i):
                raise self.fail(f'Unclosed start tag "{tag}"', begin)
            attrs[name], i = self.attribute_value(i)
            if not self.at(i):
                raise self.fail("Unclosed start tag", begin)
        self.check_tag(tag, attrs, begin)
        self.stack.append(_Open(tag, attrs, self.u16, len(self.out)))
        return i + 1

    def attribute_value(self, i: int) -> tuple[str, int]:
        quote = self.at(i)
        if quote not in ("'", '"'):  # an unquoted name token
            start = i
            while self.at(i) in _TOKEN_CHARS:
                i += 1
            if not self.space(i) and self.at(i) != ">":
                raise self.fail("Unexpected end of name token", start)
            return self.html[start:i].lower(), i
        i += 1
        value: list[str] = []
        while self.at(i) and self.at(i) != quote:
            decoded = _decode_entity(self.html, i) if self.at(i) == "&" else None
            if decoded is not None:
                value.append(decoded[0])
                i = decoded[1]
            else:
                value.append(self.at(i))
                i += 1
        return "".join(value), i + 1 if self.at(i) == quote else i

    def check_tag(self, tag: str, attrs: dict[str, str], begin: int) -> None:
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise self.fail('Tag "span" must have class "tg-spoiler"', begin)
        if tag == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise self.fail("Custom emoji identifier must be specified", begin)
        if tag == "tg-time" and not attrs.get("unix", "").isdigit():
            raise self.fail("Unix time must be specified", begin)

    def end_tag(self, begin: int) -> int:
        if not self.stack:
            raise self.fail("Unexpected end tag", begin)
        i = begin + 2
        while not self.space(i) and self.at(i) != ">":
            i += 1
        end_name = self.html[begin + 2 : i]
        while self.at(i) and self.space(i):
            i += 1
        if self.at(i) != ">":
            raise self.fail("Unclosed end tag", begin)
        opened = self.stack.pop()
        if end_name and end_name != opened.tag:
            raise self.fail(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{opened.tag}>", found "</{end_name}>"'
            )
        if self.u16 > opened.offset:
            self.add_entity(opened)
        return i + 1

    def add_entity(self, opened: _Open) -> None:
        tag, attrs = opened.tag, opened.attrs
        entity: Entity = {"type": "", "offset": opened.offset, "length": self.u16 - opened.offset}
        last = self.entities[-1] if self.entities else None
        same_span = last is not None and (last["offset"], last["length"]) == (
            entity["offset"],
            entity["length"],
        )
        if tag in _SIMPLE_TAGS:
            entity["type"] = _SIMPLE_TAGS[tag]
        elif tag == "a":
            target = attrs.get("href") or "".join(self.out[opened.begin :])
            user_link = _USER_LINK.match(target)
            url = _normalize_url(target)
            if user_link and int(user_link[1]) in self.users:
                entity.update(type="text_mention", user=dict(self.users[int(user_link[1])]))
            elif url is None:
                return  # Telegram silently drops links with invalid URLs
            else:
                entity.update(type="text_link", url=url)
        elif tag == "pre":
            if last and same_span and last["type"] == "code" and last.get("language"):
                last["type"] = "pre"
                return
            entity["type"] = "pre"
        elif tag == "code":
            language = attrs.get("class", "")
            language = language[9:] if language.startswith("language-") else ""
            if last and same_span and last["type"] == "pre" and language:
                last["language"] = language
                return
            entity["type"] = "code"
            if language:
                entity["language"] = language
        elif tag == "blockquote":
            entity["type"] = "expandable_blockquote" if "expandable" in attrs else "blockquote"
        elif tag == "tg-emoji":
            entity.update(type="custom_emoji", custom_emoji_id=attrs["emoji-id"])
        else:  # tg-time
            entity.update(type="date_time", unix_time=int(attrs["unix"]))
            if attrs.get("format"):
                entity["date_time_format"] = attrs["format"]
        self.entities.append(entity)


def _cleanup(entities: list[Entity]) -> list[Entity]:
    """Drop code languages, code nested in pre, and sort like Telegram (offset, -length)."""
    pres = [(e["offset"], e["offset"] + e["length"]) for e in entities if e["type"] == "pre"]
    result = []
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
            start, end = entity["offset"], entity["offset"] + entity["length"]
            if any(s <= start and end <= e for s, e in pres):
                continue
        result.append(entity)
    return sorted(result, key=lambda e: (e["offset"], -e["length"]))


def parse_telegram_html(
    html: str, *, strict: bool = True, users: Mapping[int, Mapping[str, Any]] | None = None
) -> tuple[str, list[Entity]]:
    """Parse Bot API HTML into ``(plain_text, entities)``; raise TelegramHTMLError like Telegram.

    ``users`` maps ids to User dicts so ``tg://user?id=`` links become ``text_mention``.
    The text is not trimmed here; see :func:`trim_text`.
    """
    return _Parser(html, strict, users or {}).run()


def trim_text(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Strip leading/trailing whitespace like Telegram does, clipping entity ranges."""
    stripped = text.strip(_TRIM)
    if not stripped:
        return "", []
    shift = utf16_len(text[: len(text) - len(text.lstrip(_TRIM))])
    size = utf16_len(stripped)
    result = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, size)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result


_INCOMING = re.compile(
    r"(?P<bot_command>(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@]))"
    r"|(?P<mention>(?<![\w@])@[A-Za-z0-9_]{5,32}(?![\w@]))"
    r"|(?P<url>\bhttps?://[^\s<>\"]*[^\s<>\".,;:!?)\]'])"
    r"|(?P<hashtag>(?<![\w#])#\w*[^\W\d]\w*)"
)


def detect_entities(text: str) -> list[Entity]:
    """Entities Telegram adds to incoming text: bot_command, mention, url and hashtag."""
    return [
        {"type": m.lastgroup, "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        for m in _INCOMING.finditer(text)
    ]
