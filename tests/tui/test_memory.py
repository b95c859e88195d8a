"""Full garbage collections wait for the keyboard to rest (tui/memory.py)."""

import gc

import pytest

from tui_support import make_app, started
from ceasefire_tui.tui import memory


class FakeApp:
    def __init__(self):
        self.intervals = []

    def set_interval(self, seconds, callback):
        self.intervals.append((seconds, callback))


@pytest.fixture
def collections():
    deferred = memory.FullCollectionsBetweenKeys()
    deferred.start(FakeApp())
    gc.collect()  # nothing pending to begin with
    yield deferred
    deferred.stop()


def make_pending(count):
    for _ in range(count):
        gc.collect(1)  # each counts towards the next full collection, as Python's own do


def test_python_never_starts_a_full_collection_itself(collections):
    assert gc.get_threshold()[2] == memory.NEVER


def test_a_due_collection_runs_right_after_a_key_not_from_the_timer_while_typing(collections):
    make_pending(memory.FULL_AFTER)
    collections.key_pressed()
    assert not collections.collect_if_due()  # the timer keeps out of the way of typing
    assert collections.after_key()
    assert gc.get_count()[2] == 0
    assert not collections.after_key()  # nothing pending any more


def test_without_keys_the_timer_runs_a_due_collection(collections):
    collections.last_key -= memory.CHECK_EVERY
    make_pending(memory.FULL_AFTER)
    assert collections.collect_if_due()


def test_endless_typing_still_gets_collections(collections):
    make_pending(memory.FULL_AT_MOST_AFTER)
    collections.key_pressed()
    assert collections.collect_if_due()


def test_nothing_pending_nothing_collected(collections):
    collections.last_key -= memory.CHECK_EVERY
    make_pending(memory.FULL_AFTER - 1)
    assert not collections.collect_if_due() and not collections.after_key()


def test_stop_gives_python_its_thresholds_back():
    before = gc.get_threshold()
    deferred = memory.FullCollectionsBetweenKeys()
    deferred.start(FakeApp())
    deferred.stop()
    assert gc.get_threshold() == before


async def test_the_app_defers_them_while_it_runs_and_not_after(seeds_config):
    before = gc.get_threshold()
    app = make_app(seeds_config)
    async with app.run_test() as pilot:
        await started(pilot)
        assert gc.get_threshold()[2] == memory.NEVER
        typed_at = app.collections.last_key
        await pilot.press("r")
        assert app.collections.last_key > typed_at  # keys reach the collector
    assert gc.get_threshold() == before
    app.library.close()
