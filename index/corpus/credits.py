"""Recognise the text around an article that is not the article: photo
credits, captions, bylines, timestamp lines and datelines.

Pages pasted as text keep them in the forms outlets print:

* a credit on its own line: "— AFP", "Photo credit: Reuters.", "File Photo by
  Jane Roe/UPI", "[Jane Roe/Anadolu Agency]", "REUTERS/Jane Roe", a
  photographer's name with an agency ("Jane Roe | AFP via Getty Images");
* a caption: a line that ends in such a credit;
* a byline: "By Jane Roe and John Doe", "By Thomson Reuters Feb 17, 2024 |
  1:41 PM", "(Reporting by Jane Roe; Editing by John Doe)", "… contributed to
  this report.", and lines of dates and times alone ("Published: 17 February
  2024");
* a dateline opening the first paragraph: "TEL AVIV (Reuters) -",
  "CAIRO, July 15 (Reuters) -", "GAZA CITY, Gaza Strip (AP) —", "BEIRUT —".

What counts as an agency is the names of news and photo agencies plus the
words their credits end in ("Images", "Photo", "Pool", "Handout").
"""

from __future__ import annotations

import functools
import re


class _CompiledOnFirstUse:
    """A regular expression compiled when first matched. The credit patterns
    hold every agency name and take ~50 ms to compile: a command that reads
    no article file (a search, a no-op refresh) should not pay that at start."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    @functools.cached_property
    def _compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    def __getattr__(self, name: str):
        return getattr(self._compiled, name)


# News and photo agencies whose names stand alone in credits.
_AGENCY_NAMES = (
    "Reuters", "REUTERS", "AP", "AP Photo", "Associated Press", "AFP", "Agence France-Presse", "Anadolu",
    "Anadolu Agency", "AA", "EPA", "EPA-EFE", "EFE", "UPI", "Xinhua", "WAFA", "Bloomberg", "dpa", "DPA",
    "ANSA", "Sipa", "SIPA", "TASS", "Yonhap", "Kyodo", "PA", "PA Media", "Press Association", "IRNA",
    "SPA", "WAM", "MENA", "KUNA", "APA", "Zuma", "ZUMA", "NurPhoto", "Alamy", "Shutterstock",
    "Getty", "Getty Images", "AFP via Getty Images", "SOPA Images", "LightRocket", "Pool", "POOL",
    "Handout", "HANDOUT", "Wikimedia Commons", "Courtesy", "File", "FILE", "Thomson Reuters",
)
# Words an agency's name may end in: "Middle East Images", "IDF Spokesperson's Unit".
_AGENCY_ENDINGS = ("Images", "Photo", "Photos", "Pictures", "Press", "Agency", "Pool", "Handout", "Unit",
                   "Office", "Media", "News", "Service", "Wire")
_AGENCY = "|".join(sorted((re.escape(name) for name in _AGENCY_NAMES), key=len, reverse=True))
_CAPITALISED = r"[A-Z][\w.’'\-]*"
_AGENCY_PHRASE = (
    rf"(?:{_AGENCY}|(?:{_CAPITALISED}\s+){{0,3}}(?:{'|'.join(_AGENCY_ENDINGS)}))"
    rf"(?:\s+via\s+(?:{_AGENCY}))?"
)
_DASH = r"[-–—]"
_NAME = rf"{_CAPITALISED}(?:\s+(?:{_CAPITALISED}|al|el|de|van|von|bin|ibn|da))*"
# Who a credit names: "Jane Roe/AFP via Getty Images", "Jane Roe for The Daily Post".
_CREDIT_NAMES = rf"(?:{_AGENCY_PHRASE}|{_NAME})(?:\s*(?:/|\bvia\b|\bfor\b)\s*(?:{_AGENCY_PHRASE}|{_NAME}))*"

# Inside brackets, a name on each side of a slash: "Reuters / Jane Roe", not "[/]" or "and/or".
_BRACKETED_SLASH = r"[^\[\]()/]*[A-Z][^\[\]()/]*/[^\[\]()]*[A-Z][^\[\]()]*"

# Whole lines that are only a credit.
_CREDIT_LINE = _CompiledOnFirstUse(
    "|".join((
        rf"{_DASH}+\s*(?:{_AGENCY_PHRASE})(?:\s*/\s*{_NAME})?\.?",  # "— AFP", "-Reuters/Jane Roe"
        r"(?:File\s+)?(?:Photo|Image|Picture|Photograph|Video)s?(?:\s+credits?)?\s*:\s*\S.*",  # "Photo: …"
        r"(?:Credits?|Source)\s*:\s*\S.*",  # "Credit: REUTERS/Jane Roe"
        r"(?:Image|Photo|Video)\s+source\s*,\s*\S.*",  # the BBC's "Image source, Getty Images"
        r"(?:(?:Photo\s+)?credit\s*:?\s*)?©\s*\S.*",  # "© Jane Roe / Alamy"
        r"(?:File\s+)?(?:Photo|Image|Picture|Photograph)s?\s+(?:by|courtesy\s+of)\s+\S.*",  # "File Photo by …"
        rf"[\[(](?:{_BRACKETED_SLASH}|[^\[\]()]*\b(?:{_AGENCY_PHRASE})\b[^\[\]()]*)[\])]\.?",  # "[Jane Roe/Anadolu Agency]"
        # A photographer with an agency: "REUTERS/Jane Roe", "Jane Roe | AFP", "Jane Roe—Anadolu Agency/Getty Images"
        (rf"(?:{_NAME}\s*(?:[/|·,]|{_DASH})\s*(?:{_AGENCY_PHRASE})|{_AGENCY})"
         rf"(?:\s*[/|·]\s*(?:{_NAME}|{_AGENCY_PHRASE}))*\.?"),
        rf"(?:{_AGENCY_PHRASE})\s*/\s*{_NAME}(?:\s*/\s*{_NAME})*\.?",
    )),
)
_MAX_CREDIT_WORDS = 14
_CREDIT_REACH = 160  # characters from a line's end within which its closing credit starts
_DASH_CHARACTER = re.compile(r"[-–—]")

# A credit closing a caption: "… on Feb. 17. REUTERS/Jane Roe", "… (AP Photo/Jane Roe)",
# "… [Jane Roe/Anadolu Agency]", "… Photo credit: Reuters.", "… File Photo by Jane Roe/UPI".
_CAPTION_CREDIT = "|".join((
        rf"\((?:{_BRACKETED_SLASH}|[^()]*\b(?:Reuters|AP|AFP|Getty|EPA|Photo|Photograph|Image|Credit)\b[^()]*)\)",
        rf"\[(?:{_BRACKETED_SLASH}|[^\[\]()]*\b(?:{_AGENCY_PHRASE})\b[^\[\]()]*)\]",
        rf"(?:File\s+)?(?:Photo|Image|Picture|Photograph)s?(?:\s+credits?)?\s*(?::|by\b)\s*{_CREDIT_NAMES}",
        rf"Credits?\s*:\s*{_CREDIT_NAMES}",
        rf"(?:{_AGENCY_PHRASE})\s*/\s*{_NAME}(?:\s*/\s*{_NAME})*",  # REUTERS/Jane Roe/Pool
        rf"{_NAME}\s*(?:/|{_DASH})\s*(?:{_AGENCY_PHRASE})(?:\s*/\s*(?:{_AGENCY_PHRASE}))*",  # Jane Roe/AFP
))
_CAPTION_CREDIT_TO_END = _CompiledOnFirstUse(rf"(?:{_CAPTION_CREDIT})\.?\s*")
_LABELLED_CAPTION = re.compile(r"(?:Image|Photo|Video)\s+caption\s*,\s*\S")  # the BBC's "Image caption, …"
_SENTENCE_END = re.compile(r"[.!?”\"]\s+")
# The capitalised words before a "/" or a dash: where "Jane Roe/AFP" starts.
_RUN_BEFORE = re.compile(r"(?:[A-Z][\w.’'\-]*\s+){0,4}[A-Z][\w.’'\-]*\s*$")
_CREDIT_KEYWORDS = ("Photo", "Image", "Picture", "Credit", "File")
_CREDIT_MARKS = ("(", "[", "/", "—", "–", " - ", *_CREDIT_KEYWORDS)
# A paragraph of wire copy ending in its agency: "…, officials said. — AFP".
_TRAILING_CREDIT = _CompiledOnFirstUse(rf"(?<=[.!?”\"’])\s+({_DASH}+\s*(?:{_AGENCY_PHRASE})\.?)\s*$")

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday)?\.?"
# The words of a timestamp: "Thu May 10, 2018 | 10:55am EDT", "17 February 2024, 10:30 GMT".
_TIMESTAMP_WORD = _CompiledOnFirstUse(
    rf"(?:\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?|{_MONTH}|{_WEEKDAY}|\d{{1,4}}(?:st|nd|rd|th)?|[AaPp]\.?[Mm]\.?"
    r"|[A-Z]{2,4}|UTC[+\-]?\d*|GMT[+\-]?\d*|[|,·•/\-–—]|updated|Updated|UPDATED|on|at|ago|hours?|minutes?|mins?)"
)
_MAX_TIMESTAMP_WORDS = 12
_PUBLISHED = re.compile(
    r"^(?:(?:First\s+)?Published|Posted|Released)(?:\s+on)?\s*:?\s*(?P<when>\S.*?)\.?\s*$", re.IGNORECASE
)
_DATED_LINE = re.compile(r"(?:First\s+)?(?:Published|Posted|Released|Last|Updated|Modified)\b", re.IGNORECASE)
_UPDATED = re.compile(r"^(?:Last\s+)?(?:Updated|Modified)(?:\s+on)?\s*:?\s*\S", re.IGNORECASE)
# Who reported and edited: "(Reporting by Jane Roe; Editing by John Doe)",
# "Associated Press writer Jane Roe in Cairo contributed to this report."
_CONTRIBUTORS = re.compile(
    r"\(?(?:(?:Additional\s+)?[Rr]eporting|Writing|Editing|Compiled|Graphics)\s+by\b[^()]*\)?\.?"
    r"|[^.!?]*\bcontributed(?:\s+reporting)?(?:\s+to)?\s+(?:this|the)\s+(?:report|story|article)\.?"
)
_MAX_CONTRIBUTORS_WORDS = 40
_BY = _CompiledOnFirstUse(rf"^By\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)(?P<rest>.*)$")
_MAX_BYLINE_NAME_WORDS = 8

# A dateline: a place in capitals ("TEL AVIV", "GAZA CITY, Gaza Strip"), or any
# place followed by its agency in brackets, then an optional date, then a dash.
_CAPS_PLACE = r"[A-Z][A-Z.’'\-]{2,}(?:\s+[A-Z][A-Z.’'\-]+){0,3}"
_PLACE = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}"
_REGION = rf"(?:,\s*{_PLACE}){{0,2}}"
_DATELINE_DATE = rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
_DATELINE_HINT = re.compile(r"[-–—:(]")
_DATELINE_REACH = 90  # characters: "GAZA CITY, Gaza Strip, Feb. 17 (Reuters) —" and more
_DATELINE = _CompiledOnFirstUse(
    rf"^(?:{_CAPS_PLACE}{_REGION}{_DATELINE_DATE}(?:,?\s*\((?:{_AGENCY_PHRASE})\))?"
    rf"|{_PLACE}{_REGION}{_DATELINE_DATE},?\s*\((?:{_AGENCY_PHRASE})\))"
    rf"\s*(?:{_DASH}+|:)(?=\s+\S|$)"
)


def is_credit(line: str) -> bool:
    """True when the whole line is a photo or agency credit."""
    return len(line.split()) <= _MAX_CREDIT_WORDS and _CREDIT_LINE.fullmatch(line.strip()) is not None


def is_caption(line: str) -> bool:
    """True when the line ends in a photo credit after words of its own, or
    is labelled a caption."""
    if _LABELLED_CAPTION.match(line):
        return True
    # A closing credit starts at a bracket, a keyword, a sentence's end or
    # the name before a "/" or a dash: trying those few places (near the
    # end: a credit is short) rather than every one keeps a long line cheap.
    tail = max(1, len(line) - _CREDIT_REACH)
    ending = line[tail:]
    if not any(mark in ending for mark in _CREDIT_MARKS):
        return False  # most lines: a credit has a bracket, a slash, a dash or a keyword
    return any(_CAPTION_CREDIT_TO_END.fullmatch(line, start) for start in _credit_starts(line, tail))


def _credit_starts(line: str, tail: int) -> list[int]:
    """Where, after ``tail``, a closing credit may start."""
    starts = {line.rfind("("), line.rfind("[")} | {line.rfind(keyword) for keyword in _CREDIT_KEYWORDS}
    ends = list(_SENTENCE_END.finditer(line, tail))
    if ends:
        starts.add(ends[-1].end())
    for mark in "/—–":
        at = line.rfind(mark)
        if at > tail:
            run = _RUN_BEFORE.search(line, max(tail, at - 80), at)
            if run:  # any of its words may start the credit: "in Rafah REUTERS/Jane Roe"
                starts.update(word.start() for word in re.finditer(r"\S+", line[:at]) if word.start() >= run.start())
    return sorted(start for start in starts if start >= tail and line[:start].strip())


def trailing_credit(line: str) -> int | None:
    """Where a closing agency credit starts ("…, officials said. — AFP"), or None."""
    tail = max(0, len(line) - _CREDIT_REACH)
    if not _DASH_CHARACTER.search(line, tail):
        return None
    match = _TRAILING_CREDIT.search(line, tail)
    return match.start(1) if match else None


def is_timestamp(line: str) -> bool:
    """True when the line is only dates and times, with a year or a time:
    "Thu May 10, 2018 | 10:55am EDT" (but "October 7" may be a heading)."""
    if len(line.split()) > _MAX_TIMESTAMP_WORDS:
        return False
    rest = _TIMESTAMP_WORD.sub(" ", line)
    return not rest.strip() and bool(re.search(r"\d{4}|\d[:.]\d\d", line))


def published_date(line: str) -> str | None:
    """The date a "Published: …" line gives, as written."""
    match = _PUBLISHED.match(line.strip())
    if match and re.search(r"\d", match.group("when")) and len(match.group("when").split()) <= 10:
        return match.group("when")
    return None


def is_byline(line: str) -> bool:
    """A byline, a timestamp line or a "Published:"/"Updated:" line."""
    line = line.strip()
    if len(line.split()) > _MAX_CONTRIBUTORS_WORDS:
        return False  # longer than any byline: a paragraph
    if _DATED_LINE.match(line) and (
        published_date(line) or (_UPDATED.match(line) and len(line.split()) <= 10 and re.search(r"\d", line))
    ):
        return True
    if is_timestamp(line):
        return True
    if ("contributed" in line or line.startswith(("(", "Reporting", "Additional", "Writing", "Editing"))) and (
        _CONTRIBUTORS.fullmatch(line)
    ):
        return True
    if not line.startswith("By "):
        return False
    by = _BY.match(line)
    if not by or len(by.group("names").split()) > _MAX_BYLINE_NAME_WORDS:
        return False
    rest = by.group("rest").strip()
    # After the names: nothing, a role ("Reuters staff"), or a timestamp.
    return not rest or is_timestamp(rest) or (len(rest.split()) <= 4 and not re.search(r"[.!?]$", rest))


def dateline_end(paragraph: str) -> int | None:
    """Where the sentence after an opening dateline starts, or None."""
    if not _DATELINE_HINT.search(paragraph, 0, _DATELINE_REACH):
        return None  # no dash, colon or agency near the start: most paragraphs
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    rest = paragraph[match.end():]
    if not rest.strip():
        return match.end()
    return match.end() + len(rest) - len(rest.lstrip())
