"""The story's blocks of array work on two threads: results in order,
progress said on the calling thread, a stop that does not wait for the rest."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from ceasefire_tui.index.story.parallel import each_in_parallel


def test_results_come_in_the_order_of_the_items_whatever_finishes_first():
    def work(item: int) -> int:
        time.sleep(0.02 if item == 0 else 0)  # the first item finishes last
        return item * item

    assert each_in_parallel(work, range(6)) == [0, 1, 4, 9, 16, 25]


def test_progress_is_said_on_the_calling_thread_once_per_item():
    caller = threading.current_thread()
    said: list[tuple[int, bool]] = []
    each_in_parallel(lambda item: item, range(5), lambda done: said.append((done, threading.current_thread() is caller)))
    assert said == [(done, True) for done in range(1, 6)]


def test_a_stop_said_by_progress_leaves_the_items_not_begun_undone():
    begun: list[int] = []

    def work(item: int) -> int:
        begun.append(item)
        time.sleep(0.01)
        return item

    def stop(done: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        each_in_parallel(work, range(200), stop)
    assert len(begun) < 200
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("story-blocks")]


def test_an_error_in_the_work_reaches_the_caller():
    def work(item: int) -> int:
        if item == 3:
            raise ValueError("bad block")
        return item

    with pytest.raises(ValueError, match="bad block"):
        each_in_parallel(work, range(6))


def test_work_beside_runs_on_another_thread_and_both_results_come_back():
    from ceasefire_tui.index.story.parallel import beside

    caller = threading.current_thread()
    (away, here) = beside(lambda: threading.current_thread() is caller, lambda: threading.current_thread() is caller)
    assert (away, here) == (False, True)
    with pytest.raises(ValueError, match="bad work"):
        beside(lambda: (_ for _ in ()).throw(ValueError("bad work")), lambda: None)
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("story-")]


def test_progress_of_the_work_beside_waits_for_the_stage_before_it_then_says_its_latest():
    from ceasefire_tui.index.story.parallel import HeldProgress

    said = []
    held = HeldProgress(lambda done, total: said.append((done, total)))
    held(1, 4)
    held(2, 4)
    assert said == []  # the stage before it is still being said
    held.release()
    held(3, 4)
    assert said == [(2, 4), (3, 4)]
    quiet = HeldProgress(lambda done, total: said.append((done, total)))
    quiet.release()
    assert said[-1] == (0, 1)  # begun, though the work has not reported yet


def test_a_failure_here_ends_the_work_beside_at_its_next_report_instead_of_waiting_for_it():
    from ceasefire_tui.index.story.parallel import HeldProgress, beside

    held = HeldProgress(lambda done, total: None)
    reports = []

    def work() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # work that would run for half a minute
            held(len(reports), 10**6)
            reports.append(None)
            time.sleep(0.001)

    def failing_here() -> None:
        deadline = time.monotonic() + 10
        while not reports and time.monotonic() < deadline:
            time.sleep(0.001)  # until the work has begun
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        beside(work, failing_here, stop=held.abandon)
    assert time.monotonic() - started < 10
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("story-")]


def _openblas_threads_after_import(environment: dict[str, str]) -> str:
    code = "import ceasefire_tui.index, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True,
                            check=True, timeout=60)
    return result.stdout.strip()


def test_blas_runs_one_thread_under_each_of_the_story_threads_unless_the_user_says_otherwise():
    # Set before numpy loads: BLAS's own threads under the story's two
    # oversubscribed the cores.
    environment = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}
    assert _openblas_threads_after_import(environment) == "1"
    assert _openblas_threads_after_import({**environment, "OPENBLAS_NUM_THREADS": "2"}) == "2"
