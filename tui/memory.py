"""Keeping the garbage collector out of the way of typing."""

from __future__ import annotations

import gc
import time

# Without keys, a due full collection is looked for this often.
CHECK_EVERY = 0.5
# Due after this many collections of the middle generation (Python's own
# third threshold)...
FULL_AFTER = 10
# ...and run anyway after this many, however long the typing goes on.
FULL_AT_MOST_AFTER = 100
# A third threshold Python never reaches: its full collections are ours.
NEVER = 1_000_000_000


def freeze_long_lived_objects() -> None:
    """Exempt every object alive now from the garbage collector's full
    passes. They are what a full pass spends its time on (the app's widgets,
    the entity table: 40–100 ms pauses while typing, measured); objects made
    later are still collected, and refcounting still frees frozen ones."""
    gc.freeze()


class FullCollectionsBetweenKeys:
    """Python's full collections, moved from whenever allocation triggers
    them to the moment after a key has been shown.

    Even with the long-lived objects frozen, a full pass over what a few
    searches leave took 30–60 ms at 10,000 articles, and Python started it
    when allocation was heaviest: while the new results were laid out
    (measured in benchmarks/). Right after a key is echoed nothing else is
    happening until the search debounce ends (120 ms), so that is when a
    due one runs; without keys, a timer runs it. The young generations are
    still collected as Python does it (a millisecond or two each)."""

    def __init__(self) -> None:
        self.last_key = time.monotonic()
        self._thresholds: tuple[int, int, int] | None = None

    def start(self, app) -> None:
        self._thresholds = gc.get_threshold()
        young, middle, _ = self._thresholds
        gc.set_threshold(young, middle, NEVER)
        app.set_interval(CHECK_EVERY, self.collect_if_due)

    def stop(self) -> None:
        """Give Python its own thresholds back (the app has ended)."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def key_pressed(self) -> None:
        self.last_key = time.monotonic()

    def after_key(self) -> bool:
        """The key is on screen: run a due full collection now; True if it ran."""
        return self._collect(gc.get_count()[2] >= FULL_AFTER)

    def collect_if_due(self) -> bool:
        """From the timer: run a full collection if one is due and no key
        came since the last look (or far too many are put off)."""
        pending = gc.get_count()[2]
        quiet = time.monotonic() - self.last_key >= CHECK_EVERY
        return self._collect(pending >= FULL_AT_MOST_AFTER or (quiet and pending >= FULL_AFTER))

    @staticmethod
    def _collect(due: bool) -> bool:
        if due:
            gc.collect()
        return due
