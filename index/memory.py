"""Conversation memory: recent turns per chat (and per user), kept in SQLite in the data dir."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from index.models import Answer, Citation

KEEP_TURNS = 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat TEXT NOT NULL,
    user TEXT NOT NULL,
    at REAL NOT NULL,
    question TEXT NOT NULL,
    entities TEXT NOT NULL,
    answer TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS turns_by_chat ON turns (chat, user, id);
CREATE TABLE IF NOT EXISTS messages (
    chat TEXT NOT NULL,
    message_id INTEGER NOT NULL,
    turn_id INTEGER NOT NULL,
    PRIMARY KEY (chat, message_id)
);
"""


@dataclass(frozen=True)
class Turn:
    """One question and the answer given to it."""

    id: int
    chat: str
    user: str
    at: float
    question: str
    entities: tuple[str, ...]
    answer: dict[str, Any]

    @property
    def citations(self) -> list[Citation]:
        return [Citation.from_json(c) for c in self.answer.get("citations", [])]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Turn:
        return cls(**{**data, "entities": tuple(data["entities"])})


class ChatMemory:
    """Thread-safe store of turns; a group keeps one thread per user (user='' for a whole chat)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # Losing the last turns on a power cut is fine; an fsync per question is not.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def add(self, chat: str, user: str, answer: Answer) -> Turn:
        data = answer.to_json(full=True)
        at = time.time()
        entities = json.dumps(answer.entities)
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO turns (chat, user, at, question, entities, answer) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (chat, user, at, answer.read_as or answer.question, entities, json.dumps(data)),
            )
            turn_id = int(cursor.lastrowid or 0)
            self._db.execute(
                "DELETE FROM turns WHERE chat=? AND user=? AND id <= ?",
                (chat, user, turn_id - KEEP_TURNS),
            )
        asked = answer.read_as or answer.question  # what a next "and about X?" follows
        return Turn(turn_id, chat, user, at, asked, tuple(answer.entities), data)

    def last(self, chat: str, user: str, max_age: float | None = None) -> Turn | None:
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM turns WHERE chat=? AND user=? ORDER BY id DESC LIMIT 1", (chat, user)
            ).fetchone()
        turn = _turn(row)
        if turn and max_age is not None and time.time() - turn.at > max_age:
            return None
        return turn

    def get(self, turn_id: int) -> Turn | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM turns WHERE id=?", (turn_id,)).fetchone()
        return _turn(row)

    def link_message(self, chat: str, message_id: int, turn_id: int) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO messages (chat, message_id, turn_id) VALUES (?,?,?)",
                (chat, message_id, turn_id),
            )

    def turn_for_message(self, chat: str, message_id: int) -> Turn | None:
        with self._lock:
            row = self._db.execute(
                "SELECT turn_id FROM messages WHERE chat=? AND message_id=?", (chat, message_id)
            ).fetchone()
        return self.get(int(row[0])) if row else None


def _turn(row: tuple[Any, ...] | None) -> Turn | None:
    if row is None:
        return None
    tid, chat, user, at, question, entities, answer = row
    return Turn(tid, chat, user, at, question, tuple(json.loads(entities)), json.loads(answer))
