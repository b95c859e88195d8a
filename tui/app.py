"""The Textual application: built from a loaded Library so tests can hand it
a small corpus; the CLI's default command runs it."""

from __future__ import annotations

import sys
from typing import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from index.config import Config, short_repr
from index.library import Library

from .keys import binding_ids
from .memory import FullCollectionsBetweenKeys, freeze_long_lived_objects
from .screens.compare import CompareScreen
from .screens.main import MainScreen


class CeasefireApp(App[int]):
    CSS_PATH = ["app.tcss", "entities.tcss", "compare.tcss"]
    TITLE = "ceasefire-tui"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="quit_always")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.keymap_overrides = dict(library.config.keymap)
        self.theme = library.config.theme
        self.collections = FullCollectionsBetweenKeys()

    def on_mount(self) -> None:
        self.set_keymap(self.keymap_overrides)
        self.push_screen(MainScreen(self.library))
        self.call_after_refresh(freeze_long_lived_objects)
        self.collections.start(self)

    def on_unmount(self) -> None:
        self.collections.stop()

    async def on_event(self, event: events.Event) -> None:
        await super().on_event(event)
        if isinstance(event, events.Key):
            self.collections.key_pressed()
            self.call_after_refresh(self.collections.after_key)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, CompareScreen):
            yield from self._compare_commands(screen)
            return
        if not isinstance(screen, MainScreen):
            return
        commands = [
            ("Search", "Focus the search box (/)", screen.action_focus_search),
            ("Results", "Focus the results list", screen.action_focus_results),
            ("Reader", "Focus the article reader", screen.action_focus_reader),
            ("Next match", "Jump to the next search match in the article (n)",
             lambda: screen.query_one("#reader").action_next_match()),
            ("Previous match", "Jump to the previous search match in the article (N)",
             lambda: screen.query_one("#reader").action_previous_match()),
            ("Toggle sidebar", "Show or hide the sidebar (ctrl+b)", screen.action_toggle_sidebar),
            ("Use suggested spelling", "Replace the query with the 'did you mean' suggestion (ctrl+g)",
             screen.action_accept_suggestion),
            ("Rebuild index", "Throw the index away and build it again from the articles",
             screen.action_rebuild_index),
            ("Help", "Every key and what it does (?)", screen.action_help),
            ("Index report", "Files skipped by the last index update and why; files read with a fallback (i)",
             screen.action_index_report),
            ("Entities", "Go to the entity list in the sidebar (e)", screen.action_focus_entities),
            ("Next mention", "Jump to the next mention of the chosen entity (])", screen.action_next_mention),
            ("Previous mention", "Jump to the previous mention of the chosen entity ([)",
             screen.action_previous_mention),
            ("Entities: this article / results", "List the open article's entities or those of all results (t)",
             lambda: screen.query_one("#entities").action_toggle_scope()),
            ("Filter by entity", "Show only the articles that mention the chosen entity (enter in the list)",
             screen.action_filter_by_entity),
            ("Mark for comparison", "Mark or unmark the highlighted result to compare it with another (c)",
             screen.toggle_mark),
            ("Compare with marked…", "Compare the marked article with the highlighted result (c)",
             screen.compare_with_marked),
            ("Compare highlighted result with the open article",
             "Side by side: the article in the reader and the highlighted result",
             screen.compare_highlighted_with_open),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)

    def _compare_commands(self, screen: CompareScreen) -> Iterable[SystemCommand]:
        view = screen.view
        commands = [
            ("Next difference", "Jump to the next sentence only one side has, or a paraphrase (n)",
             view.action_next_difference),
            ("Previous difference", "Jump to the previous difference (N)", view.action_previous_difference),
            ("Names, figures and quotations", "Jump to what only one side names, counts or quotes, and back (d)",
             view.action_toggle_details),
            ("Swap sides", "Show B on the left and A on the right (s)", screen.action_swap),
            ("Export comparison report", "Write the comparison as Markdown and copy it to the clipboard (e)",
             screen.action_export),
            ("Back to the results", "Close the comparison (escape)", screen.action_back),
            ("Help", "Every key and what it does (?)", screen.action_help),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)


def check_ui_config(config: Config) -> str | None:
    """What is wrong with the ``ui`` keys that only the TUI can check, if anything."""
    themes = App().available_themes
    if config.theme not in themes:
        return f"{config.file}: 'ui.theme' must be one of {', '.join(sorted(themes))}, not {short_repr(config.theme)}"
    unknown = sorted(set(config.keymap) - binding_ids() - {"quit_always"})
    if unknown:
        return (f"{config.file}: unknown key 'ui.keymap.{unknown[0]}' "
                f"(binding ids: {', '.join(sorted(binding_ids()))})")
    return None


def run_app(config: Config) -> int:
    problem = check_ui_config(config)
    if problem:
        print(f"ceasefire-tui: {problem}", file=sys.stderr)
        return 2
    if sys.stdin is None or not sys.stdin.isatty():
        print("ceasefire-tui: the reader needs a terminal to read keys from; "
              "for scripts and pipes use a headless command (ceasefire-tui --help)", file=sys.stderr)
        return 2
    library = Library(config)
    try:
        CeasefireApp(library).run()
    finally:
        library.close()
    return 0
