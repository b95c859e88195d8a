"""The results, the reader and the sidebar side by side, and the keys that
act on the open article or the list from any of them: open the article's
address in a browser, copy it, sort the results by relevance or date.

Bound here, on the panes' container, these keys work wherever the focus is
among the panes, and never in the search box (where they are letters). The
sort is the main screen's search flow's (``screen.searching``).
"""

from __future__ import annotations

import webbrowser

from textual.binding import Binding
from textual.containers import Horizontal
from textual.worker import get_current_worker

from ceasefire_tui.index import printable

from .widgets.reader import ArticleReader

# Browsers that would run inside this terminal, in place of the app.
TERMINAL_BROWSERS = frozenset({"www-browser", "links", "links2", "elinks", "lynx", "w3m"})


class Panes(Horizontal):
    BINDINGS = [
        Binding("o", "open_url", "Open in browser", show=False, id="article.open_url",
                tooltip="Open the article's web address in the browser"),
        Binding("y", "copy_url", "Copy address", show=False, id="article.copy_url",
                tooltip="Copy the article's web address (to the clipboard through the terminal; also shown)"),
        Binding("s", "toggle_sort", "Sort", show=False, id="results.sort",
                tooltip="Sort the results by relevance or by date, newest first (the undated last)"),
    ]

    def _url(self) -> str | None:
        """The open article's address, or None after saying why there is none."""
        stored = self.query_one(ArticleReader).stored
        if stored is None:
            self.notify("No article is open.", severity="warning")
            return None
        if not stored.article.url:
            self.notify(f"{printable(stored.article.id)} has no web address.", severity="warning", markup=False)
            return None
        return stored.article.url

    def action_copy_url(self) -> None:
        url = self._url()
        if url is None:
            return
        self.app.copy_to_clipboard(url)  # OSC 52: many terminals pass it to the clipboard, some do not
        self.notify(printable(url), title="Address copied (if not, copy it from here)", markup=False, timeout=8)

    def action_open_url(self) -> None:
        url = self._url()
        if url is not None:
            self.run_worker(lambda: self._open(url), thread=True, group="browser", exclusive=True)

    def _open(self, url: str) -> None:
        """On a worker thread: finding and starting a browser can take a while."""
        shown = printable(url)
        try:
            browser = webbrowser.get()
        except webbrowser.Error:
            browser = None
        if browser is None or getattr(browser, "name", "") in TERMINAL_BROWSERS:
            self.app.call_from_thread(self.notify, f"No graphical web browser here; the address is {shown} "
                                                   "(y copies it).", severity="warning", markup=False, timeout=10)
            return
        opened = browser.open(url)
        if not get_current_worker().is_cancelled:
            message = f"Opened {shown} in the browser." if opened else f"The browser did not open {shown}."
            self.app.call_from_thread(self.notify, message, severity="information" if opened else "warning",
                                      markup=False)

    def action_toggle_sort(self) -> None:
        self.screen.searching.toggle_sort()
