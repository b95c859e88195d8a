"""The ``story`` command's output for people, with Rich: facts with the
outlets that report them, figures, quotes by speaker, the coverage grid.
Article text goes into ``Text`` objects, never into markup."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ceasefire_tui.index import plural

from .console import stdout

# People read the head of each list; --json and --markdown carry everything.
SHOWN = 20


def print_story(story) -> None:
    several = [fact for fact in story.facts if len(fact.outlets) > 1]
    only = [fact for fact in story.facts if fact.only_in]
    stdout.print(Text.assemble(
        (plural(len(story.sources), "article"), "bold"), f" from {plural(len(story.outlets), 'outlet')}: ",
        f"{plural(len(several), 'fact')} reported by several outlets "
        f"({sum(fact.differs for fact in several)} differently), {len(only)} by one",
    ))
    facts = Table(title="Facts", show_header=True, header_style="bold", expand=True, show_lines=True)
    facts.add_column("fact", ratio=3)
    facts.add_column("outlets", ratio=1)
    for fact in several[:SHOWN]:
        text = Text(fact.text)
        for difference in fact.differences:
            text.append(f"\n≠ {difference.check}: {difference.detail} ({difference.a} / {difference.b})",
                        style="bold red")
        outlets = Text(", ".join(fact.outlets))
        if fact.merged:  # the sites carrying copies of one wire story: one report
            outlets.append(f"\n({fact.independent} independent)", style="dim")
        facts.add_row(text, outlets)
    stdout.print(facts)
    _more(len(several))
    figures = Table(title="Figures", show_header=True, header_style="bold", expand=True)
    for column in ("kind", "as written", "attribution", "outlet", "date"):
        figures.add_column(column)
    for group in story.figures[:SHOWN]:
        for report in group.reports:
            source = story.sources[report.article]
            kind = Text(f"{group.kind} {group.unit}".strip(), style="bold red" if group.conflict else "")
            if group.conflict:
                kind.append(" ≠")
            figures.add_row(kind, Text(report.surface), Text(report.attribution or ""), Text(source.outlet),
                            Text(source.published or ""))
    stdout.print(figures)
    _more(len(story.figures))
    for speaker in story.speakers[:SHOWN]:
        stdout.print(Text.assemble((speaker.name or "Unattributed", "bold"),
                                   f" · {_reach(speaker)}: {', '.join(speaker.outlets)}"))
        for quotation in speaker.quotations:
            carriers = ", ".join(quotation.outlets)
            if quotation.merged:
                carriers += f"; {quotation.independent} independent"
            stdout.print(Text.assemble("  “", quotation.text, "” ", (f"({carriers})", "dim")))
    _more(len(story.speakers))


def _reach(speaker) -> str:
    """“3 outlets, 2 independent” when some carry copies of one wire story (counted once)."""
    reach = plural(len(speaker.outlets), "outlet")
    return reach + (f", {speaker.independent} independent" if speaker.merged else "")


def _more(total: int) -> None:
    if total > SHOWN:
        stdout.print(Text(f"… {total - SHOWN} more (--json or --markdown for all)", style="dim"))
