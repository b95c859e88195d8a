"""Every key binding, by scope: for the help screen and keymap validation.

Only the app imports this module (it imports the screens and widgets).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.keys import Keys, key_to_character

from .panes import Panes
from .screens.compare import CompareScreen
from .screens.entity_corrections import CorrectionsScreen
from .screens.main import MainScreen
from .screens.story import StoryScreen
from .screens.story_reader import ReportChooser, StoryReaderScreen
from .widgets.comparison import ComparisonView
from .widgets.entities import EntityList
from .widgets.reader import ArticleReader
from .widgets.results import ResultsList
from .widgets.search_box import SearchBox
from .widgets.story_list import StoryList

# The app's own binding (app.py), here so that it is rebound and checked like the others.
QUIT_ALWAYS = Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="quit_always",
                      tooltip="Quit, even while typing")

SCOPES: list[tuple[str, list[Binding]]] = [
    ("Everywhere", MainScreen.BINDINGS + [QUIT_ALWAYS]),
    ("Search box", SearchBox.BINDINGS),
    ("Results", ResultsList.BINDINGS),
    ("Reader", ArticleReader.BINDINGS),
    ("Entities", EntityList.BINDINGS),
    ("Undo list", CorrectionsScreen.BINDINGS),  # the corrections list (u in the entity list)
    ("Reading", Panes.BINDINGS),  # the results, the reader and the sidebar
    ("Story", StoryScreen.BINDINGS + StoryList.BINDINGS),
    ("Story pick", ReportChooser.BINDINGS),  # which article to read a fact in
    ("Story read", StoryReaderScreen.BINDINGS),  # the article at the fact, with the reader's own keys
    ("Compare", CompareScreen.BINDINGS + ComparisonView.BINDINGS),
]


# Where the focus can be (on the main screen, and the story's article), with
# the places whose keys also work there, innermost first: a key bound in an
# inner place hides the outer place's binding of the same key.
FOCUS_CHAINS = [
    ("Search box", "Everywhere"),
    ("Results", "Reading", "Everywhere"),
    ("Reader", "Reading", "Everywhere"),
    ("Entities", "Reading", "Everywhere"),
    ("Reader", "Story read"),
]

# Keys taken in every place by the app itself, which a binding there would never get.
APP_KEYS = {"ctrl+p": "the command palette", "tab": "the next pane", "shift+tab": "the previous pane"}
MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
NAMED_KEYS = frozenset(key.value for key in Keys if "+" not in key.value and not key.value.startswith("<"))


def binding_ids() -> set[str]:
    return {binding.id for _, bindings in SCOPES for binding in bindings if binding.id}


def default_keys() -> dict[str, str]:
    """Every binding id with the keys it has before ui.keymap."""
    return {binding.id: binding.key for _, bindings in SCOPES for binding in bindings if binding.id}


def is_key_name(key: str) -> bool:
    """Whether Textual can ever report ``key``: modifiers (each once) and a
    named key ("pageup", "f5"), a character, or a character's name
    ("question_mark", "right_square_bracket")."""
    *modifiers, base = key.split("+")
    if any(modifier not in MODIFIERS for modifier in modifiers) or len(set(modifiers)) != len(modifiers):
        return False
    if base in NAMED_KEYS or (len(base) == 1 and base.isprintable() and not base.isspace()):
        return True
    character = key_to_character(base) if base.isidentifier() else None
    return bool(character) and character.isascii() and character.isprintable() and not character.isspace()


def keymap_problem(keymap: dict[str, str]) -> str | None:
    """What is wrong with ``ui.keymap``, if anything: an unknown binding id,
    a key that does not exist, or a key that another binding in the same
    place already has (one of the two would never fire)."""
    ids = binding_ids()
    for binding_id, keys in keymap.items():
        if binding_id not in ids:
            return f"unknown key 'ui.keymap.{binding_id}' (binding ids: {', '.join(sorted(ids))})"
        for key in keys.split(","):
            if not is_key_name(key.strip()):
                return (f"'ui.keymap.{binding_id}': {key.strip()!r} is not a key name (examples: \"x\", \"X\", "
                        f"\"ctrl+x\", \"f5\", \"pageup\", \"question_mark\")")
    for scope, bindings in SCOPES:
        taken = {} if scope != "Everywhere" else dict(APP_KEYS)
        for binding in sorted(bindings, key=lambda binding: binding.id not in keymap):  # rebound ones first
            for key in (part.strip() for part in keymap.get(binding.id, binding.key).split(",")):
                other = taken.setdefault(key, binding.id)
                if other != binding.id:
                    rebound = binding.id if binding.id in keymap else other
                    holder = other if rebound == binding.id else binding.id
                    advice = "choose another key" if holder in APP_KEYS.values() else \
                        "rebind that too, or choose another key"
                    return f"'ui.keymap.{rebound}': {key!r} is already the key of {holder} in {scope} ({advice})"
    return _hidden_by_focus(keymap)


def _hidden_by_focus(keymap: dict[str, str]) -> str | None:
    """A rebound key that a binding of the focused place hides, or that
    hides one of a place around it ("compare" rebound to x, which the
    results list's "show copies" takes first)."""
    scopes = dict(SCOPES)
    for chain in FOCUS_CHAINS:
        taken: dict[str, tuple[str, str]] = {}  # key -> (binding id, place), innermost first
        for scope in chain:
            for binding in scopes[scope]:
                for key in (part.strip() for part in keymap.get(binding.id, binding.key).split(",")):
                    inner = taken.setdefault(key, (binding.id, scope))
                    if inner[1] != scope and (binding.id in keymap or inner[0] in keymap):
                        rebound = binding.id if binding.id in keymap else inner[0]
                        other, other_scope = (inner if rebound == binding.id else (binding.id, scope))
                        return (f"'ui.keymap.{rebound}': {key!r} is also the key of {other} in {other_scope}; in "
                                f"{chain[0]}, {inner[0]} would take it first (rebind that too, or choose another key)")
    return None
