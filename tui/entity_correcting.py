"""Correcting the entity list from the sidebar: merge two entries (mark one,
then the other), rename one, change its type, hide it, and list the
corrections to undo one.

The library saves a correction and applies it over the analysis; here it is
asked for (in a thread worker: a file is written and the table rebuilt), and
once it is saved the open article and the results are read again, keeping
the reader's place, so the sidebar, the dots and the reader show it at once.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.worker import get_current_worker

from ceasefire_tui.index import CorrectionError, Library, ListedCorrection, printable

from .hints import hint
from .screens.entity_corrections import CorrectionsScreen, RenameScreen, RetypeScreen
from .widgets.entities import CorrectionAsked, EntityList
from .widgets.reader import ArticleReader

Key = tuple[str, str]


class EntityCorrecting:
    def __init__(self, screen: Screen, library: Library) -> None:
        self.screen = screen
        self.library = library
        self._problems_shown: list[str] = []

    @property
    def entities(self) -> EntityList:
        return self.screen.query_one(EntityList)

    def asked(self, message: CorrectionAsked) -> None:
        if message.action == "list":
            self.show_list()
            return
        if message.key is None:
            self.screen.app.bell()
            self.screen.notify("Move onto an entry first (up/down).", title="Entities")
            return
        {"merge": self._merge, "rename": self._rename, "retype": self._retype, "hide": self._hide}[message.action](
            message.key)

    # --- the four corrections ----------------------------------------------------

    def _merge(self, key: Key) -> None:
        marked = self.entities.merge_mark
        if marked is None:
            self.entities.mark_for_merge(key)
            self.screen.notify(f"{key[0]} marked: " + hint(self.screen, "{entities.merge} on the entry it belongs to "
                                                           "merges them ({entities.merge} on it again unmarks it)."),
                               title="Merge", markup=False)
            return
        self.entities.mark_for_merge(None)
        if marked == key:
            self.screen.notify(f"{key[0]} unmarked.", title="Merge", markup=False)
            return
        self._apply("merge", marked, to=key, done=f"Merged {marked[0]} into {key[0]}.")

    def _rename(self, key: Key) -> None:
        def renamed(name: str | None) -> None:
            if name and name != key[0]:
                self._apply("rename", key, to=(name, key[1]), done=f"Renamed {key[0]} to {name}.")

        self.screen.app.push_screen(RenameScreen(key), renamed)

    def _retype(self, key: Key) -> None:
        types = {kind: self.library.config.entities.types[kind] for kind in self.library.correctable_types()}

        def retyped(kind: str | None) -> None:
            if kind and kind != key[1]:
                label = types[kind].label
                self._apply("retype", key, to=(key[0], kind), done=f"{key[0]} is now in {label} ({kind}).")

        self.screen.app.push_screen(RetypeScreen(key, types), retyped)

    def _hide(self, key: Key) -> None:
        self._apply("hide", key, to=None, done=f"{key[0]} hidden: not an entity.")

    def _apply(self, action: str, key: Key, *, to: Key | None, done: str) -> None:
        """Save the correction off the UI thread, then show it."""
        def run() -> None:
            try:
                if action == "merge":
                    self.library.correct("merge", key[0], key[1], to=to[0], to_type=to[1])
                elif action == "hide":
                    self.library.correct("hide", key[0], key[1])
                else:
                    self.library.correct(action, key[0], key[1], to=to[0] if action == "rename" else to[1])
            except CorrectionError as error:
                self.screen.app.call_from_thread(self._failed, str(error))
                return
            if not get_current_worker().is_cancelled:
                self.screen.app.call_from_thread(self._saved, to, done)

        self.screen.run_worker(run, thread=True, group="correction", exit_on_error=False)

    # --- the list, and undo -------------------------------------------------------

    def show_list(self) -> None:
        """The corrections made, in a panel where one is undone."""
        def run() -> None:
            listed = self.library.corrections()
            problems = self.library.correction_problems()
            self.screen.app.call_from_thread(self._show_list, listed, problems)

        self.screen.run_worker(run, thread=True, group="correction", exit_on_error=False)

    def _show_list(self, listed: list[ListedCorrection], problems: list[str]) -> None:
        path = printable(str(self.library.corrections_file.path))
        self.screen.app.push_screen(CorrectionsScreen(listed, path, problems), self._undo)

    def _undo(self, number: int | None) -> None:
        if number is None:
            return

        def run() -> None:
            try:
                removed = self.library.undo_correction(number)
            except CorrectionError as error:
                self.screen.app.call_from_thread(self._failed, str(error))
                return
            self.screen.app.call_from_thread(self._saved, None, f"Undid: {removed.describe()}.")

        self.screen.run_worker(run, thread=True, group="correction", exit_on_error=False)

    # --- after -------------------------------------------------------------------

    def table_changed(self) -> None:
        """A new entity table: say once what in the corrections file is skipped
        (a bad hand-edited entry, a file that cannot be read), if anything."""
        def run() -> None:
            problems = self.library.correction_problems()
            if problems != self._problems_shown:
                self.screen.app.call_from_thread(self._show_problems, problems)

        self.screen.run_worker(run, thread=True, group="correction-problems", exit_on_error=False)

    def _show_problems(self, problems: list[str]) -> None:
        self._problems_shown = problems
        if problems:
            self.screen.notify("\n".join(problems), title="Entity corrections skipped", severity="warning",
                               markup=False, timeout=10)

    def _saved(self, shown: Key | None, done: str) -> None:
        """The correction is saved: read the open article and the results
        again (the reader keeps its place) and keep the cursor on the entry."""
        if shown is not None:
            self.entities.select_key(shown)
        reading = self.screen.reading
        open_id = self.screen.query_one(ArticleReader).article_id
        if open_id:
            reading.keep_place()
            reading.load_article(open_id)
        self.screen.searching.again()
        self.screen.notify(f"{done} " + hint(self.screen, "{entities.corrections} lists the corrections, to undo one."),
                           title="Entities", markup=False)

    def _failed(self, reason: str) -> None:
        self.screen.app.bell()
        self.screen.notify(reason, title="Correction not made", severity="warning", markup=False)
