"""Adding a web page or feed from the command palette: a prompt for its
address, then the fetch on a worker thread, with a notice when it starts
and one with the outcome (saved where, or refused and why). The saved
files are indexed by the refresh that follows, as any new file is."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from ceasefire_tui.index import CeasefireError, Library, in_corpus, printable

ADD_GROUP = "add-url"


class AddUrlScreen(ModalScreen[str | None]):
    """Asks for one address; dismissed with it, or with None (Escape, nothing typed)."""

    DEFAULT_CSS = """
    AddUrlScreen { align: center middle; }
    AddUrlScreen > Vertical { width: 80%; max-width: 100; height: auto; border: round $accent;
                              padding: 0 1; background: $surface; }
    AddUrlScreen Static { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="add_url.cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Add a web page or feed"
            yield Input(placeholder="https://…", id="add-url")
            yield Static(f"Saved in {printable(str(self.folder))} with where it came from, then indexed. "
                         "Enter adds, Escape cancels.", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_and_add(screen: Screen, library: Library, refresh_asked: Callable[[], None]) -> None:
    """Ask for an address on ``screen`` and add it to the corpus;
    ``refresh_asked()`` (on the UI thread) has the index take it."""
    try:
        folder = library.add_folder()
    except CeasefireError as error:
        screen.notify(printable(str(error)), title="Cannot add pages", severity="error", markup=False, timeout=10)
        return

    def chosen(url: str | None) -> None:
        if url:
            screen.notify(printable(url), title="Fetching…", markup=False, timeout=4)
            screen.run_worker(lambda: _add(screen, library, url, folder, refresh_asked), thread=True,
                              group=ADD_GROUP)

    screen.app.push_screen(AddUrlScreen(folder), chosen)


def _add(screen: Screen, library: Library, url: str, folder: Path, refresh_asked: Callable[[], None]) -> None:
    """On a worker thread: fetch and save, then say what became of it."""
    try:
        outcome, = library.add([url], folder)
    except CeasefireError as error:  # the folder cannot be made or written
        screen.app.call_from_thread(screen.notify, printable(str(error)), title="Not added", severity="error",
                                    markup=False, timeout=10)
        return
    if outcome.path is None:
        screen.app.call_from_thread(screen.notify, printable(f"{url}: {outcome.reason}"), title="Not added",
                                    severity="error", markup=False, timeout=10)
        return
    saved = printable(str(outcome.path))
    if not in_corpus(folder, library.config):
        message = f"Saved as {saved}, but that folder is not in corpus.paths: it is not indexed."
    else:
        message = f"Saved as {saved}; indexing it."
    screen.app.call_from_thread(screen.notify, message, title="Updated" if outcome.updated else "Added",
                                markup=False, timeout=6)
    screen.app.call_from_thread(refresh_asked)
