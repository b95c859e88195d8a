"""Reading, analysing and indexing files, in this process or in a pool of
worker processes (one per core, each writing a segment of its own that joins
the parent's commit, as Whoosh's own multiprocessing writer does).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from whoosh import index as whoosh_index

from ...analysis.entity_table import Summary, summarise
from ...corpus.discovery import ReadOptions, SourceFile, read_source
from ...model import Skipped
from ...processes import end_with_parent, silence_stderr, start_resource_tracker, stderr_captured
from ..backend import Analyser
from .folder import INDEX_NAME
from .writing import BuildWriter, SegmentBuilder

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


@dataclass(slots=True)
class Prepared:
    """One file read and analysed, ready for the writer."""

    source: SourceFile
    skipped: list[Skipped]
    notes: list[Skipped]
    documents: list[dict[str, Any]]  # keyword arguments of add_document (none once a worker indexed them)
    summaries: list[tuple[str, Summary]]  # (article id, entity summary)
    articles: int  # how many articles the file held


def prepare(source: SourceFile, analyse: Analyser, options: ReadOptions) -> Prepared:
    """Read, analyse and lay out one file's documents: the work that can run
    in a worker process (everything here must pickle)."""
    result = read_source(source, options)
    stamp = file_stamp(source)
    documents, summaries = [], []
    for article in result.articles:
        record = analyse(article)
        documents.append(index_document(record, stamp))
        summaries.append((record["id"], summarise(record)))
    return Prepared(source, result.skipped, result.notes, documents, summaries, len(documents))


def _segment_worker(directory: str, jobs, results, analyse: Analyser, options: ReadOptions,
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
                prepared = prepare(source, analyse, options)
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


class SegmentWorkers:
    def __init__(self, directory: Path, workers: int, analyse: Analyser, options: ReadOptions) -> None:
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
                            args=(str(directory), self.jobs, self.results, analyse, options, stderr_captured()),
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


def file_stamp(source: SourceFile) -> str:
    return f"{source.mtime_ns}:{source.size}"


def index_document(record: dict[str, Any], stamp: str) -> dict[str, Any]:
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
    if record.get("summary_only"):
        document["summary_only"] = True
    if names:
        document["entities"] = ",".join(name.replace(",", " ") for name in names)
    return document
