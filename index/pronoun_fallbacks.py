"""Where he/she finds no speaker or subject of its gender in ``PRONOUN_WINDOW`` sentences
(index.mentions.Discourse): the latest speaker before a quote block, the latest person named if
a speaker, the only person named, the one person of its gender named. Each takes the article's
mentions (index.mention_parts.Mention, in order), its genders by name (index.genders) and the
pronoun's token index and sentence."""

from __future__ import annotations

from collections.abc import Sequence

from index.mention_parts import Mention
from index.pronoun_windows import (
    FALLBACK_WINDOW,
    GENDER_WINDOW,
    ONLY_PERSON_WINDOW,
    PRONOUN_WINDOW,
)


def before_quote(
    mentions: Sequence[Mention],
    genders: dict[str, str],
    quote_sentence: list[bool],
    window: tuple[int, int],
    gender: str,
) -> Mention | None:
    """'Smith said. "..." "..." He added': past a quote's sentences, which do not count
    towards ``PRONOUN_WINDOW``, the latest speaker whom the article shows to be of the
    pronoun's gender. ``window``: the first and last sentences of the plain window.
    PolNeAR train (`benchmarks/attribution.py --split train`, on 8c3377e): recall 0.6799 ->
    0.6828, precision 0.840 -> 0.836, upper 0.9174 -> 0.9156; with subjects and speakers of
    unknown gender too, 0.6896 and 0.9111; for it/they too, no change."""
    lowest, sentence = window
    counted = 1 + sum(not quote_sentence[k] for k in range(lowest, sentence))
    first = lowest
    while first > 0 and counted < PRONOUN_WINDOW:
        first -= 1
        counted += not quote_sentence[first]
    fits = [
        m for m in mentions
        if first <= m.sentence < lowest and m.speaker and not m.conjunct and not m.quoted
        and m.kind == "person" and genders.get(m.name) == gender
    ]  # fmt: skip
    return fits[-1] if fits else None


def _people(
    mentions: Sequence[Mention], position: int, sentence: int, window: int
) -> list[Mention]:
    """The people named outside quotes in the window, before the pronoun."""
    lowest = max(0, sentence - window + 1)
    return [
        m for m in mentions
        if lowest <= m.sentence <= sentence and m.position < position
        and m.kind == "person" and not m.quoted
    ]  # fmt: skip


def last_person(
    mentions: Sequence[Mention], genders: dict[str, str], position: int, sentence: int, gender: str
) -> Mention | None:
    """Past the window, or with no subject in it: the latest person named before he/she,
    within ``FALLBACK_WINDOW`` sentences, when that person is a speaker whose gender fits."""
    people = _people(mentions, position, sentence, FALLBACK_WINDOW)
    fits = [m for m in people if genders.get(m.name, gender) == gender]
    return fits[-1] if fits and fits[-1].speaker else None


def only_person(
    mentions: Sequence[Mention], genders: dict[str, str], position: int, sentence: int, gender: str
) -> Mention | None:
    """Within the window, the one person named (in any role) whom the article shows to be
    of the pronoun's gender, when no other person is named there."""
    people = _people(mentions, position, sentence, ONLY_PERSON_WINDOW)
    if len({m.name for m in people}) != 1 or genders.get(people[-1].name) != gender:
        return None
    return people[-1]


def one_of_gender(
    mentions: Sequence[Mention], genders: dict[str, str], position: int, sentence: int, gender: str
) -> Mention | None:
    """'Obama met Smith. She said ...': of the people named in the window, in any role, the
    one whom the article shows to be of the pronoun's gender, when every other one is
    shown to be of the other."""
    people = _people(mentions, position, sentence, GENDER_WINDOW)
    fits = {m.name for m in people if genders.get(m.name) == gender}
    if len(fits) != 1 or not all(m.name in genders for m in people):
        return None
    return [m for m in people if m.name in fits][-1]
