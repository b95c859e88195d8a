"""The whole story at once: who reports what across a set of articles.

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
"""

from .build import build_story
from .model import (
                    CoverageRow,
                    Difference,
                    Fact,
                    FigureGroup,
                    FigureReport,
                    Quotation,
                    QuoteReport,
                    Report,
                    Source,
                    Speaker,
                    Story,
)
from .report import story_markdown

__all__ = [
    "CoverageRow", "Difference", "Fact", "FigureGroup", "FigureReport", "Quotation", "QuoteReport", "Report",
    "Source", "Speaker", "Story", "build_story", "story_markdown",
]
