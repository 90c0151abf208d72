"""Who said what, as a question asks it: "What did <speaker> say (to <listener>) (about
<topic>)?", and the names a question uses as sources ("a TechCrunch article"). Grammar and
general English only, read from spaCy's parse (index.question)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from index.question_words import (
    DIRECTIVE_PARTICLES,
    DIRECTIVE_VERBS,
    NAME_LABELS,
    SPEECH_VERBS,
    TOPIC_PREPS,
)


@dataclass(frozen=True)
class Speech:
    """'What did <speaker> say (to <listener>) (about <topic>)?'"""

    speaker: str
    speaker_is_name: bool
    verb: str
    topic: str
    listener: str | None = None
    described: bool = False  # a role, not a name: "the U.S. secretary of state"
    setting: str = ""  # where it was said: "in Seoul" (a place, not what it was about)
    words: bool = False  # the words used are asked: "What idiom did X use?" (index.asked_words)


_PLACES = frozenset({"GPE", "LOC", "FAC"})
# Verbs whose object is what the words are on: "What did X call Y?", "How did X describe Y?"
# (Y is no listener).
_NAMING_VERBS = frozenset("call label dub brand describe characterize characterise portray".split())
# Nouns for what a source issues: "the KCNA report", "Reuters' story" speak for their issuer.
# The wh-words' tags: "What did" may hang from the speaker's name.
_WH_TAGS = frozenset({"WP", "WDT", "WRB"})
_ISSUED = frozenset("report statement article story release communique editorial".split())
_ISSUERS = frozenset({"ORG", "PERSON", "GPE", "NORP"})


def issuer(subject: Any) -> Any | None:
    """The name a document noun is issued by ("KCNA" in "the KCNA report"), if any."""
    if subject.lemma_.lower() not in _ISSUED:
        return None
    named = next(
        (c for c in subject.children
         if c.dep_ in ("compound", "poss") and (c.pos_ == "PROPN" or c.ent_type_)),
        None,
    )  # fmt: skip
    if named is not None:
        return named
    # "the report from KCNA", "a statement by the ministry of Varna": issued by a named source
    for prep in subject.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
            source = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if source is not None and source.ent_type_ in _ISSUERS:
                return source
    return None


def asked_speech(doc: Any, root: Any, wh: str) -> Speech | None:
    """The speaker, verb, topic and listener of "What did X say (to Z) about Y?", if asked."""
    if root is None or wh not in ("what", "why", "how"):
        return None
    naming = _naming(root)
    asked_of = _asked_to_act(root)
    if root.lemma_.lower() not in SPEECH_VERBS and naming is None and asked_of is None:
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children):
        return None  # "What is X thought to get?" asks what people think, not what X said
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ in ("WP", "WDT"):
        return None
    issued_by = issuer(subject)
    end = subject.right_edge.i + 1
    if issued_by is not None:  # "the KCNA report said": the report speaks for KCNA
        subject, end = issued_by, issued_by.right_edge.i + 1
    elif subject.lemma_.lower() in _ISSUED:  # "the statement from the summit": the statement
        end = subject.i + 1
    start = subject.left_edge.i
    while start < subject.i and (doc[start].tag_ in _WH_TAGS or doc[start].pos_ == "AUX"):
        start += 1  # "What did Blinken urge?": the parser may hang "What did" from the name
    span = doc[start:end]
    speaker = re.sub(r"^(?:the|a|an)\s+|['’]s?$", "", span.text, flags=re.I).strip()
    is_name = any(t.pos_ == "PROPN" or t.ent_type_ in NAME_LABELS for t in span)
    heard_by = None if naming is not None else next(
        (c for c in root.children if c.dep_ in ("dative", "dobj") and c.pos_ in ("PROPN", "NOUN")),
        None,
    )  # fmt: skip
    heard_by = heard_by or (asked_of[0] if asked_of else None)
    listener = doc[heard_by.left_edge.i : heard_by.right_edge.i + 1].text if heard_by else None
    place = setting(root)
    # A role, not a name: "the foreign minister", "Seoul officials", "the secretary of state"
    # (the small model tags a lowercase "secretary" a proper noun).
    described = subject.ent_type_ != "PERSON" and (  # "Cho Tae-yong": "yong" is a name's
        subject.pos_ == "NOUN" or (subject.pos_ == "PROPN" and subject.is_lower)
    )
    elsewhere = {t.i for part in (heard_by, place) if part is not None for t in part.subtree}
    about = topic(doc, root, elsewhere) if naming is None else naming
    if asked_of is not None:  # "call on Y to do": the act asked is what the words are on
        act = asked_of[1]
        about = doc[act.left_edge.i : act.right_edge.i + 1].text
    where = _place_name(place) if place is not None else ""
    return Speech(speaker, is_name, root.lemma_.lower(), about, listener, described, where)


def urges_an_act(speech: Speech) -> bool:
    """ "What did X urge (tell, ask) Y to do?": the words asked are an act asked of a listener,
    which a sentence may tell as a fact ("X urged Y to cancel ...")."""
    listener = speech.listener
    if listener is None or listener.split()[0].lower() in ("what", "which", "whom", "who"):
        return False
    rest = speech.topic.removeprefix(listener).strip()
    return re.match(r"to\s+\w", rest) is not None


def _asked_to_act(root: Any) -> tuple[Any, Any] | None:
    """The one asked, and the act asked ("to do"), when the question asks what a directive
    verb asked of them: "What did X call on Y to do?", "... ask Y to do?" (the verb with an
    object, or a particle's, and "to do"). None for any other verb or frame ("What did X call
    Y?" asks a name)."""
    if root.lemma_.lower() not in DIRECTIVE_VERBS:
        return None
    # "to do" hangs from the verb as its complement, or (by the small parser) as a clause
    act = next(
        (c for c in root.children if c.dep_ in ("xcomp", "advcl") and c.lemma_ == "do"
         and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
        None,
    )  # fmt: skip
    if act is None:
        return None
    objects = [c for c in root.children if c.dep_ in ("dobj", "dative")]
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in DIRECTIVE_PARTICLES:
            objects += [c for c in prep.children if c.dep_ == "pobj"]
    asked = next((c for c in objects if c.tag_ not in _WH_TAGS), None)
    return (asked, act) if asked is not None else None


def _naming(root: Any) -> str | None:
    """What "What did X call Y?" asks X's words on: Y, the object of a verb of naming ("call
    for", "call on" and "call off" ask something else)."""
    if root.lemma_.lower() not in _NAMING_VERBS:
        return None
    particles = {c.lower_ for c in root.children if c.dep_ in ("prt", "prep")}
    if particles & {"for", "on", "off", "up"}:
        return None
    named = next(
        (c for c in root.children if c.dep_ in ("dobj", "oprd") and c.tag_ not in ("WP", "WDT")),
        None,
    )
    if named is None:
        return None
    # after the verb: the small parser may hang the opening "How" from the object
    return named.doc[max(named.left_edge.i, root.i + 1) : named.right_edge.i + 1].text


def setting(root: Any) -> Any | None:
    """The "in Seoul" / "at Camp David" of "What did X say in Seoul?": where it was said."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at"):
            place = next((c for c in child.children if c.dep_ == "pobj"), None)
            if place is not None and place.ent_type_ in _PLACES:
                return child
    return None


def _place_name(prep: Any) -> str:
    words = [t for t in prep.subtree if t.i > prep.i and t.ent_type_ in _PLACES]
    return " ".join(t.text for t in words)


def topic(doc: Any, root: Any, elsewhere: frozenset[int] | set[int] = frozenset()) -> str:
    """What the speech is about: "about Y", or the clause reported ("say it needs Y"); not
    its listener or where it was said (``elsewhere``)."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPS and child.i not in elsewhere:
            return doc[child.i + 1 : child.right_edge.i + 1].text
    for child in root.children:
        if child.dep_ in ("ccomp", "xcomp"):  # not its "What" ("What did X say Y would do?")
            return doc[max(child.left_edge.i, root.i + 1) : child.right_edge.i + 1].text
    rest = [
        t for t in doc
        if t.i > root.i and not t.is_punct and t.dep_ != "prep" and t.i not in elsewhere
    ]  # fmt: skip
    return " ".join(t.text for t in rest if t.pos_ in ("NOUN", "PROPN", "ADJ"))


# "According to Blinken, what ...?", "What ..., according to Blinken?": the source named.
_ACCORDING_TO = re.compile(
    r"(?:^|,\s*)(?i:according\s+to)\s+(?:the\s+)?"
    r"(?P<source>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*)\s*(?:,\s*|\?|$)",
)


def according_to(question: str) -> Speech | None:
    """ "According to X, what ...?" asks what X said on the rest of the question: X's own
    statements, as "What did X say about ...?" does (X named, not "according to the coverage"
    nor "according to North Korean state media", a description)."""
    match = _ACCORDING_TO.search(question)
    if match is None:
        return None
    source = re.sub(r"['’]s?$", "", match.group("source")).strip()
    rest = (question[: match.start()] + " " + question[match.end() :]).strip(" ,?")
    return Speech(source, True, "say", rest) if source and rest else None


def outlet_words(doc: Any) -> tuple[str, ...]:
    """Names used as sources: "a New York Times article", "reported by TechCrunch"."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "PERSON", "GPE", "WORK_OF_ART", "PRODUCT", ""):
            continue
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if after in ("article", "articles", "report", "reports", "piece", "story") or (
            before == "by" and ent.start > 1 and doc[ent.start - 2].lemma_ in ("report", "publish")
        ):
            found.append(re.sub(r"^(?:the)\s+", "", ent.text, flags=re.I).strip("'’ "))
    return tuple(found)
