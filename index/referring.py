"""Whether a sentence speaks of the question's subject or its place: by name, or by referring
back ("He", "They", "The protesters") to the sentence before; and whether it sets its event in
another place than the one asked. Used by index.support."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.candidates import Candidate, opens_personal
from index.names import MIN_PART_CHARS, all_words_in, fold_tokens, mentions, name_parts
from index.places import places_within
from index.question import Name, Question
from index.text import content_stems

_PRONOUNS = frozenset({"he", "she", "it", "they", "his", "her", "its", "their"})
# Names not told by their last word alone: "Korea" is North and South Korea's, "Bank" any bank's.
_NOT_SHORTENED = frozenset({"GPE", "LOC", "NORP", "ORG", "FAC"})
# At most this many words from a name to the noun it describes ("Swedish dock workers").
_PHRASE_WORDS = 4
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def elsewhere(place: str, cand: Candidate) -> bool:
    """The sentence sets its event in another place ("in South Korea" for "in India"), one
    neither within the place asked nor holding it, and never names the place asked."""
    within = places_within(place)
    if any(mentions(f, cand.read.tokens, "GPE") for f in within):
        return False
    text = cand.text
    for label, start, end in cand.read.sentence.entities:
        if label not in ("GPE", "LOC") or text[:start].split()[-1:] != ["in"]:
            continue
        there = text[start:end]
        holds_it = any(mentions(f, fold_tokens(place), "GPE") for f in places_within(there))
        if not holds_it and not any(mentions(f, fold_tokens(there), "GPE") for f in within):
            return True
    return False


def placed_near(forms: Sequence[str], cand: Candidate) -> bool:
    """A place the question's event takes ("Who will join X in India?") is named where the
    sentence is set: in it, in the sentence before it, or in its article's dateline or title;
    a mention elsewhere in the passage ("China-related issues could be discussed") sets no
    event there."""
    previous = cand.read.previous
    setting = [cand.article.dateline or "", cand.article.title]
    if previous is not None:
        setting.append(previous.text)
    tokens = [cand.read.tokens, *(fold_tokens(t) for t in setting)]
    return any(mentions(f, t, "GPE") for f in forms for t in tokens)


def subject_named(name: str, label: str, cand: Candidate) -> bool:
    """The subject is named in the sentence (by its last word, once the passage has named it
    whole), or the sentence opens by referring back to it ("He", "It", "The game", "That")
    and the sentence before has it as its subject."""
    tokens = cand.read.tokens
    if mentions(name, tokens, label) or all_words_in(name, tokens, label):
        return True
    last = _short_form(name, label, tokens)
    if last and mentions(name, cand.chunk.tokens, label):
        return True  # "Eva Rask said ... Rask arrived": the last word, once the passage named it
    previous = cand.read.previous
    if not tokens or previous is None or not refers_back(cand.text):
        return False
    if not previous.roles:  # stored before roles were: the name anywhere in it
        return mentions(name, fold_tokens(previous.text), label)
    # "He"/"It" goes on about the previous sentence's doer, not any name in it ("Blinken flew
    # in from Japan. It marks his first trip ..." is no sentence about Japan)
    doers = [
        (kind, start, end)
        for (kind, start, end), (_, role) in zip(previous.entities, previous.roles, strict=False)
        if role == "subj"
    ]
    if not any(kind == "PERSON" for kind, _, _ in doers) and opens_personal(cand.text):
        # "Blinken's visit is his first. He was in ...": "he" is the person whose visit it is;
        # "X is based in Seoul. He ...": the person the sentence opens on (a passive subject)
        doers += [
            e
            for e in previous.entities
            if e[0] == "PERSON" and (_owns(previous.text, e[2]) or e[1] == 0)
        ]
    return any(mentions(name, fold_tokens(previous.text[a:b]), label) for _, a, b in doers)


def named_as_topic(name: str, label: str, cand: Candidate, described: frozenset[str]) -> bool:
    """In a passage that never names the subject whole, the sentence names it by its last word
    alone ("Valhalla was released ..."), or the passage opens by referring to it (see
    opens_on_topic). ``described``: the words of the retrieved sentences that do name it whole
    (subject_words): the passages were retrieved for it, and other ones name it."""
    last = _short_form(name, label, cand.read.tokens)
    if last:
        return _alone(last, cand.text)
    return opens_on_topic(name, label, cand, described)


def _short_form(name: str, label: str, tokens: Sequence[str]) -> str:
    """The name's last word when the tokens hold it and it may stand for the name ("Rask",
    "Valhalla"; not "Korea" for North Korea), else ""."""
    parts = name_parts(name)
    last = parts[-1] if len(parts) > 1 else ""
    if label not in _NOT_SHORTENED and len(last) >= MIN_PART_CHARS and last in tokens:
        return last
    return ""


def subject_words(name: str, label: str, candidates: Sequence[Candidate]) -> frozenset[str] | None:
    """The stems of the retrieved sentences that name the subject whole ("Xenoblade Chronicles
    2 is a 2017 action role-playing game"), or None when none does."""
    stems = [
        c.read.stems for c in candidates
        if mentions(name, c.read.tokens, label) or all_words_in(name, c.read.tokens, label)
    ]  # fmt: skip
    return frozenset().union(*stems) if stems else None


def opens_on_topic(name: str, label: str, cand: Candidate, described: frozenset[str]) -> bool:
    """The article opens by referring to what it has not named ("It was announced ...", "The
    game was released ..."), as a snippet cut from a longer text does, and the sentence is one
    of that opening run: what they refer to is the article's topic. That is the subject when the
    passage or its title names the subject, or, for "The game", when the retrieved sentences that
    name the subject speak of a game."""
    position = cand.read.sentence.position
    opening = [s for s in cand.chunk.sentences if s.sentence.position <= position]
    if [s.sentence.position for s in opening] != list(range(position + 1)):
        return False  # a sentence before it is not stored as one (a short fragment)
    if not all(_refers_to_topic(s.text) for s in opening):
        return False
    if mentions(name, fold_tokens(cand.article.title), label):
        return True
    chunk = cand.chunk.tokens
    if mentions(name, chunk, label) or all_words_in(name, chunk, label):
        # "Pixel 5a. Codename, Barbet.": named as what the passage is about; not "It was sold
        # as part of the X season pass", where "it" is something else than X
        return _opens_a_sentence(name, cand.passage.text)
    first = cand.text.split(maxsplit=3)
    noun = first[1:3] if first[0].lower().strip("\"'“‘(") == "the" else []
    return any(stem in described for stem in content_stems(" ".join(noun)))


def _refers_to_topic(text: str) -> bool:
    """It opens with a personal pronoun or "The" and a common noun: not "This" or "That", which
    may stand for what a sentence before said ("That represents an 81 percent increase")."""
    first = text.split(maxsplit=1)
    if not first or first[0].lower() in ("this", "that", "these", "those"):
        return False
    return refers_back(text)


def _opens_a_sentence(name: str, text: str) -> bool:
    parts = name_parts(name)
    return any(fold_tokens(piece)[: len(parts)] == parts for piece in _SENTENCE_BREAK.split(text))


def _alone(word: str, text: str) -> bool:
    """The word stands alone as a name in the text: not the end of a longer one ("Ragnar
    Valhalla") nor its start ("Valhalla Rising")."""
    tokens = text.split()
    for i, token in enumerate(tokens):
        if fold_tokens(token)[:1] != [word]:
            continue
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if not (before[:1].isupper() and i) and not after[:1].isupper():
            return True
    return False


# A sentence that opens by referring to several people: "They", "Their", "Both", "The two
# (ministers)", "The pair".
_GROUP_OPENING = re.compile(r"^\W*(?:they|their|both|the\s+(?:two|three|pair)\b)", re.I)


def they_named(names: Sequence[Name], cand: Candidate) -> bool:
    """ "What will X and Y discuss?": "They will discuss ..." ("The two will ...", "Both ...")
    after a sentence that names every subject of the question ("X ... before talks with Y"),
    whatever their roles in it."""
    subjects = [n for n in names if n.subject]
    previous = cand.read.previous
    if len(subjects) < 2 or previous is None or not _GROUP_OPENING.match(cand.text):
        return False
    tokens = fold_tokens(previous.text)
    return all(mentions(n.text, tokens, n.label) for n in subjects)


def _owns(text: str, end: int) -> bool:
    return text[end : end + 2] in ("'s", "’s")


def described_before(name: Name, forms: Sequence[str], cand: Candidate) -> bool:
    """ "What are the South Korean protesters demanding?": the sentence opens by referring back
    ("They", "The protesters") to a sentence that names those protesters: the noun the name
    describes, and the name."""
    previous = cand.read.previous
    if not (name.subject and name.describes) or previous is None or not refers_back(cand.text):
        return False
    if name.describes not in content_stems(previous.text):
        return False
    tokens = fold_tokens(previous.text)
    return any(mentions(f, tokens, name.label) for f in forms)


def referred_words(question: Question, cand: Candidate) -> frozenset[str]:
    """The words a sentence stands for by "They" or "The workers" (it refers back): the phrase
    in the sentence before that names what a subject name describes ("Swedish dock workers")."""
    previous = cand.read.previous
    if previous is None or not refers_back(cand.text):
        return frozenset()
    for name in question.names:
        if not (name.subject and name.describes):
            continue
        words = previous.text.split()
        for i, word in enumerate(words):
            if not word.startswith(name.text.split()[0]):
                continue
            for j in range(i + 1, min(i + 1 + _PHRASE_WORDS, len(words))):
                if name.describes in content_stems(words[j]):
                    return frozenset(content_stems(" ".join(words[i : j + 1])))
    return frozenset()


def continues(text: str) -> bool:
    """The sentence goes on about the one before it: it opens with "He", "They", "This"."""
    first = text.split(maxsplit=1)
    return bool(first) and _opens_with_pronoun(first[0])


def refers_back(text: str) -> bool:
    """It opens with a pronoun, "this" or "the" and a common noun ("The game", not "The
    Hague")."""
    first = text.split(maxsplit=2)
    if not first:
        return False
    if _opens_with_pronoun(first[0]):
        return True
    return first[0].lower().strip("\"'“‘(") == "the" and len(first) > 1 and first[1][:1].islower()


def _opens_with_pronoun(word: str) -> bool:
    word = word.lower().strip("\"'“‘(")
    return word in _PRONOUNS or word in ("this", "that", "these", "those")
