"""The help screen: every key, its action, and the id to rebind it by."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..keys import help_rows
from .panel import PanelScreen


class HelpScreen(PanelScreen):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close")]

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "keymap_overrides", {})
        table = Table(box=None, expand=True, pad_edge=False, show_header=True, header_style="bold")
        table.add_column("Where", style="italic", no_wrap=True)
        table.add_column("Keys", style="bold", no_wrap=True)
        table.add_column("Does")
        table.add_column("Binding id", style="dim", no_wrap=True)
        for scope, keys, description, binding_id in help_rows(keymap):
            table.add_row(Text(scope), Text(keys), Text(description), Text(binding_id))
        with VerticalScroll(id="help-body", classes="panel-body") as body:
            body.border_title = "Keys — Escape closes · rebind in config.yaml under ui.keymap"
            yield Static(table)
