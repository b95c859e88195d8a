"""The modal screens of the entity corrections: a new name for an entry, a
new type for it, and the list of corrections made, where one is undone.

Names are article text: prompts are built as ``Content``, never markup.
"""

from __future__ import annotations

from typing import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ceasefire_tui.index import EntityType, ListedCorrection

from ..hints import hint

Key = tuple[str, str]


class RenameScreen(ModalScreen[str | None]):
    """A new name for ``key``: Enter gives it, Escape gives None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, key: Key) -> None:
        super().__init__()
        self.key = key

    def compose(self) -> ComposeResult:
        with Vertical(classes="correction-dialog") as dialog:
            dialog.border_title = "Rename"
            yield Static(Content.assemble("New name for ", (self.key[0], "bold"), f" ({self.key[1]}):"))
            yield Input(self.key[0], id="new-name", select_on_focus=True)
            yield Static(Content.styled("Enter renames it everywhere · Escape cancels", "$text-muted"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class RetypeScreen(ModalScreen[str | None]):
    """A new type for ``key``, picked from ``types``; Escape gives None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, key: Key, types: Mapping[str, EntityType]) -> None:
        super().__init__()
        self.key = key
        self.types = list(types)
        self.specs = types

    def compose(self) -> ComposeResult:
        with Vertical(classes="correction-dialog") as dialog:
            dialog.border_title = "Change type"
            yield Static(Content.assemble("Type of ", (self.key[0], "bold"), f" (now {self.key[1]}):"))
            yield OptionList(*(Option(Content(f"{self.specs[kind].symbol} {self.specs[kind].label} ({kind})"),
                                      id=kind) for kind in self.types), id="new-type")
            yield Static(Content.styled("Enter gives it that type · Escape cancels", "$text-muted"))

    def on_mount(self) -> None:
        options = self.query_one("#new-type", OptionList)
        options.highlighted = self.types.index(self.key[1]) if self.key[1] in self.types else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CorrectionsScreen(ModalScreen[int | None]):
    """The corrections made to this corpus's entities, the last highlighted;
    the undo key gives the highlighted one's number, Escape None."""

    BINDINGS = [
        Binding("u,delete", "undo", "Undo the highlighted correction", id="corrections.undo"),
        Binding("escape,q", "cancel", "Close", id="corrections.close"),
    ]

    def __init__(self, listed: list[ListedCorrection], path: str, problems: list[str]) -> None:
        super().__init__()
        self.listed = listed
        self.path = path
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="correction-dialog corrections-list") as dialog:
            dialog.border_title = "Entity corrections"
            if self.listed:
                yield Static(Content(hint(self, "{corrections.undo}: undo the highlighted one · "
                                                "{corrections.close}: close")))
                yield OptionList(*(self._option(item) for item in self.listed), id="corrections")
            else:
                yield Static(Content(hint(self, "No corrections yet: in the entity list, {entities.merge} merges, "
                                                "{entities.rename} renames, {entities.retype} changes the type, "
                                                "{entities.hide} hides. {corrections.close}: close")))
            for problem in self.problems:
                yield Static(Content.styled(problem, "$warning"))
            yield Static(Content.styled(f"Kept in {self.path} (you may edit it)", "$text-muted"))

    @staticmethod
    def _option(item: ListedCorrection) -> Option:
        style = "" if item.correction else "$text-muted italic"
        return Option(Content.assemble((f"{item.number:>3}  ", "bold"), (item.describe(), style)),
                      id=str(item.number))

    def on_mount(self) -> None:
        if self.listed:
            options = self.query_one("#corrections", OptionList)
            options.highlighted = len(self.listed) - 1
            options.focus()

    def action_undo(self) -> None:
        if not self.listed:
            self.app.bell()
            return
        highlighted = self.query_one("#corrections", OptionList).highlighted
        self.dismiss(self.listed[highlighted].number if highlighted is not None else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
