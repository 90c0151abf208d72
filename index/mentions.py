"""Who a speaker is: names, pronouns and descriptions resolved over an article's earlier mentions.

``Discourse`` walks an article in order. Before any resolution it notes every named mention (a
spaCy entity or a run of proper nouns) with its sentence, whether it is a subject (or owns the
subject: "Carson's endorsement came ..."), and the nouns
of its name and title ("Foreign Minister Park Jin": minister; "the State Department":
department). Then, for a cue's subject token, ``resolve`` returns a ``Speaker``:
- a name: the mention's words, completed to the article's full name for a bare surname;
- he/she, it, they: the nearest earlier speaker, else main subject, of a fitting kind within
  ``PRONOUN_WINDOW`` sentences (people for he/she; organisations for it; groups, organisations
  or joint speakers for they; the windows are in index.pronoun_windows), for he/she a quote's
  sentences not counted when the antecedent is a speaker of the pronoun's gender; failing
  that, he/she is the latest person named within ``FALLBACK_WINDOW`` sentences if that
  person is a speaker, or the one person named within
  ``ONLY_PERSON_WINDOW`` whose gender the article shows to fit; he/she as the subject of any verb
  is noted as a mention of the person it resolves to when the article shows that person's
  gender (``note_subjects``), so "She skirted ... She also ... , she said" finds its person;
- "the ministry", "the minister", "the report": the latest earlier mention whose name or title
  holds that noun, or whose statement came "in a report" (speakers' report nouns are noted);
- other descriptions ("Seoul officials", "a spokesman") are groups, named by their own words.
Kinds come from NER, voted over the whole article so that one mis-tagged "Blinken" (GPE) does
not outvote "Antony Blinken" (PERSON) elsewhere.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from index.genders import GENDERED as _GENDERED
from index.genders import article_genders
from index.headlines import headline_like
from index.mention_parts import (
    Mention,
    Speaker,
    courtesy_title,
    is_subject,
    name_words,
    nouns_of,
    owns_subject,
    speech_owner,
    tokens_text,
)
from index.nlp import ParsedArticle
from index.pronoun_fallbacks import before_quote, last_person, one_of_gender, only_person
from index.pronoun_windows import PLURAL_WINDOW, PRONOUN_WINDOW, QUOTE_SENTENCE_SHARE
from index.quotes import QuoteMask
from index.speaker_match import fold, same_speaker

# A short name is completed to the most frequent full name that fits only when that name is at
# least this many times as frequent as the next person's (polnear_questions.py's rule too).
# PolNeAR train, `benchmarks/attribution.py --split train --limit 150` with the value set:
# 1 (any majority) / 2 / 3 -> precision 0.829 / 0.831 / 0.831, upper 0.920 / 0.922 / 0.922,
# recall 0.532 / 0.534 / 0.534; 2 is the smallest value with the gain.
AMBIGUOUS_RATIO = 2
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_ORG_LABELS = frozenset({"ORG", "GPE", "FAC", "LOC"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_ORG_PRONOUNS = frozenset({"it"})
_PLURAL_PRONOUNS = frozenset({"they", "them"})
_DEFINITE = frozenset({"the", "this", "that"})
_TITLE_DEPS = frozenset({"compound", "nmod", "amod", "appos", "prep", "pobj"})


class Discourse:
    """The named mentions and speakers of one article, for resolving a cue's subject."""

    def __init__(self, parsed: ParsedArticle, mask: QuoteMask) -> None:
        self.doc = parsed.doc
        self.mask = mask
        # Sentences mostly inside quote marks: someone's words, which name no antecedent
        self.quote_sentence = [mask.share(s, e) >= QUOTE_SENTENCE_SHARE for s, e in parsed.spans]
        self.sentence_of = {}
        for index, sentence in enumerate(parsed.sentences):
            for token in sentence:
                self.sentence_of[token.i] = index
        self.votes: dict[str, Counter[str]] = defaultdict(Counter)
        self.person_words: set[str] = set()  # words of multi-word PERSON names
        # (token index, folded words, text) of every PERSON entity of two or more words
        self.full_names: list[tuple[int, list[str], str]] = []
        self.entity_at: dict[int, Any] = {}
        headlines = {i for i, sentence in enumerate(parsed.sentences) if headline_like(sentence)}
        for ent in self.doc.ents:
            for k in range(ent.start, ent.end):
                self.entity_at[k] = ent
            words = name_words(list(ent))
            if not words or self.sentence_of.get(ent.start, -1) in headlines:
                continue
            self.votes[fold(tokens_text(words))][ent.label_] += 1
            if ent.label_ == "PERSON" and len(words) >= 2:
                folded = [fold(t.text) for t in words]
                self.full_names.append((ent.start, folded, tokens_text(words)))
                self.person_words.update(folded)
        self._untagged_full_names(parsed, headlines)
        self.full_names.sort()
        self.short_form = self._short_forms()
        self.mentions: list[Mention] = []
        for token in self.doc:
            if self.sentence_of.get(token.i, -1) in headlines:
                continue
            if token.i in self.sentence_of and self._is_name_head(token):
                named = self._name(token)
                if named:
                    self.mentions.append(self._mention(token, *named))
        self.gender = article_genders(self.mentions, parsed, self.mask)

    def _untagged_full_names(self, parsed: ParsedArticle, headlines: set[int]) -> None:
        """A run of two or three capitalised proper nouns the entity model left untagged ("Adel
        Nefzi") is a person's full name too, so that the surname alone, which it may tag a
        place ("Nefzi said", GPE), is that person."""
        for token in self.doc:
            sentence = self.sentence_of.get(token.i, -1)
            if token.ent_type_ or sentence in headlines or not self._is_name_head(token):
                continue
            words, _ = self._name_tokens(token)
            plain = all(w.is_title and w.is_alpha and not w.ent_type_ for w in words)
            if 2 <= len(words) <= 3 and plain and not any(map(courtesy_title, words)):
                folded = [fold(t.text) for t in words]
                self.full_names.append((words[0].i, folded, tokens_text(words)))
                self.person_words.update(folded)

    def _short_forms(self) -> dict[str, str]:
        """A full name whose last two or more words are also a full name of this article drops
        its first words ("Billionaire Donald Trump" -> "Donald Trump"): titles NER took in."""
        texts = {" ".join(f[1]): f[2] for f in self.full_names}
        short = {}
        for _, folded, text in self.full_names:
            for k in range(1, len(folded) - 1):
                suffix = " ".join(folded[k:])
                if suffix in texts:
                    short[text] = texts[suffix]
                    break
        return short

    # --- names -------------------------------------------------------------------------
    @staticmethod
    def _is_name_head(token: Any) -> bool:
        return token.pos_ == "PROPN" and token.dep_ not in ("compound", "flat")

    def _name_tokens(self, head: Any) -> tuple[list[Any], str]:
        if head.ent_type_ in _NAME_LABELS:
            ent = self.entity_at[head.i]
            return name_words(list(ent)), ent.label_
        run = [head]
        k = head.i - 1
        while k >= 0 and head.doc[k].pos_ == "PROPN" and head.doc[k].dep_ in ("compound", "flat"):
            run.insert(0, head.doc[k])
            k -= 1
        return name_words(run), head.ent_type_

    def _kind(self, words: list[Any], label: str) -> str:
        """person, org or group: a word of a full person name is a person, else the article's
        majority NER label decides."""
        text = fold(tokens_text(words))
        if len(words) == 1 and text in self.person_words:
            return "person"
        votes = self.votes.get(text)
        if votes:
            label = votes.most_common(1)[0][0]
        if label == "PERSON":
            return "person"
        if label == "NORP":
            return "group"  # "Republicans", "Catholics": people of a party or creed, not a body
        if label in _ORG_LABELS or (len(words) == 1 and words[0].text.isupper()):
            return "org"
        return "person"

    def complete(self, words: list[Any], position: int) -> str:
        """A short name as the article's fuller name that ends with it ("Trump", "Wasserman
        Schultz"), or, for one word, starts with it ("Park" -> "Park Jin"): the most frequent
        such person, the latest of their names before this mention. When two people fit about
        as often ("Carly Fiorina", "Frank Fiorina") the short name stays as it is: any guess
        would make one person's words the other's."""
        key = [fold(w.text) for w in words]
        size = len(key)
        pool = [f for f in self.full_names if len(f[1]) > size and f[1][-size:] == key]
        if not pool and size == 1:
            pool = [f for f in self.full_names if len(f[1]) > 1 and f[1][0] == key[0]]
        if not pool:
            return tokens_text(words)

        def person(f: tuple[int, list[str], str]) -> tuple[str, str]:
            short = fold(self.short_form.get(f[2], f[2])).split()
            return short[0], short[-1]  # "Donald J. Trump" and "Donald Trump" are one

        counts = Counter(person(f) for f in pool)
        (best, n), *rest = counts.most_common()
        if rest and n < AMBIGUOUS_RATIO * rest[0][1]:
            return tokens_text(words)
        top = [f for f in pool if person(f) == best]
        before = [f for f in top if f[0] <= position]
        return (before[-1] if before else top[0])[2]

    def _name(self, head: Any) -> tuple[str, str, list[Any]] | None:
        words, label = self._name_tokens(head)
        if not words or label in _NOT_NAMES:
            return None  # "Friday", "November": proper nouns, no one's name
        kind = self._kind(words, label)
        name = tokens_text(words)
        if kind == "person":
            core = [w for w in words if not courtesy_title(w)] or words
            name = self.complete(core, head.i)
            name = self.short_form.get(name, name)
        return name, kind, words

    def _mention(self, head: Any, name: str, kind: str, words: list[Any]) -> Mention:
        nouns = nouns_of(words)
        # A person's title is around the name ("Foreign Minister Park Jin", "Cho, the adviser");
        # an organisation is described by its own name's words ("the department").
        for child in head.children if kind == "person" else ():
            if child.dep_ in _TITLE_DEPS:
                nouns |= nouns_of(child.subtree)
        if head.dep_ == "appos" and kind == "person":
            nouns |= nouns_of([head.head, *[c for c in head.head.children if c.i < head.head.i]])
        quoted = self.mask.region_at(head.idx) is not None
        return Mention(
            head.i, self.sentence_of[head.i], name, kind, nouns, owns_subject(head), quoted=quoted
        )

    # --- resolution --------------------------------------------------------------------
    def resolve(self, subject: Any, sentence: int) -> Speaker:
        """The speaker a cue's subject token denotes."""
        lower = subject.lower_
        if lower in _PERSON_PRONOUNS:
            return self._pronoun(subject, sentence, ("person",), _GENDERED[lower])
        if lower in _ORG_PRONOUNS:
            return self._pronoun(subject, sentence, ("org",))
        if lower in _PLURAL_PRONOUNS:
            return self._pronoun(subject, sentence, ("group", "org"))
        if subject.pos_ == "PROPN" or subject.ent_type_ in _NAME_LABELS:
            named = self._name(subject)
            if named:
                return Speaker(named[0], named[1], tokens_text(named[2]))
        for child in subject.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                named = self._name(child)
                if named:
                    return Speaker(named[0], named[1], tokens_text(named[2]))
        owner = speech_owner(subject)
        if owner is not None:
            # "Smith's remarks said", "the ministry's statement said": the owner said it
            return self.resolve(owner, sentence)
        if subject.is_title and fold(subject.text) in self.person_words:
            # a word of a person's full name, tagged a noun ("Pence blames media for ...")
            named = self._name(subject)
            if named:
                return Speaker(named[0], named[1], tokens_text(named[2]))
        return self._description(subject, sentence)

    def _pronoun(
        self, subject: Any, sentence: int, kinds: tuple[str, ...], gender: str | None = None
    ) -> Speaker:
        """The nearest fitting antecedent. Preferring people whose gender the article shows to
        fit over nearer ones of unknown gender was tried and lost precision on PolNeAR train
        (pronoun precision 0.53 -> 0.48), so unknown gender fits. So did falling back, past
        the window, on the only fitting person named in the last 5 sentences (train, 300
        articles: precision 0.853 -> 0.839, recall 0.530 -> 0.544)."""
        chosen = self._antecedent(subject, sentence, kinds, gender)
        # he/she: the fallbacks of index.pronoun_fallbacks, in order
        for fallback in (last_person, only_person, one_of_gender):
            if chosen is None and gender is not None:
                chosen = fallback(self.mentions, self.gender, subject.i, sentence, gender)
        if chosen:
            return Speaker(chosen.name, chosen.kind, subject.text, "pronoun")
        return Speaker(subject.text, "unresolved", subject.text, "unresolved")

    def _antecedent(
        self, subject: Any, sentence: int, kinds: tuple[str, ...], gender: str | None
    ) -> Mention | None:
        window = PRONOUN_WINDOW if gender else PLURAL_WINDOW
        lowest = max(0, sentence - window + 1)
        for index in range(sentence, lowest - 1, -1):
            here = [
                m for m in self.mentions
                if m.sentence == index and m.position < subject.i and m.kind in kinds
                and not m.quoted and self.gender.get(m.name, gender) == gender
            ]  # fmt: skip
            speakers = [m for m in here if m.speaker and not m.conjunct]
            subjects = [m for m in here if m.subject and not m.conjunct]
            if speakers:
                return speakers[-1]
            if subjects:
                return subjects[0]
        if gender is None:
            return None
        return before_quote(
            self.mentions, self.gender, self.quote_sentence, (lowest, sentence), gender
        )

    def _description(self, subject: Any, sentence: int) -> Speaker:
        tokens = [t for t in subject.subtree if t.i <= subject.i or t.dep_ in ("prep", "pobj")]
        # min and max: a non-projective parse's subtree need not come in order
        lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
        tokens = [t for t in subject.doc[lo : hi + 1]]
        phrase = tokens_text([t for t in tokens if not t.is_space])
        words = name_words(tokens)
        has_names = any(t.pos_ == "PROPN" for t in tokens)
        definite = tokens[0].lower_ in _DEFINITE
        if definite and not has_names and subject.pos_ == "NOUN" and subject.tag_ != "NNS":
            chosen = self._described(subject)
            if chosen:
                return Speaker(chosen.name, chosen.kind, phrase, "descriptor")
            return Speaker(phrase, "unresolved", phrase, "unresolved")
        if subject.pos_ in ("NOUN", "PROPN") and words:
            return Speaker(tokens_text(words), "group", phrase, "explicit")
        return Speaker(phrase, "unresolved", phrase, "unresolved")

    def _described(self, subject: Any) -> Mention | None:
        """The one earlier referent a definite description fits: its head noun and the nouns
        before it ("the budget office") are among the referent's name or title words. When
        two referents fit ("the president": two presidents named), it stays unresolved."""
        wanted = {subject.lemma_.lower()} | {
            c.lemma_.lower() for c in subject.children if c.dep_ == "compound" and c.pos_ == "NOUN"
        }
        fits = [
            m for m in self.mentions
            if m.position < subject.i and wanted <= m.nouns and not m.quoted
        ]  # fmt: skip
        if not fits:
            return None
        latest = fits[-1]  # "KCNA" and "Korean Central News Agency" are one referent
        one = all(same_speaker(m.name, latest.name, latest.kind) for m in fits)
        return latest if one else None

    def note_subjects(self, span: Any, sentence: int) -> None:
        """He/she as the subject of a sentence's other verbs ("She skirted the question. She
        also ...") resolved as a cue's would be, so that a later "she said" finds the chain."""
        noted = {m.position for m in self.mentions}
        for token in span:
            gender = _GENDERED.get(token.lower_) if token.lower_ in ("he", "she") else None
            if gender is None or token.i in noted or not is_subject(token):
                continue
            if self.mask.region_at(token.idx) is not None:
                continue
            chosen = self._antecedent(token, sentence, ("person",), gender)
            # Any person of unknown gender too: PolNeAR train recall 0.637 -> 0.640, upper
            # 0.9200 -> 0.9188; with the gender known, 0.639 and 0.9197.
            if chosen is not None and self.gender.get(chosen.name) == gender:
                self.mentions.append(
                    Mention(token.i, sentence, chosen.name, "person", set(chosen.nouns), True)
                )
        self.mentions.sort(key=lambda m: (m.position, m.speaker))

    def note_speaker(self, cue: Any, subject: Any, speaker: Speaker, sentence: int) -> None:
        """Remember a cue's speaker for later pronouns and descriptions ("the report said")."""
        if speaker.kind == "unresolved":
            return
        nouns = {cue.lemma}
        for child in cue.token.children:
            if child.dep_ == "prep":
                nouns |= {t.lemma_.lower() for t in child.children if t.pos_ == "NOUN"}
        nouns |= nouns_of([t for t in subject.subtree if t.dep_ not in ("relcl", "conj")])
        conjunct = subject.dep_ == "conj"
        self.mentions.append(
            Mention(
                subject.i, sentence, speaker.name, speaker.kind, nouns, True, True, False, conjunct
            )
        )
        self.mentions.sort(key=lambda m: (m.position, m.speaker))
