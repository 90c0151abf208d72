"""Who said what: every sentence's attributions, found by rules over spaCy's parse, NER and lemmas.

API::

    analyze_article(text) -> ArticleAnalysis(attributions, entities)
    analyze_articles(texts) -> list[ArticleAnalysis]          # batched parse, same result
    same_speaker(asked, speaker, kind) -> bool                # from index.speaker_match

``text`` is an article's clean text; ``Attribution.sentence`` indexes
``index.text.sentence_spans(text)`` (the store's sentences) and every char offset is into ``text``.
An ``Attribution`` says who (``speaker``, resolved; ``mention``, the sentence's own words for
them), how (``cue``: the lemma of the cue verb, or "according to"), whether the words are
quoted (``kind``: direct, reported or mixed) and what was said (``content``: a char span inside
that sentence). ``resolved`` tells how the speaker was found: explicit (named in the sentence),
pronoun, descriptor ("the ministry" -> the organisation named earlier), continuation (a sentence
of a direct quote whose cue is in a neighbouring sentence) or unresolved.

Rules (see ``index.cues`` for the grammar of one cue):
- A cue is a verb whose lemma is in ``CUE_LEMMAS`` (speech and a few belief verbs), or any
  verb with a that-clause and a name or pronoun as subject, with a subject and something said
  (a clause, an object, a quote); "according to X"; a noun of saying (index.speech_nouns); a
  quote frame the parse missed (index.frames); a speaker label ("CLINTON: ...",
  index.labels); a lead-in ending in a colon ("In a speech last July, he said:") for the next
  sentence, when that sentence has no cue of its own (PolNeAR train `benchmarks/attribution.py
  --split train`: recall 0.6645 -> 0.6673, upper 0.9172 -> 0.9168), and for the rest of
  that sentence's paragraph (and of the paragraphs its quote runs on into), up to a sentence
  with a named speaker of its own (index.turns).
- A transcript's turn: the sentences after a speaker label in capitals ("FALLIN: ...") up to
  the end of the paragraph are that speaker's, cues in them included (what the speaker
  reports), as are the labelled sentence's (index.turns).
- A cue inside what another cue reports is not an attribution of its own: in "the State
  Department said Blinken condemned X", the sentence is the department's statement, not
  Blinken's. The answerer shows a sentence as X's words only when X said it, and the outer
  speaker is the one vouching for the words. Likewise a cue inside someone's direct quote
  ('"Nobody said Ames was wrong," Klein said') is the quoted speaker's report, and a cue whose
  subject the parse finds inside a quote is dropped as a misparse.
- Speakers are people (PERSON), organisations (ORG, GPE, FAC) or groups (NORP such as
  "Republicans", and descriptions such as "Seoul officials"); kinds are voted over the article.
  Joint subjects ("Blinken and Park said") give one attribution each. Datelines ("WASHINGTON
  (AP) —") and Title Case headline lines give no speakers, save a speaker label ("Obama: ...").
- Pronouns resolve to the nearest earlier speaker or named subject of the right sort (he/she:
  a person whose gender the article does not contradict; it: an organisation; they: a group or
  an organisation) within two sentences, else he/she to the latest person named within three
  if that person is a speaker, or to the one person named within three whose gender the
  article shows to fit, or to the one person of its gender named within two when the article
  shows the others' genders; past a quote's sentences, he/she reaches the speaker before them
  (index.pronoun_fallbacks); he/she as the subject of any verb is resolved the same way (to a
  person whose gender the article shows), so a chain of "she ..." sentences carries its person
  to a later cue; a definite description ("the department", "the
  minister", "the report") to the latest earlier name or speaker whose own words or title hold
  its head noun; a surname to the article's most frequent full name ending with it.
- Sentences of a direct quote without a cue of their own take the speaker of the quote: the
  attribution inside the same quote, or that of the sentence right before when the quote picks
  up straight after an attributed quote.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from index.cues import CUE_LEMMAS, Cue, find_cues, find_lead_in
from index.frames import find_frames
from index.labels import capitals_label, find_label, known_speakers, label_speaker
from index.mention_parts import Speaker
from index.mentions import Discourse
from index.nlp import ParsedArticle, parse_articles
from index.quotes import QuoteMask
from index.roles import role_of, untagged_names
from index.running_speech import quote_follows, quote_opens
from index.speaker_match import same_speaker
from index.turns import Carry, Layout, lead_goes_on, opened_turn

__all__ = [
    "ArticleAnalysis",
    "Attribution",
    "Entity",
    "analyze_article",
    "analyze_articles",
    "same_speaker",
]

# Share of a content span's characters inside quote marks from which it is a direct quote, and
# up to which it is reported speech; in between it is mixed. Definitions, not tuned.
DIRECT_SHARE = 0.9
REPORTED_SHARE = 0.1
# A sentence without a cue of its own continues a quote when at least this share of it is quoted.
# On PolNeAR train (--limit 150) 0.4, 0.6 and 0.8 give the same precision (0.815) and recall
# within 0.005 (0.532, 0.531, 0.528).
CONTINUATION_SHARE = 0.6
# Cues after which a quote is rarely the same speaker's: a source of the report ("according
# to Gallup") and a question put to someone.
_NOT_LEADING_IN = frozenset({"according to", "ask"})


@dataclass(frozen=True)
class Attribution:
    sentence: int
    speaker: str
    speaker_kind: str  # person | org | group | unresolved
    mention: str
    cue: str
    kind: str  # direct | reported | mixed
    content: tuple[int, int]
    resolved: str  # explicit | pronoun | descriptor | continuation | unresolved


@dataclass(frozen=True)
class Entity:
    label: str
    text: str
    start: int
    end: int
    verb: str = ""  # the verb whose subject, object or attribute it is (index.roles)
    role: str = ""


@dataclass(frozen=True)
class ArticleAnalysis:
    attributions: list[Attribution]
    entities: list[list[Entity]]  # per sentence

    def of_sentence(self, sentence: int) -> list[Attribution]:
        return [a for a in self.attributions if a.sentence == sentence]


def analyze_article(text: str) -> ArticleAnalysis:
    """The attributions and named entities of one article's clean text."""
    return analyze_articles([text])[0]


def analyze_articles(texts: Iterable[str]) -> list[ArticleAnalysis]:
    """analyze_article over many texts, parsed in batches."""
    return [_analyze(parsed) for parsed in parse_articles(texts)]


def _analyze(parsed: ParsedArticle) -> ArticleAnalysis:
    mask = QuoteMask(parsed.text)
    discourse = Discourse(parsed, mask)
    own: list[list[Attribution]] = []
    layout = Layout.of(parsed.text, parsed.spans)
    # The speaker whose words go on: a labelled turn ("TAPPER: ...") or what "X said:" leads in.
    turn: Carry | None = None
    lead: Carry | None = None
    in_turn: set[int] = set()  # the sentences of transcript turns
    speakers = known_speakers(parsed.text, discourse.person_words)
    for index, sentence in enumerate(parsed.sentences):
        span, paragraph = parsed.spans[index], layout.paragraph[index]
        cues = _sentence_cues(sentence, mask, speakers)
        labelled = any(c.lemma == "colon" for c in cues)
        if turn is not None and (labelled or paragraph != turn.paragraph):
            turn = None
        if turn is not None:
            found = [_attribution(index, *turn.carried(span), mask)]
        else:
            found = _own(cues, discourse, index, mask)
            turn = opened_turn(cues, found, paragraph) if labelled else None
        if turn is not None:
            in_turn.add(index)
        # A cue whose subject is no one ("The movie mentions ...") does not end a lead-in's block.
        named = any(a.speaker_kind != "unresolved" for a in found)
        lead = lead_goes_on(lead, named, paragraph, layout) if lead is not None else None
        if lead is not None:
            found.append(_attribution(index, *lead.carried(span), mask))
            lead = replace(lead, taken=True)
        elif not found:
            lead = _lead_in(sentence, mask, discourse, index, paragraph)
        discourse.note_subjects(sentence, index)
        own.append(found)
    attributions = _with_continuations(parsed, own, mask, (layout.paragraph, in_turn))
    return ArticleAnalysis(attributions, _entities(parsed))


def _own(cues: list[Cue], discourse: Discourse, index: int, mask: QuoteMask) -> list[Attribution]:
    """One attribution per cue and speaker of the cue's (joint) subject."""
    found = []
    for cue in cues:
        for subject in _joint_subjects(cue.subject):
            speaker = (
                label_speaker(subject, discourse.complete)
                if capitals_label(cue)
                else discourse.resolve(subject, index)
            )
            discourse.note_speaker(cue, subject, speaker, index)
            found.append(_attribution(index, cue, speaker, mask))
    return found


def _lead_in(
    sentence: Any, mask: QuoteMask, discourse: Discourse, index: int, paragraph: int
) -> Carry | None:
    """ "In a speech last July, he said:": the speaker of the next sentence."""
    cue = find_lead_in(sentence, mask)
    if cue is None and quote_follows(sentence, mask):
        cue = find_lead_in(sentence, mask, any_verb=True)
    if cue is None:
        return None
    speaker = discourse.resolve(cue.subject, index)
    discourse.note_speaker(cue, cue.subject, speaker, index)
    return Carry(cue, speaker, paragraph)


def _sentence_cues(sentence: Any, mask: QuoteMask, speakers: frozenset[str]) -> list[Cue]:
    """The cues, quote frames and speaker label of one sentence, nested cues left out."""
    cues = find_cues(sentence, mask)
    frames = find_frames(sentence, mask, [c.content for c in cues if not c.nested])
    # A quote the parse gave in part ('“A,” he said, “B.”' gave B) is the frame's whole.
    widened = {f.token.i: f for f in frames}
    cues = [
        replace(c, content=widened[c.token.i].content, frame=widened[c.token.i].frame)
        if c.token.i in widened else c
        for c in cues
    ]  # fmt: skip
    frames = [f for f in frames if f.token.i not in {c.token.i for c in cues}]
    # A speaker label owns its line: a cue after it is what the labelled speaker reports
    # ("Bill Clinton: Hillary thinks ..."), as with any cue inside another's words.
    label = find_label(sentence, [f.content for f in frames], speakers)
    if label is not None:
        frames.append(label)
        cues = [replace(c, nested=c.nested or c.token.i in label.content_tokens) for c in cues]
    # A report inside another's statement is theirs to report (precision 3/8 on dev)
    return [c for c in cues if not c.nested] + frames


def _joint_subjects(subject: Any) -> list[Any]:
    """'Blinken and Park said': each of a conjoined subject is a speaker."""
    if subject.pos_ not in ("PROPN", "NOUN"):
        return [subject]
    return [subject, *(c for c in subject.conjuncts if c.pos_ == subject.pos_ and c.i > subject.i)]


def _attribution(index: int, cue: Cue, speaker: Speaker, mask: QuoteMask) -> Attribution:
    start, end = cue.content
    share = mask.share(start, end)
    if cue.frame:
        # '“A,” he said, “B.”' is a direct quote: the frame's words are not part of it.
        quoted = mask.quoted_chars(start, end)
        size = sum(1 for c in mask.text[start:end] if not c.isspace())
        size -= sum(1 for c in mask.text[cue.frame[0] : cue.frame[1]] if not c.isspace())
        share = quoted / size if size > 0 else 0.0
    kind = "direct" if share >= DIRECT_SHARE else "reported" if share <= REPORTED_SHARE else "mixed"
    return Attribution(
        sentence=index,
        speaker=speaker.name,
        speaker_kind=speaker.kind,
        mention=speaker.mention,
        cue=cue.lemma,
        kind=kind,
        content=cue.content,
        resolved=speaker.resolved,
    )


def _with_continuations(
    parsed: ParsedArticle,
    own: list[list[Attribution]],
    mask: QuoteMask,
    turns: tuple[list[int], set[int]],
) -> list[Attribution]:
    """Own attributions plus one 'continuation' for each quoted sentence without a cue.
    ``turns``: each sentence's paragraph and the sentences of transcript turns. A turn ends
    with its paragraph: in a transcript quoted turn by turn ('"PENCE: ...'), the next
    paragraph's quote is another turn ('"(CROSSTALK.)')."""
    paragraph, in_turn = turns
    spans = parsed.spans
    quoted = [mask.share(s, e) >= CONTINUATION_SHARE for s, e in spans]
    owner_of_region = _region_owners(own, mask)
    speech_words = [_has_speech_word(sentence, mask) for sentence in parsed.sentences]
    starts = [s for s, _ in spans]

    def unframed(region: int) -> bool:
        """No verb of saying outside quotes in the sentences the region runs through: no one
        else is named as its speaker ('“...,” said one of the witnesses', parsed or not)."""
        rstart, rend = mask.regions[region]
        first, last = bisect_right(starts, rstart) - 1, bisect_right(starts, rend - 1) - 1
        return not any(speech_words[first : last + 1])

    out: list[Attribution] = []
    previous: Attribution | None = None  # the quote attribution of the sentence before
    # the one speaker of the sentence before, in reported speech
    reported: Attribution | None = None
    for index, (start, end) in enumerate(spans):
        if own[index]:
            out.extend(own[index])
            mine = own[index]
            quotes = [a for a in mine if a.kind != "reported"]
            previous = quotes[-1] if quotes else None
            one = len({a.speaker for a in mine}) == 1 and mine[0].cue not in _NOT_LEADING_IN
            reported = mine[0] if one and not quotes else None
            continue
        regions = mask.touching(start, end)
        owner = _owner(regions, owner_of_region, quoted[index], mask, start, end)
        # A quote that opens the sentence, right after a quoted attribution, goes on with it;
        # a quote of its own right after one speaker's reported statement is theirs too.
        first_quote = mask.regions[regions[0]][0] if regions else end
        opens_sentence = bool(regions) and quote_opens(parsed.sentences[index], start, first_quote)
        starts_here = bool(regions) and first_quote >= start and opens_sentence
        follows = previous or (reported if starts_here and unframed(regions[0]) else None)
        if follows and follows.sentence in in_turn:  # a turn ends with its paragraph
            follows = follows if paragraph[follows.sentence] == paragraph[index] else None
        if owner is None and follows is not None and opens_sentence and quoted[index]:
            owner = follows
            for region in regions:
                owner_of_region.setdefault(region, owner)
        previous = reported = None
        if owner is not None:
            att = _continuation(index, owner, mask, start, end)
            out.append(att)
            previous = att
    return out


def _region_owners(own: list[list[Attribution]], mask: QuoteMask) -> dict[int, Attribution]:
    """Each quote region's first quoted attribution (reported speech owns no quote)."""
    owners: dict[int, Attribution] = {}
    for found in own:
        for att in found:
            if att.kind == "reported":
                continue
            for region in mask.touching(*att.content):
                owners.setdefault(region, att)
    return owners


def _has_speech_word(sentence: Any, mask: QuoteMask) -> bool:
    return any(
        t.pos_ == "VERB" and t.lemma_.lower() in CUE_LEMMAS and mask.region_at(t.idx) is None
        for t in sentence
    )


def _owner(
    regions: list[int],
    owner_of_region: dict[int, Attribution],
    quoted: bool,
    mask: QuoteMask,
    start: int,
    end: int,
) -> Attribution | None:
    """The attribution whose quote this sentence's quote is: any of its regions when the
    sentence is mostly quoted, else one that runs on past the sentence into the attributed one
    ('Romney “were stiff. They weren't fun. There was no joy,” Gingrich said.')."""
    for region in regions:
        rstart, rend = mask.regions[region]
        if (quoted or rstart < start or rend > end) and region in owner_of_region:
            return owner_of_region[region]
    return None


def _continuation(
    index: int, owner: Attribution, mask: QuoteMask, start: int, end: int
) -> Attribution:
    pieces = mask.regions_in(start, end)
    content = (pieces[0][0], pieces[-1][1]) if pieces else (start, end)
    return replace(owner, sentence=index, kind="direct", content=content, resolved="continuation")


def _entities(parsed: ParsedArticle) -> list[list[Entity]]:
    """spaCy's entities, bucketed by our sentence (the parse never lets one cross a boundary),
    each with its role (index.roles); and, labelled NAME, the proper nouns the entity model
    missed that are a verb's subject or object."""
    per_sentence: list[list[Entity]] = [[] for _ in parsed.sentences]
    starts = [start for start, _ in parsed.spans]
    for e in parsed.doc.ents:
        index = bisect_right(starts, e.start_char) - 1
        if index >= 0:
            verb, role = role_of(e.root)
            per_sentence[index].append(
                Entity(e.label_, e.text, e.start_char, e.end_char, verb, role)
            )
    tagged = {t.i for e in parsed.doc.ents for t in e}
    for index, sentence in enumerate(parsed.sentences):
        for span, verb, role in untagged_names(sentence, tagged):
            name = Entity("NAME", span.text, span.start_char, span.end_char, verb, role)
            per_sentence[index].append(name)
    return per_sentence
