"""Whoosh as a :class:`~index.search.backend.SearchBackend`: the index store
with its search engine."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ...config import Config
from ...story.groups import Syndication
from ...story.signatures import SignatureTable
from ..results import MatchTerms, SearchResult
from .highlight import find_matches
from .searching import SearchEngine
from .store import IndexStore


class WhooshBackend(IndexStore):
    """The index in a folder of Whoosh segments (``IndexStore``), searched
    by a :class:`SearchEngine` made on the first search."""

    def __init__(self, directory: Path, config: Config, entity_variants: Callable[[str], set[str]],
                 copy_groups: Callable[[], dict[str, str]] = dict) -> None:
        super().__init__(directory, config.index.lock_timeout)
        self._config = config
        self._entity_variants = entity_variants
        self._copy_groups = copy_groups
        self._engine: SearchEngine | None = None

    @property
    def engine(self) -> SearchEngine:
        if self._engine is None:
            self._engine = SearchEngine(
                self,
                boosts=self._config.search.boosts,
                fuzzy_distance=self._config.search.fuzzy_distance,
                snippet_chars=self._config.search.snippet_chars,
                entity_variants=self._entity_variants,
                copy_groups=self._copy_groups,
            )
        return self._engine

    def search(self, query: str, limit: int, *, time_limit: float | None = None,
               snippets: bool | int = True, sort: str = "relevance") -> SearchResult:
        return self.engine.search(query, limit, time_limit=time_limit, snippets=snippets, sort=sort)

    def find_matches(self, text: str, terms: MatchTerms) -> list[tuple[int, int]]:
        return find_matches(text, terms)

    def article_count(self) -> int:
        return self.searcher().doc_count()

    def generation(self) -> int:
        return self.index.latest_generation()

    def signature_table(self) -> SignatureTable:
        return self.signatures.table()

    def saved_copy_groups(self) -> tuple[int, Syndication] | None:
        return self.sidecars.copy_groups()

    def save_copy_groups(self, syndication: Syndication, generation: int) -> None:
        self.sidecars.save_copy_groups(syndication, generation)
