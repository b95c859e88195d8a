"""Helpers for driving the app with Pilot: wait on workers, poll with deadlines."""

from __future__ import annotations

import asyncio
import html
import re
import time

from textual.worker import WorkerCancelled

from ceasefire_tui.index.config import load_config
from ceasefire_tui.index.library import Library
from ceasefire_tui.tui.app import CeasefireApp
from ceasefire_tui.tui.screens.compare import CompareScreen
from ceasefire_tui.tui.widgets.entities import EntityList
from ceasefire_tui.tui.widgets.reader import ArticleReader
from ceasefire_tui.tui.widgets.results import ResultsList
from ceasefire_tui.tui.widgets.search_box import SearchBox


def make_app(config_path) -> CeasefireApp:
    """The app on the corpus of the config at ``config_path``."""
    return CeasefireApp(Library(load_config(config_path)))


async def workers_done(app) -> None:
    """Wait for every worker and for the main screen's search thread; a
    cancelled worker (overtaken) counts as done, a failed one still fails the test."""
    while True:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        if not any(getattr(screen, "searching", None) and screen.searching.thread.busy for screen in app.screen_stack):
            return
        await asyncio.sleep(0.005)


async def settle(pilot) -> None:
    """Let timers fire, workers finish and their messages be handled."""
    for _ in range(3):
        await pilot.pause()
        await workers_done(pilot.app)
    await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 10.0, what: str = "condition", state=None) -> None:
    """Poll ``condition`` until ``timeout``; ``state()`` says what was seen instead."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}" + (f"; saw {state()}" if state else ""))
        await workers_done(pilot.app)
        await pilot.pause(0.02)
    await asyncio.sleep(0)


def screen_text(app) -> str:
    """The characters on the screen right now, from Textual's own screenshot."""
    svg = app.export_screenshot()
    rows = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return html.unescape(" ".join(rows)).replace("\xa0", " ")


async def started(pilot, articles: int = 5) -> None:
    """Wait until the startup refresh is done and every article is listed."""
    screen = pilot.app.screen
    await wait_until(
        pilot,
        lambda: "indexed" in (pilot.app.sub_title or "")
        and screen.query_one("#results").option_count == articles
        and screen.query_one("#reader").stored is not None,
        what=f"startup with {articles} articles listed",
        state=lambda: (f"sub_title={pilot.app.sub_title!r}, listed={screen.query_one('#results').option_count}, "
                       f"open={screen.query_one('#reader').article_id}, "
                       f"workers={[(w.group, w.state.name) for w in pilot.app.workers]}, "
                       f"notices={notice_texts(pilot.app)}"),
    )
    await settle(pilot)


# --- the main screen's parts, as a user points at them -------------------------


def search_box(app) -> SearchBox:
    return app.screen.query_one(SearchBox)


def results_list(app) -> ResultsList:
    return app.screen.query_one(ResultsList)


def article_reader(app) -> ArticleReader:
    return app.screen.query_one(ArticleReader)


def entity_list(app) -> EntityList:
    return app.screen.query_one(EntityList)


def status_line(app) -> str:
    """The status line above the results (article counts, indexing progress)."""
    return str(app.screen.query_one("#status").render())


def notices(app) -> list:
    """The notifications raised so far, shown or already faded (Textual keeps
    them only in a private list)."""
    return list(app._notifications)


def notice_texts(app) -> list[str]:
    return [str(notification.message) for notification in notices(app)]


def index_of(app, prefix: str) -> int:
    """The row of the result whose id starts with ``prefix``."""
    return next(n for n, hit in enumerate(results_list(app).hits) if hit.id.startswith(prefix))


# --- what a user does ------------------------------------------------------------


async def results_for(pilot, query: str) -> None:
    """Wait until the results listed are those of ``query``."""
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.result is not None and screen.result.query == query,
                     what=f"results for {query!r}",
                     state=lambda: f"results for {screen.result.query if screen.result else None!r}")
    await settle(pilot)


async def type_query(pilot, text: str) -> None:
    """Put ``text`` in the search box (as fast typing would) and wait for its results."""
    search_box(pilot.app).value = text
    await results_for(pilot, text)


async def search_for(pilot, query: str) -> None:
    """Type ``query`` into the search box, press Enter, wait for its results."""
    box = search_box(pilot.app)
    pilot.app.set_focus(box)
    box.value = query
    await pilot.press("enter")
    await results_for(pilot, query)


async def move_to(pilot, prefix: str) -> None:
    """Highlight the result whose id starts with ``prefix``, with j and k."""
    results = results_list(pilot.app)
    if pilot.app.focused is not results:
        await pilot.press("escape") if isinstance(pilot.app.focused, SearchBox) else results.focus()
        await pilot.pause()
    target = index_of(pilot.app, prefix)
    while results.highlighted != target:
        await pilot.press("j" if results.highlighted < target else "k")
    await settle(pilot)


async def open_article(pilot, prefix: str) -> None:
    """Highlight the result whose id starts with ``prefix``; wait until the
    reader and the entity list both show it."""
    app = pilot.app
    results_list(app).highlighted = index_of(app, prefix)
    await wait_until(pilot, lambda: (article_reader(app).article_id or "").startswith(prefix)
                     and entity_list(app).stored is not None
                     and entity_list(app).stored.article.id.startswith(prefix), what=f"article {prefix} open")
    await settle(pilot)


async def open_comparison(pilot, first: str, second: str) -> CompareScreen:
    """Mark ``first`` with c, press c on ``second``; the compare screen once it shows."""
    await move_to(pilot, first)
    await pilot.press("c")
    await move_to(pilot, second)
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CompareScreen), what="the compare screen")
    await settle(pilot)
    return pilot.app.screen
