"""The article reader: wraps the text itself and renders only visible lines.

Wrapping here (rather than in a Static) keeps a map from every screen line to
character offsets in the article, which is what jumping between matches and
entity mentions needs, and keeps long articles cheap to scroll.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ceasefire_tui.index import StoredArticle

MARGIN = 2
BULLET = "• "
GUTTER_MORE = "+"  # the last gutter cell when a line mentions more types than fit
STRIPS_KEPT = 1000  # rendered lines cached at most (a few screens of a long article)


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled range of the article text: a search match or an entity mention.

    ``symbol`` is drawn in the left gutter of the line where the mark starts
    (in ``symbol_style``), so a mention is never told apart by colour alone;
    ``marker`` goes in the gutter's first cell (the current mention).
    """

    start: int
    end: int
    style: Style
    symbol: str = ""
    symbol_style: Style | None = None
    marker: str = ""
    headline: bool = False  # a range of the title, not of the text


@dataclass(frozen=True, slots=True)
class _Line:
    source: str  # "title", "meta", "text" or "blank"
    start: int
    end: int
    kind: str  # the block kind, or "title"/"meta"/"blank"
    prefix: str = ""
    part: int = 0  # which line of the header, for "meta"


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` into ranges at most ``width`` cells."""
    width = max(width, 8)
    ranges: list[tuple[int, int]] = []
    line_start = start
    while line_start < end:
        while line_start < end and text[line_start] == " ":
            line_start += 1
        if line_start >= end:
            break
        position, used, last_break = line_start, 0, -1
        while position < end:
            used += cell_len(text[position])
            if used > width:
                break
            if text[position] == " ":
                last_break = position
            position += 1
        if position >= end:
            ranges.append((line_start, end))
            break
        cut = last_break if last_break > line_start else position
        ranges.append((line_start, cut))
        line_start = cut
    return ranges


class ArticleReader(ScrollView, can_focus=True):
    """Shows one article; ``n``/``N`` move between the search matches in it."""

    COMPONENT_CLASSES = {
        "reader--title", "reader--meta", "reader--heading", "reader--caption",
        "reader--match", "reader--current-match",
    }
    BINDINGS = [
        Binding("n", "next_match", "Next match", id="reader.next_match"),
        Binding("N", "previous_match", "Prev match", id="reader.previous_match"),
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
    ]

    class MatchMoved(Message):
        def __init__(self, current: int, total: int) -> None:
            super().__init__()
            self.current, self.total = current, total

    def __init__(self, text_width: int = 88, symbol_gutter: int = 0, **kwargs) -> None:
        """``symbol_gutter``: cells for mark symbols left of the text (0: none)."""
        super().__init__(**kwargs)
        self.text_width = text_width
        self.symbol_cells = symbol_gutter
        # The marker cell, the symbol cells and a space; or the plain margin.
        self.left_margin = symbol_gutter + 2 if symbol_gutter else MARGIN
        self.stored: StoredArticle | None = None
        self._matches: list[tuple[int, int]] = []
        self._title_matches: list[tuple[int, int]] = []
        self._marks: list[Mark] = []
        self._title_marks: list[Mark] = []
        self._mark_starts: list[int] = []
        self._current = -1
        self._lines: list[_Line] = []
        self._meta: list[str] = []  # the header's lines: outlet, authors, dates, address, file
        self._text_line_starts: list[int] = []
        self._text_line_index: list[int] = []
        self._laid_out_width = 0
        # Rendered lines, kept until what they show changes: a screen update
        # that reflows the layout asks every visible line again (after each
        # search while typing), and a line with its highlights takes a while.
        self._strips: dict[tuple, Strip] = {}

    # --- content -------------------------------------------------------------

    @property
    def article_id(self) -> str | None:
        return self.stored.article.id if self.stored else None

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def current_match(self) -> int:
        return self._current

    @property
    def current_span(self) -> tuple[int, int] | None:
        """The text range of the current match, highlighted; None before n or N."""
        return self._matches[self._current] if 0 <= self._current < len(self._matches) else None

    def show(self, stored: StoredArticle | None, matches: list[tuple[int, int]] = (),
             title_matches: list[tuple[int, int]] = (), *, keep_position: bool = False) -> None:
        same = stored is not None and self.stored is not None and stored.article.id == self.stored.article.id
        self.stored = stored
        self._matches = list(matches)
        self._title_matches = list(title_matches)
        self._current = -1
        self._layout(force=True)
        if not (same and keep_position):
            self.scroll_to(y=0, animate=False, immediate=True)
        self.post_message(self.MatchMoved(self._current, len(self._matches)))

    def set_marks(self, marks: list[Mark]) -> None:
        self._marks = sorted((mark for mark in marks if not mark.headline), key=lambda mark: mark.start)
        self._title_marks = [mark for mark in marks if mark.headline]
        self._mark_starts = [mark.start for mark in self._marks]
        self._strips.clear()
        self.refresh()

    @property
    def marks(self) -> list[Mark]:
        """The marks of the text."""
        return list(self._marks)

    @property
    def title_marks(self) -> list[Mark]:
        """The marks of the title (entity names the headline gives)."""
        return list(self._title_marks)

    def line_of_offset(self, offset: int) -> int:
        """The screen line (in virtual coordinates) showing text ``offset``."""
        index = bisect_right(self._text_line_starts, offset) - 1
        return self._text_line_index[max(index, 0)] if self._text_line_index else 0

    def scroll_to_offset(self, offset: int) -> None:
        line = self.line_of_offset(offset)
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if not top + 2 <= line < top + height - 2:
            self.scroll_to(y=max(0, line - max(2, height // 3)), animate=False, immediate=True)
        self.refresh()

    def visible_text(self) -> str:
        """What the reader shows, as plain lines (for tests and copying)."""
        return "\n".join(self._plain(line) for line in self._lines)

    # --- actions ------------------------------------------------------------

    def action_next_match(self) -> None:
        self._move_match(+1)

    def action_previous_match(self) -> None:
        self._move_match(-1)

    def _move_match(self, step: int) -> None:
        if not self._matches:
            self.app.bell()
            return
        if self._current < 0:
            self._current = 0 if step > 0 else len(self._matches) - 1
        else:
            self._current = (self._current + step) % len(self._matches)
        self.scroll_to_offset(self._matches[self._current][0])
        self.post_message(self.MatchMoved(self._current, len(self._matches)))

    # --- layout ---------------------------------------------------------------

    def on_resize(self) -> None:
        self._layout()

    def _wrap_width(self) -> int:
        available = self.scrollable_content_region.width or self.size.width or self.text_width
        return max(10, min(self.text_width, available - self.left_margin - 1))

    def _layout(self, force: bool = False) -> None:
        width = self._wrap_width()
        if not force and width == self._laid_out_width:
            return
        self._laid_out_width = width
        self._lines, self._text_line_starts, self._text_line_index = [], [], []
        self._strips.clear()
        if self.stored is None:
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        article = self.stored.article
        # A title taken from the first sentence would be read twice: the
        # article then opens with that sentence, in full, under the meta line.
        if not article.title_inferred:
            for start, end in wrap(article.title, 0, len(article.title), width):
                self._lines.append(_Line("title", start, end, "title"))
        self._meta = self.stored.provenance()
        for part, meta in enumerate(self._meta):
            for start, end in wrap(meta, 0, len(meta), width):
                self._lines.append(_Line("meta", start, end, "meta", part=part))
        for block in article.blocks:
            self._lines.append(_Line("blank", 0, 0, "blank"))
            prefix = BULLET if block.kind == "bullet" else ""
            for number, (start, end) in enumerate(wrap(article.text, block.start, block.end, width - len(prefix))):
                self._text_line_starts.append(start)
                self._text_line_index.append(len(self._lines))
                shown_prefix = prefix if number == 0 else " " * len(prefix)
                self._lines.append(_Line("text", start, end, block.kind, shown_prefix))
        self.virtual_size = Size(width + self.left_margin, len(self._lines))
        self.refresh()

    def _source_text(self, line: _Line) -> str:
        article = self.stored.article
        if line.source == "title":
            return article.title
        if line.source == "meta":
            return self._meta[line.part]
        return article.text if line.source == "text" else ""

    def _plain(self, line: _Line) -> str:
        return line.prefix + self._source_text(line)[line.start:line.end]

    # --- rendering -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        key = (index, scroll_x, width, base, self._current, self.app.theme)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > STRIPS_KEPT:
                self._strips.clear()
            text = self._styled_line(self._lines[index], base)
            # Text.render leaves unstyled runs bare (the caller is meant to apply the
            # base style): without this a line with no spans shows the terminal's
            # own colours, which in a light theme is a dark band.
            strip = Strip(Segment.apply_style(text.render(self.app.console), base), text.cell_len)
            strip = strip.crop_extend(scroll_x, scroll_x + width, base).apply_offsets(scroll_x, index)
            self._strips[key] = strip
        return strip

    def _styled_line(self, line: _Line, base: Style) -> Text:
        body = self._source_text(line)[line.start:line.end]
        in_text = self.symbol_cells and line.source == "text"
        gutter = _gutter(self._marks, self._mark_starts, line, self.symbol_cells) if in_text else None
        indent = (gutter.plain if gutter else " " * self.left_margin) + line.prefix
        text = Text(indent + body, style=base, no_wrap=True, end="")
        if gutter:
            for span in gutter.spans:
                text.stylize(span.style, span.start, span.end)
        kind_class = {"title": "reader--title", "meta": "reader--meta", "heading": "reader--heading",
                      "caption": "reader--caption", "credit": "reader--caption", "byline": "reader--caption",
                      "dateline": "reader--caption"}.get(line.kind)
        if kind_class:
            text.stylize(self.get_component_rich_style(kind_class), len(indent))
        shift = len(indent) - line.start
        if line.source == "text":
            for mark in self._marks:
                if mark.start < line.end and mark.end > line.start:
                    text.stylize(mark.style, max(mark.start, line.start) + shift, min(mark.end, line.end) + shift)
            self._stylize_matches(text, self._matches, line, shift)
        elif line.source == "title":
            for mark in self._title_marks:
                if mark.start < line.end and mark.end > line.start:
                    text.stylize(mark.style, max(mark.start, line.start) + shift, min(mark.end, line.end) + shift)
            self._stylize_matches(text, self._title_matches, line, shift, allow_current=False)
        return text

    def _stylize_matches(self, text: Text, matches, line: _Line, shift: int, allow_current: bool = True) -> None:
        match_style = self.get_component_rich_style("reader--match")
        current_style = self.get_component_rich_style("reader--current-match")
        for number, (start, end) in enumerate(matches):
            if start < line.end and end > line.start:
                style = current_style if allow_current and number == self._current else match_style
                text.stylize(style, max(start, line.start) + shift, min(end, line.end) + shift)


def _gutter(marks: list[Mark], mark_starts: list[int], line: _Line, symbol_cells: int) -> Text:
    """The marker and the symbols of the ``marks`` that start on ``line``
    (``mark_starts``: their starts, in order), as ``symbol_cells`` cells and
    two more: the marker, the symbols right-aligned in reading order, a space."""
    first, last = bisect_left(mark_starts, line.start), bisect_left(mark_starts, line.end)
    symbols: list[tuple[str, Style | None]] = []
    marker: tuple[str, Style | None] = (" ", None)
    for mark in marks[first:last]:
        if mark.marker and marker[0] == " ":
            marker = (mark.marker[:1], mark.symbol_style)
        entry = (mark.symbol[:1], mark.symbol_style)
        if mark.symbol and entry not in symbols:
            symbols.append(entry)
    if len(symbols) > symbol_cells:
        symbols = symbols[:symbol_cells - 1] + [(GUTTER_MORE, Style(dim=True))]
    gutter = Text()
    gutter.append(marker[0] if cell_len(marker[0]) == 1 else " ", style=marker[1] or "")
    used = sum(cell_len(symbol) for symbol, _ in symbols)
    gutter.append(" " * max(0, symbol_cells - used))
    for symbol, style in symbols:
        gutter.append(symbol, style=style or "")
    gutter.append(" ")
    return gutter
