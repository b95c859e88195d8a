"""The engine: a corpus of news articles, indexed, searched, analysed and compared.

This module is its public face — what the command line and the TUI use (and
all they may import: a test holds ``tui/`` to it). The packages behind it,
in the order data flows through them:

``config``
    :func:`load_config`: the configuration, checked whole (:class:`Config`).
``corpus/``
    Finding, decoding and laying out article files (:class:`CorpusWatcher`
    tells when they change).
``analysis/``
    Entities, figures and quotes, found at index time.
``search/``
    The :class:`~index.search.SearchBackend` seam and its Whoosh implementation.
``compare/``
    Two articles aligned sentence by sentence, and what differs; two copies
    of one wire story word by word (:func:`copy_diff`).
``story/``
    Across the corpus: the groups of syndicated copies (:class:`Syndication`).
``library``
    :class:`Library`: one corpus — refresh, search, read, compare.

Shared data types are in ``model`` (:class:`Article`, :class:`Block`,
:class:`Entity` and its :class:`Mention`, :class:`EntitySummary`,
:class:`EntityHits`, :class:`Figure`) and the
packages that make them; every error for a user is a
:class:`CeasefireError` (``errors``).
"""

from __future__ import annotations

from .analysis import EntityTable
from .config import Config, EntityType, bundled_config_path, load_config
from .config_reader import short_repr
from .corpus import CorpusWatcher
from .errors import (CeasefireError, ConfigError, EmptyCorpus, IndexBusy, IndexUnreadable, LoadError, QueryError,
                     RefreshStopped, UnknownArticle)
from .library import Library, StoredArticle, corpus_location
from .model import Article, Block, Entity, EntityHits, EntitySummary, Figure, Mention, Quote, RefreshReport
from .search import Hit, MatchTerms, SearchResult
from .story import Copy, CopyCounts, CopyGroup, Syndication
from .text import plural, printable

# The comparison is imported when first asked for: most commands never compare.
_COMPARE = ("AlignedPair", "Comparison", "markdown_report")
_COPIES = ("CopyChange", "CopyDiff", "copy_diff")


def __getattr__(name: str):
    if name in _COMPARE:
        from . import compare

        return getattr(compare, name)
    if name in _COPIES:
        from .compare import copies

        return getattr(copies, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AlignedPair", "Article", "Block", "CeasefireError", "Comparison", "Config", "ConfigError", "Copy", "CopyChange",
    "CopyCounts", "CopyDiff", "CopyGroup", "CorpusWatcher",
    "EmptyCorpus", "Entity", "EntityHits", "EntitySummary", "EntityTable", "EntityType", "Figure", "Hit", "IndexBusy", "IndexUnreadable", "Library",
    "LoadError", "MatchTerms", "Mention", "Quote", "QueryError", "RefreshReport", "RefreshStopped", "SearchResult",
    "StoredArticle", "Syndication", "UnknownArticle", "copy_diff", "bundled_config_path", "corpus_location", "load_config", "markdown_report",
    "plural", "printable", "short_repr",
]
