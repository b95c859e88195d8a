"""Comparing two articles: marking them on the main screen, and the screen
that shows the comparison.

The comparison is computed in a thread worker on the main screen and arrives
as a message; the compare screen is pushed over the main screen, so Escape
returns to it exactly as it was (query, results, highlighted result, reader).
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import Worker, WorkerState, get_current_worker

from index import AlignedPair, Comparison, UnknownArticle, markdown_report, plural, printable

from ..hints import hint, key_hint
from ..messages import ComparisonFailed, ComparisonReady, ReportExported, ReportFailed
from ..widgets.comparison import ComparisonHeader, ComparisonSummary, ComparisonView
from ..widgets.reader import ArticleReader
from ..widgets.results import ResultsList, hit_prompt

MARK = "⇄ "  # not ◆: the entity sidebar uses it for people


def mirror(comparison: Comparison) -> Comparison:
    """The same comparison seen from the other side: B becomes A."""
    aligned = sorted(
        (AlignedPair(p.b, p.a, p.score, p.kind, list(p.b_diff), list(p.a_diff)) for p in comparison.aligned),
        key=lambda pair: pair.a,
    )
    entities, figures, quotes = comparison.entities, comparison.figures, comparison.quotes
    return Comparison(
        a=comparison.b,
        b=comparison.a,
        aligned=aligned,
        only_a=list(comparison.only_b),
        only_b=list(comparison.only_a),
        entities={**entities, "only_a": entities["only_b"], "only_b": entities["only_a"]},
        figures={
            **figures,
            "only_a": figures["only_b"],
            "only_b": figures["only_a"],
            "differ": [{**item, "a": item["b"], "b": item["a"]} for item in figures["differ"]],
        },
        quotes={**quotes, "a": quotes["b"], "b": quotes["a"]},
    )


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


class CompareLauncher:
    """Mixed into the main screen: mark a result with ``c``, compare with ``c``.

    The marked article stays marked (⇄ in the results) until ``c`` is pressed on
    it again, so one article can be compared with several others in turn. It
    is always side A.
    """

    marked_id: str | None = None

    # --- what the keys and commands do ----------------------------------------------

    def action_compare(self) -> None:
        """``c``: in the reader, compare the open article; elsewhere, mark or compare the highlighted result."""
        if isinstance(self.app.focused, ArticleReader):
            self.compare_open_article()
            return
        target = self.query_one(ResultsList).highlighted_id
        if target is None:
            self.notify(hint(self, "No result is highlighted: search, then press {compare} on a result."),
                        severity="warning")
        elif self.marked_id is None:
            self.set_mark(target)
        elif self.marked_id == target:
            self.set_mark(None)
        else:
            self.start_comparison(self.marked_id, target)

    def toggle_mark(self) -> None:
        target = self.query_one(ResultsList).highlighted_id
        if target is None:
            self.notify("No result is highlighted.", severity="warning")
        else:
            self.set_mark(None if target == self.marked_id else target)

    def compare_open_article(self) -> None:
        """The open article against the highlighted result, or else the marked one."""
        open_id = self.query_one(ArticleReader).article_id
        highlighted = self.query_one(ResultsList).highlighted_id
        if open_id is None:
            self.notify("No article is open.", severity="warning")
        elif highlighted and highlighted != open_id:
            self.start_comparison(open_id, highlighted)
        elif self.marked_id and self.marked_id != open_id:
            self.start_comparison(self.marked_id, open_id)
        else:
            self.notify(hint(self, "Mark another article with {compare} in the results to compare it with this one."),
                        severity="warning")

    def compare_with_marked(self) -> None:
        """The marked article against the highlighted result, or else the open article."""
        if self.marked_id is None:
            self.notify(hint(self, "Nothing is marked: press {compare} on a result to mark it."), severity="warning")
            return
        for other in (self.query_one(ResultsList).highlighted_id, self.query_one(ArticleReader).article_id):
            if other and other != self.marked_id:
                self.start_comparison(self.marked_id, other)
                return
        self.notify("Highlight another result to compare with the marked one.", severity="warning")

    def compare_highlighted_with_open(self) -> None:
        open_id = self.query_one(ArticleReader).article_id
        highlighted = self.query_one(ResultsList).highlighted_id
        if open_id and highlighted and open_id != highlighted:
            self.start_comparison(open_id, highlighted)
        else:
            self.notify("The highlighted result is the open article: highlight another one.", severity="warning")

    # --- the mark -------------------------------------------------------------------

    def set_mark(self, article_id: str | None) -> None:
        previous, self.marked_id = self.marked_id, article_id
        self.show_mark(previous)
        if article_id is None:
            self.notify(f"Unmarked {previous}.", title="Compare", markup=False)
        else:
            self.notify(f"Marked {article_id} for comparison: press {key_hint(self, 'compare')} on another result.",
                        title="Compare",
                        markup=False)

    def show_mark(self, previous: str | None = None) -> None:
        """Put ⇄ before the marked result (after the list is rebuilt, too)."""
        results = self.query_one(ResultsList)
        for hit in results.hits:
            if hit.id == self.marked_id:
                results.replace_option_prompt(hit.id, Content.assemble((MARK, "bold $accent"), hit_prompt(hit)))
            elif hit.id == previous:
                results.replace_option_prompt(hit.id, hit_prompt(hit))
        results.border_subtitle = (f"{MARK}{self.marked_id} · {key_hint(self, 'compare')} compares"
                                   if self.marked_id else "")

    # --- computing ------------------------------------------------------------------

    def start_comparison(self, id_a: str, id_b: str) -> None:
        self.run_comparison(id_a, id_b)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def run_comparison(self, id_a: str, id_b: str) -> None:
        try:
            message = ComparisonReady(self.library.compare(id_a, id_b))
        except UnknownArticle as error:
            message = ComparisonFailed(str(error))
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        self.app.clear_notifications()  # "Marked … press c on another result" is done with
        previous, self.marked_id = self.marked_id, None  # and so is the mark
        self.show_mark(previous)
        self.app.push_screen(CompareScreen(message.comparison))

    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        self.notify(message.reason[:1].upper() + message.reason[1:], severity="error", title="Compare",
                    markup=False)


class CompareScreen(Screen):
    """Two articles side by side, with what only one of them says."""

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="compare.back", tooltip="Back to the results, as they were"),
        Binding("s", "swap", "Swap", id="compare.swap", tooltip="Swap the sides: B on the left"),
        Binding("e,x", "export", "Export", id="compare.export",
                tooltip="Write the comparison as Markdown (compare-A-B.md in the exports folder, ui.export_path) "
                        "and copy it to the clipboard"),
        Binding("question_mark", "help", "Help", id="compare.help"),
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
        new_rows = self.comparison.rows()

        def moved(row: int | None) -> int | None:
            if row is None or not 0 <= row < len(old_rows):
                return None
            i, j, _ = old_rows[row]
            for number, (new_i, new_j, _) in enumerate(new_rows):
                if (j is not None and new_i == j) or (i is not None and new_j == i):
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
            folder = self.app.library.config.exports_folder()
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

    def on_report_failed(self, message: ReportFailed) -> None:
        self.notify(message.reason[:1].upper() + message.reason[1:], severity="error", title="Export",
                    markup=False)

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title=f"{event.worker.group} failed", severity="error",
                        markup=False)
