"""One Whoosh searcher per thread, each brought up to date with the last
commit, and all of them let go of when the index is replaced or closed.

One per thread: Whoosh's readers seek and read shared file objects, so two
threads searching through one searcher corrupt each other's reads (seen as
struct errors when the TUI's search and article workers overlapped). When the
index changes a thread gets a new searcher rather than refresh(): Whoosh
2.7's refresh reuses segment readers whose deletion sets are stale.
"""

from __future__ import annotations

import threading
from typing import Callable

from whoosh.searching import Searcher


class ThreadSearchers:
    def __init__(self) -> None:
        self._local = threading.local()  # this thread's (epoch, searcher)
        self._searchers: set[Searcher] = set()  # every thread's, to close them all
        self._epoch = 0
        self._searcher_lock = threading.Lock()

    def searcher(self, open_searcher: Callable[[], Searcher]) -> Searcher:
        """This thread's searcher, or a new one from ``open_searcher`` if the
        index was replaced or has a newer commit since this thread's was opened."""
        current = getattr(self._local, "searcher", None)
        if current is not None and current[0] == self._epoch and current[1].up_to_date():
            return current[1]
        epoch = self._epoch
        fresh = open_searcher()
        with self._searcher_lock:
            if current is not None and current[1] in self._searchers:
                self._searchers.discard(current[1])
                current[1].close()
            self._searchers.add(fresh)
        self._local.searcher = (epoch, fresh)
        return fresh

    def outdated(self, latest_generation: Callable[[], int]) -> bool:
        """Whether the index was let go of, or a generation newer than
        ``latest_generation()`` committed, since this thread's searcher was opened."""
        current = getattr(self._local, "searcher", None)
        if current is None:
            return False
        return current[0] != self._epoch or latest_generation() > current[1].reader().generation()

    def let_go(self) -> None:
        """Every thread opens a new searcher on its next call and closes its old one then."""
        with self._searcher_lock:
            self._epoch += 1

    def close(self) -> None:
        with self._searcher_lock:
            for searcher in self._searchers:
                searcher.close()
            self._searchers.clear()
            self._epoch += 1  # every thread's searcher is closed: each opens a new one
