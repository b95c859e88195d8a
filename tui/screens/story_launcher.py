"""Which articles the story screen reads, from the main screen's results:
the query's best DEFAULT_STORY_LIMIT matches (as ``ceasefire-tui story
QUERY`` reads them), or every article when the query is empty."""

from __future__ import annotations

from textual.screen import Screen

from ceasefire_tui.index import DEFAULT_STORY_LIMIT, Library, SearchResult, plural

from .story import StoryScreen


def open_story(screen: Screen, library: Library, result: SearchResult | None) -> None:
    """Push the story screen over ``screen`` for the shown ``result``."""
    if result is None:
        screen.notify("The results are not there yet.", title="Story", severity="warning")
        return
    query = result.query.strip()
    if not query:
        screen.app.push_screen(StoryScreen(library, "", None, "the whole corpus"))
        return
    if not result.hits:
        screen.notify(f"Nothing matches {query!r}: no story to tell.", title="Story", severity="warning",
                      markup=False)
        return
    if result.partial:  # cut short while typing: the total is not known yet
        scope = f"the best results for “{query}”"
    elif result.total > DEFAULT_STORY_LIMIT:
        scope = f"the best {DEFAULT_STORY_LIMIT} of {plural(result.total, 'result')} for “{query}”"
    else:
        scope = f"the {plural(result.total, 'result')} for “{query}”"
    # The list holds a page of the matches; the story reads them all (up to the limit), in rank order.
    every_match_listed = not result.partial and len(result.hits) >= result.total
    ids = [hit.id for hit in result.hits[:DEFAULT_STORY_LIMIT]] if every_match_listed else None
    screen.app.push_screen(StoryScreen(library, query, ids, scope))
