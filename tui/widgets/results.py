"""The results list: one entry per hit with title, outlet (and "summary
only" for an article that is not the full text) and snippet.

Prompts are built as ``Content`` with styled spans: titles and snippets are
article text and may contain square brackets, which markup would eat.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index import Hit

UNKNOWN_OUTLET = "unknown outlet"
# Marks an article that is only a summary (a feed item without its content).
SUMMARY_ONLY = "summary only"


def highlighted(text: str, ranges: list[tuple[int, int]], style: str) -> Content:
    content = Content(text)
    for start, end in ranges:
        content = content.stylize(style, start, end)
    return content


def hit_prompt(hit: Hit) -> Content:
    """Title, outlet and id, and the snippet once it is cut: a snippet not cut
    yet is left out rather than cut here, on the UI thread (see show_snippets)."""
    title = highlighted(hit.title, hit.title_highlights, "underline").stylize("bold")
    outlet = Content.styled(f"{hit.source or UNKNOWN_OUTLET} · {hit.id}", "$text-muted italic")
    parts = [title, Content("\n"), outlet]
    if hit.summary_only:
        parts += [Content(" · "), Content.styled(SUMMARY_ONLY, "$warning italic")]
    if hit.snippet_ready and hit.snippet:
        parts += [Content("\n"), highlighted(hit.snippet, hit.highlights, "bold reverse")]
    return Content.assemble(*parts)


class ResultsList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="results.down"),
        Binding("k", "cursor_up", "Up", show=False, id="results.up"),
        Binding("g", "first", "First", show=False, id="results.first"),
        Binding("G", "last", "Last", show=False, id="results.last"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[Hit] = []  # the listed ones, in order
        self._rest: list[Hit] = []  # held back by show_hits(rows=...)
        self._without_snippet: list[int] = []  # rows drawn before their snippet was cut

    def show_hits(self, hits: list[Hit], keep_id: str | None = None, rows: int | None = None) -> None:
        """Replace the list, keeping ``keep_id`` highlighted when it is still
        there. ``rows``: list only that many now (while typing: each row is a
        prompt to build and lay out on the UI thread), the rest in show_rest."""
        ids = [hit.id for hit in hits]
        keep = ids.index(keep_id) if keep_id in ids else 0
        if rows is None or keep >= rows:
            rows = len(hits)
        self.hits, self._rest = list(hits[:rows]), list(hits[rows:])
        self.set_options([Option(hit_prompt(hit), id=hit.id) for hit in self.hits])
        self._without_snippet = [row for row, hit in enumerate(self.hits) if not hit.snippet_ready]
        if self.hits:
            self.highlighted = keep

    def show_rest(self) -> bool:
        """List the hits show_hits held back; False if there were none."""
        if not self._rest:
            return False
        first, rest, self._rest = len(self.hits), self._rest, []
        self.hits += rest
        self.add_options([Option(hit_prompt(hit), id=hit.id) for hit in rest])
        self._without_snippet += [first + row for row, hit in enumerate(rest) if not hit.snippet_ready]
        return True

    def show_snippets(self, hits: list[Hit]) -> None:
        """Add the snippets cut since ``hits`` were shown (in the search worker,
        after the first screenful), if the list still shows those hits."""
        if len(hits) != len(self.hits) or any(new is not shown for new, shown in zip(hits, self.hits)):
            return  # the list has moved on to another result
        for row in self._without_snippet:
            if self.hits[row].snippet_ready:
                self.replace_option_prompt_at_index(row, hit_prompt(self.hits[row]))
        self._without_snippet = [row for row in self._without_snippet if not self.hits[row].snippet_ready]

    @property
    def visible_rows(self) -> int:
        """About how many hits fit on screen (each takes three lines)."""
        return max(1, self.scrollable_content_region.height // 3 + 1)

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or not self.hits or self.highlighted >= len(self.hits):
            return None
        return self.hits[self.highlighted].id
