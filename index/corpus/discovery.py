"""Find the article files of a corpus and load them, reporting every file skipped.

A corpus is a list of folders, files or glob patterns. Discovery only stats
files; reading happens in :func:`read_articles`, which never raises for a bad
file: it records why the file was skipped and carries on.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections import Counter
from stat import S_ISREG
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..model import Article, Skipped
from .formats import SUPPORTED_SUFFIXES, CsvColumns, LoadError, ReadOptions, load_file
from .provenance import is_sidecar, read_provenance, with_provenance
from ..text import printable

# Named pipes would block the reader forever and devices never end
# (/dev/zero reports a size of 0): only regular files are read.
NOT_A_FILE = "not a regular file (a named pipe, device or socket)"


class SourceFile:
    """An article file found on disk, with what a cheap change check needs.

    Immutable. ``path`` is made when first read: a refresh that finds
    nothing changed needs only ``name`` (the path as a string) for its tens
    of thousands of files, and a ``Path`` costs about 10 µs to build.
    """

    __slots__ = ("name", "article_id", "mtime_ns", "size", "_path")

    def __init__(self, path: Path | str, article_id: str, mtime_ns: int, size: int) -> None:
        set_ = object.__setattr__
        set_(self, "name", str(path))
        set_(self, "article_id", article_id)
        set_(self, "mtime_ns", mtime_ns)
        set_(self, "size", size)
        set_(self, "_path", path if isinstance(path, Path) else None)

    @property
    def path(self) -> Path:
        if self._path is None:
            object.__setattr__(self, "_path", Path(self.name))
        return self._path

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("SourceFile is immutable")

    def _key(self) -> tuple[str, str, int, int]:
        return (self.name, self.article_id, self.mtime_ns, self.size)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourceFile) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"SourceFile(path={self.name!r}, article_id={self.article_id!r}, "
                f"mtime_ns={self.mtime_ns}, size={self.size})")

    def __reduce__(self):  # pickled to worker processes
        return SourceFile, (self.name, self.article_id, self.mtime_ns, self.size)


@dataclass(slots=True)
class Discovery:
    files: list[SourceFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    excluded: set[tuple[int, int]] = field(default_factory=set)  # (device, inode) of folders left out
    # What reading a file needs: every file's id (a record may not take one,
    # see formats.common.record_ids) and the configured CSV columns.
    read_options: ReadOptions = field(default_factory=ReadOptions)


def discover(paths: Iterable[Path | str], max_bytes: int, excluded: Iterable[Path | str] = (),
             csv_columns: CsvColumns = CsvColumns()) -> Discovery:
    """Stat every article file under ``paths`` (folders, files or globs),
    leaving out the folders ``excluded`` (the app's own exports); CSV files
    will be read by ``csv_columns``.

    One ``stat`` per file, and no path resolving: a file reached twice (a
    symlink, overlapping corpus paths) is recognised by its device and inode,
    and so is an excluded folder.
    At 10,000 files this is what every start pays, so it is kept lean.
    """
    result = Discovery()
    seen: set[tuple[int, int]] = set()
    found: list[tuple[str, int, int]] = []  # path, mtime_ns, size: made SourceFiles once their ids are known
    result.excluded = {key for key in map(_folder_key, excluded) if key is not None}
    for entry in paths:
        entry = str(entry)
        matches = sorted(glob.glob(entry, recursive=True)) if glob.has_magic(entry) else [entry]
        if not matches:
            result.skipped.append(Skipped(entry, "no file or folder matches this corpus path"))
        for match in _outside(matches, result.excluded):
            for path, stat in _walk(match, result):
                if is_sidecar(path):  # where a fetched page came from, not an article
                    continue
                if stat is None:
                    try:
                        stat = os.stat(path)
                    except OSError as error:
                        result.skipped.append(Skipped(path, f"cannot read ({error.strerror or error})"))
                        continue
                key = (stat.st_dev, stat.st_ino)
                if key in seen:
                    continue
                seen.add(key)
                if _undecodable(path):
                    result.skipped.append(Skipped(path, "its name is not valid UTF-8, which the index cannot store; "
                                                        "rename the file to read it"))
                    continue
                if not S_ISREG(stat.st_mode):
                    result.skipped.append(Skipped(path, NOT_A_FILE))
                    continue
                if stat.st_size > max_bytes:
                    limit = max_bytes / 1_000_000
                    result.skipped.append(Skipped(path, f"larger than the {limit:g} MB limit (corpus.max_file_mb)"))
                    continue
                found.append((path, stat.st_mtime_ns, stat.st_size))
    result.files = _with_unique_ids(found)
    result.read_options = ReadOptions(frozenset(source.article_id for source in result.files), csv_columns)
    return result


def _walk(root: str, result: Discovery) -> Iterator[tuple[str, os.stat_result | None]]:
    """Article files under ``root`` (a file or a folder), each with its stat
    when the walk already has it: a folder's files in name order, then its
    subfolders in name order; hidden ones skipped."""
    if os.path.isfile(root):
        yield str(Path(root)), None
        return
    if not os.path.isdir(root):
        result.skipped.append(Skipped(str(Path(root)), "no such file or folder"))
        return
    visited: set[tuple[int, int]] = set()
    # Symlinked folders are followed, with an inode guard against loops.
    pending = [str(Path(root))]
    while pending:
        folder = pending.pop()
        try:
            stat = os.stat(folder)
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError as error:
            result.skipped.append(Skipped(folder, f"cannot read this folder ({error.strerror or error})"))
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in visited or key in result.excluded:
            continue
        visited.add(key)
        files, subfolders = [], []
        for item in entries:
            if item.name.startswith("."):
                continue
            try:
                is_folder = item.is_dir()
            except OSError:
                continue
            if is_folder:
                subfolders.append(item.name)
            elif item.name.lower().endswith(SUPPORTED_SUFFIXES):
                files.append(item)
        for item in sorted(files, key=lambda item: item.name):
            try:
                yield item.path, item.stat()
            except OSError as error:
                result.skipped.append(Skipped(item.path, f"cannot read ({error.strerror or error})"))
        pending.extend(os.path.join(folder, name) for name in sorted(subfolders, reverse=True))


def _with_unique_ids(found: list[tuple[str, int, int]]) -> list[SourceFile]:
    """Each ``(path, mtime_ns, size)`` as a SourceFile. Ids are file stems,
    made printable; two files with one id get a short path hash, and so does
    every stem that had to be made printable (so that it cannot take the id
    of a file really named like its printable form)."""
    names = []
    for path, _, _ in found:
        stem = _stem(path)
        article_id = printable(stem)
        if article_id != stem:
            article_id += "~" + _path_hash(path)
        names.append(article_id)
    counts = Counter(names)
    unique = []
    for (path, mtime_ns, size), article_id in zip(found, names):
        if counts[article_id] > 1:
            article_id += "~" + _path_hash(path)
        unique.append(SourceFile(path, article_id, mtime_ns, size))
    return unique


def _outside(matches: list[str], excluded: set[tuple[int, int]]) -> Iterator[str]:
    """The corpus paths or glob matches not directly in an excluded folder (a
    glob such as ``corpus/**/*.md`` reaches into one). Matches come sorted, so
    one folder's files are consecutive and its key is read once."""
    last_parent, parent_excluded = None, False
    for match in matches:
        if excluded:
            parent = os.path.dirname(match) or "."
            if parent != last_parent:
                last_parent, parent_excluded = parent, _folder_key(parent) in excluded
            if parent_excluded:
                continue
        yield match


def _folder_key(folder: Path | str) -> tuple[int, int] | None:
    try:
        stat = os.stat(folder)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _undecodable(path: str) -> bool:
    """True when the file system gave bytes that are not UTF-8 (Python holds
    them as lone surrogates, which no text file or index can store)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _path_hash(path: str) -> str:
    return hashlib.sha1(os.fsencode(path)).hexdigest()[:6]


def _stem(path: str) -> str:
    """``Path(path).stem`` (pathlib's own rule), without building a Path."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


@dataclass(slots=True)
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)  # read, with a caveat


def read_source(source: SourceFile, options: ReadOptions = ReadOptions()) -> ReadResult:
    """Read and parse one file; problems become skip records, never exceptions.
    ``options``: the discovery's (the corpus's file ids, the CSV columns)."""
    result = ReadResult()
    try:
        data = _read_regular_file(source)
    except OSError as error:
        result.skipped.append(Skipped(str(source.path), f"cannot read ({error.strerror or error})"))
        return result
    except _NotReadable as error:
        result.skipped.append(Skipped(str(source.path), str(error)))
        return result
    try:
        articles, note = load_file(source.path, data, source.article_id, options)
    except LoadError as error:
        result.skipped.append(Skipped(str(source.path), str(error)))
        return result
    except RecursionError:
        result.skipped.append(Skipped(str(source.path), "nested too deeply to read"))
        return result
    result.articles.extend(with_provenance(articles, read_provenance(source.path)))
    if note:
        result.notes.append(Skipped(str(source.path), note))
    return result


class _NotReadable(Exception):
    pass


def _read_regular_file(source: SourceFile) -> bytes:
    """The file's bytes, if it is still the regular file discovery measured.

    Opened without blocking (a named pipe put in its place would otherwise
    wait for a writer forever), and read no further than the size discovery
    checked against the limit: what is read, not what ``stat`` said, is
    what the limit bounds."""
    descriptor = os.open(source.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(descriptor, "rb", buffering=0, closefd=True) as file:
        if not S_ISREG(os.fstat(descriptor).st_mode):
            raise _NotReadable(NOT_A_FILE)
        data = file.read(source.size + 1)
        while len(data) <= source.size and (more := file.read(source.size + 1 - len(data))):
            data += more
    if len(data) != source.size:
        raise _NotReadable("changed while being read; it is read again on the next refresh")
    return data


def read_articles(paths: Iterable[Path | str], max_bytes: int = 20_000_000) -> ReadResult:
    """Discover and load a whole corpus (no index involved)."""
    found = discover(paths, max_bytes)
    total = ReadResult(skipped=list(found.skipped))
    for source in found.files:
        one = read_source(source, found.read_options)
        total.articles.extend(one.articles)
        total.skipped.extend(one.skipped)
        total.notes.extend(one.notes)
    return total
