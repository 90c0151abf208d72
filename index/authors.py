"""Who wrote an article: its byline ("Who wrote the Reuters report on the talks?", "Which
reporter covered the protests?", "Who is <a name the articles give only as a byline>?").

The byline is the article's own text ("By Kim Seung-yeon", an "Author:" line, an author's bio
at the end), kept as metadata at ingest (index/cleaning.py). An answer quotes it, labelled with
the outlet and date of the article, and cites that article. The wording read here is grammar,
not tuned on any question.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from index.compose import Quote, label_for_all
from index.evidence import bare_outlet
from index.models import Article, Passage
from index.text import all_stems

# The pieces an outlet publishes, whose author a question may ask for.
_PIECE = (
    r"(?:articles?|stor(?:y|ies)|pieces?|dispatch(?:es)?|coverage|features?|columns?|reports?|"
    r"updates?|bulletins?|write-?ups?)"
)
_WRITER = r"(?:reporters?|journalists?|writers?|correspondents?|authors?)"
_WROTE = r"(?:wrote|write|writes|written|authored|penned|filed|bylined)"
# "Who wrote the Reuters report ...", "Who has written ...", "Who is the author of ..."
_WHO_WROTE = re.compile(
    rf"^\s*who\s+(?:(?:has|had|have|actually|first)\s+)?{_WROTE}\b(?P<rest>.*)$", re.IGNORECASE
)
_AUTHOR_OF = re.compile(
    rf"^\s*who\s+(?:is|was|are|were)\s+(?:the\s+)?{_WRITER}\s+(?:of|behind|on)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Which reporters covered the talks?", "What journalist wrote ...", "Whose byline ..."
_WRITER_ASKED = re.compile(
    rf"^\s*(?:which|what)\s+(?:[\w.'’&-]+\s+){{0,3}}?{_WRITER}\s+"
    rf"(?:{_WROTE}|reported|covered|reports|covers)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"\bbylines?\b", re.IGNORECASE)
_PIECES = re.compile(rf"\b{_PIECE}\b", re.IGNORECASE)
# A report is also what a government or an agency publishes ("the U.N. report"): its author
# is asked of the articles' bylines only when the report is an outlet's ("the Reuters
# report", "Yonhap's report", "the news report").
_REPORT = re.compile(r"^reports?$", re.IGNORECASE)
_NEWS_REPORT = re.compile(r"\bnews\s+reports?\b", re.IGNORECASE)
# "Which reporters ...": several articles may answer, not only the first.
_PLURAL = re.compile(
    r"\b(?:reporters|journalists|writers|correspondents|authors|articles|stories|pieces|reports"
    r"|bylines)\b",
    re.IGNORECASE,
)
_WHO_IS = re.compile(r"^\s*who\s+(?:is|was)\s+(?P<name>.+?)\s*\??\s*$", re.IGNORECASE)
_NAMES_JOINED = re.compile(r"\s*(?:,|&|\band\b)\s*")
# Articles a plural question may take the bylines of: the best ranked ones.
MAX_ARTICLES = 3


def asks_author(question: str, outlets: Sequence[str]) -> bool:
    """Whether the question asks who wrote an article (not who wrote a letter or a report
    that the articles tell of)."""
    if _WRITER_ASKED.search(question) or _BYLINE.search(question):
        return True
    asked = _WHO_WROTE.search(question) or _AUTHOR_OF.search(question)
    if asked is None:
        return False
    return _outlets_piece(_PIECES.findall(asked.group("rest")), question, outlets)


def _outlets_piece(pieces: Sequence[str], question: str, outlets: Sequence[str]) -> bool:
    """The pieces named are an outlet's: an article, a story, ...; a report only when the
    question names an outlet or says "news report" (not "the U.N. report")."""
    if any(not _REPORT.match(p) for p in pieces):
        return True
    return bool(pieces) and bool(outlets_named(question, outlets) or _NEWS_REPORT.search(question))


# "the story on X", "the piece that was updated as X began": what it is on, or said of it
_TOPIC = re.compile(
    rf"\b{_PIECE}\s+(?:on|about|of|covering|into|(?:that|which)(?:\s+(?:was|were|is|are|had|has))?)"
    r"\s+(?P<topic>.+?)\s*\??\s*$",
    re.I,
)


def asked_topic(question: str) -> str:
    """What the article asked about is on ("the Park-Blinken talks"), to find it by; else the
    whole question."""
    match = _TOPIC.search(question)
    return match.group("topic") if match else question


def outlets_named(question: str, outlets: Sequence[str]) -> list[str]:
    """The outlets the question names, whole or by their first word ("Yonhap" for "Yonhap
    News Agency")."""
    text = question.lower()
    found = []
    for outlet in filter(None, outlets):
        bare = bare_outlet(outlet)
        first = bare.split()[0] if bare else ""
        by_first = len(first) >= 4 and re.search(rf"\b{re.escape(first)}", text) is not None
        if bare and (bare in text or by_first):
            found.append(outlet)
    return found


def many_asked(question: str) -> bool:
    return bool(_PLURAL.search(question))


def asked_articles(
    passages: Sequence[Passage], outlets: Sequence[str], weights: Mapping[str, float]
) -> list[Article]:
    """The articles of the passages, the one whose passages hold most of what the article is
    asked to be on first (``weights``: its words' stems, by rarity: "the story about Seoul's
    satellite launch on a SpaceX rocket" is the one that names SpaceX, not the best ranked
    one on satellites), then by rank; only the named outlets' when the question names any."""
    wanted = {o.lower() for o in outlets}
    ranked: dict[str, Article] = {}
    held: dict[str, set[str]] = {}
    for passage in passages:
        article = passage.article
        if wanted and (article.outlet or "").lower() not in wanted:
            continue
        ranked.setdefault(article.article_id, article)
        stems = set(all_stems(" ".join([passage.text, article.title])))
        held.setdefault(article.article_id, set()).update(s for s in weights if s in stems)
    rank = {a: i for i, a in enumerate(ranked)}
    order = sorted(ranked, key=lambda a: (-sum(weights[s] for s in held[a]), rank[a]))
    return [ranked[a] for a in order]


def byline_names(byline: str) -> list[str]:
    """ "Soo-hyang Choi and Jack Kim" -> ["Soo-hyang Choi", "Jack Kim"]."""
    return [n for n in _NAMES_JOINED.split(byline.strip()) if n]


def bylined_by(name: str, articles: Sequence[Article]) -> list[Article]:
    """The articles whose byline gives the name."""
    wanted = " ".join(name.lower().split())
    return [
        a for a in articles if a.byline and any(n.lower() == wanted for n in byline_names(a.byline))
    ]


def asks_who_is(question: str, name: str) -> bool:
    """ "Who is Kim Seung-yeon?": the question asks only who the person is."""
    match = _WHO_IS.match(question)
    return match is not None and match.group("name").lower() == name.lower()


def byline_quotes(articles: Sequence[Article]) -> list[Quote]:
    """Each article's byline, quoted, labelled with the article's outlet and date."""
    return [
        Quote(a, a.byline, a.byline, label=label_for_all([a]).removesuffix(": ") + ", byline: ")
        for a in articles
        if a.byline
    ]


# "When was the Reuters article published?", "What date is on the Yonhap story about X?",
# "On what date did Reuters publish its report?"
_DATED = re.compile(
    r"^\s*(?:when\s+(?:was|were|did|is)\b.*\b(?:publish(?:ed)?|post(?:ed)?|written|write|"
    r"file(?:d)?|dated|release(?:d)?|run|ran)\b"
    r"|(?:on\s+)?(?:what|which)\s+(?:(?:is|was)\s+the\s+)?(?:date|day)\b)",
    re.IGNORECASE,
)


def asks_article_date(question: str, outlets: Sequence[str]) -> bool:
    """Whether the question asks when an article was published (not when an event the
    articles tell of happened): it asks a date of a piece an outlet publishes."""
    if _DATED.search(question) is None:
        return False
    return _outlets_piece(_PIECES.findall(question), question, outlets)


def date_quotes(articles: Sequence[Article]) -> list[Quote]:
    """Each article's date of publication, quoted, labelled with its outlet."""
    return [
        Quote(a, a.published, a.published, label=f"{a.outlet or a.title}, published: ")
        for a in articles
        if a.published
    ]


def missing_note(articles: Sequence[Article], dated: bool) -> str:
    """Why no byline (``dated``: no date) is shown: the article asked about gives none."""
    one, many = (
        ("gives no date", "give no dates")
        if dated
        else ("does not name its author", "do not name their authors")
    )
    if len(articles) == 1:
        article = articles[0]
        source = f" ({article.outlet})" if article.outlet else ""
        return f"The article asked about, “{article.title}”{source}, {one}."
    return f"The articles asked about {many}."
