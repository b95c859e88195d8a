"""What each committed generation of the index is made of: the size,
modification time and CRC-32 of every one of its files, kept beside the
index, so that damage to a file no command happens to read on its way (a
column only a rebuild reads, the postings of a field no query touches) is
found by a ``stat`` per file when the index is opened or refreshed.

Whoosh never rewrites a file of a committed segment, so a file that is not
as recorded was damaged. A file whose size is right but whose timestamp is
not (the folder copied without its timestamps, say) is read and its CRC
compared, so that only a change of content counts.

A generation's record is written before its table of contents, and
completed with the table of contents' own line after it: a reader never
finds a committed generation without a record (one without means the
record was lost, or the index was written by a version that kept none). The
newest earlier generation's record is kept too, for readers opening it
while the commit happens.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Iterable

MANIFEST_FILE = "index-files.json"
# name -> [size, mtime_ns, crc32]
Files = dict[str, list[int]]
_CHUNK = 1 << 20


def segment_files(directory: Path, segment_ids: Iterable[str]) -> list[str]:
    """The names of the files of the segments ``segment_ids`` (Whoosh names
    each ``<segment id>.<ext>``)."""
    prefixes = tuple(f"{segment_id}." for segment_id in segment_ids)
    return [name for name in os.listdir(directory) if prefixes and name.startswith(prefixes)]


def record(directory: Path, generation: int, names: Iterable[str]) -> None:
    """Record the files ``names`` as what generation ``generation`` is made
    of. A file already recorded with the same size and timestamp keeps its
    CRC (segments are shared between generations): only new files are read."""
    saved = _load(directory)
    known = {name: entry for files in saved.values() for name, entry in files.items()}
    files: Files = {}
    for name in names:
        path = directory / name
        status = path.stat()
        entry = known.get(name)
        if entry is None or entry[:2] != [status.st_size, status.st_mtime_ns]:
            entry = [status.st_size, status.st_mtime_ns, _crc32(path)]
        files[name] = entry
    generations = {generation: files}
    earlier = [number for number in saved if number < generation]
    if earlier:
        generations[max(earlier)] = saved[max(earlier)]
    document = {str(number): files for number, files in generations.items()}
    temporary = directory / (MANIFEST_FILE + ".tmp")
    temporary.write_text(json.dumps(document), encoding="utf-8")
    temporary.replace(directory / MANIFEST_FILE)


def damage(directory: Path, generation: int) -> str | None:
    """What is wrong with the files of generation ``generation`` (a phrase
    naming the first file found so), or None when each is as committed."""
    files = _load(directory).get(generation)
    if files is None:
        return f"{MANIFEST_FILE} has no record of its files"
    for name, (size, mtime_ns, crc) in files.items():
        path = directory / name
        try:
            status = path.stat()
            if status.st_size != size:
                return f"{name} is {status.st_size} bytes, not {size}"
            if status.st_mtime_ns != mtime_ns and _crc32(path) != crc:
                return f"{name} was overwritten"
        except FileNotFoundError:
            return f"{name} is missing"
        except OSError as error:
            return f"{name} cannot be read ({error.strerror or error})"
    return None


def _load(directory: Path) -> dict[int, Files]:
    """generation -> its files, or nothing when the record is missing or
    damaged (then no generation can be vouched for)."""
    try:
        document = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
        return {int(number): {str(name): _entry(entry) for name, entry in files.items()}
                for number, files in document.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _entry(entry) -> list[int]:
    if not (isinstance(entry, list) and len(entry) == 3 and all(type(value) is int for value in entry)):
        raise ValueError(f"not a file's record: {entry!r}")
    return entry


def _crc32(path: Path) -> int:
    crc = 0
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc
