"""The engine's front door: one corpus, its index, search and articles.

The command line and the TUI are both thin presentations of a Library.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from .model import Article
from .config import APP_NAME, Config, bundled_config_path
from .errors import IndexBusy, IndexUnreadable, QueryError, RefreshStopped, UnknownArticle, unwritable
from .corpus.discovery import discover
from .analysis.entities import apply_renames, available_backend
from .analysis.corrections import Corrections
from .analysis.corrections_file import FILE_NAME as CORRECTIONS_FILE_NAME
from .analysis.corrections_file import CorrectionsFile
from .analysis.entity_table import CompactSummaries, EntityTable
from .search.backend import Progress, SearchBackend, open_backend
from .model import RefreshReport
from .search.results import MatchTerms, SearchResult
from .story.groups import Syndication
from .library_entities import LinkedEntities
from .library_web import AddingPages
from .stored import StoredArticle
from .text import printable

if TYPE_CHECKING:
    from .compare.comparison import Comparison
    from .compare.copies import CopyDiff
    from .story import Story

T = TypeVar("T")

# A story of a query's results covers this many of its best hits unless told.
DEFAULT_STORY_LIMIT = 500


def index_unreadable(error: BaseException) -> bool:
    """Whether ``error``, raised while using the index, means the index
    cannot be read (damaged, or removed under the reader), so that
    rebuilding it is the cure. Whoosh reads its files with mmap, struct,
    zlib, pickle and JSON and checks little of what it reads, so damage
    surfaces as almost any exception (even a bare ``Exception("Block tag
    error")``): every error but those about the request (a bad query, an
    unknown id, a busy index, a refresh stopped by the user), those about writing (a full or read-only
    disk) and interruptions."""
    if isinstance(error, (QueryError, UnknownArticle, IndexBusy, IndexUnreadable, RefreshStopped)):
        return False
    if isinstance(error, OSError) and unwritable(error):
        return False
    return isinstance(error, Exception)


def index_directory(config: Config) -> Path:
    """The configured index folder, or one per corpus in the cache folder."""
    if config.index.path is not None:
        return Path(config.index.path)
    corpus_key = "\n".join(sorted(str(path) for path in config.corpus.paths))
    digest = hashlib.sha1(corpus_key.encode()).hexdigest()[:16]
    return config.index.cache_root() / digest


def corrections_path(config: Config) -> Path:
    """Where the user's entity corrections are kept: beside the config file
    in use, or in the platform config folder when that is the bundled default."""
    if config.file.resolve() == bundled_config_path().resolve():
        from platformdirs import user_config_dir

        return Path(user_config_dir(APP_NAME)) / CORRECTIONS_FILE_NAME
    return config.file.parent / CORRECTIONS_FILE_NAME


def corpus_location(config: Config) -> str:
    """Where articles are looked for, for saying that none was found there."""
    places = ", ".join(printable(str(path)) for path in config.corpus.paths)
    return f"{places} (corpus.paths in {printable(str(config.file))})"


def _analyse(article: Article, config: Config) -> dict[str, Any]:
    """The index-time analysis of one article. The analysis code is imported,
    and the entity backend resolved (which may load a spaCy model), on the
    first article to analyse: a refresh that finds nothing new pays neither."""
    from .analysis.pipeline import analyse

    return analyse(article, config=config, backend=_entity_backend(config.entities.backend, config.entities.model))


@functools.cache
def _entity_backend(requested: str, model: str) -> str:
    return available_backend(requested, model)


class Library(LinkedEntities, AddingPages):
    """One corpus and its index. ``store`` is the search backend that holds
    the index (``index.backend`` in the config); nothing here knows which."""

    def __init__(self, config: Config, on_notice: Callable[[str], None] | None = None) -> None:
        self.config = config
        self.store: SearchBackend = open_backend(config, index_directory(config),
                                                 entity_variants=self._entity_variants,
                                                 copy_groups=lambda: self._syndication().group_ids())
        # Told, in one line, when the index was found unreadable and rebuilt
        # (from the thread that found it).
        self.on_notice = on_notice or (lambda message: None)
        self._heal_lock = threading.Lock()
        self._table: EntityTable | None = None
        self._table_version: tuple[int, Corrections] | None = None  # (index generation, corrections) it is of
        self._linked: tuple[int, CompactSummaries, dict] | None = None  # generation, summaries, corpus renames
        self._table_lock = threading.Lock()
        self.corrections_file = CorrectionsFile(corrections_path(config), (str(path) for path in config.corpus.paths),
                                                config.entities.types)
        self._copies: tuple[int, Syndication] | None = None
        self._copies_lock = threading.Lock()
        # The last story and what it was built from (index generation,
        # corrections, article ids): asked again, it is not built again.
        self._last_story: tuple[tuple, Story] | None = None

    # --- reading, healing an unreadable index ---------------------------------

    def healing(self, read: Callable[[], T]) -> T:
        """``read()``; if the index cannot be read, rebuilt from the articles
        and read again. Every read of the index goes through here (the
        public methods below, and the TUI's late snippets)."""
        try:
            return read()
        except Exception as error:
            if not index_unreadable(error):
                raise
            damage = error
        try:
            self._heal(damage)
            return read()
        except Exception as error:
            if not index_unreadable(error):
                raise
            raise IndexUnreadable(f"the index in {self.store.directory} cannot be read even after rebuilding it "
                                  f"({type(error).__name__}: {error})") from error

    def _heal(self, error: Exception) -> None:
        """Make the index readable again after ``error``. When another
        process (or thread) committed since this thread's searcher opened,
        the files it was reading may simply have been replaced: reading the
        newer generation is the cure. Otherwise the index is rebuilt."""
        with self._heal_lock:  # one rebuild, however many threads found the damage
            if self.store.newer_generation_committed():
                return
            self.store.let_go_of_index()
            self.refresh(rebuild=True)
            self.on_notice(f"the index could not be read ({type(error).__name__}); rebuilt it")

    def syndication(self) -> Syndication:
        """The groups of syndicated copies in the corpus; found again when
        the index changes (or ``index.copy_threshold`` does)."""
        return self.healing(self._syndication)

    def _syndication(self) -> Syndication:
        with self._copies_lock:
            generation = self.store.generation()
            threshold = self.config.index.copy_threshold
            if self._copies is not None and self._copies[0] == generation:
                return self._copies[1]
            saved = self.store.saved_copy_groups()
            if saved is not None and saved[0] == generation and saved[1].threshold == threshold:
                found = saved[1]
            else:
                from .story.syndication import group_copies  # numpy: only when the corpus changed

                found = group_copies(self.store.signature_table(), threshold,
                                     previous=saved[1].members() if saved is not None else None)
                self.store.save_copy_groups(found, generation)
            self._copies = (generation, found)
            return found

    def refresh(self, *, rebuild: bool = False, progress: Progress | None = None,
                wait: bool = True) -> RefreshReport:
        """Bring the index up to date. ``wait=False``: when another process
        holds the write lock, raise IndexBusy at once instead of waiting for
        it (a reader then searches the last committed index). When articles
        changed, their copies are grouped again now, as part of the refresh."""
        report = self._refresh(rebuild, progress, wait)
        report.backend_note = self.backend_note()
        if report.added or report.updated or report.removed or report.rebuilt:
            self.syndication()
        return report

    def _refresh(self, rebuild: bool, progress: Progress | None, wait: bool) -> RefreshReport:
        found = discover(self.config.corpus.paths, self.config.corpus.max_file_bytes,
                         excluded=[self.config.ui.exports_folder()], csv_columns=self.config.corpus.csv_columns)
        analyser = partial(_analyse, config=self.config)
        try:
            return self.store.refresh(found, analyser, rebuild=rebuild, progress=progress, wait=wait)
        except Exception as error:
            if rebuild or not index_unreadable(error):
                raise
            # Open afresh: the folder the cached index was read from may be gone.
            self.store.let_go_of_index()
            report = self.store.refresh(found, analyser, rebuild=True, progress=progress, wait=wait)
            report.rebuilt = f"the index could not be updated ({type(error).__name__}: {error}); rebuilt it"
            return report

    def backend_note(self) -> str | None:
        """Why ``entities.backend: spacy`` falls back to the rules here, if it
        does ("auto" falls back by design and says nothing)."""
        if self.config.entities.backend != "spacy":
            return None
        from .analysis import entity_spacy

        missing = entity_spacy.missing(self.config.entities.model)
        if missing is None:
            return None
        return (f"the config ({self.config.file}) asks for entities.backend: spacy, but {missing}: "
                "entities come from the rules instead (pip install 'ceasefire-tui[nlp]')")

    def search(self, query: str, limit: int | None = None, *, time_limit: float | None = None,
               snippets: bool | int = True, sort: str = "relevance") -> SearchResult:
        """``snippets``: True cuts every hit's snippet in this call; a number
        N only the first N (the ones on screen), the rest when first read.
        ``sort``: "relevance", or "date" (newest first, the undated last)."""
        def read() -> SearchResult:
            result = self.store.search(query, limit or self.config.search.page_size, time_limit=time_limit,
                                        snippets=snippets, sort=sort)
            table, window = self._entity_table(), result.window_ids
            result.count_entities = lambda: table.hits_over(window)
            copies = self._syndication()
            for hit in result.hits:
                hit.group = copies.group_of(hit.id)
            return result

        return self.healing(read)

    def article_count(self) -> int:
        """How many articles the last committed index holds."""
        return self.healing(self.store.article_count)

    def resolve(self, id_or_prefix: str) -> str:
        return self.healing(lambda: self._resolve(id_or_prefix))

    def _resolve(self, id_or_prefix: str) -> str:
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
        return self.healing(lambda: self._article(id_or_prefix))

    def _article(self, id_or_prefix: str, exact: bool = False) -> StoredArticle:
        record = self.store.record(id_or_prefix if exact else self._resolve(id_or_prefix))
        if record is None:  # removed between resolve and read
            raise UnknownArticle(f"article '{id_or_prefix}' is no longer in the index")
        stored = StoredArticle.from_record(record)
        stored.shown_path = self._shown_path(stored.article.path)
        table = self._entity_table()
        if table.hidden:
            stored.entities = [entity for entity in stored.entities if (entity.name, entity.type) not in table.hidden]
        if table.renames:
            stored.entities = apply_renames(stored.entities, table.renames)
        return stored

    def _shown_path(self, path: str) -> str:
        """``path`` from the corpus folder that holds it, that folder's name
        first: short, and naming which folder of the corpus it is in."""
        for entry in self.config.corpus.paths:
            if isinstance(entry, Path):
                try:
                    inside = Path(path).relative_to(entry)
                except ValueError:
                    continue
                return printable(str(Path(entry.name) / inside))
        return printable(path)

    def compare(self, id_a: str, id_b: str) -> Comparison:
        """Align the sentences of two articles and list what differs."""
        from .compare.comparison import compare_articles  # only here: not every command compares

        a, b = self.article(id_a), self.article(id_b)
        if a.article.id == b.article.id:
            raise UnknownArticle(f"'{id_a}' and '{id_b}' are the same article; compare two different ones")
        return compare_articles(
            a.article, b.article,
            entities_a=a.entities, entities_b=b.entities, figures_a=a.figures, figures_b=b.figures,
        )

    def copy_diff(self, id_a: str, id_b: str) -> CopyDiff | None:
        """What each of two syndicated copies of one story cut or added,
        word by word; None when the two are not copies of one story."""
        id_a, id_b = self.resolve(id_a), self.resolve(id_b)
        by_article = self.syndication().by_article
        group_id = by_article.get(id_a)
        if group_id is None or id_a == id_b or by_article.get(id_b) != group_id:
            return None  # known from the grouping alone: the articles are read only for copies
        from .compare.copies import copy_diff

        return copy_diff(self.article(id_a).article.text, self.article(id_b).article.text)

    def story(self, query: str | None = None, limit: int | None = None, *, ids: list[str] | None = None,
              progress: Callable[[int, int, str], None] | None = None) -> Story:
        """Facts, figures, quotes and coverage across the articles with these
        ``ids`` (the current results), else the best ``limit`` hits of
        ``query``, else the whole corpus (its first ``limit`` ids); the
        sites carrying copies of one wire story count as one report."""
        from .story.build import build_story, collector_paused  # only here: not every command builds a story

        if ids is None and query and query.strip():
            ids = [hit.id for hit in self.search(query, limit or DEFAULT_STORY_LIMIT, snippets=False).hits]
        elif ids is None:
            ids = self.healing(lambda: self.store.ids_with_prefix(""))[:limit]
        built_from = (self.healing(self.store.generation), self.corrections_file.current(), tuple(ids))
        if self._last_story is not None and self._last_story[0] == built_from:
            return self._last_story[1]
        with collector_paused():  # reading 500 articles makes objects enough for several full collections
            # The ids are the index's own: read as they are, not resolved as prefixes.
            articles = self.healing(lambda: [self._article(article_id, exact=True) for article_id in ids])
            story = build_story(articles, progress=progress, copy_groups=self.syndication().group_ids())
        self._last_story = (built_from, story)
        return story

    def find_matches(self, text: str, terms: MatchTerms) -> list[tuple[int, int]]:
        """Where a search's ``terms`` occur in ``text`` (an article it found)."""
        return self.store.find_matches(text, terms)

    def close(self) -> None:
        self.store.close()
