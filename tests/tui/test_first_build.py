"""The TUI opened on a corpus big enough for the parallel build, with no
index yet: it builds the index itself, shows its progress, stays usable and
lists every article when done."""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path

import pytest

from ceasefire_tui.index.search.whoosh import refreshing as store
from support import write_config
from ceasefire_tui.tui.progress import indexing_line
from tui_support import make_app, notice_texts, notices, status_line

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def generated_app(tmp_path: Path, articles: int):
    generate(tmp_path / "corpus", articles)
    config = write_config(tmp_path, {"corpus": {"paths": ["corpus"]}, "index": {"path": "index"},
                                     "search": {"page_size": articles}})
    app = make_app(config)
    app.library.store.workers = 2  # the parallel build, on any machine
    return app


async def poll(pilot, condition, timeout: float, what: str) -> None:
    """Not tui_support.wait_until, which waits for every worker between
    looks: the build's worker too, so it would see only the finished build."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}; the status shows {status_line(pilot.app)!r}"
        await pilot.pause(0.02)


async def test_the_app_builds_a_new_corpus_in_worker_processes_and_lists_it(tmp_path):
    articles = store.PARALLEL_MIN_FILES
    app = generated_app(tmp_path, articles)
    seen = set()
    async with app.run_test(size=(120, 32)) as pilot:
        results = app.screen.query_one("#results")

        def listed() -> bool:
            assert not notices(app), notice_texts(app)  # "cannot update the index"
            seen.add(status_line(app).split("\n")[0])
            return results.option_count == articles

        await poll(pilot, listed, timeout=180, what=f"{articles} articles listed")
        assert f"{articles} articles" in status_line(app)
        assert any(line.startswith("Indexing ") and f"/{articles} files" in line for line in seen), seen
        # one segment per worker process: the build was the parallel one
        assert len(app.library.store.searcher().reader().leaf_readers()) == 2
    app.library.close()


async def test_typing_and_quitting_work_during_the_build(tmp_path):
    app = generated_app(tmp_path, 10 * store.PARALLEL_MIN_FILES)
    async with app.run_test(size=(120, 32)) as pilot:
        await poll(pilot, lambda: "files · about" in status_line(app), 120, "the progress with the time left")
        await pilot.press(*"rafah")
        box = app.screen.query_one("#search")
        await poll(pilot, lambda: app.screen.result is not None and app.screen.result.query == "rafah", 30,
                   "a search typed during the build")
        assert box.value == "rafah" and "files · about" in status_line(app)  # still building
        await pilot.press("ctrl+q")
    assert app.return_code is not None or not app.is_running
    # the build stops with the app: its worker processes end, nothing is committed
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not multiprocessing.active_children()
    assert app.library.store.searcher().doc_count() == 0
    app.library.close()


@pytest.mark.parametrize("done, total, left, expected", [
    (0, 300, None, "Indexing ╺─────────────────── 0/300 files"),
    (150, 300, 12.4, "Indexing ━━━━━━━━━━╺───────── 150/300 files · about 12 s left"),
    (100, 2000, 125, "Indexing ━╺────────────────── 100/2000 files · about 2 min 05 s left"),
    (300, 300, 0, "Indexing ━━━━━━━━━━━━━━━━━━━━ 300/300 files"),
])
def test_the_progress_line(done, total, left, expected):
    assert indexing_line(done, total, left) == expected
