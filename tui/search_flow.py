"""From typing to results: the debounce, time-limited searches while typing,
the complete search when typing pauses, and the snippets below the first
screenful.

Searches run on the screen's :class:`SearchThread` and come back as
``SearchFinished`` / ``SearchFailed`` / ``SnippetsCut`` messages to the
screen, which hands a result back here to be shown (``show``). A result for a
query the box no longer shows is dropped (``is_current``).
"""

from __future__ import annotations

from typing import Callable

from textual.screen import Screen
from textual.timer import Timer

from ceasefire_tui.index import IndexBusy, IndexUnreadable, Library, QueryError, SearchResult

from .messages import SearchFailed, SearchFinished, SnippetsCut, WorkFailed
from .reading import ReadingFlow
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
    """What the search box's typing sets off on ``screen``; ``reading``
    follows a result in the reader and the sidebar once typing pauses;
    ``show_mark()`` marks the result chosen for comparison in the list again,
    ``show_status(typing)`` shows the status line for the new result (while
    typing, at the height it has)."""

    def __init__(self, screen: Screen, library: Library, debounce_ms: int, reading: ReadingFlow,
                 show_mark: Callable[[], None], show_status: Callable[[bool], None]) -> None:
        self.screen = screen
        self.library = library
        self.debounce = debounce_ms / 1000
        self.reading = reading
        self.show_mark = show_mark
        self.show_status = show_status
        self.result: SearchResult | None = None  # the one shown
        self.sort = "relevance"  # or "date": newest first
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
        box): the complete search, unless the result shown is complete."""
        self._stop_timers()
        result = self.result
        if result is None or result.query != query or self.follow_pending:
            self.follow_pending = False  # the complete search's result will be followed
            self.search(query)

    def left_box(self) -> None:
        if self.follow_pending:
            self.typing_over(self.box.value)

    def follow_now(self) -> None:
        self.follow_pending = False
        self._follow_result()

    def _stop_timers(self) -> None:
        for timer in (self._debounce, self._complete_later):
            if timer is not None:
                timer.stop()

    # --- searching --------------------------------------------------------------

    def search(self, query: str, complete: bool = True) -> None:
        """Search on the search thread. While typing (``complete=False``) the
        search is cut short after TYPING_TIME_LIMIT with the best hits found
        so far and reads only the hits that fit on screen, and is completed
        when typing pauses. Only the snippets of the hits on screen are cut
        before the results are shown."""
        on_screen = self.screen.query_one(ResultsList).visible_rows
        time_limit, limit = (None, None) if complete else (TYPING_TIME_LIMIT, on_screen)
        sort = self.sort
        post = self.screen.post_message

        def job(overtaken: Callable[[], bool]) -> None:
            try:
                result = self.library.search(query, limit, time_limit=time_limit, snippets=on_screen, sort=sort)
                if complete:
                    result.entities  # noqa: B018 - counted here, off the UI thread, for the sidebar
            except (QueryError, IndexBusy, IndexUnreadable) as error:
                if not overtaken():
                    post(SearchFailed(query, str(error)))
                return
            if not overtaken():
                post(SearchFinished(query, result, typing=not complete))

        self.thread.search(job)

    def toggle_sort(self) -> None:
        """Sort by date (newest first) or by relevance, the other one than
        now, and search again; the results pane's title says which."""
        self.sort = "date" if self.sort == "relevance" else "relevance"
        results = self.screen.query_one(ResultsList)
        results.border_title = "Results · newest first" if self.sort == "date" else "Results"
        self.screen.notify("Results newest first; undated last." if self.sort == "date" else
                           "Results by relevance.", timeout=3)
        self.search(self.box.value)

    def again(self) -> None:
        """The box's query once more (the index changed): the selection and the reader stay."""
        self.search(self.box.value)

    def is_current(self, query: str) -> bool:
        """Whether a result for ``query`` is still wanted: typing has not moved on."""
        return query == self.box.value

    # --- showing a result -------------------------------------------------------

    def show(self, message: SearchFinished) -> None:
        if not self.is_current(message.query):
            return  # typing has moved on; a newer search is coming
        same_query = self.result is not None and self.result.query == message.query
        self.result = message.result
        self.reading.terms = message.result.terms
        results = self.screen.query_one(ResultsList)
        # A new query highlights its best hit; the same query re-run (after the
        # index changed) keeps the reader's place.
        keep_id = self.reading.kept_in_view(message.query, results.highlighted_id if same_query else None)
        # A search cut short before it found anything leaves the list as it
        # was ("Searching…" says why) rather than blanking it for a moment.
        if message.result.hits or not message.result.partial:
            rows = results.visible_rows if message.typing else None
            results.show_hits(message.result.hits, keep_id=keep_id, rows=rows)
        self.show_mark()  # the ⇄ of the result marked for comparison
        self.show_status(message.typing)
        self.shown(message)

    def _follow_result(self) -> None:
        """The rest of the shown result: the hits below the first screenful
        and their snippets, the sidebar, and the reader."""
        result, results = self.result, self.screen.query_one(ResultsList)
        if result is None:
            return
        if results.show_rest():
            self.show_mark()
        self.show_status(False)  # at the height its text wants, now typing has paused
        if not all(hit.snippet_ready for hit in result.hits):
            self.screen.call_after_refresh(self.cut_snippets, result)
        self.reading.follow(result)

    def shown(self, message: SearchFinished) -> None:
        """``message``'s result is shown. While typing only the
        list's first screenful and the status follow each key; the rest
        (workers and repaints in the way of the next key) when typing
        pauses, from the complete search: the one while typing read only
        the hits on screen, and may have been cut short."""
        self.follow_pending = message.typing
        if not message.typing:
            self.follow_now()
        else:
            self._complete_later = self.screen.set_timer(COMPLETE_AFTER_PAUSE, lambda: self.search(message.query))

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
