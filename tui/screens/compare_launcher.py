"""Choosing two articles to compare on the main screen, and starting the comparison.

Mark a result with ``c``, compare with ``c`` on another. The marked article
stays marked (⇄ in the results) until ``c`` is pressed on it again, so one
article can be compared with several others in turn. It is always side A.
The comparison is computed in a thread worker and arrives as a message,
which the screen hands back here; the compare screen is pushed over the main
screen, so Escape returns to it exactly as it was.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.worker import get_current_worker

from ceasefire_tui.index import Library, UnknownArticle

from ..hints import hint, key_hint
from ..messages import ComparisonFailed, ComparisonReady
from ..widgets.reader import ArticleReader
from ..widgets.copy_diff import CopyDiffStrip
from ..widgets.results import MARK, ResultsList
from .compare import CompareScreen

__all__ = ["MARK", "CompareLauncher"]


class CompareLauncher:
    def __init__(self, screen: Screen, library: Library) -> None:
        self.screen = screen
        self.library = library
        self.marked_id: str | None = None

    def _highlighted(self) -> str | None:
        return self.screen.query_one(ResultsList).highlighted_id

    def _open(self) -> str | None:
        return self.screen.query_one(ArticleReader).article_id

    def _warn(self, text: str) -> None:
        self.screen.notify(hint(self.screen, text), severity="warning")

    # --- what the keys and commands do ----------------------------------------------

    def compare_key(self) -> None:
        """``c``: in the reader, compare the open article; elsewhere, mark or compare the highlighted result."""
        if isinstance(self.screen.app.focused, ArticleReader):
            self.compare_open_article()
            return
        target = self._highlighted()
        if target is None:
            self._warn("No result is highlighted: search, then press {compare} on a result.")
        elif self.marked_id is None:
            self.set_mark(target)
        elif self.marked_id == target:
            self.set_mark(None)
        else:
            self.start_comparison(self.marked_id, target)

    def toggle_mark(self) -> None:
        target = self._highlighted()
        if target is None:
            self._warn("No result is highlighted.")
        else:
            self.set_mark(None if target == self.marked_id else target)

    def compare_open_article(self) -> None:
        """The open article against the highlighted result, or else the marked one."""
        open_id, highlighted = self._open(), self._highlighted()
        if open_id is None:
            self._warn("No article is open.")
        elif highlighted and highlighted != open_id:
            self.start_comparison(open_id, highlighted)
        elif self.marked_id and self.marked_id != open_id:
            self.start_comparison(self.marked_id, open_id)
        else:
            self._warn("Mark another article with {compare} in the results to compare it with this one.")

    def compare_with_marked(self) -> None:
        """The marked article against the highlighted result, or else the open article."""
        if self.marked_id is None:
            self._warn("Nothing is marked: press {compare} on a result to mark it.")
            return
        for other in (self._highlighted(), self._open()):
            if other and other != self.marked_id:
                self.start_comparison(self.marked_id, other)
                return
        self._warn("Highlight another result to compare with the marked one.")

    def compare_highlighted_with_open(self) -> None:
        open_id, highlighted = self._open(), self._highlighted()
        if open_id and highlighted and open_id != highlighted:
            self.start_comparison(open_id, highlighted)
        else:
            self._warn("The highlighted result is the open article: highlight another one.")

    # --- the mark -------------------------------------------------------------------

    def set_mark(self, article_id: str | None) -> None:
        previous, self.marked_id = self.marked_id, article_id
        self.show_mark()
        if article_id is None:
            self.screen.notify(f"Unmarked {previous}.", title="Compare", markup=False)
        else:
            self.screen.notify(f"Marked {article_id} for comparison: press {key_hint(self.screen, 'compare')} "
                               "on another result.", title="Compare", markup=False)

    def show_mark(self) -> None:
        """Put ⇄ before the marked result (after the list is rebuilt, too)."""
        results = self.screen.query_one(ResultsList)
        results.show_mark(self.marked_id)
        results.border_subtitle = (f"{MARK}{self.marked_id} · {key_hint(self.screen, 'compare')} compares"
                                   if self.marked_id else "")

    # --- computing ------------------------------------------------------------------

    def start_comparison(self, id_a: str, id_b: str) -> None:
        def run() -> None:
            try:
                message = ComparisonReady(self.library.compare(id_a, id_b), self.library.copy_diff(id_a, id_b))
            except UnknownArticle as error:
                message = ComparisonFailed(str(error))
            if not get_current_worker().is_cancelled:
                self.screen.post_message(message)

        self.screen.run_worker(run, thread=True, exclusive=True, group="compare", exit_on_error=False)

    def ready(self, message: ComparisonReady) -> None:
        self.screen.app.clear_notifications()  # "Marked … press c on another result" is done with
        self.marked_id = None  # and so is the mark
        self.show_mark()
        screen = CompareScreen(message.comparison)
        self.screen.app.push_screen(screen)
        if message.copy_diff is not None:  # two copies of one story: what one site cut or added
            screen.mount(CopyDiffStrip(message.copy_diff, id="copy-diff"))

    def failed(self, message: ComparisonFailed) -> None:
        self.screen.notify(message.reason[:1].upper() + message.reason[1:], severity="error", title="Compare",
                           markup=False)
