"""The screen that shows a comparison of two articles (chosen on the main
screen: compare_launcher.py), and writing it as a report."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from ceasefire_tui.index import Comparison, markdown_report, mirror, plural, printable

from ..failures import ReportsFailures
from ..hints import hint
from ..messages import ReportExported, ReportFailed
from ..widgets.comparison import ComparisonHeader, ComparisonSummary, ComparisonView


def report_name(comparison: Comparison) -> str:
    def safe(article_id: str) -> str:
        return re.sub(r"[^\w.-]", "_", article_id)

    return f"compare-{safe(comparison.a.id)}-{safe(comparison.b.id)}.md"


def write_new_file(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name``, or ``name-1``, ``name-2``… if taken; never overwrite."""
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 0
    while True:
        path = folder / (name if number == 0 else f"{stem}-{number}{suffix}")
        try:
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(text)
            return path
        except FileExistsError:
            number += 1


class CompareScreen(ReportsFailures, Screen):
    """Two articles side by side, with what only one of them says."""


    BINDINGS = [
        Binding("escape,q", "back", "Back", id="compare.back", tooltip="Back to the results, as they were"),
        Binding("s", "swap", "Swap", id="compare.swap", tooltip="Swap the sides: B on the left"),
        Binding("e,x", "export", "Export", id="compare.export",
                tooltip="Write the comparison as Markdown (compare-A-B.md in the exports folder, ui.export_path) "
                        "and copy it to the clipboard"),
        Binding("question_mark", "app.help", "Help", id="compare.help"),
    ]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison
        self.status = ""  # where the cursor is among the differences

    def compose(self) -> ComposeResult:
        yield ComparisonSummary(self.comparison, id="compare-summary")
        yield ComparisonHeader(self.comparison, id="compare-heads")
        yield ComparisonView(self.comparison, id="comparison")
        yield Footer()

    def on_mount(self) -> None:
        self.app.set_focus(self.query_one(ComparisonView))

    @property
    def view(self) -> ComparisonView:
        return self.query_one(ComparisonView)

    def on_comparison_view_cursor_moved(self, message: ComparisonView.CursorMoved) -> None:
        if message.total == 0:
            status = "no differences"
        elif message.difference < 0:
            status = hint(self, f"{plural(message.total, 'difference')} · "
                                "{compare.next_difference}/{compare.previous_difference} to jump")
        else:
            status = hint(self, f"difference {message.difference + 1}/{message.total} · "
                          "{compare.next_difference}/{compare.previous_difference}")
        self.status = status
        self.query_one(ComparisonHeader).set_status(Text(status, "muted"))

    # --- actions --------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_swap(self) -> None:
        """B becomes A; the view stays on the same sentences."""
        view = self.view
        old_rows = view.rows
        top, cursor = view.top_row(), view.cursor
        self.comparison = mirror(self.comparison)
        new_rows = self.comparison.rows

        def moved(row: int | None) -> int | None:
            """The new row showing a sentence the old row showed (A's became B's)."""
            if row is None or not 0 <= row < len(old_rows):
                return None
            old = old_rows[row]
            for number, new in enumerate(new_rows):
                if set(old.b) & set(new.a) or set(old.a) & set(new.b):
                    return number
            return None

        self.query_one(ComparisonSummary).show(self.comparison)
        self.query_one(ComparisonHeader).show(self.comparison)
        new_cursor = moved(cursor)
        view.show(self.comparison, top_row=moved(top), cursor=-1 if new_cursor is None else new_cursor)

    def action_export(self) -> None:
        self.export_report(self.comparison)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_report(self, comparison: Comparison) -> None:
        report = markdown_report(comparison)
        try:
            folder = self.app.library.config.ui.exports_folder()
            folder.mkdir(parents=True, exist_ok=True)
            path = write_new_file(folder, report_name(comparison), report)
        except OSError as error:
            self.post_message(ReportFailed(f"cannot write the report: {error.strerror or error}"))
        else:
            self.post_message(ReportExported(str(path), report))

    def on_report_exported(self, message: ReportExported) -> None:
        self.app.copy_to_clipboard(message.report)
        self.notify(f"Report written to {printable(message.path)} and copied to the clipboard.", title="Export",
                    markup=False)
