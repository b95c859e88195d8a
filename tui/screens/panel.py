"""A modal panel over the screen: a scrolling body that Escape closes."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen


class PanelScreen(ModalScreen[None]):
    """Subclasses compose one ``VerticalScroll`` with the class "panel-body"."""

    BINDINGS = [
        Binding("j,down", "scroll('down')", show=False),
        Binding("k,up", "scroll('up')", show=False),
    ]

    def action_scroll(self, direction: str) -> None:
        body = self.query_one(".panel-body", VerticalScroll)
        body.scroll_down() if direction == "down" else body.scroll_up()
