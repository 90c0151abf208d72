"""WordNet's nouns: the lexicographer file of a noun's most frequent sense (a person, a group,
a thing one can point at, a measure), its nouns for people, and the other names of proper
nouns ("Oscar": Academy Award). Read from the same files as index.lexicon.
"""

from __future__ import annotations

from functools import cache, lru_cache

from index.lexicon import DataLine, data_dir, data_lines, read_data_line


@cache
def nouns_of_files(lexfiles: frozenset[str]) -> dict[str, tuple[DataLine, ...]]:
    """The noun synsets of some lexicographer files ("15" places, "18" people), read in one pass
    over data.noun for every caller: a second caller with the same files reads nothing."""
    found: dict[str, list[DataLine]] = {f: [] for f in lexfiles}
    for line in data_lines("noun"):
        if line.lexfile in found:
            found[line.lexfile].append(line)
    return {f: tuple(lines) for f, lines in found.items()}


LOCATION_FILE = "15"  # noun.location
PERSON_FILE = "18"  # noun.person
# The files read at once: places and people.
NOUN_FILES = frozenset({LOCATION_FILE, PERSON_FILE})
# Lexicographer files of things one can point at: animals, artifacts, body parts, food,
# natural objects, plants, substances (noun.animal ... noun.substance).
CONCRETE_FILES = frozenset({"05", "06", "08", "13", "17", "20", "27"})


@cache
def _noun_senses() -> dict[str, tuple[str, ...]]:
    """Each noun lemma's synset offsets, most frequent first (index.noun lists a lemma's
    synsets by frequency, last on its line)."""
    found = {}
    for line in (data_dir() / "index.noun").read_text(encoding="utf-8").splitlines():
        if line[:1] == " ":
            continue
        fields = line.split()
        found[fields[0]] = tuple(fields[-int(fields[2]) :])
    return found


@cache
def _first_noun_senses() -> dict[str, str]:
    """Each noun lemma's most frequent synset offset."""
    return {lemma: offsets[0] for lemma, offsets in _noun_senses().items()}


@cache
def _noun_files() -> tuple[dict[str, str], frozenset[str]]:
    """Each noun synset's lexicographer file, by offset (the first two fields of data.noun's
    lines, read without parsing the rest), and the synsets of proper names (the first word
    capitalised: "Crane", the writer, is the first sense of "crane")."""
    lines = [line for line in (data_dir() / "data.noun").read_text(encoding="utf-8").splitlines()
             if line[:1] != " "]  # fmt: skip
    files = {line[:8]: line[9:11] for line in lines}
    return files, frozenset(line[:8] for line in lines if line[17:18].isupper())


@cache
def _proper_aliases() -> dict[str, str]:
    """A proper noun's other name, where its most frequent sense is a synset of proper names
    only ("Oscar": Academy Award): WordNet's own aliases, read once."""
    first = _first_noun_senses()
    wanted = {offset for lemma, offset in first.items() if "_" not in lemma}
    found: dict[str, str] = {}
    for line in data_lines("noun"):
        words = [w.replace("_", " ") for w in line.words]
        if line.offset not in wanted or len(words) < 2 or not all(w[:1].isupper() for w in words):
            continue
        if line.lexfile == LOCATION_FILE:
            continue  # a place's other names are index.places' (GeoNames), not these
        for word in words:
            if " " not in word and first.get(word.lower()) == line.offset:
                found.setdefault(word, next(w for w in words if w != word))
    return found


def proper_alias(word: str) -> str | None:
    """The other name WordNet gives a capitalised word ("Oscar" -> "Academy Award"), or None."""
    return _proper_aliases().get(word) if word[:1].isupper() else None


def _first_sense_file(lemma: str) -> str | None:
    """The lexicographer file of a noun's most frequent sense ("18" noun.person), or None."""
    files, proper = _noun_files()
    offsets = _noun_senses().get(lemma.lower().replace(" ", "_"), ())
    # a common noun's own sense: "crane" the machine, not Stephen Crane
    common = [o for o in offsets if o not in proper] if lemma[:1].islower() else offsets
    return files.get(common[0]) if common else None


_GROUP_FILE = "14"  # noun.group


def is_person_noun(lemma: str) -> bool:
    """Whether a noun's most frequent sense is a kind of person ("diplomat", "chief"), not a
    thing ("name", "head")."""
    return _first_sense_file(lemma) == PERSON_FILE


def is_concrete_noun(lemma: str) -> bool:
    """Whether a noun's most frequent sense is a thing one can point at ("rocket", "car"), not
    an abstraction ("idiom", "policy", "plan")."""
    return _first_sense_file(lemma) in CONCRETE_FILES


# WordNet's noun files of what a thing has or measures: noun.attribute (07: price, height),
# noun.group (14: population), noun.possession (21: GDP, revenue), noun.quantity (24).
MEASURE_FILES = frozenset({"07", "14", "21", "24"})


def is_measure_noun(lemma: str) -> bool:
    """Whether a noun's most frequent sense is something a thing has or measures ("GDP",
    "population", "price"), not an event or a thought ("outcome", "purpose")."""
    return _first_sense_file(lemma) in MEASURE_FILES


def is_group_noun(lemma: str) -> bool:
    """Whether a noun's most frequent sense is a group of people ("military", "party", "team":
    WordNet's noun.group), whose instances the articles name as organisations."""
    return _first_sense_file(lemma) == _GROUP_FILE


@cache
def person_nouns() -> frozenset[str]:
    """WordNet's nouns for people ("minister", "spokesman", "diplomat"; not "report")."""
    people = nouns_of_files(NOUN_FILES)[PERSON_FILE]
    return frozenset(w.lower() for line in people for w in line.words)


def names_people(description: str) -> bool:
    """Whether a description's last word is a noun for people ("the foreign minister", "Seoul
    officials", "the head of KCNA"), not for a document or a body ("the report", "the
    statement")."""
    words = description.split(" of ")[0].split()
    last = words[-1].lower() if words else ""
    return any(form in person_nouns() for form in (last, last.removesuffix("s")))


@cache
def _noun_positions() -> dict[int, int]:
    """Where each noun synset's line starts in data.noun (this copy's byte offsets are not
    WordNet's synset offsets), read once: a synset's line is then read alone."""
    positions: dict[int, int] = {}
    at = 0
    with (data_dir() / "data.noun").open("rb") as data:
        for line in data:
            if line[:1] != b" ":
                positions[int(line[:8])] = at
            at += len(line)
    return positions


@lru_cache(maxsize=4096)
def _synset_at(offset: str) -> DataLine:
    """The noun synset of an offset, its line read alone."""
    with (data_dir() / "data.noun").open("rb") as data:
        data.seek(_noun_positions()[int(offset)])
        return read_data_line(data.readline().decode("utf-8"))


def _one_word_nouns(line: DataLine) -> set[str]:
    return {w.lower() for w in line.words if "_" not in w}


@cache
def noun_synonyms(lemma: str) -> frozenset[str]:
    """The one-word nouns that share a sense with the noun ("demonstrator": protester)."""
    offsets = _noun_senses().get(lemma.lower(), ())
    return frozenset().union(*(_one_word_nouns(_synset_at(o)) for o in offsets))


@cache
def noun_kinds(lemma: str) -> frozenset[str]:
    """The one-word nouns for a kind of what the noun names, in its most frequent sense
    ("meeting": summit, conference, session): WordNet's hyponyms, one level down."""
    first = _first_noun_senses().get(lemma.lower())
    if first is None:
        return frozenset()
    pointers = _synset_at(first).pointers()
    kinds = [_synset_at(p.offset) for p in pointers if p.symbol == "~" and p.pos == "n"]
    return frozenset().union(*(_one_word_nouns(line) for line in kinds))


def warm_up() -> None:
    """Read now the noun tables a first question would read: senses and files, proper aliases,
    the nouns for people and where each synset's line is (each read once)."""
    _noun_files()
    _proper_aliases()
    person_nouns()
    _noun_positions()
