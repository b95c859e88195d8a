"""The results list: one entry per hit with title, outlet, date (and
"summary only" for an article that is not the full text) and snippet; the
syndicated copies of one story (the same wire story on several sites) as
one entry, "Reuters · 3 sites", that a key expands to each copy.

Prompts are built as ``Content`` with styled spans: titles and snippets are
article text and may contain square brackets, which markup would eat.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ceasefire_tui.index import Hit, day_of, plural

from ..hints import key_hint

UNKNOWN_OUTLET = "unknown outlet"
# Marks an article that is only a summary (a feed item without its content).
SUMMARY_ONLY = "summary only"
COLLAPSED, EXPANDED, COPY = "▸ ", "▾ ", "  ↳ "
MARK = "⇄ "  # the result marked for comparison; not ◆: the entity sidebar uses it for people


def highlighted(text: str, ranges: list[tuple[int, int]], style: str) -> Content:
    content = Content(text)
    for start, end in ranges:
        content = content.stylize(style, start, end)
    return content


def hit_prompt(hit: Hit) -> Content:
    """Title, outlet and id, and the snippet once it is cut: a snippet not cut
    yet is left out rather than cut here, on the UI thread (see show_snippets)."""
    title = highlighted(hit.title, hit.title_highlights, "underline").stylize("bold")
    about = (hit.source or UNKNOWN_OUTLET, day_of(hit.published) or hit.published, hit.id)
    outlet = Content.styled(" · ".join(part for part in about if part), "$text-muted italic")
    parts = [title, Content("\n"), outlet]
    if hit.summary_only:
        parts += [Content(" · "), Content.styled(SUMMARY_ONLY, "$warning italic")]
    if hit.snippet_ready and hit.snippet:
        parts += [Content("\n"), highlighted(hit.snippet, hit.highlights, "bold reverse")]
    return Content.assemble(*parts)


@dataclass(slots=True)
class Row:
    """One line of the list: a hit alone, the first hit of a story with
    copies among the results (``copies``: the others), or one of those
    copies shown under it (``under``: the first hit's id)."""

    hit: Hit
    copies: list[Hit]
    under: str | None = None


def rows_of(hits: list[Hit], expanded: set[str]) -> list[Row]:
    """The list's rows: the copies of one story under its best-ranked hit,
    listed there when its group is in ``expanded``."""
    first_of: dict[str, Row] = {}
    rows: list[Row] = []
    for hit in hits:
        group = hit.group
        if group is None:
            rows.append(Row(hit, []))
        elif group.id in first_of:
            first_of[group.id].copies.append(hit)
        else:
            first_of[group.id] = Row(hit, [])
            rows.append(first_of[group.id])
    listed: list[Row] = []
    for row in rows:
        listed.append(row)
        if row.copies and row.hit.group.id in expanded:
            listed += [Row(copy, [], under=row.hit.id) for copy in row.copies]
    return listed


class ResultsList(OptionList):
    # A new list changes the virtual height, which for any widget means a
    # layout pass of the whole screen (~15 ms at 120 x 40, on every result
    # while typing). The list's height is fixed by the layout, so only its
    # own scroll bar depends on it, and OptionList updates that itself.
    virtual_size = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="results.down"),
        Binding("k", "cursor_up", "Up", show=False, id="results.up"),
        Binding("g", "first", "First", show=False, id="results.first"),
        Binding("G", "last", "Last", show=False, id="results.last"),
        Binding("x", "toggle_copies", "Copies", show=False, id="results.copies",
                tooltip="Show or hide, under a story carried by several sites, each of its copies"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[Hit] = []  # the listed ones, one per row, in order
        self._all: list[Hit] = []  # every hit of the result, in rank order
        self._rows: list[Row] = []  # the listed rows
        self._rest: list[Row] = []  # held back by show_hits(rows=...)
        self._without_snippet: list[int] = []  # rows drawn before their snippet was cut
        self.expanded: set[str] = set()  # the groups whose copies are listed
        self.marked_id: str | None = None  # the result marked for comparison (⇄)

    def _update_lines(self) -> None:
        # OptionList calls this for every line it draws (its ``_lines``);
        # once each option's lines are counted there is nothing to add, and
        # finding the content region to learn that cost a third of the
        # list's paint. A resize clears the lines, so the full pass runs then.
        lines = self._line_cache.lines
        if lines and lines[-1][0] + 1 == len(self.options):
            return
        super()._update_lines()

    def show_hits(self, hits: list[Hit], keep_id: str | None = None, rows: int | None = None) -> None:
        """Replace the list, keeping ``keep_id`` highlighted when it is still
        there. ``rows``: list only that many now (while typing: each row is a
        prompt to build and lay out on the UI thread), the rest in show_rest."""
        self._all = list(hits)
        listed = rows_of(self._all, self.expanded)
        ids = [row.hit.id for row in listed]
        keep = ids.index(keep_id) if keep_id in ids else 0
        if rows is None or keep >= rows:
            rows = len(listed)
        self._rows, self._rest = listed[:rows], listed[rows:]
        self.hits = [row.hit for row in self._rows]
        self.set_options([Option(self._prompt(row), id=row.hit.id) for row in self._rows])
        self._without_snippet = [at for at, hit in enumerate(self.hits) if not hit.snippet_ready]
        if self.hits:
            self.highlighted = keep

    def show_rest(self) -> bool:
        """List the hits show_hits held back; False if there were none."""
        if not self._rest:
            return False
        first, rest, self._rest = len(self.hits), self._rest, []
        self._rows += rest
        self.hits += [row.hit for row in rest]
        self.add_options([Option(self._prompt(row), id=row.hit.id) for row in rest])
        self._without_snippet += [first + at for at, row in enumerate(rest) if not row.hit.snippet_ready]
        return True

    def show_snippets(self, hits: list[Hit]) -> None:
        """Add the snippets cut since ``hits`` were shown (in the search worker,
        after the first screenful), if the list still shows those hits."""
        if len(hits) != len(self._all) or any(new is not shown for new, shown in zip(hits, self._all)):
            return  # the list has moved on to another result
        for at in self._without_snippet:
            if self.hits[at].snippet_ready:
                self.replace_option_prompt_at_index(at, self._prompt(self._rows[at]))
        self._without_snippet = [at for at in self._without_snippet if not self.hits[at].snippet_ready]

    def show_mark(self, marked_id: str | None) -> None:
        """Mark ``marked_id`` (⇄) for comparison, unmarking the one marked before."""
        previous, self.marked_id = self.marked_id, marked_id
        for at, row in enumerate(self._rows):
            if row.hit.id in (previous, marked_id):
                self.replace_option_prompt_at_index(at, self._prompt(row))

    def _prompt(self, row: Row) -> Content:
        entry = self._entry(row)
        return Content.assemble((MARK, "bold $accent"), entry) if row.hit.id == self.marked_id else entry

    def _entry(self, row: Row) -> Content:
        if row.under is not None:
            return Content.assemble(Content.styled(COPY, "$text-muted"), hit_prompt(row.hit))
        if not row.copies:
            return hit_prompt(row.hit)
        group = row.hit.group
        shown = group.id in self.expanded
        listed = plural(len(row.copies), "other copy", "other copies")
        action = "hides" if shown else "shows"
        line = Content.assemble(
            Content.styled((EXPANDED if shown else COLLAPSED) + group.label, "bold $accent"),
            Content.styled(f"  {listed} here; {key_hint(self, 'results.copies')} {action} them", "$text-muted"),
        )
        return Content.assemble(line, Content("\n"), hit_prompt(row.hit))

    def action_toggle_copies(self) -> None:
        """Expand or collapse the copies of the highlighted story, staying on it."""
        at = self.highlighted
        if at is None or at >= len(self._rows):
            return
        row = self._rows[at]
        lead_id = row.under or row.hit.id
        lead = next(listed for listed in self._rows if listed.hit.id == lead_id)
        if not lead.copies:
            self.app.bell()
            self.notify("This article is not carried by other sites among these results.", severity="information")
            return
        self.expanded ^= {lead.hit.group.id}
        self.show_hits(self._all, keep_id=lead_id)

    @property
    def visible_rows(self) -> int:
        """How many hits fill the list at most: its height over the lines of
        the shortest hit listed now (three before any is), and two more: the
        hit cut at the bottom, and one for new hits shorter than these.
        Titles and snippets wrap, so a hit takes five to nine lines at a
        usual width: listing and cutting snippets for three lines each did
        twice the work typing needs."""
        shortest = min(self._heights.values(), default=3)
        return max(1, self.scrollable_content_region.height // max(1, shortest) + 2)

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or not self.hits or self.highlighted >= len(self.hits):
            return None
        return self.hits[self.highlighted].id
