"""The help screen: every key, its action, and the id to rebind it by.

The keys are the ones bound now: each scope's bindings with the app's keymap
applied by Textual's own ``BindingsMap.apply_keymap``, as key dispatch
applies it, so help cannot name a key that does not do what it says.
"""

from __future__ import annotations

from typing import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..hints import hint, shown_keys
from .panel import PanelScreen

# Keys that Textual or a widget handles itself, listed so help is complete.
BUILT_IN = [
    ("Everywhere", "tab / shift+tab", "Move to the next / previous pane"),
    ("Everywhere", "ctrl+p", "Command palette: every action by name"),
    ("Search box", "enter", "Go to the results, first one highlighted"),
    ("Results", "up / down", "Move"),
    ("Results", "enter", "Open the highlighted article in the reader"),
    ("Entities", "up / down", "Move; the chosen entity's mentions stand out in the reader"),
    ("Entities", "enter", 'Show only the articles that mention it (searches entity:"name")'),
]

Scopes = Sequence[tuple[str, Sequence[Binding]]]


def bound_now(bindings: Sequence[Binding], keymap: dict[str, str]) -> list[tuple[Binding, str]]:
    """Each binding with the keys it has under ``keymap`` ("a,b"), in the order given."""
    live = BindingsMap(bindings)
    live.apply_keymap(keymap)
    keys: dict[str, list[str]] = {}
    for key, key_bindings in live.key_to_bindings.items():
        for binding in key_bindings:
            keys.setdefault(binding.id or binding.action, []).append(key)
    return [(binding, ",".join(keys.get(binding.id or binding.action, [binding.key]))) for binding in bindings]


class HelpScreen(PanelScreen):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close")]

    def __init__(self, scopes: Scopes) -> None:
        """``scopes``: (where, its bindings) for every place keys work in."""
        super().__init__()
        self.scopes = scopes

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(scope, keys, what it does, binding id) for every key."""
        keymap = dict(getattr(self.app, "keymap_overrides", {}))
        rows = [(scope, keys, description, "") for scope, keys, description in BUILT_IN]
        for scope, bindings in self.scopes:
            for binding, keys in bound_now(bindings, keymap):
                rows.append((scope, shown_keys(keys), hint(self, binding.tooltip or binding.description),
                             binding.id or ""))
        order = [scope for scope, _ in self.scopes]
        return sorted(rows, key=lambda row: order.index(row[0]))

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, pad_edge=False, show_header=True, header_style="bold")
        table.add_column("Where", style="italic", no_wrap=True)
        table.add_column("Keys", style="bold", no_wrap=True)
        table.add_column("Does")
        table.add_column("Binding id", style="dim", no_wrap=True)
        for scope, keys, description, binding_id in self.rows():
            table.add_row(Text(scope), Text(keys), Text(description), Text(binding_id))
        with VerticalScroll(id="help-body", classes="panel-body") as body:
            body.border_title = "Keys — Escape closes · rebind in config.yaml under ui.keymap"
            yield Static(table)
