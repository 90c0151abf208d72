"""The subject of a cue verb (index.cues): its own, inherited, or the one the parser lost.

- Its own nsubj (the nearer of two the parse gives it); the noun a "who said" clause modifies.
- Inherited from the verb it hangs off: a conjunct or participle ("..., saying ..."), a gerund
  after a preposition ("continued by saying", "closed after thanking ..."), a participle on the
  thing it put out ("ran an ad attacking X"), and a verb of saying in a to-clause of purpose
  ("X stood up at the hearing to say that ..." is X's statement).
- Lost: en_core_web_sm often loses the subject of a verb when a long appositive or a fronted
  phrase comes between them. In "Ann Roe, the director of the lab, compared X to Y" it makes
  "Roe" the root and "compared" a clause modifying it; in "At a rally in Ohio, Ann Roe, the
  director of the lab, told ..." it makes "Roe" a conjunct of "Ohio" and leaves "told" with no
  subject. The words still say who spoke: the name right before the verb, or the name before a
  phrase set off by commas or dashes that ends right before the verb ("Ann Roe, in a grey suit,
  also said"). PolNeAR train (`benchmarks/attribution.py --split train`): recall 0.6678 ->
  0.6700 (9020 -> 9050 of 13507), precision 0.8411 -> 0.8413, upper 0.9168 -> 0.9170 (30 of the
  33 pairs it adds right, 31 with unnamed gold).
"""

from __future__ import annotations

from typing import Any

from index.cue_lemmas import CLAUSE_LEMMAS, cue_lemma

_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
# Prepositions whose gerund is done by the subject of the verb they hang off. "after", "before",
# "in", "while", "without", "since", "upon", "on" with "by" and "as": PolNeAR train
# (`benchmarks/attribution.py --split train`) recall 0.6708 -> 0.6721, upper 0.9169 -> 0.9170
# (17 of the 18 pairs they add right); "for" ("fired X for criticizing") adds 7 pairs, 2 right.
_GERUND_PREPS = frozenset("by as after before in while without since upon on".split())
# A finite verb: one that needs a subject of its own.
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_SPEAKER_LABELS = frozenset({"PERSON", "ORG"})
# Marks that close a phrase set off between the subject and its verb, with the marks that open it.
_CLOSING = {",": (",",), "-": ("-",), "—": ("—",), "–": ("–",), ")": ("(",)}
# A name hung as another word's object is not the lost subject ("hosts Ann Roe, ..., said").
_OBJECT_DEPS = frozenset({"pobj", "dobj", "dative", "poss"})
# How far back the phrase between a name and its verb may open: at most this many marks.
# PolNeAR train (`benchmarks/attribution.py --split train`), recall / upper: 1 mark 9048 /
# 9945 of 10846, 2: 9049 / 9946 of 10847, 3 and 5: 9050 / 9947 of 10848.
_MAX_MARKS = 3


def subject_of(verb: Any) -> Any | None:
    """The head of the verb's subject: its own, or inherited from the verb it hangs off."""
    # Of two subjects, a person's or body's name first, then the nearer: "Speaking in Salem, New
    # Hampshire, Trump went ..." gives both "Hampshire" and "Trump" as subjects of "went"
    # (PolNeAR train: recall 0.6733 -> 0.6748, upper 0.9170 -> 0.9172, the 26 pairs it adds
    # all right or on unnamed gold); "Ban Ki-moon, the secretary general of the United Nations,
    # vowed" gives "general" too, and the name is the speaker
    for child in sorted(
        verb.children, key=lambda c: (c.ent_type_ not in _SPEAKER_LABELS, abs(c.i - verb.i))
    ):
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return child
    hangs_off = verb.dep_ in ("conj", "xcomp") or (
        verb.dep_ == "advcl" and (verb.tag_ == "VBG" or infinitive_of_purpose(verb))
    )
    if hangs_off and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        if verb.dep_ == "conj" and verb.tag_ in _FINITE:
            # "X was booed and said ...": the passive's subject says it (PolNeAR train: recall
            # 0.6729 -> 0.6731, upper 0.9169 -> 0.9170; a participle, as in "was booed and
            # criticized", is passive too and keeps no subject)
            passive = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
            if passive is not None:
                return passive
        return subject_of(verb.head)
    if _participle_on_object(verb):
        # "ran an ad attacking X": the ad's words are those of whoever ran it
        return subject_of(verb.head.head)
    prep = verb.head
    if verb.dep_ == "pcomp" and prep.lower_ in _GERUND_PREPS and prep.head.pos_ == "VERB":
        # "continued by saying ...", "was quoted as saying ...", "closed after thanking ...": the
        # subject of the verb the preposition hangs off, active or passive
        for child in prep.head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
    return lost_subject(verb)


def _participle_on_object(verb: Any) -> bool:
    """ "ran a TV spot attacking X", "issued a statement saying ...": a participle on the object
    of a verb, a thing and not a name (not "watched Tom Reyes defending X"). PolNeAR train
    (`benchmarks/attribution.py --split train`): recall 0.6721 -> 0.6729, upper 0.9170 -> 0.9169
    (16 of the 19 pairs it adds right); with names too: 17 of 20; only after "issue", "release"
    and other light verbs of index.speech_nouns: recall 0.6722."""
    noun = verb.head
    thing = noun.pos_ == "NOUN" and not noun.ent_type_
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and noun.dep_ == "dobj"
        and thing
        and noun.head.pos_ == "VERB"
    )


def infinitive_of_purpose(verb: Any) -> bool:
    """ "X stood up to say that ...": a verb of saying in a to-clause of purpose, said by the
    subject of the verb it hangs off (PolNeAR train: recall 0.6700 -> 0.6705, upper 0.9170 ->
    0.9169; with any cue verb, as in "went on Twitter to applaud": recall 0.6721, upper 0.9160)."""
    return cue_lemma(verb) in CLAUSE_LEMMAS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def lost_subject(verb: Any) -> Any | None:
    """The subject the parse lost for a cue verb, or None."""
    if not _lost(verb):
        return None
    start = verb.sent.start
    j = verb.i - 1
    while j >= start and verb.doc[j].pos_ == "ADV":
        j -= 1  # "Ann Roe also said", "Ann Roe, ..., forcefully told"
    if j < start:
        return None
    before = verb.doc[j]
    if _name(before):
        return before
    openers = _CLOSING.get(before.text)
    return _name_before_phrase(verb.doc, j, start, openers) if openers else None


def _lost(verb: Any) -> bool:
    """A finite verb at the root with no subject, or one hung as a clause on the root name
    ("Ann Roe, ..., compared")."""
    if any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass") for c in verb.children
    ):
        return False
    if verb.dep_ == "ROOT":
        return verb.tag_ in _FINITE
    head = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBD", "VBN")
        and head.dep_ == "ROOT"
        and head.i < verb.i
        and _name(head)
    )


def _name_before_phrase(doc: Any, close: int, start: int, openers: tuple[str, ...]) -> Any | None:
    """The name right before the mark that opens the phrase closed at close: the nearest one
    that is not inside a prepositional phrase ("Ann Roe, director of Acme Corp., a firm that
    ..., said": Roe, not Acme)."""
    last = doc[close - 1]  # "her adviser, Ann Roe, said": the phrase is the name itself
    opened = last.left_edge.i > start and doc[last.left_edge.i - 1].text in openers
    if _name(last) and last.dep_ not in _OBJECT_DEPS and opened:
        return last
    marks = 0
    for k in range(close - 1, start, -1):
        token = doc[k]
        if token.text not in openers:
            continue
        marks += 1
        if marks > _MAX_MARKS:
            return None
        name = doc[k - 1]
        if _name(name) and name.dep_ not in _OBJECT_DEPS:
            return name
        if name.pos_ == "NOUN":
            return None  # "At Acme, engineers, ..., said": the subject is a common noun
    return None


def _name(token: Any) -> bool:
    return token.ent_type_ in _SPEAKER_LABELS and (token.pos_ == "PROPN" or token.is_title)
