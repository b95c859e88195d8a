"""The on-disk Whoosh index: open it (healing a stale or corrupt one), hand
out one searcher per thread (``searchers.py``), read articles back, and refresh it.

The index is a cache of the corpus. An index of another schema version, or
one that cannot be read, is rebuilt from the articles with a one-line
message; a cache folder that cannot be written gives way to a temporary
index. Only one process writes at a time (Whoosh's lock, waited on for
``lock_timeout`` seconds). Refreshing is in ``refreshing.py``, the JSON files
kept beside the index in ``folder.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import weakref
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher
from whoosh.util.filelock import try_for

from ...analysis.entity_table import CompactSummaries, Summary, summarise
from ...corpus.discovery import Discovery
from ...errors import unwritable
from ..backend import Analyser, Progress, Renames
from ...errors import IndexBusy
from ...model import RefreshReport
from . import manifest
from . import folder
from .folder import INDEX_NAME, WRITE_LOCK, Sidecars, latest_generation
from .refreshing import Refresh
from .schema import SCHEMA_VERSION, build_schema
from .scoring import FastBM25F, column
from .searchers import ThreadSearchers
from .signature_cache import SignatureCache


class IndexStore:
    def __init__(self, directory: Path, lock_timeout: float = 10.0, workers: int | None = None) -> None:
        self.directory = directory
        self.lock_timeout = lock_timeout
        # Worker processes for big builds; None: one per core.
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self._summaries: tuple[int, CompactSummaries] | None = None
        self.signatures = SignatureCache(self)  # the MinHash signatures kept beside the index
        self._index: whoosh_index.Index | None = None
        self._searchers = ThreadSearchers()
        self._open_lock = threading.RLock()
        self.open_message: str | None = None
        # The generation this store last committed (or created): a newer one
        # on disk was committed by another process (see committed_generation).
        self.written_generation: int | None = None
        self.temporary = False  # serving from a temporary index (see _move_to_memory)

    # --- opening -------------------------------------------------------------

    @property
    def index(self) -> whoosh_index.Index:
        # Locked: the TUI's first search and first refresh run in two threads,
        # and two openings of a missing index would each create (wipe) it.
        with self._open_lock:
            if self._index is None:
                try:
                    self._index, self.open_message = self._open()
                except OSError as error:
                    if not unwritable(error) or self.temporary:
                        raise
                    reason = self._move_to_memory(error)
                    self._index, self.open_message = self._open()
                    self.open_message = reason
            return self._index

    def _move_to_memory(self, error: OSError) -> str:
        """Serve this session from a temporary index, in memory where the
        system has a memory file system: the cache folder cannot be written
        (read-only, full, no permission). Returns the message for the user."""
        unwritable = self.directory
        self.let_go_of_index()
        shared_memory = Path("/dev/shm")
        folder = tempfile.mkdtemp(prefix="ceasefire-tui-index-",
                                  dir=shared_memory if os.access(shared_memory, os.W_OK) else None)
        weakref.finalize(self, shutil.rmtree, folder, True)
        self.directory, self.temporary = Path(folder), True
        return (f"cannot write the index in {unwritable} ({error.strerror or error}); "
                "using a temporary index for this session")

    def _open(self) -> tuple[whoosh_index.Index, str | None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        opened, problem = self._try_open()
        if opened is not None:
            return opened, None
        # Creating wipes the directory: do it holding the write lock, so a
        # second process creating at the same moment cannot wipe files this
        # one is writing, and look again once the lock is ours, as that
        # process may have created (or healed) the index meanwhile.
        with self._write_lock():
            opened, problem = self._try_open()
            return (opened, None) if opened is not None else (self._create(), problem)

    def _try_open(self) -> tuple[whoosh_index.Index | None, str | None]:
        """The index if it is there and readable; else None and why it is
        not (None when there simply is no index yet)."""
        if not any(self.directory.glob(f"_{INDEX_NAME}_*.toc")):
            return None, None
        version = self.sidecars.schema_version()
        if version is None:
            return None, f"index was unreadable ({folder.META_FILE} is damaged or missing); rebuilt it"
        if version != SCHEMA_VERSION:
            return None, f"index format changed (version {version} → {SCHEMA_VERSION}); rebuilt it"
        try:
            opened = whoosh_index.open_dir(str(self.directory), INDEX_NAME)
            with opened.reader() as reader:
                reader.doc_count()
        except Exception as error:  # any failure to read a cache means: rebuild it
            return None, f"index was unreadable ({type(error).__name__}); rebuilt it"
        return opened, None

    def damaged_files(self) -> str | None:
        """What is wrong with the files of the last committed index, if
        anything (a stat per file: see manifest.py)."""
        for _ in range(3):
            generation = latest_generation(self.directory)
            if generation < 0:
                return None
            problem = manifest.damage(self.directory, generation)
            # A commit in another process may have replaced the generation
            # while it was checked (its files deleted): check the new one.
            if problem is None or latest_generation(self.directory) == generation:
                return problem
        return None

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        """Whoosh's own write lock (a file lock, released if the process dies)."""
        lock = FileStorage(str(self.directory)).lock(WRITE_LOCK)
        if not try_for(lock.acquire, self.lock_timeout):
            raise self.busy()
        try:
            yield
        finally:
            lock.release()

    def busy(self, waited: bool = True) -> IndexBusy:
        waiting = f" (waited {self.lock_timeout:g} s)" if waited else ""
        return IndexBusy(f"another process is updating the index in {self.directory}{waiting}; "
                         "try again when it has finished")

    def _create(self) -> whoosh_index.Index:
        # The new index continues the old one's generations: readers (here
        # and in other processes) and the caches kept per generation tell a
        # rebuilt index from the one it replaces by its number.
        generation = latest_generation(self.directory) + 1
        for stale in self.directory.iterdir():
            # Not the lock file: another process may be waiting on it.
            if stale.is_file() and stale.name.startswith((INDEX_NAME, "_" + INDEX_NAME)) and stale.name != WRITE_LOCK:
                stale.unlink()
        self.sidecars.forget_caches()
        self._summaries = None
        self.signatures.forget()
        storage, schema = FileStorage(str(self.directory)), build_schema()
        self.written_generation = generation
        manifest.record(self.directory, generation, [])
        whoosh_index.TOC(schema, [], generation).write(storage, INDEX_NAME)
        manifest.record(self.directory, generation, [whoosh_index.TOC._filename(INDEX_NAME, generation)])
        created = whoosh_index.FileIndex(storage, schema, INDEX_NAME)
        self.sidecars.save_schema_version(SCHEMA_VERSION)
        return created

    # --- reading -------------------------------------------------------------

    def searcher(self) -> Searcher:
        """This thread's searcher, brought up to date with the last commit
        (one per thread: see searchers.py)."""
        return self._searchers.searcher(self._open_searcher)

    def _open_searcher(self, attempts: int = 3) -> Searcher:
        # A commit in another thread or process can delete the segments of
        # the generation being opened (a merge): open the newer one instead.
        for attempt in range(attempts):
            try:
                return self.index.searcher(weighting=FastBM25F())
            except FileNotFoundError:
                if attempt == attempts - 1:
                    raise

    def record(self, article_id: str) -> dict[str, Any] | None:
        searcher = self.searcher()
        docnum = searcher.document_number(id=article_id)
        return None if docnum is None else self.record_at(searcher, docnum)

    @staticmethod
    def record_at(searcher: Searcher, docnum: int) -> dict[str, Any]:
        """The analysed article at ``docnum`` (text, layout, entities, figures)."""
        record = json.loads(column(searcher, "record")[docnum])
        record["text"], record["sentences"] = json.loads(column(searcher, "text")[docnum])
        return record

    def ids(self) -> list[str]:
        reader = self.searcher().reader()
        return [term.decode() for term in reader.lexicon("id")]

    def ids_with_prefix(self, prefix: str) -> list[str]:
        reader = self.searcher().reader()
        return [term.decode() for term in reader.expand_prefix("id", prefix)]

    def newer_generation_committed(self) -> bool:
        """Whether the index was replaced since this thread's searcher was
        opened (a commit here or in another process), so that a failure to
        read through it may only mean its files were deleted by that commit."""
        return self._searchers.outdated(lambda: latest_generation(self.directory))

    def committed_generation(self) -> int:
        """The newest generation committed to the index folder, by any
        process: one listing of the folder, nothing opened."""
        return latest_generation(self.directory)

    def let_go_of_index(self) -> None:
        """Before the index is replaced (rebuilt, or moved): every thread
        opens a new searcher on its next call and closes its old one then,
        not now, as another thread may be searching with it at this moment
        (its open files stay readable after the rebuild removes them)."""
        self._searchers.let_go()
        self._index = None

    def close(self) -> None:
        self._searchers.close()
        if self._index is not None:
            self._index.close()
            self._index = None

    # --- writing -------------------------------------------------------------

    def refresh(self, discovery: Discovery, analyse: Analyser, *, rebuild: bool = False,
                progress: Progress | None = None, wait: bool = True) -> RefreshReport:
        try:
            return Refresh(self).run(discovery, analyse, rebuild=rebuild, progress=progress, wait=wait)
        except OSError as error:
            if not unwritable(error) or self.temporary:
                raise
            with self._open_lock:
                reason = self._move_to_memory(error)
            report = Refresh(self).run(discovery, analyse, progress=progress, wait=wait)
            report.rebuilt = reason
            return report

    # --- the entity summaries ------------------------------------------------

    def entity_summaries(self) -> dict[str, Summary]:
        """article id -> entity summary, for every article in the index."""
        return self.compact_summaries().expanded()

    def compact_summaries(self) -> CompactSummaries:
        """The summaries file if it matches the index, else rebuilt from the
        stored records (after a crash between a commit and its save)."""
        generation = self.index.latest_generation()
        if self._summaries is not None and self._summaries[0] == generation:
            return self._summaries[1]
        compact = self.sidecars.summaries(generation)
        if compact is not None:
            self._summaries = (generation, compact)
            return compact
        by_path: dict[str, list[tuple[str, Summary]]] = {}
        searcher = self.searcher()
        for docnum in searcher.reader().all_doc_ids():
            record = self.record_at(searcher, docnum)
            by_path.setdefault(record["path"], []).append((record["id"], summarise(record)))
        compact = CompactSummaries()
        for path, rows in by_path.items():
            compact.set_path(path, rows)
        return compact

    def saved_renames(self, generation: int) -> Renames | None:
        """The corpus linking saved for index ``generation``, if any."""
        return self.sidecars.renames(generation)

    def save_renames(self, renames: Renames, generation: int) -> None:
        """Keep the corpus linking beside the index."""
        self.sidecars.save_renames(renames, generation)

    def save_summaries(self, summaries: CompactSummaries) -> None:
        generation = self.index.latest_generation()
        self.sidecars.save_summaries(summaries, generation)
        self._summaries = (generation, summaries)

    @property
    def sidecars(self) -> Sidecars:
        return Sidecars(self.directory)  # the directory changes if the index moves to memory
