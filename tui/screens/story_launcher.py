"""Which articles the story screen reads, from the main screen's results:
their best DEFAULT_STORY_LIMIT hits (the engine's default for a query), or
every article when the query is empty."""

from __future__ import annotations

from textual.screen import Screen

from index import DEFAULT_STORY_LIMIT, Library, SearchResult, plural

from .story import StoryScreen


def open_story(screen: Screen, library: Library, result: SearchResult | None) -> None:
    """Push the story screen over ``screen`` for the shown ``result``."""
    if result is None:
        screen.notify("The results are not there yet.", title="Story", severity="warning")
        return
    query = result.query.strip()
    if not query:
        screen.app.push_screen(StoryScreen(library, "", None, "the whole corpus"))
    elif not result.hits:
        screen.notify(f"Nothing matches {query!r}: no story to tell.", title="Story", severity="warning",
                      markup=False)
    elif result.partial:  # cut short while typing: the story searches again, in full
        screen.app.push_screen(StoryScreen(library, query, None, f"the best results for “{query}”"))
    else:
        ids = [hit.id for hit in result.hits[:DEFAULT_STORY_LIMIT]]
        scope = f"the results for “{query}”"
        if len(result.hits) > len(ids):
            scope = f"the best {len(ids)} of {plural(len(result.hits), 'result')} for “{query}”"
        screen.app.push_screen(StoryScreen(library, query, ids, scope))
