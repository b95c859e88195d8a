"""The Whoosh schema and the analyzers behind it.

The schema is pickled into the index, so every class in it must stay
importable by its name (``OnePassText``, ``DomainParts`` and ``Compounds`` here; the rest are Whoosh's). An
index that cannot be unpickled is rebuilt, as any unreadable one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from whoosh import analysis, columns, fields, formats
from whoosh.analysis.filters import Filter, StopFilter
from whoosh.analysis.morph import StemFilter
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

# Bump when the schema or what is stored changes, or when a class the
# pickled schema names moves to another module: an index with another
# version is rebuilt from the articles. 6: the engine's modules became
# packages (this module was index.schema). 7: summary_only stored (feed
# items and news-API records without their full text). 8: entities linked
# anew (issue 13: titles, datelines, acronyms, languages), so stored
# entities are redone. 9: hyphenated compounds are indexed closed and by
# their parts ("cease-fire": ceasefire, cease, fire). 10: published_day,
# the day for sorting and published: ranges; the record keeps when a page
# was fetched. 11: each record carries the MinHash signature of its text
# (syndicated copies). 12: entities named in the headline (Entity.headline).
# 13: the engine installed as ceasefire_tui.index (the pickled analyzers' paths).
SCHEMA_VERSION = 13

# Whoosh's token pattern (``[\w\*]+(\.?[\w\*]+)*``, "U.S" one token), with a
# hyphen between two letters joining a compound ("cease-fire", "Abu-Marzouk";
# not "F-16" or "10-12"). Non-capturing, so that ``findall`` returns tokens.
TOKEN_EXPRESSION = r"[\w*]+(?:(?:\.|(?<=[^\W\d_])-(?=[^\W\d_]))[\w*]+)*"
_TOKEN = re.compile(TOKEN_EXPRESSION)


class Compounds(Filter):
    """A hyphenated compound is one word whichever way it is written. At
    indexing, "cease-fire" is its closed form "ceasefire" and its parts
    "cease" and "fire", all at the compound's one position: ``ceasefire``
    finds it, and so do ``cease`` and the phrase "lasting ceasefire now". In
    a query it is the closed form (query.py also lets the parts match).
    ``stop``: the StopFilter whose words (and shortest length) no part may be."""

    def __init__(self, stop: StopFilter | None = None) -> None:
        self.stop = stop

    def __call__(self, tokens):
        for token in tokens:
            if "-" not in token.text:
                yield token
                continue
            whole = token.text
            token.text = whole.replace("-", "")
            yield token
            if token.mode == "index":
                for part in compound_parts(whole, self.stop):
                    token.text = part
                    yield token
            token.text = whole


def compound_parts(word: str, stop: StopFilter | None) -> list[str]:
    """The distinct parts of a hyphenated ``word`` that are indexed beside
    its closed form (those ``stop`` would not drop)."""
    parts = []
    for part in word.split("-"):
        if part in parts or part == word.replace("-", ""):
            continue
        if stop is None or (len(part) >= stop.min and (stop.max is None or len(part) <= stop.max)
                            and part not in stop.stops):
            parts.append(part)
    return parts


_STOPS = StopFilter()
# Stemmed, stop words removed: "fighting" finds "fight". Accents folded.
STEMMED = (analysis.RegexTokenizer(_TOKEN) | analysis.LowercaseFilter() | _STOPS | Compounds(_STOPS)
           | StemFilter(cachesize=50000) | analysis.CharsetFilter(accent_map))
# Every word as written (lower-cased, accents folded): exact names, phrases
# with stop words, fuzzy matching and spelling suggestions.
EXACT = analysis.RegexTokenizer(_TOKEN) | analysis.LowercaseFilter() | Compounds() | analysis.CharsetFilter(accent_map)


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        path=fields.ID(stored=True, sortable=True),
        # "mtime_ns:size" of the file when it was read: the cheap change check.
        stamp=fields.ID(stored=True, sortable=True),
        content_hash=fields.ID(stored=True),
        title=fields.TEXT(analyzer=STEMMED, stored=True, phrase=True),
        source=fields.TEXT(analyzer=EXACT | DomainParts(), stored=True),
        # One value per outlet for counting results per outlet without
        # loading stored documents.
        source_key=fields.ID(sortable=True),
        published=fields.STORED(),  # as the file gives it
        # The day it names, YYYY-MM-DD (or YYYY-MM, YYYY): text that sorts and
        # compares as dates do, for sorting by date and published: ranges.
        published_day=fields.ID(sortable=True),
        url=fields.STORED(),
        # Present (True) only on articles that are a summary, not the full text.
        summary_only=fields.STORED(),
        # No positions: phrases are matched on ``exact`` (query.py routes
        # them there), so positions here would only slow the build.
        body=OnePassText("stemmed", analyzer=STEMMED, phrase=False),
        exact=OnePassText("exact", analyzer=EXACT, phrase=True),
        # One keyword per canonical entity name, lower-cased.
        entities=fields.KEYWORD(commas=True, lowercase=True, scorable=True),
        # The analysed article as JSON (UTF-8, compressed), in two columns
        # rather than stored fields: a hit reads only its small stored fields
        # and ``text`` (the text and its sentence offsets, for the snippet);
        # opening an article reads both. Stored fields are one pickled dict
        # per document, so a big record there would be read with every hit.
        text=fields.COLUMN(columns.CompressedBytesColumn()),
        record=fields.COLUMN(columns.CompressedBytesColumn()),
    )


class DomainParts(Filter):
    """At indexing, a dotted word also as each of its parts, at the same
    position: ``source:cnbc`` finds the outlet ``cnbc.com`` and
    ``source:aljazeera`` ``www.aljazeera.com``, while ``source:cnbc.com``
    and phrases of the outlet's words match as before (a query's words are
    not split)."""

    def __call__(self, tokens):
        for token in tokens:
            yield token
            if token.mode != "index" or "." not in token.text:
                continue
            whole = token.text
            for part in whole.split("."):
                if part:
                    token.text = part
                    yield token
            token.text = whole


class OnePassText(fields.TEXT):
    """A text field indexed as its analyzer would index it, from one
    tokenisation shared by the fields given the same text.

    ``body`` (stemmed) and ``exact`` (as written) index the same article
    text. Whoosh runs each analyzer through a chain of generators, a token
    object per word per field: that was most of the cost of indexing an
    article. Here the text is split once, and each field derives its terms
    from the words with the same steps its analyzer takes (lower-case; for
    ``stemmed`` drop stop words and stem; fold accents). Searching, and any
    value that is not a plain string, use the analyzer itself.
    tests/test_schema.py checks the postings are the analyzer's, byte for byte.
    """

    def __init__(self, kind: str, **options) -> None:
        if kind not in ("stemmed", "exact"):
            raise ValueError(f"unknown kind of one-pass text field: {kind}")
        super().__init__(**options)
        self.kind = kind

    def index(self, value, **kwargs):
        encoding = type(self.format)
        if not isinstance(value, str) or encoding not in _ONE_PASS_ENCODINGS[self.kind]:
            return super().index(value, **kwargs)
        words = _lowered_words(value)
        compounds = "-" in value  # rare: the plain path stays as fast as without them
        terms, positions = (_stemmed if self.kind == "stemmed" else _exact)(words, compounds)
        if encoding is formats.Positions:
            return _positions(terms, positions, self.format)
        return _frequencies(terms, self.format.field_boost)


# The encodings done here. Positions of stemmed terms are not: Whoosh
# renumbers them around the stop words dropped.
_ONE_PASS_ENCODINGS = {"stemmed": (formats.Frequency,), "exact": (formats.Frequency, formats.Positions)}


_last_split: tuple[str, list[str]] = ("", [])


def _lowered_words(text: str) -> list[str]:
    """The tokens of ``text`` lower-cased, the last text's kept for the next field."""
    global _last_split
    last_text, last_words = _last_split
    if text is last_text or text == last_text:
        return last_words
    words = [word.lower() for word in _TOKEN.findall(text)]
    _last_split = (text, words)
    return words


def _folded(words) -> dict[str, str]:
    return {word: word.translate(accent_map) for word in set(words)}


def _with_compounds(words: list[str], stop: StopFilter | None) -> tuple[list[str], list[int]]:
    """The terms as :class:`Compounds` gives them, and the position of each:
    a compound's closed form at its place, its parts after the other words."""
    terms = list(words)
    positions = list(range(len(words)))
    for position in [index for index, word in enumerate(words) if "-" in word]:
        word = words[position]
        terms[position] = word.replace("-", "")
        for part in compound_parts(word, stop):
            terms.append(part)
            positions.append(position)
    return terms, positions


def _exact(words: list[str], compounds: bool) -> tuple[list[str], list[int] | None]:
    """What EXACT makes of the lower-cased words (accents folded), and each
    term's position (None: each is at its index)."""
    positions = None
    if compounds:
        words, positions = _with_compounds(words, None)
    folded = _folded(words)
    return [folded[word] for word in words], positions


_STOP = next(item for item in STEMMED.items if isinstance(item, StopFilter))
_STEM = next(item for item in STEMMED.items if isinstance(item, StemFilter))


def _stemmed(words: list[str], compounds: bool) -> tuple[list[str], list[int] | None]:
    """What STEMMED makes of the lower-cased words (the order is kept), and
    each term's position among the words kept (None: each is at its index)."""
    stops, shortest, longest = _STOP.stops, _STOP.min, _STOP.max
    stem, unstemmed = _STEM._stem, _STEM.ignore
    kept = [word for word in words
            if len(word) >= shortest and (longest is None or len(word) <= longest) and word not in stops]
    positions = None
    if compounds:
        kept, positions = _with_compounds(kept, _STOP)
    stems = {word: stem(word) if word not in unstemmed else word for word in set(kept)}
    folded = _folded(list(stems.values()))
    return [folded[stems[word]] for word in kept], positions


def _frequencies(terms: list[str], boost: float):
    """(term bytes, frequency, weight, encoded value) as Whoosh's Frequency format gives them."""
    return [(term.encode("utf-8"), count, float(count) * boost, pack_uint(count))
            for term, count in Counter(terms).items()]


def _positions(terms: list[str], at: list[int] | None, encoding: formats.Positions):
    """(term bytes, frequency, weight, encoded positions) as Whoosh's Positions
    format gives them; ``at``: each term's position (None: its index)."""
    positions: dict[str, list[int]] = defaultdict(list)
    for position, term in enumerate(terms) if at is None else zip(at, terms):
        positions[term].append(position)
    if at is not None:  # a compound's parts come last, out of order
        for places in positions.values():
            places.sort()
    return [(term.encode("utf-8"), len(places), float(len(places)) * encoding.field_boost, encoding.encode(places))
            for term, places in positions.items()]
