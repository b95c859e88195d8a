"""The Whoosh schema and the analyzers behind it.

Only built-in Whoosh analyzer classes are used: the schema is pickled into the
index, so every class in it must stay importable by that name.
"""

from __future__ import annotations

from whoosh import analysis, columns, fields
from whoosh.support.charset import accent_map

# Bump when the schema or what is stored changes: an index with another
# version is rebuilt from the articles.
SCHEMA_VERSION = 3

# Stemmed, stop words removed: "fighting" finds "fight". Accents folded.
STEMMED = analysis.StemmingAnalyzer() | analysis.CharsetFilter(accent_map)
# Every word as written (lower-cased, accents folded): exact names, phrases
# with stop words, fuzzy matching and spelling suggestions.
EXACT = analysis.RegexTokenizer() | analysis.LowercaseFilter() | analysis.CharsetFilter(accent_map)
# The same tokens as Whoosh's analyzers see them, for highlighting.
TOKEN_PATTERN = analysis.RegexTokenizer().expression


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        path=fields.ID(stored=True, sortable=True),
        # "mtime_ns:size" of the file when it was read: the cheap change check.
        stamp=fields.ID(stored=True, sortable=True),
        content_hash=fields.ID(stored=True),
        title=fields.TEXT(analyzer=STEMMED, stored=True, phrase=True),
        source=fields.TEXT(analyzer=EXACT, stored=True),
        # One value per outlet for counting results per outlet without
        # loading stored documents.
        source_key=fields.ID(sortable=True),
        published=fields.ID(stored=True, sortable=True),
        # No positions: phrases are matched on ``exact`` (search.py routes
        # them there), so positions here would only slow the build.
        body=fields.TEXT(analyzer=STEMMED, phrase=False),
        exact=fields.TEXT(analyzer=EXACT, phrase=True),
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
