"""The words and labels a question is read by: the entity labels each kind of answer needs, the
nouns that name a kind of answer, verbs of saying, light verbs, and the words of comparison and
of source questions. General English, nothing from any collection.
"""

from __future__ import annotations

import calendar
import re

# Entity labels a wh-question's answer must contain (spaCy's OntoNotes labels).
PEOPLE = frozenset({"PERSON", "ORG", "NORP", "GPE"})
TIMES = frozenset({"DATE", "TIME"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
AMOUNTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
# "which X", "what X", "what is the X of Y": the answer's label by the meaning of X, for the
# common English nouns that name a kind of answer.
HEAD_LABELS = {
    **dict.fromkeys("revenue income profit loss cost price budget salary worth value fee fine "
                    "sales earnings spending debt wage".split(), frozenset({"MONEY"})),
    **dict.fromkeys("population number count total score age attendance".split(),
                    frozenset({"CARDINAL", "QUANTITY"})),
    **dict.fromkeys("rate percentage share".split(), frozenset({"PERCENT", "CARDINAL"})),
    **dict.fromkeys("winner champion leader ceo director author founder coach actor actress "
                    "chairman chairwoman chief head owner".split(),
                    frozenset({"PERSON", "ORG", "NORP"})),
    **dict.fromkeys("person man woman player leader official minister president politician "
                    "candidate athlete author actor singer ceo founder spokesman spokeswoman "
                    "team".split(), frozenset({"PERSON", "ORG", "NORP"})),
    **dict.fromkeys("country nation state city town capital region province".split(),
                    frozenset({"GPE", "NORP", "LOC"})),
    **dict.fromkeys("company firm organization organisation agency group party network "
                    "brand bank club newspaper".split(), frozenset({"ORG"})),
    # Titles: the small model tags them as works, products, events, people or organisations.
    **dict.fromkeys("movie film book novel song album series show game play musical opera "
                    "painting".split(),
                    frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "PERSON", "ORG"})),
    **dict.fromkeys("year day month date time week".split(), TIMES),
    **dict.fromkeys("place location venue site".split(), PLACES),
}  # fmt: skip
# A rank asked as a thing ("What is men's year-end No 1 in tennis?", "... world number one?"):
# the answer is who or what holds it. Only where the rank ends its phrase: "the No. 1 cause of
# death" asks for a cause.
RANK_HELD = re.compile(
    r"\b(?:no\.?|number)\s*(?:1|one)\b(?=\s*(?:[?,]|$|(?:in|of|at|for|on|among)\b))", re.I
)
# The labels of who or what holds a rank: people, teams and companies, titles.
RANK_HOLDERS = PEOPLE | frozenset({"WORK_OF_ART", "PRODUCT"})
# Names spaCy tags that stand for things the articles must mention to answer.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
# Verbs whose question asks for someone's words: "What did X say/warn/claim (about Y)?".
SPEECH_VERBS = frozenset(
    """say tell warn claim state argue insist declare assert allege contend maintain add stress
    note explain comment remark reply respond write tweet announce suggest predict describe urge
    deny admit acknowledge promise pledge vow think believe""".split()
)
# Verbs of asking someone to act ("What did X urge/ask/press/call on Y to do?"): the news tells
# one request by any of them ("urged North Korea to cancel", "called on Seoul to"), so a question
# asked with one is answered by a sentence told with another. A closed class of English.
DIRECTIVE_VERBS = frozenset(
    """urge ask call press push pressure encourage exhort implore beg request tell order instruct
    direct advise warn invite appeal lobby""".split()
)
# The particles a directive verb takes before the one asked: "call on Y", "appeal to Y".
DIRECTIVE_PARTICLES = frozenset({"on", "upon", "to"})
# Verbs that carry no relation of their own ("What will X do?", "What happened?").
LIGHT_VERBS = frozenset("be do have happen get make go take give".split())
# Words that make a question a comparison across sources or claims.
COMPARISON = re.compile(
    r"\b(?:both|compared?|comparison|differ(?:ent|ence|s)?|same|similar(?:ly)?|consistent|"
    r"inconsistent|consistency|agree|disagree|contradict\w*|whereas|while|versus|vs\.?|than|"
    r"either|neither|change in)\b",
    re.I,
)
# Verbs by which an outlet tells something ("Which outlet reported/described/quoted X?"): a
# source question with another verb asks who did that ("Which newspaper interviewed X?").
REPORTING_VERBS = SPEECH_VERBS | frozenset(
    "report write publish cite quote cover carry run break mention name credit attribute "
    "release reveal air broadcast print post call".split()
)
# "Which (state media) outlet reported X?": up to three words before the noun for a source.
SOURCE_QUESTION = re.compile(
    r"\b(?:which|what)\s+(?:(?!(?:of|is|was|are|were|did|does|do|the|a|an)\b)[\w'’-]+\s+){0,3}"
    r"(?:outlet|newspaper|paper|publication|agency|media|source|site|website|wire|"
    r"news\s+(?:organi[sz]ation|service|channel|network|group))s?\b"
    r"|\bwho\s+(?:reported|wrote|published)\b",
    re.I,
)
TOPIC_PREPS = frozenset({"about", "on", "regarding", "concerning", "over", "of"})

# Names of months and their abbreviations, lower case ("november", "nov", "sept").
MONTH_WORDS = frozenset(
    m.lower() for m in [*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"]
)
# Complex prepositions (preposition + noun + preposition): their noun is grammar, no topic a
# sentence must share ("in return for X" is answered by "in exchange for X"). A closed class of
# English, like the stopwords.
COMPLEX_PREPOSITIONS = frozenset(
    tuple(p.split())
    for p in """in return for|in exchange for|in addition to|in response to|in reply to|
    on behalf of|in front of|in spite of|in place of|in lieu of|in case of|in view of|
    in light of|in terms of|by means of|by way of|on account of|in favour of|in favor of|
    with regard to|with respect to|in accordance with|in relation to|in charge of|
    on top of|in line with|at odds with""".replace("\n", "").split("|")
)

# "Who is the defence chief mentioned in the coverage?": a phrase about the articles themselves
# after a noun, which says nothing of what is asked ("Who is named in the report?" asks it).
_ABOUT_THE_ARTICLES = re.compile(
    r",?\s+(?:(?:that|which|who)\s+(?:is|are|was|were)\s+)?(?:mentioned|named|quoted|cited|"
    r"featured|referred\s+to|discussed|covered)\s+(?:in|by)\s+(?:the\s+|these\s+|this\s+)?"
    r"(?:articles?|coverage|stories|texts?|reporting|news\s+(?:articles|stories|coverage))\b",
    re.I,
)
# "..., according to the coverage?": the articles as a whole, no source named ("according to
# Reuters" names one, and stays).
_ACCORDING_TO_THE_ARTICLES = re.compile(
    r",?\s+according\s+to\s+(?:the\s+|these\s+|this\s+)?(?:coverage|articles?|stories|"
    r"reporting|texts?|news\s+(?:articles|stories|coverage))(?=\s*[?.!]?\s*$|\s*,)",
    re.I,
)
_LEADING_ACCORDING = re.compile(
    r"^\s*according\s+to\s+(?:the\s+|these\s+|this\s+)?(?:coverage|articles?|stories|"
    r"reporting|texts?)\s*,\s*",
    re.I,
)
# Words that join a follow-up to the turn before ("And how many ...?").
CONNECTORS = frozenset({"and", "but", "so"})
# A hedge before the question word ("Roughly how many ...?", "Exactly when ...?"): it asks
# nothing the question word does not, and the parser reads the question from its first word.
_LEADING_HEDGE = re.compile(
    rf"^\s*(?P<connector>(?:{'|'.join(sorted(CONNECTORS))})\s+)?"  # "And roughly ...?": kept
    r"(?:roughly|approximately|about|around|exactly|precisely|nearly|almost|more or less)"
    r"\s*,?\s+(?=(?:how|what|when|where|who|whom|whose|which|why)\b)",
    re.I,
)
# A phrase of time or of exception before the question word ("Before his trip to Russia, how
# long ...?", "In 2019, who won ...?", "Apart from Ukraine, what ...?"): put after the question,
# as the parser reads a question from its question word.
_LEADING_FRAME = re.compile(
    r"^\s*(?P<frame>(?:before|after|during|since|following|until|apart from|aside from|besides|"
    r"other than|in addition to|in|on|at)\s+[^,?]{2,80}?)\s*,\s*"
    r"(?P<rest>(?:how|what|when|where|who|whom|whose|which|why)\b[^?]*?)\s*\?\s*$",
    re.I,
)
# "For what did X thank Y?", "About what did X warn?": a preposition before the question word,
# which the small parser then takes for the main word; put at the end, where English also puts
# it ("What did X thank Y for?"). Not one of place or time ("In which city ...?"), nor "with"
# ("With whom did X meet?"), which the parser reads.
_FRONTED_PREPOSITION = re.compile(
    r"^(?P<lead>\s*(?:according\s+to\s+[^,?]{2,60},\s*)?)(?P<prep>for|about|against)\s+"
    r"(?P<rest>(?:what|whom|which)\b[^?]*?)\s*\?\s*$",
    re.I,
)
_AUXILIARIES = frozenset("is are was were be been being".split())
_SOURCE_PREPOSITIONS = frozenset("by from of in on published".split())


# "Who holds the post of defence minister?" asks who the defence minister is.
_HOLDS_ROLE = re.compile(
    r"^(?P<who>\s*who\s+)(?:currently\s+|now\s+)?(?P<verb>holds?|held|occupies|occupied|fills|"
    r"filled)\s+the\s+(?:post|office|position|role|job|title|seat)\s+of\s+(?:the\s+)?",
    re.I,
)


# "What is X called?" asks X's name; "What came out of X?" its outcome. Grammar.
_CALLED = re.compile(
    r"^\s*what\s+(?P<verb>is|was|are|were|will\s+be)\s+(?P<thing>.+?)\s+(?:called|named)\s*\?*\s*$",
    re.I,
)
_CAME_OF = re.compile(
    r"^\s*what\s+(?:came|has\s+come|will\s+come|comes|resulted|has\s+resulted|will\s+result)\s+"
    r"(?:out\s+of|of|from)\s+(?P<event>.+?)\s*\?*\s*$",
    re.I,
)


# A manner idiom of a word said twice ("face to face", "side by side", "one on one", "from time
# to time"): it says how, not what, and the small parser takes its noun for the verb ("meet face
# to face": "face" the root). Grammar, not a list of the articles' words.
_REDUPLICATED = re.compile(r"\s*\b(?:from\s+)?(\w+)\s+(?:to|by|in|on|after)\s+\1\b", re.I)


def plainly_worded(question: str) -> str:
    """The question without a phrase about the articles themselves or a manner idiom ("face to
    face"); a role's holder asked for as "Who is the X?" ("Who holds the post of X?"); a name
    asked for as "What is the name of X?" ("What is X called?"); an outcome as "What was the
    outcome of X?" ("What came out of X?")."""
    question = _REDUPLICATED.sub("", question)
    if fronted := _FRONTED_PREPOSITION.match(question):  # "For what did X thank Y?"
        lead, rest, prep = fronted.group("lead"), fronted.group("rest"), fronted.group("prep")
        rest = rest[:1].upper() + rest[1:] if not lead else rest
        question = f"{lead}{rest} {prep.lower()}?"
    if framed := _LEADING_FRAME.match(question):  # "Before his trip, how long ...?"
        rest, frame = framed.group("rest"), framed.group("frame")
        question = f"{rest[:1].upper()}{rest[1:]} {frame[:1].lower()}{frame[1:]}?"
    match = _HOLDS_ROLE.match(question)
    if match:
        tense = "was" if match.group("verb").lower() in ("held", "occupied", "filled") else "is"
        question = f"{match.group('who')}{tense} the {question[match.end() :]}"
    if called := _CALLED.match(question):
        question = f"What {called.group('verb')} the name of {called.group('thing')}?"
    elif came := _CAME_OF.match(question):
        question = f"What was the outcome of {came.group('event')}?"
    return without_meta(question)


def without_meta(question: str) -> str:
    """The question without a phrase about the articles themselves."""
    question = _ACCORDING_TO_THE_ARTICLES.sub("", question)
    for leading in (_LEADING_ACCORDING, _LEADING_HEDGE):  # "According to the articles, who"
        if lead := leading.match(question):
            kept = (lead.groupdict().get("connector") or "").strip()
            rest = question[lead.end() :]
            question = f"{kept.capitalize()} {rest}" if kept else rest[:1].upper() + rest[1:]
    for match in reversed(list(_ABOUT_THE_ARTICLES.finditer(question))):
        before = question[: match.start()].split()
        after = question[match.end() :].split()[:1]
        if after and after[0].lower() in _SOURCE_PREPOSITIONS:
            continue  # "mentioned in articles by TechCrunch" says which articles
        if before and before[-1].lower() not in _AUXILIARIES:
            end = match.end()
            if match.group().startswith(",") and question[end : end + 1] == ",":
                end += 1  # ", mentioned in the articles," was set off by commas
            question = question[: match.start()] + question[end:]
    return question
