"""Human-readable output of the headless commands, with Rich.

Article text is always wrapped in ``Text`` objects, never formatted into
markup strings, so brackets in articles print as they are. Colours appear
only on a terminal (Rich decides from the stream).
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from index.library import Library, StoredArticle
from index.search import SearchResult
from index.store import RefreshReport

HIGHLIGHT = "bold reverse"
_UNKNOWN_OUTLET = "unknown outlet"

stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False)


def styled(text: str, ranges: list[tuple[int, int]], style: str = HIGHLIGHT) -> Text:
    rendered = Text(text)
    for start, end in ranges:
        rendered.stylize(style, start, end)
    return rendered


def refresh_with_progress(library: Library, *, rebuild: bool, announce: bool) -> RefreshReport:
    """Refresh the index: a progress bar on a terminal, plain lines otherwise."""
    if stderr.is_terminal:
        with Progress(TextColumn("Indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=stderr, transient=True) as bar:
            task = bar.add_task("index", total=None)

            def progress(done: int, total: int, path: str) -> None:
                bar.update(task, completed=done, total=total)

            report = library.refresh(rebuild=rebuild, progress=progress)
    else:
        def progress(done: int, total: int, path: str) -> None:
            if announce and (done == total or done % 500 == 0):
                stderr.print(Text(f"indexed {done}/{total}"))

        report = library.refresh(rebuild=rebuild, progress=progress)
    if report.rebuilt:
        stderr.print(Text(f"note: {report.rebuilt}"))
    if announce:
        for skipped in report.skipped:
            stderr.print(Text(f"skipped {skipped.path}: {skipped.reason}"))
        for note in report.notes:
            stderr.print(Text(f"note: {note.path}: {note.reason}"))
    elif report.skipped and report.changed:
        stderr.print(Text(f"{len(report.skipped)} files could not be read (`ceasefire-tui index` lists them)"))
    if announce or report.changed:
        stderr.print(Text(report.summary()))
    return report


def print_search(result: SearchResult) -> None:
    if result.suggestion:
        stdout.print(Text.assemble("Did you mean: ", (result.suggestion, "bold"), "?"))
    noun = "article" if result.total == 1 else "articles"
    heading = Text(f"{result.total} {noun}" + (f" match {result.query!r}" if result.query.strip() else ""))
    if result.outlets:
        counts = ", ".join(f"{outlet or _UNKNOWN_OUTLET} {count}" for outlet, count in result.outlets.items())
        heading.append(f"  ({counts})", style="dim")
    stdout.print(heading)
    if not result.hits:
        return
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("article", ratio=1)
    table.add_column("score", justify="right", no_wrap=True)
    for hit in result.hits:
        article = styled(hit.title, hit.title_highlights, "bold underline")
        article.stylize("bold")
        article.append("\n")
        article.append(hit.source or _UNKNOWN_OUTLET, style="italic dim")
        article.append("\n")
        article.append_text(styled(hit.snippet, hit.highlights))
        table.add_row(Text(hit.id), article, f"{hit.score:.2f}")
    stdout.print(table)


def print_article(stored: StoredArticle) -> None:
    article = stored.article
    stdout.print(Text(article.title, style="bold"))
    meta = [article.source or _UNKNOWN_OUTLET, article.published, article.url, f"id {article.id}"]
    stdout.print(Text(" · ".join(part for part in meta if part), style="dim"))
    stdout.print()
    for block in article.blocks:
        content = article.block_text(block)
        if block.kind == "heading":
            stdout.print(Text(content, style="bold"))
        elif block.kind == "bullet":
            stdout.print(Text("  • ") + Text(content))
        elif block.kind in ("caption", "byline"):
            stdout.print(Text(content, style="italic dim"))
        else:
            stdout.print(Text(content))
        stdout.print()
