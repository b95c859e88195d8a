"""The story's coverage grids, outlets across: entity × outlet (how many
articles of each outlet name an entity) and fact × outlet (how many report
a fact). Each row's "outl." counts the independent outlets, copies of one
wire story once, as the engine orders the rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ceasefire_tui.index import plural
from rich.text import Span, Text

from .story_rows import (
    DIFFERS,
    NOT_DIFFERS,
    Section,
    StoryRow,
    _fact_places,
    _joined,
    cell,
    fact_detail,
)
from .widgets.comparison_layout import clean

ABSENT = "·"  # a cell: the outlet does not name the entity, or report the fact
_NAME_CELLS, _TYPE_CELLS, _COUNT_CELLS = 26, 8, 6
_FROZEN = _NAME_CELLS + _TYPE_CELLS + _COUNT_CELLS  # cells that stay put while the outlets scroll


def _leftmost_first(by_outlet_of_rows: Iterable[dict[str, int]]) -> list[str]:
    """The outlets, those in the most rows leftmost."""
    rows_of = Counter(outlet for by_outlet in by_outlet_of_rows for outlet in by_outlet)
    return sorted(rows_of, key=lambda outlet: (-rows_of[outlet], outlet))


def _header(first: str, second: str, outlets: list[str], cell_width: int) -> Text:
    header = Text.assemble((cell(first, _NAME_CELLS) + cell(second, _TYPE_CELLS) + cell("outl.", _COUNT_CELLS),
                            "heading"))
    for outlet in outlets:
        header.append(cell(outlet, cell_width - 1) + " ", "heading")
    return header


def _counts(line: Text, by_outlet: dict[str, int], outlets: list[str], cell_width: int) -> Text:
    """``line`` with each outlet's cell: its count, or ABSENT dimmed. Built
    as one string with a span per run of absent cells: a grid of thousands
    of facts by hundreds of outlets appended cell by cell took seconds."""
    width = cell_width - 1
    absent = cell(ABSENT, width).rjust(width) + " "
    pieces, muted = [], []
    at = run_start = len(line)
    for outlet in outlets:
        count = by_outlet.get(outlet)
        if count:
            if run_start < at:
                muted.append(Span(run_start, at, "muted"))
            piece = cell(str(count), width).rjust(width) + " "
            run_start = at + len(piece)
        else:
            piece = absent
        pieces.append(piece)
        at += len(piece)
    if run_start < at:
        muted.append(Span(run_start, at, "muted"))
    line.append("".join(pieces))
    line.spans.extend(muted)
    return line


_SCROLL = "{story.left}/{story.right} scroll the outlets · {story.coverage_rows}: "


def coverage_section(story, cell_width: int = 9) -> Section:
    """Entity × outlet: the outlets that name the most entities leftmost."""
    outlets = _leftmost_first(row.by_outlet for row in story.coverage)
    rows = []
    for row in story.coverage:
        line = Text.assemble((cell(row.entity, _NAME_CELLS), "bold"), (cell(row.type, _TYPE_CELLS), "muted"),
                             (cell(str(row.independent), _COUNT_CELLS), "accent"))
        rows.append(StoryRow(_counts(line, row.by_outlet, outlets, cell_width), lambda row=row: coverage_detail(row),
                             key=row.entity))
    return Section("Coverage", rows, header=_header("entity", "type", outlets, cell_width), frozen=_FROZEN,
                   empty="No named entities.",
                   note=f"{plural(len(story.coverage), 'entity', 'entities')} × {plural(len(outlets), 'outlet')}: "
                        "articles of each outlet that name it; outl.: outlets, copies of one wire story counted once"
                        " · " + _SCROLL + "facts × outlet")


def coverage_detail(row) -> Text:
    reach = plural(len(row.by_outlet), "outlet") + (f", {row.independent} independent" if row.merged else "")
    parts = [Text.assemble((clean(row.entity), "bold"), (f" · {row.type} · named by {reach}", "muted"))]
    for outlet, count in sorted(row.by_outlet.items(), key=lambda item: (-item[1], item[0])):
        parts.append(Text.assemble("• ", (clean(outlet), "bold"), f": {plural(count, 'article')}"))
    return _joined(parts)


def fact_coverage_section(story, cell_width: int = 9) -> Section:
    """Fact × outlet, for the facts several outlets report (most independent
    outlets first): how many articles of each outlet report it. Enter reads
    it where an article says it, as in the facts."""
    facts = [fact for fact in story.facts if len(fact.outlets) > 1]
    by_outlet_of = [Counter(story.sources[report.article].outlet for report in fact.reports) for fact in facts]
    outlets = _leftmost_first(by_outlet_of)
    rows = []
    for fact, by_outlet in zip(facts, by_outlet_of):
        mark = (DIFFERS if fact.differs else NOT_DIFFERS, "differs")
        # The mark and the wording in the entity's and type's cells, a space before the count.
        line = Text.assemble(mark, cell(fact.text, _NAME_CELLS + _TYPE_CELLS - len(DIFFERS) - 1) + " ",
                             (cell(str(fact.independent), _COUNT_CELLS), "accent"))
        rows.append(StoryRow(_counts(line, by_outlet, outlets, cell_width), lambda fact=fact: fact_detail(story, fact),
                             _fact_places(story, fact), fact.differs, key=id(fact)))
    return Section("Coverage", rows, header=_header("fact (≠: outlets differ)", "", outlets, cell_width),
                   frozen=_FROZEN, empty="No fact is reported by several outlets.",
                   note=f"{plural(len(facts), 'fact')} several outlets report × {plural(len(outlets), 'outlet')}: "
                        "articles of each outlet that report it; outl.: outlets, copies of one wire story counted "
                        "once · " + _SCROLL + "entities × outlet")
