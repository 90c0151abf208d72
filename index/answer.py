"""The extractive answerer: verbatim sentences that answer the question, each with its citation.

It reads the question (index/question.py) and takes one of three roads:
- who said what ("What did X say about Y?"): only X's own statements (index/speech.py);
- evidence ("Do the outlets agree...?", yes/no, comparisons): the best sentence of each
  relevant source, labelled (index/evidence.py);
- otherwise the sentences that support an answer, judged one by one (index/support.py), with
  the sources that disagree on its value shown side by side.
It abstains, citing nothing, when the question names something the articles never mention, or
when no sentence carries what the question asks for.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from index.acronyms import is_acronym_name, spelled_out
from index.asked_speech import Speech, according_to, urges_an_act
from index.attributed import read_speakers, told_by
from index.authors import (
    MAX_ARTICLES,
    asked_articles,
    asked_topic,
    asks_article_date,
    asks_author,
    asks_who_is,
    byline_names,
    byline_quotes,
    bylined_by,
    date_quotes,
    many_asked,
    missing_note,
    outlets_named,
)
from index.candidates import Candidate, CandidatePool
from index.compose import Quote, add_copies, compose, conflict_claims, label_for_all
from index.described import asked_role
from index.embedding import Embedder
from index.evidence import (
    all_outlets,
    by_named_outlet,
    gather,
    named_outlets,
    outlet_document,
)
from index.followup import completed, contextualize, extract_entities, with_antecedent
from index.lexicon_nouns import names_people
from index.models import CANNOT_ANSWER, Answer, Passage
from index.names import fold_tokens
from index.naming import asked_thing
from index.question import Question, analyse, as_people
from index.question_words import TIMES, plainly_worded
from index.relation import asks_speakers
from index.retrieval import HybridRetriever
from index.role_holders import RoleReader
from index.speech import (
    SpeechResult,
    Statement,
    answer_speech,
    names_speaker,
    resolve_speaker,
    speakers_of,
)
from index.store import Library, Store
from index.support import Judged, dated_context, judge, word_weights
from index.text import all_stems, content_stems
from index.titles import lower_titles
from index.truecase import is_lower_case, truecased
from index.unknown_names import unknown_name
from index.urging import urged

logger = logging.getLogger(__name__)


PASSAGES = 10
# A question with this many content words asks several things at once: when no sentence holds them
# all, the evidence of each source is shown instead. `.venv/bin/python benchmarks/sweep.py
# --cache-dir DIR` (dev, commit c27a367): 6 / 8 / 10 give the same figures on every benchmark
# (MultiHop false abstention 0.200 / 0.308 / 0.107 by type); 8 is kept as the middle of that flat
# range.
MULTIPART_WORDS = 8


def _completed(question: str, previous_question: str, known: Sequence[str]) -> str:
    """A follow-up that only changes the topic or the wh-word, read in full; the previous
    question's "he" is the person carried into it."""
    before_own = extract_entities(previous_question)
    before_carried = [e for e in known if e not in before_own]  # whom its "he" meant
    if before_carried:
        previous_question = with_antecedent(previous_question, before_carried[0])
    return completed(question, previous_question) or question


class ExtractiveAnswerer:
    """Answers from the sentences of the best passages; abstains when none answers."""

    def __init__(self, store: Store, retriever: HybridRetriever, embedder: Embedder) -> None:
        self.store = store
        self.catalog = store.catalog
        self.retriever = retriever
        self.embedder = embedder
        self.pool = CandidatePool(self.catalog)
        self.roles = RoleReader(retriever, self.pool, embedder, PASSAGES)
        self._encoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="question-encoder")

    def answer(
        self,
        question: str,
        libraries: list[Library],
        previous_entities: Sequence[str] = (),
        previous_question: str = "",
        people: Sequence[str] = (),
    ) -> Answer:
        """The answer from the libraries' articles (``people``: names in the question known to
        be people's, whatever the small model makes of them)."""
        ids = [lib.id for lib in libraries]
        known = tuple(e for e in previous_entities if self.catalog.name_known(all_stems(e), ids))
        asked = question
        question = plainly_worded(question)  # "mentioned in the coverage" asks nothing
        if previous_question:  # "And about China?" after "What did Blinken say about Russia?"
            question = _completed(question, previous_question, known)
        ctx = contextualize(question, known)
        result = Answer(asked, CANNOT_ANSWER, True, [], ctx.query, list(ctx.entities))
        result.read_as = question if question != asked else ""
        # The question is embedded while it is parsed: both release the GIL, two cores help.
        embedding = self._encoder.submit(self.embedder.encode_one, ctx.query)
        text = with_antecedent(question, ctx.carried[0]) if ctx.carried else question
        passages = None
        if is_lower_case(text):  # names written as the passages write them ("kim" -> "Kim")
            passages = self.retriever.retrieve(ctx.query, embedding.result(), libraries, PASSAGES)
            text = truecased(text, [p.text for p in passages])
        q = as_people(analyse(lower_titles(text)), people)  # "the Foreign Minister": no name
        outlets = self.catalog.outlets(ids)
        dated = asks_article_date(q.text, outlets)  # "When was the Reuters story published?"
        if dated or asks_author(q.text, outlets):  # "Who wrote the Reuters report?": its byline
            topic = asked_topic(q.text)
            vector = self.embedder.encode_one(topic) if topic != q.text else embedding.result()
            passages = self.retriever.retrieve(topic, vector, libraries, PASSAGES)
            return self._authors(q, result, passages, outlets, dated)
        missing = unknown_name(q, self.catalog, ids, outlets)
        if missing and is_acronym_name(missing):  # "APEC", written out in the articles?
            passages = self.retriever.retrieve(ctx.query, embedding.result(), libraries, PASSAGES)
            if any(spelled_out(missing, p.text) for p in passages):
                missing = unknown_name(q, self.catalog, ids, outlets, spelled=(missing,))
        if missing:
            return self._unknown(q, result, missing, ids)
        unheld, holders = self.roles.described_holders(q, libraries)
        if unheld is not None:  # "When did the top Estland diplomat arrive?": there is none
            result.note = f"The articles do not name {unheld}."
            return result
        if holders:  # "America's top diplomat": asked of Antony Blinken
            return self._asked_of_holders(q, asked, holders, libraries, previous_entities)
        if not q.focus and not q.names and not ctx.carried and not names_speaker(q.speech):
            return result  # a greeting, or nothing to look for ("What did the report say?" is)
        vector = embedding.result()
        # "How do Yonhap and Reuters describe the talks?" asks what their articles say
        outlets_speak = q.speech is not None and (  # "Stars and Stripes" is one outlet
            all_outlets([q.speech.speaker], outlets)
            or all_outlets(speakers_of(q.speech), outlets)
            or outlet_document(q.speech.speaker, outlets)
        )
        if q.speech is not None and not outlets_speak:
            said = self._who_said(q, replace(result), libraries, vector, ctx.carried)
            # "What did X urge Y to do?": an act asked of Y, which a sentence may tell as a
            # fact ("X urged Y to cancel ...") that is no attribution of X's
            urging = urges_an_act(q.speech)
            if not urging or any(urged(q, fold_tokens(line.text)) for line in said.lines):
                return said
        if passages is None:
            passages = self.retriever.retrieve(ctx.query, vector, libraries, k=PASSAGES)
        candidates = by_named_outlet(q, self.pool.candidates(passages), outlets)
        idf, unseen = self.retriever.idf([*q.focus, *filter(None, [q.predicate])])
        weights = word_weights(q.focus, idf, unseen)
        if q.evidence or outlets_speak:
            return self._evidence(q, result, candidates, vector, weights, outlets, outlets_speak)
        if asks_speakers(q):  # a quote's speaker, by the attribution
            read_speakers(self.catalog, candidates)
        judged = judge(  # ctx.thing: "Who made that assessment?"
            q, candidates, vector, weights, ctx.required, self.roles.by_meaning, ctx.thing
        )
        sourced = self._sourced(q, outlets)
        source = sourced.speech.speaker if sourced and sourced.speech else None
        if source is not None and not told_by(self.catalog, judged.lines, source):
            judged = Judged([], [])  # "According to X, ...?": not what X is reported to say
        if not judged.lines:
            if sourced is not None:  # "According to Blinken, what ...?": in his own words
                said = self._who_said(sourced, replace(result), libraries, vector, ctx.carried)
                if not said.abstained:
                    return said
            if judged.unheld_role:
                result.note = f"The articles do not name {asked_role(q.text, article=True)}."
                return result
            # a reason is no evidence of each source: "Why ...?" with none told goes unanswered;
            # nor is a count ("How many aircraft carriers has X deployed ...?") or a date ("On
            # what date is X's third attempt scheduled?") with none given
            many = len(q.focus) >= MULTIPART_WORDS and q.wh not in ("why", "how_many")
            many = many and not q.expects & TIMES
            if many and asked_thing(q.text) is None:
                return self._evidence(q, result, candidates, vector, weights, outlets)
            return result
        return self._composed(q, result, judged)

    def _sourced(self, q: Question, outlets: list[str]) -> Question | None:
        """The question as one of what its source said, when it names one that is no outlet
        ("according to Reuters" is for by_named_outlet); _who_said abstains for a source the
        articles never quote."""
        speech = according_to(q.text) if q.speech is None else None
        if speech is None or all_outlets([speech.speaker], outlets):
            return None
        return replace(q, speech=speech)

    def _asked_of_holders(
        self,
        q: Question,
        asked: str,
        holders: dict[str, str],
        libraries: list[Library],
        previous: Sequence[str],
    ) -> Answer:
        """The answer to the question with each person it describes by a role put as the name
        of the one the articles give that role (``holders``: description -> name), saying so."""
        text = q.text
        for description, holder in holders.items():
            text = text.replace(description, holder)
        retried = self.answer(text, libraries, previous, people=list(holders.values()))
        note = retried.note if retried.abstained and retried.note else f'Read as "{text}".'
        return replace(retried, question=asked, read_as=text, note=note)

    def _composed(self, q: Question, result: Answer, judged: Judged) -> Answer:
        """The answer of the chosen lines (and each conflict's claims), with citations."""
        lines = list(judged.lines)
        for pair in judged.conflicts:
            lines += [cand for cand, _ in pair if all(cand is not c for c in lines)]
        quotes = []
        for cand in lines:
            context = dated_context(q, cand)
            if context is not None:  # "that month": the sentence that says which month first
                quotes.append(Quote(cand.article, context.text, cand.passage.text))
            quote = self._quote(cand, labelled=q.source_question)
            if cand.speaker and not quote.label and not _names(cand.text, cand.speaker):
                quote.label = f"{cand.speaker}: "  # "Who said X?" of a quote that names no one
            quotes.append(quote)
        add_copies(self.catalog, quotes)
        answer = compose(result, quotes)
        if not answer.abstained:
            pairs = [[(self._quote(c), v.text) for c, v in pair] for pair in judged.conflicts]
            answer.conflicts = conflict_claims(answer, pairs)
            # "Who will meet X's fisheries chief?" ... "What will they discuss?": a follow-up's
            # "he" or "they" is the people the answer gave, when the question named no subject
            # ("Who did Blinken meet?" ... "What did he say?" goes on about Blinken)
            people = answered_people(lines)
            if people and q.subject is None:
                answer.entities = people
        return answer

    def _authors(
        self, q: Question, result: Answer, passages: list[Passage], outlets: list[str], dated: bool
    ) -> Answer:
        """The byline (``dated``: the date) of the article asked about (of the best few, when
        several are asked)."""
        idf, _ = self.retriever.idf(content_stems(asked_topic(q.text)))
        articles = asked_articles(passages, outlets_named(q.text, outlets), idf)
        chosen = articles[:MAX_ARTICLES] if many_asked(q.text) else articles[:1]
        quotes = date_quotes(chosen) if dated else byline_quotes(chosen)
        if not quotes:
            result.note = missing_note(chosen, dated) if chosen else None
            return result
        answer = compose(result, quotes)
        if not dated:  # "What's his background?" goes on about the author given
            answer.entities = [n for a in chosen for n in byline_names(a.byline or "")]
        return answer

    def _unknown(self, q: Question, result: Answer, missing: str, ids: list[int]) -> Answer:
        """A name no sentence gives: no answer, unless it is a byline's and the question asks
        who that is ("Who is Kim Seung-yeon?": the writer of those articles) or which outlet
        ("Which news agency did X write for?")."""
        bylined = bylined_by(missing, self.catalog.list_articles(ids, bylined=True))
        # "Which news agency did X write for?": the outlet of X's articles, by their bylines
        if bylined and (asks_who_is(q.text, missing) or q.source_question):
            return compose(result, byline_quotes(bylined[:MAX_ARTICLES]))
        result.note = (
            f"The articles name {missing} only as the author of {_articles(len(bylined))}."
            if bylined
            else f"The articles never mention {missing}."
        )
        return result

    # --- the three roads -----------------------------------------------------------------
    def _who_said(
        self,
        q: Question,
        result: Answer,
        libraries: list[Library],
        vector: object,
        carried: Sequence[str],
    ) -> Answer:
        assert q.speech is not None
        ids = [lib.id for lib in libraries]
        speech = resolve_speaker(q.speech, carried)
        found = self._speech_of(q, speech, ids, vector)
        if not found.statements and speech.described:
            holder = (  # "the foreign minister"; "North Korea's state news agency" (KCNA)
                self.roles.holder(speech.speaker, libraries)
                if names_people(speech.speaker)
                else self.roles.body(speech.speaker, libraries)
            )
            if holder is not None:
                speech = replace(speech, speaker=holder, speaker_is_name=True, described=False)
                found = self._speech_of(q, speech, ids, vector)
                # a follow-up's "it" or "she" is the one described, by name
                result.entities = [holder, *(e for e in result.entities if e != holder)]
        if not found.statements:
            mentioned = speech.speaker_is_name and not speech.described
            result.note = found.note or (
                f"The articles mention {speech.speaker} but do not quote them."
                if mentioned
                else None
            )
            return result
        quotes = self._statement_quotes(found.statements)
        add_copies(self.catalog, quotes)
        return compose(result, quotes)

    def _speech_of(
        self, q: Question, speech: Speech, ids: list[int], vector: object
    ) -> SpeechResult:
        return answer_speech(
            q, speech, self.catalog, ids, self.embedder.encode_one, vector,  # type: ignore[arg-type]
            lambda stems: self.retriever.idf(stems)[0],
        )  # fmt: skip

    def _evidence(
        self,
        q: Question,
        result: Answer,
        candidates: list[Candidate],
        vector: object,
        weights: dict[str, float],
        outlets: list[str],
        spoken: bool = False,
    ) -> Answer:
        """The best sentence of each relevant source (``spoken``: "What did <outlet> say about
        Y?", its lines about Y); ``outlets``: the libraries' outlets."""
        named = named_outlets(q, outlets)
        chosen = gather(q, candidates, vector, weights, named, spoken)  # type: ignore[arg-type]
        if not chosen:
            return result
        quotes = [self._quote(c, labelled=True) for c in chosen]
        add_copies(self.catalog, quotes)
        return compose(result, quotes, kind="evidence")

    # --- helpers -------------------------------------------------------------------------
    def _quote(self, cand: Candidate, labelled: bool = False) -> Quote:
        twins = [Quote(t.article, t.text, t.passage.text) for t in cand.twins]
        label = label_for_all([cand.article, *(t.article for t in cand.twins)]) if labelled else ""
        return Quote(cand.article, cand.text, cand.passage.text, twins, label)

    def _statement_quotes(self, statements: list[Statement]) -> list[Quote]:
        articles = self.retriever.articles([s.article for s in statements])
        quotes: list[Quote] = []
        for s in statements:
            article = articles[s.article]
            passage = self.catalog.passage_of(s.row)
            for text in s.quote or [s.text]:  # a quote over several sentences, whole
                quote = Quote(article, text, passage)
                same = next((x for x in quotes if _alike(x.text, text)), None)
                if same is None:
                    quotes.append(quote)
                elif article.article_id not in {t.article.article_id for t in [same, *same.twins]}:
                    same.twins.append(quote)
        return quotes


def answered_people(lines: Sequence[Candidate]) -> list[str]:
    """The people the lines give as the answer (a "who" question's values), in order."""
    found = [
        text
        for cand in lines
        for label, text in cand.read.entities
        if label == "PERSON" and text in cand.values
    ]
    return list(dict.fromkeys(found))


def _names(text: str, speaker: str) -> bool:
    """Whether the sentence names the speaker (by the last word of the name)."""
    last = speaker.split()[-1].lower() if speaker.split() else ""
    return bool(last) and last in text.lower()


def _articles(n: int) -> str:
    return "an article" if n == 1 else f"{n} articles"


def _alike(a: str, b: str) -> bool:
    one, two = set(all_stems(a)), set(all_stems(b))
    return bool(one | two) and len(one & two) / len(one | two) >= 0.5
