"""A story's work on two threads: blocks of array work side by side, and
array work beside pure-Python work.

numpy lets go of the interpreter lock in its matrix products, partitions,
sorts and searches, so such work runs on both cores at once even from
threads; the Python between its calls is what they share.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Other = TypeVar("Other")

THREADS = 2


def each_in_parallel(work: Callable[[Item], Result], items: Iterable[Item],
                     progress: Callable[[int], None] | None = None) -> list[Result]:
    """``work(item)`` for each item on THREADS threads, the results in order;
    ``progress(done)`` is said here, on the calling thread, after each one.
    A stop raised by ``progress`` waits only for the items under way."""
    pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="story-blocks")
    try:
        results = []
        for done, result in enumerate(pool.map(work, items), start=1):
            results.append(result)
            if progress:
                progress(done)
        return results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def beside(work: Callable[[], Result], meanwhile: Callable[[], Other],
           stop: Callable[[], None] | None = None) -> tuple[Result, Other]:
    """``work()`` on a second thread while ``meanwhile()`` runs here; both
    results (an error of either is raised here). If ``meanwhile`` fails,
    ``stop()`` is called before ``work`` is waited for, to end it early."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="story-beside")
    try:
        running = pool.submit(work)
        try:
            here = meanwhile()
        except BaseException:
            if stop:
                stop()
            raise
        return running.result(), here
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class Abandoned(Exception):
    """Raised in work on a second thread whose caller has failed: nobody waits for its result."""


class HeldProgress:
    """The progress of work on a second thread, said only once the stage
    running here before it has ended (:meth:`release`), so that the two
    stages' reports never interleave; until then, its latest report is
    kept and said on release (none yet: the stage at 0). After
    :meth:`abandon`, the work's next report raises :class:`Abandoned` to
    end it."""

    def __init__(self, progress: Callable[[int, int], None]) -> None:
        self._progress = progress
        self._lock = threading.Lock()  # reports said in order, whichever thread says them
        self._released = self._abandoned = False
        self._held: tuple[int, int] | None = None

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            if self._abandoned:
                raise Abandoned
            if self._released:
                self._progress(done, total)
            else:
                self._held = (done, total)

    def release(self) -> None:
        with self._lock:
            self._released = True
            self._progress(*(self._held or (0, 1)))  # the stage has begun, reported or not

    def abandon(self) -> None:
        with self._lock:
            self._abandoned = True
