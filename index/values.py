"""Answer values (a name, a number, a date) read from entity texts, and whether two agree.

Two sources disagree only when their values are of one kind and cannot be the same thing:
"Norway" and "U.S."; "39" and "37 medals"; "June 2019" and "July 2021". Values that may be one
thing written two ways agree: "Wednesday" and "Nov. 8" in articles published on Nov. 9, "Joe
Biden" and "Biden", "2,000" and "2000". A value that cannot be read as its kind never conflicts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from index.names import acronym_form, fold_tokens

MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}  # fmt: skip
WEEKDAYS = {d: i for i, d in enumerate("mon tue wed thu fri sat sun".split())}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}  # fmt: skip
YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Two numbers within this relative distance are one value written twice ("roughly 1 million").
NUMBER_TOLERANCE = 0.02


@dataclass(frozen=True)
class Value:
    kind: str  # name | number | date
    text: str
    tokens: tuple[str, ...] = ()
    number: float | None = None
    day: tuple[int | None, int | None, int | None] | None = None  # (year, month, day)


@lru_cache(maxsize=65536)
def read_value(text: str, label: str, published: str | None = None) -> Value:
    """A value of the kind its entity label says, read as far as it can be."""
    tokens = tuple(fold_tokens(text))
    if label in ("DATE", "TIME"):
        return Value("date", text, tokens, day=_read_date(tokens, published))
    if label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"):
        return Value("number", text, tokens, number=_read_number(text))
    return Value("name", text, tokens)


_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries".split()
)
_COUNTS = frozenset({
    "a", "an", "half", "several", "few", "many", "dozen", "hundred", "thousand", "couple",
    *_NUMBER_WORDS,
    *"thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "sixty seventy eighty ninety".split(),
})  # fmt: skip
# Names of currencies, which make a bare figure before them an amount of money.
CURRENCY_WORDS = frozenset(
    "euro euros dollar dollars pound pounds sterling yen yuan renminbi rupee rupees franc francs "
    "peso pesos rouble roubles ruble rubles won krona kronor krone kroner crown crowns real reais "
    "rand lira lire shekel shekels dinar dinars dirham dirhams riyal riyals baht ringgit zloty "
    "zlotys forint forints koruna hryvnia hryvnias naira cent cents pence".split()
)
# Words that turn a length of time into a point in time ("two days ago", "a week later").
_ANCHORS = frozenset("ago later earlier before after since".split())


def is_duration(text: str) -> bool:
    """ "Two-day", "three years", "a month-long": a length of time, which answers "how long"
    but is no answer to "when" (unlike "two days ago" or "Nov. 30")."""
    tokens = fold_tokens(text)
    if any(
        t in _ANCHORS or (t[:3] in MONTHS and t not in _UNITS) or YEAR.fullmatch(t) for t in tokens
    ):
        return False
    return lengths_of_time(tokens) > 0


def lengths_of_time(tokens: Sequence[str]) -> int:
    """How many lengths of time the folded words give: an amount of a unit of time ("three
    hours", "a two-day visit", "2 1/2 years"; not "this week")."""
    return sum(
        t in _UNITS and i > 0 and (tokens[i - 1] in _COUNTS or tokens[i - 1].isdigit())
        for i, t in enumerate(tokens)
    )


def lengths_since(tokens: Sequence[str]) -> int:
    """How many lengths of time the folded words anchor to an event ("two years ago", "2 1/2
    years after his last visit"): the time elapsed since it."""
    return sum(
        t in _UNITS and 0 < i < len(tokens) - 1 and tokens[i + 1] in _ANCHORS
        and (tokens[i - 1] in _COUNTS or tokens[i - 1].isdigit())
        for i, t in enumerate(tokens)
    )  # fmt: skip


def agree(a: Value, b: Value) -> bool:
    """Whether two values may be the same (values of different kinds never disagree)."""
    if a.kind != b.kind:
        return True
    if a.kind == "number":
        if a.number is None or b.number is None:
            return True
        scale = max(abs(a.number), abs(b.number), 1e-9)
        return abs(a.number - b.number) / scale <= NUMBER_TOLERANCE
    if a.kind == "date":
        if a.day is None or b.day is None:
            return True
        return all(x is None or y is None or x == y for x, y in zip(a.day, b.day, strict=True))
    if _acronym_of(a.tokens, b.tokens) or _acronym_of(b.tokens, a.tokens):
        return True  # "U.S." and "United States"
    small, large = sorted((set(a.tokens), set(b.tokens)), key=len)
    return not small or (bool(small & large) and len(small - large) <= len(small) // 2)


def _acronym_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) == 1 and len(long) > 1 and short[0] == initials(long)


def initials(tokens: tuple[str, ...]) -> str:
    """ "united states" -> "us_", as fold_tokens gives "US" ("of", "the", "and", "for"
    skipped)."""
    return acronym_form("".join(w[0] for w in tokens if w not in ("of", "the", "and", "for")))


def _read_number(text: str) -> float | None:
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    words = text.lower().split()
    if match:
        value = float(match.group().replace(",", ""))
    else:
        found = [_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS]
        if not found:
            return None
        value = float(found[0])
    for word, scale in _SCALE.items():
        if word in words:
            value *= scale
    return value


def _read_date(
    tokens: tuple[str, ...], published: str | None
) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) as far as the text gives them; a weekday is resolved against the
    publication date (the most recent such day on or before it)."""
    year = next((int(t) for t in tokens if YEAR.fullmatch(t)), None)
    month = next((MONTHS[t[:3]] for t in tokens if t[:3] in MONTHS and t.isalpha()), None)
    days = (re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", t) for t in tokens)  # "18", "18th"
    day = next((int(m.group(1)) for m in days if m and 1 <= int(m.group(1)) <= 31), None)
    weekday = next((WEEKDAYS[t[:3]] for t in tokens if t.endswith("day") and t[:3] in WEEKDAYS),
                   None)  # fmt: skip
    if weekday is not None and published and month is None and day is None:
        try:
            base = date.fromisoformat(published[:10])
        except ValueError:
            return None
        when = base - timedelta(days=(base.weekday() - weekday) % 7)
        return when.year, when.month, when.day
    if year is None and month is None:
        return None
    if year is None and published and month is not None:
        year = int(published[:4])
    return year, month, day if month is not None else None
