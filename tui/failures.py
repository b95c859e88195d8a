"""Work that fails is said, never silently lost: one notice, in words, with
the error's text made printable (it may quote article text)."""

from __future__ import annotations

from textual.worker import Worker, WorkerState

from ceasefire_tui.index import printable

from .messages import ReportFailed


def report_failure(node, what: str, error: BaseException) -> None:
    """``what`` failed unexpectedly with ``error``: an error notice."""
    node.notify(printable(f"{type(error).__name__}: {error}"), title=f"{what} failed", severity="error",
                markup=False)


class ReportsFailures:
    """For screens that export a report and run workers (compare, story):
    a failed export says why, a worker that raised says what it raised."""

    def on_report_failed(self, message: ReportFailed) -> None:
        self.notify(message.reason[:1].upper() + message.reason[1:], severity="error", title="Export",
                    markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            report_failure(self, event.worker.group, event.worker.error)
