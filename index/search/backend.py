"""The seam between the Library and the engine that indexes and searches a corpus.

A search backend keeps an index of the corpus's analysed articles, brings it
up to date, answers queries and hands records back. :class:`Library` talks
to one only through :class:`SearchBackend`, so a corpus too large for Whoosh
could be served by another engine: write a class with these methods, add its
name to :data:`BACKENDS` and a branch to :func:`open_backend`, and
``index.backend`` in the config selects it.

What every backend owes its callers:

- The index is a cache of the corpus. Deleting it loses nothing; the article
  files are never written. An index that cannot be read is rebuilt from the
  articles (the Library rebuilds it when a read fails, see
  ``Library.healing``); a rebuild says why in one line
  (``RefreshReport.rebuilt``), once.
- Only one process writes at a time. A second writer waits for the lock up
  to ``index.lock_timeout`` seconds, or raises :class:`~index.errors.IndexBusy`;
  readers keep reading the last committed index meanwhile, never a half-written one.
- Methods may be called from several threads at once (the TUI searches,
  reads articles and refreshes in worker threads).
- Errors for the user are of the :class:`~index.errors.CeasefireError`
  family with a one-sentence message (a bad query is a
  :class:`~index.errors.QueryError`).
- Results are the plain data of :mod:`index.search.results`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol, runtime_checkable

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..analysis.entity_table import CompactSummaries
    from ..config import Config
    from ..corpus.discovery import Discovery
    from ..model import RefreshReport
    from ..story.signatures import SignatureTable
    from ..story.groups import Syndication
    from .results import MatchTerms, SearchResult

# analyse(article) -> JSON-safe record with at least the Article.to_record() keys.
Analyser = Callable[[Any], dict[str, Any]]
# progress(done, total, path): (0, total, "") first, once the work is known, then per file
Progress = Callable[[int, int, str], None]
# (entity name, type) -> (the name, type it is linked to across the corpus)
Renames = dict[tuple[str, str], tuple[str, str]]

# The values ``index.backend`` may take.
BACKENDS = ("whoosh",)


@runtime_checkable
class SearchBackend(Protocol):
    """An index of one corpus, and search over it.

    Attributes:
        directory: The folder the index lives in (the user is told of it; the
            corpus watcher ignores it). It may change during a session, when
            the configured folder cannot be written and a temporary one is used.
        written_generation: The generation this process last committed, or
            None. A newer committed generation was written by another process.
    """

    directory: Path
    written_generation: int | None

    def refresh(self, discovery: Discovery, analyse: Analyser, *, rebuild: bool = False,
                progress: Progress | None = None, wait: bool = True) -> RefreshReport:
        """Bring the index up to date with the files ``discovery`` found, in
        one commit: index new files, replace changed ones, delete removed ones.

        Args:
            discovery: The corpus's files, and those skipped while finding them.
            analyse: Turns an article into the record to store; called for
                new and changed articles only (it may be slow: entity backends).
                It must pickle, as it may run in worker processes.
            rebuild: Start from an empty index instead of updating this one.
            progress: Told ``(done, total, path)`` as files are indexed; it
                may raise :class:`~index.errors.RefreshStopped` to stop the
                refresh, which then commits nothing.
            wait: When another process holds the write lock, wait for it (up
                to the configured timeout) rather than raise at once.

        Returns:
            What changed, what was skipped and why, and whether (and why) the
            index was rebuilt.

        Raises:
            IndexBusy: Another process is writing the index.
            RefreshStopped: ``progress`` asked to stop.
        """
        ...

    def search(self, query: str, limit: int, *, time_limit: float | None = None,
               snippets: bool | int = True, sort: str = "relevance") -> SearchResult:
        """The top ``limit`` hits of ``query`` ("" lists every article by id).

        Args:
            query: The query as the user typed it (see ``index/search/whoosh/query.py``
                for the language every backend accepts).
            limit: The most hits to return.
            time_limit: Seconds after which to stop collecting matches and
                return what was found (``SearchResult.partial`` is then True);
                None for no limit.
            snippets: True to cut every hit's snippet now, False for none,
                a number N for the first N now and the others when first read.
            sort: "relevance" (best first), or "date": newest published
                first, the articles without a date last.

        Returns:
            The hits, the total and per-outlet counts, the terms matched
            (for :meth:`find_matches`), a spelling suggestion, and the ids of
            the top hits the Library counts entities over. ``entities`` is
            left for the Library to fill.

        Raises:
            QueryError: The query cannot be run; the message says why.
        """
        ...

    def find_matches(self, text: str, terms: MatchTerms) -> list[tuple[int, int]]:
        """Offsets of the words of ``text`` that ``terms`` (a search's)
        matched, found the way this backend analyses words (for highlighting
        an article that a search led to)."""
        ...

    def record(self, article_id: str) -> dict[str, Any] | None:
        """The stored record of the article with exactly this id (text,
        sentences, layout, entities, figures), or None."""
        ...

    def ids_with_prefix(self, prefix: str) -> list[str]:
        """The ids of the articles whose id starts with ``prefix``, sorted."""
        ...

    def article_count(self) -> int:
        """How many articles the last committed index holds."""
        ...

    def generation(self) -> int:
        """The generation of the index this process reads: a number that
        grows with every commit, caches beside the index are stamped with."""
        ...

    def committed_generation(self) -> int:
        """The newest generation committed by any process (cheap: the TUI
        polls it to notice another process's refresh)."""
        ...

    def newer_generation_committed(self) -> bool:
        """Whether a commit replaced the index since this thread last read
        it, so that a failed read may only mean its files were replaced
        (read again) rather than damaged (rebuild)."""
        ...

    def let_go_of_index(self) -> None:
        """Forget the open index before it is rebuilt: every thread opens the
        new one on its next read."""
        ...

    def compact_summaries(self) -> CompactSummaries:
        """Every article's entity summary, for the corpus entity table, kept
        beside the index so that building the table reads no article."""
        ...

    def saved_renames(self, generation: int) -> Renames | None:
        """The corpus linking saved for index ``generation``, if any."""
        ...

    def signature_table(self) -> SignatureTable:
        """Every article's MinHash signature, kept beside the index (updated
        by each refresh) so that grouping copies reads no article."""
        ...

    def saved_copy_groups(self) -> tuple[int, Syndication] | None:
        """The last grouping of syndicated copies saved, and the generation
        it was found for (any: an older one lends its group ids)."""
        ...

    def save_copy_groups(self, syndication: Syndication, generation: int) -> None:
        """Keep the grouping found for index ``generation`` (a cache)."""
        ...

    def save_renames(self, renames: Renames, generation: int) -> None:
        """Keep the corpus linking for index ``generation`` (a cache: a
        failure to write it is not an error)."""
        ...

    def close(self) -> None:
        """Close every open file; the backend may not be used afterwards."""
        ...


def open_backend(config: Config, directory: Path,
                 entity_variants: Callable[[str], set[str]],
                 copy_groups: Callable[[], dict[str, str]] = dict) -> SearchBackend:
    """The backend ``index.backend`` names, keeping its index in ``directory``.

    ``entity_variants(name)``: the other names the corpus links to the entity
    ``name``, so that ``entity:"Joe Biden"`` also finds "Biden".
    ``copy_groups()``: article id -> the id of its group of syndicated
    copies, for the articles in one, so that a search counts the copies
    among every match (``SearchResult.copies``)."""
    if config.index.backend == "whoosh":
        from .whoosh.backend import WhooshBackend

        return WhooshBackend(directory, config, entity_variants, copy_groups)
    raise ConfigError(f"{config.file}: 'index.backend' must be one of {', '.join(BACKENDS)}, "
                      f"not {config.index.backend!r}")
