"""The main screen: search box, results, reader and sidebar.

The screen coordinates; the engine does the work in thread workers whose
results come back as messages. A search that is overtaken by newer typing is
cancelled, and a result for a query the box no longer shows is dropped.
"""

from __future__ import annotations

import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from index import (CorpusWatcher, IndexBusy, IndexUnreadable, Library, MatchTerms, QueryError, RefreshReport,
                   RefreshStopped, SearchResult, UnknownArticle, corpus_location, plural, printable)

from ..hints import hint, key_hint
from ..history import QueryHistory, history_path
from ..messages import (ArticleLoaded, CorpusChanged, EntityTableLoaded, IndexCommittedElsewhere, IndexFailed,
                        IndexHealed, IndexProgress, IndexRefreshed, SearchFailed, SearchFinished, SnippetsCut)
from ..memory import freeze_long_lived_objects
from ..progress import indexing_line
from ..widgets.entities import EntityList
from ..widgets.reader import ArticleReader
from ..widgets.results import UNKNOWN_OUTLET, ResultsList
from ..widgets.search_box import SearchBox
from ..widgets.sidebar import Outline, Sidebar
from .compare import CompareLauncher

MIN_WIDTH, MIN_HEIGHT = 60, 15
# While typing, a search stops after this many seconds with the best hits
# found so far (a common word at 50,000 articles takes twenty times longer;
# parsing, the visible snippets and the counts add about as much again);
# the complete search runs once typing has paused this long.
TYPING_TIME_LIMIT = 0.01
COMPLETE_AFTER_PAUSE = 0.4
# File events this close together (a folder copied in batches) make one refresh.
CORPUS_SETTLE = 0.3
# How often the screen looks for an index committed by another process (an
# `index` run in another shell): one listing of the index folder.
COMMIT_POLL_SECONDS = 1.5
# Index progress is shown at most this often (seconds), with the time left
# once the build has run long enough for its rate to mean something.
PROGRESS_EVERY = 0.2
ESTIMATE_AFTER = 1.0


class MainScreen(CompareLauncher, Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        # priority: checked before the key is forwarded to the focused pane, so
        # letters typed straight after "/" already reach the search box.
        Binding("slash", "focus_search", "Search", id="focus_search", priority=True),
        Binding("question_mark", "help", "Help", id="help"),
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
        self.result: SearchResult | None = None
        self._terms = MatchTerms(frozenset(), frozenset())
        self._debounce: Timer | None = None
        self._complete_later: Timer | None = None
        self._follow_pending = False  # results shown while typing; the reader and sidebar not yet moved
        self._shown_terms: MatchTerms | None = None  # the terms the reader's highlights are for
        self._status_lines = 0  # the status's height when last laid out
        self._frozen_table = None  # the entity table last exempted from full GC passes
        self._open_when_loaded = False
        self._indexing = ""
        self._index_report: RefreshReport | None = None  # the last refresh's, for the index report screen
        self._entity_filter: tuple[str, str | None] | None = None  # (query, article kept open)
        self._watcher: CorpusWatcher | None = None
        self._watch_settle: Timer | None = None
        self._refreshing = False  # one refresh at a time: a thread worker cannot be cancelled
        self._refresh_again = False  # files changed while the running refresh was under way
        self._announce_refresh = False  # say what the refresh changed (one asked for or seen, not the first)
        self._watch_note_shown = False
        self._backend_note_shown = False
        self._keep_place_of: str | None = None  # the open article, reloaded after a refresh: same scroll
        self._seen_generation = library.store.committed_generation()  # the index generation last looked at

    def compose(self) -> ComposeResult:
        yield SearchBox(QueryHistory(history_path()), id="search")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Static(id="status")
                yield ResultsList(id="results")
            yield ArticleReader(self.config.text_width, symbol_gutter=3, id="reader")  # entity symbols
            yield Sidebar(self.config.entity_types, id="sidebar")
        yield Static(id="too-small")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reader").border_title = "Article"
        self.query_one("#results").border_title = "Results"
        self.query_one("#sidebar").border_title = "Entities"
        self.library.on_notice = lambda notice: self.post_message(IndexHealed(notice))  # from a worker thread
        self.start_search("")
        self.refresh_index()
        self.query_one(SearchBox).focus()
        self.set_interval(COMMIT_POLL_SECONDS, self._look_for_commits)
        self._watcher = CorpusWatcher(self.config.corpus_paths, lambda: self.post_message(CorpusChanged()),
                                      ignore=self.library.store.directory)
        self._watcher.start()

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()

    # --- searching -----------------------------------------------------------

    @on(SearchBox.Changed, "#search")
    def _typed(self, event: SearchBox.Changed) -> None:
        self._stop_search_timers()
        self._debounce = self.set_timer(self.config.debounce_ms / 1000,
                                        lambda: self.start_search(event.value, complete=False))

    @on(SearchBox.Submitted, "#search")
    def _submitted(self, event: SearchBox.Submitted) -> None:
        self.query_one(SearchBox).remember(event.value)
        self._typing_over(event.value)
        self.action_focus_results(first=True)

    @on(SearchBox.Blurred, "#search")
    def _left_search_box(self) -> None:
        box = self.query_one(SearchBox)
        box.remember(box.value)
        if self._follow_pending:
            self._typing_over(self.query_one(SearchBox).value)

    def _typing_over(self, query: str) -> None:
        """What waits for the pause in typing happens now: the complete
        search, or following the result already shown."""
        self._stop_search_timers()
        result = self.result
        if result is None or result.query != query or result.partial:
            self._follow_pending = False  # the complete search's result will be followed
            self.start_search(query)
        elif self._follow_pending:
            self._follow_result()

    def _stop_search_timers(self) -> None:
        for timer in (self._debounce, self._complete_later):
            if timer is not None:
                timer.stop()

    def start_search(self, query: str, complete: bool = True) -> None:
        """Search in a worker. While typing (``complete=False``) the search is
        cut short after TYPING_TIME_LIMIT with the best hits found so far,
        and completed when typing pauses."""
        self.run_search(query, complete, self.query_one(ResultsList).visible_rows)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str, complete: bool, on_screen: int) -> None:
        """Only the snippets of the hits ``on_screen`` are cut before the
        results are shown; the others after (cut_snippets)."""
        worker = get_current_worker()
        try:
            result = self.library.search(query, time_limit=None if complete else TYPING_TIME_LIMIT,
                                         snippets=on_screen)
        except (QueryError, IndexBusy, IndexUnreadable) as error:
            if not worker.is_cancelled:
                self.post_message(SearchFailed(query, str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(SearchFinished(query, result, typing=not complete))

    @work(thread=True, exclusive=True, group="snippets", exit_on_error=False)
    def cut_snippets(self, query: str, result: SearchResult) -> None:
        """The snippets of the hits below the first screenful, off the UI
        thread; started once the results are painted, so that this work
        does not compete with the painting for the interpreter."""
        worker = get_current_worker()

        def cut() -> None:
            for hit in result.hits:
                if worker.is_cancelled:
                    return
                hit.snippet  # noqa: B018 - cut it here, off the UI thread

        try:
            self.library.healing(cut)
        except (IndexBusy, IndexUnreadable):
            return  # the notice of the rebuild (or of its failure) says enough
        if not worker.is_cancelled:
            self.post_message(SnippetsCut(query, result))

    def on_snippets_cut(self, message: SnippetsCut) -> None:
        self.query_one(ResultsList).show_snippets(message.result.hits)

    def on_search_finished(self, message: SearchFinished) -> None:
        if message.query != self.query_one(SearchBox).value:
            return  # typing has moved on; a newer search is coming
        same_query = self.result is not None and self.result.query == message.query
        self.result = message.result
        self._terms = message.result.terms
        results = self.query_one(ResultsList)
        # A new query highlights its best hit; the same query re-run (after the
        # index changed) keeps the reader's place.
        keep_id = results.highlighted_id if same_query else None
        if self._entity_filter and self._entity_filter[0] == message.query:
            keep_id = self._entity_filter[1]  # filtering by an entity keeps the open article in view
        elif self._entity_filter:
            self._end_entity_filter()
        self._follow_pending = message.typing
        # A search cut short before it found anything leaves the list as it
        # was ("Searching…" says why) rather than blanking it for a moment.
        if message.result.hits or not message.result.partial:
            rows = results.visible_rows if message.typing else None
            results.show_hits(message.result.hits, keep_id=keep_id, rows=rows)
        self.show_mark()  # the ⇄ of the result marked for comparison
        self._show_status()
        if message.typing:
            # While typing only the list's first screenful and the status
            # follow each key; the rest (workers and repaints in the way of
            # the next key) when typing pauses, with the search completed if
            # it was cut short.
            if message.result.partial:
                self._complete_later = self.set_timer(COMPLETE_AFTER_PAUSE, lambda: self.start_search(message.query))
            else:
                self._complete_later = self.set_timer(COMPLETE_AFTER_PAUSE, self._follow_result)
            return
        self._follow_result()

    def _follow_result(self) -> None:
        """The rest of the shown result: the hits below the first screenful
        and their snippets, the sidebar, and the reader."""
        self._follow_pending = False
        result, results, reader = self.result, self.query_one(ResultsList), self.query_one(ArticleReader)
        if result is None:
            return
        if results.show_rest():
            self.show_mark()
        if not all(hit.snippet_ready for hit in result.hits):
            self.call_after_refresh(self.cut_snippets, result.query, result)
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

    def on_search_failed(self, message: SearchFailed) -> None:
        if message.query == self.query_one(SearchBox).value:
            self._show_status(error=message.reason)

    def _show_status(self, error: str | None = None) -> None:
        status = self.query_one("#status", Static)
        if error:
            self._update_status(Content.assemble(("✗ ", "$error bold"), (error[:1].upper() + error[1:], "$error")))
            return
        empty_corpus = self._index_report is not None and self._index_report.articles == 0
        status.set_class(empty_corpus, "-empty-corpus")
        if empty_corpus:
            self._update_status(self._empty_corpus_status())
            return
        result = self.result
        if self._indexing and (result is None or (result.total == 0 and not result.query.strip())):
            # The first build: nothing to count yet, only the progress.
            self._update_status(Content.assemble((self._indexing, "bold")))
            return
        if result is None:
            return
        noun = "article" if result.total == 1 else "articles"
        parts: list = [(plural(result.total, "article"), "bold")]
        if result.partial:
            parts = [(f"{result.total}+ {noun}", "bold"), (" (counting…)", "$text-muted italic")]
            if not result.total:  # nothing found before the time limit: "0+" would read as none
                parts = [("Searching…", "$text-muted italic")]
        if result.outlets:
            # Over every match; while typing a search cut short counts what it found so far.
            counts = " · ".join(f"{outlet or UNKNOWN_OUTLET} {count}" for outlet, count in result.outlets.items())
            parts.append((f"  {'so far: ' if result.partial else ''}{counts}", "$text-muted"))
        if result.suggestion:
            parts += ["\nDid you mean ", (result.suggestion, "bold $accent"),
                      f"?  {key_hint(self, 'accept_suggestion')} uses it"]
        if self._indexing:
            parts.append((f"\n{self._indexing}", "$text-muted italic"))
        self._update_status(Content.assemble(*parts))

    def _update_status(self, content: Content) -> None:
        """A layout pass (a reflow of the whole screen) only when the status
        may change height: its text changes with every search, its height
        rarely."""
        status = self.query_one("#status", Static)
        if str(status.render()) == content.plain:
            return
        width = max(1, status.content_region.width)
        lines = sum(-(-len(line) // width) or 1 for line in content.plain.split("\n"))
        status.update(content, layout=lines != self._status_lines)
        self._status_lines = lines

    def _empty_corpus_status(self) -> Content:
        """What to do when the corpus has no article: where it was looked for."""
        parts: list = [("No articles to read.", "bold $warning"),
                       f"\nNothing readable in {corpus_location(self.config)}. "
                       "Add .txt, .md, .json or .jsonl articles there, then start ceasefire-tui again."]
        if self._index_report.skipped:
            count = len(self._index_report.skipped)
            parts.append(f"\n{plural(count, 'file')} {'was' if count == 1 else 'were'} skipped: "
                         f"{key_hint(self, 'index_report')} shows why.")
        return Content.assemble(*parts)

    def action_accept_suggestion(self) -> None:
        if self.result and self.result.suggestion:
            box = self.query_one(SearchBox)
            box.value = self.result.suggestion
            box.cursor_position = len(box.value)

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
        return self._follow_pending and not self.query_one(ResultsList).has_focus

    @on(ResultsList.OptionSelected, "#results")
    def _result_selected(self, event: ResultsList.OptionSelected) -> None:
        reader = self.query_one(ArticleReader)
        if event.option.id == reader.article_id:
            self.app.set_focus(reader)
        else:
            self._open_when_loaded = True
            self.load_article(event.option.id)

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
        mentions = {article: frozenset((row[0], row[1]) for row in table.per_article.get(article, ()))
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
        box = self.query_one(SearchBox)
        box.value = query  # its Changed event runs the search, as typing does
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

    # --- the index --------------------------------------------------------------

    def on_corpus_changed(self) -> None:
        if self._watch_settle is not None:
            self._watch_settle.stop()
        self._watch_settle = self.set_timer(CORPUS_SETTLE, self.action_refresh_corpus)
        note = self._watcher.note if self._watcher else None
        if note and not self._watch_note_shown:
            self._watch_note_shown = True
            self.notify(note, title="Watching the corpus", markup=False)

    def action_refresh_corpus(self) -> None:
        """Read the corpus again, and say what changed; while a refresh runs,
        one more follows it (the files may have changed after it looked)."""
        self._announce_refresh = True
        if self._refreshing:
            self._refresh_again = True
        else:
            self.refresh_index()

    def refresh_index(self, rebuild: bool = False) -> None:
        self._refreshing = True
        self._run_refresh(rebuild)

    def _refresh_done(self) -> None:
        self._refreshing = False
        if self._refresh_again:
            self._refresh_again = False
            self.refresh_index()

    @work(thread=True, group="index", exit_on_error=False)
    def _run_refresh(self, rebuild: bool) -> None:
        worker = get_current_worker()
        started = time.monotonic()
        last_posted = [0.0]

        def progress(done: int, total: int, path: str) -> None:
            if worker.is_cancelled:  # the app is quitting: stop, commit nothing
                raise RefreshStopped
            now = time.monotonic()
            # At most one message per PROGRESS_EVERY: a build reports every
            # file, and a message per file would keep the UI thread busy.
            if done < total and now - last_posted[0] < PROGRESS_EVERY:
                return
            last_posted[0] = now
            elapsed = now - started
            left = elapsed / done * (total - done) if done and elapsed >= ESTIMATE_AFTER else None
            self.post_message(IndexProgress(done, total, left))

        try:
            report = self.library.refresh(rebuild=rebuild, progress=progress)
        except RefreshStopped:
            return
        except IndexBusy as error:
            self.post_message(IndexFailed(str(error)))
        except OSError as error:
            self.post_message(IndexFailed(f"cannot update the index: {error.strerror or error}"))
        except Exception as error:  # the articles already indexed stay searchable
            self.post_message(IndexFailed(f"cannot update the index ({type(error).__name__}: {error})"))
        else:
            self.post_message(IndexRefreshed(report))

    def on_index_progress(self, message: IndexProgress) -> None:
        self._indexing = indexing_line(message.done, message.total, message.seconds_left)
        self._show_status()

    def on_index_refreshed(self, message: IndexRefreshed) -> None:
        report = message.report
        self._indexing = ""
        self._index_report = report
        self.app.sub_title = report.summary()
        if self._announce_refresh and not self._refresh_again:
            self._announce_refresh = False
            self.notify(report.changes() or "No article changed.", title="Corpus", markup=False)
        if report.rebuilt:
            rebuilt = printable(report.rebuilt)  # may name a file
            self.notify(rebuilt[:1].upper() + rebuilt[1:], title="Index", markup=False)
        if report.backend_note and not self._backend_note_shown:
            self._backend_note_shown = True
            self.notify(report.backend_note[:1].upper() + report.backend_note[1:] + ".", title="Entities",
                        severity="warning", markup=False)
        if report.skipped:
            self.notify(f"{plural(len(report.skipped), 'file')} could not be read and "
                        f"{'was' if len(report.skipped) == 1 else 'were'} skipped; "
                        f"{key_hint(self, 'index_report')} lists them", severity="warning", title="Index",
                        markup=False)
        if report.changed or report.rebuilt:
            self._keep_place_of = self.query_one(ArticleReader).article_id
            self.start_search(self.query_one(SearchBox).value)
        else:
            self._show_status()
        self._refresh_done()

    def on_index_healed(self, message: IndexHealed) -> None:
        self.notify(message.notice[:1].upper() + message.notice[1:], title="Index", markup=False)
        self.start_search(self.query_one(SearchBox).value)  # what is shown may come from the damaged index

    def on_index_failed(self, message: IndexFailed) -> None:
        self._indexing = ""
        self.notify(printable(message.reason), severity="warning", title="Index not updated", markup=False)
        self._show_status()
        self._refresh_done()

    def _look_for_commits(self) -> None:
        """Pick up an index generation another process committed: count it
        and search again in the background. Not while this app refreshes the
        index (that refresh searches again when it is done) or while typing
        (the search typing starts will read the new index)."""
        if self.result is None or self.result.query != self.query_one(SearchBox).value or self._follow_pending:
            return
        if self._refreshing:
            return
        generation = self.library.store.committed_generation()
        if generation == self._seen_generation:
            return
        self._seen_generation = generation
        if generation != self.library.store.written_generation:  # else this app's own commit (a refresh, a heal)
            self.count_committed_index()

    @work(thread=True, exclusive=True, group="commits", exit_on_error=False)
    def count_committed_index(self) -> None:
        try:
            articles = self.library.article_count()
        except (IndexBusy, IndexUnreadable):
            return  # the notice of the rebuild (or of its failure) says enough
        self.post_message(IndexCommittedElsewhere(articles))

    def on_index_committed_elsewhere(self, message: IndexCommittedElsewhere) -> None:
        noun = "article" if message.articles == 1 else "articles"
        self.notify(f"The index was updated by another process: {message.articles} {noun}", title="Index",
                    markup=False)
        self.start_search(self.query_one(SearchBox).value)  # same query: the selection and the reader stay

    def action_rebuild_index(self) -> None:
        if self._refreshing:
            self.notify("The index is being updated; rebuild it when that is done.", title="Index")
        else:
            self.refresh_index(rebuild=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed unexpectedly is reported, never silently lost."""
        if event.worker.group == "index" and event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self._refresh_done()
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(printable(f"{type(error).__name__}: {error}"), title=f"{event.worker.group} failed",
                        severity="error", markup=False)

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
        from .index_report import IndexReportScreen

        self.app.push_screen(IndexReportScreen(self._index_report))

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

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

