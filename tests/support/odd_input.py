"""Odd and hostile input for the bot: message kinds, texts, and a seeded fuzz generator.

Every builder injects through the local Bot API server (``tests/telegram_server.py``), so the
bot receives exactly what Telegram would send it.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from typing import Any

from telegram_server import TelegramTestServer

JSON = dict[str, Any]
GROUP_ANONYMOUS_BOT: JSON = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}  # fmt: skip
OTHER_BOT: JSON = {"id": 5550001, "is_bot": True, "first_name": "Other", "username": "other_helper_bot"}  # fmt: skip
_file = iter(range(10**6, 10**7))


def _file_id() -> JSON:
    n = next(_file)
    return {"file_id": f"AgAD{n}", "file_unique_id": f"u{n}"}


def sticker() -> JSON:
    return {"sticker": {**_file_id(), "type": "regular", "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": "👍"}}  # fmt: skip


def photo(caption: str | None = None) -> JSON:
    fields: JSON = {"photo": [{**_file_id(), "width": 90, "height": 60}]}
    if caption is not None:
        fields["caption"] = caption
    return fields


def voice() -> JSON:
    return {"voice": {**_file_id(), "duration": 3, "mime_type": "audio/ogg"}}


def poll() -> JSON:
    return {"poll": {"id": f"p{next(_file)}", "question": "Lunch?", "options": [{"text": "yes", "voter_count": 0, "persistent_id": "o1"}, {"text": "no", "voter_count": 0, "persistent_id": "o2"}], "total_voter_count": 0, "is_closed": False, "is_anonymous": True, "type": "regular", "allows_multiple_answers": False, "allows_revoting": True, "members_only": False}}  # fmt: skip


def forwarded_from(user: JSON) -> JSON:
    return {"forward_origin": {"type": "user", "date": 1700000000, "sender_user": user}}


# ----------------------------------------------------------------------------- texts
HOSTILE_TEXTS = [
    "",  # an empty text (Telegram never sends one; a broken client might)
    "   \n\t  ",
    "why " * 2500,  # 10,000 characters
    "\u200b\u200c\u200d\ufeff",  # zero-width only
    "\x00\x01\x07\x1b[31mred\x1b[0m what did Blinken say?",
    "\u202eWhat did Blinken say about Russia?\u202c",  # right-to-left override
    "ما الذي قاله بلينكن عن روسيا؟",  # Arabic (RTL)
    "😀🇰🇷👩‍👩‍👧 Blinken? 🙏🏽",
    "Z̸̢̛͓̈́a̷̡͠l̵̨̛g̶̢̛o̸̧͝ what?",  # combining marks
    '<b>bold</b> <a href="javascript:alert(1)">x</a> &amp; &#0; <script>',
    "*bold* _it_ `code` [link](http://x) ||spoiler|| ~~s~~",
    "/source ²",
    "/source ١",  # an Arabic-Indic digit
    "/source -1",
    "/source 99999999999999999999999999",
    "/source 1 2 3",
    "/source <b>1</b>",
    "/ask",
    "/ask " + "\u200b" * 5,
    "/ask@other_helper_bot what?",
    "/start junk args & <i>",
    "/help@newsbot_test_bot extra",
    "/sources please",
    "/stats",
    "/nosuchcommand arg",
    "/" + "x" * 64,
    "@newsbot_test_bot",
    "@newsbot_test_bot \u200b",
]


def random_text(rng: random.Random) -> str:
    """A text from a mix of the hostile samples, fragments and random characters."""
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(HOSTILE_TEXTS)
    if roll < 0.55:
        alphabet = string.printable + "²³¹١٢😀‍\u200b\u202e\u0301<>&\"'"
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
    if roll < 0.7:
        command = rng.choice(["/ask", "/source", "/sources", "/start", "/help", "/stats", "/x"])
        return (
            f"{command} {''.join(rng.choice(string.printable) for _ in range(rng.randint(0, 40)))}"
        )
    if roll < 0.85:
        return rng.choice(["Who is Park Jin?", "What did Blinken say about Russia?", "and about China?", "What is the capital of Australia?"])  # fmt: skip
    return "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(1, 80)))


class Fuzzer:
    """Sends seeded random messages of every kind, from people, anonymous admins, channels
    and other bots, into a private chat, a group and a channel; counts what was delivered."""

    def __init__(self, server: TelegramTestServer, seed: int, base_id: int) -> None:
        self.server, self.rng = server, random.Random(seed)
        self.people = [server.user(base_id + i, f"Fuzz{i}") for i in range(40)]
        self.group = server.group_chat(-base_id, "Fuzz group", supergroup=True)
        self.channel: JSON = {"id": -base_id - 1, "type": "channel", "title": "Fuzz channel"}
        self.sent: list[JSON] = []
        self.delivered = 0

    def send_one(self) -> None:
        before = self.server.updates_sent
        kind = self.rng.choices(
            list(self._kinds()), weights=[30, 12, 6, 4, 4, 4, 4, 3, 4, 4, 4, 3]
        )[0]
        self._kinds()[kind]()
        self.delivered += self.server.updates_sent - before

    def _kinds(self) -> dict[str, Callable[[], None]]:
        return {
            "private text": lambda: self._say(self._private(), self._person(), random_text(self.rng)),
            "group text": lambda: self._say(self.group, self._person(), self._group_text()),
            "edit": self._edit,
            "channel post": lambda: self._message(self.channel, None, random_text(self.rng), sender_chat=self.channel),
            "anonymous admin": lambda: self._message(self.group, GROUP_ANONYMOUS_BOT, self._group_text(), sender_chat=self.group),
            "sticker": lambda: self._message(self._chat(), self._person(), None, fields=sticker()),
            "photo": lambda: self._message(self._chat(), self._person(), None, fields=photo(self.rng.choice([None, random_text(self.rng)]))),
            "voice": lambda: self._message(self._chat(), self._person(), None, fields=voice()),
            "poll": lambda: self._message(self._chat(), self._person(), None, fields=poll()),
            "forward": lambda: self._message(self._chat(), self._person(), random_text(self.rng), fields=forwarded_from(self._person())),
            "other bot": lambda: self._message(self._chat(), OTHER_BOT, self._group_text()),
            "button": self._button,
        }  # fmt: skip

    def _person(self) -> JSON:
        return self.rng.choice(self.people)

    def _private(self) -> JSON:
        return self.server.private_chat(self._person())

    def _chat(self) -> JSON:
        return self.group if self.rng.random() < 0.5 else self._private()

    def _group_text(self) -> str:
        text = random_text(self.rng)
        return self.rng.choice([text, f"@newsbot_test_bot {text}", f"/ask {text}"])

    def _say(self, chat: JSON, person: JSON, text: str) -> None:
        if chat["type"] == "private":
            person = next(p for p in self.people if p["id"] == chat["id"])
        self._message(chat, person, text)

    def _message(self, chat: JSON, sender: JSON | None, text: str | None, **options: Any) -> None:
        if chat["type"] == "private" and sender is not None and sender["id"] != chat["id"]:
            sender = next(p for p in self.people if p["id"] == chat["id"])
        self.sent.append(self.server.send_message(chat, sender, text, **options))

    def _edit(self) -> None:
        texts = [m for m in self.sent if m.get("text") and m["chat"]["type"] != "channel"]
        if texts:
            message = self.rng.choice(texts)
            self.server.edit_message(message["chat"], message, random_text(self.rng) or "x")

    def _button(self) -> None:
        answers = [m for m in self.server.sent if m.get("reply_markup")]
        if not answers:
            return
        answer = self.rng.choice(answers)
        chat = answer["message"]["chat"]
        data = self.rng.choice(["src:1:1", "src:²:1", "src:99999999999999999999:1", "junk", "src:0:0", "x" * 64])  # fmt: skip
        person = self._person() if chat["type"] != "private" else next(p for p in self.people if p["id"] == chat["id"])  # fmt: skip
        self.server.press_button(chat, person, answer["message_id"], data, check=False)
