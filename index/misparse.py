"""What the small parser gets wrong in questions, read again: in "When did X land in Seoul?" and
"How many containers did Russia ship?" it can make "did" the main verb and the real verb a noun.
"""

from __future__ import annotations

from typing import Any

from index.lexicon import is_verb

# Auxiliaries that come before the subject in a question.
_INVERTED = frozenset("do will would can could shall should may might must".split())


def subject_starts(doc: Any) -> set[int]:
    """ "How many containers did Russia ship?": the word after an inverted "did"/"will" begins
    the subject, whatever the parser makes of the rest; so does the word after the "is" of
    "Who is X meeting in Y?" (see progressive_verb)."""
    starts = {t.i + 1 for t in doc if t.i > 0 and t.lemma_.lower() in _INVERTED}
    progressive = _progressive(doc)
    if progressive is not None:
        starts.add(progressive[0].i + 1)
    return starts


# The words that may open a question before its inverted "is"/"are": the wh-word and its phrase
# ("Which Indian officials are ...", "How many people are ...", "To whom is ...").
_OPENING_TAGS = frozenset(
    {"WDT", "WP", "WRB", "WP$", "JJ", "NN", "NNS", "NNP", "NNPS", "IN", "HYPH"}
)


def _opening_be(doc: Any) -> Any | None:
    """The "is"/"are"/"was"/"were" that follows a question's wh-phrase, or None."""
    words = [t for t in doc if not t.is_punct]
    if not words or words[0].tag_ not in ("WDT", "WP", "WRB", "WP$", "IN"):
        return None
    for token in words[1:]:
        if token.lemma_.lower() == "be" and token.tag_ in ("VBZ", "VBP", "VBD"):
            return token
        if token.tag_ not in _OPENING_TAGS:
            return None
    return None


def progressive_verb(doc: Any) -> Any | None:
    """ "Who is Blinken meeting in Tokyo?", "Which officials are X and Y meeting in India?": the
    -ing word after the subject that an inverted "is"/"are" opens, which the small parser often
    takes for a noun (and the name for the main verb). The subject must end in a name, a
    pronoun or a plural noun, so "What is the meeting about?" (a noun after "the") is none;
    "Who is X going to meet?" is of "meet",
    "What was X trying to broker?" of "broker"."""
    progressive = _progressive(doc)
    return progressive[1] if progressive is not None else None


def _progressive(doc: Any) -> tuple[Any, Any] | None:
    """The opening "is"/"are" and the verb of progressive_verb, or None."""
    be = _opening_be(doc)
    if be is None:
        return None
    after = [t for t in doc[be.i + 1 :] if t.tag_ != "HYPH"]
    for at, token in enumerate(after[1:], start=1):
        before = after[at - 1]
        if token.is_punct or token.lemma_.lower() == "be" or token.tag_ == "MD":
            return None
        ing = token.lower_ == "going" or _gerund_base(token.lower_) is not None
        if not (token.is_lower and ing):
            continue
        named = before.is_title or before.tag_ in ("NNP", "NNPS")  # the parser may tag it a verb
        if not (named or before.tag_ in ("PRP", "NNS")):
            return None
        if before.tag_ != "NNPS" and named and any(t.pos_ == "DET" for t in after[:at]):
            return None  # "What was the G7 meeting in Tokyo about?": a meeting, no verb
        following = after[at + 1] if at + 1 < len(after) else None
        if following is not None and following.pos_ not in _AFTER_VERB:
            return None
        if following is not None and following.lower_ == "to":  # "trying to broker": broker
            then = after[at + 2] if at + 2 < len(after) else None
            return (be, then) if then is not None and is_verb(then.lower_) else None
        return be, token
    return None


# What may follow a question's main verb: a preposition, a determiner, a pronoun, a particle, a
# number, an adverb, the end; not a noun (so "state" of "secretary of state land" is no verb).
_AFTER_VERB = frozenset({"ADP", "DET", "PRON", "PART", "NUM", "ADV", "PUNCT", "SCONJ", "CCONJ"})


def verb_after_do(doc: Any, root: Any) -> Any | None:
    """ "When did X land in Seoul?": when the small parser makes "did" the main verb and the real
    one a noun, the first lower-case word after "did" that WordNet knows as a verb and that no
    noun follows. So too when it makes the subject's name the main verb ("Who did Blinken
    thank?": "Blinken" the verb, "thank" its object)."""
    if root is None or root.i == 0:
        return None
    named_root = root.is_title and root.i in subject_starts(doc) and not is_verb(root.lower_)
    if root.lemma_.lower() != "do" and not named_root:
        return None
    for token in doc[root.i + 1 :]:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if (
            token.is_lower and token.pos_ in ("NOUN", "VERB") and is_verb(token.lower_)
            and (following is None or following.pos_ in _AFTER_VERB)
            and (following is None or following.tag_ != "POS")  # "the minister's plane"
        ):  # fmt: skip
            return token
    return None


# The form of the main verb each auxiliary opening a wh-question takes: "What are they
# demanding?", "What did they want?", "What have they built?", "What will they discuss?".
_STRANDED_FORMS = {"be": ("VBG",), "do": ("VB",), "have": ("VBN",)}
_MODALS = frozenset("will would can could shall should may might must".split())


def stranded_verb(doc: Any, root: Any) -> Any | None:
    """ "What are the protesters waiting at the ministry demanding?": the question's verb is the
    one that ends it, in the form its opening auxiliary takes, when the parser made another
    word (a participle that describes the subject) the main verb. None when another auxiliary
    comes between ("What is the name of the ship Blinken is boarding?")."""
    words = [t for t in doc if t.is_alpha]
    if len(words) < 4 or words[0].lower_ not in ("what", "who", "whom", "where", "when", "why"):
        return None
    aux, last = words[1], words[-1]
    lemma = aux.lemma_.lower()
    forms = ("VB",) if aux.lower_ in _MODALS else _STRANDED_FORMS.get(lemma)
    if forms is None or not last.is_lower:
        return None
    # "What do the demonstrators outside the ministry want?": the parser may make the verb a
    # noun, and the root; the form "do" asks for is then the word itself
    at_root = root is not None and last.i == root.i
    as_noun = at_root and last.pos_ == "NOUN" and forms == ("VB",)
    # "Where is Cho Tae-yong heading?": "heading" taken for a noun; "be" asks for its -ing form
    gerund = forms == ("VBG",) and last.tag_ == "NN" and _gerund_base(last.lower_) is not None
    if not (as_noun or gerund) and (at_root or last.tag_ not in forms):
        return None
    if as_noun and not is_verb(last.lower_):
        return None
    if any(t.pos_ == "AUX" for t in words[2:-1]):
        return None
    return last if gerund or is_verb(last.lemma_.lower()) else None


def perfect_verb(doc: Any, root: Any) -> Any | None:
    """ "Where had the two ministers last met?": when the parser makes the opening "had" the
    main verb and the participle after the subject a clause of it, the participle is the verb."""
    words = [t for t in doc if t.is_alpha]
    if root is None or len(words) < 4 or root.i != words[1].i or root.lemma_.lower() != "have":
        return None
    return next(
        (
            c for c in root.children
            if c.dep_ in ("ccomp", "xcomp", "dep") and c.tag_ in ("VBN", "VBD")
            and is_verb(c.lemma_.lower())
        ),
        None,
    )  # fmt: skip


def _gerund_base(word: str) -> str | None:
    """The verb an -ing form is of ("heading": head, "making": make, "running": run)."""
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem = word[:-3]
    bases = (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else "")
    return next((b for b in bases if b and is_verb(b)), None)
