"""SVG snapshots of the main, compare and help screens, at the smallest
terminal the README supports (80×24) and a roomy one (120×40), in a dark and
a light theme.

Each is taken once the startup refresh and every worker have finished, with
the search box's cursor blink off, on the seeds copied to a temporary folder
(nothing on screen names that folder). A change in what a user sees fails
here: the plugin writes `snapshot_report.html` with the old and new pictures
side by side; accept an intended change with `pytest tests/tui/test_snapshots.py
--snapshot-update` and look at the new SVGs under `tests/tui/__snapshots__/`."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from ceasefire_tui.tui.screens.help import HelpScreen
from tui_support import article_reader, open_comparison, settle, started, type_query, wait_until

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
THEMES = ["textual-dark", "textual-light"]


def freeze_cursors(app) -> None:
    """A blinking cursor would be drawn or not by chance."""
    for screen in app.screen_stack:
        for box in screen.query(Input):
            box.cursor_blink = False


async def main_screen(pilot) -> None:
    await started(pilot)
    freeze_cursors(pilot.app)
    await type_query(pilot, "rafah")
    # Once typing pauses the reader follows the first result: wait for it,
    # or the picture depends on whether the pause had passed.
    first = pilot.app.screen.result.hits[0].id
    await wait_until(pilot, lambda: article_reader(pilot.app).article_id == first, what="the reader on the first hit")
    await settle(pilot)


async def compare_screen(pilot) -> None:
    await started(pilot)
    freeze_cursors(pilot.app)
    await open_comparison(pilot, "000", "004")


async def help_screen(pilot) -> None:
    await started(pilot)
    freeze_cursors(pilot.app)
    await pilot.press("escape", "question_mark")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), what="the help screen")
    await settle(pilot)


SCREENS = {"main": main_screen, "compare": compare_screen, "help": help_screen}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_looks_as_it_did(screen, size, theme, seeds_app, snap_compare, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)  # a developer's shell setting would grey every snapshot
    # The rules backend, named: what spaCy finds depends on whether the nlp extra is installed.
    app = seeds_app(ui={"theme": theme}, entities={"backend": "rules"})
    assert snap_compare(app, terminal_size=SIZES[size], run_before=SCREENS[screen]), (
        f"the {screen} screen at {size} in {theme} differs from its snapshot in tests/__snapshots__/: "
        "snapshot_report.html shows both; if the change is meant, rerun with --snapshot-update")
