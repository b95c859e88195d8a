"""From typing to results: the debounce, time-limited searches while typing,
the complete search when typing pauses, and the snippets below the first
screenful.

Searches run on the screen's :class:`SearchThread` and come back as
``SearchFinished`` / ``SearchFailed`` / ``SnippetsCut`` messages to the
screen, which shows them and hands them back here (``shown``). A result for a
query the box no longer shows is dropped (``is_current``).
"""

from __future__ import annotations

from typing import Callable

from textual.screen import Screen
from textual.timer import Timer

from index import IndexBusy, IndexUnreadable, Library, QueryError, SearchResult

from .messages import SearchFailed, SearchFinished, SnippetsCut, WorkFailed
from .search_thread import SearchThread
from .widgets.results import ResultsList
from .widgets.search_box import SearchBox

# While typing, a search stops after this many seconds with the best hits
# found so far (a common word at 50,000 articles takes twenty times longer;
# parsing, the visible snippets and the counts add about as much again);
# the complete search runs once typing has paused this long.
TYPING_TIME_LIMIT = 0.01
COMPLETE_AFTER_PAUSE = 0.4


class SearchFlow:
    """What the search box's typing sets off on ``screen``; ``follow`` shows
    the rest of a result (reader, sidebar), which waits for a pause in typing."""

    def __init__(self, screen: Screen, library: Library, debounce_ms: int, follow: Callable[[], None]) -> None:
        self.screen = screen
        self.library = library
        self.debounce = debounce_ms / 1000
        self.follow = follow
        self.result: SearchResult | None = None  # the one shown (the screen sets it when it shows one)
        self.follow_pending = False  # results shown while typing; the reader and sidebar not yet moved
        self._debounce: Timer | None = None
        self._complete_later: Timer | None = None
        self.thread = SearchThread(lambda error: screen.post_message(WorkFailed("search", error)))

    def start_thread(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self._stop_timers()
        self.thread.stop()

    @property
    def box(self) -> SearchBox:
        return self.screen.query_one(SearchBox)

    # --- what the box says ------------------------------------------------------

    def typed(self, query: str) -> None:
        self._stop_timers()
        self._debounce = self.screen.set_timer(self.debounce, lambda: self.search(query, complete=False))

    def typing_over(self, query: str) -> None:
        """What waits for the pause in typing happens now (Enter, leaving the
        box): the complete search, or following the result already shown."""
        self._stop_timers()
        result = self.result
        if result is None or result.query != query or result.partial:
            self.follow_pending = False  # the complete search's result will be followed
            self.search(query)
        elif self.follow_pending:
            self.follow_now()

    def left_box(self) -> None:
        if self.follow_pending:
            self.typing_over(self.box.value)

    def follow_now(self) -> None:
        self.follow_pending = False
        self.follow()

    def _stop_timers(self) -> None:
        for timer in (self._debounce, self._complete_later):
            if timer is not None:
                timer.stop()

    # --- searching --------------------------------------------------------------

    def search(self, query: str, complete: bool = True) -> None:
        """Search on the search thread. While typing (``complete=False``) the
        search is cut short after TYPING_TIME_LIMIT with the best hits found
        so far, and completed when typing pauses. Only the snippets of the
        hits on screen are cut before the results are shown."""
        on_screen = self.screen.query_one(ResultsList).visible_rows
        time_limit = None if complete else TYPING_TIME_LIMIT
        post = self.screen.post_message

        def job(overtaken: Callable[[], bool]) -> None:
            try:
                result = self.library.search(query, time_limit=time_limit, snippets=on_screen)
            except (QueryError, IndexBusy, IndexUnreadable) as error:
                if not overtaken():
                    post(SearchFailed(query, str(error)))
                return
            if not overtaken():
                post(SearchFinished(query, result, typing=not complete))

        self.thread.search(job)

    def again(self) -> None:
        """The box's query once more (the index changed): the selection and the reader stay."""
        self.search(self.box.value)

    def is_current(self, query: str) -> bool:
        """Whether a result for ``query`` is still wanted: typing has not moved on."""
        return query == self.box.value

    def shown(self, message: SearchFinished) -> None:
        """The screen has shown ``message``'s result. While typing only the
        list's first screenful and the status follow each key; the rest
        (workers and repaints in the way of the next key) when typing
        pauses, with the search completed if it was cut short."""
        self.follow_pending = message.typing
        if not message.typing:
            self.follow_now()
        elif message.result.partial:
            self._complete_later = self.screen.set_timer(COMPLETE_AFTER_PAUSE, lambda: self.search(message.query))
        else:
            self._complete_later = self.screen.set_timer(COMPLETE_AFTER_PAUSE, self.follow_now)

    def cut_snippets(self, result: SearchResult) -> None:
        """The snippets of the hits below the first screenful, on the search
        thread once no search waits; started once the results are painted,
        so that this work does not compete with the painting."""
        post = self.screen.post_message

        def job(overtaken: Callable[[], bool]) -> None:
            def cut() -> None:
                for hit in result.hits:
                    if overtaken():
                        return
                    hit.snippet  # noqa: B018 - cut it here, off the UI thread

            try:
                self.library.healing(cut)
            except (IndexBusy, IndexUnreadable):
                return  # the notice of the rebuild (or of its failure) says enough
            if not overtaken():
                post(SnippetsCut(result.query, result))

        self.thread.after_searches(job)
