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

from ceasefire_tui.index import (DIFFERS, MOVED, ONLY_A, ONLY_B, RELATED, SAME, Added, Library, RefreshReport, SearchResult,
                   StoredArticle, day_of, plural, printable)

from .compare_marks import (LEGEND, ONLY, counts, evidence_line, headline_mark, moved_pointer, pair_mark, run_text,
                            span_label)

HIGHLIGHT = "bold reverse"
_UNKNOWN_OUTLET = "unknown outlet"

class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Rich would exit with status 1; the command line ends quietly with 0
        when the reader of a pipe stops early (`| head`)."""
        self.quiet = True
        raise BrokenPipeError


stdout = _Console(highlight=False)
stderr = _Console(stderr=True, highlight=False)


def styled(text: str, ranges: list[tuple[int, int]], style: str = HIGHLIGHT) -> Text:
    rendered = Text(text)
    for start, end in ranges:
        rendered.stylize(style, start, end)
    return rendered


def refresh_with_progress(library: Library, *, rebuild: bool, announce: bool, wait: bool = True) -> RefreshReport:
    """Refresh the index: a progress bar on a terminal, plain lines otherwise.
    Ctrl-C stops it, saying so; nothing of it is committed."""
    try:
        return _refresh_with_progress(library, rebuild=rebuild, announce=announce, wait=wait)
    except KeyboardInterrupt:
        stderr.print(Text("stopped: the index was left as it was before this update"))
        raise


def _refresh_with_progress(library: Library, *, rebuild: bool, announce: bool, wait: bool) -> RefreshReport:
    if stderr.is_terminal:
        with Progress(TextColumn("Indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=stderr, transient=True) as bar:
            task = bar.add_task("index", total=None)

            def progress(done: int, total: int, path: str) -> None:
                bar.update(task, completed=done, total=total)

            report = library.refresh(rebuild=rebuild, progress=progress, wait=wait)
    else:
        def progress(done: int, total: int, path: str) -> None:
            if announce and done and (done == total or done % 500 == 0):
                stderr.print(Text(f"indexed {done}/{total}"))

        report = library.refresh(rebuild=rebuild, progress=progress, wait=wait)
    if report.rebuilt:
        stderr.print(Text(f"note: {printable(report.rebuilt)}"), soft_wrap=True)  # one line, whatever its length
    if report.backend_note:
        stderr.print(Text(f"note: {report.backend_note}"), soft_wrap=True)  # one line, for scripts to grep
    if announce:  # one line per file, however long, for scripts that read them
        for skipped in report.skipped:
            stderr.print(Text(f"skipped {printable(skipped.path)}: {printable(skipped.reason)}"), soft_wrap=True)
        for note in report.notes:
            stderr.print(Text(f"note: {printable(note.path)}: {printable(note.reason)}"), soft_wrap=True)
    elif report.skipped and report.changed:
        unread = plural(len(report.skipped), "file")
        stderr.print(Text(f"{unread} could not be read (`ceasefire-tui index` lists them)"))
    if announce or report.changed:
        stderr.print(Text(report.summary()))
    return report


def print_search(result: SearchResult) -> None:
    if result.suggestion:
        stdout.print(Text.assemble("Did you mean: ", (result.suggestion, "bold"), "?"))
    heading = Text(result.copies_text() if result.copies.copies else plural(result.total, "article"))
    if result.query.strip():
        heading.append(f" match {result.query!r}")
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
        article.append(" · ".join(filter(None, (hit.source or _UNKNOWN_OUTLET, day_of(hit.published)))),
                       style="italic dim")
        if hit.summary_only:
            article.append(" · summary only", style="italic yellow")
        if hit.group is not None:
            article.append(f"  ⧉ {hit.group.label}: also " + ", ".join(
                f"{copy.source or _UNKNOWN_OUTLET} ({copy.id})" for copy in hit.group.others(hit.id)), style="dim")
        article.append("\n")
        article.append_text(styled(hit.snippet, hit.highlights))
        table.add_row(Text(hit.id), article, f"{hit.score:.2f}")
    stdout.print(table)


def print_article(stored: StoredArticle) -> None:
    article = stored.article
    stdout.print(Text(article.title, style="bold"))
    for line in stored.provenance():
        stdout.print(Text(line, style="dim"))
    stdout.print()
    for block in article.blocks:
        content = article.block_text(block)
        if block.kind == "heading":
            stdout.print(Text(content, style="bold"))
        elif block.kind == "bullet":
            stdout.print(Text("  • ") + Text(content))
        elif block.kind in ("caption", "credit", "byline", "dateline"):
            stdout.print(Text(content, style="italic dim"))
        else:
            stdout.print(Text(content))
        stdout.print()


# --- entities ------------------------------------------------------------------

_TYPE_ORDER = ("PERSON", "ORG", "GPE", "NORP", "FIGURE", "DATE")
# Rich colours for the terminal tables (the TUI uses the config's theme colours).
_TYPE_STYLE = {"PERSON": "cyan", "ORG": "yellow", "GPE": "green", "NORP": "magenta", "FIGURE": "red", "DATE": "blue"}
GRID_COLUMNS = 24  # more articles than this: a count instead of a column each


def _type_label(kind: str, types) -> Text:
    spec = types.get(kind)
    symbol, label = (spec.symbol, spec.label) if spec else ("?", kind)
    return Text(f"{symbol} {label}", style=_TYPE_STYLE.get(kind, ""))


def _type_rank(kind: str) -> int:
    return _TYPE_ORDER.index(kind) if kind in _TYPE_ORDER else len(_TYPE_ORDER)


def print_article_entities(stored: StoredArticle, rows, table, types) -> None:
    article = stored.article
    stdout.print(Text(article.title, style="bold"))
    entities = plural(len(rows), "entity", "entities")
    stdout.print(Text(f"{article.source or _UNKNOWN_OUTLET} · {article.id} · {entities}", style="dim"))
    ids = sorted(table.per_article)
    grid = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("type", "name", "count", "articles", "also written as"):
        grid.add_column(column, no_wrap=column != "also written as", justify="right" if column == "count" else "left")
    for entity in sorted(rows, key=lambda e: (_type_rank(e.type), -e.count, e.name)):
        mentioned = set(table.articles_of(entity.name, entity.type))
        coverage = ("".join("●" if i in mentioned else "·" for i in ids) if len(ids) <= GRID_COLUMNS
                    else f"{len(mentioned)} of {len(ids)}")
        others = [alias for alias in entity.aliases if alias != entity.name]
        grid.add_row(_type_label(entity.type, types), Text(entity.name), str(entity.count),
                     Text(coverage), Text(", ".join(others), style="dim"))
    stdout.print(grid)


def print_coverage(table, per_article, types) -> None:
    """Entity × article: a dot where the article mentions the entity."""
    ids = [article for article, rows in per_article.items()]
    wanted = {row.key for rows in per_article.values() for row in rows}
    entries = sorted((table.entries[key] for key in wanted if key in table.entries),
                     key=lambda e: (_type_rank(e.type), -len(e.articles), -e.count, e.name))
    stdout.print(Text(f"{plural(len(entries), 'entity', 'entities')} in {plural(len(ids), 'article')}", style="bold"))
    grid = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    grid.add_column("type", no_wrap=True)
    grid.add_column("name")
    grid.add_column("mentions", justify="right")
    if len(ids) <= GRID_COLUMNS:
        for article in ids:
            grid.add_column(Text(article[:3]), justify="center", no_wrap=True)
    else:
        grid.add_column("articles", justify="right")
    for entry in entries:
        mentioned = set(entry.articles)
        cells = ([Text("●" if article in mentioned else "·") for article in ids] if len(ids) <= GRID_COLUMNS
                 else [Text(str(len(mentioned)))])
        grid.add_row(_type_label(entry.type, types), Text(entry.name), str(entry.count), *cells)
    stdout.print(grid)
    if len(ids) <= GRID_COLUMNS:
        stdout.print(Text("columns: " + "  ".join(f"{article[:3]}={article}" for article in ids), style="dim"))


def print_correction_done(message: str) -> None:
    stdout.print(Text(message), soft_wrap=True)


def print_corrections(listed, path: str) -> None:
    """This corpus's corrections, numbered as ``--undo`` takes them."""
    if not listed:
        stdout.print(Text(f"No entity corrections for this corpus (they would be kept in {path})."), soft_wrap=True)
        return
    stdout.print(Text(f"{plural(len(listed), 'entity correction')} in {path}", style="bold"), soft_wrap=True)
    grid = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    grid.add_column("#", justify="right", no_wrap=True)
    grid.add_column("correction")
    for item in listed:
        grid.add_row(str(item.number), Text(item.describe(), style="" if item.correction else "dim"))
    stdout.print(grid)
    stdout.print(Text("ceasefire-tui entities --undo N undoes one", style="dim"))


# --- comparison -------------------------------------------------------------------

_KIND_STYLES = {SAME: "bold green", DIFFERS: "bold magenta", RELATED: "dim", MOVED: "bold cyan"}


def print_comparison(comparison) -> None:
    """The rows in both articles' order: pairs with their mark and score,
    moved pairs pointing at their partner's row, then what differs."""
    a, b = comparison.a, comparison.b
    sentences_a, sentences_b = a.sentence_texts(), b.sentence_texts()
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column(Text(f"A · {a.source or _UNKNOWN_OUTLET}\n{a.title}"), ratio=1)
    table.add_column("", justify="center", no_wrap=True, width=7)
    table.add_column(Text(f"B · {b.source or _UNKNOWN_OUTLET}\n{b.title}"), ratio=1)
    headlines = comparison.headlines
    table.add_row(Text("headline", style="dim"), Text(f"{headline_mark(headlines.kind)}\n{headlines.score:.2f}",
                                                       style=_KIND_STYLES.get(headlines.kind, "")),
                  Text(f"{headlines.kind}", style="dim"))
    for number, row in enumerate(comparison.rows):
        pair, kind = row.pair, row.kind
        dim = "dim" if kind == RELATED else ""
        cells = []
        for indexes, sentences, diffs in ((row.a, sentences_a, pair.a_diff if pair else ()),
                                          (row.b, sentences_b, pair.b_diff if pair else ())):
            text, ranges = run_text(sentences, indexes, diffs if kind in (SAME, DIFFERS) else ())
            cell = styled(text, ranges, "bold underline") if indexes else Text("")
            if dim:
                cell.stylize(dim)
            cells.append(cell)
        if kind == MOVED:
            marker = Text(f"{pair_mark(pair)} moved\n{moved_pointer(comparison.rows, number)}", style=_KIND_STYLES[MOVED])
        elif pair is not None:
            marker = Text(f"{pair_mark(pair)}\n{pair.score:.2f}", style=_KIND_STYLES[kind])
        else:
            marker = Text(f"{ONLY} A" if row.a else f"B {ONLY}", style="bold red")
        table.add_row(cells[0], marker, cells[1])
    stdout.print(table)
    tally = counts(comparison)
    stdout.print(Text.assemble(
        (f"{tally[SAME]} same", "bold"), " · ", (f"{tally[DIFFERS]} differ", "bold"), " · ",
        (f"{tally[RELATED]} related (not counted)", "bold"), " · ", (f"{tally[MOVED]} moved", "bold"), " · ",
        (f"{tally[ONLY_A]} only in A", "bold"), " · ", (f"{tally[ONLY_B]} only in B", "bold"),
    ))
    stdout.print(Text(LEGEND, style="dim"))
    for pair in comparison.of_kind(DIFFERS):
        where = f"{span_label('A', pair.a_indexes)} / {span_label('B', pair.b_indexes)}"
        stdout.print(Text.assemble(("Differs ", "bold"), f"{where}: ", evidence_line(pair)))
    for side, label in (("only_a", "Only A names"), ("only_b", "Only B names")):
        names = [item.name for item in getattr(comparison.entities, side)]
        if names:
            stdout.print(Text.assemble((f"{label}: ", "bold"), ", ".join(names)))
    for differ in comparison.figures.differ:
        stdout.print(Text.assemble(("Figures differ: ", "bold"), f"A {differ.a.surface}  ·  B {differ.b.surface}"))
    for side, label in (("only_a", "Figures only in A"), ("only_b", "Figures only in B")):
        figures = [figure.surface for figure in getattr(comparison.figures, side)]
        if figures:
            stdout.print(Text.assemble((f"{label}: ", "bold"), "; ".join(figures)))


def print_added(outcomes: list[Added], articles: dict, skipped: dict[str, str], indexed: bool) -> None:
    """One line per URL: where it was saved and the articles read from it,
    or nothing here for a refused one (its reason goes to stderr)."""
    for outcome in outcomes:
        if outcome.path is None:
            continue
        line = Text(f"{'updated' if outcome.updated else 'saved'} {printable(outcome.url)} → "
                    f"{printable(str(outcome.path))}")
        ids = articles.get(outcome.path, [])
        if ids:
            shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
            line.append(f" ({plural(len(ids), 'article')}: {shown})", style="dim")
        elif indexed:
            reason = skipped.get(str(outcome.path), "no article was read from it")
            line.append(f" (not indexed: {printable(reason)})", style="dim")
        stdout.print(line, soft_wrap=True)


# --- two copies of one story ----------------------------------------------------------


def print_copy_diff(diff) -> None:
    """What B cut, added or swapped, from A (a ``CopyDiff``)."""
    stdout.print()
    stdout.print(Text.assemble(("Copies of one wire story", "bold"),
                               f": {diff.shared_words} of A's {diff.words_a} words are in B's {diff.words_b}"))
    styles = {"cut": ("B cut", "red"), "added": ("B added", "green"), "swapped": ("B swapped", "yellow")}
    for change in diff.changes:
        label, style = styles[change.kind]
        line = Text(f"{label}: ", style=f"bold {style}")
        if change.a_text:
            line.append(change.a_text, style="strike" if change.kind == "cut" else "")
        if change.kind == "swapped":
            line.append(" → ")
        if change.b_text:
            line.append(change.b_text, style="underline")
        stdout.print(line)
