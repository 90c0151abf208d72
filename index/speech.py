"""Who said what: "What did X say (to Y) (about Z)?" answered only from X's own statements.

X's statements are the sentences the ingest-time analysis attributes to X (index/attribution):
said, reported or quoted by X, with "he", "the ministry", "the minister also said" resolved to
the name. A sentence that merely mentions X is never one of them. Among X's statements, those
about Z are the ones that name what Z names and are close to Z in meaning or share its words.
When X is quoted but never on Z, the answer abstains and may say, in one plain line without
citations, what X is quoted on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from index.asked_speech import Speech
from index.candidates import read_sentence
from index.catalog import Catalog
from index.names import fold_tokens
from index.nlp import parse_sentence
from index.places import (
    metonym,
    place_forms,
    place_nouns,
)
from index.question import Question
from index.question_words import MONTH_WORDS, NAME_LABELS
from index.relation import coverage, quotes_the_question
from index.setting import said_in
from index.speaker_match import same_speaker
from index.speakers import lookup_keys
from index.text import content_stems
from index.topic_names import TopicNames
from index.values import WEEKDAYS

# What may stand before a sentence's or a quote's first word.
_OPENERS = " \"'“‘(["

# X's statements looked at per question, newest first; a bound, not a tuning value. At 600 a
# much-quoted speaker lost most of what they said: on PolNeAR train (840 articles) Trump has
# 1,502 attributions and Clinton 965, so "What did Clinton say about discriminatory messages?"
# never saw the 2015 quote. 5,000 holds every speaker of a library that size.
STATEMENT_LIMIT = 5_000
# A statement is about the topic above this similarity to it, or with this share of its words.
# `.venv/bin/python benchmarks/sweep.py --cache-dir DIR` (dev, commit c27a367), PolNeAR:
# MIN_TOPIC_DENSE 0.40 / 0.45 / 0.50 -> negatives abstained 0.933 / 0.967 / 0.967, false abstention
# 0.213 / 0.220 / 0.227, correct 0.747 throughout, speaker precision 0.914 / 0.916 / 0.915.
MIN_TOPIC_DENSE = 0.45
# MIN_TOPIC_WORDS, with `.venv/bin/python benchmarks/sweep.py --cache-dir DIR NAME=V1,V2` (dev,
# commit f2bb5fc): 0.4 / 0.5 / 0.6 -> PolNeAR negatives abstained 0.967 / 0.967 / 1.000, false
# abstention 0.207 / 0.220 / 0.220, speaker precision 0.904 / 0.916 / 0.915, correct 0.747
# throughout.
MIN_TOPIC_WORDS = 0.6
# "What idiom did X use to argue Y?": a figure of speech is far in meaning from what it argues,
# so the sentence that holds it is about Y at this lower bar. Probes (`score_questions.py
# benchmarks/probes/seed_probes_{c,f,g,i}.jsonl`): the four wordings of "What idiom/phrase did
# Blinken use in Tokyo to argue ...?" put the sentence holding it at 0.316-0.563 to their topic
# (and first of his quoted lines there); his other quoted line in Tokyo is at 0.180-0.258 to
# topics he did not speak on ("the satellite launch", "the Israel-Hamas war").
MIN_WORDS_DENSE = 0.30
# Words in quotes: two or more, as a figure of speech or a label is quoted.
_QUOTED_WORDS = re.compile(r"[\"“‘][^\"“”‘’]*\w[\s-]+\w[^\"“”‘’]*[\"”’]")
# Direct quotes are the speaker's own words: preferred when they score alike.
DIRECT_BONUS = 0.05
# A statement holding a phrase the question quotes ("What did X say he was "very focused"
# on?") is what the asker read: first, and the others go. Grammar more than a tuned value (a
# score is at most about 1.5): dev (`quality.py --no-peer --cache-any-code`) moves no answer.
QUOTED_BONUS = 1.0
MAX_STATEMENTS = 3
# Sentences on either side of a statement that may belong to the same quote.
QUOTE_REACH = 4
_PRONOUNS = frozenset("he she they him her them it".split())
_DETERMINERS = frozenset("the a an this that these those his her its their".split())


@dataclass
class Statement:
    """One sentence X said, with the attribution that makes it X's."""

    row: int
    article: int
    position: int
    text: str
    vector: np.ndarray
    tokens: list[str]
    stems: frozenset[str]
    kind: str
    dense: float = 0.0
    score: float = 0.0
    quote: list[str] = field(default_factory=list)  # the whole quote it belongs to, in order


@dataclass(frozen=True)
class SpeechResult:
    statements: list[Statement]
    speaker_found: bool  # X is quoted somewhere in the libraries
    note: str | None = None


def speakers_of(speech: Speech) -> list[str]:
    """ "Blinken and Park" asks about two speakers; each is looked up on its own. A country
    speaks through its capital and the reverse ("Pyongyang says" is North Korea's word)."""
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", speech.speaker)
    speakers = [p for p in parts if p.strip()] or [speech.speaker]
    others = [metonym(p) for p in speakers] if speech.speaker_is_name else []
    return list(dict.fromkeys([*speakers, *filter(None, others)]))


def statements_of(
    catalog: Catalog, speakers: Sequence[str], is_name: bool, library_ids: Sequence[int]
) -> list[Statement]:
    """Every sentence attributed to one of the speakers in the libraries (one per sentence)."""
    keys = [k for speaker in speakers for k in lookup_keys(speaker)]
    rows = catalog.attributions_of(keys, library_ids, STATEMENT_LIMIT)
    if not is_name:  # "the report": a document that says what its issuer says ("the report said")
        for speaker in speakers:
            head = speaker.split()[-1] if speaker.split() else ""
            if head.lower() in _PRONOUNS:
                continue
            rows += catalog.attributions_mentioning(head, library_ids, STATEMENT_LIMIT)
    kept = {
        r["sentence"]: r
        for r in rows
        if any(_is_speaker(speaker, is_name, r) for speaker in speakers)
    }
    sentences = catalog.sentences_by_row(list(kept))
    out = []
    for row, attribution in kept.items():
        stored = sentences.get(row)
        if stored is None:
            continue
        read = read_sentence(stored)
        out.append(Statement(row, stored.article, stored.position, stored.text, stored.vector,
                             list(read.tokens), read.stems, attribution["kind"]))  # fmt: skip
    return out


# Small words a name may hold ("the State Department", "Bank of America").
_NAME_FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "de", "du", "von", "van", "al"})


def _is_speaker(asked: str, is_name: bool, row: dict[str, object]) -> bool:
    speaker, kind = str(row["speaker"]), str(row["speaker_kind"])
    # a person described by a role is no organisation or country ("Japan's foreign minister"
    # is not Japan's own word)
    described = any(w[:1].islower() and w not in _NAME_FUNCTION_WORDS for w in asked.split())
    named = is_name and not (described and kind != "person")
    if named and any(same_speaker(form, speaker, kind) for form in _place_variants(asked)):
        return True
    if is_name and not any(w.islower() for w in asked.split()):
        return False
    # A description ("Seoul officials", "the Japanese foreign minister", a group a name
    # qualifies: "G7 ministers") matches a speaker whose own words hold all of its words ("the
    # G7 foreign ministers"); a country's adjective is met by the country or its capital too
    # ("South Korean officials": "Seoul officials").
    place, rest = _description_words(asked)
    have = set(fold_tokens(f"{speaker} {row['mention']}"))
    if place and not any(set(fold_tokens(form)) <= have for form in place):
        return False
    return bool(place or rest) and all(w in have or w.rstrip("s") in have for w in rest)


@lru_cache(maxsize=256)
def _place_variants(asked: str) -> tuple[str, ...]:
    """The asked speaker, and with a country's adjective put as the country or its capital
    ("South Korean officials": "South Korea officials", "Seoul officials"). Cached: it is asked
    of every attribution row looked at."""
    words = fold_tokens(asked)
    found = _place_adjective(words)
    if found is None:
        return (asked,)
    forms, i, size = found
    return (asked, *(" ".join([*words[:i], form, *words[i + size :]]) for form in forms[1:]))


@lru_cache(maxsize=256)
def _description_words(asked: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A description's words less its determiners: the forms of its country's adjective
    ("south korean": South Korean, South Korea, Seoul), and the other words. Cached, as above."""
    words = [w for w in fold_tokens(asked) if w not in _DETERMINERS]
    found = _place_adjective(words)
    if found is None:
        return (), tuple(words)
    forms, i, size = found
    return forms, tuple(words[:i] + words[i + size :])


def _place_adjective(words: list[str]) -> tuple[tuple[str, ...], int, int] | None:
    """A country's adjective among the words: its forms, where it starts and how many words."""
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            forms = place_forms(" ".join(words[i : i + size]), "NORP")
            if len(forms) > 1:
                return forms, i, size
    return None


def answer_speech(
    question: Question,
    speech: Speech,
    catalog: Catalog,
    library_ids: Sequence[int],
    encode: Callable[[str], np.ndarray],
    question_vector: np.ndarray,
    idf: Callable[[list[str]], dict[str, float]],
) -> SpeechResult:
    """X's statements about the topic, best first; none when X is not quoted on it."""
    statements = statements_of(catalog, speakers_of(speech), speech.speaker_is_name, library_ids)
    if not statements:
        return SpeechResult([], False)
    everywhere = statements
    if speech.setting:  # "What did X say in Seoul?": where, not what about
        statements = [
            s for s in statements if said_in(catalog, s.article, s.position, speech.setting)
        ]
        if not statements:
            return SpeechResult([], True, quoted_on(speech.speaker, everywhere))
    topic = speech.topic.strip()
    if not [w for w in content_stems(topic) if w not in ("do", "make", "get")]:
        topic = ""  # "urge North Korea to do": what matters is the listener, named below
    topic_names = _topic_names(question, speech)
    vector = encode(topic) if topic else question_vector
    rest = _unnamed(topic, topic_names) if topic and topic_names else ""
    rest_stems, rest_vector = frozenset(content_stems(rest)), encode(rest) if rest else None
    stems = content_stems(topic)
    weights = {t: 0.5 + w for t, w in idf(stems).items()} if stems else {}
    head = topic_head(topic, stems)
    naming = TopicNames(catalog, topic_names, speakers_of(speech))
    read: set[int] = set()  # the statements holding a phrase the question quotes
    for s in statements:
        s.dense = float(s.vector @ vector)
        told = s.stems | naming.counted_stems(s.text)  # "our three countries" tells their names
        words = coverage(weights, told) if weights else 0.0
        s.score = s.dense + 0.5 * words + (DIRECT_BONUS if s.kind == "direct" else 0.0)
        quoting = quotes_the_question(question.text, s.text)  # the words the asker read
        s.score += QUOTED_BONUS * quoting
        if quoting:
            read.add(s.row)
        names_ok = naming.all_named(s)
        # by its words, a topic of several is told with the head of its noun phrase: "charter
        # school" is not told by "aboard his chartered plane"; "the senior officials visiting
        # the region" is told by what is said of the officials
        worded = words >= MIN_TOPIC_WORDS and (len(stems) < 2 or head in told)
        about = not topic or quoting or s.dense >= MIN_TOPIC_DENSE or worded
        # a topic that is only names ("about North Korea") is told by naming them; with the
        # bars above alone, dev (quality.py --no-peer --cache-any-code, this stop) changes no answer
        about = about or (bool(topic_names) and not rest and names_ok)
        if rest_vector is not None and not rest_stems & s.stems:
            # beyond the names it must mention: the rest of the topic, by a word or by meaning
            about = about and float(s.vector @ rest_vector) >= MIN_TOPIC_DENSE
        # the argument a figure of speech makes is told in other words ("Washington" for "the
        # U.S."): its whole meaning is what counts
        figure = speech.words and s.dense >= MIN_WORDS_DENSE
        if not (names_ok and about) and not figure:
            s.score = -1.0
    chosen = [s for s in sorted(statements, key=lambda s: -s.score) if s.score >= 0]
    if speech.words:  # the line closest to what the words argue, if it quotes them
        chosen = [s for s in chosen[:1] if s.kind != "direct" and _QUOTED_WORDS.search(s.text)]
    if any(s.row in read for s in chosen):  # what the asker read is the answer, alone
        chosen = [s for s in chosen if s.row in read]
    if chosen:
        return SpeechResult(_quoted(catalog, speech, chosen), True)
    return SpeechResult([], True, quoted_on(speech.speaker, statements))


def topic_head(topic: str, stems: Sequence[str]) -> str:
    """The stem of the word a topic is about: the head noun of its phrase by the parse ("the
    senior officials visiting the region": officials), else its last word's."""
    if not stems:
        return ""
    root = next((t for t in parse_sentence(topic) if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ in ("NOUN", "PROPN"):
        head = content_stems(root.text)
        if head and head[0] in stems:
            return head[0]
    return stems[-1]


def _quoted(catalog: Catalog, speech: Speech, chosen: list[Statement]) -> list[Statement]:
    """The best statements, each with its whole quote; two of one quote are one run."""
    kept: list[Statement] = []
    speakers = speakers_of(speech)
    for s in chosen:
        if len(kept) == MAX_STATEMENTS:
            break
        s.quote = whole_quote(catalog, s, speakers, speech.speaker_is_name, speech.setting)
        run = next(
            (k for k in kept if k.article == s.article and set(k.quote) & set(s.quote)), None
        )
        if run is None:
            kept.append(s)
        else:  # two statements of one quote: the quote runs over both
            run.quote = joined_runs(run.quote, s.quote)
    return kept


def whole_quote(catalog: Catalog, statement: Statement, speakers: Sequence[str],
                is_name: bool, place: str = "") -> list[str]:  # fmt: skip
    """The statement with the sentences around it that the same speaker said without a break
    (and, when asked, in the same place): a quote that runs over several sentences is shown
    whole."""
    near = catalog.sentences_near(statement.article, statement.position, QUOTE_REACH)
    said = catalog.attributions_for([s.row for s in near])
    by_position = {s.position: s for s in near}

    def theirs(position: int) -> bool:
        sentence = by_position.get(position)
        rows = said.get(sentence.row, []) if sentence else []
        if place and not said_in(catalog, statement.article, position, place):
            return False
        return any(_is_speaker(sp, is_name, r) for r in rows for sp in speakers)

    first = last = statement.position
    while first - 1 >= statement.position - QUOTE_REACH and theirs(first - 1):
        first -= 1
    while last + 1 <= statement.position + QUOTE_REACH and theirs(last + 1):
        last += 1
    return [by_position[p].text for p in range(first, last + 1) if p in by_position]


def joined_runs(first: list[str], second: list[str]) -> list[str]:
    """Two runs of consecutive sentences of one article that overlap, as one run in order."""
    if not first or not second:
        return first or second
    if second[0] in first:
        start = first.index(second[0])
        return first + second[len(first) - start :]
    if first[0] in second:
        return joined_runs(second, first)
    return first


def _topic_names(question: Question, speech: Speech) -> list[tuple[str, str]]:
    """Names the topic (and the listener, "tell Y") uses: a statement must name them too."""
    text = f"{speech.topic} {speech.listener or ''}".lower()
    speaker = speech.speaker.lower()
    return [
        (n.text, n.label) for n in question.names
        if n.text.lower() in text and n.text.lower() not in speaker
        and (n.label in NAME_LABELS or not n.label)
    ]  # fmt: skip


def _unnamed(topic: str, names: list[tuple[str, str]]) -> str:
    """The topic less the names every statement must mention anyway ("Pyongyang's satellite
    launch" -> "satellite launch"), or "" when nothing is left: a statement that names
    Pyongyang is close to the whole topic in meaning for that name alone."""
    rest = topic
    area = "|".join(sorted(place_nouns()))  # "the Indo-Pacific region" is the Indo-Pacific
    for name, _ in names:
        rest = re.sub(rf"{re.escape(name)}(?:['’]s)?(?:\s+(?:{area})\b)?", " ", rest)
    rest = " ".join(rest.split())
    return rest if content_stems(rest) else ""


def _calendar_word(word: str) -> bool:
    low = word.lower()
    return low in MONTH_WORDS or (low.endswith("day") and low[:3] in WEEKDAYS)


def quoted_on(speaker: str, statements: list[Statement]) -> str:
    """One plain line: the names X's statements most often mention."""
    counts: Counter[str] = Counter()
    own = set(fold_tokens(speaker))
    for s in statements:
        found = re.finditer(r"\b[A-Z][a-z]+(?:[-\s]+[A-Z][a-z]+)*", s.text)  # "Indo-Pacific"
        # A single capitalised word opening the sentence or a quote ("The", "“There") is no
        # name, nor a day or a month.
        names = [
            m.group() for m in found
            if (" " in m.group() or s.text[: m.start()].strip(_OPENERS))
            and not _calendar_word(m.group())
        ]  # fmt: skip
        for name in dict.fromkeys(names):  # in order of mention: the same line every run
            if not set(fold_tokens(name)) & own and len(name) > 2:
                counts[name] += 1
    topics = [name for name, _ in counts.most_common(4)]
    said = f"{len(statements)} statement{'s' if len(statements) != 1 else ''}"
    about = f", mentioning {', '.join(topics)}" if topics else ""
    return f"{speaker} is quoted in the articles ({said}{about}), but not on this."


def names_speaker(speech: Speech | None) -> bool:
    """The question names whom it asks about ("the report", "Blinken"), not only "he"."""
    return speech is not None and any(p.lower() not in _PRONOUNS for p in speakers_of(speech))


def resolve_speaker(speech: Speech, carried: Sequence[str]) -> Speech:
    """'What did he say about China?' after a question about Blinken: Blinken said it (and in
    "he and Blinken", he is the previous question's subject)."""
    parts = speakers_of(speech)
    if not carried or not any(p.lower() in _PRONOUNS for p in parts):
        return speech
    named = [carried[0] if p.lower() in _PRONOUNS else p for p in parts]
    return Speech(" and ".join(dict.fromkeys(named)), True, speech.verb, speech.topic,
                  speech.listener)  # fmt: skip
