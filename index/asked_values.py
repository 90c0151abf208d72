"""The values a sentence gives of the kind a question asks for: a date for "when" (not a length
of time), a figure that counts the X of "how many X", an amount of money for "how much", a
name for "who"; and the quarters of a year a text names. Grammar, no collection's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from index.candidates import Candidate
from index.instances import asked_instance, of_another_instance
from index.lexicon import moves
from index.names import DESCRIPTIVE_LABELS, MIN_PART_CHARS, fold_tokens, mentions, name_parts
from index.places import name_forms, names_a_country
from index.question import Question
from index.question_words import AMOUNTS, PEOPLE, TIMES
from index.text import stem
from index.values import CURRENCY_WORDS, is_duration, read_value

# "How many X": X follows the figure within this many words ("2,000 containers of artillery
# shells" counts containers; "a million artillery shells" counts shells). Grammar, not tuned.
HEAD_WINDOW = 3
_QUARTER_CODE = re.compile(r"\bQ([1-4])\b")
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4}  # fmt: skip
_QUARTER_WORD = re.compile(
    r"\b(first|1st|second|2nd|third|3rd|fourth|4th)[ -](?:fiscal )?quarter\b", re.I
)


def asks_for_date(question: Question) -> bool:
    """A point in time is asked ("when", "what year"), not a length of time ("how long")."""
    return bool(question.expects) and question.expects <= TIMES and question.wh != "how_many"


def counted_values(forms: Sequence[str], cand: Candidate) -> tuple[str, ...]:
    """ "How many fishermen": the figures that count fishermen (or a fisherman), i.e. that the
    head noun follows within HEAD_WINDOW words ("300 fishermen", "a million artillery shells",
    "2,000 containers" counts containers, not the "satellite support" later on). A word with
    the same stem is not the head ("protesters" is not "protest")."""
    wanted = set(forms)
    found = []
    for label, start, end in cand.read.sentence.entities:
        if label not in AMOUNTS and label not in TIMES:  # "a nine-day trip" counts days
            continue
        after = fold_tokens(cand.text[end:])[:HEAD_WINDOW]
        within = fold_tokens(cand.text[start:end])[1:]  # "300 fishermen" tagged as one entity
        if any(_singular_forms(w) & wanted for w in (*within, *after)):
            found.append(cand.text[start:end])
    return tuple(found)


def counting_values(question: Question, cand: Candidate) -> tuple[str, ...]:
    """The values that count the head of "how many X"; for "how much X" (a mass: "how much
    aid"), every value when the sentence names X."""
    if "many" in fold_tokens(question.text):
        counted = counted_values(question.head_forms, cand)
        often = _asks_how_often(question)
        return tuple(v for v in cand.values if v in counted or (often and _HOW_OFTEN.match(v)))
    words = {f for w in cand.read.tokens for f in _singular_forms(w)}
    return cand.values if words & set(question.head_forms) else ()


def _singular_forms(word: str) -> set[str]:
    forms = {word}
    if word.endswith("s"):
        forms |= {word[:-1], word[:-2]}
    if word.endswith("men"):
        forms.add(word[:-3] + "man")
    return forms


# "On what exact date ...?", "What time exactly ...?": a value as precise as asked.
_EXACT = re.compile(r"\b(?:exact|exactly|precise|precisely)\b", re.IGNORECASE)


def _precise(text: str, label: str, published: str | None, clock: bool) -> bool:
    """A time of the clock ("9:30 a.m.", "at 10") when the clock is asked, else a date down to
    its day ("Nov. 18", "Wednesday"): not "late at night", "on Monday" for the time, "in
    August" for the date."""
    if clock or label == "TIME":
        return label == "TIME" and any(c.isdigit() for c in text)
    return _gives("day", text, published)


# The parts of a date, by their place in Value.day; "Which month/year ...?" asks for the first
# two (a day is asked in other ways: "Which day has X named 'Y'?" takes "Nov. 18").
_DATE_PARTS = {"year": 0, "month": 1, "day": 2}
_ASKED_PARTS = frozenset({"year", "month"})
# Places a country is not (question.head, a stem).
_SETTLEMENTS = frozenset(stem(w) for w in ("city", "town", "village", "capital", "port"))


def _gives(part: str, text: str, published: str | None) -> bool:
    """The date names that part ("in May" a month, "last year" a year, "Nov. 18" a day)."""
    day = read_value(text, "DATE", published).day
    return day is not None and day[_DATE_PARTS[part]] is not None


def quarters_in(text: str) -> set[int]:
    """The quarters of a year a text names: "Q2", "second quarter", "2nd quarter"."""
    found = {int(q) for q in _QUARTER_CODE.findall(text)}
    found |= {_ORDINALS[w.lower()] for w in _QUARTER_WORD.findall(text)}
    return found


def answer_values(question: Question, cand: Candidate) -> tuple[str, ...]:
    """The sentence's entities of the kind the question asks for, not the question's own (its
    names, the figures it states, "Cyberpunk 2077", "in 2019", or its other words: "the new
    CEO" is no answer to "Who is the new CEO?")."""
    question_tokens = fold_tokens(question.text)
    named = [fold_tokens(n.text) for n in question.names if n.label in ("PERSON", "")]
    asked = [fold_tokens(n.text) for n in question.names]
    # a description's forms too: "France" is the "French" of "the French Presidential Election
    # 2017" (not a people's: "in Russia" answers where the Russian leaders met)
    asked += [
        fold_tokens(f)
        for n in question.names
        if n.label in DESCRIPTIVE_LABELS
        for f in name_forms(n.text, n.label)
    ]
    asked += [[number] for number in question.numbers]
    asked.append(question_tokens)
    found = []
    names_asked = bool(question.expects & PEOPLE)
    asks_date = asks_for_date(question)
    asks_length = question.wh == "how_many" and question.expects == TIMES
    asks_distance = question.wh == "how_many" and "far" in question_tokens
    snippet_start = _subject_snippet_start(question, cand)
    exact = bool(_EXACT.search(question.text))
    clock = "time" in question_tokens  # "What time exactly ...?" asks the clock, not the day
    if question_tokens[:2] == ["how", "old"] and not _AGE.search(cand.text):
        return ()  # "How old is X?": a sentence that tells no age ("on Thursday") gives none
    instance = asked_instance(question.text) if asks_date else None
    asked_part = question.head in _ASKED_PARTS and question.wh in ("which", "what")
    unit = question.head if asked_part else None
    stale: list[str] = []
    for i, (label, text) in enumerate(cand.read.entities):
        if label == "CARDINAL" and "MONEY" in question.expects and _before_currency(cand, i):
            label = "MONEY"  # the small model tags "8 million euros" a bare number
        if label not in question.expects and not (label == "NAME" and names_asked):
            continue
        if label == "CARDINAL" and _refers_to_counted(cand, i):
            continue
        if label in TIMES and (asks_date or asks_length) and is_duration(text) != asks_length:
            continue  # "a two-day visit" says how long, not when; "Nov. 30" not how long
        if exact and label in TIMES and not _precise(text, label, cand.article.published, clock):
            continue  # "What time exactly ...?": "late at night" is no time of the clock
        if unit is not None and label in TIMES and not _gives(unit, text, cand.article.published):
            continue  # "In which months ...?": "this year" names no month
        tokens = fold_tokens(text)
        if any(tokens and set(tokens) <= set(a) for a in asked):
            continue
        if label == "PERSON" and any(set(n) <= set(tokens) for n in named if n):
            continue  # "Lloyd Austin" is the question's "Austin", no one it asks for
        if asks_distance and not _distance_between_names(question, cand, i):
            continue
        if question.wh == "where" and not _placed_by_preposition(cand, i):
            continue
        if question.head in _SETTLEMENTS and (
            label == "LOC" or (label == "GPE" and names_a_country(text))
        ):
            continue  # "Which Indian city ...?": "head for India", "his Asia swing" name none
        if cand.read.sentence.entities[i][1] < snippet_start:
            continue  # a snippet before the one that names the subject tells of another thing
        if asks_date and _of_another_time(question, cand, i, instance):
            stale.append(text)
        found.append(text)
    if found and len(stale) == len(found):
        return ()  # every date it gives is another time's ("after its failed attempts in May")
    if "PERSON" in question.expects:
        found += _named_before(question, cand, found)
    if _asks_how_often(question):
        found += _HOW_OFTEN.findall(cand.text)  # "failing twice": no entity the model tags
    return tuple(dict.fromkeys(found))


# A question of what is still to come: "When will ...", "On what date is X due to ...". Grammar.
_AHEAD = re.compile(
    r"\b(?:will|shall|going to|(?:is|are) (?:due|set|scheduled|expected|planning|planned) to)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _asks_ahead(question: str) -> bool:
    return bool(_AHEAD.search(question))


def _of_another_time(
    question: Question, cand: Candidate, index: int, instance: tuple[str, str] | None
) -> bool:
    """The date (the sentence's entity at ``index``) is no answer by itself: "When will X
    launch?" is not answered by a date that had gone by when the article was written; "When is
    the third attempt?" not by the date of another attempt; "On what date ...?" not by "this
    year". (A sentence that gives another date as well keeps them all: "frozen until the end of
    next year, announced on Thursday" still answers.)"""
    _, start, end = cand.read.sentence.entities[index]
    published = cand.article.published
    day = read_value(cand.text[start:end], "DATE", published).day
    if _asks_ahead(question.text) and _gone_by(day, published):
        return True
    if instance is not None and of_another_instance(cand.text, start, end, instance):
        return True
    return question.head == "date" and (day is None or day[2] is None)


def _gone_by(day: tuple[int | None, int | None, int | None] | None, published: str | None) -> bool:
    """The date had passed when the article was published, as far as the text tells it ("in
    May" of an article from November; "last year"): it is no date of what is still to come."""
    if not published or day is None:
        return False
    year, month, date = day
    if year is None:
        return False
    try:
        then = (int(published[:4]), int(published[5:7]), int(published[8:10]))
    except ValueError:
        return False
    if month is None:
        return year < then[0]
    if date is None:
        return (year, month) < then[:2]
    return (year, month, date) < then


# "How many times ...?" is answered by "once", "twice", "three times". Grammar.
_HOW_OFTEN = re.compile(r"\b(?:once|twice|thrice)\b", re.IGNORECASE)


def _asks_how_often(question: Question) -> bool:
    return question.wh == "how_many" and "times" in question.head_forms


def _named_before(question: Question, cand: Candidate, found: Sequence[str]) -> list[str]:
    """A person the sentence before names in full and this one by a word of the name alone
    ('... met Cho Tae-yong. "... thanked" Cho for ...'): the entity model often misses the
    short form, which is as much an answer as the full name."""
    previous = cand.read.previous
    if previous is None:
        return []
    asked = {part for n in question.names for part in name_parts(n.text)}
    known = {part for value in found for part in name_parts(value)}
    capitalised = set(re.findall(r"\b[A-Z][\w-]*", cand.text))
    short = []
    for label, start, end in previous.entities:
        parts = set(name_parts(previous.text[start:end]))
        if label != "PERSON" or parts & (asked | known):
            continue
        short += [w for w in capitalised if len(w) >= MIN_PART_CHARS and w.lower() in parts]
    return short


# How a sentence tells an age: "62 years old", "a 62-year-old", "aged 62", "at the age of 62",
# "born in 1961". Grammar, not tuned.
_AGE = re.compile(r"\byears?[- ]old\b|\baged\b|\bage of\b|\bborn\b", re.IGNORECASE)

# "Where ...?" is answered by a place the sentence puts something in, at, from or to: reading
# back from the place name, past names, numbers, articles and at most PLACE_MODIFIERS other
# small words ("to the old quay"), the first preposition is one of place ("at the U.S. Osan
# Air Base", "in Vandenberg Air Force Base, Calif."). A name the entity model tags as a place
# after "meeting with" is no answer. Grammar, not tuned.
_PLACE_PREPOSITIONS = frozenset(
    "in at from to near into onto toward towards across outside inside off via around "
    "throughout within between on over of".split()
)
_OTHER_PREPOSITIONS = frozenset(
    "with by for about against like than as after before during since until without among "
    "per despite including".split()
)
_ARTICLES = frozenset({"the", "a", "an"})
PLACE_MODIFIERS = 2


def _placed_by_preposition(cand: Candidate, index: int) -> bool:
    start = cand.read.sentence.entities[index][1]
    modifiers = 0
    before = cand.text[:start].split()
    for i in range(len(before) - 1, -1, -1):
        word = before[i].strip(",;:()\"'“”‘’")
        if not word or word[:1].isupper() or word[:1].isdigit():
            continue  # a name or a figure before the place ("the U.S. Osan Air Base")
        word = word.lower()
        if word == "for" and i and moves(before[i - 1].strip(",;:()")):
            return True  # "head for India", "left for Tokyo": where one goes
        if word in _PLACE_PREPOSITIONS or word in _OTHER_PREPOSITIONS:
            return word in _PLACE_PREPOSITIONS
        if word not in _ARTICLES:
            modifiers += 1
            if modifiers > PLACE_MODIFIERS:
                return False
    return False


def _distance_between_names(question: Question, cand: Candidate, index: int) -> bool:
    """ "How far is A from B?": the distance is told of A and B, the places named in its own
    stretch of the sentence: the phrase it follows back to the comma before it and the clause
    it opens ("Osan Air Base in Pyeongtaek, 60 kilometers south of Seoul,"; not Tokyo, named
    later in the sentence). A phrase before it that names no place ("It lies") leaves the
    sentence up to it."""
    _, start, end = cand.read.sentence.entities[index]
    text = cand.text
    head = text[:start].rstrip().rstrip(",")
    phrase = head[max(head.rfind(c) for c in ",;:") + 1 :]
    places = ("GPE", "LOC", "FAC", "ORG")
    if not any(label in places and start > a >= start - len(phrase) - 2
               for label, a, _ in cand.read.sentence.entities):  # fmt: skip
        phrase = head
    tail = re.split(r"[,;:]", text[end:], maxsplit=1)[0]
    tokens = fold_tokens(f"{phrase} {tail}")
    return all(
        any(mentions(f, tokens, n.label) for f in name_forms(n.text, n.label))
        for n in question.names
    )


# Snippets of a web page run together ("2.0.0 (Released September 13, 2018) · Functionality
# ... Xenoblade Chronicles 2"): a middle dot or a bar between spaces ends one and starts the next.
_SEGMENT_BREAK = re.compile(r"\s[·|]\s")


def _subject_snippet_start(question: Question, cand: Candidate) -> int:
    """In a run of snippets, where the first snippet that names the question's subject starts:
    a value before it is not the subject's (the date of "2.0.0" is not the date of the game a
    later snippet names); the snippets after it tell of it ("Tesla reports ... · Revenue:
    $6bn"). 0 when the sentence is no run of snippets, or never names the subject."""
    breaks = [m.start() for m in _SEGMENT_BREAK.finditer(cand.text)]
    subjects = [n for n in question.names if n.subject]
    if not breaks or not subjects:
        return 0
    forms = [(f, n.label) for n in subjects for f in name_forms(n.text, n.label)]
    for begin, end in zip([0, *breaks], [*breaks, len(cand.text)], strict=True):
        tokens = fold_tokens(cand.text[begin:end])
        if any(mentions(f, tokens, label) for f, label in forms):
            return begin
    return 0


def _before_currency(cand: Candidate, index: int) -> bool:
    end = cand.read.sentence.entities[index][2]
    after = fold_tokens(cand.text[end:])
    return bool(after) and after[0] in CURRENCY_WORDS


def _refers_to_counted(cand: Candidate, index: int) -> bool:
    """ "The two met": a number that stands for people named before it (the definite article,
    then the number as a verb's subject or object) counts nothing of its own."""
    roles = cand.read.roles
    if index >= len(roles) or not roles[index][1]:
        return False
    start = cand.read.sentence.entities[index][1]
    before = cand.text[:start].split()
    return bool(before) and before[-1].lower() in ("the", "these", "those")
