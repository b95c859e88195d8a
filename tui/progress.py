"""The lines shown while something long runs: the index being built, a story."""

from __future__ import annotations

BAR_WIDTH = 20


def indexing_line(done: int, total: int, seconds_left: float | None) -> str:
    """``Indexing ━━━━╺──── 120/300 files · about 12 s left``."""
    line = f"Indexing {bar(done, total)} {done}/{total} files"
    if seconds_left is not None and done < total:
        line += f" · about {_duration(seconds_left)} left"
    return line


def bar(done: int, total: int) -> str:
    """``━━━━╺────``: ``done`` of ``total`` as a bar of BAR_WIDTH cells."""
    filled = BAR_WIDTH * min(done, total) // max(total, 1)
    return "━" * filled + "╺" * (filled < BAR_WIDTH) + "─" * max(0, BAR_WIDTH - filled - 1)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds:02d} s"
