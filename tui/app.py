"""The Textual application: built from a loaded Library so tests can hand it
a small corpus; the CLI's default command runs it."""

from __future__ import annotations

import sys
from typing import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen

from ceasefire_tui.index import Config, ConfigError, Library, short_repr

from .hints import hint
from .keys import QUIT_ALWAYS, SCOPES, default_keys, keymap_problem
from .memory import FullCollectionsBetweenKeys, freeze_long_lived_objects
from .palette import LibraryCommands
from .screens.compare import CompareScreen
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.story import StoryScreen


class CeasefireApp(App[int]):
    CSS_PATH = ["app.tcss", "entities.tcss", "compare.tcss", "story.tcss"]
    TITLE = "ceasefire-tui"
    BINDINGS = [QUIT_ALWAYS]
    COMMANDS = App.COMMANDS | {LibraryCommands}

    def __init__(self, library: Library) -> None:
        """Raises ConfigError for ``ui`` settings only the TUI can check."""
        problem = check_ui_config(library.config)
        if problem:
            raise ConfigError(problem)
        super().__init__()
        self.library = library
        self.keymap_overrides = dict(library.config.ui.keymap)
        self.bound_keys = {**default_keys(), **self.keymap_overrides}  # every binding id: its keys now
        self.theme = library.config.ui.theme
        self.collections = FullCollectionsBetweenKeys()

    def on_mount(self) -> None:
        self.set_keymap(self.keymap_overrides)
        self.push_screen(MainScreen(self.library))
        self.call_after_refresh(freeze_long_lived_objects)
        self.collections.start(self)

    def on_unmount(self) -> None:
        self.collections.stop()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(SCOPES))

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
        if isinstance(screen, StoryScreen):
            yield from self._story_commands(screen)
            return
        if not isinstance(screen, MainScreen):
            return
        commands = [
            ("Search", "Focus the search box ({focus_search})", screen.action_focus_search),
            ("Results", "Focus the results list", screen.action_focus_results),
            ("Reader", "Focus the article reader", screen.action_focus_reader),
            ("Next match", "Jump to the next search match in the article ({reader.next_match})",
             lambda: screen.query_one("#reader").action_next_match()),
            ("Previous match", "Jump to the previous search match in the article ({reader.previous_match})",
             lambda: screen.query_one("#reader").action_previous_match()),
            ("Toggle sidebar", "Show or hide the sidebar ({toggle_sidebar})", screen.action_toggle_sidebar),
            ("Use suggested spelling", "Replace the query with the 'did you mean' suggestion ({accept_suggestion})",
             screen.action_accept_suggestion),
            ("Refresh", "Read the corpus folders again now and say what changed ({refresh})",
             screen.action_refresh_corpus),
            ("Rebuild index", "Throw the index away and build it again from the articles",
             screen.action_rebuild_index),
            ("Help", "Every key and what it does ({help})", self.action_help),
            ("Index report",
             "Files skipped by the last index update and why; files read with a fallback ({index_report})",
             screen.action_index_report),
            ("Entities", "Go to the entity list in the sidebar ({entities.focus})", screen.action_focus_entities),
            ("Next mention", "Jump to the next mention of the chosen entity ({entities.next_mention})",
             lambda: screen.action_jump_to_mention(1)),
            ("Previous mention", "Jump to the previous mention of the chosen entity ({entities.previous_mention})",
             lambda: screen.action_jump_to_mention(-1)),
            ("Entities: this article / results",
             "List the open article's entities or those of all results ({entities.scope})",
             lambda: screen.query_one("#entities").action_toggle_scope()),
            ("Filter by entity", "Show only the articles that mention the chosen entity (enter in the list)",
             screen.reading.filter_by_entity),
            ("Entity corrections", "The merges, renames, new types and hidden entries made; undo one "
                                   "({entities.corrections} in the entity list)", screen.correcting.show_list),
            ("Mark for comparison", "Mark or unmark the highlighted result to compare it with another ({compare})",
             screen.launcher.toggle_mark),
            ("Compare with marked…", "Compare the marked article with the highlighted result ({compare})",
             screen.launcher.compare_with_marked),
            ("Story view", "Who reports what across the current results (or the whole corpus): facts, figures, "
                           "quotes, coverage, timeline ({story})", screen.action_story),
            ("Compare highlighted result with the open article",
             "Side by side: the article in the reader and the highlighted result",
             screen.launcher.compare_highlighted_with_open),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, hint(screen, help_text), callback)

    def _compare_commands(self, screen: CompareScreen) -> Iterable[SystemCommand]:
        view = screen.view
        commands = [
            ("Next difference",
             "Jump to the next sentence only one side has, or a paraphrase ({compare.next_difference})",
             view.action_next_difference),
            ("Previous difference", "Jump to the previous difference ({compare.previous_difference})",
             view.action_previous_difference),
            ("Names, figures and quotations",
             "Jump to what only one side names, counts or quotes, and back ({compare.details})",
             view.action_toggle_details),
            ("Swap sides", "Show B on the left and A on the right ({compare.swap})", screen.action_swap),
            ("Export comparison report",
             "Write the comparison as Markdown and copy it to the clipboard ({compare.export})",
             screen.action_export),
            ("Back to the results", "Close the comparison ({compare.back})", screen.action_back),
            ("Help", "Every key and what it does ({compare.help})", self.action_help),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, hint(screen, help_text), callback)


    def _story_commands(self, screen: StoryScreen) -> Iterable[SystemCommand]:
        commands = [
            ("Facts", "Each fact with the outlets that report it ({story.facts})",
             lambda: screen.action_section("facts")),
            ("Figures", "Every figure with its qualifier, attribution, outlet and date ({story.figures})",
             lambda: screen.action_section("figures")),
            ("Quotes by speaker", "Who is quoted, by which outlets, in what words ({story.quotes})",
             lambda: screen.action_section("quotes")),
            ("Coverage", "Entity × outlet ({story.coverage})", lambda: screen.action_section("coverage")),
            ("Coverage of facts", "Switch the coverage grid between entities and facts ({story.coverage_rows})",
             screen.action_coverage_rows),
            ("Timeline", "Facts and figures by date ({story.timeline})",
             lambda: screen.action_section("timeline")),
            ("Differing facts first", "List the facts outlets report differently first, or most outlets first "
                                      "({story.differing_first})", screen.action_differing_first),
            ("Export story", "Write the story as Markdown to the exports folder ({story.export})",
             screen.action_export),
            ("Back to the results", "Close the story ({story.back})", screen.action_back),
            ("Help", "Every key and what it does ({story.help})", self.action_help),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, hint(screen, help_text), callback)


def check_ui_config(config: Config) -> str | None:
    """What is wrong with the ``ui`` keys that only the TUI can check, if anything."""
    themes = App().available_themes
    if config.ui.theme not in themes:
        return (f"{config.file}: 'ui.theme' must be one of {', '.join(sorted(themes))}, "
                f"not {short_repr(config.ui.theme)}")
    problem = keymap_problem(config.ui.keymap)
    return f"{config.file}: {problem}" if problem else None


def run_app(config: Config) -> int:
    library = Library(config)
    try:
        app = CeasefireApp(library)  # a bad ui config is said first, terminal or not
    except ConfigError as error:
        library.close()
        print(f"ceasefire-tui: {error}", file=sys.stderr)
        return 2
    if sys.stdin is None or not sys.stdin.isatty():
        library.close()
        print("ceasefire-tui: the reader needs a terminal to read keys from; "
              "for scripts and pipes use a headless command (ceasefire-tui --help)", file=sys.stderr)
        return 2
    try:
        app.run()
    finally:
        library.close()
    return 0
