"""The story screen's sections in the order of their keys (1 to 5), each
made from a :class:`~index.Story` in the build's worker."""

from __future__ import annotations

from collections.abc import Callable

from .story_grid import coverage_section
from .story_rows import facts_section, figures_section, quotes_section, timeline_section

SECTIONS: tuple[tuple[str, Callable], ...] = (
    ("facts", facts_section), ("figures", figures_section), ("quotes", quotes_section),
    ("coverage", coverage_section), ("timeline", timeline_section),
)
