"""Across the corpus: the groups of syndicated copies of one wire story, and
the whole story at once — who reports what across a set of articles.

``groups``, ``signatures``, ``syndication``
    The copies of one wire story: the groups (plain data), the MinHash
    signatures kept beside the index, the grouping.
``facts``
    Every sentence clustered with the sentences of other articles that
    report the same fact (the comparison's scoring, across all articles).
``figures``
    Each quantity with every outlet's value, bound and attribution; conflicts.
``quotes``
    Quotations by speaker, one quotation however many outlets carry it.
``coverage``
    The entity × outlet grid.
``build``
    ``build_story`` puts those together into a :class:`Story` (its types in ``model``).
``report``
    ``story_markdown``: the story as Markdown a fact-checker can paste.

``build_story`` and ``story_markdown`` are imported when first asked for:
they bring numpy and the comparison, which most commands never need.
"""

from .groups import Copy, CopyCounts, CopyGroup, Syndication
from .model import (CoverageRow, Difference, Fact, FigureGroup, FigureReport, Quotation, Report, Source,
                    Speaker, Story, TimelineEntry)

_LAZY = {"build_story": "build", "story_markdown": "report"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Copy", "CopyCounts", "CopyGroup", "Syndication",
    "CoverageRow", "Difference", "Fact", "FigureGroup", "FigureReport", "Quotation", "Report",
    "Source", "Speaker", "Story", "TimelineEntry", "build_story", "story_markdown",
]
