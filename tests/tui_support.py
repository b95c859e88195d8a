"""Helpers for driving the app with Pilot: wait on workers, poll with deadlines."""

from __future__ import annotations

import asyncio
import html
import re
import time

from textual.worker import WorkerCancelled

from index.config import load_config
from index.library import Library
from tui.app import CeasefireApp


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
                       f"notices={[n.message for n in pilot.app._notifications]}"),
    )
    await settle(pilot)
