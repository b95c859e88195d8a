"""Refreshing the index from the corpus: plan what changed since the last
commit (a ``stat`` per file, against the stamps kept beside the index), then
delete, replace and add in one commit under the write lock.

A file that failed to load is remembered with its stamp and not read again
until it changes. A refresh stopped halfway (``RefreshStopped`` from the
progress callback, Ctrl-C) commits nothing.
"""

from __future__ import annotations

import shutil
from contextlib import closing
from typing import TYPE_CHECKING, Any, Iterator

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.writing import CLEAR

from ...analysis.entity_table import CompactSummaries, summarise
from ...corpus.discovery import Discovery, ReadOptions, SourceFile, read_source
from ...model import RefreshReport, Skipped
from ..backend import Analyser, Progress
from .folder import INDEX_NAME, WRITE_LOCK
from .workers import (BATCH_FILES, COMPOUND, PARALLEL_MIN_FILES, WRITER_LIMIT_MB, Prepared, SegmentWorkers,
                      file_stamp, index_document, prepare)
from .writing import BuildWriter

if TYPE_CHECKING:
    from .store import IndexStore


class Refresh:
    """One refresh of ``store``'s index."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store

    def run(
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
        damage = None if rebuild else self.store.damaged_files()
        rebuild = rebuild or damage is not None
        index = self.store.index
        self._clear_stale_files(index)
        # Said once: the refreshes after it (the TUI's, as files change) did not rebuild.
        report.rebuilt, self.store.open_message = self.store.open_message, None
        if damage and not report.rebuilt:
            report.rebuilt = f"index files were damaged ({damage}); rebuilt it"
        elif rebuild and not report.rebuilt:
            report.rebuilt = "rebuilt the index as asked"
        wanted = {source.name: source for source in discovery.files}
        generation = index.latest_generation()
        indexed, remembered, stale, gone = self._plan(discovery, wanted, report, rebuild)
        if stale or gone or rebuild:
            try:
                writer = BuildWriter(index, timeout=self.store.lock_timeout if wait else 0, limitmb=WRITER_LIMIT_MB,
                                     compound=COMPOUND)
            except LockError:
                raise self.store.busy(waited=wait) from None
            if index.latest_generation() != generation:
                # Another process committed while this one waited for the
                # lock: plan again against what it wrote, or its files
                # would be indexed twice.
                try:
                    indexed, remembered, stale, gone = self._plan(discovery, wanted, report, rebuild)
                except BaseException:
                    writer.cancel()
                    raise
            summaries = CompactSummaries() if rebuild else self.store.compact_summaries()
            changed = [source for source in stale if source.name in indexed]
            new = [source for source in stale if source.name not in indexed]
            done = 0
            if progress and stale:  # at once: starting the worker processes takes a second
                progress(0, len(stale), "")
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
                                            discovery.read_options)
                    summaries.set_path(source.name, [(record["id"], summarise(record)) for record in records])
                    _note_file(files, source, bool(records))
                # closing: a refresh stopped halfway stops the workers now, not when collected
                with closing(self._prepared(new, analyse, writer, discovery.read_options)) as prepared_files:
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
                self.store.written_generation = writer.generation
                writer.commit(mergetype=CLEAR if rebuild else None)
            except BaseException:
                writer.abandon()  # the lock must not outlive a failed commit
                raise
            self.store.sidecars.save_indexed_files(files, self.store.index.latest_generation())
            if summaries.garbage > max(1000, len(summaries.keys) // 2):
                summaries = summaries.compacted()
            self.store.save_summaries(summaries)
        elif not remembered:
            self.store.sidecars.save_indexed_files(indexed, self.store.index.latest_generation())
        self._remember_bad_files(wanted, report)
        report.articles = self.store.searcher().doc_count()
        return report

    def _clear_stale_files(self, index: whoosh_index.Index) -> None:
        """What a build killed halfway left: postings spilled to the writers'
        temporary folder and segments never committed (tens of MB each
        time). Only when no writer is at work; else the next start does it."""
        spilled = self.store.directory / f"{INDEX_NAME}.tmp"
        if not (spilled.is_dir() and any(spilled.iterdir())):
            return
        lock = FileStorage(str(self.store.directory)).lock(WRITE_LOCK)
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
        known_bad = {} if rebuild else self.store.sidecars.known_bad_files()
        report.skipped = list(discovery.skipped)
        stale = []
        for path, source in wanted.items():
            stamp = file_stamp(source)
            if indexed.get(path) == stamp:
                continue
            if known_bad.get(path, {}).get("stamp") == stamp:  # unchanged since it failed: not re-read
                report.skipped.append(Skipped(path, known_bad[path]["reason"]))
                continue
            stale.append(source)
        gone = [path for path in indexed if path not in wanted]
        report.unchanged = sum(1 for path, source in wanted.items() if indexed.get(path) == file_stamp(source))
        return indexed, remembered, stale, gone

    def _prepared(self, sources: list[SourceFile], analyse: Analyser, writer: BuildWriter,
                  options: ReadOptions) -> Iterator[Prepared]:
        """Each of ``sources`` read and analysed. Few: here, documents
        included, for ``writer``. Many: in one worker process per core, each
        writing its documents into a segment of its own (the documents do
        not come back; the segments join ``writer``'s commit), as Whoosh's
        own multiprocessing writer does. If the workers cannot start, here."""
        workers = min(self.store.workers, -(-len(sources) // BATCH_FILES))
        if workers >= 2 and len(sources) >= PARALLEL_MIN_FILES:
            try:
                pool = SegmentWorkers(self.store.directory, workers, analyse, options)
            except OSError:
                pool = None
            if pool is not None:
                yield from pool.run(sources, writer)
                return
        for source in sources:
            yield prepare(source, analyse, options)

    def _indexed_files(self) -> tuple[dict[str, str], bool]:
        """path -> stamp for every file in the index, and whether that came
        from the file kept beside the index (else from the columns)."""
        saved = self.store.sidecars.indexed_files(self.store.index.latest_generation())
        if saved is not None:
            return saved, True
        reader = self.store.searcher().reader()
        if reader.doc_count() == 0:
            return {}, False
        paths = reader.column_reader("path")
        stamps = reader.column_reader("stamp")
        return {paths[docnum]: stamps[docnum] for docnum in reader.all_doc_ids()}, False

    def _replace(self, writer, source: SourceFile, previous: str | None, analyse: Analyser,
                 report: RefreshReport, options: ReadOptions) -> list[dict[str, Any]]:
        result = read_source(source, options)
        report.skipped.extend(result.skipped)
        report.notes.extend(result.notes)
        if previous is not None:
            writer.delete_by_term("path", source.name)
        records = []
        for article in result.articles:
            cached = self._reusable_record(article) if previous is not None else None
            record = cached or analyse(article)
            writer.add_document(**index_document(record, file_stamp(source)))
            records.append(record)
        if result.articles:
            if previous is None:
                report.added += len(result.articles)
            else:
                report.updated += len(result.articles)
        return records

    def _reusable_record(self, article) -> dict[str, Any] | None:
        """The stored analysis when only the file's timestamp changed."""
        record = self.store.record(article.id)
        if record and record.get("content_hash") == article.content_hash and record.get("path") == article.path:
            return record
        return None

    def _remember_bad_files(self, wanted: dict[str, SourceFile], report: RefreshReport) -> None:
        self.store.sidecars.save_known_bad_files({
            skipped.path: {"stamp": file_stamp(wanted[skipped.path]), "reason": skipped.reason}
            for skipped in report.skipped
            if skipped.path in wanted
        })


def _note_file(files: dict[str, str], source: SourceFile, indexed: bool) -> None:
    if indexed:
        files[source.name] = file_stamp(source)
    else:
        files.pop(source.name, None)
