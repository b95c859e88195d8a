"""The engine's front door: one corpus, its index, search and articles.

The command line and the TUI are both thin presentations of a Library.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article import Article
from .config import Config
from .corpus import discover
from .entities import Entity, apply_renames, available_backend
from .entity_table import EntityTable, link_corpus
from .search import SearchEngine, SearchResult
from .store import IndexBusy, IndexStore, Progress, RefreshReport

if TYPE_CHECKING:
    from .compare import Comparison


class UnknownArticle(Exception):
    """An article id (or prefix) that names no article, or more than one."""


@dataclass(slots=True)
class StoredArticle:
    """An article as the index holds it: text, layout and analysis."""

    article: Article
    entities: list[dict[str, Any]]
    figures: list[dict[str, Any]]

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> StoredArticle:
        return cls(Article.from_record(record), record.get("entities", []), record.get("figures", []))


def index_directory(config: Config) -> Path:
    """The configured index folder, or one per corpus in the cache folder."""
    if config.index_path is not None:
        return Path(config.index_path)
    corpus_key = "\n".join(sorted(str(path) for path in config.corpus_paths))
    digest = hashlib.sha1(corpus_key.encode()).hexdigest()[:16]
    return config.cache_root() / digest


def corpus_location(config: Config) -> str:
    """Where articles are looked for, for saying that none was found there."""
    places = ", ".join(str(path) for path in config.corpus_paths)
    return f"{places} (corpus.paths in {config.file})"


def _analyse(article: Article, config: Config) -> dict[str, Any]:
    """The index-time analysis of one article. The analysis code is imported,
    and the entity backend resolved (which may load a spaCy model), on the
    first article to analyse: a refresh that finds nothing new pays neither."""
    from .analysis import analyse

    return analyse(article, config=config, backend=_entity_backend(config.entity_backend, config.entity_model))


@functools.cache
def _entity_backend(requested: str, model: str) -> str:
    return available_backend(requested, model)


class Library:
    def __init__(self, config: Config, store: IndexStore | None = None) -> None:
        self.config = config
        self.store = store or IndexStore(index_directory(config), config.lock_timeout)
        self._engine: SearchEngine | None = None
        self._table: EntityTable | None = None
        self._table_generation: int | None = None
        self._table_lock = threading.Lock()

    @property
    def engine(self) -> SearchEngine:
        if self._engine is None:
            self._engine = SearchEngine(
                self.store,
                boosts=self.config.boosts,
                fuzzy_distance=self.config.fuzzy_distance,
                snippet_chars=self.config.snippet_chars,
                entity_variants=lambda name: self.entity_table().variants(name),
            )
        return self._engine

    def entity_table(self) -> EntityTable:
        """Entities across the corpus, linked; rebuilt when the index changes."""
        with self._table_lock:
            generation = self.store.index.latest_generation()
            if self._table is None or self._table_generation != generation:
                compact = self.store.compact_summaries()
                renames = self.store.saved_renames(generation)
                if renames is None:
                    renames = link_corpus(compact)
                    self.store.save_renames(renames, generation)
                self._table = EntityTable.from_compact(compact, renames)
                self._table_generation = generation
            return self._table

    def refresh(self, *, rebuild: bool = False, progress: Progress | None = None) -> RefreshReport:
        found = discover(self.config.corpus_paths, self.config.max_file_bytes)
        analyser = partial(_analyse, config=self.config)
        try:
            return self.store.refresh(found, analyser, rebuild=rebuild, progress=progress)
        except (IndexBusy, OSError, KeyboardInterrupt):
            raise
        except Exception as error:  # a segment that cannot be read: the cache is corrupt
            if rebuild:
                raise
            report = self.store.refresh(found, analyser, rebuild=True, progress=progress)
            report.rebuilt = f"the index could not be updated ({type(error).__name__}: {error}); rebuilt it"
            return report

    def search(self, query: str, limit: int | None = None, *, time_limit: float | None = None,
               snippets: bool | int = True) -> SearchResult:
        """``snippets``: True cuts every hit's snippet in this call; a number
        N only the first N (the ones on screen), the rest when first read."""
        result = self.engine.search(query, limit or self.config.page_size, time_limit=time_limit, snippets=snippets)
        result.entities = self.entity_table().counts_over(result.window_ids)
        return result

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of the one article whose id is or starts with ``id_or_prefix``."""
        wanted = id_or_prefix.strip()
        if not wanted:
            raise UnknownArticle("an article id is needed")
        matches = self.store.ids_with_prefix(wanted)
        if wanted in matches:
            return wanted
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UnknownArticle(f"no article has an id starting with '{wanted}'; `ceasefire-tui search ''` lists them")
        shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
        raise UnknownArticle(f"'{wanted}' matches {len(matches)} articles ({shown}); type more of the id")

    def article(self, id_or_prefix: str) -> StoredArticle:
        """The article with its entities linked across the corpus."""
        record = self.store.record(self.resolve(id_or_prefix))
        if record is None:  # removed between resolve and read
            raise UnknownArticle(f"article '{id_or_prefix}' is no longer in the index")
        renames = self.entity_table().renames
        if renames:
            entities = apply_renames([Entity.from_json(e) for e in record.get("entities", ())], renames)
            record["entities"] = [entity.to_json() for entity in entities]
        return StoredArticle.from_record(record)

    def compare(self, id_a: str, id_b: str) -> Comparison:
        """Align the sentences of two articles and list what differs."""
        from .compare import compare_articles  # only here: not every command compares

        a, b = self.article(id_a), self.article(id_b)
        if a.article.id == b.article.id:
            raise UnknownArticle(f"'{id_a}' and '{id_b}' are the same article; compare two different ones")
        return compare_articles(
            a.article, b.article,
            entities_a=a.entities, entities_b=b.entities, figures_a=a.figures, figures_b=b.figures,
        )

    def close(self) -> None:
        self.store.close()
