"""Scoring and per-segment reads: what a search reads once per segment
rather than once per matching document.

A segment never changes once written (a deletion only hides documents), so
what is read of one (field lengths, the one-term values of a keyword field)
is kept by the segment's id, shared by every thread's searcher.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Any, Callable

from whoosh import scoring
from whoosh.searching import Searcher

from .writing import field_lengths


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
