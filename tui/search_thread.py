"""One long-lived thread for every search and snippet cut of the main screen.

The engine keeps one searcher per thread (Whoosh's readers share file
objects). A Textual thread worker per search is a new thread each time, so
each search opened a new searcher and read the column offset tables again:
a few milliseconds per keystroke at 10,000 articles. Here the searcher stays
warm. Only the newest search matters: one still waiting when a newer one
comes is dropped, and a running job can ask whether it has been overtaken.
"""

from __future__ import annotations

import threading
from typing import Callable

# A job runs on the search thread; it is given a function that says whether a
# newer search is waiting (its result would be stale: stop, post nothing).
Job = Callable[[Callable[[], bool]], None]

# Waiting for the running job when the app quits (a search is milliseconds,
# a rebuild that a damaged index triggers much longer: that one is left to die
# with the process, which the daemon thread does).
STOP_WAIT = 2.0


class SearchThread:
    def __init__(self, on_error: Callable[[BaseException], None]) -> None:
        """``on_error`` is called on the search thread with an exception a job
        did not expect (the job reports the ones it expects itself)."""
        self._on_error = on_error
        self._wake = threading.Condition()
        self._search: Job | None = None  # the newest search not yet started
        self._later: Job | None = None  # work that waits for searches (the snippets below the first screenful)
        self._running = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="search", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def search(self, job: Job) -> None:
        """Run ``job`` next, instead of any search still waiting."""
        with self._wake:
            self._search = job
            self._wake.notify()

    def after_searches(self, job: Job) -> None:
        """Run ``job`` when no search waits, instead of any such job still waiting."""
        with self._wake:
            self._later = job
            self._wake.notify()

    @property
    def busy(self) -> bool:
        """Whether a job runs or waits (tests wait for this to end)."""
        with self._wake:
            return self._running or self._search is not None or self._later is not None

    def stop(self) -> None:
        """Drop what waits, let the running job end, and end the thread."""
        with self._wake:
            self._stopping = True
            self._search = self._later = None
            self._wake.notify()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(STOP_WAIT)

    def _overtaken(self) -> bool:
        with self._wake:
            return self._stopping or self._search is not None

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._stopping and self._search is None and self._later is None:
                    self._wake.wait()
                if self._stopping:
                    return
                if self._search is not None:
                    job, self._search = self._search, None
                else:
                    job, self._later = self._later, None
                self._running = True
            try:
                job(self._overtaken)
            except Exception as error:  # reported, and the thread goes on serving
                if not self._overtaken():
                    self._on_error(error)
            finally:
                with self._wake:
                    self._running = False
