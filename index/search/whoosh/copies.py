"""Counting the syndicated copies among a search's matches, as the outlets
are counted: over every match, a dictionary lookup each."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

from whoosh.searching import Searcher

from ...story.groups import CopyCounts, count_copies


class CopyCounter:
    """``copy_groups()``: article id -> the id of its group of copies, for
    the articles in one (see ``backend.open_backend``)."""

    def __init__(self, copy_groups: Callable[[], dict[str, str]]) -> None:
        self.copy_groups = copy_groups
        # searcher -> (the grouping, document number -> group id): found once
        # per searcher and grouping, by a term lookup per grouped article.
        self._by_docnum: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def count(self, searcher: Searcher, docnums: list[int]) -> CopyCounts:
        """How many of ``docnums`` are copies of a story another of them carries."""
        groups = self.copy_groups()
        if not groups:
            return CopyCounts()
        with self._lock:
            cached = self._by_docnum.get(searcher)
        if cached is None or cached[0] is not groups:
            by_docnum = {}
            for article_id, group_id in groups.items():
                docnum = searcher.document_number(id=article_id)
                if docnum is not None:
                    by_docnum[docnum] = group_id
            cached = (groups, by_docnum)
            with self._lock:
                self._by_docnum[searcher] = cached
        by_docnum = cached[1]
        return count_copies(by_docnum.get(docnum) for docnum in docnums)
