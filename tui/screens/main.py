"""The main screen: search box, results, reader and sidebar.

The screen composes the panes and routes: what typing sets off is
:class:`~tui.search_flow.SearchFlow`'s, keeping the index up to date
:class:`~tui.index_upkeep.IndexUpkeep`'s, the reader and the sidebar
(the open article, the entities, the filter by one)
:class:`~tui.reading.ReadingFlow`'s, choosing articles to compare
:class:`~tui.screens.compare_launcher.CompareLauncher`'s. The engine does the
work off the UI thread, and its results come back as messages.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from ceasefire_tui.index import Library, SearchResult, corpus_location

from ..failures import report_failure
from ..hints import key_hint
from ..history import QueryHistory, history_path
from ..index_upkeep import REFRESH_GROUP, IndexUpkeep
from ..panes import Panes
from ..messages import (ArticleLoaded, ComparisonFailed, ComparisonReady, CorpusChanged, EntityTableLoaded,
                        IndexCommittedElsewhere, IndexFailed, IndexHealed, IndexProgress, IndexRefreshed,
                        SearchFailed, SearchFinished, SnippetsCut, WorkFailed)
from ..entity_correcting import EntityCorrecting
from ..reading import ReadingFlow
from ..search_flow import SearchFlow
from ..widgets.entities import CorrectionAsked, EntityList
from ..widgets.reader import ArticleReader
from ..widgets.results import ResultsList
from ..widgets.search_box import SearchBox
from ..widgets.sidebar import Outline, Sidebar
from ..widgets.status import StatusLine
from .compare_launcher import CompareLauncher
from .index_report import IndexReportScreen
from .story_launcher import open_story

MIN_WIDTH, MIN_HEIGHT = 60, 15


# The keys of the main screen as a whole ("Everywhere" in help).
MAIN_KEYS = [
    # priority: checked before the key is forwarded to the focused pane, so
    # letters typed straight after "/" already reach the search box.
    Binding("slash", "focus_search", "Search", id="focus_search", priority=True),
    Binding("question_mark", "app.help", "Help", id="help"),
    Binding("q", "app.quit", "Quit", id="quit"),
    Binding("ctrl+b", "toggle_sidebar", "Sidebar", id="toggle_sidebar"),
    Binding("c", "compare", "Compare", id="compare",  # see CompareLauncher
            tooltip="Mark the highlighted result; {compare} on another compares them "
                    "(in the reader: the open article)"),
    Binding("S", "story", "Story", id="story",
            tooltip="The story of the current results (or of the whole corpus): who reports what"),
    Binding("i", "index_report", "Index report", show=False, id="index_report",
            tooltip="What the last index update did: files skipped and why, files read with a fallback"),
    Binding("r", "refresh_corpus", "Refresh", show=False, id="refresh",
            tooltip="Read the corpus folders again now (changes are also picked up by themselves)"),
    Binding("ctrl+g", "accept_suggestion", "Use suggestion", show=False, id="accept_suggestion"),
    Binding("e", "focus_entities", "Entities", id="entities.focus",
            tooltip="Go to the entity list in the sidebar (shows the sidebar if it is hidden)"),
    Binding("right_square_bracket", "jump_to_mention(1)", "Next mention", show=False, id="entities.next_mention",
            tooltip="Jump to the next mention of the chosen entity in the article"),
    Binding("left_square_bracket", "jump_to_mention(-1)", "Prev mention", show=False,
            id="entities.previous_mention", tooltip="Jump to the previous mention of the chosen entity"),
]


class MainScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = MAIN_KEYS

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.config = library.config
        self.reading = ReadingFlow(self, library, typing_pending=lambda: self.searching.follow_pending)
        self.launcher = CompareLauncher(self, library)
        self.correcting = EntityCorrecting(self, library)
        self.searching = SearchFlow(self, library, self.config.search.debounce_ms, self.reading,
                                    show_mark=self.launcher.show_mark, show_status=self._show_status)
        self.upkeep = IndexUpkeep(self, library, changed=self._index_changed, show_status=self._show_status,
                                  quiet=self._quiet)

    @property
    def result(self) -> SearchResult | None:
        """The search result shown."""
        return self.searching.result

    def compose(self) -> ComposeResult:
        yield SearchBox(QueryHistory(history_path()), id="search")
        with Panes(id="panes"):
            with Vertical(id="left"):
                yield StatusLine(id="status")
                yield ResultsList(id="results")
            yield ArticleReader(self.config.ui.text_width, symbol_gutter=3, id="reader")  # entity symbols
            yield Sidebar(self.config.entities.types, id="sidebar")
        yield Static(id="too-small")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reader").border_title = "Article"
        self.query_one("#results").border_title = "Results"
        self.query_one("#sidebar").border_title = "Entities"
        self.searching.start_thread()
        self.searching.search("")
        self.upkeep.start()
        self.query_one(SearchBox).focus()

    def on_unmount(self) -> None:
        self.upkeep.stop()
        self.searching.stop()

    # --- searching -----------------------------------------------------------

    @on(SearchBox.Changed, "#search")
    def _typed(self, event: SearchBox.Changed) -> None:
        self.searching.typed(event.value)

    @on(SearchBox.Submitted, "#search")
    def _submitted(self, event: SearchBox.Submitted) -> None:
        self.query_one(SearchBox).remember(event.value)
        self.searching.typing_over(event.value)
        self.action_focus_results(first=True)

    @on(SearchBox.Blurred, "#search")
    def _left_search_box(self) -> None:
        box = self.query_one(SearchBox)
        box.remember(box.value)
        self.searching.left_box()

    def search_for(self, query: str) -> None:
        """Put ``query`` in the box; its Changed event runs the search, as typing does."""
        box = self.query_one(SearchBox)
        box.value = query
        box.cursor_position = len(query)

    def on_search_finished(self, message: SearchFinished) -> None:
        self.searching.show(message)

    def on_snippets_cut(self, message: SnippetsCut) -> None:
        self.query_one(ResultsList).show_snippets(message.result.hits)

    def on_search_failed(self, message: SearchFailed) -> None:
        if self.searching.is_current(message.query):
            self.query_one(StatusLine).show_error(message.reason)

    def _show_status(self, typing: bool = False) -> None:
        self.query_one(StatusLine).show(self.result, self.upkeep.indexing, self.upkeep.report,
                                        corpus_location(self.config), typing)

    def action_accept_suggestion(self) -> None:
        if self.result and self.result.suggestion:
            self.search_for(self.result.suggestion)

    # --- the index (IndexUpkeep) and comparisons (CompareLauncher) -----------------

    def _index_changed(self, keep_place: bool) -> None:
        if keep_place:
            self.reading.keep_place()
        self.searching.again()

    def _quiet(self) -> bool:
        """Whether the shown result is the box's and typing is over."""
        return (self.result is not None and self.searching.is_current(self.result.query)
                and not self.searching.follow_pending)

    def on_corpus_changed(self, message: CorpusChanged) -> None:
        self.upkeep.corpus_changed()

    def on_index_progress(self, message: IndexProgress) -> None:
        self.upkeep.progressed(message)

    def on_index_refreshed(self, message: IndexRefreshed) -> None:
        self.upkeep.refreshed(message)

    def on_index_healed(self, message: IndexHealed) -> None:
        self.upkeep.healed(message)

    def on_index_failed(self, message: IndexFailed) -> None:
        self.upkeep.failed(message)

    def on_index_committed_elsewhere(self, message: IndexCommittedElsewhere) -> None:
        self.upkeep.committed_elsewhere(message)

    def action_refresh_corpus(self) -> None:
        self.upkeep.refresh_asked()

    def action_rebuild_index(self) -> None:
        self.upkeep.rebuild()

    def action_story(self) -> None:
        open_story(self, self.library, self.result)

    def action_compare(self) -> None:
        self.launcher.compare_key()

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        self.launcher.ready(message)

    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        self.launcher.failed(message)

    def on_work_failed(self, message: WorkFailed) -> None:
        report_failure(self, message.what, message.error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == REFRESH_GROUP and event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.upkeep.refresh_done()
        if event.state == WorkerState.ERROR:
            report_failure(self, event.worker.group, event.worker.error)

    # --- the reader and the sidebar (ReadingFlow) ---------------------------------

    @on(ResultsList.OptionHighlighted, "#results")
    def _result_highlighted(self, event: ResultsList.OptionHighlighted) -> None:
        self.reading.result_highlighted(event)

    @on(ResultsList.OptionSelected, "#results")
    def _result_selected(self, event: ResultsList.OptionSelected) -> None:
        self.reading.result_selected(event)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        self.reading.article_loaded(message)

    def on_article_reader_match_moved(self, message: ArticleReader.MatchMoved) -> None:
        self.reading.match_moved(message)

    def on_outline_jump(self, message: Outline.Jump) -> None:
        self.reading.outline_jump(message)

    def on_entity_table_loaded(self, message: EntityTableLoaded) -> None:
        self.reading.entity_table_loaded(message)

    @on(EntityList.OptionHighlighted, "#entities")
    def _entity_highlighted(self, event: EntityList.OptionHighlighted) -> None:
        self.reading.entity_highlighted(event)

    @on(EntityList.OptionSelected, "#entities")
    def _entity_chosen(self, event: EntityList.OptionSelected) -> None:
        self.reading.entity_chosen(event)

    def on_entity_list_restyled(self, message: EntityList.Restyled) -> None:
        self.reading.entities_restyled()

    def on_correction_asked(self, message: CorrectionAsked) -> None:
        self.correcting.asked(message)

    def action_focus_entities(self) -> None:
        self.reading.focus_entities()

    def action_jump_to_mention(self, step: int) -> None:
        """The next (1) or previous (-1) mention of the chosen entity."""
        self.reading.jump_to_mention(step)

    # --- focus and layout ----------------------------------------------------

    # Focus moves with set_focus, at once: Widget.focus() is deferred, so a
    # key typed right after "/" would still reach the old pane.
    def action_focus_search(self) -> None:
        box = self.query_one(SearchBox)
        if self.app.focused is box:
            box.insert_text_at_cursor("/")  # a priority binding must still type its key here
        else:
            self.app.set_focus(box)

    def action_focus_results(self, first: bool = False) -> None:
        results = self.query_one(ResultsList)
        self.app.set_focus(results)
        if results.option_count and (first or results.highlighted is None):
            results.highlighted = 0

    def action_focus_reader(self) -> None:
        self.app.set_focus(self.query_one(ArticleReader))

    def action_index_report(self) -> None:
        self.app.push_screen(IndexReportScreen(self.upkeep.report))

    def action_toggle_sidebar(self) -> None:
        shown = self.query_one(Sidebar).display
        self.set_class(shown, "hide-sidebar")
        self.set_class(not shown, "show-sidebar")
        self.call_after_refresh(self._move_focus_out_of_hidden_pane)

    def _move_focus_out_of_hidden_pane(self) -> None:
        """A pane just hidden (the sidebar, or the results at 80 columns) must
        not keep the focus, or keys would go to something unseen."""
        focused = self.app.focused
        if focused is None or not all(node.display for node in focused.ancestors_with_self if node is not self):
            self.app.set_focus(self.query_one(ArticleReader))

    def on_resize(self) -> None:
        too_small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        self.set_class(too_small, "too-small")
        if too_small:
            self.query_one("#too-small", Static).update(
                f"The terminal is {self.size.width}×{self.size.height}; "
                f"ceasefire-tui needs at least {MIN_WIDTH}×{MIN_HEIGHT}. "
                f"Enlarge it, or press {key_hint(self, 'quit_always')} to quit."
            )

