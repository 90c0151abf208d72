"""Turn an article's raw text into its story text and metadata.

Every paragraph kept is a verbatim run of the input (at most a dateline prefix is cut off, and the
line breaks of a hard-wrapped paragraph become spaces), so a sentence quoted from the clean text
can be found word for word, up to white space, in the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from index.text import content_stems, split_sentences

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Outlets recognised when they are named in boilerplate (datelines, footers, sign-up blurbs).
KNOWN_OUTLETS = (
    "Yonhap News Agency", "Yonhap", "Reuters", "Associated Press", "AP", "AFP",
    "Agence France-Presse", "Stars and Stripes", "BBC", "CNN", "Bloomberg", "Al Jazeera",
    "The New York Times", "The Washington Post", "The Wall Street Journal", "Financial Times",
    "The Guardian", "NPR", "NBC News", "CBS News", "ABC News", "Fox News", "Politico", "Axios",
    "Kyodo", "Xinhua", "TASS", "NHK", "Nikkei Asia", "The Korea Herald", "The Korea Times",
    "Korea JoongAng Daily", "The Chosun Ilbo", "USA Today", "CNBC", "The Hill", "Sindonews",
)  # fmt: skip

# One name per outlet, so sources list "Yonhap" whether the text said "Yonhap News Agency" or not.
OUTLET_ALIASES = {
    "yonhap news agency": "Yonhap", "associated press": "AP", "the associated press": "AP",
    "agence france-presse": "AFP", "thomson reuters": "Reuters",
}  # fmt: skip

_DATE_LINE = re.compile(r"^\s*(?:date|published|updated)\s*:?\s+(\d{4}-\d{2}-\d{2})\b(.*)$", re.I)
# A line ending so ends its sentence (or introduces what follows, "He said:").
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’'…)\]|]$")
# List items, headings and quote blocks of markdown or plain text stand alone.
_STANDS_ALONE = re.compile(r"^(?:[-*•#>|]|\d+[.)]\s)")
# A hard-wrapped line fills most of the text's width; a headline above the story does not.
# Definitions, not tuned: wrapped text is set at 60-80 characters, a line of it is rarely
# shorter than 70% of the longest, and a headline is a few words.
_WRAPPED_SHARE = 0.7
_MIN_WRAPPED = 40
_HEADER = re.compile(r"^\s*(title|source|url|link|author|by|byline|outlet)\s*:\s*(.+?)\s*$", re.I)
_BYLINE = re.compile(
    r"^\s*By\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:\s*(?:,|and)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*)\s*$"
)
_EDITOR_NOTE = re.compile(r"\((?:ATTN|EDITOR'?S? NOTE|EDS?)\b[^)]*\)", re.I)
_WIRE_TAG = re.compile(r"^\((?:LEAD|URGENT|\d+(?:st|nd|rd|th) LD|[A-Z][A-Za-z ]{2,30})\)\s+")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,40}?)"
    r"(?:,\s*(?P<month>[A-Z][a-z]{2,4})\.?\s+(?P<day>\d{1,2}))?"
    r"(?:,?\s*\((?P<outlet>[A-Za-z][\w .&'-]{1,40})\))?"
    r"(?:\s*(?:--|–|—|-)\s+|,\s+(?=[A-Z]))"
)
_LEADING_WIRE = re.compile(r"^\((?P<outlet>[A-Z][\w .&'-]{1,40})\)\s*(?:--|–|—|-)\s+")
_PHOTO_CREDIT = re.compile(r"(?:\([^()]*/[^()]*\)|Photo/Illustration|\(Photo[^)]*\)|Photo:.*)\s*$")
_CAPTION_DATE = re.compile(
    r"\b(?:on\s+)?(?:[A-Z][a-z]+day,\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}"
    r"(?:,\s+in\s+[A-Z][\w. ]+)?\.$"
)
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})\s+(?:is|was)\s+"
    r"(?:based in|a\s+(?:staff\s+)?(?:reporter|correspondent|writer|editor|journalist))\b"
)
_BOILERPLATE = re.compile(
    r"^(?:loading(?:…|\.\.\.)?|advertisement|sign up\b.*|subscribe\b.*|read more\b.*|"
    r"click here\b.*|follow us\b.*|share this\b.*|all rights reserved.*|copyright\b.*|©.*|"
    r"\(reporting by\b.*|reporting by\b.*|editing by\b.*|related:.*|recommended:.*)$",
    re.I,
)
_INLINE_JUNK = re.compile(r"\s*\b(?:loading(?:…|\.\.\.))", re.I)


@dataclass
class CleanArticle:
    """The story text of an article and the metadata found in it."""

    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None
    url: str | None = None
    dateline: str | None = None  # the place a wire story is filed from ("Seoul")
    removed: list[str] = field(default_factory=list)

    def display_title(self) -> str:
        """The headline, or the start of the lead sentence when the text has none."""
        if self.title:
            return self.title
        sentences = split_sentences(self.text)
        lead = sentences[0] if sentences else self.text
        return shorten(lead, 90)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _find_outlet(text: str) -> str | None:
    for name in KNOWN_OUTLETS:
        if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            return name
    return None


def _iso_date(year: int | None, month: str | None, day: str | None) -> str | None:
    if not (year and month and day):
        return None
    number = MONTHS.get(month[:3].lower())
    if not number:
        return None
    try:
        return date(year, number, int(day)).isoformat()
    except ValueError:
        return None


def _is_headline(para: str) -> bool:
    words = para.split()
    return 2 <= len(words) <= 25 and not re.search(r"[.!?”\"]$", para) and "\n" not in para


def _overlap_with(para: str, others: list[str]) -> float:
    mine = set(content_stems(para))
    if not mine:
        return 0.0
    rest: set[str] = set()
    for other in others:
        rest.update(content_stems(other))
    return len(mine & rest) / len(mine)


def _is_caption(para: str, others: list[str]) -> bool:
    """A photo caption: a credit at the end, or a dated scene that repeats the story."""
    if _PHOTO_CREDIT.search(para):
        return True
    first = split_sentences(para)[0] if para else ""
    return bool(_CAPTION_DATE.search(first)) and _overlap_with(para, others) >= 0.6


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs. A blank line ends one, and so does the end of a line that ends a
    sentence: exports often put one paragraph on each line, with no blank line between. A line
    that stops mid-sentence runs on into the next one when that one goes on in lower case, or
    when the line is as long as the text's wrapped lines (plain-text mail, PDF text): "will cost
    12 million" + "crowns." is one sentence. Header lines ("Source: ...") and list items stand
    alone. The line break becomes a space."""
    out: list[str] = []
    lines = [line.strip() for line in text.split("\n")]
    width = max((len(line) for line in lines), default=0)
    for i, line in enumerate(lines):
        if not line:
            continue
        before = lines[i - 1] if i else ""
        if out and before and _runs_on(before, line, width):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _runs_on(line: str, following: str, width: int) -> bool:
    """The line's sentence goes on in the following line."""
    if _ENDS_SENTENCE.search(line) or _STANDS_ALONE.match(line) or _STANDS_ALONE.match(following):
        return False
    if _HEADER.match(line) or _HEADER.match(following) or _DATE_LINE.match(following):
        return False
    wrapped = len(line) >= max(_MIN_WRAPPED, _WRAPPED_SHARE * width)
    return following[:1].islower() or wrapped


def clean_article(raw: str, *, title: str | None = None, outlet: str | None = None,
                  published: str | None = None, byline: str | None = None,
                  url: str | None = None) -> CleanArticle:  # fmt: skip
    """Split raw text into story paragraphs and metadata; keyword arguments take precedence."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    reading = _Reading({
        "title": title, "outlet": outlet, "published": published, "byline": byline, "url": url,
        "dateline": None,
    })  # fmt: skip
    story = reading.story(reading.body(paragraphs(text)))
    reading.read_lead(story)
    meta = reading.meta
    reading.setdefault("outlet", _find_outlet("\n".join(reading.boiler_text)))
    if meta["outlet"]:
        meta["outlet"] = OUTLET_ALIASES.get(meta["outlet"].lower(), meta["outlet"])
    return CleanArticle(
        text="\n\n".join(story),
        title=meta["title"],
        outlet=meta["outlet"],
        published=meta["published"],
        byline=meta["byline"],
        url=meta["url"],
        dateline=meta["dateline"],
        removed=reading.removed,
    )


@dataclass
class _Reading:
    """What clean_article reads off an article as it goes: its metadata, and the paragraphs it
    removes (the boilerplate among them, where an outlet may be named)."""

    meta: dict[str, str | None]
    removed: list[str] = field(default_factory=list)
    boiler_text: list[str] = field(default_factory=list)

    def setdefault(self, key: str, value: str | None) -> None:
        if value and not self.meta.get(key):
            self.meta[key] = value.strip()

    def body(self, paras: list[str]) -> list[str]:
        """The paragraphs left once metadata, boilerplate, photo credits and the headline are
        read off."""
        body: list[str] = []
        for index, original in enumerate(paras):
            para = self._without_metadata(original)
            if not para:
                if original.strip():
                    self.removed.append(original)
                continue
            if _BOILERPLATE.match(para) or re.fullmatch(r"[\W_]*[A-Z0-9 '’\"-]{3,60}[\W_]*", para):
                self.removed.append(para)
                self.boiler_text.append(para)
                continue
            if _PHOTO_CREDIT.search(para):
                self.removed.append(para)
                continue
            if not body and not self.meta["title"] and index < 4 and _is_headline(para):
                self.meta["title"] = _WIRE_TAG.sub("", para).strip()
                continue
            body.append(para)
        return body

    def _without_metadata(self, para: str) -> str:
        """The paragraph less the metadata it carries (a date line, a byline, a header line),
        which goes to meta."""
        if match := _DATE_LINE.match(para):
            self.setdefault("published", match.group(1))
            para = match.group(2).strip()
        para = _EDITOR_NOTE.sub("", para).strip()
        para = _INLINE_JUNK.sub("", para).strip()
        if by := _BYLINE.match(para):
            self.setdefault("byline", by.group(1))
            return ""
        if match := _HEADER.match(para):
            key, value = match.group(1).lower(), match.group(2)
            if key in ("url", "link") or (key == "source" and value.startswith("http")):
                self.setdefault("url", value)
            elif key == "source" or key == "outlet":
                self.setdefault("outlet", value)
            elif key in ("author", "by", "byline"):
                self.setdefault("byline", value)
            else:
                self.setdefault("title", value)
            return ""
        return para

    def story(self, body: list[str]) -> list[str]:
        """The body less captions and paragraphs another one repeats."""
        story: list[str] = []
        for i, para in enumerate(body):
            others = body[:i] + body[i + 1 :]
            if _is_caption(para, others) or any(
                o.startswith(para.rstrip(".")) and o != para for o in others
            ):
                self.removed.append(para)
                continue
            if (bio := _BIO.match(para)) and i >= len(body) - 3:  # an author bio at the end
                # names the author, and stays: "Who is X?" and "Where did X study?" ask it
                self.setdefault("byline", bio.group("name"))
                self.boiler_text.append(para)
            story.append(para)
        return story

    def read_lead(self, story: list[str]) -> None:
        """A wire tag or a dateline opening the story goes to meta, and off the story."""
        if not story:
            return
        year = int(self.meta["published"][:4]) if self.meta["published"] else None
        if wire := _LEADING_WIRE.match(story[0]):
            self.setdefault("outlet", wire.group("outlet"))
            story[0] = story[0][wire.end() :]
        elif (line := _DATELINE.match(story[0])) and len(line.group("place").split()) <= 3:
            self.setdefault("dateline", line.group("place").strip().title())
            self.setdefault("outlet", line.group("outlet"))
            self.setdefault("published", _iso_date(year, line.group("month"), line.group("day")))
            story[0] = story[0][line.end() :]
