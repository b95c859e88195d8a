"""The headless commands' standard output, whatever it is connected to.

A write that fails (stdout closed with ``>&-``, ``/dev/full``) becomes
:class:`OutputError`, which the command line reports in one sentence; a
reader that stops early (``| head``) stays a ``BrokenPipeError``; characters
the output's encoding lacks (``PYTHONIOENCODING=ascii``) are replaced
instead of stopping the command.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, Iterator


class OutputError(Exception):
    """Standard output cannot be written; the message says why."""


@contextlib.contextmanager
def _writes() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(error.strerror or str(error)) from None


class _GuardedOutput:
    """A text stream whose write errors are :class:`OutputError`."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        with _writes():
            return self._stream.write(text)

    def flush(self) -> None:
        with _writes():
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno, … for Rich
        return getattr(self._stream, name)


class _ClosedOutput:
    """Stands in for ``sys.stdout`` when file descriptor 1 was closed (Python
    sets it to None): nothing written is lost silently."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OutputError("standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """``sys.stdout`` guarded for the duration of one command."""
    previous = sys.stdout
    if previous is None:
        sys.stdout = _ClosedOutput()  # type: ignore[assignment]
    else:
        if hasattr(previous, "reconfigure"):
            previous.reconfigure(errors="replace")
        sys.stdout = _GuardedOutput(previous)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout = previous


def encodes_unicode() -> bool:
    """Whether standard output can carry any character (UTF-8 can, ASCII cannot)."""
    try:
        "\u2019\U0001f600".encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def discard_pending_output() -> None:
    """Point file descriptor 1 at the null device, so the flush at exit of
    what could not be written neither fails again nor prints a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
