"""The command palette's library commands: adding a web page or feed by its
address, every article by title, every outlet and every entity; choosing one
asks for the address, opens the article, or runs the search for the outlet
(``source:"…"``) or the entity (``entity:"…"``)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial
from typing import Callable

from textual.command import Hit, Hits, Provider

from ceasefire_tui.index import IndexBusy, IndexUnreadable, Library

from .screens.add_url import ask_and_add
from .screens.main import MainScreen
from .widgets.results import UNKNOWN_OUTLET


@dataclass(frozen=True)
class Choice:
    text: str  # what is matched and shown
    help: str
    run: Callable[[], None]


def choices(library: Library, screen: MainScreen) -> list[Choice]:
    """Read off the UI thread: the articles, outlets and entities of the index now."""
    everything = library.search("", limit=max(1, library.article_count()), snippets=0)
    found = [Choice("Add a web page or feed by URL…", "Fetch it into the corpus, with where it came from, "
                                                      "and index it",
                    partial(ask_and_add, screen, library, screen.upkeep.refresh_asked))]
    found += [Choice(f"Article: {hit.title}", f"{hit.source or UNKNOWN_OUTLET} · {hit.id}",
                    partial(screen.reading.open_article, hit.id)) for hit in everything.hits]
    found += [Choice(f"Outlet: {outlet}", f"Search its articles: source:\"{outlet}\" ({count})",
                     partial(screen.search_for, 'source:"{}"'.format(outlet.replace('"', " "))))
              for outlet, count in everything.outlets.items() if outlet]
    found += [Choice(f"Entity: {entry.name}", f"{entry.type} · search the articles that mention it: "
                                              f"entity:\"{entry.name}\" ({len(entry.articles)})",
                     partial(screen.reading.filter_by_entity, key))
              for key, entry in library.entity_table().entries.items()]
    return found


class LibraryCommands(Provider):
    async def startup(self) -> None:
        self._choices: list[Choice] = []
        screen = self.screen
        if isinstance(screen, MainScreen):
            try:
                self._choices = await asyncio.to_thread(choices, screen.library, screen)
            except (IndexBusy, IndexUnreadable):
                pass  # the screen's own notices say why the index cannot be read now

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for choice in self._choices:
            score = matcher.match(choice.text)
            if score > 0:
                yield Hit(score, matcher.highlight(choice.text), choice.run, text=choice.text, help=choice.help)
