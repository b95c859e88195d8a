"""Find the article files of a corpus and load them, reporting every file skipped.

A corpus is a list of folders, files or glob patterns. Discovery only stats
files; reading happens in :func:`read_articles`, which never raises for a bad
file: it records why the file was skipped and carries on.
"""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .article import Article
from .loaders import SUPPORTED_SUFFIXES, LoadError, load_file


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An article file found on disk, with what a cheap change check needs."""

    path: Path
    article_id: str
    mtime_ns: int
    size: int


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(slots=True)
class Discovery:
    files: list[SourceFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def discover(paths: Iterable[Path | str], max_bytes: int) -> Discovery:
    """Stat every article file under ``paths`` (folders, files or globs)."""
    result = Discovery()
    seen: set[Path] = set()
    candidates: list[Path] = []
    for entry in paths:
        entry = str(entry)
        matches = sorted(glob.glob(entry, recursive=True)) if glob.has_magic(entry) else [entry]
        if not matches:
            result.skipped.append(Skipped(entry, "no file or folder matches this corpus path"))
        for match in matches:
            candidates.extend(_walk(Path(match), result))
    for path in candidates:
        real = path.resolve()
        if real in seen:
            continue
        seen.add(real)
        try:
            stat = path.stat()
        except OSError as error:
            result.skipped.append(Skipped(str(path), f"cannot read ({error.strerror or error})"))
            continue
        if stat.st_size > max_bytes:
            limit = max_bytes / 1_000_000
            result.skipped.append(Skipped(str(path), f"larger than the {limit:g} MB limit (corpus.max_file_mb)"))
            continue
        result.files.append(SourceFile(path, "", stat.st_mtime_ns, stat.st_size))
    result.files = _with_unique_ids(result.files)
    return result


def _walk(root: Path, result: Discovery) -> Iterable[Path]:
    if root.is_file():
        yield root
        return
    if not root.is_dir():
        result.skipped.append(Skipped(str(root), "no such file or folder"))
        return
    visited: set[tuple[int, int]] = set()
    # followlinks with an inode guard: symlinked folders are read, loops are not.
    for folder, subfolders, names in os.walk(root, followlinks=True):
        try:
            stat = os.stat(folder)
        except OSError:
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in visited:
            subfolders.clear()
            continue
        visited.add(key)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or not name.lower().endswith(SUPPORTED_SUFFIXES):
                continue
            yield Path(folder) / name


def _with_unique_ids(files: list[SourceFile]) -> list[SourceFile]:
    """Ids are file stems; two files with one stem get a short path hash."""
    stems: dict[str, int] = {}
    for source in files:
        stems[source.path.stem] = stems.get(source.path.stem, 0) + 1
    unique = []
    for source in files:
        article_id = source.path.stem
        if stems[article_id] > 1:
            article_id += "~" + hashlib.sha1(str(source.path).encode()).hexdigest()[:6]
        unique.append(SourceFile(source.path, article_id, source.mtime_ns, source.size))
    return unique


@dataclass(slots=True)
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)  # read, with a caveat


def read_source(source: SourceFile) -> ReadResult:
    """Read and parse one file; problems become skip records, never exceptions."""
    result = ReadResult()
    try:
        data = source.path.read_bytes()
    except OSError as error:
        result.skipped.append(Skipped(str(source.path), f"cannot read ({error.strerror or error})"))
        return result
    try:
        articles, note = load_file(source.path, data, source.article_id)
    except LoadError as error:
        result.skipped.append(Skipped(str(source.path), str(error)))
        return result
    except RecursionError:
        result.skipped.append(Skipped(str(source.path), "nested too deeply to read"))
        return result
    result.articles.extend(articles)
    if note:
        result.notes.append(Skipped(str(source.path), note))
    return result


def read_articles(paths: Iterable[Path | str], max_bytes: int = 20_000_000) -> ReadResult:
    """Discover and load a whole corpus (no index involved)."""
    found = discover(paths, max_bytes)
    total = ReadResult(skipped=list(found.skipped))
    for source in found.files:
        one = read_source(source)
        total.articles.extend(one.articles)
        total.skipped.extend(one.skipped)
        total.notes.extend(one.notes)
    return total
