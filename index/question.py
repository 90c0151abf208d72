"""What a question asks, read from spaCy's parse: the answer it expects, its subject and other
names, its relation, and whether it asks who said what, or for evidence across sources.

Everything here is grammar and general English (wh-words, auxiliaries, the labels of spaCy's
named entities, verbs of saying); nothing depends on any collection's vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from index.asked_speech import Speech, asked_speech, outlet_words
from index.asked_words import asked_words
from index.earlier import asks_earlier
from index.expected import asked_kind, expected_labels
from index.lexicon import PREPOSITIONS, is_verb, phrasal_verbs
from index.lexicon_nouns import is_person_noun
from index.misparse import perfect_verb, progressive_verb, stranded_verb, verb_after_do
from index.nlp import parse_question
from index.question_events import clause_verbs, expressed_act, light_event, wanted_event
from index.question_names import Name, is_verb_token, question_names, wh_phrase
from index.question_words import (
    COMPARISON,
    COMPLEX_PREPOSITIONS,
    CONNECTORS,
    LIGHT_VERBS,
    REPORTING_VERBS,
    SOURCE_QUESTION,
    TIMES,
)
from index.roles import wh_slot
from index.text import FRAMING_WORDS, STOPWORDS, stem


@dataclass(frozen=True)
class Question:
    text: str
    wh: str  # who, when, where, which, what, why, how, how_many, yesno, other
    expects: frozenset[str]  # entity labels an answer sentence must hold
    head: str | None  # stem of X in "how many X" / "which X"
    names: tuple[Name, ...]
    predicate: str | None  # stem of the main content verb
    focus: tuple[str, ...]  # stems of the content words, names excluded
    speech: Speech | None = None
    evidence: bool = False  # yes/no, comparison: show evidence per source
    source_question: bool = False  # "which outlet reported ..."
    numbers: tuple[str, ...] = ()  # years and figures the question states
    outlet_words: tuple[str, ...] = field(default=())  # names followed by article/report
    head_forms: tuple[str, ...] = ()  # X as written and as its lemma ("fishermen", "fisherman")
    role: tuple[str, ...] = ()  # "who is the X (of Y)": X's words ("runner", "up")
    # "who won?": ({win}, subj), see index.roles; "who is the winner?" asks the same
    slot: tuple[frozenset[str], str] = (frozenset(), "")
    theme: str | None = None  # stem of the common noun the verb acts on ("launch a satellite")
    kind: str | None = None  # lemma of X in "which X", "what X", "what type of X" ("rocket")
    earlier: bool = False  # about the occasion before this one ("When did X last meet Y?")
    doc: Any = field(default=None, compare=False, repr=False)  # the parse, for later readers
    reported: str | None = None  # "Which outlet reported that X arrived?": "arriv"
    doer: str | None = None  # stem of a common noun doing the verb ("the secretary thank")
    theme_person: bool = False  # the theme is a person ("thank the adviser"): a name may be it
    # stems of the verbs of its clauses of time ("when he landed"): they date what is asked
    clause: frozenset[str] = frozenset()

    @property
    def subject(self) -> Name | None:
        return next((n for n in self.names if n.subject), None)


def as_people(question: Question, people: Sequence[str]) -> Question:
    """The question with the names known to be people's labelled so ("Antony Blinken" put for
    "America's top diplomat": the small model may take it for a place)."""
    if not people:
        return question
    names = tuple(replace(n, label="PERSON") if n.text in people else n for n in question.names)
    return replace(question, names=names)


def analyse(text: str) -> Question:
    """Parse a question and read what it asks."""
    doc = parse_question(text)
    root = _root(doc)
    names = question_names(doc, root)
    wh = _wh(doc)
    head_token = _head_token(doc, wh)
    head = stem(head_token.lemma_.lower()) if head_token is not None else None
    head_forms = (head_token.lower_, head_token.lemma_.lower()) if head_token is not None else ()
    role = _role_words(head_token) if wh == "who" and head_token is not None else ()
    kind = asked_kind(head_token, wh)
    expects = expected_labels(wh, head, kind, doc)
    source_question = bool(SOURCE_QUESTION.search(text))
    if source_question and wh in ("which", "what"):
        expects = frozenset()  # "Which news agency reported X?": the source is the article's
    predicate = None
    verb = (
        verb_after_do(doc, root) or stranded_verb(doc, root) or perfect_verb(doc, root)
        or progressive_verb(doc)
    )  # fmt: skip
    if verb is not None and verb.lower_ not in LIGHT_VERBS:
        predicate = stem(verb.lower_)
    elif is_verb_token(root) and root.lemma_.lower() not in LIGHT_VERBS:
        predicate = stem(root.lemma_.lower())
    phrasal = _phrasal(verb, repaired=True) if verb is not None else _phrasal(root)
    if phrasal is not None:  # "touch down" is to land, "call off" to cancel: not "touch", "call"
        predicate = phrasal
    timed = wh in ("when", "where", "why") or (bool(expects) and expects <= TIMES)
    participle = _participle_after_be(doc, root) if predicate is None and timed else None
    if participle is not None:  # "In what year was X born?": "was" parsed the root
        predicate = stem(participle.lemma_.lower())
    wanted = wanted_event(root) if verb is None else None
    if wanted is not None:  # "Why did X want the fighting paused?": the event is a pause
        predicate = stem(wanted.lemma_.lower())
    name_words = {w.lower() for n in names for w in re.findall(r"\w+", n.text)}
    acting = verb if verb is not None else root
    made = light_event(acting) if predicate is None and timed else None
    if made is not None:  # "When will X make its third attempt to launch a satellite?"
        predicate, acting = stem(made.lemma_.lower()), made
    expressed = expressed_act(acting) if predicate is not None else None
    if expressed is not None:  # "What did X express thanks for?" asks what X thanked for
        predicate, acting = stem(expressed.lemma_.lower().removesuffix("s")), expressed
    acted_on = next(  # the thing acted on, not the one asked for ("What date did X designate?")
        (c for c in acting.children
         if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lower_ not in name_words
         and not _asked_by(c)),
        None,
    ) if predicate is not None else None  # fmt: skip
    theme = stem(acted_on.lemma_.lower()) if acted_on is not None else None
    lasting = _lasting(doc) if wh == "how_many" else None
    if lasting is not None:  # "How long did the call last?": the length of the call
        predicate, theme = lasting
    wh_words = _wh_phrase(doc, wh)
    focus = tuple(dict.fromkeys(
        stem(t.lemma_.lower()) for t in doc
        if t.is_alpha and t.lower_ not in STOPWORDS and t.lower_ not in FRAMING_WORDS
        and t.lower_ not in name_words and t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN", "NUM", "ADV")
        and t.tag_ not in ("WDT", "WP", "WRB") and t.i not in wh_words
        and t.lemma_.lower() not in LIGHT_VERBS and not _idiom_noun(t)
        and not _preposition_noun(t)
    ))  # fmt: skip
    in_names = {w.lower() for n in names for w in re.findall(r"\w+", n.text)}
    numbers = tuple(  # "2019" is a figure; the "2077" of "Cyberpunk 2077" is part of a name
        t.text for t in doc
        if t.like_num and re.search(r"\d", t.text) and t.lower_ not in in_names
    )  # fmt: skip
    return Question(
        text=text, wh=wh, expects=expects, head=head, head_forms=head_forms, role=role,
        slot=_slot(doc, role, verb if wh in ("who", "what", "which") else None), names=names,
        predicate=predicate,
        focus=focus, speech=asked_words(doc) or asked_speech(doc, root, wh),
        evidence=_asks_for_evidence(doc, wh),
        source_question=source_question, numbers=numbers,
        outlet_words=outlet_words(doc), theme=theme, kind=kind,
        earlier=asks_earlier(doc), doc=doc,
        reported=_reported_verb(root) if source_question else None,
        doer=_doer(acting) if predicate is not None else None,
        theme_person=acted_on is not None and is_person_noun(acted_on.lemma_.lower()),
        clause=clause_verbs(doc, predicate),
    )  # fmt: skip


# Verbs that end "How long did X last?", by their forms: the length is asked of X. Read from
# the words, as the small parser often takes "last" for an adverb ("the strike" its root).
_LASTING = {
    **dict.fromkeys(("last", "lasted"), "last"),
    **dict.fromkeys(("take", "took", "taken"), "take"),
    **dict.fromkeys(("run", "ran"), "run"),
    **dict.fromkeys(("continue", "continued"), "continue"),
}


def _lasting(doc: Any) -> tuple[str, str] | None:
    """ "How long did the strike last?": the verb's stem and that of the noun before it."""
    words = [t for t in doc if not t.is_punct]
    if len(words) < 3 or words[-1].lower_ not in _LASTING:
        return None
    noun = next((t for t in reversed(words[:-1]) if t.pos_ == "NOUN"), None)
    if noun is None:
        return None
    while noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "the meeting in the Japanese capital": the meeting
    return stem(_LASTING[words[-1].lower_]), stem(noun.lemma_.lower())


def _doer(verb: Any) -> str | None:
    """The stem of the common noun that is the verb's subject ("What did the secretary of
    state thank X for?": secretary), or None for a name, a pronoun or the wh-word."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb else None
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or not subject.is_lower:
        return None
    return stem(subject.lemma_.lower())


def _participle_after_be(doc: Any, root: Any) -> Any:
    """The past participle that ends "In what year was X born?" when the small parser makes
    "was" the root and the participle a modifier."""
    if root is None or root.lemma_ != "be":
        return None
    words = [t for t in doc if not t.is_punct]
    last = words[-1] if words else None
    if last is None or last.tag_ != "VBN" or last.lemma_.lower() in LIGHT_VERBS:
        return None
    return last


# Verbs of wanting and trying: the event they frame is their complement's verb.
def _root(doc: Any) -> Any:
    return next((t for t in doc if t.dep_ == "ROOT"), None)


_YESNO_OPENERS = frozenset(
    "do does did is are was were has have had can could will would should".split()
)


def _wh(doc: Any) -> str:
    words = [t.lower_ for t in doc if not t.is_punct]
    if len(words) > 1 and words[0] in CONNECTORS:
        words = words[1:]  # "And how many ...?" asks how many
    if not words:
        return "other"
    first = words[0]
    if first == "how" and len(words) > 1 and words[1] in ("many", "much", "far", "long", "old"):
        return "how_many"
    if first in ("who", "whom", "whose"):
        return "who"
    if first in ("when", "where", "why", "how", "which", "what"):
        return first
    if doc[0].pos_ == "AUX" or first in _YESNO_OPENERS:
        return "yesno"
    wh_word = next((t.lower_ for t in doc if t.tag_ in ("WP", "WDT", "WRB")), None)
    if wh_word == "whom":
        return "who"  # "With whom did X meet?"
    return wh_word if wh_word in ("who", "when", "where", "which", "what", "why") else "other"


def _reported_verb(root: Any) -> str | None:
    """The verb of the clause a source question asks who reported ("that X arrived"), or the
    deed it asks the outlet of when it reports nothing ("Which newspaper interviewed X?")."""
    if root is None:
        return None
    clause = next((c for c in root.children if c.dep_ == "ccomp" and is_verb_token(c)), None)
    if clause is None and is_verb_token(root) and root.lemma_.lower() not in REPORTING_VERBS:
        clause = root
    if clause is None or clause.lemma_.lower() in LIGHT_VERBS:
        return None
    return stem(clause.lemma_.lower())


def _idiom_noun(token: Any) -> bool:
    """The noun of a light verb's idiom ("take part", "take place"; a verb of WordNet's): it
    says nothing of the topic, and "part" is no word for a sentence to share ("as part of")."""
    head = token.head
    if token.dep_ != "dobj" or head.lemma_.lower() not in LIGHT_VERBS:
        return False
    return is_verb(f"{head.lemma_.lower()}_{token.lemma_.lower()}")


def _preposition_noun(token: Any) -> bool:
    """The noun of a complex preposition ("in return for", "on behalf of")."""
    doc, i = token.doc, token.i
    if i == 0 or i + 1 >= len(doc):
        return False
    return (doc[i - 1].lower_, token.lower_, doc[i + 1].lower_) in COMPLEX_PREPOSITIONS


def _asked_by(noun: Any) -> bool:
    """The noun is what the wh-word asks for ("what date", "which rocket")."""
    return any(c.lower_ in ("what", "which") and c.dep_ == "det" for c in noun.children)


def _wh_phrase(doc: Any, wh: str) -> set[int]:
    """Tokens that only say what kind of answer is wanted ("how far", "how many")."""
    if wh == "how_many" and len(doc) > 1:
        start = 1 if doc[0].lower_ in CONNECTORS else 0
        return {start, start + 1}
    return set()


def _head_token(doc: Any, wh: str) -> Any:
    """X in "how many X", "which X", "what X", "what is the X (of Y)", "what was Y's X", "who
    is the X (of Y)"."""
    for token in doc:
        if wh == "how_many" and token.lower_ in ("many", "much") and token.head.pos_ == "NOUN":
            return token.head
        if wh in ("which", "what") and token.lower_ == wh and token.dep_ == "det":
            return token.head
        if wh in ("which", "what") and token.lower_ == wh and token.dep_ == "pobj":
            return _noun_after(token) or _phrase_noun(doc)  # "In which city is X?": "in which"
        if wh in ("which", "what") and token.lower_ == wh:
            noun = _phrase_noun(doc)  # "Which Japanese city hosted X?": "Which" parsed an object
            if noun is not None:
                return noun
    root = _root(doc)
    if wh == "who" and root is not None and root.lemma_ in ("serve", "act", "work"):
        role = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        noun = next((c for c in role.children if c.dep_ == "pobj"), None) if role else None
        if noun is not None and noun.pos_ == "NOUN":
            return noun  # "Who serves as X's foreign minister?" asks who is
    if wh in ("what", "who") and root is not None and root.lemma_ == "be":
        for child in root.children:
            if child.dep_ in ("nsubj", "attr") and child.pos_ == "NOUN" and child.lower_ != "what":
                return child
    return None


def named_thing(doc: Any, wh: str) -> str | None:
    """The lemma of X in "What are the names of X?": the names asked are of X's ("the names of
    the Indian counterparts" asks which counterparts). Read from the words after "What is/are
    the": the small parser may hang "names" from a clause of its own."""
    words = [t for t in doc if not t.is_punct]
    if wh != "what" or len(words) < 5 or words[1].lemma_ != "be" or words[2].lower_ != "the":
        return None
    head = words[3]
    if head.lemma_.lower() not in ("name", "identity"):
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    thing = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return thing.lemma_.lower() if thing is not None and thing.pos_ == "NOUN" else None


def _noun_after(token: Any) -> Any:
    """The noun a wh-word stands before, the last of a compound ("which news agency")."""
    doc, i = token.doc, token.i + 1
    while i + 1 < len(doc) and doc[i].pos_ == "NOUN" and doc[i + 1].pos_ == "NOUN":
        i += 1
    return doc[i] if i < len(doc) and doc[i].pos_ == "NOUN" else None


def _phrase_noun(doc: Any) -> Any:
    """The last noun of the wh-word's phrase, read from the tags ("In which U.S. state")."""
    phrase = wh_phrase(doc)
    return doc[max(phrase)] if len(phrase) > 1 else None


def _phrasal(verb: Any, repaired: bool = False) -> str | None:
    """The verb and its particle as WordNet's phrasal verb ("touch_down"), when WordNet knows
    it and what it means in one word (lexicon.phrasal_verbs); ``repaired``: a verb read again
    after the parser made it a noun (index.misparse: "did the diplomat's plane touch down")."""
    if verb is None or not (repaired or is_verb_token(verb)):
        return None
    # "talk about" (discuss): "about" as the parser often tags it, a preposition
    particle = next(
        (c for c in verb.children if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ == "about")),
        None,
    )
    if particle is None or particle.lower_ in PREPOSITIONS:
        return None  # "call for", "arrive at": the verb keeps its meaning (lexicon.PREPOSITIONS)
    lemma = f"{verb.lemma_.lower()}_{particle.lower_}"
    return lemma if phrasal_verbs(lemma) else None


def _role_words(head: Any) -> tuple[str, ...]:
    """The role a "who is the X" question names: X with the common nouns compounded into it
    ("runner-up", "vice president"), not its adjectives ("new CEO") or names ("Oscar winner")."""
    start = head.i
    for token in reversed(list(head.lefts)):
        if token.i == start - 1 and (
            (token.dep_ == "compound" and token.pos_ == "NOUN") or token.text == "-"
        ):
            start = token.i
        else:
            break
    words = [t.lower_ for t in head.doc[start : head.i + 1] if t.is_alpha]
    return tuple(words)


def _slot(doc: Any, role: tuple[str, ...], repaired: Any = None) -> tuple[frozenset[str], str]:
    """The verbs (and the part) whose doer the question asks for: "who won" (win), and "who is
    the winner" (the verb an -er/-or noun names: winner -> win, director -> direct, founder ->
    found, creator -> create). A verb read again after the parser missed it ("Who did Blinken
    thank?", index.misparse) comes after "did" and the subject: a who/what/which is its
    object."""
    if repaired is not None:
        return frozenset({repaired.lemma_.lower()}), "obj"
    verb, part = wh_slot(doc)
    if verb:
        return frozenset({verb}), part
    if len(role) == 1 and role[0].endswith(("er", "or")) and len(role[0]) > 4:
        noun = role[0]
        verbs = {noun[:-2], noun[:-1], noun[:-2] + "e"}
        if noun[-3] == noun[-4]:
            verbs.add(noun[:-3])  # "winner", "runner"
        return frozenset(verbs), "subj"
    return frozenset(), ""


def _asks_for_evidence(doc: Any, wh: str) -> bool:
    if wh == "yesno":
        return True
    if wh == "why":  # "Why X rather than Y?" asks the reason for a choice, not a comparison
        return False
    cues = {m.lower() for m in COMPARISON.findall(doc.text)}
    # "What did the leaders agree on?" asks what was agreed; "Do the outlets agree?" compares
    return bool(cues - _AGREEING)


_AGREEING = frozenset({"agree", "disagree"})
