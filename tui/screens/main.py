"""The main screen: search box, results, reader and sidebar.

The screen composes the panes and routes: what typing sets off is
:class:`~tui.search_flow.SearchFlow`'s, keeping the index up to date
:class:`~tui.index_upkeep.IndexUpkeep`'s, choosing articles to compare
:class:`~tui.screens.compare_launcher.CompareLauncher`'s. The engine does the
work off the UI thread, and its results come back as messages.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from index import (IndexBusy, IndexUnreadable, Library, MatchTerms, SearchResult, UnknownArticle, corpus_location,
                   plural, printable)

from ..hints import hint, key_hint
from ..history import QueryHistory, history_path
from ..index_upkeep import REFRESH_GROUP, IndexUpkeep
from ..messages import (ArticleLoaded, ComparisonFailed, ComparisonReady, CorpusChanged, EntityTableLoaded,
                        IndexCommittedElsewhere, IndexFailed, IndexHealed, IndexProgress, IndexRefreshed,
                        SearchFailed, SearchFinished, SnippetsCut, WorkFailed)
from ..memory import freeze_long_lived_objects
from ..search_flow import SearchFlow
from ..widgets.entities import EntityList
from ..widgets.reader import ArticleReader
from ..widgets.results import ResultsList
from ..widgets.search_box import SearchBox
from ..widgets.sidebar import Outline, Sidebar
from ..widgets.status import StatusLine
from .compare_launcher import CompareLauncher
from .index_report import IndexReportScreen

MIN_WIDTH, MIN_HEIGHT = 60, 15


def report_failure(node, what: str, error: BaseException) -> None:
    """Work that failed unexpectedly is reported, never silently lost."""
    node.notify(printable(f"{type(error).__name__}: {error}"), title=f"{what} failed", severity="error",
                markup=False)


class MainScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        # priority: checked before the key is forwarded to the focused pane, so
        # letters typed straight after "/" already reach the search box.
        Binding("slash", "focus_search", "Search", id="focus_search", priority=True),
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("ctrl+b", "toggle_sidebar", "Sidebar", id="toggle_sidebar"),
        Binding("c", "compare", "Compare", id="compare",  # see CompareLauncher
                tooltip="Mark the highlighted result; {compare} on another compares them "
                        "(in the reader: the open article)"),
        Binding("i", "index_report", "Index report", show=False, id="index_report",
                tooltip="What the last index update did: files skipped and why, files read with a fallback"),
        Binding("r", "refresh_corpus", "Refresh", show=False, id="refresh",
                tooltip="Read the corpus folders again now (changes are also picked up by themselves)"),
        Binding("ctrl+g", "accept_suggestion", "Use suggestion", show=False, id="accept_suggestion"),
        Binding("e", "focus_entities", "Entities", id="entities.focus",
                tooltip="Go to the entity list in the sidebar (shows the sidebar if it is hidden)"),
        Binding("right_square_bracket", "next_mention", "Next mention", show=False, id="entities.next_mention",
                tooltip="Jump to the next mention of the chosen entity in the article"),
        Binding("left_square_bracket", "previous_mention", "Prev mention", show=False,
                id="entities.previous_mention", tooltip="Jump to the previous mention of the chosen entity"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.config = library.config
        self.searching = SearchFlow(self, library, self.config.debounce_ms, follow=self._follow_result)
        self.upkeep = IndexUpkeep(self, library, changed=self._index_changed, show_status=self._show_status,
                                  quiet=self._quiet)
        self.launcher = CompareLauncher(self, library)
        self._terms = MatchTerms(frozenset(), frozenset())
        self._shown_terms: MatchTerms | None = None  # the terms the reader's highlights are for
        self._frozen_table = None  # the entity table last exempted from full GC passes
        self._open_when_loaded = False
        self._entity_filter: tuple[str, str | None] | None = None  # (query, article kept open)
        self._keep_place_of: str | None = None  # the open article, reloaded after a refresh: same scroll

    @property
    def result(self) -> SearchResult | None:
        """The search result shown."""
        return self.searching.result

    def compose(self) -> ComposeResult:
        yield SearchBox(QueryHistory(history_path()), id="search")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield StatusLine(id="status")
                yield ResultsList(id="results")
            yield ArticleReader(self.config.text_width, symbol_gutter=3, id="reader")  # entity symbols
            yield Sidebar(self.config.entity_types, id="sidebar")
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

    def on_search_finished(self, message: SearchFinished) -> None:
        if not self.searching.is_current(message.query):
            return  # typing has moved on; a newer search is coming
        same_query = self.result is not None and self.result.query == message.query
        self.searching.result = message.result
        self._terms = message.result.terms
        results = self.query_one(ResultsList)
        # A new query highlights its best hit; the same query re-run (after the
        # index changed) keeps the reader's place.
        keep_id = results.highlighted_id if same_query else None
        if self._entity_filter and self._entity_filter[0] == message.query:
            keep_id = self._entity_filter[1]  # filtering by an entity keeps the open article in view
        elif self._entity_filter:
            self._end_entity_filter()
        # A search cut short before it found anything leaves the list as it
        # was ("Searching…" says why) rather than blanking it for a moment.
        if message.result.hits or not message.result.partial:
            rows = results.visible_rows if message.typing else None
            results.show_hits(message.result.hits, keep_id=keep_id, rows=rows)
        self.launcher.show_mark()  # the ⇄ of the result marked for comparison
        self._show_status()
        self.searching.shown(message)

    def _follow_result(self) -> None:
        """The rest of the shown result: the hits below the first screenful
        and their snippets, the sidebar, and the reader."""
        result, results, reader = self.result, self.query_one(ResultsList), self.query_one(ArticleReader)
        if result is None:
            return
        if results.show_rest():
            self.launcher.show_mark()
        if not all(hit.snippet_ready for hit in result.hits):
            self.call_after_refresh(self.searching.cut_snippets, result)
        entities = self.query_one(EntityList)
        entities.show_result(result)
        self.load_entity_table(entities.dot_ids())
        highlighted = results.highlighted_id
        if highlighted and highlighted == self._keep_place_of:
            self.load_article(highlighted)  # the index changed: the open article's text may have too
        elif highlighted and highlighted != reader.article_id:
            self.load_article(highlighted)
        elif reader.stored is not None:
            self._show_article(reader.stored, keep_position=True)  # the new query's matches

    def on_snippets_cut(self, message: SnippetsCut) -> None:
        self.query_one(ResultsList).show_snippets(message.result.hits)

    def on_search_failed(self, message: SearchFailed) -> None:
        if self.searching.is_current(message.query):
            self.query_one(StatusLine).show_error(message.reason)

    def _show_status(self) -> None:
        self.query_one(StatusLine).show(self.result, self.upkeep.indexing, self.upkeep.report,
                                        corpus_location(self.config))

    def action_accept_suggestion(self) -> None:
        if self.result and self.result.suggestion:
            self.search_for(self.result.suggestion)

    # --- the index (IndexUpkeep) and comparisons (CompareLauncher) -----------------

    def _index_changed(self, keep_place: bool) -> None:
        if keep_place:
            self._keep_place_of = self.query_one(ArticleReader).article_id
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

    # --- articles -------------------------------------------------------------

    @on(ResultsList.OptionHighlighted, "#results")
    def _result_highlighted(self, event: ResultsList.OptionHighlighted) -> None:
        reader = self.query_one(ArticleReader)
        if self._typing_preview_deferred():
            return
        if event.option.id and event.option.id != reader.article_id:
            self.load_article(event.option.id)

    def _typing_preview_deferred(self) -> bool:
        """While typing, the reader (a full article to lay out, tens of
        milliseconds at 10,000 articles, in the way of the next key) waits
        for the pause, unless the list has been given the focus."""
        return self.searching.follow_pending and not self.query_one(ResultsList).has_focus

    @on(ResultsList.OptionSelected, "#results")
    def _result_selected(self, event: ResultsList.OptionSelected) -> None:
        reader = self.query_one(ArticleReader)
        if event.option.id == reader.article_id:
            self.app.set_focus(reader)
        else:
            self.open_article(event.option.id)

    def open_article(self, article_id: str) -> None:
        """Load the article into the reader and give the reader the focus."""
        self._open_when_loaded = True
        self.load_article(article_id)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, article_id: str) -> None:
        try:
            stored = self.library.article(article_id)
        except (UnknownArticle, IndexBusy, IndexUnreadable) as error:
            self.app.call_from_thread(self.notify, str(error), severity="warning")
            return
        if not get_current_worker().is_cancelled:
            self.post_message(ArticleLoaded(stored))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        keep_place = message.stored.article.id == self._keep_place_of
        self._keep_place_of = None
        if self.query_one(ArticleReader).stored != message.stored or self._shown_terms != self._terms:
            self._show_article(message.stored, keep_position=keep_place)
            self.query_one(Sidebar).show(message.stored)
            self._mark_mentions()
        # else: a second load of what the reader shows (highlighting a result
        # and choosing it both load it), which must not reset its place
        if self._open_when_loaded:
            self._open_when_loaded = False
            self.app.set_focus(self.query_one(ArticleReader))

    def _show_article(self, stored, keep_position: bool = False) -> None:
        reader = self.query_one(ArticleReader)
        article = stored.article
        reader.show(stored, self.library.find_matches(article.text, self._terms),
                    self.library.find_matches(article.title, self._terms),
                    keep_position=keep_position)
        self._shown_terms = self._terms

    def on_article_reader_match_moved(self, message: ArticleReader.MatchMoved) -> None:
        reader = self.query_one(ArticleReader)
        if message.total == 0:
            reader.border_subtitle = ""
        elif message.current < 0:
            reader.border_subtitle = hint(self, f"{plural(message.total, 'match', 'matches')} · "
                                                "{reader.next_match}/{reader.previous_match} to jump")
        else:
            reader.border_subtitle = hint(self, f"match {message.current + 1}/{message.total} · "
                                           "{reader.next_match}/{reader.previous_match}")

    def on_outline_jump(self, message: Outline.Jump) -> None:
        reader = self.query_one(ArticleReader)
        reader.scroll_to(y=max(0, reader.line_of_offset(message.offset) - 1), animate=False)
        self.app.set_focus(reader)

    # --- entities ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="entities", exit_on_error=False)
    def load_entity_table(self, article_ids: list[str]) -> None:
        """For the sidebar's dots: the entities each of ``article_ids`` mentions,
        from the corpus table (which the library rebuilds only when the index
        has changed)."""
        table = self.library.entity_table()
        mentions = {article: frozenset(row.key for row in table.per_article.get(article, ()))
                    for article in article_ids}
        if not get_current_worker().is_cancelled:
            self.post_message(EntityTableLoaded(table, mentions))

    def on_entity_table_loaded(self, message: EntityTableLoaded) -> None:
        self.query_one(EntityList).set_table(message.table, message.mentions_by_article)
        if message.table is not self._frozen_table:  # a new corpus table: long-lived from now on
            self._frozen_table = message.table
            freeze_long_lived_objects()

    @on(EntityList.OptionHighlighted, "#entities")
    def _entity_highlighted(self, event: EntityList.OptionHighlighted) -> None:
        entities = self.query_one(EntityList)
        key = entities.key_at(event.option_index)
        if key is not None and key != entities.selected:
            entities.select_key(key)
            self._mark_mentions()

    @on(EntityList.OptionSelected, "#entities")
    def _entity_chosen(self, event: EntityList.OptionSelected) -> None:
        """Enter on an entity: search for the articles that mention it."""
        self.action_filter_by_entity(self.query_one(EntityList).key_at(event.option_index))

    def action_filter_by_entity(self, key: tuple[str, str] | None = None) -> None:
        key = key or self.query_one(EntityList).selected
        if key is None:
            self.app.bell()
            self.notify(hint(self, "Choose an entity first: {entities.focus}, then up/down."), title="Entities")
            return
        query = 'entity:"{}"'.format(key[0].replace('"', " "))
        self._entity_filter = (query, self.query_one(ArticleReader).article_id)
        self.search_for(query)

    def search_for(self, query: str) -> None:
        """Put ``query`` in the box; its Changed event runs the search, as typing does."""
        box = self.query_one(SearchBox)
        box.value = query
        box.cursor_position = len(query)

    def _end_entity_filter(self) -> None:
        """The query no longer filters by the chosen entity: the reader stops
        naming it in its title and emphasising its mentions."""
        self._entity_filter = None
        self.query_one(EntityList).select_key(None)
        self._mark_mentions()

    def on_entity_list_restyled(self, message: EntityList.Restyled) -> None:
        self._mark_mentions()

    def _mark_mentions(self) -> None:
        """Underline every entity mention in the reader, the chosen one most."""
        reader = self.query_one(ArticleReader)
        entities = self.query_one(EntityList)
        reader.set_marks(entities.marks())
        reader.border_title = entities.reader_title()

    def action_focus_entities(self) -> None:
        if not self.query_one(Sidebar).display:
            self.action_toggle_sidebar()
        entities = self.query_one(EntityList)
        self.app.set_focus(entities)
        entities.highlight_first()

    def action_next_mention(self) -> None:
        self._jump_to_mention(+1)

    def action_previous_mention(self) -> None:
        self._jump_to_mention(-1)

    def _jump_to_mention(self, step: int) -> None:
        entities = self.query_one(EntityList)
        if entities.selected is None:
            self.app.bell()
            self.notify(hint(self, "Choose an entity first: {entities.focus}, then up/down."), title="Mentions")
            return
        span = entities.step_mention(step)
        if span is None:
            self.app.bell()
            self.notify(f"{entities.selected[0]} is not mentioned in this article.", title="Mentions", markup=False)
            return
        self.query_one(ArticleReader).scroll_to_offset(span[0])
        self._mark_mentions()

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

