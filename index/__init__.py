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
    Entities, figures and quotes, found at index time; the user's
    corrections to the entities (:class:`Correction`), a layer over them.
``search/``
    The :class:`~index.search.SearchBackend` seam and its Whoosh implementation.
``compare/``
    Two articles aligned sentence by sentence — the same fact, reported
    differently, or only related — and what differs.
``story/``
    The whole story across many articles: facts with the outlets that
    report them, figures, quotes by speaker, coverage (:class:`Story`).
``library``
    :class:`Library`: one corpus — refresh, search, read, compare, story.

Shared data types are in ``model`` (:class:`Article`, :class:`Block`,
:class:`Entity` and its :class:`Mention`, :class:`EntitySummary`,
:class:`EntityHits`, :class:`Figure`; a comparison's :class:`Comparison`,
:class:`SentencePair`, :class:`Evidence`, :class:`Row`, ...) and the
packages that make them; every error for a user is a
:class:`CeasefireError` (``errors``).
"""

from __future__ import annotations

import os

# The engine runs its array work on threads of its own, one a core
# (story/parallel.py). OpenBLAS's threads under each of them oversubscribed
# the two cores: a story of 500 articles spent 0.8 s more CPU and up to
# 0.4 s more wall time. Only effective before numpy is first imported (as
# the console script imports this first); a user's own setting is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .analysis import Correction, CorrectionError, EntityTable, ListedCorrection
from .config import Config, EntityType, bundled_config_path, load_config
from .config_reader import short_repr
from .corpus import CorpusWatcher
from .corpus.adding import Added, in_corpus
from .dates import day_of
from .errors import (CeasefireError, ConfigError, EmptyCorpus, FetchError, IndexBusy, IndexUnreadable, LoadError, QueryError,
                     RefreshStopped, UnknownArticle)
from .library import DEFAULT_STORY_LIMIT, Library, StoredArticle, corpus_location, corrections_path
from .model import (DIFFERS, MOVED, ONLY_A, ONLY_B, RELATED, SAME, Article, Block, Comparison, Entity,
                    EntityDifferences, EntityHits, EntitySummary, Evidence, Figure, FigureDifference,
                    FigureDifferences, Headlines, Mention, NamedEntity, Quote, RefreshReport, Row, SentencePair)
from .search import Hit, MatchTerms, SearchResult
from .story import Copy, CopyCounts, CopyGroup, Syndication
from .text import plural, printable

# The comparison is imported when first asked for: most commands never compare.
_COMPARE = ("markdown_report", "mirror")
_COPIES = ("CopyChange", "CopyDiff", "copy_diff")
# So is the story: its types and report come with it.
_STORY = ("Story", "TimelineEntry", "Fact", "FigureGroup", "Speaker", "Quotation", "CoverageRow", "Source",
          "build_story", "story_markdown")


def __getattr__(name: str):
    if name in _COMPARE:
        from . import compare

        return getattr(compare, name)
    if name in _COPIES:
        from .compare import copies

        return getattr(copies, name)
    if name in _STORY:
        from . import story

        return getattr(story, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The public face: the types first, then the functions.
__all__ = [
    "Added", "Article", "Block", "CeasefireError", "Comparison", "Config", "ConfigError", "Copy",
    "CopyChange", "CopyCounts", "CopyDiff", "CopyGroup", "CorpusWatcher", "Correction", "CorrectionError",
    "CoverageRow", "DEFAULT_STORY_LIMIT", "DIFFERS", "EmptyCorpus", "Entity", "EntityDifferences",
    "EntityHits", "EntitySummary", "EntityTable", "EntityType", "Evidence", "Fact", "FetchError", "Figure",
    "FigureDifference", "FigureDifferences", "FigureGroup", "Headlines", "Hit", "IndexBusy",
    "IndexUnreadable", "Library", "ListedCorrection", "LoadError", "MOVED", "MatchTerms", "Mention",
    "NamedEntity", "ONLY_A", "ONLY_B", "QueryError", "Quotation", "Quote", "RELATED", "RefreshReport",
    "RefreshStopped", "Row", "SAME", "SearchResult", "SentencePair", "Source", "Speaker", "StoredArticle",
    "Story", "Syndication", "TimelineEntry", "UnknownArticle",
    "build_story", "bundled_config_path", "copy_diff", "corpus_location", "corrections_path", "day_of",
    "in_corpus", "load_config", "markdown_report", "mirror", "plural", "printable", "short_repr",
    "story_markdown",
]
