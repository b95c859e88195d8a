"""Whoosh's segment writer, made fit for building big indexes.

Whoosh is pinned (see DESIGN.md), so its private steps are safe to reuse.
Two of them cost more than the indexing itself at 10,000 articles:

- Postings beyond the writer's memory limit are spilled to temporary files
  one ``pickle.dump`` per posting, and read back one ``pickle.load`` each
  (about 3 ms per article). Here they go in marshalled chunks.
- Writing the postings asks the length of the field of each posting's
  document from the length column: a file read per posting. Here each
  field's lengths are read once (``field_lengths``, which the scorer uses
  too).
"""

from __future__ import annotations

import marshal
import secrets
import struct
from pathlib import Path

from whoosh.codec.base import Segment
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.index import TOC
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

from . import manifest

# Postings per marshalled chunk of a spilled run.
CHUNK_POSTINGS = 4096


def _unique_segment_id(cls, size: int = 16) -> str:
    return "".join(secrets.choice(SEGMENT_ID_CHARS) for _ in range(size))


# Segment names from the operating system's randomness: Whoosh draws them from
# the global ``random``, which a seeded program (or a test framework) replays,
# and a repeated name overwrites a live segment.
SEGMENT_ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz"
Segment._random_id = classmethod(_unique_segment_id)


class _ChunkedPostingPool(PostingPool):
    """Whoosh's pool of postings, spilling runs in marshalled chunks, each
    after its length: ``marshal.load`` reads a file a few bytes at a time,
    so a chunk is read whole and loaded from bytes."""

    def _write_run(self, f, items) -> None:
        chunk = []
        for item in items:
            chunk.append(item)
            if len(chunk) == CHUNK_POSTINGS:
                _write_chunk(f, chunk)
                chunk = []
        if chunk:
            _write_chunk(f, chunk)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while header := _read_exactly(f, _CHUNK_LENGTH.size):
                (length,) = _CHUNK_LENGTH.unpack(header)
                yield from marshal.loads(_read_exactly(f, length))
        finally:
            f.close()
            self._remove_run(path)


_CHUNK_LENGTH = struct.Struct("<Q")


def _read_exactly(f, size: int) -> bytes:
    """``size`` bytes, or none at the end of the run."""
    data = f.read(size)
    if data and len(data) != size:
        raise EOFError(f"a spilled run of postings ends inside a chunk ({len(data)} of {size} bytes)")
    return data


def _write_chunk(f, chunk: list) -> None:
    data = marshal.dumps(chunk)
    f.write(_CHUNK_LENGTH.pack(len(data)) + data)


def field_lengths(perdoc, fieldname: str) -> list[int]:
    """The length of ``fieldname`` in every document of a segment, 0 where
    none is kept: its whole length column in one read (Whoosh's fixed-width
    layout, a byte per document) from the segment's per-document reader."""
    count = perdoc.doc_count_all()
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return [0] * count
    raw = column._dbfile.get(column._basepos, column._count)
    return [_LENGTH_OF_BYTE[byte] for byte in raw] + [0] * (count - len(raw))


_LENGTH_OF_BYTE = [byte_to_length(byte) for byte in range(256)]


class _LengthsReadOnce:
    """A per-document reader's field lengths, each field's read in one pass
    the first time it is asked for."""

    def __init__(self, reader) -> None:
        self.reader = reader
        self.by_field: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.by_field.get(fieldname)
        if lengths is None:
            lengths = self.by_field[fieldname] = field_lengths(self.reader, fieldname)
        return lengths[docnum] or default

    def close(self) -> None:
        self.reader.close()


class SegmentBuilder(SegmentWriter):
    """Whoosh's ``SegmentWriter`` with the two costs above taken out."""

    def __init__(self, index, **kwargs) -> None:
        super().__init__(index, **kwargs)
        self.pool = _ChunkedPostingPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _LengthsReadOnce(self.per_document_reader()) if self.codec.length_stats else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if lengths:
            lengths.close()


class BuildWriter(SegmentBuilder):
    """The writer of a refresh: its own documents, plus the segments
    written by worker processes, which join its commit (what
    ``whoosh.multiproc.MpWriter`` does with ``multisegment=True``)."""

    def __init__(self, index, **kwargs) -> None:
        super().__init__(index, **kwargs)
        self.worker_segments: list = []

    def abandon(self) -> None:
        """Give up after a failed commit: clean up what can be, and always
        release the lock (a later rebuild in this process needs it)."""
        try:
            self.cancel()
        except Exception:
            pass
        finally:
            if self.writelock and self.writelock.fd is not None:  # cancel() may have released it
                self.writelock.release()

    def commit(self, mergetype=None, optimize=None, merge=None) -> None:
        if not self.worker_segments:
            super().commit(mergetype=mergetype, optimize=optimize, merge=merge)
            return
        self._check_state()
        segments = self._merge_segments(mergetype, optimize, merge) + self.worker_segments
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()

    def _commit_toc(self, segments) -> None:
        """Whoosh's, with the files of the new generation recorded (see
        manifest.py) before its table of contents appears, and the table of
        contents itself after."""
        directory = Path(self.storage.folder)
        names = manifest.segment_files(directory, [segment.segment_id() for segment in segments])
        manifest.record(directory, self.generation, names)
        super()._commit_toc(segments)
        manifest.record(directory, self.generation, [*names, TOC._filename(self.indexname, self.generation)])
