"""A story's work on two threads: blocks of array work side by side, and
array work beside pure-Python work.

numpy lets go of the interpreter lock in its matrix products, partitions,
sorts and searches, so such work runs on both cores at once even from
threads; the Python between its calls is what they share.
"""

from __future__ import annotations

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


def beside(work: Callable[[], Result], meanwhile: Callable[[], Other]) -> tuple[Result, Other]:
    """``work()`` on a second thread while ``meanwhile()`` runs here; both
    results (an error of either is raised here)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="story-beside")
    try:
        running = pool.submit(work)
        here = meanwhile()
        return running.result(), here
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
