"""One section of the story screen: a list of one-line rows under a header
that stays on top, drawn with the line API so that thousands of facts cost
only the lines on screen (an OptionList lays out every option first:
seconds at 10,000 facts). The highlighted row's full text is the screen's
detail pane's (StoryRow.detail).

Rows carry role names in their spans; the styles behind them are this
widget's component classes, so every theme keeps them readable.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..story_rows import Section, StoryRow

ROLES = {
    "differs": "story-list--differs",
    "only": "story-list--only",
    "accent": "story-list--accent",
    "muted": "story-list--muted",
    "heading": "story-list--heading",
}
PLAIN_ROLES = {"bold": Style(bold=True), "italic": Style(italic=True)}
STEP_CELLS = 9  # a sideways step: one coverage column


def themed(text: Text, styles: dict[str, Style], base: Style | None = None) -> Text:
    """``text`` with its role names (its own style and its spans') replaced by real styles."""
    out = Text(text.plain, end="", no_wrap=True)
    if base is not None:  # a span, not Text.style: render() ignores the style of a text without spans
        out.spans.append(Span(0, len(out.plain), base))
    for style, start, end in [(text.style, 0, len(text.plain))] + [(s.style, s.start, s.end) for s in text.spans]:
        if style:
            out.spans.append(Span(start, end, styles.get(style, Style()) if isinstance(style, str) else style))
    return out


class StoryList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = set(ROLES.values()) | {"story-list--cursor"}
    BINDINGS = [
        Binding("enter", "choose", "Read it", id="story.read",
                tooltip="Read the highlighted fact, figure or quote in an article, at its sentence "
                        "(when several articles report it: choose one)"),
        Binding("j,down", "cursor(1)", "Down", show=False, id="story.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="story.up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="story.page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="story.page_up"),
        Binding("g,home", "first", "First", show=False, id="story.first"),
        Binding("G,end", "last", "Last", show=False, id="story.last"),
        Binding("l,right", "sideways(1)", "Right", show=False, id="story.right",
                tooltip="Scroll the coverage grid's outlets (and long lines) to the right"),
        Binding("h,left", "sideways(-1)", "Left", show=False, id="story.left",
                tooltip="Scroll back to the left"),
    ]

    class Moved(Message):
        """The highlighted row changed (``row`` None: the list is empty)."""

        def __init__(self, story_list: StoryList, row: StoryRow | None) -> None:
            super().__init__()
            self.story_list, self.row = story_list, row

    class Chosen(Message):
        def __init__(self, row: StoryRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.section: Section | None = None
        self.cursor = 0
        self._strips: dict[tuple, Strip] = {}

    # --- content ----------------------------------------------------------------------

    @property
    def rows(self) -> list[StoryRow]:
        return self.section.rows if self.section else []

    @property
    def highlighted_row(self) -> StoryRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def show(self, section: Section) -> None:
        """Show ``section``, keeping the highlighted row's fact highlighted if it is still there."""
        kept = self.highlighted_row.key if self.highlighted_row else None
        self.section = section
        keys = [row.key for row in section.rows]
        self.cursor = keys.index(kept) if kept is not None and kept in keys else 0
        width = max([row.line.cell_len for row in section.rows] + [section.header.cell_len if section.header else 0])
        self.virtual_size = Size(width, len(section.rows) + self._header_lines)
        self._strips.clear()
        self._keep_cursor_in_view()
        self.refresh()
        self.post_message(self.Moved(self, self.highlighted_row))

    @property
    def _header_lines(self) -> int:
        return 1 if self.section and self.section.header is not None else 0

    @property
    def _row_lines(self) -> int:
        """How many rows fit under the header."""
        return max(1, self.scrollable_content_region.height - self._header_lines)

    def plain_lines(self) -> list[str]:
        """Every row as plain text (for tests and copying)."""
        return [row.line.plain for row in self.rows]

    # --- actions ----------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * self._row_lines)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_sideways(self, step: int) -> None:
        self.scroll_to(x=max(0, self.scroll_offset.x + step * STEP_CELLS), animate=False, immediate=True)

    def action_choose(self) -> None:
        row = self.highlighted_row
        if row is None:
            self.app.bell()
        else:
            self.post_message(self.Chosen(row))

    def move_to(self, row: int) -> None:
        if not self.rows:
            return
        row = max(0, min(len(self.rows) - 1, row))
        if row != self.cursor:
            self.cursor = row
            self._keep_cursor_in_view()
            self.refresh()
            self.post_message(self.Moved(self, self.highlighted_row))

    def _keep_cursor_in_view(self) -> None:
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._row_lines:
            self.scroll_to(y=self.cursor - self._row_lines + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._keep_cursor_in_view()

    def on_click(self, event: Click) -> None:
        if event.y >= self._header_lines:
            self.move_to(int(self.scroll_offset.y) + event.y - self._header_lines)

    # --- drawing ----------------------------------------------------------------------

    def styles_by_role(self) -> dict[str, Style]:
        return {role: self.get_component_rich_style(name) for role, name in ROLES.items()} | PLAIN_ROLES

    def themed(self, text: Text) -> Text:
        """A detail text of these rows in this widget's theme."""
        return themed(text, self.styles_by_role())

    def render_line(self, y: int) -> Strip:
        width, base = self.size.width, self.rich_style
        scroll_x, scroll_y = self.scroll_offset
        if self.section is None:
            return Strip.blank(width, base)
        if y < self._header_lines:
            return self._strip(("header",), self.section.header, base, width, scroll_x, cursor=False)
        index = scroll_y + y - self._header_lines
        if not self.rows:
            return self._strip(("empty",), Text(self.section.empty, "muted"), base, width, 0, cursor=False) \
                if y == self._header_lines else Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        return self._strip(("row", index), self.rows[index].line, base, width, scroll_x, cursor=index == self.cursor)

    def _strip(self, what: tuple, text: Text, base: Style, width: int, scroll_x: int, cursor: bool) -> Strip:
        key = (*what, width, scroll_x, cursor, base, self.app.theme)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        if len(self._strips) > 1000:
            self._strips.clear()
        style = base + self.get_component_rich_style("story-list--cursor") if cursor else base
        line = themed(text, self.styles_by_role(), style)
        whole = Strip(Segment.apply_style(line.render(self.app.console), style), line.cell_len)
        frozen = min(self.section.frozen, width)
        if frozen:  # the names stay; the grid beside them scrolls
            left = whole.crop_extend(0, frozen, style)
            right = whole.crop_extend(frozen + scroll_x, frozen + scroll_x + width - frozen, style)
            strip = Strip.join([left, right])
        else:
            strip = whole.crop_extend(scroll_x, scroll_x + width, style)
        self._strips[key] = strip
        return strip
