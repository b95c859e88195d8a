"""Keeping the main screen's index up to date: the refresh at start, one
asked for (``r``) or set off by the corpus watcher, a rebuild, its progress,
and an index another process committed.

Refreshes run in thread workers on the screen; what they report comes back
as messages the screen hands to this object.
"""

from __future__ import annotations

import time
from typing import Callable

from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from ceasefire_tui.index import (CorpusWatcher, IndexBusy, IndexUnreadable, Library, RefreshReport, RefreshStopped, plural,
                   printable)

from .hints import key_hint
from .messages import (CorpusChanged, IndexCommittedElsewhere, IndexFailed, IndexHealed, IndexProgress,
                       IndexRefreshed)
from .progress import indexing_line

# File events this close together (a folder copied in batches) make one refresh.
CORPUS_SETTLE = 0.3
# How often the screen looks for an index committed by another process (an
# `index` run in another shell): one listing of the index folder.
COMMIT_POLL_SECONDS = 1.5
# Index progress is shown at most this often (seconds), with the time left
# once the build has run long enough for its rate to mean something.
PROGRESS_EVERY = 0.2
ESTIMATE_AFTER = 1.0

REFRESH_GROUP = "index"


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class IndexUpkeep:
    """``changed(keep_place)`` is called when what the screen shows may be out
    of date (search again; ``keep_place``: the open article's text may have
    changed, reload it where the reader was); ``show_status()`` when the progress or the report changed;
    ``quiet()`` says whether the screen can search again now (not while typing)."""

    def __init__(self, screen: Screen, library: Library, changed: Callable[[bool], None],
                 show_status: Callable[[], None], quiet: Callable[[], bool]) -> None:
        self.screen = screen
        self.library = library
        self.changed = changed
        self.show_status = show_status
        self.quiet = quiet
        self.indexing = ""  # the progress line while a refresh runs
        self.report: RefreshReport | None = None  # the last refresh's, for the index report screen
        self._watcher: CorpusWatcher | None = None
        self._settle: Timer | None = None
        self._refreshing = False  # one refresh at a time: a thread worker cannot be cancelled
        self._refresh_again = False  # files changed while the running refresh was under way
        self._announce = False  # say what the refresh changed (one asked for or seen, not the first)
        self._watch_note_shown = False
        self._backend_note_shown = False
        self._seen_generation = library.store.committed_generation()  # the index generation last looked at

    def start(self) -> None:
        """The first refresh, the corpus watcher and the look for other processes' commits."""
        screen = self.screen
        self.library.on_notice = lambda notice: screen.post_message(IndexHealed(notice))  # from a worker thread
        self.refresh()
        screen.set_interval(COMMIT_POLL_SECONDS, self._look_for_commits)
        self._watcher = CorpusWatcher(self.library.config.corpus.paths, lambda: screen.post_message(CorpusChanged()),
                                      ignore=self.library.store.directory)
        self._watcher.start()

    def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()

    # --- refreshing --------------------------------------------------------------

    def corpus_changed(self) -> None:
        if self._settle is not None:
            self._settle.stop()
        self._settle = self.screen.set_timer(CORPUS_SETTLE, self.refresh_asked)
        note = self._watcher.note if self._watcher else None
        if note and not self._watch_note_shown:
            self._watch_note_shown = True
            self.screen.notify(note, title="Watching the corpus", markup=False)

    def refresh_asked(self) -> None:
        """Read the corpus again, and say what changed; while a refresh runs,
        one more follows it (the files may have changed after it looked)."""
        self._announce = True
        if self._refreshing:
            self._refresh_again = True
        else:
            self.refresh()

    def rebuild(self) -> None:
        if self._refreshing:
            self.screen.notify("The index is being updated; rebuild it when that is done.", title="Index")
        else:
            self.refresh(rebuild=True)

    def refresh(self, rebuild: bool = False) -> None:
        self._refreshing = True
        self.screen.run_worker(lambda: self._run_refresh(rebuild), thread=True, group=REFRESH_GROUP,
                               exit_on_error=False)

    def refresh_done(self) -> None:
        self._refreshing = False
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _run_refresh(self, rebuild: bool) -> None:
        worker = get_current_worker()
        post = self.screen.post_message
        started = time.monotonic()
        last_posted = [0.0]

        def progress(done: int, total: int, path: str) -> None:
            if worker.is_cancelled:  # the app is quitting: stop, commit nothing
                raise RefreshStopped
            now = time.monotonic()
            # At most one message per PROGRESS_EVERY: a build reports every
            # file, and a message per file would keep the UI thread busy.
            if done < total and now - last_posted[0] < PROGRESS_EVERY:
                return
            last_posted[0] = now
            elapsed = now - started
            left = elapsed / done * (total - done) if done and elapsed >= ESTIMATE_AFTER else None
            post(IndexProgress(done, total, left))

        try:
            report = self.library.refresh(rebuild=rebuild, progress=progress)
        except RefreshStopped:
            return
        except IndexBusy as error:
            post(IndexFailed(str(error)))
        except OSError as error:
            post(IndexFailed(f"cannot update the index: {error.strerror or error}"))
        except Exception as error:  # the articles already indexed stay searchable
            post(IndexFailed(f"cannot update the index ({type(error).__name__}: {error})"))
        else:
            post(IndexRefreshed(report))

    # --- what the refresh reports ---------------------------------------------------

    def progressed(self, message: IndexProgress) -> None:
        self.indexing = indexing_line(message.done, message.total, message.seconds_left)
        self.show_status()

    def refreshed(self, message: IndexRefreshed) -> None:
        report, notify = message.report, self.screen.notify
        self.indexing = ""
        self.report = report
        self.screen.app.sub_title = report.summary()
        if self._announce and not self._refresh_again:
            self._announce = False
            notify(report.changes() or "No article changed.", title="Corpus", markup=False)
        if report.rebuilt:
            notify(sentence(printable(report.rebuilt)), title="Index", markup=False)  # may name a file
        if report.backend_note and not self._backend_note_shown:
            self._backend_note_shown = True
            notify(sentence(report.backend_note) + ".", title="Entities", severity="warning", markup=False)
        if report.skipped:
            notify(f"{plural(len(report.skipped), 'file')} could not be read and "
                   f"{'was' if len(report.skipped) == 1 else 'were'} skipped; "
                   f"{key_hint(self.screen, 'index_report')} lists them", severity="warning", title="Index",
                   markup=False)
        if report.changed or report.rebuilt:
            self.changed(True)
        else:
            self.show_status()
        self.refresh_done()

    def healed(self, message: IndexHealed) -> None:
        self.screen.notify(sentence(message.notice), title="Index", markup=False)
        self.changed(False)  # what is shown may come from the damaged index

    def failed(self, message: IndexFailed) -> None:
        self.indexing = ""
        self.screen.notify(printable(message.reason), severity="warning", title="Index not updated", markup=False)
        self.show_status()
        self.refresh_done()

    # --- other processes' commits ------------------------------------------------------

    def _look_for_commits(self) -> None:
        """Pick up an index generation another process committed: count it
        and search again in the background. Not while this app refreshes the
        index (that refresh searches again when it is done) or while typing
        (the search typing starts will read the new index)."""
        if self._refreshing or not self.quiet():
            return
        generation = self.library.store.committed_generation()
        if generation == self._seen_generation:
            return
        self._seen_generation = generation
        if generation != self.library.store.written_generation:  # else this app's own commit (a refresh, a heal)
            self.screen.run_worker(self._count_committed_index, thread=True, exclusive=True, group="commits",
                                   exit_on_error=False)

    def _count_committed_index(self) -> None:
        try:
            articles = self.library.article_count()
        except (IndexBusy, IndexUnreadable):
            return  # the notice of the rebuild (or of its failure) says enough
        self.screen.post_message(IndexCommittedElsewhere(articles))

    def committed_elsewhere(self, message: IndexCommittedElsewhere) -> None:
        noun = "article" if message.articles == 1 else "articles"
        self.screen.notify(f"The index was updated by another process: {message.articles} {noun}", title="Index",
                           markup=False)
        self.changed(False)  # same query: the selection and the reader stay
