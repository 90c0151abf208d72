"""Cues of attribution in one parsed sentence: who (the subject token) said what (a char span).

A cue is a verb of saying (or of stated belief) picked by its lemma (index.cue_lemmas), a verb
of intent or refusal with a to-infinitive ("X hopes to ...", "X declined to comment"), or any
verb with a that-clause whose subject is a name or a pronoun ("X hopes that ...", "X made clear
that ..."), with a subject and a complement that carries what was said:
- a clause: "X said (that) ...", "..., X said.", "..., said X.", "X told reporters ...";
- an object, with "as" or "to" after it: "X criticized Y", "X described Y as Z", "X urged Y to";
- a parenthetical: "The U.S., he said, would respond." (the cue hangs off the clause it reports);
- "according to X": X is the speaker of the clause "according" modifies;
- a clause the parse hangs elsewhere: on the noun in "said in a statement that ...", or a word
  before the cue ("No, Sanders said."); or, with nothing else, the words after the cue when
  they hold a quote ('X called the orders "quite dangerous."').
Subjects come from the parse: the verb's own nsubj, the verb it is conjoined to or a participle
of ("..., saying ..."), the noun a "who said" clause modifies, or, where the parse lost it, the
name before an appositive (index.subjects). Passive cues ("was told") and first or second
person subjects (speech inside a quote) are not attributions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from index.cue_lemmas import (
    BELIEF_LEMMAS,
    CUE_LEMMAS,
    DEMAND_LEMMAS,
    INTENT_LEMMAS,
    OBJECT_LEMMAS,
    PREP_LEMMAS,
    QUOTE_LEMMAS,
    cue_lemma,
)
from index.headlines import headline_like
from index.quotes import QuoteMask
from index.speech_nouns import SPEECH_NOUNS, noun_cue
from index.subjects import subject_of

_QUOTE_MARKS = ("“", "”", '"', "''", "``")
_DASHES = frozenset({"—", "–", "--", "-"})
# A dateline ("WASHINGTON (AP) —") is at most this many tokens before its dash.
_DATELINE_TOKENS = 12

# Complements that carry what was said; objects give way to a clause ("told reporters that").
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "oprd"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "attr"})
# Prepositions whose object is what was said ("warned of", "described X as", "spoke about").
_CONTENT_PREPS = frozenset({"as", "about", "of", "against", "that"})
_SPEAKER_PRONOUNS_EXCLUDED = frozenset({"i", "me", "we", "us", "you"})
# Entities that are never speakers: a misparsed "Saturday, X said" must not make Saturday one.
_NOT_SPEAKER_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
)
# Subjects that make any verb with a that-clause a cue: a name or a pronoun for one ("Sanders
# made clear that ...", "he hopes that ..."), not a finding ("the data imply that ...").
_NAMED = frozenset({"PROPN", "PRON"})
# Where a reported cue's verb may hang to be a nested report of its own.
_NESTED_DEPS = frozenset({"ccomp", "conj", "xcomp"})


@dataclass(frozen=True)
class Cue:
    """One cue: its token, lemma, the head token of the speaker and the content span."""

    token: Any
    lemma: str
    subject: Any
    content: tuple[int, int]
    content_tokens: frozenset[int]
    nested: bool = False  # inside what another cue of the sentence reports
    # The speaker's and cue's words when they interrupt the content ('“A,” he said, “B.”')
    frame: tuple[int, int] | None = None


def _finite_clause(token: Any) -> bool:
    """A that-clause or one with a subject of its own ("found that X ...", "thinks X ..."),
    not a small clause ("found itself playing host")."""
    return token.dep_ == "ccomp" and any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") or c.lower_ == "that" for c in token.children
    )


def _that_clause(token: Any, deps: tuple[str, ...] = ("ccomp",)) -> bool:
    """A clause complement opened by "that" ("hopes that ...", "made clear that ...")."""
    return token.dep_ in deps and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in token.children
    )


def _infinitive(token: Any) -> bool:
    """A to-infinitive complement ("hopes to win", "declined to comment")."""
    return token.dep_ == "xcomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _is_passive(verb: Any) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)


def _as_clause(verb: Any) -> bool:
    """'As X said, ...' / 'as reported by X, ...': a clause of saying that 'as' attaches."""
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    return verb.dep_ == "advcl" and verb.head.i != verb.i and marked


def _agent(verb: Any) -> Any | None:
    """X in a passive 'reported by X'."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _quoted(token: Any) -> bool:
    """Whether a complement is a quotation: it opens with a quote mark (not a quoted title
    inside it, as in 'posted the "Perception" syllabus')."""
    left = token.left_edge
    before = token.doc[left.i - 1] if left.i > 0 else None
    return left.text in _QUOTE_MARKS or (before is not None and before.text in _QUOTE_MARKS)


def _complement(verb: Any, subject: Any, lemma: str) -> list[Any]:
    """Children of the verb whose subtrees are what was said."""
    clauses = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS]
    objects = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS]
    if lemma in PREP_LEMMAS:
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in PREP_LEMMAS[lemma]]
        return [*(c for c in verb.children if c.dep_ == "ccomp"), *preps]
    if lemma not in OBJECT_LEMMAS:
        objects = [o for o in objects if _quoted(o)]
        preps = [p for p in preps if _quoted(p)]
    if lemma in DEMAND_LEMMAS:
        preps += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"]
        preps += [c for c in verb.children if c.dep_ == "advcl" and _marked_for(c)]
    if not clauses and not objects:
        clauses = _hung_clauses(verb)
    if clauses:
        # "told reporters that ..." / "urged North Korea to cancel ...": an object right before
        # an infinitive clause is part of what was said; a listener before a that-clause is not.
        keep = [o for o in objects if any(c.dep_ != "ccomp" and c.i > o.i for c in clauses)]
        parts = clauses + keep
    else:
        parts = objects + preps
    if not parts and any(t.text in _QUOTE_MARKS for t in verb.subtree if t.i > verb.i):
        # 'called the orders "quite dangerous"', 'called that "beyond preposterous"': words
        # quoted after the cue, wherever the parse hangs them, are what was said
        parts = [c for c in verb.children if c.i > verb.i and c.dep_ != "punct"]
    return [p for p in parts if p.i != subject.i]


def _marked_for(clause: Any) -> bool:
    """ "called for the U.S. to act": the parse makes "for" the mark of a clause (PolNeAR train:
    recall 0.6705 -> 0.6708, upper 0.9169 -> 0.9169, the 5 pairs it adds right)."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)


def _hung_clauses(verb: Any) -> list[Any]:
    """What was said where the parse hangs it off another word: a that-clause on the noun of
    "said in a statement that ...", or a word before the cue ("Sorry, Sanders said.")."""
    clauses = [
        c for p in verb.children if p.dep_ == "prep"
        for o in p.children if o.dep_ == "pobj"
        for c in o.children if _that_clause(c, ("acl", "ccomp", "relcl"))
    ]  # fmt: skip
    return clauses or [c for c in verb.children if c.dep_ == "intj" and c.i < verb.i]


def _span_of(tokens: list[Any]) -> tuple[int, int] | None:
    """Char span from the first to the last word of tokens (sorted); quote marks around it
    are taken back in by _widen_to_quotes."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _subtree_tokens(heads: list[Any], exclude: Any | None = None) -> list[Any]:
    skip = {t.i for t in exclude.subtree} if exclude is not None else set()
    seen: dict[int, Any] = {}
    for head in heads:
        for token in head.subtree:
            if token.i not in skip:
                seen[token.i] = token
    return [seen[i] for i in sorted(seen)]


def _content(verb: Any, subject: Any, lemma: str) -> list[Any]:
    parts = _complement(verb, subject, lemma)
    if parts:
        return _subtree_tokens(parts)
    if _as_clause(verb):
        # "As X told reporters, the plan ...": what was said is the clause "as" modifies.
        return _subtree_tokens([verb.head], exclude=verb)
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:
        # A parenthetical cue: what was said is the clause it hangs off, minus the cue itself;
        # words before the cue belong to that clause only if its subject is among them ("The
        # U.S., he said, would respond"), else they frame the cue ("On Monday, X said, ...").
        tokens = _subtree_tokens([verb.head], exclude=verb)
        before = [t for t in tokens if t.i < verb.left_edge.i]
        if not any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.head.i for t in before):
            tokens = [t for t in tokens if t.i > verb.right_edge.i] or tokens
        return tokens
    return []


def _in_dateline(token: Any, sentence: Any) -> bool:
    """Whether the token is in a leading dateline: proper nouns, numbers and punctuation up to
    a dash near the start of the sentence ("CLEVELAND, July 19 (UPI) —")."""
    marked = False  # a dateline has an agency in brackets or a place in capitals
    for t in sentence[:_DATELINE_TOKENS]:
        if t.text in _DASHES:
            return marked and token.i < t.i
        if not (t.pos_ in ("PROPN", "NUM", "PUNCT", "SPACE") or t.is_title or t.is_upper):
            return False
        marked = marked or t.text == ")" or (t.is_upper and t.is_alpha and len(t) > 2)
    return False


def _cue_of_verb(token: Any, sentence: Any) -> Cue | None:
    lemma = cue_lemma(token)
    attitude = lemma not in CUE_LEMMAS and any(_that_clause(c) for c in token.children)
    intent = lemma in INTENT_LEMMAS and any(_infinitive(c) for c in token.children)
    verb = token.pos_ == "VERB" or (token.pos_ == "AUX" and attitude)  # "X's view is that"
    if not verb or not (lemma in CUE_LEMMAS or attitude or intent):
        return None
    if _is_passive(token) or (token.tag_ == "VBN" and _agent(token) is not None):
        subject = _agent(token) if _as_clause(token) else None
    else:
        subject = subject_of(token)
    if subject is None or subject.lower_ in _SPEAKER_PRONOUNS_EXCLUDED:
        return None
    # "His message has been that ...": a noun of saying with its owner names its speaker
    # (PolNeAR train: recall 0.6673 -> 0.6678, upper 0.9168 -> 0.9168; "be" with any name or
    # pronoun as subject, as other verbs: upper 0.9164)
    owned = subject.lemma_.lower() in SPEECH_NOUNS and any(
        c.dep_ == "poss" for c in subject.children
    )
    named = (subject.pos_ in _NAMED and token.pos_ == "VERB") or owned
    if subject.ent_type_ in _NOT_SPEAKER_LABELS or ((attitude or intent) and not named):
        return None
    if lemma in BELIEF_LEMMAS and not intent and not any(_finite_clause(c) for c in token.children):
        return None
    if _in_dateline(subject, sentence) or (token.is_title and token.i != sentence.start):
        return None  # "WASHINGTON (AP) — X said"; a headline's "Report Reveals ..."
    tokens = [
        t for t in _content(token, subject, lemma) if t.i not in {s.i for s in subject.subtree}
    ]
    span = _span_of(tokens)
    if span is None:
        return None
    return Cue(token, lemma, subject, span, frozenset(t.i for t in tokens))


def _cue_of_according(token: Any) -> Cue | None:
    """'..., according to X': X said the clause that 'according' modifies."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None or token.head.i == token.i:
        return None
    tokens = _subtree_tokens([token.head], exclude=token)
    span = _span_of(tokens)
    if span is None:
        return None
    return Cue(token, "according to", source, span, frozenset(t.i for t in tokens))


def _cue_of_noun(token: Any) -> Cue | None:
    """ "Trump's claim that ...", "issued a statement of concern about ..." (index.speech_nouns)."""
    found = noun_cue(token, subject_of)
    if found is None:
        return None
    subject, tokens = found
    if subject.lower_ in _SPEAKER_PRONOUNS_EXCLUDED or subject.ent_type_ in _NOT_SPEAKER_LABELS:
        return None
    span = _span_of(tokens)
    if span is None:
        return None
    return Cue(token, token.lemma_.lower(), subject, span, frozenset(t.i for t in tokens))


def _widen_to_quotes(sentence: Any, span: tuple[int, int]) -> tuple[int, int]:
    """Take in the quote marks (and the comma or stop inside them) around a content span."""
    base, text = sentence.start_char, sentence.text
    start, end = span[0] - base, span[1] - base
    lo, hi = 0, len(text)
    j = start
    while j > lo and text[j - 1].isspace():
        j -= 1
    opening = next((m for m in _QUOTE_MARKS if text[lo:j].endswith(m)), None)
    if opening:
        start = j - len(opening)
    k = end
    while k < hi and text[k] in ",.?!…":
        k += 1
    closing = next((m for m in _QUOTE_MARKS if text.startswith(m, k)), None)
    if closing:
        end = k + len(closing)
    return base + start, base + end


def find_cues(sentence: Any, mask: QuoteMask | None = None) -> list[Cue]:
    """The attribution cues of one sentence (a spaCy Span), nested ones marked. With the
    article's quote mask, cues inside a quote are left out: speech quoted inside someone's
    quote is theirs to report, and a subject inside a quote while its cue is outside is a
    misparse."""
    cues: list[Cue] = []
    if headline_like(sentence):
        return cues
    for token in sentence:
        if token.lower_ == "according" and token.dep_ == "prep":
            cue = _cue_of_according(token)
        elif token.pos_ == "NOUN":
            cue = _cue_of_noun(token)
        else:
            cue = _cue_of_verb(token, sentence)
        quoted = (
            mask is not None
            and cue is not None
            and (
                mask.region_at(cue.token.idx) is not None
                or mask.region_at(cue.subject.idx) is not None
            )
        )
        if cue is not None and not quoted:
            cues.append(cue)
    found = []
    for c in cues:
        content = _widen_to_quotes(sentence, c.content)
        base = sentence.start_char
        text = sentence.text[content[0] - base : content[1] - base]
        if c.lemma in QUOTE_LEMMAS and not (
            text.startswith(_QUOTE_MARKS) and text.endswith(_QUOTE_MARKS)
        ):
            continue
        found.append(replace(c, content=content))
    out = []
    for c in found:
        outers = [o for o in found if o is not c and c.token.i in o.content_tokens]
        if not outers or all(o.lemma == "according to" for o in outers):
            out.append(c)  # "X said ..., according to Y": X's words, as Y reports them
        elif _reports_itself(c):
            out.append(replace(c, nested=True))
    return out


def find_lead_in(sentence: Any, mask: QuoteMask, any_verb: bool = False) -> Cue | None:
    """A sentence that ends in a colon right after a verb of saying and its subject, with
    nothing said ("In a speech last July, he said:", "Trump issued the following statement:"):
    the next sentence is what was said. ``any_verb``: a quote follows, so the sentence's main
    verb leads it in whatever it is ("Potts echoed:"). The cue's content is left empty here."""
    words = [t for t in sentence if not t.is_space]
    if len(words) < 3 or words[-1].text != ":" or headline_like(sentence):
        return None
    for token in reversed(words):
        if token.pos_ != "VERB" or mask.region_at(token.idx) is not None or _is_passive(token):
            continue
        lemma = cue_lemma(token)
        noun = any(c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS for c in token.children)
        if lemma not in CUE_LEMMAS and not noun and not (any_verb and token.dep_ == "ROOT"):
            continue  # "the following statement:"
        subject = subject_of(token)
        if subject is None:
            return None
        if subject.lower_ in _SPEAKER_PRONOUNS_EXCLUDED or subject.ent_type_ in _NOT_SPEAKER_LABELS:
            return None
        end = sentence.end_char
        return Cue(token, lemma, subject, (end, end), frozenset())
    return None


def _reports_itself(cue: Cue) -> bool:
    """Whether a cue inside another's content is a report in its own right: its verb has its
    own subject and carries the clause it sits in ("the department said Blinken condemned
    X"), not a relative or adverbial clause ("the ones Comey advised", "when X announced")."""
    if cue.token.pos_ == "NOUN":
        return True  # "ruled that Trump's statement that ... is true": the noun names its owner
    own = cue.subject.head.i == cue.token.i and cue.subject.dep_ == "nsubj"
    named = cue.subject.pos_ == "PROPN"  # "said he would", "said the group had": the outer's
    return own and named and cue.token.dep_ in _NESTED_DEPS
