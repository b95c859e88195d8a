"""Every key binding, by scope: for the help screen and keymap validation."""

from __future__ import annotations

from textual.binding import Binding
from textual.keys import key_to_character

from .screens.compare import CompareScreen
from .screens.main import MainScreen
from .widgets.comparison import ComparisonView
from .widgets.entities import EntityList
from .widgets.reader import ArticleReader
from .widgets.results import ResultsList
from .widgets.search_box import SearchBox

# Keys that Textual or a widget handles itself, listed so help is complete.
BUILT_IN = [
    ("Everywhere", "tab / shift+tab", "Move to the next / previous pane"),
    ("Everywhere", "ctrl+p", "Command palette: every action by name"),
    ("Everywhere", "ctrl+q", "Quit, even while typing"),
    ("Search box", "enter", "Go to the results, first one highlighted"),
    ("Results", "up / down", "Move"),
    ("Results", "enter", "Open the highlighted article in the reader"),
    ("Entities", "up / down", "Move; the chosen entity's mentions stand out in the reader"),
    ("Entities", "enter", 'Show only the articles that mention it (searches entity:"name")'),
]

SCOPES: list[tuple[str, list[Binding]]] = [
    ("Everywhere", MainScreen.BINDINGS),
    ("Search box", SearchBox.BINDINGS),
    ("Results", ResultsList.BINDINGS),
    ("Reader", ArticleReader.BINDINGS),
    ("Entities", EntityList.BINDINGS),
    ("Compare", CompareScreen.BINDINGS + ComparisonView.BINDINGS),
]


def binding_ids() -> set[str]:
    return {binding.id for _, bindings in SCOPES for binding in bindings if binding.id}


def shown_keys(keys: str) -> str:
    """"right_square_bracket,ctrl+n" as "] / ctrl+n": the character where a key has one."""
    names = [name.strip() for name in keys.split(",")]
    return " / ".join(character if (character := key_to_character(name)) and character.isprintable()
                      and not character.isspace() else name for name in names)


def help_rows(keymap: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(scope, keys, what it does, binding id) for every key, with overrides applied."""
    rows = [(scope, keys, description, "") for scope, keys, description in BUILT_IN]
    for scope, bindings in SCOPES:
        for binding in bindings:
            keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
            rows.append((scope, shown_keys(keys), binding.tooltip or binding.description, binding.id or ""))
    order = [scope for scope, _ in SCOPES]
    return sorted(rows, key=lambda row: order.index(row[0]))
