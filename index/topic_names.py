"""Whether a statement names the names of the topic asked about ("What did X say about
Pyongyang's launch?"): by any of a name's forms; a capital as its country's government; "the
North" for North Korea, and the reverse, in an article that names it whole; and countries
counted together ("our three countries" for "the U.S., South Korea and Japan")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from index.catalog import Catalog
from index.names import COMPASS_POINTS, compass_short, fold_tokens, mentions, name_parts
from index.places import country_of, country_of_capital, is_country, name_forms, other_names
from index.text import content_stems

_COMPASS = frozenset(p.lower() for p in COMPASS_POINTS)
_FIRST_PLURAL = re.compile(r"\b(?:we|we're|we’re|we've|we’ve|our|ours|us)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[“\"]")
# At most this many words from a country to the name its title precedes ("U.S. Secretary of
# State Antony Blinken"). Grammar, not tuned.
TITLE_REACH = 7
# "our three countries", "both nations", "the two allies": countries told by their number.
_COUNTED = re.compile(
    r"\b(?:(?:our|the|these|those|all)\s+)?(both|two|three|four|five)\s+"
    r"(?:of\s+(?:our|the)\s+)?(?:countries|nations|allies|governments)\b",
    re.IGNORECASE,
)
_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}


class Said(Protocol):
    article: int
    text: str
    tokens: list[str]


class TopicNames:
    """The topic's names, and what each statement's article says of them (read once)."""

    def __init__(
        self, catalog: Catalog, names: Sequence[tuple[str, str]], speakers: Sequence[str] = ()
    ) -> None:
        self.catalog = catalog
        self.speakers = [p for sp in speakers for p in name_parts(sp)[-1:]]
        self._homes: dict[int, tuple[str, ...]] = {}
        self.forms = [(n, label, as_government(n)) for n, label in names]
        self.countries = {n for n, _ in names if is_country(n)}
        self._named_whole: dict[tuple[int, str], bool] = {}
        self._whole: dict[tuple[int, str], tuple[str, ...]] = {}

    def all_named(self, statement: Said) -> bool:
        counted = self._counted(statement.text)
        return all(
            n in counted
            or any(mentions(f, statement.tokens, label) for f in as_named)
            or self._called_the_north(statement, n)
            or self._the_north_named(statement, n)
            or self._ours(statement, as_named)
            for n, label, as_named in self.forms
        )

    def _ours(self, statement: Said, forms: Sequence[str]) -> bool:
        """ "We're very focused on the Indo-Pacific", said by the U.S. secretary of state in
        a quote, is said of the U.S.: the speaker's own country, by the title the article gives
        the speaker ("U.S. Secretary of State Antony Blinken")."""
        if not _FIRST_PLURAL.search(statement.text) or not _QUOTE.search(statement.text):
            return False
        if statement.article not in self._homes:
            self._homes[statement.article] = self._home_countries(statement.article)
        homes = self._homes[statement.article]
        return any(mentions(f, fold_tokens(h), "GPE") for f in forms for h in homes)

    def _titled(self, after: str) -> bool:
        """The words after a country are a title and a speaker's name: capitalised words (and
        "of", "for", "the") up to the name."""
        for word in after.split()[:TITLE_REACH]:
            bare = word.strip(",.;:'’\"“”()")
            if fold_tokens(bare)[-1:] and fold_tokens(bare)[-1] in self.speakers:
                return True
            if not (bare[:1].isupper() or bare in ("of", "for", "the")):
                return False
        return False

    def _home_countries(self, article: int) -> tuple[str, ...]:
        """The countries the article's titles give the speaker: a country or its adjective
        right before the title that precedes the name ("South Korean Foreign Minister Park")."""
        found: list[str] = []
        for sentence in self.catalog.article_sentences(article):
            text = sentence.text
            for label, a, b in sentence.entities:
                if label not in ("GPE", "NORP"):
                    continue
                if not self._titled(text[b:]):
                    continue
                place = text[a:b]
                found += [place, *(name_forms(place, label) if label == "GPE" else ())]
                country = country_of(place) if label == "NORP" else None
                found += [country, *name_forms(country, "GPE")] if country else []
        return tuple(dict.fromkeys(found))

    def counted_stems(self, text: str) -> frozenset[str]:
        """The stems of the countries the text counts together ("our three countries")."""
        return frozenset(t for n in self._counted(text) for t in content_stems(n))

    def _counted(self, text: str) -> set[str]:
        """ "Our three countries have taken steps ..." names the three countries asked about."""
        match = _COUNTED.search(text)
        size = _COUNTS[match.group(1).lower()] if match else 0
        return self.countries if len(self.countries) >= 2 and size == len(self.countries) else set()

    def _called_the_north(self, statement: Said, name: str) -> bool:
        """The statement calls the place "the North" (names.compass_short) in an article that
        names it whole: not the South of another country."""
        if not compass_short(name, statement.text):
            return False
        key = (statement.article, name)
        if key not in self._named_whole:
            sentences = self.catalog.article_sentences(statement.article)
            self._named_whole[key] = any(
                mentions(name, fold_tokens(s.text), "GPE") for s in sentences
            )
        return self._named_whole[key]

    def _the_north_named(self, statement: Said, name: str) -> bool:
        """ "the North" asked about is the country of that compass word the statement's article
        names ("North Korea"), by any of its names ("DPRK")."""
        if name.lower() not in _COMPASS:
            return False
        key = (statement.article, name.lower())
        if key not in self._whole:
            found = next(
                (s.text[a:b] for s in self.catalog.article_sentences(statement.article)
                 for label, a, b in s.entities
                 if label == "GPE" and s.text[a:b].lower().startswith(f"{name.lower()} ")),
                None,
            )  # fmt: skip
            self._whole[key] = name_forms(found, "GPE") if found else ()
        return any(mentions(f, statement.tokens, "GPE") for f in self._whole[key])


def as_government(name: str) -> tuple[str, ...]:
    """A capital named in a topic stands for its country's government ("what Pyongyang would
    do" is told of North Korea), not the reverse: a statement made in Tokyo is not about Japan."""
    country = country_of_capital(name)
    return (name, country, *other_names(country)) if country else (name,)
