"""What a search backend hands back: hits, a search's result, the terms it
matched, a refresh's report. Plain data, the same whatever engine serves
the index; each knows its own JSON shape (``to_json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..corpus.discovery import Skipped
from ..model import EntityHits
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

    __slots__ = ("id", "title", "source", "published", "score", "path", "url", "title_highlights", "_snippet",
                 "_cut")

    def __init__(self, id: str, title: str, source: str | None, published: str | None, score: float,
                 snippet: str = "", highlights: list[tuple[int, int]] | None = None,
                 title_highlights: list[tuple[int, int]] | None = None,
                 cut: Callable[[], tuple[str, list[tuple[int, int]]]] | None = None,
                 path: str = "", url: str | None = None) -> None:
        self.id, self.title, self.source, self.published, self.score = id, title, source, published, score
        self.path, self.url = path, url
        self.title_highlights = title_highlights or []  # offsets into title
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
            "path": printable(self.path), "url": self.url and printable(self.url), "score": round(self.score, 4), "snippet": self.snippet,
            "highlights": [list(pair) for pair in self.highlights],
            "title_highlights": [list(pair) for pair in self.title_highlights],
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
    # The entities those hits mention, most mentioned first.
    entities: list[EntityHits] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "outlets": self.outlets,
            "partial": self.partial,
            "entities": [entity.to_json() for entity in self.entities[:50]],
            "hits": [hit.to_json() for hit in self.hits],
        }


@dataclass(slots=True)
class RefreshReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)
    rebuilt: str | None = None  # why the index was rebuilt, if it was
    backend_note: str | None = None  # the configured entity backend could not be used, and why

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_json(self, index_directory: Path) -> dict[str, Any]:
        """The report as the ``index`` command's JSON has it; ``index_directory``: where the index is."""
        return {
            "articles": self.articles, "added": self.added, "updated": self.updated,
            "removed": self.removed, "unchanged": self.unchanged,
            "rebuilt": self.rebuilt and printable(self.rebuilt),
            "backend_note": self.backend_note,
            "skipped": [{"path": printable(s.path), "reason": printable(s.reason)} for s in self.skipped],
            "notes": [{"path": printable(n.path), "note": printable(n.reason)} for n in self.notes],
            "index": printable(str(index_directory)),
        }

    def summary(self) -> str:
        parts = [plural(self.articles, "article") + " indexed"]
        for label, count in (("new", self.added), ("updated", self.updated), ("removed", self.removed),
                             ("unchanged", self.unchanged)):
            if count:
                parts.append(f"{count} {label}")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)

    def changes(self) -> str:
        """What this refresh changed, for a notice: "2 new articles, 1 file removed"
        ("" when nothing did). Removals are counted by file."""
        parts = [plural(count, singular, many) for count, singular, many in (
            (self.added, "new article", "new articles"), (self.updated, "article changed", "articles changed"),
            (self.removed, "file removed", "files removed")) if count]
        text = ", ".join(parts)
        return text[:1].upper() + text[1:] + "." if text else ""

