"""The Whoosh schema and the analyzers behind it.

Only built-in Whoosh analyzer classes are used: the schema is pickled into the
index, so every class in it must stay importable by that name.
"""

from __future__ import annotations

from whoosh import analysis, fields
from whoosh.support.charset import accent_map

# Bump when the schema or what is stored changes: an index with another
# version is rebuilt from the articles.
SCHEMA_VERSION = 1

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
        body=fields.TEXT(analyzer=STEMMED, phrase=True),
        exact=fields.TEXT(analyzer=EXACT, phrase=True),
        # One keyword per canonical entity name, lower-cased.
        entities=fields.KEYWORD(commas=True, lowercase=True, scorable=True),
        # The analysed article (text, blocks, sentences, entities, figures)
        # as JSON, so opening an article costs one stored-field read.
        record=fields.STORED,
    )
