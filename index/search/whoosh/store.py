"""The on-disk Whoosh index: open (healing a stale or corrupt one), refresh
incrementally, and hand out one reused searcher.

The index is a cache of the corpus. An unchanged file costs one ``stat``; a
changed one is re-read and replaced; a removed one is deleted. An index of
another schema version, or one that cannot be read, is rebuilt from the
articles with a one-line message. Only one process writes at a time (Whoosh's
lock, waited on for ``lock_timeout`` seconds).
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import queue
import shutil
import tempfile
import threading
import traceback
import weakref
from collections import OrderedDict
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.filedb.filestore import FileStorage
from whoosh.util.filelock import try_for
from whoosh.index import LockError
from whoosh.searching import Searcher
from whoosh.writing import CLEAR

from . import manifest
from ...corpus.discovery import Discovery, Skipped, SourceFile, read_source
from ...analysis.entity_table import CompactSummaries, Summary, summarise
from ...processes import end_with_parent, silence_stderr, start_resource_tracker, stderr_captured
from .schema import SCHEMA_VERSION, build_schema
from ...text import plural
from .writing import BuildWriter, SegmentBuilder, field_lengths

META_FILE = "ceasefire-index.json"
SKIPPED_FILE = "skipped-files.json"
# path -> stamp of every indexed file, with the index generation it matches:
# what a refresh compares the corpus with, without reading two columns of
# every document (0.3 s at 50,000 articles).
INDEXED_FILE = "indexed-files.json"
# The entity summaries of every file, for the corpus entity table (compact:
# see entity_table.CompactSummaries), with the index generation they match.
SUMMARIES_FILE = "entity-summaries.json"
# The corpus linking of those summaries (entity_table.link_corpus), with the
# generation it matches: most of the cost of the entity table, which every
# headless search needs for its entity counts.
RENAMES_FILE = "entity-renames.json"
INDEX_NAME = "MAIN"
WRITE_LOCK = f"{INDEX_NAME}_WRITELOCK"  # the name SegmentWriter locks
# New files are read, analysed and indexed in worker processes (one per
# core, each writing a segment; this process holds the lock, deletes, and
# commits them all at once) when at least this many are to be indexed:
# below it, starting the workers costs more than they save.
PARALLEL_MIN_FILES = 200
# Files per task handed to a worker (and per progress report).
BATCH_FILES = 8
# Postings the writer holds in memory before spilling them to a temporary
# file (Whoosh's default is 128 MB, which at 50,000 articles is most of the
# memory budget).
WRITER_LIMIT_MB = 48
# Segments as separate files, not one compound file: a reader of a compound
# segment copies its whole postings and term files into memory when it
# opens (BufferFile wraps the mapped file in a BytesIO), about 70 MB at
# 10,000 articles; separate files are read through the page cache.
COMPOUND = False

# analyse(article) -> JSON-safe record with at least the Article.to_record() keys.
Analyser = Callable[[Any], dict[str, Any]]
# progress(done, total, path)
Progress = Callable[[int, int, str], None]


class IndexBusy(Exception):
    """Another process holds the index's write lock."""


class RefreshStopped(Exception):
    """Raised by a progress callback to stop a refresh: nothing of it is
    committed, the index stays as it was."""


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


@dataclass(slots=True)
class Prepared:
    """One file read and analysed, ready for the writer."""

    source: SourceFile
    skipped: list[Skipped]
    notes: list[Skipped]
    documents: list[dict[str, Any]]  # keyword arguments of add_document (none once a worker indexed them)
    summaries: list[tuple[str, Summary]]  # (article id, entity summary)
    articles: int  # how many articles the file held


def prepare(source: SourceFile, analyse: Analyser, file_ids: frozenset[str]) -> Prepared:
    """Read, analyse and lay out one file's documents: the work that can run
    in a worker process (everything here must pickle)."""
    result = read_source(source, file_ids)
    stamp = _stamp(source)
    documents, summaries = [], []
    for article in result.articles:
        record = analyse(article)
        documents.append(_document(record, stamp))
        summaries.append((record["id"], summarise(record)))
    return Prepared(source, result.skipped, result.notes, documents, summaries, len(documents))


class IndexStore:
    def __init__(self, directory: Path, lock_timeout: float = 10.0, workers: int | None = None) -> None:
        self.directory = directory
        self.lock_timeout = lock_timeout
        # Worker processes for big builds; None: one per core.
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self._summaries: tuple[int, CompactSummaries] | None = None
        self._index: whoosh_index.Index | None = None
        self._local = threading.local()  # this thread's (epoch, searcher)
        self._searchers: set[Searcher] = set()  # every thread's, to close them all
        self._epoch = 0
        self._searcher_lock = threading.Lock()
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
        version = self._stored_version()
        if version is None:
            return None, f"index was unreadable ({META_FILE} is damaged or missing); rebuilt it"
        if version != SCHEMA_VERSION:
            return None, f"index format changed (version {version} → {SCHEMA_VERSION}); rebuilt it"
        try:
            opened = whoosh_index.open_dir(str(self.directory), INDEX_NAME)
            with opened.reader() as reader:
                reader.doc_count()
        except Exception as error:  # any failure to read a cache means: rebuild it
            return None, f"index was unreadable ({type(error).__name__}); rebuilt it"
        return opened, None

    def _damaged_files(self) -> str | None:
        """What is wrong with the files of the last committed index, if
        anything (a stat per file: see manifest.py)."""
        for _ in range(3):
            generation = _latest_generation(self.directory)
            if generation < 0:
                return None
            problem = manifest.damage(self.directory, generation)
            # A commit in another process may have replaced the generation
            # while it was checked (its files deleted): check the new one.
            if problem is None or _latest_generation(self.directory) == generation:
                return problem
        return None

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        """Whoosh's own write lock (a file lock, released if the process dies)."""
        lock = FileStorage(str(self.directory)).lock(WRITE_LOCK)
        if not try_for(lock.acquire, self.lock_timeout):
            raise self._busy()
        try:
            yield
        finally:
            lock.release()

    def _busy(self, waited: bool = True) -> IndexBusy:
        waiting = f" (waited {self.lock_timeout:g} s)" if waited else ""
        return IndexBusy(f"another process is updating the index in {self.directory}{waiting}; "
                         "try again when it has finished")

    def _stored_version(self) -> int | None:
        try:
            return json.loads((self.directory / META_FILE).read_text())["schema_version"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _create(self) -> whoosh_index.Index:
        # The new index continues the old one's generations: readers (here
        # and in other processes) and the caches kept per generation tell a
        # rebuilt index from the one it replaces by its number.
        generation = _latest_generation(self.directory) + 1
        for stale in self.directory.iterdir():
            # Not the lock file: another process may be waiting on it.
            if stale.is_file() and stale.name.startswith((INDEX_NAME, "_" + INDEX_NAME)) and stale.name != WRITE_LOCK:
                stale.unlink()
        (self.directory / SUMMARIES_FILE).unlink(missing_ok=True)
        (self.directory / RENAMES_FILE).unlink(missing_ok=True)
        (self.directory / INDEXED_FILE).unlink(missing_ok=True)
        self._summaries = None
        storage, schema = FileStorage(str(self.directory)), build_schema()
        self.written_generation = generation
        manifest.record(self.directory, generation, [])
        whoosh_index.TOC(schema, [], generation).write(storage, INDEX_NAME)
        manifest.record(self.directory, generation, [whoosh_index.TOC._filename(INDEX_NAME, generation)])
        created = whoosh_index.FileIndex(storage, schema, INDEX_NAME)
        (self.directory / META_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
        return created

    # --- reading -------------------------------------------------------------

    def searcher(self) -> Searcher:
        """This thread's searcher, brought up to date with the last commit.

        One per thread: Whoosh's readers seek and read shared file objects,
        so two threads searching through one searcher corrupt each other's
        reads (seen as struct errors when the TUI's search and article
        workers overlapped). When the index changes a thread gets a new
        searcher rather than refresh(): Whoosh 2.7's refresh reuses segment
        readers whose deletion sets are stale."""
        current = getattr(self._local, "searcher", None)
        if current is not None and current[0] == self._epoch and current[1].up_to_date():
            return current[1]
        epoch = self._epoch
        fresh = self._open_searcher()
        with self._searcher_lock:
            if current is not None and current[1] in self._searchers:
                self._searchers.discard(current[1])
                current[1].close()
            self._searchers.add(fresh)
        self._local.searcher = (epoch, fresh)
        return fresh

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
        current = getattr(self._local, "searcher", None)
        if current is None:
            return False
        return current[0] != self._epoch or _latest_generation(self.directory) > current[1].reader().generation()

    def committed_generation(self) -> int:
        """The newest generation committed to the index folder, by any
        process: one listing of the folder, nothing opened."""
        return _latest_generation(self.directory)

    def let_go_of_index(self) -> None:
        """Before the index is replaced (rebuilt, or moved): every thread
        opens a new searcher on its next call and closes its old one then,
        not now, as another thread may be searching with it at this moment
        (its open files stay readable after the rebuild removes them)."""
        with self._searcher_lock:
            self._epoch += 1
        self._index = None

    def close(self) -> None:
        with self._searcher_lock:
            for searcher in self._searchers:
                searcher.close()
            self._searchers.clear()
            self._epoch += 1  # every thread's searcher is closed: each opens a new one
        if self._index is not None:
            self._index.close()
            self._index = None

    # --- writing -------------------------------------------------------------

    def refresh(self, discovery: Discovery, analyse: Analyser, *, rebuild: bool = False,
                progress: Progress | None = None, wait: bool = True) -> RefreshReport:
        try:
            return self._refresh(discovery, analyse, rebuild=rebuild, progress=progress, wait=wait)
        except OSError as error:
            if not unwritable(error) or self.temporary:
                raise
            with self._open_lock:
                reason = self._move_to_memory(error)
            report = self._refresh(discovery, analyse, progress=progress, wait=wait)
            report.rebuilt = reason
            return report

    def _refresh(
        self,
        discovery: Discovery,
        analyse: Analyser,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        wait: bool = True,
    ) -> RefreshReport:
        report = RefreshReport(skipped=list(discovery.skipped))
        # Damage no read has met yet (in a file only a rebuild reads, say):
        # found here, so that `index` repairs it rather than say "unchanged".
        damage = None if rebuild else self._damaged_files()
        rebuild = rebuild or damage is not None
        index = self.index
        self._clear_stale_files(index)
        # Said once: the refreshes after it (the TUI's, as files change) did not rebuild.
        report.rebuilt, self.open_message = self.open_message, None
        if damage and not report.rebuilt:
            report.rebuilt = f"index files were damaged ({damage}); rebuilt it"
        elif rebuild and not report.rebuilt:
            report.rebuilt = "rebuilt the index as asked"
        wanted = {source.name: source for source in discovery.files}
        generation = index.latest_generation()
        indexed, remembered, stale, gone = self._plan(discovery, wanted, report, rebuild)
        if stale or gone or rebuild:
            try:
                writer = BuildWriter(index, timeout=self.lock_timeout if wait else 0, limitmb=WRITER_LIMIT_MB,
                                     compound=COMPOUND)
            except LockError:
                raise self._busy(waited=wait) from None
            if index.latest_generation() != generation:
                # Another process committed while this one waited for the
                # lock: plan again against what it wrote, or its files
                # would be indexed twice.
                try:
                    indexed, remembered, stale, gone = self._plan(discovery, wanted, report, rebuild)
                except BaseException:
                    writer.cancel()
                    raise
            summaries = CompactSummaries() if rebuild else self.compact_summaries()
            changed = [source for source in stale if source.name in indexed]
            new = [source for source in stale if source.name not in indexed]
            done = 0
            try:
                for path in gone:
                    writer.delete_by_term("path", path)
                    summaries.remove_path(path)
                    report.removed += 1
                files = dict(indexed)
                for path in gone:
                    files.pop(path, None)
                for source in changed:
                    done += 1
                    if progress:
                        progress(done, len(stale), source.name)
                    records = self._replace(writer, source, indexed[source.name], analyse, report,
                                            discovery.file_ids)
                    summaries.set_path(source.name, [(record["id"], summarise(record)) for record in records])
                    _note_file(files, source, bool(records))
                # closing: a refresh stopped halfway stops the workers now, not when collected
                with closing(self._prepared(new, analyse, writer, discovery.file_ids)) as prepared_files:
                    for prepared in prepared_files:
                        done += 1
                        if progress:
                            progress(done, len(stale), prepared.source.name)
                        report.skipped.extend(prepared.skipped)
                        report.notes.extend(prepared.notes)
                        for document in prepared.documents:
                            writer.add_document(**document)
                        report.added += prepared.articles
                        summaries.set_path(prepared.source.name, prepared.summaries)
                        _note_file(files, prepared.source, prepared.articles > 0)
            except BaseException:
                writer.cancel()
                raise
            try:
                # A rebuild is one commit that drops every old segment: until
                # it is written, readers here and in other processes keep
                # reading the previous index whole (never an empty one).
                # Noted before the table of contents appears on disk, so that
                # no one takes this commit for another process's.
                self.written_generation = writer.generation
                writer.commit(mergetype=CLEAR if rebuild else None)
            except BaseException:
                writer.abandon()  # the lock must not outlive a failed commit
                raise
            self._save_indexed_files(files)
            if summaries.garbage > max(1000, len(summaries.keys) // 2):
                summaries = summaries.compacted()
            self._save_summaries(summaries)
        elif not remembered:
            self._save_indexed_files(indexed)
        self._remember_bad_files(wanted, report)
        report.articles = self.searcher().doc_count()
        return report

    def _clear_stale_files(self, index: whoosh_index.Index) -> None:
        """What a build killed halfway left: postings spilled to the writers'
        temporary folder and segments never committed (tens of MB each
        time). Only when no writer is at work; else the next start does it."""
        spilled = self.directory / f"{INDEX_NAME}.tmp"
        if not (spilled.is_dir() and any(spilled.iterdir())):
            return
        lock = FileStorage(str(self.directory)).lock(WRITE_LOCK)
        if not lock.acquire():
            return
        try:
            shutil.rmtree(spilled, ignore_errors=True)
            toc = index._read_toc()
            whoosh_index.clean_files(index.storage, INDEX_NAME, toc.generation, toc.segments)
        finally:
            lock.release()

    def _plan(self, discovery: Discovery, wanted: dict[str, SourceFile], report: RefreshReport, rebuild: bool):
        """What this refresh must do: (indexed files, whether that list was
        remembered, files to (re)index, paths gone). Sets the report's
        unchanged count and the files skipped because they failed before.
        A rebuild reads nothing of the index (it may be what is damaged)."""
        indexed, remembered = ({}, False) if rebuild else self._indexed_files()
        known_bad = {} if rebuild else self._known_bad_files()
        report.skipped = list(discovery.skipped)
        stale = []
        for path, source in wanted.items():
            stamp = _stamp(source)
            if indexed.get(path) == stamp:
                continue
            if known_bad.get(path, {}).get("stamp") == stamp:  # unchanged since it failed: not re-read
                report.skipped.append(Skipped(path, known_bad[path]["reason"]))
                continue
            stale.append(source)
        gone = [path for path in indexed if path not in wanted]
        report.unchanged = sum(1 for path, source in wanted.items() if indexed.get(path) == _stamp(source))
        return indexed, remembered, stale, gone

    def _prepared(self, sources: list[SourceFile], analyse: Analyser, writer: BuildWriter,
                  file_ids: frozenset[str]) -> Iterator[Prepared]:
        """Each of ``sources`` read and analysed. Few: here, documents
        included, for ``writer``. Many: in one worker process per core, each
        writing its documents into a segment of its own (the documents do
        not come back; the segments join ``writer``'s commit), as Whoosh's
        own multiprocessing writer does. If the workers cannot start, here."""
        workers = min(self.workers, -(-len(sources) // BATCH_FILES))
        if workers >= 2 and len(sources) >= PARALLEL_MIN_FILES:
            try:
                pool = _SegmentWorkers(self.directory, workers, analyse, file_ids)
            except OSError:
                pool = None
            if pool is not None:
                yield from pool.run(sources, writer)
                return
        for source in sources:
            yield prepare(source, analyse, file_ids)

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
        try:
            saved = json.loads((self.directory / SUMMARIES_FILE).read_text(encoding="utf-8"))
            if saved["generation"] == generation:
                compact = CompactSummaries.from_json(saved["summaries"])
                self._summaries = (generation, compact)
                return compact
        except (OSError, ValueError, KeyError, TypeError):
            pass
        by_path: dict[str, list[tuple[str, Summary]]] = {}
        searcher = self.searcher()
        for docnum in searcher.reader().all_doc_ids():
            record = self.record_at(searcher, docnum)
            by_path.setdefault(record["path"], []).append((record["id"], summarise(record)))
        compact = CompactSummaries()
        for path, rows in by_path.items():
            compact.set_path(path, rows)
        return compact

    def saved_renames(self, generation: int) -> dict[tuple[str, str], tuple[str, str]] | None:
        """The corpus linking saved for index ``generation``, if any."""
        try:
            saved = json.loads((self.directory / RENAMES_FILE).read_text(encoding="utf-8"))
            if saved["generation"] == generation:
                return {(old_name, old_kind): (new_name, new_kind)
                        for old_name, old_kind, new_name, new_kind in saved["renames"]}
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def save_renames(self, renames: dict[tuple[str, str], tuple[str, str]], generation: int) -> None:
        """Keep the corpus linking beside the index; a cache, so a failure to
        write it only costs the next start the time to link again."""
        document = {"generation": generation, "renames": [[*old, *new] for old, new in renames.items()]}
        try:
            _write_atomically(self.directory / RENAMES_FILE, json.dumps(document, ensure_ascii=False))
        except OSError:
            pass

    def _save_summaries(self, summaries: CompactSummaries) -> None:
        generation = self.index.latest_generation()
        document = {"generation": generation, "summaries": summaries.to_json()}
        _write_atomically(self.directory / SUMMARIES_FILE, json.dumps(document, ensure_ascii=False))
        self._summaries = (generation, summaries)

    def _known_bad_files(self) -> dict[str, dict[str, str]]:
        """Files that could not be read last time, with their stamp then."""
        try:
            known = json.loads((self.directory / SKIPPED_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return known if isinstance(known, dict) else {}

    def _remember_bad_files(self, wanted: dict[str, SourceFile], report: RefreshReport) -> None:
        bad = {
            skipped.path: {"stamp": _stamp(wanted[skipped.path]), "reason": skipped.reason}
            for skipped in report.skipped
            if skipped.path in wanted
        }
        if bad == self._known_bad_files():
            return
        _write_atomically(self.directory / SKIPPED_FILE, json.dumps(bad, ensure_ascii=False))

    def _save_indexed_files(self, files: dict[str, str]) -> None:
        document = {"generation": self.index.latest_generation(), "files": files}
        _write_atomically(self.directory / INDEXED_FILE, json.dumps(document, ensure_ascii=False))

    def _indexed_files(self) -> tuple[dict[str, str], bool]:
        """path -> stamp for every file in the index, and whether that came
        from the file kept beside the index (else from the columns)."""
        try:
            saved = json.loads((self.directory / INDEXED_FILE).read_text(encoding="utf-8"))
            if saved["generation"] == self.index.latest_generation() and isinstance(saved["files"], dict):
                return saved["files"], True
        except (OSError, ValueError, KeyError, TypeError):
            pass
        reader = self.searcher().reader()
        if reader.doc_count() == 0:
            return {}, False
        paths = reader.column_reader("path")
        stamps = reader.column_reader("stamp")
        return {paths[docnum]: stamps[docnum] for docnum in reader.all_doc_ids()}, False

    def _replace(self, writer, source: SourceFile, previous: str | None, analyse: Analyser,
                 report: RefreshReport, file_ids: frozenset[str]) -> list[dict[str, Any]]:
        result = read_source(source, file_ids)
        report.skipped.extend(result.skipped)
        report.notes.extend(result.notes)
        if previous is not None:
            writer.delete_by_term("path", source.name)
        records = []
        for article in result.articles:
            cached = self._reusable_record(article) if previous is not None else None
            record = cached or analyse(article)
            writer.add_document(**_document(record, _stamp(source)))
            records.append(record)
        if result.articles:
            if previous is None:
                report.added += len(result.articles)
            else:
                report.updated += len(result.articles)
        return records

    def _reusable_record(self, article) -> dict[str, Any] | None:
        """The stored analysis when only the file's timestamp changed."""
        record = self.record(article.id)
        if record and record.get("content_hash") == article.content_hash and record.get("path") == article.path:
            return record
        return None


def _segment_worker(directory: str, jobs, results, analyse: Analyser, file_ids: frozenset[str],
                    quiet: bool) -> None:
    """A worker process: read, analyse and index batches of files into one
    new segment, reporting each batch; the segment itself is sent last.
    ``quiet``: the parent draws on the terminal (see processes.py)."""
    end_with_parent()
    if quiet:
        silence_stderr()
    try:
        index = whoosh_index.open_dir(directory, INDEX_NAME)
        # _lk=False: the parent process holds the lock for this whole refresh.
        writer = SegmentBuilder(index, _lk=False, limitmb=WRITER_LIMIT_MB, compound=COMPOUND)
        while True:
            batch = jobs.get()
            if batch is None:
                break
            done = []
            for source in batch:
                prepared = prepare(source, analyse, file_ids)
                for document in prepared.documents:
                    writer.add_document(**document)
                prepared.documents = []
                done.append(prepared)
            results.put(("files", done))
        if writer.docnum:
            segment = writer._finalize_segment()
        else:
            writer._close_segment()
            segment = None
        results.put(("segment", segment))
    except BaseException:
        results.put(("error", traceback.format_exc()))


class _SegmentWorkers:
    def __init__(self, directory: Path, workers: int, analyse: Analyser, file_ids: frozenset[str]) -> None:
        # fork is quick and runs nothing again, but a forked copy of a process
        # with other threads (the TUI refreshes in a worker thread) can
        # deadlock: then spawn, which imports the engine afresh in each worker.
        method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
        if method == "spawn":
            start_resource_tracker()
        context = multiprocessing.get_context(method)
        self.jobs = context.Queue()
        self.results = context.Queue()
        self.processes = [
            context.Process(target=_segment_worker,
                            args=(str(directory), self.jobs, self.results, analyse, file_ids, stderr_captured()),
                            daemon=True)
            for _ in range(workers)
        ]

    def run(self, sources: list[SourceFile], writer: BuildWriter) -> Iterator[Prepared]:
        for process in self.processes:
            process.start()
        try:
            for start in range(0, len(sources), BATCH_FILES):
                self.jobs.put(sources[start:start + BATCH_FILES])
            for _ in self.processes:
                self.jobs.put(None)
            finished = 0
            while finished < len(self.processes):
                try:
                    kind, payload = self.results.get(timeout=1.0)
                except queue.Empty:
                    # A worker that sent its segment has ended; one that ended without it failed.
                    if sum(not process.is_alive() for process in self.processes) > finished:
                        raise RuntimeError("an indexing worker process stopped unexpectedly") from None
                    continue
                if kind == "error":
                    raise RuntimeError(f"an indexing worker process failed:\n{payload}")
                if kind == "segment":
                    finished += 1
                    if payload is not None:
                        writer.worker_segments.append(payload)
                    continue
                yield from payload
            for process in self.processes:
                process.join()
        finally:
            for process in self.processes:
                if process.is_alive():
                    process.terminate()
                    process.join()
            # Batches no worker took (a build stopped halfway) must not keep
            # this process waiting, at exit, for its queue's feeder thread to
            # write them into a pipe that nobody reads any more.
            self.jobs.cancel_join_thread()
            self.jobs.close()
            self.results.close()


class FastBM25F(scoring.BM25F):
    """Whoosh's BM25F, the same scores, with each document's field length
    read from a list made once per segment: Whoosh reads it from the length
    column for every scored document (a file read each), which was a third
    of the time of a search whose words are in most articles."""

    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        return _FastBM25FScorer(searcher, fieldname, text, self._field_B.get(fieldname, self.B), self.K1, qf=qf)


class _FastBM25FScorer(scoring.BM25FScorer):
    def setup(self, searcher, fieldname, text):
        super().setup(searcher, fieldname, text)
        if hasattr(self, "dfl"):
            self.dfl = _field_lengths(searcher.reader(), fieldname).__getitem__


_COLUMNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_COLUMNS_LOCK = threading.Lock()
# What is read once per segment, by the segment's id: a segment never
# changes once written (a deletion only hides documents), and every thread's
# searcher has its own readers of the same segments. The most recent kept.
_PER_SEGMENT: OrderedDict[tuple[str, int], dict[tuple[str, str], Any]] = OrderedDict()
_SEGMENTS_KEPT = 64
_PER_SEARCHER: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _once_per_segment(reader, key: tuple[str, str], read: Callable[[], Any]) -> Any:
    """``read()`` the first time ``key`` is asked for of the segment ``reader`` reads."""
    segment = (reader.segment().segment_id(), reader.doc_count_all())
    with _COLUMNS_LOCK:
        value = _PER_SEGMENT.get(segment, {}).get(key)
        if value is not None:
            _PER_SEGMENT.move_to_end(segment)
            return value
    value = read()  # outside the lock: another thread's reads need not wait for this one
    with _COLUMNS_LOCK:
        _PER_SEGMENT.setdefault(segment, {})[key] = value
        _PER_SEGMENT.move_to_end(segment)
        while len(_PER_SEGMENT) > _SEGMENTS_KEPT:
            _PER_SEGMENT.popitem(last=False)
    return value


def _field_lengths(reader, fieldname: str) -> list[int]:
    """The length of ``fieldname`` in every document of one segment (1 when
    unknown, as the scorer asks)."""
    return _once_per_segment(reader, ("lengths", fieldname),
                             lambda: [length or 1 for length in field_lengths(reader._perdoc, fieldname)])


def keyword_values(searcher: Searcher, fieldname: str) -> list[str]:
    """The value of the one-term field ``fieldname`` (an ``ID``) of every
    document, by document number ("" where none), read once per segment from
    the field's postings: a few posting lists rather than a column read per
    document, so counting over every match costs a list lookup each."""

    def of_segment(reader) -> list[str]:
        values = [""] * reader.doc_count_all()
        for term in reader.lexicon(fieldname):
            value = term.decode("utf-8")
            for docnum in reader.postings(fieldname, term).all_ids():
                values[docnum] = value
        return values

    with _COLUMNS_LOCK:
        values = _PER_SEARCHER.setdefault(searcher, {}).get(fieldname)
    if values is None:
        values = []
        for reader, _ in searcher.reader().leaf_readers():  # in document number order
            values.extend(_once_per_segment(reader, ("values", fieldname), lambda: of_segment(reader)))
        with _COLUMNS_LOCK:
            _PER_SEARCHER.setdefault(searcher, {})[fieldname] = values
    return values


def column(searcher: Searcher, fieldname: str):
    """The column reader of ``fieldname`` for ``searcher``, made once: making
    one reads the column's whole offset table (about 1 ms at 10,000 articles)."""
    with _COLUMNS_LOCK:
        readers = _COLUMNS.setdefault(searcher, {})
        reader = readers.get(fieldname)
        if reader is None:
            reader = readers[fieldname] = searcher.reader().column_reader(fieldname)
        return reader


# What a cache folder that cannot take the index fails with.
UNWRITABLE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.ENOTDIR}


def unwritable(error: OSError) -> bool:
    return error.errno in UNWRITABLE_ERRNOS


def _latest_generation(directory: Path) -> int:
    """The generation of the newest table of contents in ``directory`` (-1
    when there is none, or no folder)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return -1
    pattern = whoosh_index.TOC._pattern(INDEX_NAME)
    return max((int(match.group(1)) for match in map(pattern.match, names) if match), default=-1)


def _write_atomically(target: Path, text: str) -> None:
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)


def _note_file(files: dict[str, str], source: SourceFile, indexed: bool) -> None:
    if indexed:
        files[source.name] = _stamp(source)
    else:
        files.pop(source.name, None)


def _stamp(source: SourceFile) -> str:
    return f"{source.mtime_ns}:{source.size}"


def _document(record: dict[str, Any], stamp: str) -> dict[str, Any]:
    names = [entity["name"] for entity in record.get("entities", ())]
    analysis = {key: value for key, value in record.items() if key not in ("text", "sentences")}
    # One string for both text fields: they tokenise it once (schema.OnePassText).
    full_text = record["title"] + "\n" + record["text"]
    document = {
        "id": record["id"],
        "path": record["path"],
        "stamp": stamp,
        "content_hash": record["content_hash"],
        "title": record["title"],
        # The title too, so that a plain word's matches are all in one field
        # (counting them is one posting list, not a union of two).
        "body": full_text,
        "exact": full_text,
        "source_key": record["source"] or "",
        "text": json.dumps([record["text"], record["sentences"]], ensure_ascii=False).encode("utf-8"),
        "record": json.dumps(analysis, ensure_ascii=False).encode("utf-8"),
    }
    if record["source"]:
        document["source"] = record["source"]
    if record["published"]:
        document["published"] = record["published"]
    if record["url"]:
        document["url"] = record["url"]
    if names:
        document["entities"] = ",".join(name.replace(",", " ") for name in names)
    return document
