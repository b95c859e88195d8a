"""The line above the results: how many articles match, per outlet, "did
you mean", the index's progress, an empty corpus, or why a search failed."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ceasefire_tui.index import RefreshReport, SearchResult, plural

from ..hints import key_hint
from .results import UNKNOWN_OUTLET

MAX_LINES = 4  # as #status's max-height in app.tcss


def _wrapped_lines(text: str, width: int, column: int = 0) -> int:
    """How many lines ``text`` takes wrapped at ``width`` a word at a time,
    its first line begun at ``column``."""
    lines = 1
    for word in text.split(" "):
        if column and column + 1 + len(word) > width:
            lines, column = lines + 1, 0
        elif column:
            column += 1
        column += len(word)
        if column > width:  # a word longer than a line is cut across lines
            extra = (column - 1) // width
            lines, column = lines + extra, column - extra * width
    return lines


class StatusLine(Static):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._lines = 0  # the height when last laid out

    def show(self, result: SearchResult | None, indexing: str = "", report: RefreshReport | None = None,
             corpus_location: str = "", typing: bool = False) -> None:
        """``indexing``: the progress line of a refresh under way; ``report``:
        the last refresh's (an empty corpus says where it was looked for);
        ``typing``: keep the height the status has (see _update)."""
        empty_corpus = report is not None and report.articles == 0
        self.set_class(empty_corpus, "-empty-corpus")
        if empty_corpus:
            self._update(self._empty_corpus(report, corpus_location))
        elif indexing and (result is None or (result.total == 0 and not result.query.strip())):
            self._update(Content.assemble((indexing, "bold")), typing)  # the first build: nothing to count yet
        elif result is not None:
            self._update(self._counts(result, indexing), typing)

    def show_error(self, error: str) -> None:
        self._update(Content.assemble(("✗ ", "$error bold"), (error[:1].upper() + error[1:], "$error")))

    def _counts(self, result: SearchResult, indexing: str) -> Content:
        noun = "article" if result.total == 1 else "articles"
        # "15 articles from 12 outlets, 3 copies of 2 wire stories" when some match copies another.
        parts: list = [(result.copies_text() if result.copies.copies else plural(result.total, "article"), "bold")]
        if result.partial:
            parts = [(f"{result.total}+ {noun}", "bold"), (" (counting…)", "$text-muted italic")]
            if not result.total:  # nothing found before the time limit: "0+" would read as none
                parts = [("Searching…", "$text-muted italic")]
        extra_lines = bool(result.suggestion) + bool(indexing)
        if result.outlets:
            # Over every match; while typing a search cut short counts what it found so far.
            lead = f"  {'so far: ' if result.partial else ''}"
            counts = self._outlet_counts(result, sum(len(part[0]) for part in parts) + len(lead),
                                         MAX_LINES - extra_lines)
            parts.append((lead + counts, "$text-muted"))
        if result.suggestion:
            parts += ["\nDid you mean ", (result.suggestion, "bold $accent"),
                      f"?  {key_hint(self, 'accept_suggestion')} uses it"]
        if indexing:
            parts.append((f"\n{indexing}", "$text-muted italic"))
        return Content.assemble(*parts)

    def _outlet_counts(self, result: SearchResult, lead: int, lines: int) -> str:
        """"Reuters 15 · AP 9 · …" as far as fits in ``lines`` after ``lead``
        characters, then how many outlets more: a corpus of hundreds of
        outlets would fill the line with a list nobody sees the end of, and
        wrapping all of it at every key cost up to 10 ms a frame."""
        width = max(20, self.content_region.width or 80)
        counts = [f"{outlet or UNKNOWN_OUTLET} {count}" for outlet, count in result.outlets.items()]

        def listing(shown: int) -> str:
            rest = len(counts) - shown
            return " · ".join(counts[:shown] + ([plural(rest, "more outlet" if shown else "outlet")] if rest else []))

        shown = 0
        while shown < len(counts) and _wrapped_lines(listing(shown + 1), width, lead) <= lines:
            shown += 1
        return listing(shown)

    def _empty_corpus(self, report: RefreshReport, corpus_location: str) -> Content:
        """What to do when the corpus has no article: where it was looked for."""
        parts: list = [("No articles to read.", "bold $warning"),
                       f"\nNothing readable in {corpus_location}. "
                       "Add .txt, .md, .json or .jsonl articles there, then start ceasefire-tui again."]
        if report.skipped:
            count = len(report.skipped)
            parts.append(f"\n{plural(count, 'file')} {'was' if count == 1 else 'were'} skipped: "
                         f"{key_hint(self, 'index_report')} shows why.")
        return Content.assemble(*parts)

    def _update(self, content: Content, typing: bool = False) -> None:
        """A layout pass (a reflow of the whole screen) only when the status
        changes height, and never while typing: its text changes with every
        key, and its height with the number of outlets found so far. While
        typing the status keeps its height (a longer text is cut, a shorter
        one leaves a blank line); the next status shown after typing sets it."""
        width = max(1, self.content_region.width)
        lines = sum(_wrapped_lines(line, width) for line in content.plain.split("\n"))
        relayout = lines != self._lines and not typing
        if str(self.render()) == content.plain and not relayout:
            return
        self.update(content, layout=relayout)
        if relayout:
            self._lines = lines
