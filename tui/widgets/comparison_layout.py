"""The comparison's text, laid out in two columns: rows of aligned
sentences, then the names, figures and quotations that differ, and the
header and summary above them.

Everything is built as Rich ``Text`` with spans; article text is never
parsed as markup. Spans carry role names ("diff", "only", ...) that are
turned into the theme's styles only when a line is drawn (``resolve``), so a
theme change needs no new layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from rich.console import Console
from rich.style import Style
from rich.text import Span, Text

from ceasefire_tui.index import Comparison

from ..compare_marks import ONLY, headline_mark
UNKNOWN_OUTLET = "unknown outlet"
# Below this many columns the two sides are stacked (A above B) in each row.
STACK_BELOW = 60

ROLES = {
    "same": "comparison--same",
    "paraphrase": "comparison--paraphrase",
    "differs": "comparison--differs",
    "related": "comparison--related",
    "moved": "comparison--moved",
    "only": "comparison--only",
    "diff": "comparison--diff",
    "heading": "comparison--heading",
    "muted": "comparison--muted",
    "title": "comparison--title",
    "rule": "comparison--rule",
    "cursor": "comparison--cursor",
}
COMPONENT_CLASSES = set(ROLES.values())
_KIND_ROLE = {"same": "same", "differs": "differs", "related": "related"}

PLAIN_CONSOLE = Console(width=400, legacy_windows=False, color_system=None, force_terminal=False)


def clean(text: str) -> str:
    """One line of display text, same length (offsets stay valid)."""
    return "".join(" " if ch < " " or ch == "\x7f" else ch for ch in text)


def sentence_text(text: str, diff: list[tuple[int, int]] = ()) -> Text:
    result = Text(clean(text))
    for start, end in diff:
        result.spans.append(Span(start, end, "diff"))
    return result


def outlet_of(article) -> str:
    return article.source or UNKNOWN_OUTLET


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each part of a line goes, for one content width."""

    width: int
    stacked: bool
    gutter: int  # columns mode: marker + score between the sides; stacked: before the text
    a: int  # text widths
    b: int

    SIDE = 2  # "▌ " before each column's text (columns mode); "A " tag (stacked)

    @classmethod
    def for_width(cls, width: int) -> Columns:
        width = max(width, 20)
        if width < STACK_BELOW:
            text = width - 7 - cls.SIDE
            return cls(width, True, 7, text, text)
        gutter = 8
        text = width - gutter - 2 * cls.SIDE
        a = text // 2
        return cls(width, False, gutter, a, text - a)


def _fit(text: Text | None, width: int, overflow: str = "ellipsis") -> Text:
    """``text`` cut or padded to exactly ``width`` cells."""
    piece = text.copy() if text is not None else Text()
    piece.end = ""
    piece.no_wrap = True
    piece.truncate(width, overflow=overflow, pad=True)
    return piece


BULLET = "• "


def _wrap(text: Text | None, width: int, limit: int | None = None) -> list[Text]:
    """``text`` word-wrapped to ``width`` cells; a line starting with a
    bullet gets a hanging indent; at most ``limit`` lines, the last with …"""
    if text is None or not text.plain:
        return []
    width = max(width, 4)
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        if paragraph.plain.startswith(BULLET) and width > 8:
            body = paragraph[len(BULLET):]
            pieces = list(body.wrap(PLAIN_CONSOLE, width - len(BULLET), overflow="fold")) or [Text()]
            lines += [Text(BULLET if number == 0 else " " * len(BULLET)) + piece
                      for number, piece in enumerate(pieces)]
        else:
            lines += list(paragraph.wrap(PLAIN_CONSOLE, width, overflow="fold")) or [Text()]
    for line in lines:
        line.rstrip()  # no underlined space at the end of a line
    if limit is not None and len(lines) > limit:
        lines = lines[:limit]
        last = lines[-1]
        last.append("…")
        lines[-1] = last
    return lines


@dataclass(slots=True)
class Block:
    """One display row: a sentence row, or a part of the details section."""

    a: Text | None = None
    b: Text | None = None
    centre: Text | None = None  # marker (and score) drawn between the sides
    row: int | None = None  # index into Comparison.rows() for sentence rows
    full: Text | None = None  # a heading across both columns
    only: str = ""  # "a" or "b": the bar of a sentence only one side has
    gap: bool = True  # a blank line before it
    note: Text | None = None  # the pair's evidence, across both columns under it


@dataclass(frozen=True, slots=True)
class Line:
    block: int
    a: Text | None
    b: Text | None
    centre: Text | None = None
    bar_a: bool = False
    bar_b: bool = False
    tag: str = ""  # stacked: "A " / "B " on the first line of each side
    full: bool = False  # ``a`` spans the whole width


BLANK = -1  # the block of the blank line between two blocks


def compose_line(line: Line, columns: Columns) -> Text:
    """A laid-out line as one ``Text`` (role-named spans, not yet styled)."""
    if line.full:
        return _fit(line.a, columns.width, "crop")
    out = Text(no_wrap=True, end="")
    if columns.stacked:
        out.append_text(_fit(line.centre, columns.gutter))
        out.append(line.tag.ljust(Columns.SIDE), "muted")
        out.append_text(_fit(line.a if line.a is not None else line.b, columns.a))
        return out
    out.append(f"{ONLY} " if line.bar_a else "  ", "only" if line.bar_a else None)
    out.append_text(_fit(line.a, columns.a))
    centre = _fit(None, columns.gutter) if line.centre is None else _centred(line.centre, columns.gutter)
    out.append_text(centre)
    out.append(f"{ONLY} " if line.bar_b else "  ", "only" if line.bar_b else None)
    out.append_text(_fit(line.b, columns.b))
    return out


def _centred(text: Text, width: int) -> Text:
    piece = text.copy()
    spare = max(0, width - piece.cell_len)
    piece = Text(" " * (spare // 2)) + piece
    return _fit(piece, width)


def header_lines(comparison: Comparison, columns: Columns, title_lines: int = 3,
                 status: Text | None = None) -> list[Text]:
    """Column headers: each side's title, then outlet and id, then a rule
    (with ``status`` at its right end)."""
    headlines = comparison.headlines
    headline = Text(f"{headline_mark(headlines.kind)} {headlines.score:.2f}", _KIND_ROLE.get(headlines.kind, "related"))
    heads = []
    for tag, article in (("A", comparison.a), ("B", comparison.b)):
        meta = Text(clean(f"{outlet_of(article)} · {article.id}"), "muted")
        heads.append((tag, Text(clean(article.title), "title"), meta))

    def side(tag: str, title: Text, meta: Text, width: int) -> list[Text]:
        text_width = width - Columns.SIDE
        lines = [Text(f"{tag} " if number == 0 else "  ", "heading") + _fit(piece, text_width)
                 for number, piece in enumerate(_wrap(title, text_width, title_lines))]
        return lines + [Text("  ") + _fit(_wrap(meta, text_width, 1)[0], text_width)]

    lines: list[Text] = []
    if columns.stacked:
        for head in heads:
            lines += side(*head, columns.width)
        lines.append(Text("Headlines ", "muted") + headline + Text(f" {headlines.kind}", "muted"))
    else:
        width_a, width_b = columns.a + Columns.SIDE, columns.b + Columns.SIDE
        side_a, side_b = side(*heads[0], width_a), side(*heads[1], width_b)
        # titles top-aligned, outlets on one line
        titles_a, titles_b = side_a[:-1], side_b[:-1]
        for number, (piece_a, piece_b) in enumerate(zip_longest(titles_a, titles_b)):
            gutter = _centred(headline, columns.gutter) if number == 0 else _fit(None, columns.gutter)
            lines.append(_fit(piece_a, width_a) + gutter + _fit(piece_b, width_b))
        lines.append(side_a[-1] + _fit(None, columns.gutter) + side_b[-1])
    rule = Text("─" * columns.width, "rule")
    if status is not None and status.cell_len + 6 < columns.width:
        left = Text("─" * (columns.width - status.cell_len - 4), "rule")
        rule = left + Text(" ") + status + Text(" ───", "rule")
    lines.append(rule)
    return lines


def resolve(text: Text, styles: dict[str, Style], base: Style | None = None) -> Text:
    """``text`` with role names replaced by real styles."""
    out = Text(text.plain, no_wrap=True, end="")
    if base is not None:  # a span, not Text.style: render() ignores the style of a text without spans
        out.spans.append(Span(0, len(out.plain), base))
    for span in text.spans:
        style = styles.get(span.style, Style()) if isinstance(span.style, str) else span.style
        out.spans.append(Span(span.start, span.end, style))
    return out


def layout(blocks: list[Block], columns: Columns) -> tuple[list[Line], list[int]]:
    """Every line of every block, and the first line of each block."""
    lines: list[Line] = []
    starts: list[int] = []
    for index, block in enumerate(blocks):
        if index and block.gap:
            lines.append(Line(BLANK, None, None))  # a blank line between blocks
        starts.append(len(lines))
        if block.full is not None:
            rule = Text("─" * 2 + " ", "rule") + block.full + Text(" " + "─" * columns.width, "rule")
            lines.append(Line(index, rule, None, full=True))
            continue
        if columns.stacked:
            lines.extend(_stacked(index, block, columns))
            continue
        pieces_a = _wrap(block.a, columns.a)
        pieces_b = _wrap(block.b, columns.b)
        for number, (piece_a, piece_b) in enumerate(zip_longest(pieces_a, pieces_b)):
            lines.append(Line(index, piece_a, piece_b, block.centre if number == 0 else None,
                              bar_a=block.only == "a", bar_b=block.only == "b"))
        if not pieces_a and not pieces_b:
            lines.append(Line(index, None, None, block.centre))
        lines.extend(Line(index, piece, None, full=True) for piece in _wrap(block.note, columns.width))
    return lines, starts


def _stacked(index: int, block: Block, columns: Columns) -> list[Line]:
    lines: list[Line] = []
    for tag, text in (("A", block.a), ("B", block.b)):
        for number, piece in enumerate(_wrap(text, columns.a)):
            first = not lines
            if block.only:
                centre = Text(f"{ONLY} only" if first else ONLY, "only")
            else:
                centre = block.centre if first else None
            lines.append(Line(index, piece, None, centre, tag=f"{tag} " if number == 0 else ""))
    if not lines:
        lines.append(Line(index, None, None, block.centre))
    lines.extend(Line(index, piece, None, full=True) for piece in _wrap(block.note, columns.width))
    return lines
