"""The story screen's sections as rows: each row one line of the list, the
text of the pane under it when it is highlighted, and the places (an
article and a range of its text) Enter can open.

Plain functions of a :class:`~index.Story`, tested without a terminal.
Article text goes into Rich ``Text`` as plain text; its spans carry role
names ("differs", "muted", …) that the list widget turns into the theme's
styles (comparison_layout.resolve), never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from ceasefire_tui.index import day_of, plural

from .widgets.comparison_layout import clean

DIFFERS = "≠ "
NOT_DIFFERS = "  "
# The highlighted row's pane lists this many reports: it is redrawn at every
# move, and Enter lists them all.
DETAIL_REPORTS = 40


@dataclass(frozen=True, slots=True)
class Place:
    """Where one report of a fact, figure or quote is: a range of an article's text."""

    article: str
    start: int
    end: int
    outlet: str
    title: str
    published: str | None
    wording: str  # the words at that place, as the article has them


@dataclass(frozen=True, slots=True)
class StoryRow:
    line: Text  # one line; what does not fit is cut at the screen's edge
    detail: Callable[[], Text]  # the highlighted row's full text, built when it is shown
    places: tuple[Place, ...] = ()
    differs: bool = False
    key: object = None  # what the row shows (kept highlighted when the rows are reordered)


@dataclass(slots=True)
class Section:
    name: str
    rows: list[StoryRow]
    header: Text | None = None  # the columns' names, kept on top while scrolling
    frozen: int = 0  # cells of each line that stay put when the rest scrolls sideways
    empty: str = "Nothing here."
    note: str = ""  # said under the tabs (what the section counts); "{binding id}" names its key


def cell(text: str, width: int) -> str:
    """``text`` cut or padded to ``width`` cells (an ellipsis where cut)."""
    text = clean(text)
    if cell_len(text) > width:
        return set_cell_size(text, max(0, width - 1)) + "…"
    return set_cell_size(text, width)


def date_of(published: str | None) -> str:
    return (day_of(published) or published or "") if published else ""


def _place(story, article: str, start: int, end: int, wording: str) -> Place:
    source = story.sources[article]
    return Place(article, start, end, source.outlet, source.title, source.published, wording)


def _report_line(place: Place, shown: str | None = None) -> Text:
    """“• outlet · date · title”, then the wording when it is not ``shown``."""
    line = Text("• ")
    line.append(clean(place.outlet), "bold")
    if place.published:
        line.append(f" · {date_of(place.published)}", "muted")
    line.append(" · ")
    line.append(clean(place.title), "italic")
    if place.wording and place.wording != shown:
        line.append("\n    “" + clean(place.wording) + "”")
    return line


def _report_lines(places: tuple[Place, ...], shown: str) -> list[Text]:
    """The first DETAIL_REPORTS places as lines, then how many more Enter lists."""
    lines = [_report_line(place, shown) for place in places[:DETAIL_REPORTS]]
    if len(places) > DETAIL_REPORTS:
        lines.append(Text(f"… and {plural(len(places) - DETAIL_REPORTS, 'more article')} (Enter lists them all)",
                          "muted"))
    return lines


def _joined(lines: list[Text]) -> Text:
    return Text("\n").join(lines)


def _reach(carried) -> str:
    """“4 outlets, 3 independent” when some carry copies of one wire story, else “4 outlets”."""
    reach = plural(len(carried.outlets), "outlet")
    return reach + (f", {carried.independent} independent" if carried.merged else "")


def _copies_lines(story, copies) -> list[Text]:
    """A line per wire story carried by several of the reports: the outlets counted as one."""
    return [Text("Copies of one wire story, counted once: "
                 + ", ".join(dict.fromkeys(clean(story.sources[article].outlet) for article in ids)), "muted")
            for ids in copies]


# --- facts ---------------------------------------------------------------------------


def _fact_places(story, fact) -> tuple[Place, ...]:
    return tuple(_place(story, r.article, r.start, r.end, r.text) for r in fact.reports)


def fact_detail(story, fact) -> Text:
    places = _fact_places(story, fact)
    parts = [Text(clean(fact.text), "bold")]
    if fact.only_in:
        parts.append(Text.assemble(("Only in ", "only"), (clean(fact.only_in), "only")))
    else:
        parts.append(Text(f"Reported by {_reach(fact)} ({plural(len(fact.reports), 'article')}):", "muted"))
    parts += _report_lines(places, fact.text)
    parts += _copies_lines(story, fact.copies)
    if fact.first and story.sources[fact.first].published:
        first = story.sources[fact.first]
        parts.append(Text.assemble(("First: ", "muted"), (clean(first.outlet), "bold"),
                                   f", {date_of(first.published)}"))
    for difference in fact.differences:
        a, b = story.sources[difference.a].outlet, story.sources[difference.b].outlet
        parts.append(Text.assemble((DIFFERS + difference.check, "differs"), ": ", clean(difference.detail),
                                   (f" (A {clean(a)}, B {clean(b)})", "muted")))
    return _joined(parts)


def fact_line(fact) -> Text:
    """The mark, the independent reports (copies of one wire story once), and
    "+2 copies" for the outlets that carry copies, then the fact."""
    line = Text.assemble((DIFFERS if fact.differs else NOT_DIFFERS, "differs"))
    line.append(f"{fact.independent:>4}  ", "accent")
    if fact.merged:
        line.append(f"+{plural(fact.merged, 'copy', 'copies')} · ", "muted")
    if fact.only_in:
        line.append("only in ", "only")
        line.append(clean(fact.only_in), "only")
        line.append(" · ", "muted")
    line.append(clean(fact.text))
    return line


def fact_row(story, fact) -> StoryRow:
    return StoryRow(fact_line(fact), lambda: fact_detail(story, fact), _fact_places(story, fact),
                    fact.differs, key=id(fact))


def facts_section(story) -> Section:
    """The facts, most independent outlets first (the engine's order)."""
    return Section(
        "Facts", [fact_row(story, fact) for fact in story.facts],
        header=Text.assemble((cell("", 2), "heading"), ("outl.  ", "heading"), ("fact (≠: outlets differ)", "heading")),
        empty="No sentences in these articles.", note=facts_note(story, differing_first=False),
    )


def facts_note(story, differing_first: bool) -> str:
    several = sum(len(fact.outlets) > 1 for fact in story.facts)
    differing = sum(fact.differs for fact in story.facts)
    order = "outlets that differ first" if differing_first else "most independent outlets first"
    return (f"{plural(several, 'fact')} reported by several outlets, {differing} of them differently; "
            f"{len(story.facts) - several} by one · outl.: outlets, copies of one wire story counted once · {order}")


# --- figures ---------------------------------------------------------------------------

# 116 cells with the mark: the date still shows at 120 columns.
_FIGURE_COLUMNS = (("kind", 16), ("as written", 24), ("qualifier", 12), ("attribution", 26), ("outlet", 20),
                   ("date", 10))


def figures_section(story) -> Section:
    rows = []
    for group in story.figures:
        kind = f"{group.kind} {group.unit}".strip()
        for report in group.reports:
            source = story.sources[report.article]
            line = Text.assemble((DIFFERS if group.conflict else NOT_DIFFERS, "differs"))
            values = (kind, report.surface, report.qualifier or "", report.attribution or "", source.outlet,
                      date_of(source.published))
            for column, ((_, width), value) in enumerate(zip(_FIGURE_COLUMNS, values)):
                line.append(cell(value, width) + " ", "differs" if group.conflict and column == 0 else "")
            place = _place(story, report.article, report.start, report.end, report.surface)
            rows.append(StoryRow(line, lambda group=group, report=report: figure_detail(story, group, report),
                                 (place,), group.conflict, key=(id(group), report.article, report.start)))
    header = Text(cell("", 2))
    for name, width in _FIGURE_COLUMNS:
        header.append(cell(name, width) + " ", "heading")
    conflicts = sum(group.conflict for group in story.figures)
    return Section("Figures", rows, header=header, empty="No counts, sums, durations or percentages.",
                   note=f"{plural(len(story.figures), 'quantity', 'quantities')}, "
                        f"{conflicts} given differently by the outlets (≠)")


def figure_detail(story, group, report) -> Text:
    kind = f"{group.kind} {group.unit}".strip()
    values = " / ".join(f"{value:,g}" for value in group.values)
    head = Text.assemble((clean(kind), "bold"), ": ", values)
    if group.conflict:
        head.append("  " + DIFFERS + "the outlets give different values or bounds", "differs")
    parts = [head]
    for other in group.reports:
        source = story.sources[other.article]
        line = Text.assemble(("▶ " if other is report else "• ", "accent"))
        line.append(clean(other.surface), "bold")
        if other.attribution:
            line.append(f" — {clean(other.attribution)}", "muted")
        line.append(f"  {clean(source.outlet)}")
        if source.published:
            line.append(f" · {date_of(source.published)}", "muted")
        line.append(" · ")
        line.append(clean(source.title), "italic")
        parts.append(line)
    return _joined(parts)


# --- quotes ------------------------------------------------------------------------------


def quotes_section(story) -> Section:
    """Each quotation with its speaker, most independent outlets first (the engine's order)."""
    rows = []
    for speaker in story.speakers:
        name = speaker.name or "unattributed"
        for quotation in speaker.quotations:
            line = Text.assemble(NOT_DIFFERS, (cell(name, 24) + " ", "bold" if speaker.name else "muted"),
                                 (f"{quotation.independent:>4}  ", "accent"))
            if quotation.merged:
                line.append(f"+{plural(quotation.merged, 'copy', 'copies')} · ", "muted")
            line.append("“" + clean(quotation.text) + "”")
            places = tuple(_place(story, r.article, r.start, r.end, r.text) for r in quotation.reports)
            rows.append(StoryRow(line, lambda speaker=speaker, quotation=quotation, places=places:
                                 quote_detail(story, speaker, quotation, places), places, key=id(quotation)))
    header = Text.assemble(cell("", 2), (cell("speaker", 24) + " ", "heading"), ("outl.  ", "heading"),
                           ("quotation", "heading"))
    quoted = sum(len(speaker.quotations) for speaker in story.speakers)
    return Section("Quotes", rows, header=header, empty="No quotations.",
                   note=f"{plural(quoted, 'quotation')} by {plural(len(story.speakers), 'speaker')}, "
                        "the same words carried by several outlets as one · outl.: outlets, copies of one wire "
                        "story counted once")


def quote_detail(story, speaker, quotation, places: tuple[Place, ...]) -> Text:
    who = Text.assemble((clean(speaker.name) if speaker.name else "Unattributed", "bold"))
    who.append(f" · quoted by {_reach(speaker)}", "muted")
    parts = [who, Text("“" + clean(quotation.text) + "”"),
             Text(f"These words carried by {_reach(quotation)}:", "muted")]
    parts += _report_lines(places, quotation.text)
    parts += _copies_lines(story, quotation.copies)
    return _joined(parts)


# --- timeline -----------------------------------------------------------------------------


def timeline_section(story) -> Section:
    """Facts several outlets report (at their first report) and figures (at
    the article giving each), in time order; a figure's row is its kind
    and value, so a toll climbing from day to day reads down the list."""
    rows = []
    for entry in story.timeline():
        source = story.sources[entry.article]
        line = Text.assemble((DIFFERS if entry.differs else NOT_DIFFERS, "differs"))
        line.append(cell(entry.day, 10) + "  ", "accent")
        line.append(cell(source.outlet, 22) + " ", "bold")
        if entry.fact:
            fact = entry.fact
            line.append(f"{fact.independent:>4}  ", "accent")
            line.append(clean(fact.text))
            rows.append(StoryRow(line, lambda fact=fact: fact_detail(story, fact), _fact_places(story, fact),
                                 fact.differs, key=id(fact)))
            continue
        group, report = entry.figure, entry.report
        line.append(cell("fig.", 6), "muted")
        line.append(clean(f"{group.kind} {group.unit}".strip()) + ": ", "muted")
        line.append(clean(report.surface))
        place = _place(story, report.article, report.start, report.end, report.surface)
        rows.append(StoryRow(line, lambda group=group, report=report: figure_detail(story, group, report),
                             (place,), group.conflict, key=(id(group), report.article, report.start)))
    header = Text.assemble(cell("", 2), (cell("date", 10) + "  ", "heading"), (cell("reported first by", 22) + " ",
                                                                                "heading"),
                           ("outl.  ", "heading"), ("fact, or fig.: a figure", "heading"))
    return Section("Timeline", rows, header=header,
                   empty="No fact several outlets report, and no figure, has a known publication date.",
                   note="facts several outlets report, by the date of the first report, and figures, by the date "
                        "of the article giving each (undated articles left out)")
