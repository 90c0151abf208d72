"""The names a question uses, read from spaCy's parse: entities and runs of proper nouns as
the articles would write them, which one is the subject, which the verb takes ("meet Kishida",
"arrive in India"), and the noun a name describes ("the South Korean protesters"). Grammar only.
Used by index.question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from index.misparse import progressive_verb, subject_starts
from index.names import written_as_name
from index.question_words import MONTH_WORDS, NAME_LABELS
from index.text import stem
from index.values import YEAR


@dataclass(frozen=True)
class Name:
    """A name the question uses, with spaCy's label ("" for an untagged proper noun)."""

    text: str
    label: str
    subject: bool = False
    argument: bool = False  # the main verb's object or complement ("arrive in India")
    # The stem of the common noun the name describes ("protest" in "the South Korean
    # protesters"): the subject is those people or things, not the place.
    describes: str = ""
    # In the phrase of the wh-word ("In which U.S. state ...?", "Which South Korean official
    # ...?"): it tells what kind of answer is asked for, and the answer need not name it.
    asked_kind: bool = False
    # In a phrase of time ("before the Seoul talks"), or one that leaves it out ("apart from
    # Ukraine"): it frames what is asked, so the answer need not name it (the articles still
    # must, index.unknown_names).
    frame: bool = False
    # An argument that says where ("meet in India", "fly to Seoul"), not who is acted on or
    # spoken to ("call on Pyongyang to ...", "urge Seoul"): a place only as a place.
    located: bool = False


# A possessive ending and the wh-words ("Whom did X meet?": the small model tags "Whom" a person).
_NOT_NAMES = frozenset({"POS", "WP", "WP$", "WDT", "WRB"})


# Prepositions whose phrase only sets the time of what is asked ("before the Seoul talks") or
# leaves its name out of it ("besides Blinken").
_TIME_FRAME = frozenset("before after since until following besides except excluding".split())
# "apart from X", "aside from X", "other than X": X is left out of what is asked
_LEFT_OUT = {"from": ("apart", "aside"), "than": ("other", "rather")}


def _in_frame(token: Any) -> bool:
    """The name is inside a phrase of time ("before the Seoul talks", "after the G7 meeting")
    or one that leaves it out of what is asked ("apart from Ukraine", "besides Blinken")."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        if token.dep_ == "prep" and token.lower_ in _TIME_FRAME:
            return True
        before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
        if token.lower_ in _LEFT_OUT and before in _LEFT_OUT[token.lower_]:
            return True
        token = token.head
    return False


def question_names(doc: Any, root: Any) -> tuple[Name, ...]:
    """Entities and runs of proper nouns, without a possessive 's; the subject marked. Pieces
    the small model tags apart are one name when nothing but a possessive or a colon stands
    between them ("Assassin's Creed Valhalla", "Super Mario Odyssey", "Animal Crossing: New
    Horizons")."""
    pieces: list[tuple[int, int, str]] = []  # token start, end (exclusive), label
    covered: set[int] = {t.i for ent in doc.ents for t in ent}  # dates, figures: not names
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        tokens = [t for t in ent if not (t.tag_ in _NOT_NAMES or t.lower_ in ("'s", "’s", "the"))]
        if not any(written_as_name(t.text) or t.text[:1].isdigit() for t in tokens):
            continue  # the small model's guess on lower-case words is no name
        while len(tokens) > 1 and _lower_word(doc, tokens[-1]):
            tokens.pop()  # "Breath of the Wild released", "the Indo-Pacific region": no name's
        pieces.append((tokens[0].i, tokens[-1].i + 1, ent.label_))
    run: list[Any] = []
    for token in [*doc, None]:
        if (
            token is not None and token.pos_ == "PROPN" and token.i not in covered
            and token.i > 0 and written_as_name(token.text)  # a name is written with capitals
            and not _described(token)
        ) or (run and _model_number(token, run)):  # fmt: skip
            run.append(token)
            continue
        if run:
            pieces.append((run[0].i, run[-1].i + 1, ""))
            run = []
    subject_tokens = {t.i for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.head == root}
    # "How many containers did Russia ship?": the word after an inverted "did"/"will" begins
    # the subject, whatever the small parser makes of the rest ("did" the root, "ship" a noun)
    subject_tokens |= subject_starts(doc)
    asked = wh_phrase(doc)
    progressive = progressive_verb(doc)
    found = []
    for start, end, label in _joined(doc, sorted(pieces)):
        span = doc[start:end]
        describes = _described_noun(span) if label != "PERSON" else ""  # "Yoon visit": a misparse
        if all(t.i in asked for t in span):
            found.append(Name(span.text, label, describes=describes, asked_kind=True))
            continue
        is_subject = any(t.i in subject_tokens or t.head.i in subject_tokens for t in span)
        argument = _is_argument(span.root, root) or _of_progressive(span.root, progressive)
        frame = not is_subject and _in_frame(span.root)
        located = argument and _located(span.root)
        found.append(
            Name(span.text, label, is_subject, argument, describes, frame=frame, located=located)
        )
    return tuple(found)


def wh_phrase(doc: Any) -> set[int]:
    """The tokens of "which/what <modifiers> <noun>" ("which U.S. state", "what South Korean
    official"): the wh-word and the words up to the last common noun of the run of names,
    adjectives and nouns after it. Read from the tags, not the parse: the small model often
    makes the wh-word an object of its own ("In which U.S. state was ...")."""
    for token in doc:
        if token.lower_ not in ("which", "what") or token.tag_ not in ("WDT", "WP"):
            continue
        end = None
        for after in doc[token.i + 1 :]:
            if after.tag_ not in _PHRASE_TAGS:
                break
            if after.tag_ in ("NN", "NNS"):
                end = after.i
        return set(range(token.i, end + 1)) if end is not None else set()
    return set()


_PHRASE_TAGS = frozenset({"NNP", "NNPS", "JJ", "NN", "NNS", "HYPH"})


def _described_noun(span: Any) -> str:
    """The common noun a name stands before as its modifier ("South Korean protesters")."""
    head = span.root.head
    if span.root.dep_ in ("amod", "compound") and head.pos_ == "NOUN" and head.i > span.end - 1:
        return stem(head.lemma_.lower())
    return ""


def _model_number(token: Any, run: list[Any]) -> bool:
    """A number that goes on the name before it ("Pixel 5a", "Diablo 3", "iOS 15"): written
    right after it and hanging from it, and not a year ("Euro 2020" is the Euro of 2020) or a
    day."""
    if token is None or not token.text[:1].isdigit() or YEAR.fullmatch(token.text):
        return False
    if run[-1].lower_.rstrip(".") in MONTH_WORDS:
        return False  # "November 9" is a day
    return token.i == run[-1].i + 1 and (token.head in run or run[-1].head == token)


def is_verb_token(token: Any) -> bool:
    """A verb, or a word the small model tags as a noun though "did"/"will" governs it ("When
    did Eva Rask arrive?" can come out with "arrive" a noun)."""
    if token is None:
        return False
    return token.pos_ in ("VERB", "AUX") or any(c.dep_ == "aux" for c in token.children)


def _is_argument(token: Any, root: Any) -> bool:
    """The name is the main verb's object, or the object of a preposition the verb governs
    ("meet Kishida", "arrive in India"), or the place of its object ("join the talks in
    India", "join X for the talks in India": where the talks are, the joining is)."""
    if not is_verb_token(root) or root.pos_ == "AUX":
        return False
    if token.dep_ == "dobj" and token.head == root and _makes_act(root):
        return False  # "What prompted Washington to send ...?": Washington acts, no place
    if token.dep_ in ("dobj", "dative") and token.head == root:
        return True
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return False
    held = token.head.head
    if held == root:
        return True
    governed = held.dep_ == "dobj" and held.head == root  # "join the talks"
    governed |= held.dep_ == "pobj" and held.head.dep_ == "prep" and held.head.head == root
    return token.head.lower_ in ("in", "at") and governed


# Prepositions that put an event in a place or send it to or from one.
_LOCATIVE = frozenset(
    "in at to into near inside outside within across around from toward towards through "
    "throughout beyond".split()
)


def _located(token: Any) -> bool:
    """The name is where the event is: the object of a preposition of place ("in India")."""
    return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE


def _of_progressive(token: Any, verb: Any) -> bool:
    """The name is the object of the -ing verb the parser took for a noun, or of a preposition
    after it ("Who is X meeting in India?": the meeting is in India)."""
    if verb is None or token.i < verb.i:
        return False
    if token.dep_ in ("dobj", "compound", "appos") and token.head == verb:
        return True
    return token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head == verb


# How a gerund hangs from "of"/"from" in the small model's parse ("of helping", "of spying").
_GERUND = frozenset({"pcomp", "pobj"})


def _makes_act(verb: Any) -> bool:
    """Whether the verb has its object do something ("prompt X to send", "urge X to cancel",
    "suspect X of helping", "stop X from joining"): a to-infinitive after it, or a gerund
    after "of" or "from"."""
    for child in verb.children:
        infinitive = child.dep_ == "xcomp" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in child.children
        )
        gerund = child.dep_ == "prep" and child.lower_ in ("of", "from")
        gerund = gerund and any(g.tag_ == "VBG" and g.dep_ in _GERUND for g in child.children)
        if infinitive or gerund:
            return True
    return False


def _lower_word(doc: Any, token: Any) -> bool:
    """A word of its own in small letters ("region"), not the end of a hyphenated name
    ("Cho Tae-yong") nor a number."""
    before = doc[token.i - 1] if token.i > 0 else None
    attached = before is not None and not before.whitespace_
    return token.is_lower and not token.text[:1].isdigit() and not attached


def _joined(doc: Any, pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Adjacent pieces as one name; two labels make an untagged one."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in pieces:
        if out:
            last_start, last_end, last_label = out[-1]
            between = [t.lower_ for t in doc[last_end:start]]
            hyphen = between == ["-"] and not doc[last_end - 1].whitespace_  # "Indo-Pacific"
            if start >= last_end and (between in ([], ["'s"], ["’s"], [":"]) or hyphen):
                out[-1] = (last_start, end, last_label if last_label == label else "")
                continue
        out.append((start, end, label))
    return out


def _described(token: Any) -> bool:
    """A capitalised word inside a description ("the new CEO of Vanguard"), not a name."""
    head = token if token.dep_ != "compound" else token.head
    return any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in head.children) and (
        head.ent_type_ == "" and any(c.dep_ == "amod" for c in head.children)
    )
