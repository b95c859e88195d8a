"""Helpers for driving the app with Pilot: wait on workers, poll with deadlines."""

from __future__ import annotations

import asyncio
import html
import re
import time


async def settle(pilot) -> None:
    """Let timers fire, workers finish and their messages be handled."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 10.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.02)
    await asyncio.sleep(0)


def screen_text(app) -> str:
    """The characters on the screen right now, from Textual's own screenshot."""
    svg = app.export_screenshot()
    rows = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return html.unescape(" ".join(rows)).replace("\xa0", " ")
