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

import re

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

# Whole lines that are only a credit.
_CREDIT_LINE = re.compile(
    "|".join((
        rf"{_DASH}+\s*(?:{_AGENCY_PHRASE})(?:\s*/\s*{_NAME})?\.?",  # "— AFP", "-Reuters/Jane Roe"
        r"(?:File\s+)?(?:Photo|Image|Picture|Photograph|Video)s?(?:\s+credits?)?\s*:\s*\S.*",  # "Photo: …"
        r"(?:Credits?|Source)\s*:\s*\S.*",  # "Credit: REUTERS/Jane Roe"
        r"(?:Image|Photo|Video)\s+source\s*,\s*\S.*",  # the BBC's "Image source, Getty Images"
        r"(?:(?:Photo\s+)?credit\s*:?\s*)?©\s*\S.*",  # "© Jane Roe / Alamy"
        r"(?:File\s+)?(?:Photo|Image|Picture|Photograph)s?\s+(?:by|courtesy\s+of)\s+\S.*",  # "File Photo by …"
        rf"[\[(][^\[\]()]*(?:/|\b(?:{_AGENCY_PHRASE})\b)[^\[\]()]*[\])]\.?",  # "[Jane Roe/Anadolu Agency]"
        # A photographer with an agency: "REUTERS/Jane Roe", "Jane Roe | AFP", "Jane Roe—Anadolu Agency/Getty Images"
        (rf"(?:{_NAME}\s*(?:[/|·,]|{_DASH})\s*(?:{_AGENCY_PHRASE})|{_AGENCY})"
         rf"(?:\s*[/|·]\s*(?:{_NAME}|{_AGENCY_PHRASE}))*\.?"),
        rf"(?:{_AGENCY_PHRASE})\s*/\s*{_NAME}(?:\s*/\s*{_NAME})*\.?",
    )),
)
_MAX_CREDIT_WORDS = 14

# A credit closing a caption: "… on Feb. 17. REUTERS/Jane Roe", "… (AP Photo/Jane Roe)",
# "… [Jane Roe/Anadolu Agency]", "… Photo credit: Reuters.", "… File Photo by Jane Roe/UPI".
_CAPTION_CREDIT = re.compile(
    "|".join((
        r"\((?:[^()]*/[^()]*|[^()]*\b(?:Reuters|AP|AFP|Getty|EPA|Photo|Photograph|Image|Credit)\b[^()]*)\)",
        rf"\[[^\[\]]*(?:/|\b(?:{_AGENCY_PHRASE})\b)[^\[\]]*\]",
        rf"(?:File\s+)?(?:Photo|Image|Picture|Photograph)s?(?:\s+credits?)?\s*(?::|by\b)\s*{_CREDIT_NAMES}",
        rf"Credits?\s*:\s*{_CREDIT_NAMES}",
        rf"(?:{_AGENCY_PHRASE})\s*/\s*{_NAME}(?:\s*/\s*{_NAME})*",  # REUTERS/Jane Roe/Pool
        rf"{_NAME}\s*(?:/|{_DASH})\s*(?:{_AGENCY_PHRASE})(?:\s*/\s*(?:{_AGENCY_PHRASE}))*",  # Jane Roe/AFP
    ))
)
_CAPTION_END = re.compile(rf"(?:^|(?<=[.!?\s”\"]))\s*(?:{_CAPTION_CREDIT.pattern})\.?\s*$")
# A paragraph of wire copy ending in its agency: "…, officials said. — AFP".
_TRAILING_CREDIT = re.compile(rf"(?<=[.!?”\"’])\s+({_DASH}+\s*(?:{_AGENCY_PHRASE})\.?)\s*$")

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday)?\.?"
# The words of a timestamp: "Thu May 10, 2018 | 10:55am EDT", "17 February 2024, 10:30 GMT".
_TIMESTAMP_WORD = re.compile(
    rf"(?:\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?|{_MONTH}|{_WEEKDAY}|\d{{1,4}}(?:st|nd|rd|th)?|[AaPp]\.?[Mm]\.?"
    r"|[A-Z]{2,4}|UTC[+\-]?\d*|GMT[+\-]?\d*|[|,·•/\-–—]|updated|Updated|UPDATED|on|at|ago|hours?|minutes?|mins?)"
)
_PUBLISHED = re.compile(
    r"^(?:(?:First\s+)?Published|Posted|Released)(?:\s+on)?\s*:?\s*(?P<when>\S.*?)\.?\s*$", re.IGNORECASE
)
_UPDATED = re.compile(r"^(?:Last\s+)?(?:Updated|Modified)(?:\s+on)?\s*:?\s*\S", re.IGNORECASE)
# Who reported and edited: "(Reporting by Jane Roe; Editing by John Doe)",
# "Associated Press writer Jane Roe in Cairo contributed to this report."
_CONTRIBUTORS = re.compile(
    r"\(?(?:(?:Additional\s+)?[Rr]eporting|Writing|Editing|Compiled|Graphics)\s+by\b[^()]*\)?\.?"
    r"|[^.!?]*\bcontributed(?:\s+reporting)?(?:\s+to)?\s+(?:this|the)\s+(?:report|story|article)\.?"
)
_MAX_CONTRIBUTORS_WORDS = 40
_BY = re.compile(rf"^By\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)(?P<rest>.*)$")
_MAX_BYLINE_NAME_WORDS = 8

# A dateline: a place in capitals ("TEL AVIV", "GAZA CITY, Gaza Strip"), or any
# place followed by its agency in brackets, then an optional date, then a dash.
_CAPS_PLACE = r"[A-Z][A-Z.’'\-]{2,}(?:\s+[A-Z][A-Z.’'\-]+){0,3}"
_PLACE = rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}"
_REGION = rf"(?:,\s*{_PLACE}){{0,2}}"
_DATELINE_DATE = rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
_DATELINE = re.compile(
    rf"^(?:{_CAPS_PLACE}{_REGION}{_DATELINE_DATE}(?:,?\s*\((?:{_AGENCY_PHRASE})\))?"
    rf"|{_PLACE}{_REGION}{_DATELINE_DATE},?\s*\((?:{_AGENCY_PHRASE})\))"
    rf"\s*(?:{_DASH}+|:)(?=\s+\S|$)"
)


def is_credit(line: str) -> bool:
    """True when the whole line is a photo or agency credit."""
    return len(line.split()) <= _MAX_CREDIT_WORDS and _CREDIT_LINE.fullmatch(line.strip()) is not None


_LABELLED_CAPTION = re.compile(r"(?:Image|Photo|Video)\s+caption\s*,\s*\S")  # the BBC's "Image caption, …"


def is_caption(line: str) -> bool:
    """True when the line ends in a photo credit after words of its own, or
    is labelled a caption."""
    if _LABELLED_CAPTION.match(line):
        return True
    match = _CAPTION_END.search(line)
    return match is not None and bool(line[:match.start()].strip())


def trailing_credit(line: str) -> int | None:
    """Where a closing agency credit starts ("…, officials said. — AFP"), or None."""
    match = _TRAILING_CREDIT.search(line)
    return match.start(1) if match else None


def is_timestamp(line: str) -> bool:
    """True when the line is only dates and times, with a year or a time:
    "Thu May 10, 2018 | 10:55am EDT" (but "October 7" may be a heading)."""
    rest = _TIMESTAMP_WORD.sub(" ", line)
    return not rest.strip() and bool(re.search(r"\d{4}|\d[:.]\d\d", line)) and len(line.split()) <= 12


def published_date(line: str) -> str | None:
    """The date a "Published: …" line gives, as written."""
    match = _PUBLISHED.match(line.strip())
    if match and re.search(r"\d", match.group("when")) and len(match.group("when").split()) <= 10:
        return match.group("when")
    return None


def is_byline(line: str) -> bool:
    """A byline, a timestamp line or a "Published:"/"Updated:" line."""
    line = line.strip()
    if published_date(line) or (_UPDATED.match(line) and len(line.split()) <= 10 and re.search(r"\d", line)):
        return True
    if is_timestamp(line):
        return True
    if _CONTRIBUTORS.fullmatch(line) and len(line.split()) <= _MAX_CONTRIBUTORS_WORDS:
        return True
    by = _BY.match(line)
    if not by or len(by.group("names").split()) > _MAX_BYLINE_NAME_WORDS:
        return False
    rest = by.group("rest").strip()
    # After the names: nothing, a role ("Reuters staff"), or a timestamp.
    return not rest or is_timestamp(rest) or (len(rest.split()) <= 4 and not re.search(r"[.!?]$", rest))


def dateline_end(paragraph: str) -> int | None:
    """Where the sentence after an opening dateline starts, or None."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    rest = paragraph[match.end():]
    if not rest.strip():
        return match.end()
    return match.end() + len(rest) - len(rest.lstrip())
