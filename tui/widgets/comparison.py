"""Two articles side by side: the sentences that report the same fact share a
row, what only one side says sits opposite a blank.

One line-API ``ScrollView`` draws both columns, so they can never drift apart:
each display row is wrapped in both columns and is as tall as the taller side.
Below the rows, in the same two columns, come the names, figures and
quotations that differ. The text and its layout are comparison_layout.py's.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from ceasefire_tui.index import Comparison

from .comparison_layout import (BLANK, COMPONENT_CLASSES, PLAIN_CONSOLE, ROLES, Block, Columns, Line, compose_line,
                                header_lines, layout, resolve)
from .comparison_rows import detail_blocks, difference_stops, in_stop, sentence_blocks, stop_of, summary_text


class ComparisonView(ScrollView, can_focus=True):
    """The aligned sentences of a comparison, then its names, figures and quotes."""

    COMPONENT_CLASSES = COMPONENT_CLASSES
    BINDINGS = [
        Binding("n", "next_difference", "Next diff", id="compare.next_difference",
                tooltip="Next difference: a run of sentences only one side has, a pair that differs, "
                        "a related or a moved pair"),
        Binding("N", "previous_difference", "Prev diff", id="compare.previous_difference",
                show=False, tooltip="Previous difference"),
        Binding("j,down", "scroll_down", "Down", show=False, id="compare.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="compare.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="compare.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="compare.page_up"),
        Binding("g,home", "top", "Top", show=False, id="compare.top",
                tooltip="To the top, and the difference counter back to the start"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="compare.bottom"),
        Binding("d", "toggle_details", "Details", id="compare.details",
                tooltip="Names and figures only one side has, figures that differ, quotations; d again: back"),
        Binding("v", "toggle_evidence", "Evidence", id="compare.evidence",
                tooltip="Show or hide under each pair the evidence for it: meaning, shared words, names, "
                        "figures, and the conflicts found"),
    ]

    class CursorMoved(Message):
        """The cursor moved to a row; ``difference`` counts from 0, -1 if the row is not one."""

        def __init__(self, row: int, difference: int, total: int) -> None:
            super().__init__()
            self.row, self.difference, self.total = row, difference, total

    def __init__(self, comparison: Comparison, **kwargs) -> None:
        super().__init__(**kwargs)
        self.comparison = comparison
        self.rows = comparison.rows
        self.stops = difference_stops(self.rows)  # first and last row of each difference n / N stops at
        self.cursor = -1  # a row index, -1: none yet
        self.evidence = False  # the evidence shown under each pair
        self._blocks: list[Block] = []
        self._lines: list[Line] = []
        self._starts: list[int] = []
        self._details_block = 0
        self._laid_out: Columns | None = None
        self._return_to: float | None = None
        self._build()

    # --- content ----------------------------------------------------------------

    def show(self, comparison: Comparison, top_row: int | None = None, cursor: int = -1) -> None:
        """Show another comparison (the swapped one), starting at ``top_row``."""
        self.comparison = comparison
        self.rows = comparison.rows
        self.stops = difference_stops(self.rows)
        self.cursor = cursor
        self._return_to = None
        self._build()
        self._layout(force=True)
        laid_out = top_row is not None and 0 <= top_row < min(len(self.rows), len(self._starts))
        line = self._starts[top_row] if laid_out else 0
        self.scroll_to(y=line, animate=False, immediate=True)
        self._announce()

    def _build(self) -> None:
        self._blocks = sentence_blocks(self.comparison, self.evidence)
        self._details_block = len(self._blocks)
        self._blocks += detail_blocks(self.comparison)

    @property
    def difference_rows(self) -> list[int]:
        """The row each stop starts at."""
        return [first for first, _ in self.stops]

    @property
    def details_line(self) -> int:
        return self._starts[self._details_block] if self._starts else 0

    def row_of_line(self, line: int) -> int | None:
        """The sentence row shown on ``line``, if any."""
        if not 0 <= line < len(self._lines):
            return None
        block = self._lines[line].block
        return block if 0 <= block < len(self.rows) else None

    def top_row(self) -> int | None:
        """The sentence row at the top of the view (the next one if a blank line is there)."""
        line = int(self.scroll_offset.y)
        while 0 <= line < len(self._lines) and self._lines[line].block == BLANK:
            line += 1
        return self.row_of_line(line)

    def line_of_row(self, row: int) -> int:
        return self._starts[row]

    def row_lines(self, row: int) -> list[str]:
        """The plain text of every screen line of ``row``, as drawn now."""
        start = self._starts[row]
        end = self._starts[row + 1] - 1 if row + 1 < len(self._starts) else len(self._lines)
        return [self.plain_line(index) for index in range(start, end)]

    def plain_line(self, index: int) -> str:
        return compose_line(self._lines[index], self._laid_out).plain

    def visible_text(self) -> str:
        """Every line of the view as plain text (for tests and copying)."""
        return "\n".join(self.plain_line(index) for index in range(len(self._lines)))

    def screen_lines(self) -> list[str]:
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        return [self.plain_line(index) for index in range(top, min(top + height, len(self._lines)))]

    # --- actions ------------------------------------------------------------------

    def action_next_difference(self) -> None:
        self._jump(+1)

    def action_previous_difference(self) -> None:
        self._jump(-1)

    def _jump(self, step: int) -> None:
        differences = self.difference_rows
        if not differences:
            self.app.bell()
            self.notify("These two articles report the same facts: no difference to jump to.")
            return
        anchor = self.cursor if self._row_visible(self.cursor) else self._anchor_row(step)
        if step > 0:
            target = next((row for row in differences if row > anchor), None)
        else:
            target = next((row for row in reversed(differences) if row < anchor), None)
        if target is None:
            self.app.bell()
            return
        self.move_cursor(target)

    def _anchor_row(self, step: int) -> int:
        """Where a jump starts when the cursor is out of sight: just outside
        the view, so n finds the first difference on screen, N the last."""
        top, height = int(self.scroll_offset.y), self.scrollable_content_region.height
        visible = [row for line in range(top, min(top + height, len(self._lines)))
                   if (row := self.row_of_line(line)) is not None]
        if not visible:  # the details section, below every row
            return len(self.rows) if step < 0 else len(self.rows) - 1
        return visible[0] - 1 if step > 0 else visible[-1] + 1

    def move_cursor(self, row: int) -> None:
        self.cursor = row
        start = self._starts[row]
        end = (self._starts[row + 1] - 1) if row + 1 < len(self._starts) else len(self._lines)
        top, height = int(self.scroll_offset.y), self.scrollable_content_region.height
        if not (top <= start and end <= top + height):
            self.scroll_to(y=max(0, start - max(1, height // 4)), animate=False, immediate=True)
        self.refresh()
        self._announce()

    def _row_visible(self, row: int) -> bool:
        if not 0 <= row < len(self.rows) or not self._starts:
            return False
        top, height = int(self.scroll_offset.y), self.scrollable_content_region.height
        start = self._starts[row]
        return top <= start < top + height

    def _announce(self) -> None:
        number = stop_of(self.stops, self.cursor)
        self.post_message(self.CursorMoved(self.cursor, number, len(self.stops)))

    def action_top(self) -> None:
        """To the top; the counter starts again ("N differences")."""
        self.cursor = -1
        self.scroll_home(animate=False)
        self.refresh()
        self._announce()

    def action_toggle_evidence(self) -> None:
        """Show or hide each pair's evidence, keeping the row at the top in place."""
        top = self.top_row()
        self.evidence = not self.evidence
        self._build()
        self._layout(force=True)
        if top is not None:
            self.scroll_to(y=self._starts[top], animate=False, immediate=True)

    def action_toggle_details(self) -> None:
        """Jump to the names, figures and quotes below the rows, and back."""
        here = self.scroll_offset.y
        details = self.details_line
        if here >= min(details, self.max_scroll_y) and self._return_to is not None:
            target, self._return_to = self._return_to, None
        else:
            self._return_to = here
            target = details
        self.scroll_to(y=target, animate=False, immediate=True)

    def on_click(self, event: Click) -> None:
        row = self.row_of_line(int(self.scroll_offset.y) + event.y)
        if row is not None:
            self.cursor = row
            self.refresh()
            self._announce()

    # --- layout -------------------------------------------------------------------

    def on_resize(self) -> None:
        self._layout()

    def on_mount(self) -> None:
        self._layout()
        self._announce()

    def _layout(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0:
            return
        columns = Columns.for_width(width)
        if not force and columns == self._laid_out:
            return
        top = self.top_row()
        self._laid_out = columns
        self._lines, self._starts = layout(self._blocks, columns)
        self.virtual_size = Size(width, len(self._lines))
        if top is not None and not force:
            self.scroll_to(y=self._starts[top], animate=False, immediate=True)
        self.refresh()

    # --- rendering ----------------------------------------------------------------

    def _styles(self) -> dict[str, Style]:
        return {role: self.get_component_rich_style(name, partial=True) for role, name in ROLES.items()}

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self._laid_out is None or index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        styles = self._styles()
        line_style = base
        if self.cursor >= 0 and (line.block == self.cursor or in_stop(self.stops, self.cursor, line.block)):
            # not partial: the theme's translucent background blended with ours
            line_style = self.get_component_rich_style(ROLES["cursor"])
        text = resolve(compose_line(line, self._laid_out), styles, line_style)
        strip = Strip(text.render(self.app.console), text.cell_len)
        return strip.crop_extend(scroll_x, scroll_x + width, line_style).apply_offsets(scroll_x, index)


class ComparisonHeader(Widget):
    """The titles and outlets of both sides, over their columns."""

    COMPONENT_CLASSES = COMPONENT_CLASSES

    def __init__(self, comparison: Comparison, **kwargs) -> None:
        super().__init__(**kwargs)
        self.comparison = comparison
        self.status: Text | None = None

    def show(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.refresh(layout=True)

    def set_status(self, status: Text | None) -> None:
        self.status = status
        self.refresh()

    def _lines(self, width: int) -> list[Text]:
        title_lines = 2 if self.app.size.height < 30 else 3
        return header_lines(self.comparison, Columns.for_width(width), title_lines, self.status)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        styles = {role: self.get_component_rich_style(name, partial=True) for role, name in ROLES.items()}
        lines = [resolve(line, styles) for line in self._lines(self.content_size.width)]
        return Text("\n", end="").join(lines)


class ComparisonSummary(Widget):
    """One strip of counts: shared, only in A, only in B, names, figures, quotes."""

    COMPONENT_CLASSES = COMPONENT_CLASSES

    def __init__(self, comparison: Comparison, **kwargs) -> None:
        super().__init__(**kwargs)
        self.comparison = comparison

    def show(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(summary_text(self.comparison, width).wrap(PLAIN_CONSOLE, max(width, 10)))

    def render(self) -> Text:
        styles = {role: self.get_component_rich_style(name, partial=True) for role, name in ROLES.items()}
        text = resolve(summary_text(self.comparison, self.content_size.width), styles)
        text.no_wrap = False
        return text
