"""The index report: what the last refresh skipped or read with a fallback,
file by file, so a user can fix or remove those files."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ceasefire_tui.index import RefreshReport, printable

from .panel import PanelScreen


class IndexReportScreen(PanelScreen):
    BINDINGS = [Binding("escape,q,i", "dismiss", "Close", id="index_report.close")]

    def __init__(self, report: RefreshReport | None) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="index-report-body", classes="panel-body") as body:
            body.border_title = "Index report — Escape closes"
            yield Static(self._summary(), id="index-report-summary")
            if self.report and (self.report.skipped or self.report.notes):
                yield Static(self._table())

    def _summary(self) -> Text:
        if self.report is None:
            return Text("The index is still being brought up to date; the report is ready when it has finished.")
        lines = [self.report.summary() + "."]
        if self.report.rebuilt:
            rebuilt = printable(self.report.rebuilt)
            lines.append(rebuilt[:1].upper() + rebuilt[1:] + ".")
        if not self.report.skipped and not self.report.notes:
            lines.append("Every file was read without a problem.")
        return Text("\n".join(lines))

    def _table(self) -> Table:
        table = Table(box=None, expand=True, pad_edge=False, header_style="bold")
        table.add_column("File", overflow="fold", ratio=1)
        table.add_column("What happened", ratio=1)
        # Text(): paths and reasons are shown as they are, never as markup,
        # and printable: a file name is data, never a terminal sequence.
        for skipped in self.report.skipped:
            table.add_row(Text(printable(skipped.path)), Text("skipped: " + printable(skipped.reason), style="bold"))
        for note in self.report.notes:
            table.add_row(Text(printable(note.path)), Text(printable(note.reason), style="dim"))
        return table
