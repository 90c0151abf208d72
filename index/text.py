"""Pure text helpers: sentence spans, word tokens, stems and stopwords."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import Stemmer

# Abbreviations that end with a period without ending a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen lt col sgt capt cmdr adm gov sen rep pres rev fr
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd llc dept univ est approx vs etc al fig calif md mass ariz fla ill penn
    wash colo conn mich minn okla ore tenn tex va wis ky la miss neb nev
    ft mt pt ave blvd sens reps govs gens atty supt
    u.s u.n u.k e.u u.s.a d.c e.g i.e a.m p.m s.korea n.korea""".split()
)

# Abbreviations that stand before a number, capitalised: "No. 1", "Vol. 3" ("he said no. 2 more"
# ends a sentence).
NUMBER_ABBREVIATIONS = frozenset("No Nos Vol Vols Art Ch Para Nr".split())

_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+|$)""")
_NEXT_STARTS_SENTENCE = re.compile(r"""\s+["'“‘(\[]*[A-Z0-9]""")
# A quote ending in "?" or "!" and its short frame are one sentence: '“Is this a joke?” Warren
# asked.', '“Why not?” asked Senator Warren.' (a few capitalised words and a verb of saying, then
# the sentence's end), so the quote keeps its speaker.
_FRAME_VERBS = (
    r"(?:said|says|asked|asks|demanded|demands|wondered|wonders|added|adds|replied|replies|"
    r"shouted|exclaimed|insisted|quipped|continued|explained|wrote|writes|tweeted|cried|yelled)"
)
_QUOTE_FRAME = re.compile(
    rf"""\s+(?:(?:[A-Z][\w.'’-]*\s+){{1,4}}{_FRAME_VERBS}|{_FRAME_VERBS}(?:\s+[A-Z][\w.'’-]*){{1,4}})"""
    r"""[.,;]"""
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
# "U.S.", "U.N.", "U.K.": capitals with periods, read as one word ("US") before tokenising.
_DOTTED_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been
    before being below besides between both but by can cannot could did didn't do does doesn't
    doing don't down during each either else ever few for from further had has have having he
    her here hers herself him himself his how however i if in into is isn't it its itself just
    let like many may me might more most much must my myself neither nor not now of off on once
    only or other ought our ours ourselves out over own per rather same shall she should since so
    some such than that the their theirs them themselves then there these they this those though
    through thus to too under until up upon us very via was wasn't we were weren't what whatever
    when where whether which while who whom whose why will with within without would yet you your
    yours yourself s t
    hi hello hey thanks thank please ok okay dear""".split()
)

# Verbs that frame a question rather than name its topic ("what did X say about Y").
FRAMING_WORDS = frozenset(
    """say says said tell tells told talk talked speak spoke mention mentioned think thought
    believe believed know knew get gets got make makes made do does did done happen happened
    happening mean means meant describe described explain explained reported report reports
    according going go goes went want wanted""".split()
)

# Irregular forms the stemmer leaves apart ("met" and "meet" should match).
IRREGULAR = {
    "met": "meet", "said": "say", "says": "say", "took": "take", "taken": "take",
    "told": "tell", "went": "go", "gone": "go", "made": "make", "held": "hold", "got": "get",
    "gave": "give", "given": "give", "came": "come", "saw": "see", "seen": "see", "left": "leave",
    "spoke": "speak", "spoken": "speak", "thought": "think", "brought": "bring", "sent": "send",
    "won": "win", "lost": "lose", "paid": "pay", "led": "lead", "flew": "fly", "flown": "fly",
    "began": "begin", "begun": "begin", "knew": "know", "known": "know", "sought": "seek",
    "struck": "strike", "chose": "choose", "chosen": "choose", "wrote": "write",
    "written": "write", "fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise",
    "children": "child", "men": "man", "women": "woman", "people": "person",
}  # fmt: skip

_stemmer = Stemmer.Stemmer("english")


def _ends_with_abbreviation(text: str, end: int) -> bool:
    """True when the period at text[end-1] closes an abbreviation or an initial."""
    start = end - 1
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"“'‘":
        start -= 1
    token = text[start:end].rstrip(".").lower()
    if not token:
        return False
    if token in ABBREVIATIONS:
        return True
    if text[start : end - 1] in NUMBER_ABBREVIATIONS and re.match(r"\s+\d", text[end:]):
        return True
    # Single initials ("S. Korea", "John F. Kennedy") and dotted acronyms ("U.S.", "D.C.").
    return bool(re.fullmatch(r"[a-z]|([a-z]\.)+[a-z]", token))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in text; a blank line always ends a sentence."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        base, body = para.start(), para.group()
        start = 0
        for match in _SENTENCE_END.finditer(body):
            end = match.end()
            single_period = match.group().rstrip("\"'”’)]") == "."
            if single_period and _ends_with_abbreviation(body, match.start() + 1):
                continue
            if end < len(body) and not _NEXT_STARTS_SENTENCE.match(body, end):
                continue
            if match.group()[-1:] in '"”' and _QUOTE_FRAME.match(body, end):
                continue
            _append_span(spans, body, base, start, end)
            start = end
        _append_span(spans, body, base, start, len(body))
    return spans


def _append_span(spans: list[tuple[int, int]], body: str, base: int, start: int, end: int) -> None:
    chunk = body[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((base + start + lead, base + start + lead + len(stripped)))


def split_sentences(text: str) -> list[str]:
    """The sentences of text, verbatim."""
    return [text[a:b] for a, b in sentence_spans(text)]


def words(text: str) -> list[str]:
    """Lower-cased word tokens. An acronym keeps its capitals where its lower case would be a
    stopword ("US", "U.S.", "IT", "WHO"), so that it is indexed and matched: "U.S. Open" and
    "US Open" are one name, and neither is the pronoun "us"."""
    text = _DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", ""), text)
    tokens = _WORD.findall(text)
    out = []
    for i, token in enumerate(tokens):
        low = token.lower().replace("’", "'")
        if low in STOPWORDS and is_acronym(token, tokens, i):
            out.append(token)
        else:
            out.append(low)
    return out


def is_acronym(token: str, tokens: list[str], i: int) -> bool:
    """Capitals only, and not inside a run of capitals (an all-caps headline)."""
    if len(token) < 2 or not token.isupper():
        return False
    neighbours = tokens[max(0, i - 1) : i] + tokens[i + 1 : i + 2]
    return not any(len(n) > 1 and n.isupper() for n in neighbours)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = word.split("'")[0].lower()  # an acronym ("US") past the stopword filter
    return str(_stemmer.stemWord(IRREGULAR.get(word, word)))


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stopwords, no question framing)."""
    return [
        stem(w) for w in words(text) if w not in STOPWORDS and w not in FRAMING_WORDS and len(w) > 1
    ]


def all_stems(text: str) -> list[str]:
    """Stems of every non-stopword, for lexical indexes."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def iter_paragraphs(text: str) -> Iterator[str]:
    for para in re.split(r"\n\s*\n", text):
        if para.strip():
            yield para.strip()
