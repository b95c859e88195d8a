"""Worker processes that behave inside a full-screen program and die with
their parent.

Two things go wrong with plain ``multiprocessing`` here:

- Under the TUI, ``sys.stderr`` is Textual's capture of prints, whose
  ``fileno()`` is -1. Starting a spawned worker first starts
  multiprocessing's resource tracker with ``sys.stderr.fileno()`` among the
  descriptors it keeps, and the start fails ("bad value(s) in
  fds_to_keep"). And Textual draws on the real stderr (descriptor 2), which
  the tracker and the workers inherit: anything they wrote would land in the
  middle of the screen. So when stderr is captured, both write to the null
  device instead (a worker's failure still comes back through its queue).
- A worker whose parent is killed (``kill -9``) would run on, reading its
  queue until the queue's feeder, gone with the parent, never answers.
  Each worker watches its parent and ends as soon as the parent has.
"""

from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager
from multiprocessing import connection, parent_process, resource_tracker
from typing import Iterator, TextIO

_tracker_lock = threading.Lock()


def stderr_captured() -> bool:
    """Whether ``sys.stderr`` has no descriptor of its own (a TUI captures it)."""
    try:
        return sys.stderr is None or sys.stderr.fileno() < 0
    except (AttributeError, OSError, ValueError):
        return True


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (which spawned workers need)
    on the null device when stderr is captured; otherwise multiprocessing
    starts it on first use, as it should."""
    if not stderr_captured():
        return
    with _tracker_lock, open(os.devnull, "w") as null, _stderr_descriptor(null):
        resource_tracker.ensure_running()


@contextmanager
def _stderr_descriptor(target: TextIO) -> Iterator[None]:
    """``sys.stderr`` reports ``target``'s descriptor for a moment; its
    writes still go where they went (a print from another thread meanwhile
    still reaches Textual's capture, not the screen)."""
    captured = sys.stderr
    sys.stderr = _WithDescriptor(captured, target.fileno())
    try:
        yield
    finally:
        if isinstance(sys.stderr, _WithDescriptor):  # unless the app replaced it meanwhile
            sys.stderr = captured


class _WithDescriptor:
    def __init__(self, stream, descriptor: int) -> None:
        self._stream = stream
        self._descriptor = descriptor

    def fileno(self) -> int:
        return self._descriptor

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def silence_stderr() -> None:
    """In a worker: send descriptor 2 (the terminal the TUI draws on) to the
    null device."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def end_with_parent() -> None:
    """In a worker: end this process as soon as its parent has ended, however
    it ended (a pipe to the parent closes when it dies, on every system)."""
    parent = parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()
