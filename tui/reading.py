"""The main screen's reader and sidebar: loading the article the results
highlight (or the one chosen) in a thread worker, its matches and the reader's
title, the entity table for the sidebar's dots, the chosen entity's mentions
and the filter by it, and the outline's jumps.

Loads run in thread workers on the screen; what they find comes back as
messages the screen hands to this object.
"""

from __future__ import annotations

from typing import Callable

from textual.screen import Screen
from textual.worker import get_current_worker

from ceasefire_tui.index import IndexBusy, IndexUnreadable, Library, MatchTerms, SearchResult, UnknownArticle, plural

from .hints import hint
from .messages import ArticleLoaded, EntityTableLoaded
from .memory import freeze_long_lived_objects
from .widgets.entities import EntityList
from .widgets.reader import ArticleReader
from .widgets.results import ResultsList
from .widgets.sidebar import Outline, Sidebar


class ReadingFlow:
    """``screen.search_for(query)`` puts a query in the search box (the
    entity filter's); ``typing_pending()`` says whether typing has not paused
    yet (the reader waits for the pause)."""

    def __init__(self, screen: Screen, library: Library, typing_pending: Callable[[], bool]) -> None:
        self.screen = screen
        self.library = library
        self.typing_pending = typing_pending
        self.terms = MatchTerms(frozenset(), frozenset())  # the shown result's, for the reader's highlights
        self._shown_terms: MatchTerms | None = None  # the terms the reader's highlights are for
        self._frozen_table = None  # the entity table last exempted from full GC passes
        self._open_when_loaded = False
        self._entity_filter: tuple[str, str | None] | None = None  # (query, article kept open)
        self._keep_place_of: str | None = None  # the open article, reloaded after a refresh: same scroll

    def query_one(self, selector):  # the screen's panes, as the lines moved here from it read them
        return self.screen.query_one(selector)

    # --- following the results --------------------------------------------------

    def kept_in_view(self, query: str, keep_id: str | None) -> str | None:
        """The result to keep highlighted when ``query``'s hits are shown."""
        if self._entity_filter and self._entity_filter[0] == query:
            keep_id = self._entity_filter[1]  # filtering by an entity keeps the open article in view
        elif self._entity_filter:
            self._end_entity_filter()
        return keep_id

    def follow(self, result: SearchResult) -> None:
        """The sidebar and the reader for the shown result."""
        results, reader = self.query_one(ResultsList), self.query_one(ArticleReader)
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

    def keep_place(self) -> None:
        """The index changed: the open article is reloaded where the reader is."""
        self._keep_place_of = self.query_one(ArticleReader).article_id

    # --- articles -------------------------------------------------------------

    def result_highlighted(self, event: ResultsList.OptionHighlighted) -> None:
        reader = self.query_one(ArticleReader)
        if self._typing_preview_deferred():
            return
        if event.option.id and event.option.id != reader.article_id:
            self.load_article(event.option.id)

    def _typing_preview_deferred(self) -> bool:
        """While typing, the reader (a full article to lay out, tens of
        milliseconds at 10,000 articles, in the way of the next key) waits
        for the pause, unless the list has been given the focus."""
        return self.typing_pending() and not self.query_one(ResultsList).has_focus

    def result_selected(self, event: ResultsList.OptionSelected) -> None:
        reader = self.query_one(ArticleReader)
        if event.option.id == reader.article_id:
            self.screen.app.set_focus(reader)
        else:
            self.open_article(event.option.id)

    def open_article(self, article_id: str) -> None:
        """Load the article into the reader and give the reader the focus."""
        self._open_when_loaded = True
        self.load_article(article_id)

    def load_article(self, article_id: str) -> None:
        def run() -> None:
            try:
                stored = self.library.article(article_id)
            except (UnknownArticle, IndexBusy, IndexUnreadable) as error:
                self.screen.app.call_from_thread(self.screen.notify, str(error), severity="warning")
                return
            if not get_current_worker().is_cancelled:
                self.screen.post_message(ArticleLoaded(stored))

        self.screen.run_worker(run, thread=True, exclusive=True, group="article", exit_on_error=False)

    def article_loaded(self, message: ArticleLoaded) -> None:
        keep_place = message.stored.article.id == self._keep_place_of
        self._keep_place_of = None
        if self.query_one(ArticleReader).stored != message.stored or self._shown_terms != self.terms:
            self._show_article(message.stored, keep_position=keep_place)
            self.query_one(Sidebar).show(message.stored)
            self._mark_mentions()
        # else: a second load of what the reader shows (highlighting a result
        # and choosing it both load it), which must not reset its place
        if self._open_when_loaded:
            self._open_when_loaded = False
            self.screen.app.set_focus(self.query_one(ArticleReader))

    def _show_article(self, stored, keep_position: bool = False) -> None:
        reader = self.query_one(ArticleReader)
        article = stored.article
        reader.show(stored, self.library.find_matches(article.text, self.terms),
                    self.library.find_matches(article.title, self.terms),
                    keep_position=keep_position)
        self._shown_terms = self.terms

    def match_moved(self, message: ArticleReader.MatchMoved) -> None:
        reader = self.query_one(ArticleReader)
        if message.total == 0:
            reader.border_subtitle = ""
        elif message.current < 0:
            reader.border_subtitle = hint(self.screen, f"{plural(message.total, 'match', 'matches')} · "
                                                       "{reader.next_match}/{reader.previous_match} to jump")
        else:
            reader.border_subtitle = hint(self.screen, f"match {message.current + 1}/{message.total} · "
                                                       "{reader.next_match}/{reader.previous_match}")

    def outline_jump(self, message: Outline.Jump) -> None:
        reader = self.query_one(ArticleReader)
        reader.scroll_to(y=max(0, reader.line_of_offset(message.offset) - 1), animate=False)
        self.screen.app.set_focus(reader)

    # --- entities ---------------------------------------------------------------

    def load_entity_table(self, article_ids: list[str]) -> None:
        """For the sidebar's dots: the entities each of ``article_ids`` mentions,
        from the corpus table (which the library rebuilds only when the index
        has changed)."""
        def run() -> None:
            table = self.library.entity_table()
            mentions = {article: frozenset(row.key for row in table.per_article.get(article, ()))
                        for article in article_ids}
            if not get_current_worker().is_cancelled:
                self.screen.post_message(EntityTableLoaded(table, mentions))

        self.screen.run_worker(run, thread=True, exclusive=True, group="entities", exit_on_error=False)

    def entity_table_loaded(self, message: EntityTableLoaded) -> None:
        self.query_one(EntityList).set_table(message.table, message.mentions_by_article)
        if message.table is not self._frozen_table:  # a new corpus table: long-lived from now on
            self._frozen_table = message.table
            freeze_long_lived_objects()
            self.screen.correcting.table_changed()  # the corrections file may have changed with it

    def entity_highlighted(self, event: EntityList.OptionHighlighted) -> None:
        entities = self.query_one(EntityList)
        key = entities.key_at(event.option_index)
        if key is not None and key != entities.selected:
            entities.select_key(key)
            self._mark_mentions()

    def entity_chosen(self, event: EntityList.OptionSelected) -> None:
        """Enter on an entity: search for the articles that mention it."""
        self.filter_by_entity(self.query_one(EntityList).key_at(event.option_index))

    def filter_by_entity(self, key: tuple[str, str] | None = None) -> None:
        key = key or self.query_one(EntityList).selected
        if key is None:
            self.screen.app.bell()
            self.screen.notify(hint(self.screen, "Choose an entity first: {entities.focus}, then up/down."),
                               title="Entities")
            return
        query = 'entity:"{}"'.format(key[0].replace('"', " "))
        self._entity_filter = (query, self.query_one(ArticleReader).article_id)
        self.screen.search_for(query)

    def _end_entity_filter(self) -> None:
        """The query no longer filters by the chosen entity: the reader stops
        naming it in its title and emphasising its mentions."""
        self._entity_filter = None
        self.query_one(EntityList).select_key(None)
        self._mark_mentions()

    def entities_restyled(self) -> None:
        self._mark_mentions()

    def _mark_mentions(self) -> None:
        """Underline every entity mention in the reader, the chosen one most."""
        reader = self.query_one(ArticleReader)
        entities = self.query_one(EntityList)
        reader.set_marks(entities.marks())
        reader.border_title = entities.reader_title()

    def focus_entities(self) -> None:
        if not self.query_one(Sidebar).display:
            self.screen.action_toggle_sidebar()
        entities = self.query_one(EntityList)
        self.screen.app.set_focus(entities)
        entities.highlight_first()

    def jump_to_mention(self, step: int) -> None:
        entities = self.query_one(EntityList)
        if entities.selected is None:
            self.screen.app.bell()
            self.screen.notify(hint(self.screen, "Choose an entity first: {entities.focus}, then up/down."),
                               title="Mentions")
            return
        span = entities.step_mention(step)
        if span is None:
            stored = self.query_one(ArticleReader).stored
            in_headline = stored is not None and any(
                (entity.name, entity.type) == entities.selected and entity.headline for entity in stored.entities)
            where = "is named only in the headline" if in_headline else "is not mentioned in this article"
            self.screen.app.bell()
            self.screen.notify(f"{entities.selected[0]} {where}.", title="Mentions", markup=False)
            return
        self.query_one(ArticleReader).scroll_to_offset(span[0])
        self._mark_mentions()
