"""The search box: results follow the typing; Enter and Escape leave it."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class SearchBox(Input):
    BINDINGS = [
        Binding("escape", "leave", "Leave search", id="search.leave"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(
            placeholder="Search: words, \"phrases\", title: source: entity:, fuzzy~, wild*, AND OR NOT",
            **kwargs,
        )

    def action_leave(self) -> None:
        self.screen.action_focus_results()
