"""The search box: results follow the typing; Enter and Escape leave it;
Up and Down walk the queries searched before."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from ..history import QueryHistory


class SearchBox(Input):
    # Input sets its virtual width to the text's on every key, and for any
    # widget a new virtual size means a layout pass of the whole screen
    # (~15 ms at 120 x 40). The box's size is fixed by the layout; the
    # virtual width only bounds its own horizontal scrolling.
    virtual_size = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("escape", "leave", "Leave search", id="search.leave"),
        Binding("up", "history_previous", "Earlier query", show=False, id="search.history_previous",
                tooltip="The query searched before this one (kept across sessions)"),
        Binding("down", "history_next", "Later query", show=False, id="search.history_next",
                tooltip="The query searched after this one; past the newest, what was being typed"),
    ]

    def __init__(self, history: QueryHistory | None = None, **kwargs) -> None:
        # Focus puts the cursor at the end: selecting the whole query would
        # make the next key replace it.
        super().__init__(
            placeholder="Search: words, \"phrases\", title: source: entity:, fuzzy~, wild*, AND OR NOT",
            select_on_focus=False,
            **kwargs,
        )
        self.history = history or QueryHistory(None)
        self._walk: int | None = None  # where in the history the box is, while walking it
        self._draft = ""  # what was typed before the walk began
        self._shown = ""  # the history entry the walk put in the box

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)

    def remember(self, query: str) -> None:
        self.history.add(query)
        self._walk = None

    def action_history_previous(self) -> None:
        queries = self.history.queries
        if self._walk is None or self.value != self._shown:  # a new walk from what is typed now
            self._walk, self._draft = len(queries), self.value
        if self._walk == 0:
            self.app.bell()
            return
        self._walk -= 1
        self._show(queries[self._walk])

    def action_history_next(self) -> None:
        if self._walk is None or self.value != self._shown:
            self.app.bell()
            return
        self._walk += 1
        if self._walk >= len(self.history.queries):
            self._walk = None
            self._show(self._draft)
        else:
            self._show(self.history.queries[self._walk])

    def _show(self, query: str) -> None:
        self._shown = query
        self.value = query  # its Changed event runs the search, as typing does
        self.cursor_position = len(query)

    def action_leave(self) -> None:
        self.screen.action_focus_results()
