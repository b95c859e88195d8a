"""The on-disk Whoosh index: open (healing a stale or corrupt one), refresh
incrementally, and hand out one reused searcher.

The index is a cache of the corpus. An unchanged file costs one ``stat``; a
changed one is re-read and replaced; a removed one is deleted. An index of
another schema version, or one that cannot be read, is rebuilt from the
articles with a one-line message. Only one process writes at a time (Whoosh's
lock, waited on for ``lock_timeout`` seconds).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.searching import Searcher

from .corpus import Discovery, Skipped, SourceFile, read_source
from .entity_table import Summary, summarise
from .schema import SCHEMA_VERSION, build_schema

META_FILE = "ceasefire-index.json"
SKIPPED_FILE = "skipped-files.json"
# path -> [[article id, entity summary], ...], for the corpus entity table.
SUMMARIES_FILE = "entity-summaries.json"
INDEX_NAME = "MAIN"

# analyse(article) -> JSON-safe record with at least the Article.to_record() keys.
Analyser = Callable[[Any], dict[str, Any]]
# progress(done, total, path)
Progress = Callable[[int, int, str], None]


class IndexBusy(Exception):
    """Another process holds the index's write lock."""


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

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        parts = [f"{self.articles} articles indexed"]
        for label, count in (("new", self.added), ("updated", self.updated), ("removed", self.removed),
                             ("unchanged", self.unchanged)):
            if count:
                parts.append(f"{count} {label}")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)


class IndexStore:
    def __init__(self, directory: Path, lock_timeout: float = 10.0) -> None:
        self.directory = directory
        self.lock_timeout = lock_timeout
        self._index: whoosh_index.Index | None = None
        self._searcher: Searcher | None = None
        self._retired: Searcher | None = None
        self._searcher_lock = threading.Lock()
        self._open_lock = threading.RLock()
        self.open_message: str | None = None

    # --- opening -------------------------------------------------------------

    @property
    def index(self) -> whoosh_index.Index:
        # Locked: the TUI's first search and first refresh run in two threads,
        # and two openings of a missing index would each create (wipe) it.
        with self._open_lock:
            if self._index is None:
                self._index, self.open_message = self._open()
            return self._index

    def _open(self) -> tuple[whoosh_index.Index, str | None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        if not any(self.directory.glob(f"_{INDEX_NAME}_*.toc")):
            return self._create(), None
        version = self._stored_version()
        if version != SCHEMA_VERSION:
            return self._create(), f"index format changed (version {version} → {SCHEMA_VERSION}); rebuilt it"
        try:
            opened = whoosh_index.open_dir(str(self.directory), INDEX_NAME)
            with opened.reader() as reader:
                reader.doc_count()
        except Exception as error:  # any failure to read a cache means: rebuild it
            return self._create(), f"index was unreadable ({type(error).__name__}); rebuilt it"
        return opened, None

    def _stored_version(self) -> int | None:
        try:
            return json.loads((self.directory / META_FILE).read_text())["schema_version"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _create(self) -> whoosh_index.Index:
        for stale in self.directory.iterdir():
            if stale.is_file() and stale.name.startswith((INDEX_NAME, "_" + INDEX_NAME)):
                stale.unlink()
        (self.directory / SUMMARIES_FILE).unlink(missing_ok=True)
        created = whoosh_index.create_in(str(self.directory), build_schema(), INDEX_NAME)
        (self.directory / META_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
        return created

    # --- reading -------------------------------------------------------------

    def searcher(self) -> Searcher:
        """The shared searcher, brought up to date with the last commit."""
        with self._searcher_lock:
            if self._searcher is None:
                self._searcher = self.index.searcher()
            elif not self._searcher.up_to_date():
                # A new searcher rather than refresh(): Whoosh 2.7's refresh
                # reuses segment readers whose deletion sets are stale. The
                # previous one is closed a generation later, as a worker
                # thread may still be reading from it.
                if self._retired is not None:
                    self._retired.close()
                self._retired, self._searcher = self._searcher, self.index.searcher()
            return self._searcher

    def record(self, article_id: str) -> dict[str, Any] | None:
        stored = self.searcher().document(id=article_id)
        return json.loads(stored["record"]) if stored else None

    def ids(self) -> list[str]:
        reader = self.searcher().reader()
        return [term.decode() for term in reader.lexicon("id")]

    def ids_with_prefix(self, prefix: str) -> list[str]:
        reader = self.searcher().reader()
        return [term.decode() for term in reader.expand_prefix("id", prefix)]

    def close(self) -> None:
        with self._searcher_lock:
            for searcher in (self._searcher, self._retired):
                if searcher is not None:
                    searcher.close()
            self._searcher = self._retired = None
        if self._index is not None:
            self._index.close()
            self._index = None

    # --- writing -------------------------------------------------------------

    def refresh(
        self,
        discovery: Discovery,
        analyse: Analyser,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
    ) -> RefreshReport:
        report = RefreshReport(skipped=list(discovery.skipped))
        if rebuild:
            with self._open_lock:
                self.close()
                self.directory.mkdir(parents=True, exist_ok=True)
                self._index, self.open_message = self._create(), "rebuilt the index as asked"
                (self.directory / SKIPPED_FILE).unlink(missing_ok=True)
        index = self.index
        report.rebuilt = self.open_message
        indexed = self._indexed_files()
        known_bad = self._known_bad_files()
        wanted = {str(source.path): source for source in discovery.files}
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
        summaries = self._summaries_by_path() if (stale or gone) else None
        if stale or gone:
            try:
                writer = index.writer(timeout=self.lock_timeout)
            except LockError:
                raise IndexBusy(
                    f"another process is updating the index in {self.directory} "
                    f"(waited {self.lock_timeout:g} s); try again when it has finished"
                ) from None
            try:
                for path in gone:
                    writer.delete_by_term("path", path)
                    summaries.pop(path, None)
                    report.removed += 1
                for done, source in enumerate(stale, start=1):
                    if progress:
                        progress(done, len(stale), str(source.path))
                    records = self._replace(writer, source, indexed.get(str(source.path)), analyse, report)
                    summaries[str(source.path)] = [[record["id"], summarise(record)] for record in records]
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            self._save_summaries(summaries)
        self._remember_bad_files(wanted, report)
        report.articles = self.searcher().doc_count()
        return report

    # --- the entity summaries ------------------------------------------------

    def entity_summaries(self) -> dict[str, Summary]:
        """article id -> entity summary, for every article in the index."""
        return {article: summary for rows in self._summaries_by_path().values() for article, summary in rows}

    def _summaries_by_path(self) -> dict[str, list[list[Any]]]:
        """The summaries file if it matches the index, else rebuilt from the
        stored records (after a crash between a commit and its save)."""
        generation = self.index.latest_generation()
        try:
            saved = json.loads((self.directory / SUMMARIES_FILE).read_text(encoding="utf-8"))
            if saved["generation"] == generation:
                return saved["paths"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        by_path: dict[str, list[list[Any]]] = {}
        for stored in self.searcher().reader().all_stored_fields():
            record = json.loads(stored["record"])
            by_path.setdefault(record["path"], []).append([record["id"], summarise(record)])
        return by_path

    def _save_summaries(self, by_path: dict[str, list[list[Any]]]) -> None:
        document = {"generation": self.index.latest_generation(), "paths": by_path}
        _write_atomically(self.directory / SUMMARIES_FILE, json.dumps(document, ensure_ascii=False))

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

    def _indexed_files(self) -> dict[str, str]:
        """path -> stamp for every file in the index, read from columns (no stored documents)."""
        reader = self.searcher().reader()
        if reader.doc_count() == 0:
            return {}
        paths = reader.column_reader("path")
        stamps = reader.column_reader("stamp")
        return {paths[docnum]: stamps[docnum] for docnum in reader.all_doc_ids()}

    def _replace(self, writer, source: SourceFile, previous: str | None, analyse: Analyser,
                 report: RefreshReport) -> list[dict[str, Any]]:
        result = read_source(source)
        report.skipped.extend(result.skipped)
        report.notes.extend(result.notes)
        if previous is not None:
            writer.delete_by_term("path", str(source.path))
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


def _write_atomically(target: Path, text: str) -> None:
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)


def _stamp(source: SourceFile) -> str:
    return f"{source.mtime_ns}:{source.size}"


def _document(record: dict[str, Any], stamp: str) -> dict[str, Any]:
    names = [entity["name"] for entity in record.get("entities", ())]
    document = {
        "id": record["id"],
        "path": record["path"],
        "stamp": stamp,
        "content_hash": record["content_hash"],
        "title": record["title"],
        "body": record["text"],
        "exact": record["title"] + "\n" + record["text"],
        "source_key": record["source"] or "",
        "record": json.dumps(record, ensure_ascii=False),
    }
    if record["source"]:
        document["source"] = record["source"]
    if record["published"]:
        document["published"] = record["published"]
    if names:
        document["entities"] = ",".join(name.replace(",", " ") for name in names)
    return document
