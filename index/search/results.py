"""What a search backend hands back: hits, a search's result, the terms it
matched (a refresh's report is in ``index.model``). Plain data, the same whatever engine serves
the index; each knows its own JSON shape (``to_json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..model import EntityHits
from ..story.groups import CopyCounts, CopyGroup
from ..text import plural, printable


@dataclass(frozen=True, slots=True)
class MatchTerms:
    """The index terms a query matched: as written, and stemmed."""

    exact: frozenset[str]
    stemmed: frozenset[str]
    phrases: tuple[tuple[str, ...], ...] = ()  # word sequences, as written
    # Every indexed word (as written: lower-cased, accents folded) that the
    # terms match, when the search engine knows them (from its lexicon):
    # then finding them in a text is one regular expression, not a stem per
    # word of the text.
    words: frozenset[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.exact or self.stemmed or self.phrases)



class Hit:
    """One search result. Its snippet is cut when first read unless the
    search was asked to cut it at once: a results list that draws only the
    hits on screen pays only for those."""

    __slots__ = ("id", "title", "source", "published", "score", "path", "url", "summary_only", "title_highlights",
                 "group", "_snippet", "_cut")

    def __init__(self, id: str, title: str, source: str | None, published: str | None, score: float,
                 snippet: str = "", highlights: list[tuple[int, int]] | None = None,
                 title_highlights: list[tuple[int, int]] | None = None,
                 cut: Callable[[], tuple[str, list[tuple[int, int]]]] | None = None,
                 path: str = "", url: str | None = None, summary_only: bool = False) -> None:
        self.id, self.title, self.source, self.published, self.score = id, title, source, published, score
        self.path, self.url, self.summary_only = path, url, summary_only
        self.title_highlights = title_highlights or []  # offsets into title
        # Its group of syndicated copies, if it is one (set by the Library).
        self.group: CopyGroup | None = None
        self._snippet = None if cut else (snippet, highlights or [])
        self._cut = cut

    @property
    def snippet(self) -> str:
        return self._resolved()[0]

    @property
    def highlights(self) -> list[tuple[int, int]]:  # offsets into snippet
        return self._resolved()[1]

    @property
    def snippet_ready(self) -> bool:
        """Whether the snippet is cut (reading it now costs nothing)."""
        return self._snippet is not None

    def _resolved(self) -> tuple[str, list[tuple[int, int]]]:
        snippet = self._snippet
        if snippet is None:
            snippet = self._snippet = self._cut()
            self._cut = None
        return snippet

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "source": self.source, "published": self.published,
            "path": printable(self.path), "url": self.url and printable(self.url), "summary_only": self.summary_only,
            "score": round(self.score, 4), "snippet": self.snippet,
            "highlights": [list(pair) for pair in self.highlights],
            "title_highlights": [list(pair) for pair in self.title_highlights],
            "group": self.group and self.group.id,
            "group_label": self.group and self.group.label,
            "copies": [copy.to_json() for copy in self.group.others(self.id)] if self.group else [],
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hit) and self.to_json() == other.to_json()

    __hash__ = None  # mutable cache inside; compared by value

    def __repr__(self) -> str:
        return f"Hit(id={self.id!r}, title={self.title!r}, score={self.score:.3f})"


@dataclass(slots=True)
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    # outlet -> matches ("" = unknown): every match, or when ``partial``
    # those found before the time limit.
    outlets: dict[str, int] = field(default_factory=dict)
    partial: bool = False  # True when a time limit cut the search short: total and outlets are lower bounds
    terms: MatchTerms = field(default_factory=lambda: MatchTerms(frozenset(), frozenset()))
    # Ids of the top hits the entity counts are taken over (up to FACET_WINDOW).
    window_ids: list[str] = field(default_factory=list)
    # Over every match (as ``outlets``): the syndicated copies among them.
    copies: CopyCounts = field(default_factory=CopyCounts)
    # Counts the entities of the window's hits (see ``entities``).
    count_entities: Callable[[], list[EntityHits]] | None = field(default=None, repr=False, compare=False)
    _entities: list[EntityHits] | None = field(default=None, repr=False, compare=False)

    @property
    def entities(self) -> list[EntityHits]:
        """The entities the window's hits mention, most mentioned first:
        counted when first read, since a search while typing shows none of
        them (a quarter of its time at 10,000 articles)."""
        if self._entities is None:
            self._entities = self.count_entities() if self.count_entities else []
        return self._entities

    def copies_text(self) -> str:
        """"15 articles from 12 outlets, 3 copies of 2 wire stories" (without
        the copies when no match copies another)."""
        known = sum(1 for outlet in self.outlets if outlet)  # "" counts the articles of no known outlet
        text = f"{plural(self.total, 'article')} from {plural(known, 'outlet')}"
        if self.copies.copies:
            text += (f", {plural(self.copies.copies, 'copy', 'copies')} of "
                     f"{plural(self.copies.stories, 'wire story', 'wire stories')}")
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "outlets": self.outlets,
            "copies": self.copies.to_json(),
            "partial": self.partial,
            "entities": [entity.to_json() for entity in self.entities[:50]],
            "hits": [hit.to_json() for hit in self.hits],
        }
