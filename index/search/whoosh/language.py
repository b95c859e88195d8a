"""Whoosh's language tools for the rest of the engine: the comparison stems
words as the index does, and this is where it gets the stemmer, so that
Whoosh is imported only in this package."""

from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

__all__ = ["accent_map", "stem"]
