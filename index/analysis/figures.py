"""Figures in the prose of an article: counts with the thing counted,
durations, ages, money, percentages and dates.

"over 28,800 people" is 28800 *people* qualified by "over"; "135-day pause" a
duration of 135 *day*; "17-year-old blockade" an age of 17 *year*; "over 100
Israeli hostages" 100 *hostage* (adjectives between number and noun are
skipped); "Six months" 6 *month*. A range is one figure from its low value to
its ``high`` one: "35 to 40 Israeli hostages", "between 10 and 15 people",
"10-12 trucks". An age is no count: "aged 19", "over the age of 60", "60
years old". Dates are month names with or without a day and year ("October
7", "November") and bare years; a weekday says when, not how many, and is
no figure; nor is "one" before a noun ("one question", "one official").

Only sentences are read (paragraphs and bullets), never headings or captions,
so a figure always belongs to a statement that comparison can align.
"""

from __future__ import annotations

import re

from ..model import Article, Figure
from ..text import NUMBER_WORDS, SMALL_NUMBER_WORDS

_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

QUALIFIERS = (
    "more than", "fewer than", "less than", "at least", "at most", "up to", "as many as", "close to",
    "just over", "just under", "well over", "an estimated", "estimated", "nearly", "almost", "about",
    "around", "roughly", "approximately", "some", "over", "under",
)
_CURRENCIES = {"$": "dollar", "US$": "dollar", "€": "euro", "£": "pound"}
_CURRENCY_NOUNS = frozenset("dollar euro pound shekel riyal dinar".split())
TIME_UNITS = frozenset("second minute hour day week month year decade".split())


def _capitalised_or_not(words: list[str]) -> str:
    """An alternation of lower-case ``words``, each also capitalised ("six",
    "Six"), grouped by first letter: at each word the regex engine tries one
    group rather than every word (a third faster over prose). Only words
    with one first letter can match at one place, and their order is kept,
    so it matches what the flat alternation would."""
    endings: dict[str, list[str]] = {}
    for word in words:
        endings.setdefault(word[0], []).append(word[1:])
    return "|".join(f"[{first.upper()}{first}](?:{'|'.join(rest)})" for first, rest in endings.items())


# The pattern is case-sensitive and starts with the number, which lets the
# regex engine skip quickly to candidates; the qualifier before is matched apart.
_WORD_NUMBER = _capitalised_or_not(sorted(NUMBER_WORDS, key=len, reverse=True))
_UNITS_DIGIT_WORD = "|".join(SMALL_NUMBER_WORDS[:9])
_QUALIFIER = "|".join(q.replace(" ", r"\s+") for q in QUALIFIERS)
_NUMBER = re.compile(
    r"(?P<currency>US\$|[$€£])?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w)|\d+(?:\.\d+)?(?!\w)"
    rf"|\b(?:{_WORD_NUMBER})(?:-(?:{_UNITS_DIGIT_WORD}))?\b)"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
    r"(?:(?P<percent>\s?%|\s+per\s?cent\b)|-(?P<compound>[a-z]+)(?P<old>-old)?\b)?"
)
_QUALIFIER_BEFORE = re.compile(rf"(?<!\w)(?:{_QUALIFIER})\s+$", re.IGNORECASE)
_QUALIFIER_REACH = max(map(len, QUALIFIERS)) + 4
_GLUED_BEFORE = frozenset("_.,$€£-")  # "F-16", "1.4" seen from its middle

_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan\\. Feb\\. Mar\\. Apr\\. Jun\\. Jul\\. Aug\\. Sept\\. Sep\\. Oct\\. Nov\\. Dec\\."
).split()
_MONTH = "|".join(_MONTHS)
_DATE = re.compile(
    rf"\b(?:(?P<day_first>\d{{1,2}})\s+(?P<month_after>{_MONTH})|(?P<month>{_MONTH})"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b)?)"
    r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
)
# Between two figures, what makes them one range; "and" only after "between".
_RANGE_JOIN = re.compile(r"\s*(?:to|-|–)\s*|\s+and\s+")
_BETWEEN_BEFORE = re.compile(r"(?<!\w)(?:between|from)\s+$", re.IGNORECASE)
# "10-12": a hyphen between two numbers joins a range, not a compound.
_DIGIT_RANGE = re.compile(r"(?<![\w.,\-])\d+[-–](?=\d+(?![\w\-]|[.,]\d))")
# What makes a number an age: "aged 19", "over the age of 60", "ages 18 to 60".
_AGE_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<qualifier>over|under|above|below)\s+the\s+age\s+of|aged?|ages)\s+$", re.IGNORECASE
)

# Words that may stand between a number and what it counts.
_ADJECTIVES = frozenset(
    """
    more other additional new former young old small large major key senior top foreign local civilian
    armed unarmed injured wounded displaced confirmed reported known registered separate different
    individual innocent elderly military humanitarian international aid relief further extra full
    """.split()
)
_INVARIANT_NOUNS = frozenset("people police staff personnel cattle livestock troops".split())
_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "lives": "life", "feet": "foot"}
_STOP = frozenset(
    "a an the of in on at to for from by with and or but as than that this these those is are was were be "
    "been has have had will would who which what when where while another".split()
)


def extract_figures(article: Article) -> list[Figure]:
    figures: list[Figure] = []
    for sentence in article.sentences:
        figures += _sentence_figures(article.text, sentence.start, sentence.end)
    return sorted(figures, key=lambda figure: figure.start)


def _sentence_figures(text: str, start: int, end: int) -> list[Figure]:
    sentence = text[start:end]
    found = [_date(match, start) for match in _DATE.finditer(sentence)]
    taken = [(figure.start, figure.end) for figure in found]
    range_ends = {match.end() for match in _DIGIT_RANGE.finditer(sentence)}
    numbers = []
    for match in _NUMBER.finditer(sentence):
        if any(s <= start + match.start("number") < e for s, e in taken):
            continue
        figure = _number(match, sentence, start, match.start() in range_ends)
        if figure:
            numbers.append(figure)
    return found + _ranges(numbers, sentence, start)


def _ranges(figures: list[Figure], sentence: str, offset: int) -> list[Figure]:
    """Each low figure joined to the high one after it ("35 to 40 hostages",
    "between 10 and 15 people") as one figure of the high one's kind."""
    joined: list[Figure] = []
    for figure in figures:
        low = joined[-1] if joined else None
        if low is None or low.high is not None or low.value is None or figure.value is None:
            joined.append(figure)
            continue
        gap = sentence[low.end - offset:figure.start - offset]
        join = _RANGE_JOIN.fullmatch(gap)
        between = _BETWEEN_BEFORE.search(sentence, 0, low.start - offset)
        if (
            not join
            or (join.group().strip() == "and" and not between)
            or low.unit not in ("", figure.unit)
            or figure.qualifier
            or low.value >= figure.value
        ):
            joined.append(figure)
            continue
        qualifier = low.qualifier or (between.group().strip().lower() if between else None)
        start = between.start() + offset if between and not low.qualifier else low.start
        kind = "age" if "age" in (low.kind, figure.kind) else figure.kind
        joined[-1] = Figure(low.value, figure.unit, kind, sentence[start - offset:figure.end - offset], start,
                            figure.end, qualifier, figure.value)
    return joined


def _date(match: re.Match, offset: int) -> Figure:
    day = match.group("day") or match.group("day_first")
    if day:
        value, unit = float(day), "day"
    elif match.group("year"):
        value, unit = float(match.group("year")), "month"
    else:
        value, unit = None, "month"
    return Figure(value, unit, "date", match.group(), match.start() + offset, match.end() + offset, None)


def _number_value(text: str) -> float:
    word = text.lower()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    if "-" in word:  # "twenty-five"
        tens, ones = word.split("-")
        return float(NUMBER_WORDS[tens] + NUMBER_WORDS[ones])
    return float(text.replace(",", ""))


def singular(noun: str) -> str:
    noun = noun.lower()
    if noun in _INVARIANT_NOUNS:
        return noun
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "xes", "sses")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun[:-1]
    return noun


def _is_plural(word: str) -> bool:
    lower = word.lower()
    return lower in _INVARIANT_NOUNS or lower in _IRREGULAR or (
        lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous")) and len(lower) > 2
    )


_WORD_AFTER = re.compile(r"\s+((?:[A-Z]\.){2,}|[A-Za-z][\w'’\-]*)")


def _word_before(sentence: str, position: int) -> str:
    words = sentence[:position].split()
    return words[-1].lower() if words else ""


# A number word after these does not count anything.
_NOT_COUNTING = frozenset("no the any every each this that which".split())


def _words_after(sentence: str, position: int, limit: int) -> list[tuple[str, int]]:
    """Up to ``limit`` words directly after ``position``, with their end offsets;
    punctuation ends the run."""
    words = []
    while len(words) < limit:
        match = _WORD_AFTER.match(sentence, position)
        if not match:
            break
        words.append((match.group(1), match.end(1)))
        position = match.end(1)
    return words


def _counted_noun(sentence: str, position: int, value: float) -> tuple[str, int] | None:
    """The noun a number counts, skipping adjectives ("100 Israeli hostages",
    "Two U.S. officials"); None when no noun follows."""
    for word, end in _words_after(sentence, position, 3):
        lower = word.lower()
        if lower in _STOP:
            return None
        singular_noun = value == 1 and word.islower() and not lower.endswith(("ing", "ed", "ly"))
        if _is_plural(word) or singular_noun or singular(lower) in TIME_UNITS:
            return word, end
        if not (word[:1].isupper() or lower in _ADJECTIVES):
            return None
    return None


def _number(match: re.Match, sentence: str, offset: int, ends_range: bool = False) -> Figure | None:
    """The figure a number starts; ``ends_range``: it is the "12" of "10-12"."""
    start = match.start()
    if start and not ends_range and (sentence[start - 1].isalnum() or sentence[start - 1] in _GLUED_BEFORE):
        return None
    number_text = match.group("number")
    is_word = number_text[:1].isalpha()
    if is_word and _word_before(sentence, match.start()) in _NOT_COUNTING:
        return None  # "no one", "the one holding up the deal"
    value = _number_value(number_text)
    if match.group("scale"):
        value = round(value * _SCALES[match.group("scale")], 6)
    before = _QUALIFIER_BEFORE.search(sentence, max(0, start - _QUALIFIER_REACH), start)
    qualifier = " ".join(before.group().lower().split()) if before else None
    end = match.end()
    age = _AGE_BEFORE.search(sentence, max(0, start - 24), start)
    if age and not match.group("compound") and not match.group("percent"):
        # "over the age of 60": an age of 60 qualified by "over".
        if age.group("qualifier"):
            qualifier = age.group("qualifier").lower()
        return Figure(_number_value(number_text), "year", "age", sentence[age.start():end], age.start() + offset,
                      end + offset, qualifier)
    if match.group("percent"):
        unit, kind = "percent", "percent"
    elif match.group("currency"):
        unit, kind = _CURRENCIES[match.group("currency")], "money"
    elif match.group("compound"):
        unit = singular(match.group("compound"))
        if match.group("old") and unit == "year":
            kind = "age"
        elif unit in TIME_UNITS:
            kind = "duration"
        elif is_word:
            return None  # "two-state solution": a word, not a figure
        else:
            kind = "count"
        head = _words_after(sentence, end, 1)
        if head and head[0][0].islower() and head[0][0] not in _STOP:
            end = head[0][1]  # the noun it qualifies: "135-day pause"
    else:
        noun = _counted_noun(sentence, end, value)
        if noun:
            unit = singular(noun[0])
            kind = "duration" if unit in TIME_UNITS else "money" if unit in _CURRENCY_NOUNS else "count"
            end = noun[1]
            if kind == "duration" and unit == "year" and re.match(r"\s+old\b", sentence[end:]):
                kind, end = "age", end + len(re.match(r"\s+old\b", sentence[end:]).group())  # "60 years old"
            elif kind == "count" and is_word and value == 1:
                return None  # "one question", "one official": an article, not a figure
        elif is_word and not match.group("scale"):
            return None  # "no one", "one of them"
        elif re.fullmatch(r"(?:19|20)\d\d", number_text) and not qualifier:
            unit, kind = "year", "date"
        else:
            unit, kind = "", "count"
    if before:
        start = before.start()
    return Figure(value, unit, kind, sentence[start:end], start + offset, end + offset, qualifier)
